"""Profiles: who a user is (name, bio, locale, role, disabled). Other domains read and change
profiles only through these functions."""

import uuid
from datetime import datetime
from typing import Any

from app.db import Connection
from app.errors import BadRequest, Conflict, NotFound
from app.pagination import Page, decode_cursor, encode_cursor, split_page
from app.profiles import repository
from app.profiles.schemas import AdminUser, Profile, TeacherCard


def normalize_email(email: str) -> str:
    return email.strip().lower()


def like_pattern(query: str | None) -> str | None:
    """An ILIKE pattern matching `query` anywhere, with its own % and _ taken literally."""
    if query is None or not query.strip():
        return None
    escaped = query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def to_profile(row: Any) -> Profile:
    return Profile(
        id=row["user_id"],
        email=row["email"],
        display_name=row["display_name"],
        role=row["role"],
        bio=row["bio"],
        locale=row["locale"],
        avatar_media_id=row["avatar_media_id"],
        created_at=row["created_at"],
    )


def to_admin_user(row: Any) -> AdminUser:
    return AdminUser(
        id=row["user_id"],
        email=row["email"],
        display_name=row["display_name"],
        role=row["role"],
        locale=row["locale"],
        avatar_media_id=row["avatar_media_id"],
        disabled=row["disabled_at"] is not None,
        disabled_at=row["disabled_at"],
        created_at=row["created_at"],
    )


async def get_row(conn: Connection, user_id: uuid.UUID) -> Any:
    """The profile row (any state), or None."""
    return await repository.get(conn, user_id)


async def get_rows(conn: Connection, user_ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """Profile rows by id, for lists that show who (one query for the whole page)."""
    if not user_ids:
        return {}
    return {r["user_id"]: r for r in await repository.get_many(conn, list(set(user_ids)))}


async def get_row_by_email(conn: Connection, email: str) -> Any:
    return await repository.get_by_email(conn, normalize_email(email))


async def lock_row(conn: Connection, user_id: uuid.UUID) -> Any:
    """The profile row locked for the rest of the transaction; 404 when there is none."""
    row = await repository.lock(conn, user_id)
    if row is None:
        raise NotFound("No such user", code="user_not_found")
    return row


async def get_profile(conn: Connection, user_id: uuid.UUID) -> Profile:
    row = await repository.get(conn, user_id)
    if row is None:
        raise NotFound("No such user", code="user_not_found")
    return to_profile(row)


def email_unavailable() -> Conflict:
    return Conflict("This e-mail address cannot be used", code="email_unavailable")


async def create_profile(
    conn: Connection, email: str, display_name: str, role: str = "student"
) -> Any:
    """A new profile row; 409 when the address is taken (saying nothing more about it)."""
    row = await repository.insert(conn, normalize_email(email), display_name, role)
    if row is None:
        raise email_unavailable()
    return row


async def update_profile(
    conn: Connection,
    user_id: uuid.UUID,
    *,
    display_name: str | None = None,
    bio: str | None = None,
    locale: str | None = None,
) -> Profile:
    row = await repository.update_fields(conn, user_id, display_name, bio, locale)
    if row is None:
        raise NotFound("No such user", code="user_not_found")
    return to_profile(row)


async def set_role(conn: Connection, user_id: uuid.UUID, role: str) -> Any:
    return await repository.set_role(conn, user_id, role)


async def set_disabled(conn: Connection, user_id: uuid.UUID, disabled: bool) -> Any:
    return await repository.set_disabled(conn, user_id, disabled)


async def list_users(
    conn: Connection,
    *,
    query: str | None,
    role: str | None,
    disabled: bool | None,
    cursor: str | None,
    limit: int,
) -> Page[AdminUser]:
    key = decode_cursor(cursor)
    after = None
    if key is not None:
        try:
            after = (datetime.fromisoformat(key["c"]), uuid.UUID(key["i"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise BadRequest("Invalid cursor", code="invalid_cursor") from exc
    rows = await repository.search(
        conn,
        pattern=like_pattern(query),
        role=role,
        disabled=disabled,
        after=after,
        limit=limit + 1,
    )
    page, more = split_page(rows, limit)
    next_cursor = (
        encode_cursor({"c": page[-1]["created_at"].isoformat(), "i": str(page[-1]["user_id"])})
        if more
        else None
    )
    return Page[AdminUser](items=[to_admin_user(r) for r in page], next_cursor=next_cursor)


async def list_teachers(
    conn: Connection, *, query: str | None, cursor: str | None, limit: int
) -> Page[TeacherCard]:
    key = decode_cursor(cursor)
    after = None
    if key is not None:
        try:
            after = (str(key["n"]), uuid.UUID(key["i"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise BadRequest("Invalid cursor", code="invalid_cursor") from exc
    rows = await repository.search_teachers(
        conn, pattern=like_pattern(query), after=after, limit=limit + 1
    )
    page, more = split_page(rows, limit)
    next_cursor = (
        encode_cursor({"n": page[-1]["sort_name"], "i": str(page[-1]["user_id"])}) if more else None
    )
    items = [
        TeacherCard(
            id=r["user_id"],
            display_name=r["display_name"],
            bio=r["bio"],
            avatar_media_id=r["avatar_media_id"],
        )
        for r in page
    ]
    return Page[TeacherCard](items=items, next_cursor=next_cursor)


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.

DELETED_DISPLAY_NAME = "Borttagen användare"


def deleted_email(user_id: uuid.UUID) -> str:
    """The placeholder address of a deleted account (.invalid never resolves, RFC 2606)."""
    return f"deleted-{user_id.hex}@deleted.invalid"


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    return {"profiles": await repository.export_rows(conn, user_id)}


async def anonymise(conn: Connection, user_id: uuid.UUID) -> None:
    """Keep the row (pseudonymised orders point at it) without anything that names the person;
    it can never sign in again."""
    await repository.anonymise(conn, user_id, deleted_email(user_id), DELETED_DISPLAY_NAME)
