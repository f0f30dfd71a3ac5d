"""The activity feed: what happened on the platform. Any domain records an activity here, in
its own transaction, so the feed never shows something that was rolled back; the stream hears
of it only when that transaction commits."""

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import orjson

from app.db import Connection
from app.errors import BadRequest
from app.feed import repository
from app.feed.broker import FeedBroker
from app.feed.cache import FeedCache
from app.pagination import decode_cursor, encode_cursor
from app.security import AuthUser

# At most this many missed events are replayed after a reconnect; beyond that the client gets a
# `reset` event and reloads GET /feed.
REPLAY_LIMIT = 500
RETRY_MILLISECONDS = 3000
MAX_EVENT_ID = 2**63 - 1  # app.activities.id is a bigint


async def record_activity(
    conn: Connection,
    *,
    actor_id: uuid.UUID | None,
    kind: str,
    subject_type: str,
    subject_id: uuid.UUID,
    subject_title: str,
    summary: str = "",
    visibility: str = "public",
) -> int:
    """Add an activity (kinds and subject types are fixed by app.activities' CHECKs) and announce
    it to the event stream once the caller's transaction commits."""
    return await repository.insert_activity(
        conn,
        actor_id=actor_id,
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        subject_title=subject_title,
        summary=summary,
        visibility=visibility,
    )


async def publish_event(
    conn: Connection, source: str, event_id: int, receiver_id: uuid.UUID | None = None
) -> None:
    """Announce another domain's event (e.g. a direct message) on the stream channel; delivered
    on commit. With receiver_id only that user's streams get it."""
    payload: dict[str, object] = {"t": source, "id": event_id}
    if receiver_id is not None:
        payload["to"] = str(receiver_id)
    await repository.notify_stream(conn, orjson.dumps(payload).decode())


async def hide_subject(conn: Connection, subject_type: str, subject_id: uuid.UUID) -> None:
    """Hide the activities about something that moderation hid or removed."""
    await repository.set_subject_hidden(conn, subject_type, subject_id, True)


async def show_subject(conn: Connection, subject_type: str, subject_id: uuid.UUID) -> None:
    await repository.set_subject_hidden(conn, subject_type, subject_id, False)


async def update_subject(
    conn: Connection, subject_type: str, subject_id: uuid.UUID, title: str, summary: str
) -> None:
    """Keep the feed's copy of a subject's title and summary true after an edit."""
    await repository.update_subject_text(conn, subject_type, subject_id, title, summary)


async def delete_subject(conn: Connection, subject_type: str, subject_id: uuid.UUID) -> None:
    """Remove the activities about something that no longer exists."""
    await repository.delete_subject(conn, subject_type, subject_id)


async def feed_page_json(
    conn: Connection,
    viewer: AuthUser | None,
    cursor: str | None,
    limit: int,
    cache: FeedCache | None = None,
) -> bytes:
    """GET /feed as JSON bytes built by PostgreSQL: {"items": [...], "next_cursor": ...},
    shared through `cache` by the viewers who see the same page (app/feed/cache.py)."""
    before_id = _cursor_id(cursor)
    if cache is None or not cache.trusted:
        return await _build_page(conn, viewer, before_id, limit)
    viewer_class = "anonymous" if viewer is None else "admin" if viewer.is_admin else "member"
    if viewer_class == "member" and await cache.has_hidden_items(conn, viewer.id):  # type: ignore[union-attr]
        return await _build_page(conn, viewer, before_id, limit)  # with their own hidden items
    key = (viewer_class, before_id, limit)
    page = cache.get(key)
    if page is None:
        generation = cache.generation
        page = await _build_page(conn, viewer, before_id, limit)
        cache.put(key, page, generation)
    return page


async def _build_page(
    conn: Connection, viewer: AuthUser | None, before_id: int | None, limit: int
) -> bytes:
    row = await repository.feed_page(
        conn, viewer.id if viewer else None, bool(viewer and viewer.is_admin), before_id, limit
    )
    next_cursor = encode_cursor({"id": row["last_id"]}) if row["has_more"] else None
    return b'{"items":' + row["items"] + b',"next_cursor":' + orjson.dumps(next_cursor) + b"}"


def _cursor_id(cursor: str | None) -> int | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    value = key.get("id")
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadRequest("Invalid cursor", code="invalid_cursor")
    return value


def parse_last_event_id(raw: str | None) -> int | None:
    """The id a reconnecting client last received (Last-Event-ID header or last_event_id)."""
    if raw is None or not raw.strip():
        return None
    try:
        value = int(raw.strip())
    except ValueError as exc:
        raise BadRequest(
            "Last-Event-ID must be an event id from this stream", code="invalid_last_event_id"
        ) from exc
    if not 0 <= value <= MAX_EVENT_ID:
        raise BadRequest(
            "Last-Event-ID must be an event id from this stream", code="invalid_last_event_id"
        )
    return value


async def event_stream(
    broker: FeedBroker,
    viewer: AuthUser | None,
    last_event_id: int | None,
    heartbeat_seconds: float,
    expires_at: float | None,
) -> AsyncIterator[bytes]:
    """The text/event-stream body: the missed events (after Last-Event-ID), then live ones, a
    comment line as heartbeat, and the end when the access token expires (the client reconnects
    with a fresh token and its Last-Event-ID)."""
    sub = await broker.subscribe(viewer)
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n: connected\n\n".encode()
        replayed: set[int] = set()
        if last_event_id is not None:
            events, missed_more = await broker.replay(viewer, last_event_id, REPLAY_LIMIT)
            if missed_more:
                yield b'event: reset\ndata: {"reason":"too_many_missed"}\n\n'
            else:
                for event in events:
                    replayed.add(event.id)
                    yield event.encode()
        while True:
            wait = heartbeat_seconds
            if expires_at is not None:
                left = expires_at - time.time()
                if left <= 0:
                    yield b'event: expired\ndata: {"reason":"token_expired"}\n\n'
                    return
                wait = min(wait, left)
            try:
                live = await asyncio.wait_for(sub.queue.get(), wait)
            except TimeoutError:
                if expires_at is None or time.time() < expires_at:
                    yield b": heartbeat\n\n"
                continue
            if live is None:
                return
            if live.id not in replayed:  # live events the replay already sent
                yield live.encode()
    finally:
        broker.unsubscribe(sub)


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    """Feed items the user caused or that are about them."""
    return {"activities": await repository.export_rows(conn, user_id)}


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    await repository.delete_of_user(conn, user_id)
