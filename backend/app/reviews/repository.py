"""SQL of service reviews."""

import uuid
from datetime import datetime
from typing import Any

from app.db import Connection

_COLUMNS = """r.id, r.service_id, r.author_id, p.display_name AS author_name, r.rating, r.body,
              r.created_at, r.updated_at"""


async def insert_review(
    conn: Connection,
    *,
    order_id: uuid.UUID,
    service_id: uuid.UUID,
    author_id: uuid.UUID,
    rating: int,
    body: str,
) -> uuid.UUID | None:
    """The new review's id; None when the author has reviewed the service already."""
    review_id: uuid.UUID | None = await conn.fetchval(
        """INSERT INTO app.service_reviews (order_id, service_id, author_id, rating, body)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id""",
        order_id,
        service_id,
        author_id,
        rating,
        body,
    )
    return review_id


async def get_review(conn: Connection, review_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"""SELECT {_COLUMNS} FROM app.service_reviews r
            JOIN app.profiles p ON p.user_id = r.author_id WHERE r.id = $1""",  # noqa: S608
        review_id,
    )


async def update_review(
    conn: Connection, review_id: uuid.UUID, rating: int | None, body: str | None
) -> None:
    await conn.execute(
        """UPDATE app.service_reviews SET rating = coalesce($2, rating), body = coalesce($3, body)
           WHERE id = $1""",
        review_id,
        rating,
        body,
    )


async def summary(conn: Connection, service_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT count(*) AS count, round(avg(rating), 2)::float8 AS average
           FROM app.service_reviews WHERE service_id = $1""",
        service_id,
    )


async def page(
    conn: Connection,
    service_id: uuid.UUID,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Any]:
    after_time, after_id = after if after else (None, None)
    return await conn.fetch(
        f"""SELECT {_COLUMNS} FROM app.service_reviews r
            JOIN app.profiles p ON p.user_id = r.author_id
            WHERE r.service_id = $1
              AND ($2::timestamptz IS NULL OR (r.created_at, r.id) < ($2, $3::uuid))
            ORDER BY r.created_at DESC, r.id DESC LIMIT $4""",  # noqa: S608
        service_id,
        after_time,
        after_id,
        limit,
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, author_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        "SELECT * FROM app.service_reviews WHERE author_id = $1 ORDER BY created_at", author_id
    )


async def delete_of_author(conn: Connection, author_id: uuid.UUID) -> None:
    await conn.execute("DELETE FROM app.service_reviews WHERE author_id = $1", author_id)
