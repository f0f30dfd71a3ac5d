"""A lesson: reading it, marking it as done, answering its quiz, and its media (played with
the session's credentials)."""

from wisdom_app import formatting as fmt
from wisdom_app import texts
from wisdom_app.api import Json
from wisdom_app.components import show_message
from wisdom_app.errors import ApiError
from wisdom_app.features.home.actions import load_my_courses
from wisdom_app.state import AppState, Remote


async def load_lesson(state: AppState, lesson: Remote, lesson_id: str) -> None:
    await lesson.load(lambda: state.api.lesson(lesson_id))


async def complete_lesson(state: AppState, lesson: Remote, lesson_id: str) -> None:
    """Mark the lesson as done, say how far the course has come, and read the course list
    again (its progress changed)."""
    try:
        progress = await state.api.complete_lesson(lesson_id)
    except ApiError as exc:
        show_message(exc.message)
        return
    lesson.value = {**lesson.value, "completed": True}
    show_message(texts.lesson_done(fmt.percent(progress.get("lessons_done"), progress.get("lessons_total"))))
    await load_my_courses(state)


async def submit_quiz(state: AppState, quiz_id: str, answers: dict[str, list[int]]) -> Json:
    """The quiz's result; raises ApiError (its message in Swedish) when it could not be sent."""
    return await state.api.submit_quiz(quiz_id, answers)


async def media_headers(state: AppState) -> dict[str, str]:
    """The headers a video player sends to read lesson media (the session's token)."""
    return await state.api.auth_headers()


def media_url(state: AppState, media_id: str) -> str:
    return state.api.media_link(media_id)


async def media_bytes(state: AppState, media_id: str) -> bytes:
    """The whole media file (for the audio player, which cannot send headers)."""
    return await state.api.media_bytes(media_id)


async def embedded_picture(state: AppState, media_id: str) -> bytes | None:
    """A picture embedded in a lesson's text; None when it cannot be read (removed, or not
    for this person)."""
    try:
        return await state.api.media_bytes(media_id)
    except ApiError:
        return None
