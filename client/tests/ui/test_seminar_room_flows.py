"""Joining a seminar whose room is open, at phone and at desktop size: in the web app "Gå med"
opens the room page (with a fresh token) in the browser, and the room's own address in the app
offers the browser too (the in-app web view is for iOS and macOS)."""

import asyncio
import secrets
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

from playwright.async_api import Browser

from tests.support import ui
from tests.ui.conftest import Opened, open_signed_in
from wisdom_app.api import ApiClient


async def test_join_an_open_room_in_the_browser(
    web_app: ui.WebApp, browser: Browser, opened: Opened, new_teacher: ApiClient, new_student: ApiClient, size: str
) -> None:
    title = f"Morgonandning {secrets.token_hex(2)}"
    starts = (datetime.now(UTC) + timedelta(minutes=10)).replace(microsecond=0)
    seminar = await new_teacher.create_seminar(
        {"title": title, "starts_at": starts.isoformat(), "duration_minutes": 30, "capacity": 5, "price_cents": 0}
    )
    seminar_id = str(seminar["id"])
    await new_student.register_seminar(seminar_id)
    opened.clear()
    try:
        page = await open_signed_in(browser, web_app, size, new_student)
        await ui.go_to(page, "Seminarier")
        await ui.see(page, title)
        await ui.click(page, "button", "Gå med")
        # The site's room page; the token and the seminar's title ride in the fragment.
        room = urlparse(await asyncio.wait_for(opened.urls.get(), timeout=15))
        assert room.path == "/room" and parse_qs(room.fragment)["name"] == [title], room
        first_token = parse_qs(room.fragment)["token"][0]

        # The room's address in the web app: the browser, with a token of its own.
        page = await open_signed_in(browser, web_app, size, new_student, f"seminars/{seminar_id}/room")
        await ui.see(page, "Seminariet hålls i webbläsaren")
        await ui.screenshot(page, f"seminar-room-in-browser-{size}")
        await ui.click(page, "button", "Öppna i webbläsaren")
        again = urlparse(await asyncio.wait_for(opened.urls.get(), timeout=15))
        assert again.path == "/room" and parse_qs(again.fragment)["token"][0] not in ("", first_token)
        await ui.click(page, "button", "Lämna rummet")
        await ui.see(page, title)
    finally:
        await new_teacher.cancel_seminar(seminar_id, "Testet är klart.")
