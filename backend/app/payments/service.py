"""Payments: checkout sessions with the provider, refunds, and the gateway orders uses.

Checkout attempts. An order's checkout is numbered (orders.checkout_attempt) and the provider
call carries the Idempotency-Key `wisdom-checkout-<order>-<attempt>`. Starting a checkout locks
the order row, so concurrent calls for one order run one after the other: an open session is
returned as it is; otherwise a new attempt is recorded on the order (with its expiry) before
the provider is called. When the provider does not answer, the endpoint still commits that
attempt (and answers 502), so a retry within REUSE_WINDOW repeats exactly the same request with
the same key: the provider returns the session it may already have made, never a second one.
"""

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from app.appconfig.service import int_value
from app.config import Settings
from app.db import Connection
from app.errors import AppError, Conflict, Forbidden, NotFound
from app.orders import service as orders
from app.orders.gateway import register_gateway
from app.orders.schemas import Order, RefundOut
from app.payments import refunds, repository
from app.payments.context import current_settings
from app.payments.money import fee_of
from app.payments.providers import active_provider, provider_named
from app.payments.providers.base import CheckoutParams, ProviderUnavailable
from app.payments.schemas import CheckoutOut
from app.security import AuthUser

# A checkout attempt whose provider call got no answer is repeated as it was for this long.
REUSE_WINDOW = timedelta(minutes=2)
# A session this close to its expiry is not handed out again.
OPEN_MARGIN = timedelta(minutes=1)


class CheckoutInterrupted(Exception):
    """The provider did not answer: answer with `error`, but commit the attempt recorded."""

    def __init__(self, error: AppError) -> None:
        super().__init__(error.message)
        self.error = error


@dataclass(frozen=True)
class Attempt:
    number: int
    expires_at: datetime


def _fill(url: str, order_id: uuid.UUID) -> str:
    return url.replace("{ORDER_ID}", str(order_id))


def release_signature(settings: Settings, order_id: uuid.UUID, attempt: int) -> str:
    """Signs a checkout's cancel link, so only the buyer who was sent there releases the order."""
    message = f"checkout-release:{order_id}:{attempt}".encode()
    return hmac.new(settings.jwt_secret.encode(), message, hashlib.sha256).hexdigest()[:32]


def cancel_url(settings: Settings, order_id: uuid.UUID, attempt: int) -> str:
    """CHECKOUT_CANCEL_URL for this order, with the attempt and its signature added: opening it
    (the provider's "back"/"Avbryt") releases the order at once."""
    parts = urlsplit(_fill(settings.checkout_cancel_url, order_id))
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(
        order_id=str(order_id),
        attempt=str(attempt),
        release=release_signature(settings, order_id, attempt),
    )
    return urlunsplit(parts._replace(query=urlencode(query)))


async def release_checkout(
    conn: Connection, settings: Settings, order_id: uuid.UUID, attempt: int, signature: str
) -> bool:
    """The cancel link was opened: with a valid signature the order's checkout attempt is
    given up and the order canceled (see orders.release_abandoned_checkout)."""
    expected = release_signature(settings, order_id, attempt)
    # As bytes: compare_digest refuses str with non-ASCII characters (a TypeError, a 500).
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        return False
    try:
        return await orders.release_abandoned_checkout(conn, order_id, attempt)
    except NotFound:
        return False


def checkout_idempotency_key(order_id: uuid.UUID, attempt: int) -> str:
    return f"wisdom-checkout-{order_id}-{attempt}"


def _checkout_out(payment: Any) -> CheckoutOut:
    return CheckoutOut(
        checkout_url=payment["checkout_url"] or "",
        session_id=payment["provider_ref"],
        order_id=payment["order_id"],
        provider=payment["provider"],
        expires_at=payment["expires_at"],
    )


async def _reserve_attempt(
    conn: Connection, settings: Settings, order: Order, latest: Any, now: datetime
) -> Attempt:
    """The attempt to send: the current one again when its provider call got no answer moments
    ago, else a new one (if the order still holds)."""
    current = order.checkout_attempt
    has_payment = latest is not None and latest["attempt"] == current
    if (
        current > 0
        and not has_payment
        and order.checkout_reserved_at is not None
        and order.checkout_expires_at is not None
        and now - order.checkout_reserved_at < REUSE_WINDOW
    ):
        return Attempt(current, order.checkout_expires_at)
    if order.checkout_expires_at is not None and order.checkout_expires_at <= now:
        raise Conflict(
            "The order's checkout time has run out; place a new order", code="order_expired"
        )
    # Stripe wants 30 minutes at least from the session's creation: the reuse window on top
    # keeps a repeated call valid too.
    lifetime = timedelta(minutes=settings.checkout_expires_minutes) + REUSE_WINDOW
    expires_at = max(order.checkout_expires_at or now, now + lifetime).replace(microsecond=0)
    await orders.set_checkout(
        conn, order.id, attempt=current + 1, reserved_at=now, expires_at=expires_at
    )
    return Attempt(current + 1, expires_at)


async def create_checkout(
    conn: Connection, settings: Settings, buyer: AuthUser, order_id: uuid.UUID
) -> CheckoutOut:
    """A checkout session for the buyer's pending order (the open one if there is one)."""
    provider = active_provider(settings)
    order = await orders.lock_visible_order(conn, order_id, buyer)
    if order.buyer_id != buyer.id:
        raise Forbidden("Only the buyer can pay for the order", code="not_buyer")
    if order.status != "pending":
        raise Conflict(f"The order is {order.status}, not pending", code="order_not_pending")
    if order.payment_issue is not None:
        raise Conflict(
            "A payment for this order differs from its price and waits for an admin",
            code="payment_under_review",
        )
    now = datetime.now(UTC)
    state = await repository.checkout_state(conn, order.id, order.seller_id)
    latest = state if state["id"] is not None else None
    if latest is not None and latest["attempt"] == order.checkout_attempt:
        if latest["status"] == "processing":
            raise Conflict("The payment is being processed", code="payment_processing")
        if (
            latest["status"] == "pending"
            and latest["provider"] == provider.name
            and latest["expires_at"] is not None
            and latest["expires_at"] > now + OPEN_MARGIN
        ):
            return _checkout_out(latest)
    attempt = await _reserve_attempt(conn, settings, order, latest, now)
    fee = fee_of(order.amount_cents, int_value("platform_fee_bps", state["platform_fee_bps"]))
    destination = (
        state["payout_account_id"] if provider.name == "stripe" and state["payout_ready"] else None
    )
    params = CheckoutParams(
        order_id=order.id,
        order_number=order.order_number,
        attempt=attempt.number,
        title=order.item_title,
        amount_cents=order.amount_cents,
        currency=order.currency,
        success_url=_fill(settings.checkout_success_url, order.id),
        cancel_url=cancel_url(settings, order.id, attempt.number),
        expires_at=attempt.expires_at,
        idempotency_key=checkout_idempotency_key(order.id, attempt.number),
        payment_method_types=settings.payment_methods,
        customer_email=buyer.email,
        destination_account=destination,
        application_fee_cents=fee if destination else 0,
    )
    try:
        session = await provider.create_checkout(params)
    except ProviderUnavailable as exc:
        raise CheckoutInterrupted(exc) from exc
    payment = await repository.insert_payment(
        conn,
        order_id=order.id,
        user_id=order.buyer_id,
        provider=provider.name,
        provider_ref=session.id,
        payment_intent_id=session.payment_intent,
        amount_cents=order.amount_cents,
        currency=order.currency,
        attempt=attempt.number,
        checkout_url=session.url,
        expires_at=session.expires_at,
        platform_fee_cents=fee,
        destination_account=destination,
        meta={
            "title": order.item_title,
            "payment_method_types": params.payment_method_types,
            "success_url": params.success_url,
            "cancel_url": params.cancel_url,
            "idempotency_key": params.idempotency_key,
        },
    )
    return _checkout_out(payment)


class PaymentsGateway:
    """What orders asks of payments (registered below, at import)."""

    async def refund(
        self,
        conn: Connection,
        order: Order,
        amount_cents: int | None,
        actor_id: uuid.UUID | None,
        reason: str,
    ) -> RefundOut:
        payment = await repository.paid_payment_for_order(conn, order.id)
        if payment is None:
            raise Conflict("The order has no payment to refund", code="no_payment")
        return await refunds.refund_payment(
            conn, current_settings(), order, payment, amount_cents, actor_id, reason
        )

    async def close_checkout(self, conn: Connection, order: Order) -> None:
        latest = await repository.latest_for_order(conn, order.id)
        if latest is None or latest["status"] not in ("pending", "processing"):
            return
        if latest["status"] == "processing":
            raise Conflict("The payment is being processed", code="payment_processing")
        provider = provider_named(current_settings(), latest["provider"])
        if not await provider.expire_checkout(latest["provider_ref"]):
            raise Conflict(
                "The checkout has been completed; the payment is on its way",
                code="payment_processing",
            )
        await repository.set_closed(conn, latest["id"], "expired")


register_gateway(PaymentsGateway())


async def payments_of_order(conn: Connection, order_id: uuid.UUID, viewer: AuthUser) -> list[Any]:
    """The order's payment attempts, for its buyer, seller or an admin."""
    await orders.get_visible_order(conn, order_id, viewer)
    return await repository.list_for_order(conn, order_id)


async def dummy_payment(conn: Connection, session_id: str) -> Any:
    payment = await repository.get_by_ref(conn, "dummy", session_id)
    if payment is None:
        raise NotFound("No such checkout")
    return payment


async def recent_events(conn: Connection, outcome: str | None, limit: int = 20) -> list[Any]:
    """The newest provider events in the inbox (e.g. the unmatched ones, for a later look)."""
    return await repository.recent_events(conn, outcome, limit)


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    """Payments the user made, refunds to them, and their payout account (teachers)."""
    return await repository.export_rows(conn, user_id)


async def pseudonymise_user_payments(
    conn: Connection, user_id: uuid.UUID, order_ids: list[uuid.UUID]
) -> None:
    """After orders.pseudonymise_user_orders: the same for the payments and refunds of those
    orders; the payout account is forgotten (Stripe keeps its own records)."""
    await repository.pseudonymise_for_orders(conn, user_id, order_ids)


async def delete_for_orders(conn: Connection, order_ids: list[uuid.UUID]) -> int:
    """purge-retained: delete the refunds and payments of these orders; returns the payments."""
    return await repository.delete_for_orders(conn, order_ids) if order_ids else 0
