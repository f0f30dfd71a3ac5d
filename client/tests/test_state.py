"""AppState against the running API: session, HOME lists, buying, the live feed, sign-out."""

import asyncio

from tests.conftest import STUDENT
from tests.support.api_server import DEMO_PASSWORD, ApiServer
from tests.support.checkout import pay_on_checkout_page
from wisdom_app.state import AppState
from wisdom_app.storage import MemorySettings, MemoryTokenStore


def new_state(api_server: ApiServer, opened: list[str]) -> AppState:
    async def open_url(url: str) -> None:
        opened.append(url)

    return AppState(api_url=api_server.url, tokens=MemoryTokenStore(), settings=MemorySettings(), open_url=open_url)


async def wait_for(check, timeout: float = 15) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def test_sign_in_loads_home_and_sign_out_forgets(api_server: ApiServer) -> None:
    state = new_state(api_server, [])
    try:
        await state.start()
        assert state.phase == "signed_out"
        await state.sign_in(STUDENT, DEMO_PASSWORD)
        assert state.signed_in and state.profile["email"] == STUDENT
        await state.load_home()
        assert state.my_courses.items and state.feed.items and state.services.items
        assert not (state.my_courses.error or state.feed.error or state.services.error)
        await state.sign_out()
        assert state.phase == "signed_out" and state.profile is None
        assert await state.tokens.load() is None
        assert not state.services.loaded
    finally:
        await state.close()


async def test_a_saved_session_is_resumed(api_server: ApiServer) -> None:
    first = new_state(api_server, [])
    await first.sign_in(STUDENT, DEMO_PASSWORD)
    second = AppState(api_url=api_server.url, tokens=first.tokens, settings=MemorySettings(), open_url=first.open_url)
    try:
        await second.start()
        assert second.signed_in and second.profile["email"] == STUDENT
    finally:
        await first.close()
        await second.close()


async def test_buying_a_service_opens_checkout_and_follows_the_order(api_server: ApiServer) -> None:
    opened: list[str] = []
    state = new_state(api_server, opened)
    try:
        await state.sign_in(STUDENT, DEMO_PASSWORD)
        await state.load_services()
        service = state.services.items[-1]
        order = await state.buy_service(service)
        assert opened and order["status"] == "pending"
        assert state.order_for_service(str(service["id"]))["status"] == "pending"
        await pay_on_checkout_page(opened[0])
        await wait_for(lambda: state.order_for_service(str(service["id"]))["status"] in ("paid", "fulfilled"))
    finally:
        await state.close()


async def test_the_live_feed_brings_new_posts(api_server: ApiServer) -> None:
    state = new_state(api_server, [])
    poster = new_state(api_server, [])
    try:
        await state.sign_in(STUDENT, DEMO_PASSWORD)
        await state.load_feed()
        await wait_for(lambda: state.feed_live)
        await poster.sign_in("astrid@wisdom.local", DEMO_PASSWORD)
        post = await poster.api.create_post("Ny kurs i andning startar snart!")
        await wait_for(lambda: any(str(i.get("subject_id")) == str(post["id"]) for i in state.feed.items))
    finally:
        await state.close()
        await poster.close()


async def test_errors_become_swedish_state(api_server: ApiServer) -> None:
    state = new_state(api_server, [])
    try:
        await state.load_services()  # anonymous: services are public
        assert state.services.items
        await state.my_courses.load(state.api.my_courses)  # anonymous: refused
        assert state.my_courses.error == "Du behöver logga in först."
        assert not state.my_courses.loaded
    finally:
        await state.close()
