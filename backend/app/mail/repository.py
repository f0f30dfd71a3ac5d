"""SQL of the mail outbox."""

import uuid
from typing import Any

from app.db import Connection


async def insert_message(
    conn: Connection,
    *,
    user_id: uuid.UUID | None,
    to_address: str,
    subject: str,
    body_text: str,
    attachments: list[dict[str, Any]],
    kind: str,
) -> uuid.UUID:
    """Store the message and wake the mail worker (NOTIFY mail_outbox, sent at commit)."""
    message_id: uuid.UUID = await conn.fetchval(
        """WITH m AS (
               INSERT INTO app.mail_outbox (user_id, to_address, subject, body_text, attachments,
                                            kind)
               VALUES ($1, $2, $3, $4, $5, $6) RETURNING id)
           SELECT m.id, pg_notify('mail_outbox', '') FROM m""",
        user_id,
        to_address,
        subject,
        body_text,
        attachments,
        kind,
    )
    return message_id


async def claim_pending(conn: Connection, limit: int) -> list[Any]:
    """Pending messages, locked so that two API processes never send the same one."""
    return await conn.fetch(
        """SELECT id, to_address, subject, body_text, attachments, attempts
           FROM app.mail_outbox WHERE status = 'pending'
           ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED""",
        limit,
    )


async def mark(conn: Connection, message_id: uuid.UUID, status: str, error: str | None) -> None:
    await conn.execute(
        """UPDATE app.mail_outbox
           SET status = $2, last_error = $3, attempts = attempts + 1,
               sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END
           WHERE id = $1""",
        message_id,
        status,
        error,
    )


async def latest(conn: Connection, limit: int, to_address: str | None) -> list[Any]:
    return await conn.fetch(
        """SELECT id, to_address, subject, body_text, kind, status, created_at
           FROM app.mail_outbox WHERE ($2::text IS NULL OR lower(to_address) = lower($2))
           ORDER BY created_at DESC LIMIT $1""",
        limit,
        to_address,
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID, address: str) -> list[Any]:
    return await conn.fetch(
        """SELECT * FROM app.mail_outbox WHERE user_id = $1 OR lower(to_address) = lower($2)
           ORDER BY created_at""",
        user_id,
        address,
    )


async def delete_of_user(conn: Connection, user_id: uuid.UUID, address: str) -> None:
    await conn.execute(
        "DELETE FROM app.mail_outbox WHERE user_id = $1 OR lower(to_address) = lower($2)",
        user_id,
        address,
    )
