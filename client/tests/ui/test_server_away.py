"""The app while its server is away (a proxy in front of the API is cut): what was typed is
kept, the live dot says the wall is not live, and all works again once the server is back.
At phone and at desktop size, checked through the API."""

import secrets
from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser

from tests.support import ui
from tests.support.api_server import ApiServer
from tests.support.proxy import CuttableProxy
from tests.ui.conftest import ServerChoice, open_signed_in
from wisdom_app.api import ApiClient
from wisdom_app.errors import NETWORK_MESSAGE


@pytest.fixture
async def proxy(api_server: ApiServer) -> AsyncIterator[CuttableProxy]:
    cuttable = await CuttableProxy(api_server.url).start()
    yield cuttable
    await cuttable.cut()


@pytest.fixture
def app_behind_proxy(proxy: CuttableProxy, web_app: ui.WebApp, server_choice: ServerChoice) -> Iterator[ui.WebApp]:
    """The app opened in this test talks to the API through the proxy (its saved server)."""
    server_choice.url = proxy.url
    yield web_app
    server_choice.url = None


async def test_a_wall_post_written_while_the_server_is_away_is_kept(
    app_behind_proxy: ui.WebApp, browser: Browser, proxy: CuttableProxy, new_student: ApiClient, size: str
) -> None:
    text = f"Tack för i kväll, alla! {secrets.token_hex(2)}"
    page = await open_signed_in(browser, app_behind_proxy, size, new_student)
    if size == "phone":
        await ui.click(page, "button", "Väggen")
    await ui.see(page, "Uppdateras live")
    await ui.type_into(page, "Skriv något till alla", text)

    await proxy.cut()
    await ui.see(page, "Inte live just nu", timeout=20_000)
    await ui.press(page, "Publicera")
    await ui.see(page, NETWORK_MESSAGE)
    assert await ui.field_text(page, "Skriv något till alla") == text
    await ui.screenshot(page, f"server-away-{size}")

    await proxy.restore()
    await ui.press(page, "Publicera")
    await ui.see(page, text)
    assert text in [p["body"] for p in (await new_student.wall_posts())["items"]]
    await ui.see(page, "Uppdateras live", timeout=30_000)
