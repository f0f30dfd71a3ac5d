"""What orders needs from the payment provider, without importing payments (which sits above
orders): payments registers its implementation when it is imported (app.main imports it)."""

import uuid
from typing import TYPE_CHECKING, Protocol

from app.db import Connection

if TYPE_CHECKING:
    from app.orders.schemas import Order, RefundOut


class PaymentGateway(Protocol):
    async def refund(
        self,
        conn: Connection,
        order: "Order",
        amount_cents: int | None,
        actor_id: uuid.UUID | None,
        reason: str,
    ) -> "RefundOut":
        """Ask the provider to refund (all that is left when amount_cents is None)."""

    async def close_checkout(self, conn: Connection, order: "Order") -> None:
        """End the order's open checkout so that it can no longer be paid."""


_gateway: PaymentGateway | None = None


def register_gateway(gateway: PaymentGateway) -> None:
    global _gateway
    _gateway = gateway


def get_gateway() -> PaymentGateway:
    if _gateway is None:
        raise RuntimeError("No payment gateway registered: import app.payments.service first")
    return _gateway
