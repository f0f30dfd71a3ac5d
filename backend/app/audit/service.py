"""The audit log of sensitive actions (sign-ins, role changes, approvals, refunds, ...)."""

import uuid
from typing import Any

from app.audit import repository
from app.db import Connection
from app.errors import BadRequest
from app.pagination import decode_cursor, encode_cursor, split_page


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


async def list_entries(
    conn: Connection,
    *,
    actor_id: uuid.UUID | None = None,
    action: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Any], str | None]:
    """A page of entries, newest first, and the cursor of the next page."""
    key = decode_cursor(cursor)
    before_id = None
    if key is not None:
        if not isinstance(key.get("id"), int):
            raise BadRequest("Invalid cursor", code="invalid_cursor")
        before_id = key["id"]
    rows = await repository.list_entries(
        conn, actor_id=actor_id, action=action, before_id=before_id, limit=limit + 1
    )
    page, more = split_page(rows, limit)
    return page, encode_cursor({"id": page[-1]["id"]}) if more else None


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    """Entries of what the user did and of what was done to their account."""
    return {"audit_log": await repository.export_rows(conn, user_id)}


async def forget_user(conn: Connection, user_id: uuid.UUID) -> None:
    """Unlink the user (and the addresses they came from) from every entry; the entries stay,
    as a record of what happened on the platform."""
    await repository.forget_user(conn, user_id)
