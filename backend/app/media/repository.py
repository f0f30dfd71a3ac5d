"""SQL of media objects."""

import uuid
from typing import Any

from app.db import Connection


async def insert(
    conn: Connection,
    *,
    media_id: uuid.UUID,
    owner_id: uuid.UUID,
    purpose: str,
    storage_key: str,
    content_type: str,
    size_bytes: int,
    sha256: str,
    original_name: str,
) -> Any:
    return await conn.fetchrow(
        """INSERT INTO app.media_objects (id, owner_id, purpose, storage_key, content_type,
                                         size_bytes, sha256, original_name)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           RETURNING id, owner_id, purpose, storage_key, content_type, size_bytes, sha256,
                     original_name, created_at""",
        media_id,
        owner_id,
        purpose,
        storage_key,
        content_type,
        size_bytes,
        sha256,
        original_name,
    )


async def get(conn: Connection, media_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT id, owner_id, purpose, storage_key, content_type, size_bytes, sha256,
                  original_name, created_at
           FROM app.media_objects WHERE id = $1""",
        media_id,
    )


async def delete(conn: Connection, media_id: uuid.UUID) -> str | None:
    key: str | None = await conn.fetchval(
        "DELETE FROM app.media_objects WHERE id = $1 RETURNING storage_key", media_id
    )
    return key


async def all_storage_keys(conn: Connection) -> set[str]:
    rows = await conn.fetch("SELECT storage_key FROM app.media_objects")
    return {r["storage_key"] for r in rows}


async def set_profile_avatar(conn: Connection, user_id: uuid.UUID, media_id: uuid.UUID) -> None:
    # The profiles domain has no avatar setter; avatar_media_id is the media reference this
    # domain owns (PUT /me/avatar), so this one column is written here.
    await conn.execute(
        "UPDATE app.profiles SET avatar_media_id = $2 WHERE user_id = $1", user_id, media_id
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, owner_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        "SELECT * FROM app.media_objects WHERE owner_id = $1 ORDER BY created_at, id", owner_id
    )


async def delete_owned(conn: Connection, owner_id: uuid.UUID) -> list[str]:
    rows = await conn.fetch(
        "DELETE FROM app.media_objects WHERE owner_id = $1 RETURNING storage_key", owner_id
    )
    return [r["storage_key"] for r in rows]
