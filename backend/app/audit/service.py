"""The audit log of sensitive actions (sign-ins, role changes, approvals, refunds, ...)."""

import uuid
from typing import Any

from app.audit import repository
from app.db import Connection


async def record(
    conn: Connection,
    action: str,
    *,
    actor_id: uuid.UUID | None = None,
    subject_user_id: uuid.UUID | None = None,
    object_type: str = "",
    object_id: str = "",
    ip: str | None = None,
    meta: dict[str, Any] | None = None,
) -> None:
    """Write one entry in the caller's transaction (action like 'auth.login_failed')."""
    await repository.insert_entry(
        conn,
        action=action,
        actor_id=actor_id,
        subject_user_id=subject_user_id,
        object_type=object_type,
        object_id=object_id,
        ip=ip,
        meta=meta or {},
    )
