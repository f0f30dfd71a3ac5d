"""The item kind `seminar`: a seat in a paid live seminar, sold through the marketplace.

A new order holds a seat (on_created, under the seminar's row lock) until its checkout expires,
as a booking holds its slot: a full seminar is refused with 409 before anyone pays. Payment
turns the hold into the seat (on_paid); canceling the order or its checkout's expiry releases
it for the waitlist (on_canceled / on_expired). A payment that arrives after its hold ran out
and the seat went to someone else is refunded in full at once and its buyer put first on the
waitlist (app.seminars.service.seat_paid_order). A full refund frees the seat for the waitlist;
a partial refund (a goodwill gesture) keeps it.
"""

import uuid
from collections.abc import Mapping
from typing import Any

from app.db import Connection
from app.orders.fulfilment import KindHandler, Quote, register
from app.orders.schemas import Order
from app.seminars import service


def _seminar_of(order: Order) -> uuid.UUID:
    assert order.seminar_id is not None  # noqa: S101 - a seminar order always has one (CHECK)
    return order.seminar_id


async def quote(
    conn: Connection, buyer_id: uuid.UUID, seminar_id: uuid.UUID, extra: Mapping[str, Any]
) -> Quote:
    seat = await service.quote_seat(conn, buyer_id, seminar_id)
    return Quote(seat.host_id, seat.title, seat.price_cents, seat.currency)


async def on_created(
    conn: Connection, order: Order, quote: Quote, extra: Mapping[str, Any]
) -> None:
    assert order.checkout_expires_at is not None  # noqa: S101 - create_order always sets it
    await service.hold_seat(
        conn, _seminar_of(order), order.buyer_id, order.id, order.checkout_expires_at
    )


async def on_ended(conn: Connection, order: Order) -> None:
    await service.release_order_hold(conn, _seminar_of(order), order.id)


async def on_paid(conn: Connection, order: Order) -> None:
    await service.seat_paid_order(conn, _seminar_of(order), order.buyer_id, order.id)


async def on_refunded(conn: Connection, order: Order, fully: bool) -> None:
    if fully:
        await service.release_paid_seat(conn, _seminar_of(order), order.id)


register(
    KindHandler(
        "seminar",
        quote,
        on_paid,
        on_refunded,
        on_canceled=on_ended,
        on_expired=on_ended,
        on_created=on_created,
        fulfil_on_paid=True,
    )
)
