"""Refunds through the payment's provider. Both the service (a seller's or an admin's refund,
through orders' gateway) and the webhook inbox (a payment for an order canceled meanwhile) ask
for them, so they live here, below both."""

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from app.config import Settings
from app.db import Connection
from app.errors import Conflict
from app.orders.schemas import Order, RefundOut
from app.payments import repository
from app.payments.providers import provider_named

# The dummy provider confirms a refund as Stripe does: with a signed charge.refunded event that
# the webhook inbox processes. The inbox registers that delivery here when it is imported (it
# imports this module, so this one cannot import it): (conn, settings, order, payment,
# refunded_total, refund_id).
DummyRefundConfirmation = Callable[[Connection, Settings, Order, Any, int, str], Awaitable[Any]]
_dummy_confirmation: DummyRefundConfirmation | None = None


def confirm_dummy_refunds_with(confirm: DummyRefundConfirmation) -> None:
    global _dummy_confirmation
    _dummy_confirmation = confirm


async def _confirm_dummy_refund(
    conn: Connection, settings: Settings, order: Order, payment: Any, total: int, refund_id: str
) -> None:
    if _dummy_confirmation is None:
        raise RuntimeError("app.payments.webhooks is not imported: nothing confirms dummy refunds")
    await _dummy_confirmation(conn, settings, order, payment, total, refund_id)


async def refund_payment(
    conn: Connection,
    settings: Settings,
    order: Order,
    payment: Any,
    amount_cents: int | None,
    actor_id: uuid.UUID | None,
    reason: str,
) -> RefundOut:
    """Ask the payment's provider for a refund (all that is left when amount_cents is None).

    Never more than was paid: the refunds already asked for count even before the provider
    confirms them. The Idempotency-Key is the order and the refund's number, so a retry after
    an error repeats the same refund instead of making a second one."""
    totals = await repository.refund_totals(conn, order.id)
    already = max(order.refunded_cents, payment["refunded_cents"], totals["requested"])
    left = payment["amount_cents"] - already
    amount = left if amount_cents is None else amount_cents
    if left <= 0:
        raise Conflict("Everything paid has already been refunded", code="nothing_to_refund")
    if amount > left:
        raise Conflict(
            f"At most {left} can be refunded", code="refund_exceeds_paid", extra={"left": left}
        )
    sequence = totals["count"] + 1
    refund_id = await repository.insert_refund(
        conn,
        order_id=order.id,
        payment_id=payment["id"],
        buyer_id=order.buyer_id,
        requested_by=actor_id,
        sequence=sequence,
        amount_cents=amount,
        currency=order.currency,
        reason=reason,
    )
    provider = provider_named(settings, payment["provider"])
    result = await provider.refund(
        payment["payment_intent_id"] or "",
        amount,
        f"wisdom-refund-{order.id}-{sequence}",
        {"order_id": str(order.id), "refund_id": str(refund_id)},
        reverse_transfer=payment["destination_account"] is not None,
    )
    status = result.status if result.status in ("pending", "succeeded", "failed") else "pending"
    row = await repository.set_refund_result(conn, refund_id, result.id, status)
    if provider.name == "dummy":
        # The dummy provider confirms like Stripe does: with a signed charge.refunded event.
        await _confirm_dummy_refund(conn, settings, order, payment, already + amount, result.id)
        row = await repository.set_refund_result(conn, refund_id, result.id, "succeeded")
    return RefundOut(**dict(row))
