"""SQL of notifications."""

import uuid
from typing import Any

import asyncpg

from app.db import Connection


async def insert_notification(
    conn: Connection,
    *,
    user_id: uuid.UUID,
    kind: str,
    title: str,
    body: str,
    link: str,
    data: dict[str, Any],
    about_user_id: uuid.UUID | None = None,
) -> int:
    notification_id: int = await conn.fetchval(
        """INSERT INTO app.notifications (user_id, kind, title, body, link, data, about_user_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""",
        user_id,
        kind,
        title[:200],
        body[:2000],
        link[:500],
        data,
        about_user_id,
    )
    return notification_id


async def has_unread_with(
    conn: Connection, user_id: uuid.UUID, kind: str, key: str, value: str
) -> bool:
    found: bool = await conn.fetchval(
        """SELECT EXISTS (SELECT 1 FROM app.notifications
                          WHERE user_id = $1 AND read_at IS NULL AND kind = $2
                            AND data ->> $3 = $4)""",
        user_id,
        kind,
        key,
        value,
    )
    return found


async def list_page(
    conn: Connection, user_id: uuid.UUID, before_id: int | None, unread_only: bool, limit: int
) -> list[asyncpg.Record]:
    return await conn.fetch(
        """SELECT id, kind, title, body, link, data, read_at, created_at
           FROM app.notifications
           WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2)
             AND (NOT $3 OR read_at IS NULL)
           ORDER BY id DESC LIMIT $4""",
        user_id,
        before_id,
        unread_only,
        limit,
    )


async def unread_count(conn: Connection, user_id: uuid.UUID) -> int:
    count: int = await conn.fetchval(
        "SELECT count(*) FROM app.notifications WHERE user_id = $1 AND read_at IS NULL", user_id
    )
    return count


async def mark_read(conn: Connection, user_id: uuid.UUID, ids: list[int] | None) -> int:
    """Mark the user's unread notifications read: those with these ids, or all when None."""
    result: str = await conn.execute(
        """UPDATE app.notifications SET read_at = now()
           WHERE user_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2))""",
        user_id,
        ids,
    )
    return int(result.split()[-1])


async def mark_read_with(
    conn: Connection, user_id: uuid.UUID, kind: str, key: str, value: str
) -> int:
    """Mark read the user's unread notifications of a kind whose data has key = value."""
    result: str = await conn.execute(
        """UPDATE app.notifications SET read_at = now()
           WHERE user_id = $1 AND read_at IS NULL AND kind = $2 AND data ->> $3 = $4""",
        user_id,
        kind,
        key,
        value,
    )
    return int(result.split()[-1])


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        "SELECT * FROM app.notifications WHERE user_id = $1 ORDER BY id", user_id
    )


async def about_person(conn: Connection, person_id: uuid.UUID) -> list[Any]:
    """Other people's notifications that name or quote the person, locked for rewriting."""
    return await conn.fetch(
        """SELECT id, kind, title, body FROM app.notifications WHERE about_user_id = $1
           FOR UPDATE""",
        person_id,
    )


async def rewrite(conn: Connection, rows: list[tuple[int, str, str]]) -> None:
    """New title and body for each (id, title, body); they no longer point at anyone."""
    await conn.execute(
        """UPDATE app.notifications n SET title = r.title, body = r.body, about_user_id = NULL
           FROM unnest($1::bigint[], $2::text[], $3::text[]) AS r(id, title, body)
           WHERE n.id = r.id""",
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
    )


async def delete_of_user(conn: Connection, user_id: uuid.UUID) -> None:
    await conn.execute("DELETE FROM app.notifications WHERE user_id = $1", user_id)
