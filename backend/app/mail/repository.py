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
    about_user_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Store the message and wake the mail worker (NOTIFY mail_outbox, sent at commit)."""
    message_id: uuid.UUID = await conn.fetchval(
        """WITH m AS (
               INSERT INTO app.mail_outbox (user_id, to_address, subject, body_text, attachments,
                                            kind, about_user_id)
               VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id)
           SELECT m.id, pg_notify('mail_outbox', '') FROM m""",
        user_id,
        to_address,
        subject,
        body_text,
        attachments,
        kind,
        about_user_id,
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


async def about_person(conn: Connection, person_id: uuid.UUID) -> list[Any]:
    """Mail to other people that names or quotes the person, locked for rewriting."""
    return await conn.fetch(
        """SELECT id, subject, body_text FROM app.mail_outbox WHERE about_user_id = $1
           FOR UPDATE""",
        person_id,
    )


async def rewrite(conn: Connection, rows: list[tuple[uuid.UUID, str, str]]) -> None:
    """New subject and text for each (id, subject, body); attachments (calendar files that
    name both parties) are dropped, and the rows no longer point at anyone."""
    await conn.execute(
        """UPDATE app.mail_outbox m
           SET subject = r.subject, body_text = r.body, attachments = '[]'::jsonb,
               about_user_id = NULL
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r(id, subject, body)
           WHERE m.id = r.id""",
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
    )


async def delete_of_user(conn: Connection, user_id: uuid.UUID, address: str) -> None:
    await conn.execute(
        "DELETE FROM app.mail_outbox WHERE user_id = $1 OR lower(to_address) = lower($2)",
        user_id,
        address,
    )
