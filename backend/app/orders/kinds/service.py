"""The item kind `service`: a reading, coaching or session package bought from a teacher.

Fulfilment: a paid service order stays `paid` until the teacher has given the service and marks
it fulfilled (POST /orders/{id}/fulfil); a refund needs nothing undone.
"""

import uuid
from collections.abc import Mapping
from typing import Any

from app.db import Connection
from app.errors import Conflict, Forbidden, NotFound
from app.orders.fulfilment import KindHandler, Quote, register
from app.orders.schemas import Order
from app.services.service import get_for_order


async def quote(
    conn: Connection, buyer_id: uuid.UUID, service_id: uuid.UUID, extra: Mapping[str, Any]
) -> Quote:
    service = await get_for_order(conn, service_id)
    if service is None or service.status == "draft":
        raise NotFound("No such service")
    if service.teacher_id == buyer_id:
        raise Forbidden("You cannot buy your own service", code="own_item")
    if service.status == "archived":
        raise Conflict("This service is archived and cannot be bought", code="item_unavailable")
    return Quote(service.teacher_id, service.title, service.price_cents, service.currency)


async def on_paid(conn: Connection, order: Order) -> None:
    """Nothing to hand over at payment: the teacher gives the service and marks it fulfilled."""


async def on_refunded(conn: Connection, order: Order, fully: bool) -> None:
    """Nothing to take back: the order's status already says refunded."""


register(KindHandler("service", quote, on_paid, on_refunded))
