"""SQL of profiles (app.profiles)."""

import uuid
from datetime import datetime
from typing import Any

from app.db import Connection

COLUMNS = """user_id, email, display_name, role, bio, locale, avatar_media_id, disabled_at,
             created_at, updated_at"""


async def get(conn: Connection, user_id: uuid.UUID) -> Any:
    return await conn.fetchrow(f"SELECT {COLUMNS} FROM app.profiles WHERE user_id = $1", user_id)  # noqa: S608 - fixed column list


async def get_many(conn: Connection, user_ids: list[uuid.UUID]) -> list[Any]:
    return await conn.fetch(
        f"SELECT {COLUMNS} FROM app.profiles WHERE user_id = ANY($1::uuid[])",  # noqa: S608
        user_ids,
    )


async def get_by_email(conn: Connection, email: str) -> Any:
    return await conn.fetchrow(
        f"SELECT {COLUMNS} FROM app.profiles WHERE lower(email) = lower($1)",  # noqa: S608
        email,
    )


async def insert(conn: Connection, email: str, display_name: str, role: str) -> Any:
    """The new profile, or None when the address is taken (in any letter case)."""
    return await conn.fetchrow(
        f"""INSERT INTO app.profiles (email, display_name, role) VALUES ($1, $2, $3)
            ON CONFLICT ((lower(email))) DO NOTHING RETURNING {COLUMNS}""",  # noqa: S608
        email,
        display_name,
        role,
    )


async def update_fields(
    conn: Connection,
    user_id: uuid.UUID,
    display_name: str | None,
    bio: str | None,
    locale: str | None,
) -> Any:
    """Set the fields that are not None."""
    return await conn.fetchrow(
        f"""UPDATE app.profiles
            SET display_name = COALESCE($2, display_name), bio = COALESCE($3, bio),
                locale = COALESCE($4, locale)
            WHERE user_id = $1 RETURNING {COLUMNS}""",  # noqa: S608
        user_id,
        display_name,
        bio,
        locale,
    )


async def lock(conn: Connection, user_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"SELECT {COLUMNS} FROM app.profiles WHERE user_id = $1 FOR UPDATE",  # noqa: S608
        user_id,
    )


async def set_role(conn: Connection, user_id: uuid.UUID, role: str) -> Any:
    return await conn.fetchrow(
        f"UPDATE app.profiles SET role = $2 WHERE user_id = $1 RETURNING {COLUMNS}",  # noqa: S608
        user_id,
        role,
    )


async def set_disabled(conn: Connection, user_id: uuid.UUID, disabled: bool) -> Any:
    return await conn.fetchrow(
        f"""UPDATE app.profiles
            SET disabled_at = CASE WHEN $2 THEN COALESCE(disabled_at, now()) END
            WHERE user_id = $1 RETURNING {COLUMNS}""",  # noqa: S608
        user_id,
        disabled,
    )


async def search(
    conn: Connection,
    *,
    pattern: str | None,
    role: str | None,
    disabled: bool | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Any]:
    """Every profile, newest first (admin list); `pattern` is an ILIKE pattern."""
    return await conn.fetch(
        f"""SELECT {COLUMNS} FROM app.profiles
            WHERE ($1::text IS NULL OR email ILIKE $1 OR display_name ILIKE $1)
              AND ($2::text IS NULL OR role = $2)
              AND ($3::boolean IS NULL OR (disabled_at IS NOT NULL) = $3)
              AND ($4::timestamptz IS NULL OR (created_at, user_id) < ($4, $5::uuid))
            ORDER BY created_at DESC, user_id DESC LIMIT $6""",  # noqa: S608
        pattern,
        role,
        disabled,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )


async def search_teachers(
    conn: Connection, *, pattern: str | None, after: tuple[str, uuid.UUID] | None, limit: int
) -> list[Any]:
    """Active teachers by name (the public directory); `pattern` is an ILIKE pattern."""
    return await conn.fetch(
        """SELECT user_id, display_name, bio, avatar_media_id, lower(display_name) AS sort_name
           FROM app.profiles
           WHERE role = 'teacher' AND disabled_at IS NULL
             AND ($1::text IS NULL OR display_name ILIKE $1 OR bio ILIKE $1)
             AND ($2::text IS NULL OR (lower(display_name), user_id) > ($2, $3::uuid))
           ORDER BY lower(display_name), user_id LIMIT $4""",
        pattern,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> list[Any]:
    return await conn.fetch("SELECT * FROM app.profiles WHERE user_id = $1", user_id)


async def anonymise(conn: Connection, user_id: uuid.UUID, email: str, display_name: str) -> None:
    await conn.execute(
        """UPDATE app.profiles
           SET email = $2, display_name = $3, bio = '', locale = 'sv', avatar_media_id = NULL,
               disabled_at = coalesce(disabled_at, now()), deleted_at = now()
           WHERE user_id = $1""",
        user_id,
        email,
        display_name,
    )
