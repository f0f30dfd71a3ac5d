"""SQL of conversations, direct messages and blocks."""

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from app.db import Connection

_MESSAGE_COLUMNS = """m.id, m.conversation_id, m.sender_id, m.recipient_id, m.body, m.read_at,
    m.hidden_at, m.removed_at, m.created_at"""


# --- conversations ----------------------------------------------------------------------------


async def insert_conversation(conn: Connection, user_a_id: uuid.UUID, user_b_id: uuid.UUID) -> None:
    """Create the pair's conversation unless it exists (ids in order: a < b)."""
    await conn.execute(
        """INSERT INTO app.conversations (user_a_id, user_b_id) VALUES ($1, $2)
           ON CONFLICT ON CONSTRAINT conversations_pair_key DO NOTHING""",
        user_a_id,
        user_b_id,
    )


async def get_conversation_of_pair(
    conn: Connection, user_a_id: uuid.UUID, user_b_id: uuid.UUID
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        """SELECT id, user_a_id, user_b_id, last_message_at, created_at FROM app.conversations
           WHERE user_a_id = $1 AND user_b_id = $2""",
        user_a_id,
        user_b_id,
    )


async def get_conversation(conn: Connection, conversation_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        """SELECT id, user_a_id, user_b_id, last_message_at, created_at FROM app.conversations
           WHERE id = $1""",
        conversation_id,
    )


# The caller's view of a conversation (alias c; $1 the caller): the peer, the last message the
# caller may see and how many messages to the caller are unread.
_CONVERSATION_VIEW = """c.id, c.created_at, c.last_message_at,
    CASE WHEN c.user_a_id = $1 THEN c.user_b_id ELSE c.user_a_id END AS peer_id,
    lm.id AS last_id, lm.sender_id AS last_sender_id, lm.body AS last_body,
    lm.created_at AS last_created_at,
    (SELECT count(*) FROM app.messages u
     WHERE u.conversation_id = c.id AND u.recipient_id = $1 AND u.read_at IS NULL
       AND u.hidden_at IS NULL)::int AS unread_count
    FROM app.conversations c
    LEFT JOIN LATERAL (
        SELECT m.id, m.sender_id, m.body, m.created_at FROM app.messages m
        WHERE m.conversation_id = c.id AND (m.hidden_at IS NULL OR m.sender_id = $1)
        ORDER BY m.id DESC LIMIT 1) lm ON true"""


async def list_conversations(
    conn: Connection,
    user_id: uuid.UUID,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[asyncpg.Record]:
    """The user's conversations that have messages, most recent first; keyset on
    (last_message_at, id)."""
    return await conn.fetch(
        f"""SELECT {_CONVERSATION_VIEW}
            WHERE (c.user_a_id = $1 OR c.user_b_id = $1) AND c.last_message_at IS NOT NULL
              AND ($2::timestamptz IS NULL OR (c.last_message_at, c.id) < ($2, $3))
            ORDER BY c.last_message_at DESC, c.id DESC
            LIMIT $4""",
        user_id,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )


async def get_conversation_view(
    conn: Connection, user_id: uuid.UUID, conversation_id: uuid.UUID
) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"""SELECT {_CONVERSATION_VIEW}
            WHERE c.id = $2 AND (c.user_a_id = $1 OR c.user_b_id = $1)""",
        user_id,
        conversation_id,
    )


async def touch_conversation(conn: Connection, conversation_id: uuid.UUID, at: datetime) -> None:
    await conn.execute(
        """UPDATE app.conversations SET last_message_at = greatest(last_message_at, $2)
           WHERE id = $1""",
        conversation_id,
        at,
    )


# --- messages ---------------------------------------------------------------------------------


async def insert_message(
    conn: Connection,
    conversation_id: uuid.UUID,
    sender_id: uuid.UUID,
    recipient_id: uuid.UUID,
    body: str,
) -> asyncpg.Record:
    row = await conn.fetchrow(
        """INSERT INTO app.messages AS m (conversation_id, sender_id, recipient_id, body)
           VALUES ($1, $2, $3, $4)
           RETURNING m.id, m.conversation_id, m.sender_id, m.recipient_id, m.body, m.read_at,
                     m.hidden_at, m.removed_at, m.created_at""",
        conversation_id,
        sender_id,
        recipient_id,
        body,
    )
    assert row is not None  # noqa: S101 - INSERT ... RETURNING returns the row
    return row


async def list_messages(
    conn: Connection,
    conversation_id: uuid.UUID,
    viewer_id: uuid.UUID,
    is_admin: bool,
    before_id: int | None,
    limit: int,
) -> list[asyncpg.Record]:
    """Newest first; hidden messages only for their sender (and admins)."""
    return await conn.fetch(
        f"""SELECT {_MESSAGE_COLUMNS} FROM app.messages m
            WHERE m.conversation_id = $1
              AND (m.hidden_at IS NULL OR m.sender_id = $2 OR $3::boolean)
              AND ($4::bigint IS NULL OR m.id < $4)
            ORDER BY m.id DESC LIMIT $5""",  # noqa: S608 - fixed column list
        conversation_id,
        viewer_id,
        is_admin,
        before_id,
        limit,
    )


async def has_written(conn: Connection, conversation_id: uuid.UUID, sender_id: uuid.UUID) -> bool:
    found: bool = await conn.fetchval(
        """SELECT EXISTS (SELECT 1 FROM app.messages
                          WHERE conversation_id = $1 AND sender_id = $2 AND hidden_at IS NULL)""",
        conversation_id,
        sender_id,
    )
    return found


async def mark_read(conn: Connection, conversation_id: uuid.UUID, recipient_id: uuid.UUID) -> int:
    result: str = await conn.execute(
        """UPDATE app.messages SET read_at = now()
           WHERE conversation_id = $1 AND recipient_id = $2 AND read_at IS NULL""",
        conversation_id,
        recipient_id,
    )
    return int(result.split()[-1])


async def lock_message(conn: Connection, message_id: int) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"SELECT {_MESSAGE_COLUMNS} FROM app.messages m WHERE m.id = $1 FOR UPDATE",  # noqa: S608
        message_id,
    )


async def set_moderation(conn: Connection, message_id: int, hidden: bool, removed: bool) -> None:
    await conn.execute(
        """UPDATE app.messages
           SET hidden_at = CASE WHEN $2 OR $3 THEN coalesce(hidden_at, now()) END,
               removed_at = CASE WHEN $3 THEN coalesce(removed_at, now()) END
           WHERE id = $1""",
        message_id,
        hidden,
        removed,
    )


async def messages_by_ids(conn: Connection, ids: list[int]) -> list[asyncpg.Record]:
    return await conn.fetch(
        f"SELECT {_MESSAGE_COLUMNS} FROM app.messages m WHERE m.id = ANY($1::bigint[]) ORDER BY m.id",  # noqa: S608
        ids,
    )


async def messages_to_after(
    conn: Connection, recipient_id: uuid.UUID, after_id: int, limit: int
) -> list[asyncpg.Record]:
    """Visible messages to one user after an id, oldest first (the stream's replay)."""
    return await conn.fetch(
        f"""SELECT {_MESSAGE_COLUMNS} FROM app.messages m
            WHERE m.recipient_id = $1 AND m.id > $2 AND m.hidden_at IS NULL
            ORDER BY m.id LIMIT $3""",  # noqa: S608
        recipient_id,
        after_id,
        limit,
    )


async def messages_after(conn: Connection, after_id: int, limit: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        f"""SELECT {_MESSAGE_COLUMNS} FROM app.messages m
            WHERE m.id > $1 AND m.hidden_at IS NULL ORDER BY m.id LIMIT $2""",  # noqa: S608
        after_id,
        limit,
    )


async def max_message_id(conn: Connection) -> int:
    value: int = await conn.fetchval("SELECT coalesce(max(id), 0) FROM app.messages")
    return value


# --- blocks -----------------------------------------------------------------------------------


async def blocks_between(
    conn: Connection, user_id: uuid.UUID, other_id: uuid.UUID
) -> asyncpg.Record:
    """Whether user blocked other, and whether other blocked user."""
    row = await conn.fetchrow(
        """SELECT EXISTS (SELECT 1 FROM app.user_blocks
                          WHERE blocker_id = $1 AND blocked_id = $2) AS blocked_by_me,
                  EXISTS (SELECT 1 FROM app.user_blocks
                          WHERE blocker_id = $2 AND blocked_id = $1) AS blocked_me""",
        user_id,
        other_id,
    )
    assert row is not None  # noqa: S101 - a SELECT without FROM always returns a row
    return row


async def insert_block(
    conn: Connection, blocker_id: uuid.UUID, blocked_id: uuid.UUID
) -> asyncpg.Record:
    """The block (new or already there)."""
    row = await conn.fetchrow(
        """WITH ins AS (
               INSERT INTO app.user_blocks (blocker_id, blocked_id) VALUES ($1, $2)
               ON CONFLICT DO NOTHING RETURNING blocked_id, created_at)
           SELECT blocked_id, created_at, true AS created FROM ins
           UNION ALL
           SELECT blocked_id, created_at, false FROM app.user_blocks
           WHERE blocker_id = $1 AND blocked_id = $2""",
        blocker_id,
        blocked_id,
    )
    assert row is not None  # noqa: S101 - inserted or already present
    return row


async def delete_block(conn: Connection, blocker_id: uuid.UUID, blocked_id: uuid.UUID) -> bool:
    result: str = await conn.execute(
        "DELETE FROM app.user_blocks WHERE blocker_id = $1 AND blocked_id = $2",
        blocker_id,
        blocked_id,
    )
    return result != "DELETE 0"


async def list_blocks(
    conn: Connection,
    blocker_id: uuid.UUID,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[asyncpg.Record]:
    return await conn.fetch(
        """SELECT blocked_id, created_at FROM app.user_blocks
           WHERE blocker_id = $1
             AND ($2::timestamptz IS NULL OR (created_at, blocked_id) < ($2, $3))
           ORDER BY created_at DESC, blocked_id DESC LIMIT $4""",
        blocker_id,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    tables = {
        "conversations": """SELECT * FROM app.conversations
                            WHERE user_a_id = $1 OR user_b_id = $1 ORDER BY created_at""",
        "messages": """SELECT * FROM app.messages
                       WHERE sender_id = $1 OR recipient_id = $1 ORDER BY id""",
        "user_blocks": "SELECT * FROM app.user_blocks WHERE blocker_id = $1 ORDER BY created_at",
    }
    return {name: await conn.fetch(sql, user_id) for name, sql in tables.items()}


async def delete_all_of_user(conn: Connection, user_id: uuid.UUID) -> None:
    # A conversation is the pair's: it goes with its messages (and reports of them).
    await conn.execute(
        "DELETE FROM app.conversations WHERE user_a_id = $1 OR user_b_id = $1", user_id
    )
    await conn.execute(
        "DELETE FROM app.user_blocks WHERE blocker_id = $1 OR blocked_id = $1", user_id
    )
