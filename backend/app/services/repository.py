"""SQL of services."""

import uuid
from datetime import datetime
from typing import Any

from app.db import Connection

_COLUMNS = """s.id, s.teacher_id, p.display_name AS teacher_name, s.title, s.description, s.kind,
              s.duration_minutes, s.delivery, s.price_cents, s.currency, s.status,
              s.published_at, s.created_at, s.updated_at, s.sessions_count, s.valid_months"""


async def insert_service(
    conn: Connection,
    *,
    teacher_id: uuid.UUID,
    title: str,
    description: str,
    kind: str,
    duration_minutes: int,
    delivery: str,
    price_cents: int,
    currency: str,
) -> uuid.UUID:
    service_id: uuid.UUID = await conn.fetchval(
        """INSERT INTO app.services (teacher_id, title, description, kind, duration_minutes,
                                     delivery, price_cents, currency)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""",
        teacher_id,
        title,
        description,
        kind,
        duration_minutes,
        delivery,
        price_cents,
        currency,
    )
    return service_id


async def get_service(conn: Connection, service_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"""SELECT {_COLUMNS} FROM app.services s JOIN app.profiles p ON p.user_id = s.teacher_id
            WHERE s.id = $1""",  # noqa: S608 - a fixed column list, no values
        service_id,
    )


async def lock_service(conn: Connection, service_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        "SELECT id, teacher_id, status, published_at FROM app.services WHERE id = $1 FOR UPDATE",
        service_id,
    )


async def update_fields(
    conn: Connection,
    service_id: uuid.UUID,
    *,
    title: str | None,
    description: str | None,
    kind: str | None,
    duration_minutes: int | None,
    delivery: str | None,
    price_cents: int | None,
) -> None:
    await conn.execute(
        """UPDATE app.services
           SET title = coalesce($2, title), description = coalesce($3, description),
               kind = coalesce($4, kind), duration_minutes = coalesce($5, duration_minutes),
               delivery = coalesce($6, delivery), price_cents = coalesce($7, price_cents)
           WHERE id = $1""",
        service_id,
        title,
        description,
        kind,
        duration_minutes,
        delivery,
        price_cents,
    )


async def set_package_terms(
    conn: Connection, service_id: uuid.UUID, sessions_count: int, valid_months: int
) -> None:
    await conn.execute(
        "UPDATE app.services SET sessions_count = $2, valid_months = $3 WHERE id = $1",
        service_id,
        sessions_count,
        valid_months,
    )


async def set_status(conn: Connection, service_id: uuid.UUID, status: str) -> None:
    await conn.execute(
        """UPDATE app.services
           SET status = $2,
               published_at = CASE WHEN $2 = 'active' THEN coalesce(published_at, now())
                                   ELSE published_at END
           WHERE id = $1""",
        service_id,
        status,
    )


async def list_services(
    conn: Connection,
    *,
    status: str,
    teacher_id: uuid.UUID | None,
    kind: str | None,
    delivery: str | None,
    min_price: int | None,
    max_price: int | None,
    text_pattern: str | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Any]:
    """One page, newest first; every filter is optional (NULL means: not filtered)."""
    after_time, after_id = after if after else (None, None)
    return await conn.fetch(
        f"""SELECT {_COLUMNS} FROM app.services s JOIN app.profiles p ON p.user_id = s.teacher_id
            WHERE s.status = $1
              AND ($2::uuid IS NULL OR s.teacher_id = $2)
              AND ($3::text IS NULL OR s.kind = $3)
              AND ($4::text IS NULL OR s.delivery = $4)
              AND ($5::int IS NULL OR s.price_cents >= $5)
              AND ($6::int IS NULL OR s.price_cents <= $6)
              AND ($7::text IS NULL OR s.title ILIKE $7 OR s.description ILIKE $7)
              AND ($8::timestamptz IS NULL OR (s.created_at, s.id) < ($8, $9::uuid))
            ORDER BY s.created_at DESC, s.id DESC
            LIMIT $10""",  # noqa: S608 - a fixed column list, no values
        status,
        teacher_id,
        kind,
        delivery,
        min_price,
        max_price,
        text_pattern,
        after_time,
        after_id,
        limit,
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, teacher_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        "SELECT * FROM app.services WHERE teacher_id = $1 ORDER BY created_at", teacher_id
    )


async def archive_of_teacher(conn: Connection, teacher_id: uuid.UUID) -> None:
    await conn.execute(
        "UPDATE app.services SET status = 'archived' WHERE teacher_id = $1 AND status <> 'archived'",
        teacher_id,
    )
