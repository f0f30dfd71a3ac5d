"""Cover pictures of courses, services and seminars: a teacher uploads one in the studio and it
becomes the item's cover; the catalogue, the cards and the pages show it."""

import mimetypes
from typing import Literal

from wisdom_app import texts
from wisdom_app.api import Json
from wisdom_app.components import show_message
from wisdom_app.errors import ApiError
from wisdom_app.state import AppState

CoverOf = Literal["courses", "services", "seminars"]


def cover_link(state: AppState, media_id: object) -> str | None:
    """Where a cover is served (public: an image control loads it without a token), or None."""
    return state.api.media_link(str(media_id)) if media_id else None


async def upload_cover(state: AppState, kind: CoverOf, item_id: str, filename: str, content: bytes) -> str | None:
    """Upload the picture as a cover and set it on the item; returns the new cover's media id,
    or None when it failed (the person is told why, in Swedish)."""
    content_type = mimetypes.guess_type(filename)[0] or "image/jpeg"
    try:
        media = await state.api.upload_media(filename, content, content_type, purpose="cover")
        saved = await state.api.set_cover(kind, item_id, str(media["id"]))
    except ApiError as exc:
        show_message(exc.message)
        return None
    show_message(texts.COVER_SAVED)
    return str(saved["cover_media_id"])


async def remove_cover(state: AppState, kind: CoverOf, item_id: str) -> bool:
    try:
        await state.api.set_cover(kind, item_id, None)
    except ApiError as exc:
        show_message(exc.message)
        return False
    show_message(texts.COVER_REMOVED)
    return True


def with_cover_urls(state: AppState, items: list[Json]) -> list[Json]:
    """The items (courses, services, seminars) with `cover_url`, where their cover is served, for
    the cards that show it (None without a cover)."""
    return [{**item, "cover_url": cover_link(state, item.get("cover_media_id"))} for item in items]
