"""A new student in headless Chromium: the course page -> enroll in a free course -> a lesson ->
mark it done; and the seminar list -> register for a free seminar -> "Gå med"."""

import secrets
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, expect

from tests.support import ui
from tests.support.api_server import DEMO_PASSWORD, ApiServer
from tests.ui.conftest import sign_in
from wisdom_app.api import ApiClient
from wisdom_app.storage import MemoryTokenStore


@pytest.fixture
async def newcomer(api_server: ApiServer) -> AsyncIterator[ApiClient]:
    """A student registered for this test (no enrollments, no seats)."""
    client = ApiClient(api_server.url, MemoryTokenStore())
    await client.register(f"ny-{secrets.token_hex(4)}@example.se", DEMO_PASSWORD, "Nora Nilsson")
    yield client
    await client.aclose()


async def free_course(teacher: ApiClient) -> tuple[dict, dict]:
    """A published free course with one module and one lesson."""
    course = await teacher.create_course(
        {"title": f"Andas lugnt {secrets.token_hex(2)}", "summary": "Tre minuter om dagen"}
    )
    module = await teacher.create_module(str(course["id"]), "Början")
    lesson = await teacher.create_lesson(str(module["id"]), "Första andetaget")
    await teacher.update_lesson(str(lesson["id"]), {"content_md": "Andas in på fyra, ut på sex."})
    await teacher.publish_course(str(course["id"]))
    return course, lesson


async def test_enroll_in_a_free_course_and_finish_a_lesson(
    web_app: ui.WebApp, browser: Browser, teacher: ApiClient, newcomer: ApiClient
) -> None:
    course, lesson = await free_course(teacher)
    email = (await newcomer.me())["email"]
    # A link to the course page: after signing in the student lands on it.
    page = await ui.open_app(browser, f"{web_app.url}courses/{course['id']}", ui.PHONE)
    await sign_in(page, email)
    await ui.see(page, course["title"])
    await ui.click(page, "button", "Börja kursen (gratis)")
    await ui.see(page, "Du är inskriven. Välkommen!")
    await ui.see(page, "0 av 1 lektion klar")
    await ui.screenshot(page, "course-phone")
    await page.get_by_text(lesson["title"]).first.click()
    await ui.see(page, "Andas in på fyra, ut på sex.")
    await ui.click(page, "button", "Markera som klar")
    await ui.see(page, "Bra jobbat! 100 % av kursen är klar.")
    await expect(page.get_by_role("button", name="Klar")).to_be_visible()
    await ui.screenshot(page, "lesson-done-phone")
    progress = await newcomer.course_progress(str(course["id"]))
    assert progress["lessons_done"] == 1 and progress["percent"] == 100


async def test_register_for_a_free_seminar(web_app: ui.WebApp, browser: Browser, newcomer: ApiClient) -> None:
    seminar = next(s for s in (await newcomer.seminars())["items"] if s["is_free"] and s["status"] == "scheduled")
    email = (await newcomer.me())["email"]
    page = await ui.open_app(browser, web_app.url, ui.DESKTOP)
    await sign_in(page, email)
    await ui.click(page, "button", "Seminarier Flik", exact=False)
    await ui.see(page, seminar["title"])
    await ui.click(page, "button", "Anmäl dig")
    await ui.see(page, "Du är anmäld. Välkommen!")
    await expect(page.get_by_role("button", name="Gå med")).to_be_visible(timeout=15_000)
    await ui.screenshot(page, "seminars-desktop")
    assert (await newcomer.seminar(str(seminar["id"])))["viewer"]["seated"]
    # Before the room opens, "Gå med" says so in Swedish.
    await ui.click(page, "button", "Gå med")
    await ui.see(page, "Rummet öppnar strax före start.")
