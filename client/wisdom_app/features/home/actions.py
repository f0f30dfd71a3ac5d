"""HOME's lists: the courses the person takes (and, for a teacher, teaches), the wall, the
services on offer."""

import asyncio

from wisdom_app.api import Json
from wisdom_app.features.covers.actions import cover_link
from wisdom_app.features.wall.actions import load_feed
from wisdom_app.state import AppState


async def load_home(state: AppState) -> None:
    await asyncio.gather(load_my_courses(state), load_feed(state), load_services(state))


async def load_my_courses(state: AppState) -> None:
    await state.my_courses.load(lambda: _my_courses(state))


async def _my_courses(state: AppState) -> list[Json]:
    """The courses the person takes; for a teacher, first the courses they teach
    (entries {"teaching": True, "course": {...}})."""
    if not state.is_teacher:
        return _with_covers(state, (await state.api.my_courses())["items"])
    enrolled, teaching = await asyncio.gather(state.api.my_courses(), state.api.studio_courses())
    mine = [{"teaching": True, "course": c} for c in teaching["items"]] + list(enrolled["items"])
    return _with_covers(state, mine)


def _with_covers(state: AppState, entries: list[Json]) -> list[Json]:
    """Each entry with `cover_url`, where its course's cover is served (None without one)."""
    return [{**e, "cover_url": cover_link(state, (e.get("course") or {}).get("cover_media_id"))} for e in entries]


async def load_services(state: AppState) -> None:
    await state.services.load(state.api.services)
