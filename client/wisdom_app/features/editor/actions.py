"""The course editor's calls: the course with its modules and lessons, saving and publishing
it, adding modules and lessons, a lesson's text and its media. Failures come back as ApiError
(a Swedish .message) for the editor to show beside its form."""

from typing import Any

from wisdom_app import texts
from wisdom_app.api import Json
from wisdom_app.components import show_message
from wisdom_app.errors import ApiError
from wisdom_app.state import AppState, Remote


async def load_course(state: AppState, course: Remote, course_id: str) -> None:
    await course.load(lambda: state.api.studio_course(course_id))


async def save_course(state: AppState, course_id: str, fields: dict[str, Any]) -> None:
    await state.api.update_course(course_id, fields)
    show_message(texts.COURSE_SAVED)


async def set_published(state: AppState, course_id: str, published: bool) -> None:
    """Publish the course, or take it back (published=False)."""
    if published:
        await state.api.publish_course(course_id)
        show_message(texts.COURSE_PUBLISHED)
    else:
        await state.api.unpublish_course(course_id)
        show_message(texts.COURSE_UNPUBLISHED)


async def add_module(state: AppState, course_id: str, title: str) -> None:
    await state.api.create_module(course_id, title)


async def add_lesson(state: AppState, module_id: str) -> str:
    """A new lesson at the end of the module; its id (the editor opens it)."""
    lesson = await state.api.create_lesson(module_id, texts.NEW_LESSON_TITLE)
    return str(lesson["id"])


async def load_lesson(state: AppState, lesson: Remote, lesson_id: str) -> None:
    await lesson.load(lambda: state.api.studio_lesson(lesson_id))


async def save_lesson(state: AppState, lesson_id: str, fields: dict[str, Any]) -> Json:
    """The lesson as saved (with its links as the API now sees them)."""
    saved = await state.api.update_lesson(lesson_id, fields)
    show_message(texts.LESSON_SAVED)
    return saved


async def link_targets(state: AppState, course_id: str) -> list[Json] | None:
    """What a magic link in the course's lessons may point at; None (and the reason shown) when
    it could not be read."""
    try:
        return await state.api.studio_link_targets(course_id)
    except ApiError as exc:
        show_message(exc.message)
        return None


def is_playable(content_type: str) -> bool:
    """Audio or video: the lesson's media. Anything else uploaded (an image) goes in its text."""
    return content_type.startswith(("audio/", "video/"))


async def upload_lesson_media(
    state: AppState, lesson_id: str, filename: str, content: bytes, content_type: str
) -> Json:
    """Upload a file for the lesson; audio or video becomes the lesson's media at once. The
    uploaded media (its id and url)."""
    media = await state.api.upload_media(filename, content, content_type)
    if is_playable(content_type):
        await state.api.update_lesson(lesson_id, {"media_id": str(media["id"])})
    return media


async def upload_embedded(state: AppState, filename: str, content: bytes, content_type: str) -> Json:
    """Upload a picture, sound or video to be embedded in a lesson's text: the uploaded media."""
    return await state.api.upload_media(filename, content, content_type)


async def remove_lesson_media(state: AppState, lesson_id: str) -> None:
    await state.api.update_lesson(lesson_id, {"media_id": None})
