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
