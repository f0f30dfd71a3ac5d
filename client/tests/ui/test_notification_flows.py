"""Notifications, at phone and at desktop size: the bell shows how many are unread, a tap on a
notification opens what it is about and marks it read (checked through the API), and the
navigation highlights Profil on Notiser and Mina bokningar (pages Profil leads to); and
"Gå med" on a seminar says when its room opens."""

import re
import secrets
from datetime import UTC, datetime, timedelta

from playwright.async_api import Browser, Page, expect

from tests.support import ui
from tests.support.checkout import pay_on_checkout_page
from tests.ui.conftest import open_signed_in
from wisdom_app import formatting as fmt
from wisdom_app.api import ApiClient


async def profile_is_highlighted(page: Page, size: str) -> None:
    """Profil is the selected place of the navigation (a tab on a phone, the rail on desktop)."""
    if size == "phone":
        await expect(page.get_by_role("tab", name="Profil", selected=True)).to_have_count(1)
    else:
        await expect(
            page.locator('[aria-current="true"], [aria-selected="true"]').filter(has_text="Profil")
        ).to_have_count(1)


async def test_a_message_notification_opens_the_conversation(
    web_app: ui.WebApp, browser: Browser, new_teacher: ApiClient, new_student: ApiClient, size: str
) -> None:
    # A real action that notifies the student: the teacher writes to them.
    student_id = str((await new_student.me())["id"])
    conversation = await new_teacher.open_conversation(student_id)
    body = f"Välkommen till kvällens meditation {secrets.token_hex(2)}!"
    await new_teacher.send_message(str(conversation["id"]), body)
    assert (await new_student.notifications())["unread_count"] == 1

    page = await open_signed_in(browser, web_app, size, new_student)
    await ui.see(page, "1 oläst notis")  # the number on the bell
    await ui.screenshot(page, f"flow-notifications-bell-{size}")
    await ui.press(page, "Notiser")
    await ui.see(page, "Nytt meddelande från Tove Lärare")
    await profile_is_highlighted(page, size)
    await ui.screenshot(page, f"flow-notifications-list-{size}")

    await ui.click(page, "button", "Nytt meddelande från Tove Lärare", exact=False)
    await ui.see(page, body)  # the conversation, with the message
    await expect(page).to_have_url(re.compile(f"/messages/{conversation['id']}$"))
    await ui.screenshot(page, f"flow-notifications-opened-{size}")

    notes = await new_student.notifications()
    assert notes["unread_count"] == 0
    assert notes["items"][0]["kind"] == "message" and notes["items"][0]["read_at"]
    await expect(page.get_by_label(re.compile("oläst"))).to_have_count(0)  # the bell's number went


async def test_a_payment_notification_opens_the_course_sold(
    web_app: ui.WebApp, browser: Browser, new_teacher: ApiClient, new_student: ApiClient, size: str
) -> None:
    # The teacher sells a course; the student buys it through the test checkout.
    title = f"Andas lugnt {secrets.token_hex(2)}"
    course = await new_teacher.create_course({"title": title, "summary": "Andning", "price_cents": 19000})
    module = await new_teacher.create_module(str(course["id"]), "Början")
    await new_teacher.create_lesson(str(module["id"]), "Första andetaget")
    await new_teacher.publish_course(str(course["id"]))
    order = await new_student.create_order("course", str(course["id"]))
    await pay_on_checkout_page((await new_student.create_checkout(str(order["id"])))["checkout_url"])
    notes = await new_teacher.notifications()
    assert notes["unread_count"] == 2  # the approved application, and the payment

    page = await open_signed_in(browser, web_app, size, new_teacher)
    await ui.see(page, "2 olästa notiser")
    await ui.press(page, "Notiser")
    await ui.click(page, "button", f"Ny betalning: {title}", exact=False)
    await expect(page).to_have_url(re.compile(f"/courses/{course['id']}$"))
    await ui.see(page, title)
    await ui.see(page, "1 oläst notis")  # the bell counts one fewer
    await ui.screenshot(page, f"flow-notifications-order-{size}")

    paid = next(n for n in (await new_teacher.notifications())["items"] if n["kind"] == "order_paid")
    assert paid["read_at"] and paid["data"]["order_id"] == str(order["id"])


async def test_mina_bokningar_is_highlighted_under_profil(
    web_app: ui.WebApp, browser: Browser, new_student: ApiClient, size: str
) -> None:
    page = await open_signed_in(browser, web_app, size, new_student)
    await ui.press(page, "Mina bokningar")
    await ui.see(page, "Mina bokningar")
    await profile_is_highlighted(page, size)
    await ui.screenshot(page, f"flow-notifications-bookings-nav-{size}")


async def test_join_says_when_the_seminar_room_opens(
    web_app: ui.WebApp, browser: Browser, new_teacher: ApiClient, new_student: ApiClient, size: str
) -> None:
    title = f"Kvällsandning {secrets.token_hex(2)}"
    starts = (datetime.now(UTC) + timedelta(hours=1)).replace(microsecond=0)
    seminar = await new_teacher.create_seminar(
        {"title": title, "starts_at": starts.isoformat(), "duration_minutes": 45, "capacity": 5, "price_cents": 0}
    )
    await new_student.register_seminar(str(seminar["id"]))
    opens = (await new_student.seminar(str(seminar["id"])))["room_opens_at"]

    try:
        page = await open_signed_in(browser, web_app, size, new_student)
        await ui.go_to(page, "Seminarier")
        await ui.see(page, title)  # starting in an hour, it is at the top of the list
        await ui.see(page, f"Rummet öppnar 15 min före start, kl {fmt.clock(opens)}")
        await ui.screenshot(page, f"flow-seminar-room-opens-{size}")
    finally:
        # Off the list again: other tests find their seminars near its top.
        await new_teacher.cancel_seminar(str(seminar["id"]), "Testet är klart.")
