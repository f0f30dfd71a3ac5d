"""Notifications for one user. Any domain calls notify() inside its own transaction."""

import uuid
from typing import Any

from app.db import Connection
from app.errors import BadRequest
from app.notifications import repository
from app.notifications.schemas import Notification, NotificationPage, ReadResult
from app.pagination import decode_cursor, encode_cursor, split_page


async def notify(
    conn: Connection,
    user_id: uuid.UUID,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    data: dict[str, Any] | None = None,
) -> int:
    """Store a notification (kinds are fixed by app.notifications' CHECK)."""
    return await repository.insert_notification(
        conn, user_id=user_id, kind=kind, title=title, body=body, link=link, data=data or {}
    )


async def notify_unless_unread(
    conn: Connection,
    user_id: uuid.UUID,
    kind: str,
    group: tuple[str, str],
    title: str,
    body: str = "",
    link: str = "",
    data: dict[str, Any] | None = None,
) -> int | None:
    """Like notify(), but only when the user has no unread notification of this kind whose data
    has the same group key and value (e.g. one "new messages" per conversation until read)."""
    key, value = group
    if await repository.has_unread_with(conn, user_id, kind, key, value):
        return None
    return await notify(conn, user_id, kind, title, body, link, {**(data or {}), key: value})


async def list_notifications(
    conn: Connection, user_id: uuid.UUID, cursor: str | None, unread_only: bool, limit: int
) -> NotificationPage:
    key = decode_cursor(cursor)
    before_id = None
    if key is not None:
        before_id = key.get("id")
        if not isinstance(before_id, int) or isinstance(before_id, bool):
            raise BadRequest("Invalid cursor", code="invalid_cursor")
    rows = await repository.list_page(conn, user_id, before_id, unread_only, limit + 1)
    page, more = split_page(rows, limit)
    return NotificationPage(
        items=[Notification(**dict(r)) for r in page],
        next_cursor=encode_cursor({"id": page[-1]["id"]}) if more else None,
        unread_count=await repository.unread_count(conn, user_id),
    )


async def mark_read(conn: Connection, user_id: uuid.UUID, ids: list[int] | None) -> ReadResult:
    """Mark some (ids) or all of the user's notifications read; others' ids are ignored."""
    marked = await repository.mark_read(conn, user_id, sorted(set(ids)) if ids else None)
    return ReadResult(marked=marked, unread_count=await repository.unread_count(conn, user_id))


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    return {"notifications": await repository.export_rows(conn, user_id)}


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    await repository.delete_of_user(conn, user_id)
