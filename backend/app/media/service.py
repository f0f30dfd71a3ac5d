"""Media: uploaded files (lesson audio and video, avatars, documents), who may read them, and
the cleanup of files no row references.

A file is published to the store before its row is inserted; if the transaction then fails,
the file is an orphan that `python -m app.cli media-cleanup` removes. A deleted row's file is
removed after the commit (see the router), so a rolled-back delete never loses bytes.
"""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

from app.db import Connection
from app.errors import Forbidden, NotFound, Unauthorized, Unprocessable, UnsupportedMediaType
from app.media import access, repository
from app.media.schemas import CleanupCandidate, MediaObject
from app.media.storage import MediaStorage
from app.media.upload import StagedUpload
from app.profiles import service as profiles
from app.security import AuthUser

AVATAR_TYPES = ("image/jpeg", "image/png", "image/webp")
UPLOAD_PURPOSES = ("lesson", "other", "cover")
# Files anyone may read by id: profile pictures and the covers of courses, services, seminars.
PUBLIC_PURPOSES = ("avatar", "cover")


def to_media(row: Any) -> MediaObject:
    return MediaObject(
        id=row["id"],
        owner_id=row["owner_id"],
        purpose=row["purpose"],
        content_type=row["content_type"],
        size_bytes=row["size_bytes"],
        original_name=row["original_name"],
        url=f"/media/{row['id']}",
        created_at=row["created_at"],
    )


def storage_key(purpose: str, media_id: uuid.UUID, extension: str) -> str:
    now = datetime.now(UTC)
    return f"{purpose}/{now:%Y/%m}/{media_id}.{extension}"


def check_purpose(user: AuthUser, purpose: str) -> None:
    if purpose not in UPLOAD_PURPOSES:
        raise Unprocessable(
            f"purpose must be one of {', '.join(UPLOAD_PURPOSES)}", code="invalid_purpose"
        )
    if purpose == "lesson" and not user.is_teacher:
        raise Forbidden("Only teachers upload lesson media", code="teacher_required")
    if purpose == "cover" and not user.is_teacher:
        raise Forbidden("Only teachers upload cover images", code="teacher_required")


async def store_upload(
    conn: Connection, storage: MediaStorage, owner_id: uuid.UUID, purpose: str, staged: StagedUpload
) -> MediaObject:
    """Publish a staged file to the store and record it."""
    media_id = uuid.uuid4()
    key = storage_key(purpose, media_id, staged.extension)
    try:
        await storage.save(key, staged.path, staged.content_type)
    finally:
        staged.discard()
    try:
        row = await repository.insert(
            conn,
            media_id=media_id,
            owner_id=owner_id,
            purpose=purpose,
            storage_key=key,
            content_type=staged.content_type,
            size_bytes=staged.size,
            sha256=staged.sha256,
            original_name=staged.original_name,
        )
    except BaseException:
        await storage.delete(key)
        raise
    return to_media(row)


async def replace_avatar(
    conn: Connection, storage: MediaStorage, user: AuthUser, staged: StagedUpload
) -> tuple[MediaObject, str | None]:
    """Make an uploaded image the user's avatar; returns it and the old avatar's storage key
    (its row is gone; the caller removes the file after commit)."""
    if staged.content_type not in AVATAR_TYPES:
        staged.discard()
        raise UnsupportedMediaType(
            "An avatar must be a JPEG, PNG or WebP image",
            code="file_type_not_allowed",
            extra={"detected": staged.content_type, "allowed": list(AVATAR_TYPES)},
        )
    profile = await profiles.lock_row(conn, user.id)
    media = await store_upload(conn, storage, user.id, "avatar", staged)
    await repository.set_profile_avatar(conn, user.id, media.id)
    old_key = None
    if profile["avatar_media_id"] is not None:
        old_key = await repository.delete(conn, profile["avatar_media_id"])
    return media, old_key


async def get_media(conn: Connection, media_id: uuid.UUID) -> MediaObject | None:
    """A media object by id (for domains that attach files), or None."""
    row = await repository.get(conn, media_id)
    return to_media(row) if row is not None else None


async def _may_read(conn: Connection, row: Any, user: AuthUser | None) -> bool | None:
    if user is not None and (user.id == row["owner_id"] or user.is_admin):
        return True
    if row["purpose"] in PUBLIC_PURPOSES:
        return True
    return await access.decide(conn, row["id"], user)


async def readable_media(conn: Connection, media_id: uuid.UUID, user: AuthUser | None) -> Any:
    """The row of a file the caller may read: 404 when unknown to them, 401/403 when it belongs
    to something they may not read (lesson media of a course they are not enrolled in)."""
    row = await repository.get(conn, media_id)
    if row is None:
        raise NotFound("No such media", code="media_not_found")
    verdict = await _may_read(conn, row, user)
    if verdict is None:
        raise NotFound("No such media", code="media_not_found")
    if verdict is False:
        if user is None:
            raise Unauthorized("Sign in first", code="not_authenticated")
        raise Forbidden(
            "Only enrolled students and the course's teacher may play this file",
            code="media_access_denied",
        )
    return row


async def delete_media(conn: Connection, media_id: uuid.UUID, user: AuthUser) -> str:
    """Delete the caller's own file (admins: any); returns the storage key to remove after
    commit. Lessons that used it lose their media; a profile loses its avatar."""
    row = await repository.get(conn, media_id)
    if row is None:
        raise NotFound("No such media", code="media_not_found")
    if user.id != row["owner_id"] and not user.is_admin:
        if await _may_read(conn, row, user):
            raise Forbidden("Only the owner may delete this file", code="not_owner")
        raise NotFound("No such media", code="media_not_found")
    key = await repository.delete(conn, media_id)
    if key is None:
        raise NotFound("No such media", code="media_not_found")
    return key


async def unreferenced_files(
    conn: Connection, storage: MediaStorage, min_age: timedelta
) -> list[CleanupCandidate]:
    """Stored files no row references, older than min_age (younger ones may be uploads whose
    row is about to be committed)."""
    referenced = await repository.all_storage_keys(conn)
    cutoff = datetime.now(UTC) - min_age
    return [
        CleanupCandidate(key=o.key, size=o.size, modified_at=o.modified_at)
        for o in sorted(await storage.list_objects(), key=lambda o: o.key)
        if o.key not in referenced and o.modified_at <= cutoff
    ]


async def remove_files(storage: MediaStorage, keys: list[str]) -> None:
    for key in keys:
        await storage.delete(key)


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    return {"media_objects": await repository.export_rows(conn, user_id)}


def file_chunks(storage: MediaStorage, row: Any) -> AsyncIterator[bytes]:
    """The bytes of one stored file (a row of export_user_data), in chunks."""
    return storage.stream(row["storage_key"], 0, max(row["size_bytes"] - 1, 0))


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> list[str]:
    """Delete the user's files' rows (lessons lose their media, the avatar goes); returns the
    storage keys for remove_files() after the commit."""
    return await repository.delete_owned(conn, user_id)
