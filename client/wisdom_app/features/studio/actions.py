"""The studio's calls: a teacher's courses, services and seminars, saving a service or a
seminar, and starting a new course. Failures come back as ApiError (a Swedish .message) for
the editor to show beside its form."""

import asyncio
from typing import Any

from wisdom_app import texts
from wisdom_app.api import Json
from wisdom_app.components import show_message
from wisdom_app.features.covers.actions import with_cover_urls
from wisdom_app.features.home import actions as home_actions
from wisdom_app.state import AppState, Remote

NEW = "new"  # the route parameter of an editor that creates rather than edits


async def load_studio(state: AppState, studio: Remote) -> None:
    await studio.load(lambda: _studio(state))


async def _studio(state: AppState) -> Json:
    """The teacher's services (active first, then drafts), seminars and courses."""
    teacher_id = str((state.profile or {}).get("id"))
    drafts, active, seminars, courses = await asyncio.gather(
        state.api.teacher_services(teacher_id, "draft"),
        state.api.teacher_services(teacher_id, "active"),
        state.api.seminars(teacher=teacher_id),
        state.api.studio_courses(),
    )
    return {
        "services": with_cover_urls(state, active["items"] + drafts["items"]),
        "seminars": with_cover_urls(state, seminars["items"]),
        "courses": with_cover_urls(state, courses["items"]),
    }


def _start_empty(remote: Remote) -> None:
    """A new service or seminar: nothing to fetch, the form starts from its defaults."""
    remote.value, remote.loaded = {}, True


async def load_service(state: AppState, service: Remote, service_id: str) -> None:
    if service_id == NEW:
        _start_empty(service)
        return
    await service.load(lambda: state.api.service(service_id))


async def save_service(state: AppState, service_id: str, fields: dict[str, Any], publish: bool) -> None:
    """Create or update the service, publish it if asked, and refresh the services on HOME."""
    if service_id == NEW:
        saved = await state.api.create_service(fields)
    else:
        saved = await state.api.update_service(service_id, fields)
    if publish:
        await state.api.publish_service(str(saved["id"]))
    show_message(texts.SERVICE_PUBLISHED if publish else texts.SERVICE_SAVED)
    await home_actions.load_services(state)


async def load_seminar(state: AppState, seminar: Remote, seminar_id: str) -> None:
    if seminar_id == NEW:
        _start_empty(seminar)
        return
    await seminar.load(lambda: state.api.seminar(seminar_id))


async def save_seminar(state: AppState, seminar_id: str, fields: dict[str, Any]) -> None:
    if seminar_id == NEW:
        await state.api.create_seminar(fields)
    else:
        await state.api.update_seminar(seminar_id, fields)
    show_message(texts.SEMINAR_SAVED)


async def create_course(state: AppState, title: str) -> str:
    """A new draft course with only a title; its id (the editor opens it next)."""
    course = await state.api.create_course({"title": title.strip()})
    return str(course["id"])
