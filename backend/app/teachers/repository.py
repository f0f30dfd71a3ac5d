"""SQL of teacher applications and certifications."""

import uuid
from datetime import datetime
from typing import Any

from app.db import Connection

APPLICATION = """a.id, a.user_id, a.motivation, a.credentials, a.status, a.reviewed_by,
                 a.reviewed_at, a.reject_reason, a.created_at, a.updated_at"""
CERTIFICATION = """c.id, c.teacher_id, c.title, c.issuer, c.year, c.document_media_id, c.status,
                   c.reviewed_by, c.reviewed_at, c.reject_reason, c.created_at, c.updated_at"""


async def insert_application(
    conn: Connection, user_id: uuid.UUID, motivation: str, credentials: str
) -> Any:
    """The new application, or None when the user already has a pending one."""
    return await conn.fetchrow(
        f"""INSERT INTO app.teacher_applications AS a (user_id, motivation, credentials)
            VALUES ($1, $2, $3)
            ON CONFLICT (user_id) WHERE status = 'pending' DO NOTHING
            RETURNING {APPLICATION}""",  # noqa: S608 - fixed column list
        user_id,
        motivation,
        credentials,
    )


async def applications_of(conn: Connection, user_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        f"""SELECT {APPLICATION} FROM app.teacher_applications a WHERE a.user_id = $1
            ORDER BY a.created_at DESC, a.id DESC""",  # noqa: S608
        user_id,
    )


async def list_applications(
    conn: Connection,
    *,
    status: str | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Any]:
    """Oldest first (a queue)."""
    return await conn.fetch(
        f"""SELECT {APPLICATION} FROM app.teacher_applications a
            WHERE ($1::text IS NULL OR a.status = $1)
              AND ($2::timestamptz IS NULL OR (a.created_at, a.id) > ($2, $3::uuid))
            ORDER BY a.created_at, a.id LIMIT $4""",  # noqa: S608
        status,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )


async def lock_application(conn: Connection, application_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"SELECT {APPLICATION} FROM app.teacher_applications a WHERE a.id = $1 FOR UPDATE",  # noqa: S608
        application_id,
    )


async def decide_application(
    conn: Connection,
    application_id: uuid.UUID,
    status: str,
    reviewer_id: uuid.UUID,
    reason: str,
) -> Any:
    return await conn.fetchrow(
        f"""UPDATE app.teacher_applications AS a
            SET status = $2, reviewed_by = $3, reviewed_at = now(), reject_reason = $4
            WHERE a.id = $1 RETURNING {APPLICATION}""",  # noqa: S608
        application_id,
        status,
        reviewer_id,
        reason,
    )


async def insert_certification(
    conn: Connection,
    teacher_id: uuid.UUID,
    title: str,
    issuer: str,
    year: int,
    document_media_id: uuid.UUID | None,
) -> Any:
    return await conn.fetchrow(
        f"""INSERT INTO app.teacher_certifications AS c
                (teacher_id, title, issuer, year, document_media_id)
            VALUES ($1, $2, $3, $4, $5) RETURNING {CERTIFICATION}""",  # noqa: S608
        teacher_id,
        title,
        issuer,
        year,
        document_media_id,
    )


async def certifications_of(
    conn: Connection, teacher_id: uuid.UUID, verified_only: bool
) -> list[Any]:
    return await conn.fetch(
        f"""SELECT {CERTIFICATION} FROM app.teacher_certifications c
            WHERE c.teacher_id = $1 AND (NOT $2 OR c.status = 'verified')
            ORDER BY c.year DESC, c.created_at, c.id""",  # noqa: S608
        teacher_id,
        verified_only,
    )


async def delete_certification(
    conn: Connection, certification_id: uuid.UUID, teacher_id: uuid.UUID
) -> bool:
    deleted = await conn.fetchval(
        """DELETE FROM app.teacher_certifications WHERE id = $1 AND teacher_id = $2
           RETURNING id""",
        certification_id,
        teacher_id,
    )
    return deleted is not None


async def list_certifications(
    conn: Connection,
    *,
    status: str | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Any]:
    """Oldest first (a review queue)."""
    return await conn.fetch(
        f"""SELECT {CERTIFICATION} FROM app.teacher_certifications c
            WHERE ($1::text IS NULL OR c.status = $1)
              AND ($2::timestamptz IS NULL OR (c.created_at, c.id) > ($2, $3::uuid))
            ORDER BY c.created_at, c.id LIMIT $4""",  # noqa: S608
        status,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )


async def lock_certification(conn: Connection, certification_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"SELECT {CERTIFICATION} FROM app.teacher_certifications c WHERE c.id = $1 FOR UPDATE",  # noqa: S608
        certification_id,
    )


async def decide_certification(
    conn: Connection,
    certification_id: uuid.UUID,
    status: str,
    reviewer_id: uuid.UUID,
    reason: str,
) -> Any:
    return await conn.fetchrow(
        f"""UPDATE app.teacher_certifications AS c
            SET status = $2, reviewed_by = $3, reviewed_at = now(), reject_reason = $4
            WHERE c.id = $1 RETURNING {CERTIFICATION}""",  # noqa: S608
        certification_id,
        status,
        reviewer_id,
        reason,
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    return {
        "teacher_applications": await conn.fetch(
            "SELECT * FROM app.teacher_applications WHERE user_id = $1 ORDER BY created_at",
            user_id,
        ),
        "teacher_certifications": await conn.fetch(
            "SELECT * FROM app.teacher_certifications WHERE teacher_id = $1 ORDER BY created_at",
            user_id,
        ),
    }


async def delete_all_of_user(conn: Connection, user_id: uuid.UUID) -> None:
    await conn.execute("DELETE FROM app.teacher_applications WHERE user_id = $1", user_id)
    await conn.execute("DELETE FROM app.teacher_certifications WHERE teacher_id = $1", user_id)
    # Reviews this user (an admin) made of others' applications stay, without the reviewer.
    await conn.execute(
        "UPDATE app.teacher_applications SET reviewed_by = NULL WHERE reviewed_by = $1", user_id
    )
    await conn.execute(
        "UPDATE app.teacher_certifications SET reviewed_by = NULL WHERE reviewed_by = $1", user_id
    )
