"""The catalogue's filters: read from an address, written back to one, sent to GET /courses;
its pages against the running API ("Visa fler" and an answer for old filters dropped)."""

import secrets

import pytest

from tests.support.api_server import ApiServer
from wisdom_app.api import ApiClient
from wisdom_app.features.catalogue import actions
from wisdom_app.features.catalogue.actions import Filters, filters_from_route
from wisdom_app.state import AppState, Remote
from wisdom_app.storage import MemorySettings, MemoryTokenStore


def test_the_address_gives_the_filters_and_back() -> None:
    assert filters_from_route("/courses") == Filters()
    assert filters_from_route("/courses?intro=true") == Filters(intro=True)
    typed = filters_from_route("/courses?q=+andning+&category=yoga&level=advanced&price=paid&teacher=t-1")
    assert typed == Filters(q="andning", category="yoga", level="advanced", price="paid", teacher="t-1")
    assert filters_from_route(typed.route()) == typed
    assert Filters(intro=True).route() == "/courses?intro=true"
    assert Filters().route() == "/courses"


def test_unknown_values_in_the_address_are_ignored() -> None:
    assert filters_from_route("/courses?level=expert&price=cheap&intro=maybe&category=kristaller") == Filters()
    assert filters_from_route(None) == Filters()


def test_only_set_filters_are_sent_and_counted() -> None:
    assert Filters().params() == {
        "q": None,
        "category": None,
        "level": None,
        "price": None,
        "intro": None,
        "teacher": None,
    }
    chosen = Filters(q="yoga", price="free", intro=True)
    assert chosen.params()["intro"] is True and chosen.params()["price"] == "free"
    assert chosen.count == 2 and chosen.active
    assert Filters(category="tarot").params()["category"] == "tarot" and Filters(category="tarot").count == 1
    assert Filters(q="yoga").count == 0 and Filters(q="yoga").active


async def published(teacher: ApiClient, title: str, price_cents: int = 0) -> str:
    course = await teacher.create_course({"title": title, "price_cents": price_cents})
    module = await teacher.create_module(str(course["id"]), "Början")
    await teacher.create_lesson(str(module["id"]), "Första")
    await teacher.publish_course(str(course["id"]))
    return str(course["id"])


async def test_pages_of_matching_courses(
    api_server: ApiServer, teacher: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    tag = secrets.token_hex(3)
    first = await published(teacher, f"Katalog ett {tag}", 19000)
    second = await published(teacher, f"Katalog två {tag}", 29000)
    free = await published(teacher, f"Katalog gratis {tag}")
    state = AppState(
        api_url=api_server.url, tokens=MemoryTokenStore(), settings=MemorySettings(), open_url=lambda url: None
    )
    monkeypatch.setattr(actions, "PAGE_SIZE", 1)
    courses = Remote()
    paid = Filters(q=tag, price="paid")
    await actions.load_courses(state, courses, paid)
    assert [c["id"] for c in courses.items] == [second] and courses.next_cursor
    await actions.load_more_courses(state, courses, paid)
    assert [c["id"] for c in courses.items] == [second, first]
    assert free not in [c["id"] for c in courses.items]

    # An answer that arrives after the filters changed is not shown.
    await actions.load_courses(state, courses, Filters(q=tag), lambda: False)
    assert [c["id"] for c in courses.items] == [second, first]
    await state.api.aclose()
