"""Teachers: the directory, a teacher's public page, and starting a conversation with one."""

from wisdom_app.api import Json
from wisdom_app.features.covers.actions import with_cover_urls
from wisdom_app.state import AppState, Remote


async def load_teachers(state: AppState, teachers: Remote, query: str = "") -> None:
    await teachers.load(lambda: state.api.teachers(query.strip()))


async def load_teacher(state: AppState, teacher: Remote, teacher_id: str) -> None:
    await teacher.load(lambda: _teacher(state, teacher_id))


async def _teacher(state: AppState, teacher_id: str) -> Json:
    """The teacher's page, its courses with `cover_url` (services and seminars show theirs)."""
    page = await state.api.teacher(teacher_id)
    return {**page, "courses": with_cover_urls(state, page.get("courses") or [])}


async def open_conversation(state: AppState, teacher_id: str) -> str:
    """The conversation with this teacher, opened now or found again: its id. Raises ApiError
    (a Swedish .message: for a student who may not write yet, when that becomes possible)."""
    conversation = await state.api.open_conversation(teacher_id)
    return str(conversation["id"])


def avatar_link(state: AppState, media_id: str) -> str:
    """Where an avatar is served (public: an image control loads it without a token)."""
    return state.api.media_link(media_id)
