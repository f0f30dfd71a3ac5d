"""A student's flows, each at phone and at desktop size, each checked through the API after
the clicks: buying a course and finishing it to a certificate PDF, reacting on the wall, booking
a time (paying, opening its meeting link, cancelling it), and cancelling a seminar checkout to
buy again at once."""

import asyncio
import re
import secrets

from playwright.async_api import Browser, Page, expect

from tests.support import ui
from tests.ui.conftest import Opened, open_signed_in
from wisdom_app.api import ApiClient

MEETING_URL = "https://meet.example.se/wisdom-demo"


async def pay_in_the_browser(browser: Browser, opened: Opened) -> None:
    """What the buyer does in the browser the app opened: the test checkout's "Betala"."""
    checkout_url = await asyncio.wait_for(opened.urls.get(), timeout=15)
    checkout = await browser.new_page(viewport=ui.PHONE)
    await checkout.goto(checkout_url)
    await checkout.get_by_role("button", name="Betala (testläge)").click()
    await checkout.wait_for_load_state()
    await checkout.close()


async def cancel_in_the_browser(browser: Browser, opened: Opened) -> None:
    """The buyer changes their mind on the checkout page: "Avbryt"."""
    checkout_url = await asyncio.wait_for(opened.urls.get(), timeout=15)
    checkout = await browser.new_page(viewport=ui.PHONE)
    await checkout.goto(checkout_url)
    await checkout.get_by_role("link", name="Avbryt").click()
    await checkout.wait_for_load_state()
    await expect(checkout.get_by_text("Betalningen avbröts")).to_be_visible()
    await checkout.close()


async def paid_course(teacher: ApiClient) -> tuple[dict, dict]:
    """A published course for 390 kr with one module and one lesson."""
    course = await teacher.create_course(
        {"title": f"Sömn och vila {secrets.token_hex(2)}", "summary": "Kvällsrutiner", "price_cents": 39000}
    )
    module = await teacher.create_module(str(course["id"]), "Kvällen")
    lesson = await teacher.create_lesson(str(module["id"]), "Landa i kroppen")
    await teacher.update_lesson(str(lesson["id"]), {"content_md": "Lägg handen på magen och andas."})
    await teacher.publish_course(str(course["id"]))
    return course, lesson


async def test_buy_a_course_finish_it_and_download_the_certificate(
    web_app: ui.WebApp, browser: Browser, opened: Opened, teacher: ApiClient, new_student: ApiClient, size: str
) -> None:
    course, lesson = await paid_course(teacher)
    opened.clear()
    page = await open_signed_in(browser, web_app, size, new_student, f"courses/{course['id']}")
    await ui.see(page, course["title"])
    await ui.click(page, "button", "Köp kursen för 390 kr")
    await ui.see(page, "Väntar på betalning")
    await pay_in_the_browser(browser, opened)
    # The app follows the order; once paid the lessons open.
    await ui.see(page, ": Betald", timeout=20_000)
    await ui.click(page, "button", "Öppna kursen")
    await page.get_by_text(lesson["title"]).first.click()
    await ui.see(page, "Lägg handen på magen och andas.")
    await ui.click(page, "button", "Markera som klar")
    await ui.see(page, "Bra jobbat! 100 % av kursen är klar.")
    progress = await new_student.course_progress(str(course["id"]))
    assert progress["lessons_done"] == 1 and progress["percent"] == 100

    await ui.go_to(page, "Profil")
    await ui.see(page, "Kursintyg")
    await ui.see(page, course["title"])
    await ui.screenshot(page, f"flow-student-certificate-{size}")
    async with page.expect_download() as download_info:
        await ui.press(page, "Hämta PDF")
    download = await download_info.value
    pdf = (await download.path()).read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 1000
    assert download.suggested_filename.startswith("kursintyg-")


async def test_react_on_the_wall_and_see_the_count_change(
    web_app: ui.WebApp, browser: Browser, student: ApiClient, new_student: ApiClient, size: str
) -> None:
    post = await student.create_post(f"Tack för kvällens meditation! {secrets.token_hex(2)}")
    page = await open_signed_in(browser, web_app, size, new_student)
    if size == "phone":
        await ui.click(page, "button", "Väggen")  # the phone shows one list at a time
    await ui.see(page, post["body"])
    await page.get_by_role("button", name=re.compile("^Gilla")).first.click()
    await expect(page.get_by_role("button", name="Gilla, din reaktion 1").first).to_be_visible(timeout=15_000)
    await ui.screenshot(page, f"flow-student-reaction-{size}")
    seen = await new_student.wall_post(str(post["id"]))
    assert seen["reactions"].get("like") == 1 and "like" in seen["my_reactions"]
    # Pressed again, the reaction is taken back.
    await page.get_by_role("button", name="Gilla, din reaktion 1").first.click()
    await expect(page.get_by_role("button", name="Gilla, din reaktion 1")).to_have_count(0, timeout=15_000)
    assert (await new_student.wall_post(str(post["id"])))["reactions"].get("like", 0) == 0


async def bookable_session(teacher: ApiClient) -> dict:
    """A published 60-minute session of a teacher who takes bookings every day with a link."""
    await teacher.request(
        "PUT",
        "/me/availability",
        json={
            "min_notice_minutes": 60,
            "cancellation_window_hours": 0,  # free cancellation until the start
            "meeting_url": MEETING_URL,
            "weekly": [{"weekday": day, "start": "08:00", "end": "20:00"} for day in range(1, 8)],
        },
    )
    service = await teacher.create_service(
        {
            "title": f"Samtal {secrets.token_hex(2)}",
            "description": "Ett samtal om det som är viktigt för dig.",
            "kind": "session",
            "duration_minutes": 60,
            "delivery": "online",
            "price_cents": 50000,
        }
    )
    return await teacher.publish_service(str(service["id"]))


async def choose_first_time(page: Page) -> None:
    time_button = page.get_by_role("button", name=re.compile(r"^\d\d:\d\d$")).first
    await expect(time_button).to_be_visible(timeout=15_000)
    await time_button.click()
    await ui.see(page, "Vald tid:")


async def test_book_a_time_see_it_and_open_its_meeting_link(
    web_app: ui.WebApp,
    browser: Browser,
    opened: Opened,
    new_teacher: ApiClient,
    new_student: ApiClient,
    size: str,
) -> None:
    service = await bookable_session(new_teacher)
    opened.clear()
    page = await open_signed_in(browser, web_app, size, new_student, f"services/{service['id']}/book")
    await ui.see(page, "Välj en tid")
    await choose_first_time(page)
    await ui.click(page, "button", "Köp")
    await ui.see(page, "Väntar på betalning")
    await pay_in_the_browser(browser, opened)
    await ui.see(page, "Din tid är bokad:", timeout=20_000)
    await ui.see(page, "Ingen tid vald än.")  # the bought time is no longer selected
    [booking] = (await new_student.bookings(role="student"))["items"]
    assert booking["status"] == "booked" and booking["service_id"] == service["id"]

    await ui.click(page, "button", "Mina bokningar")
    await ui.see(page, service["title"])
    await ui.see(page, "Bokad ·")
    await ui.screenshot(page, f"flow-student-booking-{size}")
    await ui.click(page, "button", "Öppna möteslänken")
    assert await asyncio.wait_for(opened.urls.get(), timeout=10) == MEETING_URL
    # Cancelling asks first, and says the money comes back (well before the time).
    await ui.click(page, "button", "Avboka")
    await ui.see(page, "Avboka?")
    await ui.see(page, "Du får tillbaka pengarna.")
    await page.get_by_role("button", name="Avboka").last.click()
    await ui.see(page, "Bokningen är avbokad.")
    assert (await new_student.booking(str(booking["id"])))["status"] == "canceled"


async def paid_seminar(teacher: ApiClient) -> dict:
    seminar = await teacher.create_seminar(
        {
            "title": f"Vinterljus {secrets.token_hex(2)}",
            "description": "Ett samtal i mörkret.",
            "starts_at": "2027-01-20T18:00:00+00:00",
            "duration_minutes": 60,
            "capacity": 10,
            "price_cents": 12000,
            "allow_speaking": False,
        }
    )
    return seminar


async def test_cancel_a_seminar_checkout_and_buy_again_at_once(
    web_app: ui.WebApp,
    browser: Browser,
    opened: Opened,
    new_teacher: ApiClient,
    new_student: ApiClient,
    size: str,
) -> None:
    seminar = await paid_seminar(new_teacher)
    opened.clear()
    page = await open_signed_in(browser, web_app, size, new_student)
    await ui.go_to(page, "Seminarier")
    await ui.see(page, seminar["title"])
    card = page.get_by_role("group", name=seminar["title"])
    buy = card.get_by_role("button", name="Köp plats (120 kr)")
    await buy.click()
    await ui.see(page, "Väntar på betalning")
    await cancel_in_the_browser(browser, opened)
    # The app sees the order canceled and offers the seat again, at once.
    await ui.see(page, "Avbruten", timeout=20_000)
    await expect(buy).to_be_enabled()
    await buy.click()
    await pay_in_the_browser(browser, opened)
    await ui.see(page, "Du är anmäld", timeout=20_000)
    await ui.screenshot(page, f"flow-student-seminar-{size}")
    orders = (await new_student.my_orders())["items"]
    assert sorted(o["status"] for o in orders if o.get("seminar_id") == seminar["id"]) == ["canceled", "fulfilled"]
    assert (await new_student.seminar(str(seminar["id"])))["viewer"]["seated"]
