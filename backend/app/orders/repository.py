"""SQL of orders. Status changes are conditional on the current status, so a repeated or late
call changes nothing."""

import uuid
from datetime import date, datetime
from typing import Any

from app.appconfig.service import value_sql
from app.db import Connection

_COLUMNS = """o.id, o.order_number, o.buyer_id, b.display_name AS buyer_name, o.seller_id,
              s.display_name AS seller_name, o.item_kind, o.service_id, o.course_id, o.seminar_id,
              o.item_title, o.amount_cents, o.currency, o.refunded_cents, o.status, o.note,
              o.payment_method, o.checkout_attempt, o.checkout_reserved_at, o.checkout_expires_at,
              o.paid_at, o.fulfilled_at, o.canceled_at, o.refunded_at, o.created_at, o.updated_at,
              o.payment_issue"""
_PARTIES = """JOIN app.profiles b ON b.user_id = o.buyer_id
              JOIN app.profiles s ON s.user_id = o.seller_id"""
_FROM = f"app.service_orders o {_PARTIES}"


async def insert_order(
    conn: Connection,
    *,
    buyer_id: uuid.UUID,
    seller_id: uuid.UUID,
    item_kind: str,
    service_id: uuid.UUID | None,
    course_id: uuid.UUID | None,
    seminar_id: uuid.UUID | None,
    item_title: str,
    amount_cents: int,
    currency: str,
    note: str,
    checkout_expires_at: datetime,
) -> Any:
    """Insert the order and return it as get_order reads it (one round trip)."""
    return await conn.fetchrow(
        f"""WITH o AS (
                INSERT INTO app.service_orders (buyer_id, seller_id, item_kind, service_id,
                                                course_id, seminar_id, item_title, amount_cents,
                                                currency, note, checkout_expires_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *)
            SELECT {_COLUMNS} FROM o {_PARTIES}""",  # noqa: S608 - fixed fragments
        buyer_id,
        seller_id,
        item_kind,
        service_id,
        course_id,
        seminar_id,
        item_title[:200],
        amount_cents,
        currency,
        note,
        checkout_expires_at,
    )


async def get_order(conn: Connection, order_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE o.id = $1",  # noqa: S608 - fixed fragments
        order_id,
    )


async def lock_and_get(conn: Connection, order_id: uuid.UUID) -> Any:
    """Take the order's row lock for the rest of the transaction and read the order."""
    return await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE o.id = $1 FOR UPDATE OF o",  # noqa: S608 - fixed fragments
        order_id,
    )


async def lock_order(conn: Connection, order_id: uuid.UUID) -> bool:
    """Take the order's row lock for the rest of the transaction; False if there is no order."""
    found = await conn.fetchval(
        "SELECT true FROM app.service_orders WHERE id = $1 FOR UPDATE", order_id
    )
    return bool(found)


async def list_for_party(
    conn: Connection,
    *,
    buyer_id: uuid.UUID | None,
    seller_id: uuid.UUID | None,
    status: str | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Any]:
    after_time, after_id = after if after else (None, None)
    return await conn.fetch(
        f"""SELECT {_COLUMNS} FROM {_FROM}
            WHERE ($1::uuid IS NULL OR o.buyer_id = $1)
              AND ($2::uuid IS NULL OR o.seller_id = $2)
              AND ($3::text IS NULL OR o.status = $3)
              AND ($4::timestamptz IS NULL OR (o.created_at, o.id) < ($4, $5::uuid))
            ORDER BY o.created_at DESC, o.id DESC LIMIT $6""",  # noqa: S608 - fixed fragments
        buyer_id,
        seller_id,
        status,
        after_time,
        after_id,
        limit,
    )


async def search(
    conn: Connection,
    *,
    buyer_id: uuid.UUID | None,
    seller_id: uuid.UUID | None,
    order_number: int | None,
    text_pattern: str | None,
    status: str | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
    flagged: bool | None = None,
) -> list[Any]:
    """Every order matching all the given filters (the admin's search), newest first. The text
    pattern matches the buyer's or seller's name or e-mail, or the item's title; flagged picks
    the orders with (true) or without (false) a payment issue."""
    after_time, after_id = after if after else (None, None)
    return await conn.fetch(
        f"""SELECT {_COLUMNS} FROM {_FROM}
            WHERE ($1::uuid IS NULL OR o.buyer_id = $1)
              AND ($2::uuid IS NULL OR o.seller_id = $2)
              AND ($3::bigint IS NULL OR o.order_number = $3)
              AND ($4::text IS NULL OR b.display_name ILIKE $4 OR b.email ILIKE $4
                   OR s.display_name ILIKE $4 OR s.email ILIKE $4 OR o.item_title ILIKE $4)
              AND ($5::text IS NULL OR o.status = $5)
              AND ($6::timestamptz IS NULL OR (o.created_at, o.id) < ($6, $7::uuid))
              AND ($9::boolean IS NULL OR (o.payment_issue IS NOT NULL) = $9)
            ORDER BY o.created_at DESC, o.id DESC LIMIT $8""",  # noqa: S608 - fixed fragments
        buyer_id,
        seller_id,
        order_number,
        text_pattern,
        status,
        after_time,
        after_id,
        limit,
        flagged,
    )


_VAT_BPS = value_sql("vat_rate_bps")


async def set_paid(conn: Connection, order_id: uuid.UUID, payment_method: str) -> Any:
    """pending -> paid (a payment for a canceled order is refunded by payments instead). The
    UPDATE takes the row lock and re-checks the status after any wait, so of concurrent calls
    one changes the order. Returns the paid order as get_order reads it plus the buyer's
    e-mail address (buyer_email) and the receipt's VAT setting (vat_rate_bps, the app_config
    value: read it with appconfig's int_value), or None when the order was not pending."""
    return await conn.fetchrow(
        f"""WITH o AS (
                UPDATE app.service_orders
                SET status = 'paid', paid_at = now(), payment_method = $2
                WHERE id = $1 AND status = 'pending' RETURNING *)
            SELECT {_COLUMNS}, b.email AS buyer_email, {_VAT_BPS} AS vat_rate_bps
            FROM o {_PARTIES}""",  # noqa: S608 - fixed fragments
        order_id,
        payment_method[:40],
    )


async def set_fulfilled(conn: Connection, order_id: uuid.UUID) -> bool:
    status = await conn.fetchval(
        """UPDATE app.service_orders SET status = 'fulfilled', fulfilled_at = now()
           WHERE id = $1 AND status = 'paid' RETURNING status""",
        order_id,
    )
    return status is not None


async def set_refunded_total(conn: Connection, order_id: uuid.UUID, total_cents: int) -> Any:
    """Raise refunded_cents to the provider's cumulative total (never lower it); a paid order
    becomes refunded or partially_refunded. Returns the row when something changed."""
    return await conn.fetchrow(
        """UPDATE app.service_orders
           SET refunded_cents = LEAST($2, amount_cents),
               refunded_at = now(),
               status = CASE
                   WHEN status NOT IN ('paid', 'fulfilled', 'partially_refunded', 'refunded')
                       THEN status
                   WHEN LEAST($2, amount_cents) >= amount_cents THEN 'refunded'
                   ELSE 'partially_refunded' END
           WHERE id = $1 AND refunded_cents < LEAST($2, amount_cents)
           RETURNING status, refunded_cents""",
        order_id,
        total_cents,
    )


async def set_canceled(conn: Connection, order_id: uuid.UUID) -> bool:
    status = await conn.fetchval(
        """UPDATE app.service_orders SET status = 'canceled', canceled_at = now()
           WHERE id = $1 AND status = 'pending' RETURNING status""",
        order_id,
    )
    return status is not None


async def set_payment_issue(conn: Connection, order_id: uuid.UUID, issue: str) -> None:
    await conn.execute(
        "UPDATE app.service_orders SET payment_issue = $2 WHERE id = $1", order_id, issue[:500]
    )


async def set_checkout(
    conn: Connection,
    order_id: uuid.UUID,
    attempt: int,
    reserved_at: datetime,
    expires_at: datetime,
) -> None:
    await conn.execute(
        """UPDATE app.service_orders
           SET checkout_attempt = $2, checkout_reserved_at = $3, checkout_expires_at = $4
           WHERE id = $1 AND status = 'pending'""",
        order_id,
        attempt,
        reserved_at,
        expires_at,
    )


async def has_paid_order_between(
    conn: Connection, buyer_id: uuid.UUID, seller_id: uuid.UUID
) -> bool:
    found = await conn.fetchval(
        """SELECT EXISTS (SELECT 1 FROM app.service_orders
                          WHERE buyer_id = $1 AND seller_id = $2 AND paid_at IS NOT NULL
                            AND status IN ('paid', 'fulfilled', 'partially_refunded'))""",
        buyer_id,
        seller_id,
    )
    return bool(found)


async def has_paid_order_for_service(
    conn: Connection, buyer_id: uuid.UUID, service_id: uuid.UUID
) -> uuid.UUID | None:
    """The buyer's earliest paid order of the service, if any."""
    order_id: uuid.UUID | None = await conn.fetchval(
        """SELECT id FROM app.service_orders
           WHERE buyer_id = $1 AND service_id = $2 AND paid_at IS NOT NULL
           ORDER BY paid_at LIMIT 1""",
        buyer_id,
        service_id,
    )
    return order_id


async def paid_in_period(
    conn: Connection, seller_id: uuid.UUID, start: datetime, end: datetime
) -> list[Any]:
    """The seller's orders paid in [start, end), oldest first."""
    return await conn.fetch(
        f"""SELECT {_COLUMNS} FROM {_FROM}
            WHERE o.seller_id = $1 AND o.paid_at >= $2 AND o.paid_at < $3
            ORDER BY o.paid_at, o.order_number""",  # noqa: S608 - fixed fragments
        seller_id,
        start,
        end,
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        """SELECT * FROM app.service_orders WHERE buyer_id = $1 OR seller_id = $1
           ORDER BY created_at, id""",
        user_id,
    )


async def count_unfulfilled_sales(conn: Connection, seller_id: uuid.UUID) -> int:
    count: int = await conn.fetchval(
        "SELECT count(*) FROM app.service_orders WHERE seller_id = $1 AND status = 'paid'",
        seller_id,
    )
    return count


async def pseudonymise_of_party(conn: Connection, user_id: uuid.UUID) -> list[uuid.UUID]:
    """Clear the free text and set retain_until: the end of the seventh year after the fiscal
    year of the payment; an order never paid is no accounting record and may go at once."""
    rows = await conn.fetch(
        """UPDATE app.service_orders
           SET note = '',
               retain_until = CASE WHEN paid_at IS NULL THEN current_date
                                   ELSE app.accounting_retain_until(paid_at) END
           WHERE buyer_id = $1 OR seller_id = $1
           RETURNING id""",
        user_id,
    )
    return [r["id"] for r in rows]


async def expired_retained_ids(conn: Connection, today: date) -> list[uuid.UUID]:
    rows = await conn.fetch(
        "SELECT id FROM app.service_orders WHERE retain_until < $1 ORDER BY id", today
    )
    return [r["id"] for r in rows]


async def delete_many(conn: Connection, order_ids: list[uuid.UUID]) -> int:
    status = await conn.execute(
        "DELETE FROM app.service_orders WHERE id = ANY($1::uuid[])", order_ids
    )
    return int(status.split()[-1])
