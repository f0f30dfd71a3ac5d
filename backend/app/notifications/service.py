"""Notifications for one user. Any domain calls notify() inside its own transaction."""

import uuid
from typing import Any

from app.db import Connection
from app.errors import BadRequest
from app.notifications import repository
from app.notifications.schemas import Notification, NotificationPage, ReadResult
from app.pagination import decode_cursor, encode_cursor, split_page
from app.redaction import Redaction


async def notify(
    conn: Connection,
    user_id: uuid.UUID,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    data: dict[str, Any] | None = None,
    *,
    about: uuid.UUID | None = None,
) -> int:
    """Store a notification (kinds are fixed by app.notifications' CHECK). `about` is the other
    person it names or quotes, whose erasure later reaches this copy (forget_person)."""
    return await repository.insert_notification(
        conn,
        user_id=user_id,
        kind=kind,
        title=title,
        body=body,
        link=link,
        data=data or {},
        about_user_id=about,
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
    *,
    about: uuid.UUID | None = None,
) -> int | None:
    """Like notify(), but only when the user has no unread notification of this kind whose data
    has the same group key and value (e.g. one "new messages" per conversation until read)."""
    key, value = group
    if await repository.has_unread_with(conn, user_id, kind, key, value):
        return None
    return await notify(
        conn, user_id, kind, title, body, link, {**(data or {}), key: value}, about=about
    )


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


async def mark_read_about(
    conn: Connection, user_id: uuid.UUID, kind: str, group: tuple[str, str]
) -> int:
    """Mark read the user's notifications of this kind about one thing (the group of
    notify_unless_unread), e.g. a conversation's "new message" once the conversation is read."""
    key, value = group
    return await repository.mark_read_with(conn, user_id, kind, key, value)


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    return {"notifications": await repository.export_rows(conn, user_id)}


# Notification kinds whose body is the other person's own words (a comment, a message).
QUOTING_KINDS = {"reply", "message"}


async def forget_person(conn: Connection, person_id: uuid.UUID, redaction: Redaction) -> int:
    """Other people's notifications about a deleted person: the name goes, quotes are dropped.
    Returns how many were rewritten."""
    rows = await repository.about_person(conn, person_id)
    rewritten = [
        (
            r["id"],
            redaction.apply(r["title"])[:200],
            "" if r["kind"] in QUOTING_KINDS else redaction.apply(r["body"]),
        )
        for r in rows
    ]
    if rewritten:
        await repository.rewrite(conn, rewritten)
    return len(rewritten)


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    await repository.delete_of_user(conn, user_id)
