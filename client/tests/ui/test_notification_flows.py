"""Notifications, at phone and at desktop size: the bell shows how many are unread, a tap on a
notification opens what it is about and marks it read (checked through the API), and the
navigation highlights Profil on Notiser and Mina bokningar (pages Profil leads to)."""

import re
import secrets

from playwright.async_api import Browser, Page, expect

from tests.support import ui
from tests.ui.conftest import open_signed_in
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


async def test_mina_bokningar_is_highlighted_under_profil(
    web_app: ui.WebApp, browser: Browser, new_student: ApiClient, size: str
) -> None:
    page = await open_signed_in(browser, web_app, size, new_student)
    await ui.press(page, "Mina bokningar")
    await ui.see(page, "Mina bokningar")
    await profile_is_highlighted(page, size)
    await ui.screenshot(page, f"flow-notifications-bookings-nav-{size}")
