"""Cover images of courses, services and seminars: the owner sets one of their own uploaded
pictures (POST /media?purpose=cover) as the cover, or removes it. Covers are public (see
app.media.service.PUBLIC_PURPOSES): the catalogue shows them to anyone."""

import uuid
from typing import Literal

from app.db import Connection
from app.errors import Forbidden, NotFound, Unprocessable
from app.media import repository as media_repository
from app.media.service import AVATAR_TYPES
from app.security import AuthUser

CoverOf = Literal["courses", "services", "seminars"]

# The table of each kind and its owner column; fixed strings, never from the request.
_OWNER_COLUMN: dict[CoverOf, str] = {
    "courses": "teacher_id",
    "services": "teacher_id",
    "seminars": "host_id",
}
_NOT_FOUND: dict[CoverOf, str] = {
    "courses": "course_not_found",
    "services": "service_not_found",
    "seminars": "seminar_not_found",
}


async def check_cover_media(conn: Connection, media_id: uuid.UUID, owner_id: uuid.UUID) -> None:
    """A cover is a picture its owner uploaded as a cover: their own file, purpose 'cover', of
    an image type. Anything else is refused with 422 (someone else's file: as if unknown)."""
    row = await media_repository.get(conn, media_id)
    if row is None or row["owner_id"] != owner_id:
        raise Unprocessable("No such picture of yours", code="cover_not_found")
    if row["purpose"] != "cover":
        raise Unprocessable("Upload the picture with purpose=cover", code="cover_wrong_purpose")
    if row["content_type"] not in AVATAR_TYPES:
        raise Unprocessable("A cover is a JPEG, PNG or WebP picture", code="cover_not_image")


async def set_cover(
    conn: Connection, kind: CoverOf, item_id: uuid.UUID, user: AuthUser, media_id: uuid.UUID | None
) -> uuid.UUID | None:
    """Set (or with None remove) the cover of the caller's course, service or seminar (admins:
    anyone's; the file must still be the owner's own cover upload)."""
    owner_column = _OWNER_COLUMN[kind]
    owner_id = await conn.fetchval(
        f"SELECT {owner_column} FROM app.{kind} WHERE id = $1 FOR UPDATE",  # noqa: S608 - fixed names
        item_id,
    )
    if owner_id is None:
        raise NotFound("Not found", code=_NOT_FOUND[kind])
    if owner_id != user.id and not user.is_admin:
        raise Forbidden("Only its teacher can change the cover", code="not_owner")
    if media_id is not None:
        await check_cover_media(conn, media_id, owner_id)
    await conn.execute(
        f"UPDATE app.{kind} SET cover_media_id = $2 WHERE id = $1",  # noqa: S608 - fixed names
        item_id,
        media_id,
    )
    return media_id
