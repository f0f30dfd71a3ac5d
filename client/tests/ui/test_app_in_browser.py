"""The app as a person uses it: served as a Flet web app (no CDN), driven in headless Chromium
through the Flutter semantics tree. The screenshots in docs/screenshots/ come from here."""

import re

from playwright.async_api import Browser, expect

from tests.conftest import STUDENT, TEACHER
from tests.support import ui
from tests.ui.conftest import sign_in
from wisdom_app.api import ApiClient


async def test_sign_in_and_see_the_three_lists_filled(web_app: ui.WebApp, browser: Browser, student: ApiClient) -> None:
    newest = (await student.feed())["items"][0]
    first_service = (await student.services())["items"][0]
    page = await ui.open_app(browser, web_app.url, ui.DESKTOP)
    await ui.see(page, "Logga in")
    await ui.screenshot(page, "login-desktop")
    await sign_in(page, STUDENT)
    for heading in ("Mina kurser", "Gemensam vägg", "Tjänster"):
        await ui.see(page, heading)
    # Demo data in each list: an enrolled course, activities on the wall, active services.
    course_progress = page.get_by_role("progressbar", name=re.compile("lektioner? klara?"))
    await expect(course_progress.first).to_be_visible(timeout=15_000)
    await ui.see(
        page,
        newest["summary"][:40] if newest["kind"] == "wall_post" else newest["subject_title"],
    )
    await ui.see(page, first_service["title"])
    await expect(page.get_by_role("button", name="Köp").first).to_be_visible()
    await ui.screenshot(page, "home-desktop")


async def test_wrong_password_shows_a_swedish_message(web_app: ui.WebApp, browser: Browser) -> None:
    page = await ui.open_app(browser, web_app.url, ui.PHONE)
    await ui.see(page, "Logga in")
    await ui.type_into(page, "E-post", STUDENT)
    await ui.type_into(page, "Lösenord", "fel-losenord-1")
    await ui.click(page, "button", "Logga in")
    await ui.see(page, "Fel e-postadress eller lösenord.")
    await ui.screenshot(page, "login-error-phone")


async def test_change_the_display_name_and_see_it_saved(
    web_app: ui.WebApp, browser: Browser, student: ApiClient
) -> None:
    page = await ui.open_app(browser, web_app.url, ui.DESKTOP)
    await sign_in(page, STUDENT)
    await ui.see(page, "Gemensam vägg")
    await ui.click(page, "button", "Profil Flik", exact=False)
    await ui.see(page, "Visningsnamn")
    await ui.type_into(page, "Visningsnamn", "Maja Solberg")
    await ui.click(page, "button", "Spara")
    await ui.see(page, "Sparat")
    await ui.screenshot(page, "profile-desktop")
    assert (await student.me())["display_name"] == "Maja Solberg"
    # A new session reads the name from the API.
    again = await ui.open_app(browser, web_app.url, ui.PHONE)
    await sign_in(again, STUDENT)
    await ui.screenshot(again, "home-phone")
    await ui.go_to(again, "Profil")
    await ui.see(again, "Maja Solberg")


async def test_teacher_sees_the_studio(web_app: ui.WebApp, browser: Browser) -> None:
    page = await ui.open_app(browser, web_app.url, ui.DESKTOP)
    await sign_in(page, TEACHER)
    await ui.see(page, "Gemensam vägg")
    await ui.click(page, "button", "Studio Flik", exact=False)
    await ui.see(page, "Mina kurser")
    await ui.see(page, "Ny tjänst")
    await ui.screenshot(page, "studio-desktop")
