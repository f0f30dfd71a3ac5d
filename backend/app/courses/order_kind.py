"""The item kind `course` of the marketplace: a paid course bought through POST /orders.

Registered with app.orders.fulfilment (which imports this module on first use of the kind).
The quote checks that the course can be bought; the paid webhook enrolls the buyer (source
'purchase', with the order id) and a full refund removes that enrollment again.
"""

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from app.courses import service
from app.db import Connection
from app.orders.fulfilment import KindHandler, Quote, register

if TYPE_CHECKING:
    from app.orders.schemas import Order


async def quote(
    conn: Connection, buyer_id: uuid.UUID, course_id: uuid.UUID, extra: Mapping[str, Any]
) -> Quote:
    course = await service.course_for_order(conn, course_id, buyer_id)
    return Quote(course["teacher_id"], course["title"], course["price_cents"], course["currency"])


def _course_of(order: "Order") -> uuid.UUID:
    assert order.course_id is not None  # noqa: S101 - orders of kind course carry a course_id
    return order.course_id


async def on_paid(conn: Connection, order: "Order") -> None:
    await service.enroll_purchase(conn, order.buyer_id, _course_of(order), order.id)


async def on_refunded(conn: Connection, order: "Order", fully: bool) -> None:
    """A full refund ends the access; a partial refund (a goodwill discount) keeps it."""
    if fully:
        await service.remove_purchase(conn, order.id)


register(KindHandler("course", quote, on_paid, on_refunded, fulfil_on_paid=True))
