"""One Flet web app and one headless Chromium for every UI test of the session (each test
opens its own tab, so each starts signed out with fresh memory stores)."""

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser, Page, async_playwright

from tests.support import ui
from tests.support.api_server import DEMO_PASSWORD, ApiServer
from wisdom_app.app import build_main
from wisdom_app.storage import MemorySettings, MemoryTokenStore


class Opened:
    """The app's URL opener in tests: remembers what the app asked to open in a browser."""

    def __init__(self) -> None:
        self.urls: asyncio.Queue[str] = asyncio.Queue()

    async def __call__(self, url: str) -> None:
        self.urls.put_nowait(url)

    def clear(self) -> None:
        while not self.urls.empty():
            self.urls.get_nowait()


@pytest.fixture(scope="session")
def opened() -> Opened:
    return Opened()


@pytest.fixture(scope="session")
def web_app(api_server: ApiServer, opened: Opened) -> Iterator[ui.WebApp]:
    # Each browser session gets its own memory stores (a fresh, signed-out app).
    main = build_main(open_url=opened, stores=lambda page: (MemoryTokenStore(), MemorySettings()))
    app = ui.WebApp(main).start()
    yield app
    app.stop()


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=ui.CHROMIUM, args=ui.CHROMIUM_ARGS)
        yield chromium
        await chromium.close()


async def sign_in(page: Page, email: str) -> None:
    await ui.see(page, "Logga in")
    await ui.type_into(page, "E-post", email)
    await ui.type_into(page, "Lösenord", DEMO_PASSWORD)
    await ui.click(page, "button", "Logga in")
