"""SQL of the audit log."""

import uuid
from typing import Any

from app.db import Connection


async def insert_entry(
    conn: Connection,
    *,
    action: str,
    actor_id: uuid.UUID | None,
    subject_user_id: uuid.UUID | None,
    object_type: str,
    object_id: str,
    ip: str | None,
    meta: dict[str, Any],
) -> None:
    await conn.execute(
        """INSERT INTO app.audit_log (actor_id, subject_user_id, action, object_type, object_id,
                                      ip, meta)
           VALUES ($1, $2, $3, $4, $5, $6::inet, $7)""",
        actor_id,
        subject_user_id,
        action,
        object_type,
        object_id,
        ip,
        meta,
    )


async def list_entries(
    conn: Connection,
    *,
    actor_id: uuid.UUID | None,
    action: str | None,
    before_id: int | None,
    limit: int,
) -> list[Any]:
    """Newest first; `action` matches exactly or, ending in '.', as a prefix ('auth.')."""
    return await conn.fetch(
        """SELECT id, actor_id, subject_user_id, action, object_type, object_id, host(ip) AS ip,
                  meta, created_at
           FROM app.audit_log
           WHERE ($1::uuid IS NULL OR actor_id = $1)
             AND ($2::text IS NULL OR action = $2
                  OR (right($2, 1) = '.' AND starts_with(action, $2)))
             AND ($3::bigint IS NULL OR id < $3)
           ORDER BY id DESC LIMIT $4""",
        actor_id,
        action,
        before_id,
        limit,
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        "SELECT * FROM app.audit_log WHERE actor_id = $1 OR subject_user_id = $1 ORDER BY id",
        user_id,
    )


async def forget_user(conn: Connection, user_id: uuid.UUID) -> None:
    await conn.execute(
        """UPDATE app.audit_log SET subject_user_id = NULL, ip = NULL, meta = '{}'::jsonb
           WHERE subject_user_id = $1""",
        user_id,
    )
    await conn.execute(
        "UPDATE app.audit_log SET actor_id = NULL, ip = NULL WHERE actor_id = $1", user_id
    )
