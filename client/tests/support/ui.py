"""Serving the app as a Flet web app and driving it in headless Chromium.

Flutter paints on a canvas; its semantics tree becomes DOM nodes once the hidden
flt-semantics-placeholder is clicked, and then Playwright finds controls by role and label.
Typed text is sent key by key: Flutter takes values from real key events (fill() can be lost).
"""

import asyncio
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import flet as ft
import flet_web.fastapi as flet_fastapi
import httpx
import uvicorn
from playwright.async_api import Browser, Page

from tests.support.api_server import free_port

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 720}
CLIENT_DIR = Path(__file__).resolve().parents[2]
# Test runs write their screenshots to an ignored folder; `make screenshots` passes
# --screenshots=docs/screenshots to refresh the documentation's (see tests/conftest.py).
SCREENSHOTS = CLIENT_DIR / ".local" / "screenshots"


class WebApp:
    """The Flet app served by uvicorn in a background thread."""

    def __init__(self, main: Callable[[ft.Page], object]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        config = uvicorn.Config(
            flet_fastapi.app(main, no_cdn=True),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> "WebApp":
        self.thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url, timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the Flet web app did not start")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


async def open_app(browser: Browser, url: str, viewport: dict[str, int]) -> Page:
    """A new tab with the app, its semantics tree switched on. Requests leaving this machine
    are refused, so a test proves the app needs nothing from the internet to work."""
    page = await browser.new_page(viewport=viewport)  # type: ignore[arg-type]

    async def local_only(route):  # type: ignore[no-untyped-def]
        host = route.request.url.split("/")[2].split(":")[0]
        if host in ("127.0.0.1", "localhost"):
            await route.continue_()
        else:
            await route.abort()

    await page.route("**/*", local_only)
    await page.goto(url)
    await page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=60_000)
    await page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    return page


async def type_into(page: Page, label: str, text: str) -> None:
    """Type like a person, and check what the field holds: Flutter's web text field now and
    then drops a keystroke typed right after focusing it (a password one letter short made
    sign-in fail), so the text is typed again until the field holds it (three tries)."""
    field = page.get_by_role("textbox", name=label)
    for _ in range(3):
        await field.click()
        await page.keyboard.press("Control+A")
        await page.keyboard.press("Backspace")
        await page.keyboard.type(text, delay=20)
        if await _field_value(page, label) == text:
            return
    raise AssertionError(f"the field {label!r} did not take the text {text!r}")


async def _field_value(page: Page, label: str) -> str | None:
    """The focused field's value (Flutter keeps the editing <input> outside the semantics
    tree, so it is read from the active element)."""
    value: str | None = await page.evaluate(
        "() => { const e = document.activeElement; return e && 'value' in e ? e.value : null; }"
    )
    return value


async def click(page: Page, role: str, name: str, *, exact: bool = True) -> None:
    await page.get_by_role(role, name=name, exact=exact).first.click()  # type: ignore[arg-type]


async def see(page: Page, text: str, timeout: float = 15_000) -> None:
    """Wait until the text is in the semantics tree: as text, or inside a control's label
    (Flutter merges a card's or button's texts into one accessible name)."""
    await page.wait_for_function(
        """text => {
            const host = document.querySelector('flt-semantics-host');
            if (!host) return false;
            if (host.innerText.includes(text) || host.textContent.includes(text)) return true;
            return [...host.querySelectorAll('[aria-label]')].some(
                e => e.getAttribute('aria-label').includes(text));
        }""",
        arg=text,
        timeout=timeout,
    )


async def screenshot(page: Page, name: str) -> Path:
    """Save <name>.png in SCREENSHOTS once the frame has been painted."""
    await asyncio.sleep(0.6)  # the semantics tree updates before the canvas is painted
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    await page.screenshot(path=str(path))
    return path
