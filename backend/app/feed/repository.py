"""SQL of the activity feed and of its event channel."""

import uuid
from typing import Any

import asyncpg

from app.db import Connection
from app.pagination import MAX_LIMIT
from app.sqlshape import Where, page_size

# The LISTEN/NOTIFY channel of the event stream (feed items and direct messages).
STREAM_CHANNEL = "wisdom_stream"

# One feed item as JSON, built by PostgreSQL from app.activities_feed (alias f); the same shape
# for GET /feed and for the event stream.
_ITEM_JSON = """json_build_object(
    'id', f.id, 'kind', f.kind, 'subject_type', f.subject_type, 'subject_id', f.subject_id,
    'subject_title', f.subject_title, 'summary', f.summary, 'visibility', f.visibility,
    'hidden', f.hidden_at IS NOT NULL, 'created_at', f.created_at,
    'actor', CASE WHEN f.actor_id IS NULL THEN NULL ELSE json_build_object(
        'id', f.actor_id, 'display_name', f.actor_display_name,
        'avatar_media_id', f.actor_avatar_media_id, 'role', f.actor_role) END)"""

# What a viewer ($1 user id or NULL, $2 is admin) may see: members-only items need a signed-in
# viewer; hidden items are shown to admins and to their actor only.
_VISIBLE = """(f.visibility = 'public' OR $1::uuid IS NOT NULL)
    AND (f.hidden_at IS NULL OR $2::boolean OR f.actor_id = $1::uuid)"""


async def insert_activity(
    conn: Connection,
    *,
    actor_id: uuid.UUID | None,
    kind: str,
    subject_type: str,
    subject_id: uuid.UUID,
    subject_title: str,
    summary: str,
    visibility: str,
) -> int:
    """Insert and announce on the stream channel in one round trip; PostgreSQL delivers the
    notification only when the transaction commits (and never if it rolls back)."""
    activity_id: int = await conn.fetchval(
        """WITH a AS (
               INSERT INTO app.activities (actor_id, kind, subject_type, subject_id, subject_title,
                                           summary, visibility)
               VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id)
           SELECT a.id, pg_notify($8, json_build_object('t', 'activity', 'id', a.id)::text)
           FROM a""",
        actor_id,
        kind,
        subject_type,
        subject_id,
        subject_title[:200],
        summary[:1000],
        visibility,
        STREAM_CHANNEL,
    )
    return activity_id


async def notify_stream(conn: Connection, payload: str) -> None:
    await conn.execute("SELECT pg_notify($1, $2)", STREAM_CHANNEL, payload)


# The same rule written for each kind of viewer (a fixed text each: see app.sqlshape), with
# the member's id as $1.
_VISIBLE_TO_ANONYMOUS = "f.visibility = 'public' AND f.hidden_at IS NULL"
_VISIBLE_TO_ADMIN = "TRUE"
_VISIBLE_TO_MEMBER = "f.hidden_at IS NULL OR f.actor_id = {}"


def _visible_to(viewer_id: uuid.UUID | None, is_admin: bool) -> Where:
    if viewer_id is None:
        return Where(_VISIBLE_TO_ANONYMOUS)
    if is_admin:
        return Where(_VISIBLE_TO_ADMIN)
    where = Where()
    where.add(_VISIBLE_TO_MEMBER, viewer_id)
    return where


async def feed_page(
    conn: Connection, viewer_id: uuid.UUID | None, is_admin: bool, before_id: int | None, limit: int
) -> asyncpg.Record:
    """One page newest first: the items as UTF-8 JSON bytes (bytea: no decoding and encoding
    again in Python), the last id shown, and whether more follow."""
    where = _visible_to(viewer_id, is_admin)
    if before_id is not None:
        where.add("f.id < {}::bigint", before_id)
    size = page_size(limit, MAX_LIMIT)
    row = await conn.fetchrow(
        f"""WITH page AS (
               SELECT f.id, {_ITEM_JSON} AS item FROM app.activities_feed f
               WHERE {where.sql}
               ORDER BY f.id DESC LIMIT {size} + 1),
           shown AS (SELECT id, item FROM page ORDER BY id DESC LIMIT {size})
           SELECT convert_to((SELECT coalesce(json_agg(item ORDER BY id DESC), '[]'::json)
                              FROM shown)::text, 'UTF8') AS items,
                  (SELECT min(id) FROM shown) AS last_id,
                  (SELECT count(*) FROM page) > {size} AS has_more""",  # noqa: S608 - fixed fragments
        *where.args,
    )
    assert row is not None  # noqa: S101 - an aggregate query always returns a row
    return row


async def feed_items_by_ids(conn: Connection, ids: list[int]) -> list[asyncpg.Record]:
    """Items for the event stream, with what a subscriber filters on."""
    return await conn.fetch(
        f"""SELECT f.id, f.visibility, f.actor_id, f.hidden_at IS NOT NULL AS hidden,
                   {_ITEM_JSON}::text AS item
            FROM app.activities_feed f WHERE f.id = ANY($1::bigint[]) ORDER BY f.id""",  # noqa: S608
        ids,
    )


async def feed_items_after(
    conn: Connection, viewer_id: uuid.UUID | None, is_admin: bool, after_id: int, limit: int
) -> list[asyncpg.Record]:
    """Items after an id, oldest first, that a viewer may see (the stream's replay)."""
    return await conn.fetch(
        f"""SELECT f.id, f.visibility, f.actor_id, f.hidden_at IS NOT NULL AS hidden,
                   {_ITEM_JSON}::text AS item
            FROM app.activities_feed f
            WHERE {_VISIBLE} AND f.id > $3 ORDER BY f.id LIMIT $4""",  # noqa: S608
        viewer_id,
        is_admin,
        after_id,
        limit,
    )


async def unhidden_items_after(conn: Connection, after_id: int, limit: int) -> list[asyncpg.Record]:
    """Everything after an id, oldest first (the broker's catch-up after a lost connection)."""
    return await conn.fetch(
        f"""SELECT f.id, f.visibility, f.actor_id, f.hidden_at IS NOT NULL AS hidden,
                   {_ITEM_JSON}::text AS item
            FROM app.activities_feed f
            WHERE f.id > $1 AND f.hidden_at IS NULL ORDER BY f.id LIMIT $2""",  # noqa: S608
        after_id,
        limit,
    )


async def max_activity_id(conn: Connection) -> int:
    value: int = await conn.fetchval("SELECT coalesce(max(id), 0) FROM app.activities")
    return value


async def set_subject_hidden(
    conn: Connection, subject_type: str, subject_id: uuid.UUID, hidden: bool
) -> int:
    result: str = await conn.execute(
        """UPDATE app.activities
           SET hidden_at = CASE WHEN $3 THEN coalesce(hidden_at, now()) END
           WHERE subject_type = $1 AND subject_id = $2""",
        subject_type,
        subject_id,
        hidden,
    )
    return int(result.split()[-1])


async def update_subject_text(
    conn: Connection, subject_type: str, subject_id: uuid.UUID, title: str, summary: str
) -> None:
    await conn.execute(
        """UPDATE app.activities SET subject_title = $3, summary = $4
           WHERE subject_type = $1 AND subject_id = $2""",
        subject_type,
        subject_id,
        title[:200],
        summary[:1000],
    )


async def delete_subject(conn: Connection, subject_type: str, subject_id: uuid.UUID) -> None:
    await conn.execute(
        "DELETE FROM app.activities WHERE subject_type = $1 AND subject_id = $2",
        subject_type,
        subject_id,
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        """SELECT * FROM app.activities
           WHERE actor_id = $1 OR (subject_type = 'profile' AND subject_id = $1) ORDER BY id""",
        user_id,
    )


async def delete_of_user(conn: Connection, user_id: uuid.UUID) -> None:
    await conn.execute(
        """DELETE FROM app.activities
           WHERE actor_id = $1 OR (subject_type = 'profile' AND subject_id = $1)""",
        user_id,
    )
