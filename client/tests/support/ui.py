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
from playwright.async_api import Browser, Locator, Page
from playwright.async_api import TimeoutError as PlaywrightTimeout

from tests.support import guard
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


class TestPages:
    """The pages the running test opened and the problems the app showed meanwhile (set by
    the UI tests' autouse fixture; see tests/ui/conftest.py)."""

    def __init__(self) -> None:
        self.problems = guard.Problems()
        self.pages: list[Page] = []


CURRENT = TestPages()


class WebApp:
    """The Flet app served by uvicorn in a background thread."""

    def __init__(self, main: Callable[[ft.Page], object]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        config = uvicorn.Config(
            # The app's assets (the brand's fonts, logo and icons) as `flet build` bundles them.
            flet_fastapi.app(main, no_cdn=True, assets_dir=str(CLIENT_DIR / "assets")),
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
    CURRENT.pages.append(page)
    guard.watch_page(page, CURRENT.problems)

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
        # Flutter makes its editing element a frame after the click: keys typed before it
        # exists are lost. A click that lands while a screen is still sliding in focuses
        # nothing, so it is clicked again.
        if not await _editing_element_appears(page):
            continue
        await page.keyboard.press("Control+A")
        await page.keyboard.press("Backspace")
        await page.keyboard.type(text, delay=20)
        if await _field_value(page, label) == text:
            return
    raise AssertionError(f"the field {label!r} did not take the text {text!r}")


async def field_text(page: Page, label: str) -> str | None:
    """What a text field holds now (it is focused to read it)."""
    for _ in range(3):
        await page.get_by_role("textbox", name=label).click()
        if await _editing_element_appears(page):
            return await _field_value(page, label)
    raise AssertionError(f"the field {label!r} took no focus")


async def _editing_element_appears(page: Page) -> bool:
    try:
        await page.wait_for_function(
            "() => ['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)", timeout=4_000
        )
    except PlaywrightTimeout:
        return False
    return True


async def _field_value(page: Page, label: str) -> str | None:
    """The focused field's value (Flutter keeps the editing <input> outside the semantics
    tree, so it is read from the active element)."""
    value: str | None = await page.evaluate(
        "() => { const e = document.activeElement; return e && 'value' in e ? e.value : null; }"
    )
    return value


async def click(page: Page, role: str, name: str, *, exact: bool = True) -> None:
    await page.get_by_role(role, name=name, exact=exact).first.click()  # type: ignore[arg-type]


async def press(page: Page, label: str) -> None:
    """A button by its label, or an icon button by its tooltip (Flutter puts the tooltip's text
    on a node around the unlabelled button)."""
    named = page.get_by_role("button", name=label, exact=True)
    tipped = page.locator(f'flt-semantics[aria-label="{label}"]:has([role="button"])')
    await named.or_(tipped).first.click()


async def scroll_until(page: Page, locator: Locator, steps: int = 30) -> None:
    """Scroll the list under the middle of the page until the locator is on screen (Flutter
    leaves what is far outside the view out of the semantics tree)."""
    await _scroll(page, locator, steps, on_screen=False)


async def scroll_onto_screen(page: Page, locator: Locator, steps: int = 30) -> None:
    """Like scroll_until, and on until the locator's top edge is drawn inside the window: before
    typing into a form's fields (Flutter keeps nodes a little outside the view in the semantics
    tree too, and a click on one of those lands on whatever is drawn at that spot)."""
    await _scroll(page, locator, steps, on_screen=True)


async def _scroll(page: Page, locator: Locator, steps: int, on_screen: bool) -> None:
    viewport = page.viewport_size or PHONE
    await page.mouse.move(viewport["width"] / 2, viewport["height"] * 0.6)
    for _ in range(steps):
        if await locator.count() and await locator.first.is_visible():
            box = await locator.first.bounding_box() if on_screen else None
            if not on_screen or (box is not None and 0 <= box["y"] < viewport["height"] - 90):
                return
        await page.mouse.wheel(0, 400)
        await asyncio.sleep(0.25)
    raise AssertionError(f"scrolled {steps} times and did not find {locator}")


async def go_to(page: Page, destination: str) -> None:
    """A place in the navigation: a tab of the bottom bar on a phone, the rail on desktop (its
    buttons are named like "Profil Flik 5 av 7": the app runs in Swedish)."""
    tab = page.get_by_role("tab", name=destination, exact=True)
    rail = page.get_by_role("button", name=f"{destination} Flik", exact=False)
    await tab.or_(rail).first.click()


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
    error = await guard.error_text_on_page(page)
    assert error is None, f"the page shows an error: {error!r}"


async def screenshot(page: Page, name: str) -> Path:
    """Save <name>.png in SCREENSHOTS once the frame has been painted."""
    await asyncio.sleep(0.6)  # the semantics tree updates before the canvas is painted
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    png = await page.screenshot(path=str(path))
    await guard.check_page(page, png)
    return path


async def labels(page: Page) -> list[str]:
    """What the semantics tree offers: role and label of each node (for failure reports)."""
    found: list[str] = await page.evaluate(
        """() => [...document.querySelectorAll('flt-semantics')]
            .map(e => `${e.getAttribute('role') || '-'}: ${e.getAttribute('aria-label') || ''}`)
            .filter(t => t.length > 3)"""
    )
    return found


async def keep_failure(test_name: str, pages: list[Page]) -> None:
    """A failed test's pages as they were: a screenshot and the semantics labels of each."""
    folder = CLIENT_DIR / ".local" / "screenshots" / "failed"
    folder.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(p for p in pages if not p.is_closed()):
        stem = folder / f"{test_name}-{number}"
        await page.screenshot(path=f"{stem}.png")
        stem.with_suffix(".txt").write_text("\n".join(await labels(page)))
