"""Fixtures: a real API on a fresh, seeded database for the whole session (see
support/api_server.py), clients signed in as the demo users, and for the UI tests the Flet
app served as a web app plus headless Chromium."""

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.support.api_server import DEMO_PASSWORD, ApiServer, start_api
from wisdom_app.api import ApiClient
from wisdom_app.storage import MemoryTokenStore

STUDENT = "maja@wisdom.local"
TEACHER = "astrid@wisdom.local"
ADMIN = "admin@wisdom.local"


@pytest.fixture(scope="session")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    server = start_api(tmp_path_factory.mktemp("api"))
    os.environ["WISDOM_API_URL"] = server.url
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def anonymous(api_server: ApiServer) -> AsyncIterator[ApiClient]:
    client = ApiClient(api_server.url, MemoryTokenStore())
    yield client
    await client.aclose()


@pytest.fixture
async def student(api_server: ApiServer) -> AsyncIterator[ApiClient]:
    client = ApiClient(api_server.url, MemoryTokenStore())
    await client.login(STUDENT, DEMO_PASSWORD)
    yield client
    await client.aclose()


@pytest.fixture
async def teacher(api_server: ApiServer) -> AsyncIterator[ApiClient]:
    client = ApiClient(api_server.url, MemoryTokenStore())
    await client.login(TEACHER, DEMO_PASSWORD)
    yield client
    await client.aclose()


@pytest.fixture
async def admin(api_server: ApiServer) -> AsyncIterator[ApiClient]:
    client = ApiClient(api_server.url, MemoryTokenStore())
    await client.login(ADMIN, DEMO_PASSWORD)
    yield client
    await client.aclose()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--screenshots",
        default=None,
        help="folder for the UI tests' screenshots (default: client/.local/screenshots, ignored "
        "by git; `make screenshots` passes docs/screenshots)",
    )


def pytest_configure(config: pytest.Config) -> None:
    from tests.support import ui

    folder = config.getoption("--screenshots")
    if folder:
        ui.SCREENSHOTS = Path(folder).resolve()


async def _registered(api_server: ApiServer, name: str) -> ApiClient:
    client = ApiClient(api_server.url, MemoryTokenStore())
    await client.register(f"{name.split()[0].lower()}-{secrets.token_hex(4)}@example.se", DEMO_PASSWORD, name)
    return client


@pytest.fixture
async def new_student(api_server: ApiServer) -> AsyncIterator[ApiClient]:
    """A student registered for this test alone: no courses, bookings or orders."""
    client = await _registered(api_server, "Nora Nilsson")
    yield client
    await client.aclose()


@pytest.fixture
async def new_teacher(api_server: ApiServer, admin: ApiClient) -> AsyncIterator[ApiClient]:
    """A teacher of this test alone (registered, applied, approved by the admin)."""
    client = await _registered(api_server, "Tove Lärare")
    application = await client.apply_as_teacher("Jag leder yinyoga sedan 2015.", "Yinyogalärare 200 h")
    await admin.approve_application(str(application["id"]))
    yield client
    await client.aclose()
