"""SQL of the wall (posts, comments, reactions) and of content reports.

Visibility is one rule everywhere: content whose hidden_at is set (reported by two users, or
removed by an admin) is shown to admins and to its author only. Queries that list take the
viewer as $1 (uuid) and whether the viewer is an admin as $2.
"""

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from app.db import Connection

# A post's columns, counts and the viewer's own reactions (alias p; $1 viewer, $2 is admin).
_POST_COLUMNS = """p.id, p.author_id, p.body, p.image_media_id, p.is_pinned, p.pinned_at,
    p.hidden_at, p.removed_at, p.created_at, p.edited_at,
    (SELECT count(*) FROM app.wall_comments c
     WHERE c.post_id = p.id AND (c.hidden_at IS NULL OR $2::boolean OR c.author_id = $1::uuid)
    )::int AS comment_count,
    (SELECT coalesce(jsonb_object_agg(k.kind, k.n), '{}'::jsonb)
     FROM (SELECT r.kind, count(*) AS n FROM app.wall_reactions r
           WHERE r.post_id = p.id GROUP BY r.kind) k) AS reactions,
    ARRAY(SELECT r.kind FROM app.wall_reactions r
          WHERE r.post_id = p.id AND r.user_id = $1::uuid ORDER BY r.kind) AS my_reactions"""

_COMMENT_COLUMNS = """c.id, c.post_id, c.author_id, c.body, c.hidden_at, c.removed_at,
    c.created_at, c.edited_at,
    (SELECT coalesce(jsonb_object_agg(k.kind, k.n), '{}'::jsonb)
     FROM (SELECT r.kind, count(*) AS n FROM app.wall_reactions r
           WHERE r.comment_id = c.id GROUP BY r.kind) k) AS reactions,
    ARRAY(SELECT r.kind FROM app.wall_reactions r
          WHERE r.comment_id = c.id AND r.user_id = $1::uuid ORDER BY r.kind) AS my_reactions"""


# --- posts ------------------------------------------------------------------------------------


async def list_posts(
    conn: Connection,
    viewer_id: uuid.UUID,
    is_admin: bool,
    after: tuple[bool, datetime, uuid.UUID] | None,
    limit: int,
) -> list[asyncpg.Record]:
    """The wall: pinned posts first, then newest first; keyset on (is_pinned, created_at, id)."""
    return await conn.fetch(
        f"""SELECT {_POST_COLUMNS} FROM app.wall_posts p
            WHERE (p.hidden_at IS NULL OR $2::boolean OR p.author_id = $1::uuid)
              AND ($3::boolean IS NULL OR (p.is_pinned, p.created_at, p.id) < ($3, $4, $5))
            ORDER BY p.is_pinned DESC, p.created_at DESC, p.id DESC
            LIMIT $6""",  # noqa: S608 - fixed column list
        viewer_id,
        is_admin,
        after[0] if after else None,
        after[1] if after else None,
        after[2] if after else None,
        limit,
    )


async def get_post(
    conn: Connection, viewer_id: uuid.UUID, is_admin: bool, post_id: uuid.UUID
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"SELECT {_POST_COLUMNS} FROM app.wall_posts p WHERE p.id = $3",  # noqa: S608
        viewer_id,
        is_admin,
        post_id,
    )


async def get_post_state(conn: Connection, post_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT id, author_id, body, hidden_at, removed_at FROM app.wall_posts WHERE id = $1",
        post_id,
    )


async def lock_post(conn: Connection, post_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        """SELECT id, author_id, body, hidden_at, removed_at FROM app.wall_posts
           WHERE id = $1 FOR UPDATE""",
        post_id,
    )


async def posts_with_image(conn: Connection, media_id: uuid.UUID) -> list[asyncpg.Record]:
    """The posts whose image is this media object (who wrote them, whether they are hidden)."""
    return await conn.fetch(
        "SELECT id, author_id, hidden_at FROM app.wall_posts WHERE image_media_id = $1", media_id
    )


async def insert_post(
    conn: Connection, author_id: uuid.UUID, body: str, image_media_id: uuid.UUID | None
) -> uuid.UUID:
    post_id: uuid.UUID = await conn.fetchval(
        """INSERT INTO app.wall_posts (author_id, body, image_media_id) VALUES ($1, $2, $3)
           RETURNING id""",
        author_id,
        body,
        image_media_id,
    )
    return post_id


async def update_post(
    conn: Connection,
    post_id: uuid.UUID,
    body: str | None,
    set_image: bool,
    image_media_id: uuid.UUID | None,
) -> None:
    await conn.execute(
        """UPDATE app.wall_posts
           SET body = coalesce($2, body),
               image_media_id = CASE WHEN $3 THEN $4 ELSE image_media_id END,
               edited_at = now()
           WHERE id = $1""",
        post_id,
        body,
        set_image,
        image_media_id,
    )


async def delete_post(conn: Connection, post_id: uuid.UUID) -> None:
    await conn.execute("DELETE FROM app.wall_posts WHERE id = $1", post_id)


async def set_pinned(conn: Connection, post_id: uuid.UUID, pinned_by: uuid.UUID | None) -> None:
    await conn.execute(
        """UPDATE app.wall_posts
           SET pinned_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE coalesce(pinned_at, now()) END,
               pinned_by = CASE WHEN $2::uuid IS NULL THEN NULL ELSE coalesce(pinned_by, $2) END
           WHERE id = $1""",
        post_id,
        pinned_by,
    )


async def set_post_moderation(
    conn: Connection, post_id: uuid.UUID, hidden: bool, removed: bool
) -> None:
    await conn.execute(
        """UPDATE app.wall_posts
           SET hidden_at = CASE WHEN $2 OR $3 THEN coalesce(hidden_at, now()) END,
               removed_at = CASE WHEN $3 THEN coalesce(removed_at, now()) END
           WHERE id = $1""",
        post_id,
        hidden,
        removed,
    )


# --- comments ---------------------------------------------------------------------------------


async def list_comments(
    conn: Connection,
    viewer_id: uuid.UUID,
    is_admin: bool,
    post_id: uuid.UUID,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[asyncpg.Record]:
    """A post's comments, oldest first; keyset on (created_at, id)."""
    return await conn.fetch(
        f"""SELECT {_COMMENT_COLUMNS} FROM app.wall_comments c
            WHERE c.post_id = $3
              AND (c.hidden_at IS NULL OR $2::boolean OR c.author_id = $1::uuid)
              AND ($4::timestamptz IS NULL OR (c.created_at, c.id) > ($4, $5))
            ORDER BY c.created_at, c.id
            LIMIT $6""",  # noqa: S608 - fixed column list
        viewer_id,
        is_admin,
        post_id,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )


async def get_comment(
    conn: Connection, viewer_id: uuid.UUID, comment_id: uuid.UUID
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"SELECT {_COMMENT_COLUMNS} FROM app.wall_comments c WHERE c.id = $2",  # noqa: S608
        viewer_id,
        comment_id,
    )


async def lock_comment(conn: Connection, comment_id: uuid.UUID) -> asyncpg.Record | None:
    """The comment with its post's state, the comment row locked."""
    return await conn.fetchrow(
        """SELECT c.id, c.post_id, c.author_id, c.body, c.hidden_at, c.removed_at,
                  p.author_id AS post_author_id, p.hidden_at AS post_hidden_at
           FROM app.wall_comments c JOIN app.wall_posts p ON p.id = c.post_id
           WHERE c.id = $1 FOR UPDATE OF c""",
        comment_id,
    )


async def insert_comment(
    conn: Connection, post_id: uuid.UUID, author_id: uuid.UUID, body: str
) -> uuid.UUID:
    comment_id: uuid.UUID = await conn.fetchval(
        "INSERT INTO app.wall_comments (post_id, author_id, body) VALUES ($1, $2, $3) RETURNING id",
        post_id,
        author_id,
        body,
    )
    return comment_id


async def update_comment(conn: Connection, comment_id: uuid.UUID, body: str) -> None:
    await conn.execute(
        "UPDATE app.wall_comments SET body = $2, edited_at = now() WHERE id = $1",
        comment_id,
        body,
    )


async def delete_comment(conn: Connection, comment_id: uuid.UUID) -> None:
    await conn.execute("DELETE FROM app.wall_comments WHERE id = $1", comment_id)


async def set_comment_moderation(
    conn: Connection, comment_id: uuid.UUID, hidden: bool, removed: bool
) -> None:
    await conn.execute(
        """UPDATE app.wall_comments
           SET hidden_at = CASE WHEN $2 OR $3 THEN coalesce(hidden_at, now()) END,
               removed_at = CASE WHEN $3 THEN coalesce(removed_at, now()) END
           WHERE id = $1""",
        comment_id,
        hidden,
        removed,
    )


# --- reactions --------------------------------------------------------------------------------


async def add_reaction(
    conn: Connection,
    user_id: uuid.UUID,
    post_id: uuid.UUID | None,
    comment_id: uuid.UUID | None,
    kind: str,
) -> bool:
    """True when the reaction is new (a repeat changes nothing)."""
    inserted = await conn.fetchval(
        """INSERT INTO app.wall_reactions (user_id, post_id, comment_id, kind)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id""",
        user_id,
        post_id,
        comment_id,
        kind,
    )
    return inserted is not None


async def remove_reaction(
    conn: Connection,
    user_id: uuid.UUID,
    post_id: uuid.UUID | None,
    comment_id: uuid.UUID | None,
    kind: str,
) -> bool:
    result: str = await conn.execute(
        """DELETE FROM app.wall_reactions
           WHERE user_id = $1 AND (post_id = $2 OR comment_id = $3) AND kind = $4""",
        user_id,
        post_id,
        comment_id,
        kind,
    )
    return result != "DELETE 0"


async def reaction_state(
    conn: Connection, viewer_id: uuid.UUID, post_id: uuid.UUID | None, comment_id: uuid.UUID | None
) -> asyncpg.Record:
    row = await conn.fetchrow(
        """SELECT (SELECT coalesce(jsonb_object_agg(k.kind, k.n), '{}'::jsonb)
                   FROM (SELECT kind, count(*) AS n FROM app.wall_reactions
                         WHERE post_id = $2 OR comment_id = $3 GROUP BY kind) k) AS reactions,
                  ARRAY(SELECT kind FROM app.wall_reactions
                        WHERE (post_id = $2 OR comment_id = $3) AND user_id = $1
                        ORDER BY kind) AS my_reactions""",
        viewer_id,
        post_id,
        comment_id,
    )
    assert row is not None  # noqa: S101 - a SELECT without FROM always returns a row
    return row


# --- reports ----------------------------------------------------------------------------------


async def insert_report(
    conn: Connection,
    *,
    reporter_id: uuid.UUID,
    target_type: str,
    post_id: uuid.UUID | None,
    comment_id: uuid.UUID | None,
    message_id: int | None,
    target_author_id: uuid.UUID,
    reason: str,
) -> asyncpg.Record | None:
    """The new report, or None when this reporter already reported the target."""
    return await conn.fetchrow(
        """INSERT INTO app.content_reports (reporter_id, target_type, post_id, comment_id,
                                            message_id, target_author_id, reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT DO NOTHING
           RETURNING id, target_type, status, created_at""",
        reporter_id,
        target_type,
        post_id,
        comment_id,
        message_id,
        target_author_id,
        reason,
    )


async def count_open_reporters(
    conn: Connection,
    post_id: uuid.UUID | None,
    comment_id: uuid.UUID | None,
    message_id: int | None,
) -> int:
    count: int = await conn.fetchval(
        """SELECT count(DISTINCT reporter_id) FROM app.content_reports
           WHERE status = 'open' AND (post_id = $1 OR comment_id = $2 OR message_id = $3)""",
        post_id,
        comment_id,
        message_id,
    )
    return count


_REPORT_COLUMNS = """r.id, r.status, r.reason, r.reporter_id, r.target_type, r.post_id,
    r.comment_id, r.message_id, r.target_author_id, r.created_at, r.resolved_at, r.resolved_by,
    coalesce(p.body, c.body) AS body,
    coalesce(p.hidden_at, c.hidden_at) AS hidden_at,
    coalesce(p.removed_at, c.removed_at) AS removed_at,
    (SELECT count(*) FROM app.content_reports o
     WHERE o.status = 'open' AND (o.post_id = r.post_id OR o.comment_id = r.comment_id
                                  OR o.message_id = r.message_id))::int AS open_reports"""


async def list_reports(
    conn: Connection, status: str, after: tuple[datetime, uuid.UUID] | None, limit: int
) -> list[asyncpg.Record]:
    """The moderation queue, newest first; keyset on (created_at, id). Message bodies are the
    messages domain's: the service adds them."""
    return await conn.fetch(
        f"""SELECT {_REPORT_COLUMNS}
            FROM app.content_reports r
            LEFT JOIN app.wall_posts p ON p.id = r.post_id
            LEFT JOIN app.wall_comments c ON c.id = r.comment_id
            WHERE r.status = $1
              AND ($2::timestamptz IS NULL OR (r.created_at, r.id) < ($2, $3))
            ORDER BY r.created_at DESC, r.id DESC
            LIMIT $4""",  # noqa: S608 - fixed column list
        status,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )


async def get_report(conn: Connection, report_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"""SELECT {_REPORT_COLUMNS}
            FROM app.content_reports r
            LEFT JOIN app.wall_posts p ON p.id = r.post_id
            LEFT JOIN app.wall_comments c ON c.id = r.comment_id
            WHERE r.id = $1""",  # noqa: S608 - fixed column list
        report_id,
    )


async def get_report_target(conn: Connection, report_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        """SELECT id, status, target_type, post_id, comment_id, message_id, target_author_id
           FROM app.content_reports WHERE id = $1""",
        report_id,
    )


async def lock_report(conn: Connection, report_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        """SELECT id, status, target_type, post_id, comment_id, message_id, target_author_id
           FROM app.content_reports WHERE id = $1 FOR UPDATE""",
        report_id,
    )


async def resolve_open_reports(
    conn: Connection,
    post_id: uuid.UUID | None,
    comment_id: uuid.UUID | None,
    message_id: int | None,
    status: str,
    admin_id: uuid.UUID,
) -> int:
    result: str = await conn.execute(
        """UPDATE app.content_reports
           SET status = $4, resolved_by = $5, resolved_at = now()
           WHERE status = 'open' AND (post_id = $1 OR comment_id = $2 OR message_id = $3)""",
        post_id,
        comment_id,
        message_id,
        status,
        admin_id,
    )
    return int(result.split()[-1])


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    tables = {
        "wall_posts": "SELECT * FROM app.wall_posts WHERE author_id = $1 ORDER BY created_at",
        "wall_comments": "SELECT * FROM app.wall_comments WHERE author_id = $1 ORDER BY created_at",
        "wall_reactions": "SELECT * FROM app.wall_reactions WHERE user_id = $1 ORDER BY id",
        "content_reports": "SELECT * FROM app.content_reports WHERE reporter_id = $1 ORDER BY created_at",
    }
    return {name: await conn.fetch(sql, user_id) for name, sql in tables.items()}


async def delete_all_of_user(conn: Connection, user_id: uuid.UUID) -> None:
    await conn.execute(
        "DELETE FROM app.content_reports WHERE reporter_id = $1 OR target_author_id = $1", user_id
    )
    await conn.execute(
        "UPDATE app.content_reports SET resolved_by = NULL WHERE resolved_by = $1", user_id
    )
    await conn.execute("DELETE FROM app.wall_reactions WHERE user_id = $1", user_id)
    await conn.execute("DELETE FROM app.wall_comments WHERE author_id = $1", user_id)
    await conn.execute("DELETE FROM app.wall_posts WHERE author_id = $1", user_id)
    await conn.execute("UPDATE app.wall_posts SET pinned_by = NULL WHERE pinned_by = $1", user_id)
