"""The plug-in point for what orders sell: each item kind registers how to price it and what
happens when its order is paid, refunded, canceled or expired.

A kind's module calls register() when imported. Orders never imports a kind's module by name
anywhere else: KIND_MODULES says which module registers which kind, and handler_for() imports it
on first use. So payments (which calls orders) never imports courses or seminars, and nothing
depends on main.py having imported them first.

    from app.orders.fulfilment import KindHandler, Quote, register

    async def quote(conn, buyer_id, item_id, extra) -> Quote: ...   # raise AppError if not buyable
    async def on_paid(conn, order) -> None: ...                      # enroll, seat, confirm
    async def on_refunded(conn, order, fully: bool) -> None: ...     # unenroll, free the seat
    register(KindHandler("course", quote, on_paid, on_refunded, fulfil_on_paid=True))

Every hook runs inside the transaction that changes the order, with the order row locked, and is
called exactly once per transition (payment and refund events are deduplicated before).
"""

import importlib
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.db import Connection
from app.errors import Unprocessable

if TYPE_CHECKING:
    from app.orders.schemas import Order


@dataclass(frozen=True)
class Quote:
    """What the buyer would pay, decided by the item's own domain when the order is created."""

    seller_id: uuid.UUID
    title: str
    amount_cents: int
    currency: str = "SEK"
    # What the quote read about the item, handed back to the kind's on_created hook so that it
    # need not read it again (e.g. the service of a service order with its teacher's rules).
    item: Any = field(default=None, compare=False, repr=False)


QuoteFn = Callable[[Connection, uuid.UUID, uuid.UUID, Mapping[str, Any]], Awaitable[Quote]]
OrderHook = Callable[[Connection, "Order"], Awaitable[None]]
RefundHook = Callable[[Connection, "Order", bool], Awaitable[None]]
CreatedHook = Callable[[Connection, "Order", Quote, Mapping[str, Any]], Awaitable[None]]


async def _nothing(conn: Connection, order: "Order") -> None:
    """The default of an optional hook."""


@dataclass(frozen=True)
class KindHandler:
    kind: str
    quote: QuoteFn
    on_paid: OrderHook
    on_refunded: RefundHook
    on_canceled: OrderHook = _nothing
    # Called when the checkout of a pending order expired unpaid (defaults to on_canceled).
    on_expired: OrderHook | None = None
    # Called right after the order row is inserted, with the kind's own quote and the extra
    # fields of POST /orders (e.g. a booking's slot), to hold what the order reserves.
    on_created: CreatedHook | None = None
    # True: the order becomes `fulfilled` as soon as on_paid has run (a course enrolment).
    # False: it stays `paid` until the seller marks it fulfilled (a reading still to be given).
    fulfil_on_paid: bool = False


# Which module registers each kind; imported lazily by handler_for(). Add your kind here.
KIND_MODULES: dict[str, str] = {
    "service": "app.orders.kinds.service",
    "course": "app.courses.order_kind",
    "seminar": "app.seminars.fulfilment",
}

_handlers: dict[str, KindHandler] = {}


def register(handler: KindHandler) -> None:
    _handlers[handler.kind] = handler


def handler_for(kind: str) -> KindHandler:
    """The registered handler of an item kind; 422 for a kind nobody sells (yet)."""
    if kind not in _handlers and kind in KIND_MODULES:
        importlib.import_module(KIND_MODULES[kind])
    handler = _handlers.get(kind)
    if handler is None:
        raise Unprocessable(
            f"Items of kind {kind!r} cannot be ordered", code="unsupported_item_kind"
        )
    return handler
