"""SQL of services."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from app import sqljson
from app.db import Connection
from app.pagination import MAX_LIMIT
from app.sqlshape import Where, page_size

_COLUMNS = """s.id, s.teacher_id, p.display_name AS teacher_name, s.title, s.description, s.kind,
              s.duration_minutes, s.delivery, s.price_cents, s.currency, s.status,
              s.published_at, s.created_at, s.updated_at, s.sessions_count, s.valid_months,
              s.cover_media_id"""


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


# The service with its teacher's name, by id ($1): get_service, and the subquery of a domain
# that reads more with it in one statement (app.services.service.FOR_ORDER_SQL).
SERVICE_BY_ID = f"""SELECT {_COLUMNS} FROM app.services s
                    JOIN app.profiles p ON p.user_id = s.teacher_id
                    WHERE s.id = $1"""  # noqa: S608 - a fixed column list, no values


async def get_service(conn: Connection, service_id: uuid.UUID) -> Any:
    return await conn.fetchrow(SERVICE_BY_ID, service_id)


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


# One service as JSON text, in ServiceOut's shape (s: app.services with the teacher_name).
_SERVICE_JSON = sqljson.json_object(
    [
        ("id", sqljson.uuid("s.id")),
        ("teacher_id", sqljson.uuid("s.teacher_id")),
        ("teacher_name", sqljson.text("s.teacher_name")),
        ("title", sqljson.text("s.title")),
        ("description", sqljson.text("s.description")),
        ("kind", sqljson.text("s.kind")),
        ("duration_minutes", sqljson.integer("s.duration_minutes")),
        ("delivery", sqljson.text("s.delivery")),
        ("price_cents", sqljson.integer("s.price_cents")),
        ("currency", sqljson.text("s.currency")),
        ("status", sqljson.text("s.status")),
        ("published_at", sqljson.timestamp("s.published_at")),
        ("created_at", sqljson.timestamp("s.created_at")),
        ("updated_at", sqljson.timestamp("s.updated_at")),
        ("sessions_count", sqljson.integer("s.sessions_count")),
        ("valid_months", sqljson.integer("s.valid_months")),
        ("cover_media_id", sqljson.uuid("s.cover_media_id")),
    ]
)


_ORDER = "s.created_at DESC, s.id DESC"

# The status filter for each status a catalogue can list (a fixed fragment each, so that an
# active page can use services_active_idx, whose condition is status = 'active').
_STATUS_SQL = {status: f"s.status = '{status}'" for status in ("draft", "active", "archived")}


@dataclass(frozen=True)
class CatalogueQuery:
    """A catalogue page of `limit` services: every filter is optional (None means: not
    filtered); `after` is the created_at and id of the last item of the previous page."""

    status: str
    teacher_id: uuid.UUID | None
    kind: str | None
    delivery: str | None
    min_price: int | None
    max_price: int | None
    text_pattern: str | None
    after: tuple[datetime, uuid.UUID] | None
    limit: int

    def where(self) -> Where:
        """The filters this query sets (see app.sqlshape: one plan per shape)."""
        where = Where(_STATUS_SQL[self.status])
        if self.teacher_id is not None:
            where.add("s.teacher_id = {}", self.teacher_id)
        if self.kind is not None:
            where.add("s.kind = {}", self.kind)
        if self.delivery is not None:
            where.add("s.delivery = {}", self.delivery)
        if self.min_price is not None:
            where.add("s.price_cents >= {}", self.min_price)
        if self.max_price is not None:
            where.add("s.price_cents <= {}", self.max_price)
        if self.text_pattern is not None:
            pattern = where.param(self.text_pattern)
            where.add(f"s.title ILIKE {pattern} OR s.description ILIKE {pattern}")
        if self.after is not None:
            where.add("(s.created_at, s.id) < ({}, {}::uuid)", *self.after)
        return where


def _page_json_sql(where: str, limit: int) -> str:
    """A catalogue page as one row: `items`, the JSON array of its services (text);
    `has_more`; and when it is true, `last_time` and `last_id`, the last item's created_at
    and id."""
    size = page_size(limit, MAX_LIMIT)
    return f"""WITH page AS (
               SELECT s.*, p.display_name AS teacher_name
               FROM app.services s JOIN app.profiles p ON p.user_id = s.teacher_id
               WHERE {where}
               ORDER BY {_ORDER}
               LIMIT {size} + 1),
           last AS (SELECT * FROM page s ORDER BY {_ORDER} OFFSET {size} - 1 LIMIT 1)
           SELECT (SELECT {sqljson.json_array(_SERVICE_JSON, _ORDER)}
                   FROM (SELECT * FROM page s ORDER BY {_ORDER} LIMIT {size}) s) AS items,
                  (SELECT count(*) FROM page) > {size} AS has_more,
                  (SELECT created_at FROM last) AS last_time,
                  (SELECT id FROM last) AS last_id"""  # noqa: S608 - fixed fragments


async def list_services(conn: Connection, query: CatalogueQuery) -> list[Any]:
    """The page's rows newest first, and one more when more follow."""
    where = query.where()
    return await conn.fetch(
        f"""SELECT {_COLUMNS} FROM app.services s JOIN app.profiles p ON p.user_id = s.teacher_id
            WHERE {where.sql}
            ORDER BY {_ORDER}
            LIMIT {page_size(query.limit, MAX_LIMIT)} + 1""",  # noqa: S608 - fixed fragments
        *where.args,
    )


async def services_page_json(conn: Connection, query: CatalogueQuery) -> asyncpg.Record:
    """The page as one row, its items as JSON in ServiceOut's shape (see _page_json_sql)."""
    where = query.where()
    row = await conn.fetchrow(_page_json_sql(where.sql, query.limit), *where.args)
    assert row is not None  # noqa: S101 - a query of scalar subqueries always returns a row
    return row


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
