"""What a lesson's Markdown refers to, checked on every save and kept in app.lesson_refs:

- media: a picture, sound or video embedded in the text, by its address `.../media/<id>`: it
  must be a file the course's teacher uploaded (a lesson cannot show another teacher's file),
  and the course's students may then read it;
- magic links `wisdom:course/<id>`, `wisdom:service/<id>`, `wisdom:seminar/<id>`: they must point
  at the teacher's own items. When a student reads the lesson, each link comes with its item's
  title and whether it can be opened now (an item unpublished or deleted later is shown as
  plain text)."""

import re
import uuid
from typing import Any

from app.courses import refs_repository as repository
from app.courses.schemas import LessonLink, LinkTarget
from app.db import Connection
from app.errors import Unprocessable
from app.media import service as media

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
MEDIA_ADDRESS = re.compile(rf"/media/({_UUID})")
MAGIC_LINK = re.compile(rf"wisdom:(course|service|seminar)/({_UUID})")
MAX_REFS = 100
EMBEDDABLE = ("image/", "audio/", "video/")


def references(content_md: str) -> tuple[list[uuid.UUID], list[tuple[str, uuid.UUID]]]:
    """The media ids and the (kind, id) magic links in the text, each once, in order."""
    media_ids = list(dict.fromkeys(uuid.UUID(m) for m in MEDIA_ADDRESS.findall(content_md)))
    links = list(dict.fromkeys((kind, uuid.UUID(i)) for kind, i in MAGIC_LINK.findall(content_md)))
    return media_ids, links


async def store(conn: Connection, lesson_id: uuid.UUID, course: Any, content_md: str) -> None:
    """Check what the text refers to and keep it (422 when it refers to something that is not
    the course teacher's)."""
    media_ids, links = references(content_md)
    if len(media_ids) + len(links) > MAX_REFS:
        raise Unprocessable(
            f"A lesson refers to at most {MAX_REFS} files and links", code="too_many_references"
        )
    for media_id in media_ids:
        await _check_embedded(conn, media_id, course["teacher_id"])
    if links:
        owned = await repository.owned_items(conn, course["teacher_id"], links)
        foreign = [f"{kind}/{item}" for kind, item in links if (kind, item) not in owned]
        if foreign:
            raise Unprocessable(
                "A lesson links only to the teacher's own courses, services and seminars",
                code="link_target_not_found",
                extra={"links": foreign},
            )
    refs = [("media", m) for m in media_ids] + links
    await repository.replace_refs(conn, lesson_id, course["id"], refs)


async def _check_embedded(conn: Connection, media_id: uuid.UUID, teacher_id: uuid.UUID) -> None:
    found = await media.get_media(conn, media_id)
    if found is None or found.owner_id != teacher_id:
        raise Unprocessable(
            "The lesson embeds a file that is not among the teacher's uploads",
            code="media_not_found",
            extra={"media_id": str(media_id)},
        )
    if not found.content_type.startswith(EMBEDDABLE):
        raise Unprocessable(
            f"A lesson embeds pictures, sound and video, not {found.content_type}",
            code="media_not_embeddable",
            extra={"media_id": str(media_id)},
        )


async def links_of(conn: Connection, lesson_id: uuid.UUID) -> list[LessonLink]:
    rows = await repository.linked_items(conn, lesson_id)
    return [
        LessonLink(kind=r["kind"], id=r["id"], title=r["title"], available=r["available"])
        for r in rows
    ]


async def link_targets(conn: Connection, teacher_id: uuid.UUID) -> list[LinkTarget]:
    rows = await repository.link_targets(conn, teacher_id)
    return [LinkTarget(kind=r["kind"], id=r["id"], title=r["title"]) for r in rows]


async def courses_embedding(conn: Connection, media_id: uuid.UUID) -> list[uuid.UUID]:
    return await repository.courses_embedding(conn, media_id)
