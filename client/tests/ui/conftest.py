"""One Flet web app and one headless Chromium for every UI test of the session (each test
opens its own tab, so each starts signed out with fresh memory stores)."""

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser, Page, async_playwright

from tests.support import guard, ui
from tests.support.api_server import DEMO_PASSWORD, ApiServer
from wisdom_app.api import ApiClient
from wisdom_app.app import build_main
from wisdom_app.storage import API_URL_KEY, MemorySettings, MemoryTokenStore, Tokens


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


class ServerChoice:
    """The API address the next opened app saves as its server (as "Serverinställningar"
    would); None: the default, the suite's API. One Flet web app serves every test (its module
    keeps global state, so a second one in the process would take the first one down)."""

    def __init__(self) -> None:
        self.url: str | None = None
        # A session the next opened app starts with (as a phone that stayed signed in).
        self.signed_in: Tokens | None = None

    def stores(self, page: object) -> tuple[MemoryTokenStore, MemorySettings]:
        # Each browser session gets its own memory stores (a fresh app, signed out unless
        # open_signed_in prepared a session for it).
        settings = MemorySettings()
        if self.url:
            settings.values[API_URL_KEY] = self.url
        tokens, self.signed_in = self.signed_in, None
        return MemoryTokenStore(tokens), settings


SERVER_CHOICE = ServerChoice()


@pytest.fixture(scope="session")
def server_choice() -> ServerChoice:
    return SERVER_CHOICE


@pytest.fixture(scope="session")
def web_app(api_server: ApiServer, opened: Opened, server_choice: ServerChoice) -> Iterator[ui.WebApp]:
    main = build_main(open_url=opened, stores=server_choice.stores)
    app = ui.WebApp(main).start()
    yield app
    app.stop()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


FAILED = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
async def app_guard(web_app: ui.WebApp, request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Every UI test also fails when the app logged an error or a traceback, left a coroutine
    unawaited, or a page shows an error control or had an exception; the pages it opened are
    checked one last time and closed here (a failed test leaves a screenshot and the page's
    labels in .local/screenshots/failed/)."""
    with guard.watch_app() as problems:
        ui.CURRENT = ui.TestPages()
        ui.CURRENT.problems = problems
        try:
            yield
            if request.node.stash.get(FAILED, False):
                await ui.keep_failure(request.node.name, ui.CURRENT.pages)
            for page in ui.CURRENT.pages:
                if not page.is_closed():
                    await guard.check_page(page)
        finally:
            for page in ui.CURRENT.pages:
                guard.stop_watching(page)
                if not page.is_closed():
                    await asyncio.wait_for(page.close(), timeout=15)
    guard.raise_if_any(problems)


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


# ---------------------------------------------------------------------- flows

SIZES = {"phone": ui.PHONE, "desktop": ui.DESKTOP}


@pytest.fixture(params=list(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    """Every flow runs at phone size (390x844) and at desktop size (1280x800)."""
    name: str = request.param
    return name


async def open_signed_in(browser: Browser, web_app: ui.WebApp, size: str, who: ApiClient, path: str = "") -> Page:
    """A new tab at `path` (HOME by default) of an app that is already signed in as `who`, in a
    session of its own (signing in by typing is tested by the sign-in flows; here it would
    only cost time)."""
    email = (await who.me())["email"]
    session = ApiClient(who.base_url, MemoryTokenStore())
    try:
        await session.login(email, DEMO_PASSWORD)
        SERVER_CHOICE.signed_in = await session.current_tokens()
    finally:
        await session.aclose()
    page = await ui.open_app(browser, f"{web_app.url}{path}", SIZES[size])
    await ui.see(page, "Hem")
    return page
