"""The item kind `service`: a reading, coaching or session package bought from a teacher.

Fulfilment: a paid service order stays `paid` until the teacher has given the service and marks
it fulfilled (POST /orders/{id}/fulfil, or by marking its booking completed).
Bookings plug in here (app.bookings.service): a bookable service's order holds its slot_start
from creation and books it when paid; a package's payment gives credits; a full refund takes
back the booking or the credits left; an order that ends unpaid frees its slot.
"""

import uuid
from collections.abc import Mapping
from typing import Any

from app.bookings import service as bookings
from app.db import Connection
from app.errors import Conflict, Forbidden, NotFound
from app.orders.fulfilment import KindHandler, Quote, register
from app.orders.schemas import Order


async def quote(
    conn: Connection, buyer_id: uuid.UUID, service_id: uuid.UUID, extra: Mapping[str, Any]
) -> Quote:
    item = await bookings.service_for_order(conn, service_id)
    if item is None or item.service.status == "draft":
        raise NotFound("No such service")
    service = item.service
    if service.teacher_id == buyer_id:
        raise Forbidden("You cannot buy your own service", code="own_item")
    if service.status == "archived":
        raise Conflict("This service is archived and cannot be bought", code="item_unavailable")
    await bookings.check_order(conn, item, extra.get("slot_start"))
    return Quote(
        service.teacher_id, service.title, service.price_cents, service.currency, item=item
    )


async def on_created(
    conn: Connection, order: Order, quote: Quote, extra: Mapping[str, Any]
) -> None:
    await bookings.on_order_created(conn, order, extra.get("slot_start"), item=quote.item)


async def on_paid(conn: Connection, order: Order) -> None:
    """The booking is confirmed or the package's credits given; the session itself is still to
    be given by the teacher."""
    await bookings.on_order_paid(conn, order)


async def on_refunded(conn: Connection, order: Order, fully: bool) -> None:
    await bookings.on_order_refunded(conn, order, fully)


async def on_ended(conn: Connection, order: Order) -> None:
    await bookings.on_order_ended(conn, order)


register(
    KindHandler(
        "service",
        quote,
        on_paid,
        on_refunded,
        on_canceled=on_ended,
        on_expired=on_ended,
        on_created=on_created,
    )
)
