"""Provider events (webhooks): verified, stored once, acted on once.

1. The Stripe-Signature header is verified on the raw body with the SDK (HMAC-SHA256 with the
   webhook secret, at most TOLERANCE_SECONDS old). A bad, missing or stale signature is 400 and
   nothing is written.
2. The event goes into app.stripe_events with INSERT .. ON CONFLICT (id) DO NOTHING. A
   duplicate (even one delivered at the same moment: it waits on the first one's row) is
   answered 200 and not acted on again.
3. The handler locks the order row and makes only transitions that the current status allows,
   using the provider's absolute facts (paid, the charge's cumulative refunded amount, a
   refund's own status), so any order of events converges to the same state.
Types we do not handle and objects we do not know are stored (outcome ignored / unmatched) and
answered 200, so the provider stops retrying them. An unmatched event that names a payment
intent (a charge refunded before its checkout's completed event arrived) is handled again as
soon as an event about an order records that payment intent (_settle_with_unmatched), and
reconciliation tries the rest again (retry_unmatched).
"""

import hashlib
import hmac
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
import stripe

from app.audit.service import record as audit
from app.config import Settings
from app.db import Connection
from app.errors import AppError, BadRequest, NotFound, ServiceUnavailable
from app.orders import service as orders
from app.orders.schemas import Order
from app.payments import eventshape, refunds, repository
from app.payments.money import PAID_PAYMENT_STATUSES, platform_fee
from app.payments.providers.base import IntentOwner, PaymentProvider
from app.payments.providers.dummy import DummyProvider, event_id_for, payment_intent_for
from app.payments.schemas import WebhookAck

log = logging.getLogger("wisdom.payments")
TOLERANCE_SECONDS = 300


@dataclass
class Outcome:
    outcome: str  # processed | ignored | unmatched
    detail: str
    order_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None


Handler = Callable[[Connection, Settings, PaymentProvider, dict[str, Any]], Awaitable[Outcome]]


def signature_header(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """Stripe's scheme: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>."""
    moment = int(time.time()) if timestamp is None else timestamp
    signed = f"{moment}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={moment},v1={digest}"


def _verify(payload: bytes, sig_header: str | None, secret: str) -> dict[str, Any]:
    if not secret:
        raise ServiceUnavailable(
            "The webhook secret is not configured", code="webhook_not_configured"
        )
    # The SDK checks the signature; the body is parsed once, by orjson (the SDK's
    # construct_event would parse it again into StripeObjects that nothing here uses).
    try:
        stripe.WebhookSignature.verify_header(payload, sig_header, secret, TOLERANCE_SECONDS)
    except stripe.SignatureVerificationError as exc:
        raise BadRequest("Invalid or expired signature", code="invalid_signature") from exc
    except ValueError as exc:  # not UTF-8
        raise BadRequest("The body is not a Stripe event", code="invalid_payload") from exc
    try:
        event = orjson.loads(payload)
    except orjson.JSONDecodeError as exc:
        raise BadRequest("The body is not a Stripe event", code="invalid_payload") from exc
    data = event.get("data") if isinstance(event, dict) else None
    if (
        not isinstance(data, dict)
        or event.get("object") == "v2.core.event"
        or not isinstance(event.get("id"), str)
        or not isinstance(event.get("type"), str)
        or not isinstance(data.get("object"), dict)
    ):
        raise BadRequest("The event has no id, type or data.object", code="invalid_payload")
    return event


async def receive(
    conn: Connection,
    settings: Settings,
    provider: PaymentProvider,
    payload: bytes,
    sig_header: str | None,
) -> WebhookAck:
    """Verify, store once, act once (in the caller's transaction)."""
    event = _verify(payload, sig_header, provider.webhook_secret)
    eventshape.check_event(event, handled=event["type"] in HANDLERS)
    return await apply_event(conn, settings, provider, event)


async def apply_event(
    conn: Connection, settings: Settings, provider: PaymentProvider, event: dict[str, Any]
) -> WebhookAck:
    """Store the event once and act on it once (in the caller's transaction): a verified
    webhook, or an event reconciliation read from the provider itself (app.payments.reconcile),
    whichever comes first; the other is a duplicate."""
    created = event.get("created")
    stored = await repository.insert_event(
        conn,
        event_id=event["id"],
        provider=provider.name,
        type_=event["type"],
        livemode=bool(event.get("livemode")),
        event_created=datetime.fromtimestamp(created, UTC) if isinstance(created, int) else None,
        payload=event,
    )
    if not stored:
        outcome = await repository.get_event_outcome(conn, event["id"])
        return WebhookAck(duplicate=True, outcome=outcome or "received")
    handler = HANDLERS.get(event["type"])
    if handler is None:
        result = Outcome("ignored", f"{event['type']} is not handled")
    else:
        result = await handler(conn, settings, provider, event["data"]["object"])
    if result.outcome == "processed" and result.order_id is not None:
        result.detail = await _settle_with_unmatched(
            conn, settings, provider, event, result, result.order_id
        )
        return WebhookAck(outcome=result.outcome, detail=result.detail)
    if result.outcome == "unmatched":
        log.warning("payment event for an unknown object", extra={"event_id": event["id"]})
    await repository.set_event_outcome(
        conn, event["id"], result.outcome, result.detail, result.order_id, result.user_id
    )
    return WebhookAck(outcome=result.outcome, detail=result.detail)


async def _reapply(
    conn: Connection, settings: Settings, provider: PaymentProvider, stored: Any
) -> bool:
    """Handle a stored unmatched event (locked by the caller) again; True when it now
    concerned something here (its outcome and detail are then updated)."""
    handler = HANDLERS.get(stored["type"])
    if handler is None:
        return False
    result = await handler(conn, settings, provider, stored["payload"]["data"]["object"])
    if result.outcome == "unmatched":
        return False
    await repository.set_event_outcome(
        conn,
        stored["id"],
        result.outcome,
        f"applied late: {result.detail}",
        result.order_id,
        result.user_id,
    )
    log.info("an unmatched payment event applied late", extra={"event_id": stored["id"]})
    return True


async def _settle_with_unmatched(
    conn: Connection,
    settings: Settings,
    provider: PaymentProvider,
    event: dict[str, Any],
    result: Outcome,
    order_id: uuid.UUID,
) -> str:
    """An event about the order was handled (its row is locked): its outcome is recorded, and
    the events stored unmatched before that name one of its payment intents (e.g. a
    charge.refunded that came before the checkout.session.completed that recorded the intent)
    are handled now, oldest first, so the end state does not depend on the order of arrival.
    Both in one round trip; the detail is written again only when earlier events applied."""
    unmatched = await repository.settle_event_and_lock_unmatched(
        conn, event["id"], provider.name, result.detail, order_id, result.user_id
    )
    applied = 0
    for stored in unmatched:
        applied += int(await _reapply(conn, settings, provider, stored))
    if not applied:
        return result.detail
    detail = f"{result.detail}; {applied} earlier unmatched event(s) applied"
    await repository.set_event_outcome(
        conn, event["id"], result.outcome, detail, order_id, result.user_id
    )
    return detail


async def retry_unmatched(
    conn: Connection, settings: Settings, provider: PaymentProvider, event_id: str
) -> bool:
    """Reconciliation: handle a stored unmatched event again (in the caller's transaction),
    e.g. a charge whose payment intent the provider could not be asked about when it came.
    True when it now matched."""
    stored = await repository.lock_unmatched_event(conn, event_id)
    return stored is not None and await _reapply(conn, settings, provider, stored)


# --- finding what an event is about ------------------------------------------------------------
def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _metadata(obj: dict[str, Any]) -> dict[str, Any]:
    meta = obj.get("metadata")
    return meta if isinstance(meta, dict) else {}


def _attempt_number(value: object) -> int | None:
    """metadata.attempt as our checkouts write it: a positive integer (at most 9 digits)."""
    if isinstance(value, str) and value.isdigit() and len(value) <= 9 and int(value) > 0:
        return int(value)
    return None


def _attempt(obj: dict[str, Any]) -> int | None:
    return _attempt_number(_metadata(obj).get("attempt"))


async def _locked_order(conn: Connection, order_id: uuid.UUID | None) -> Order | None:
    if order_id is None:
        return None
    try:
        return await orders.lock_order(conn, order_id)
    except NotFound:
        return None


async def _session_payment(
    conn: Connection, provider: PaymentProvider, order: Order, session: dict[str, Any]
) -> Any:
    """The payment row of a checkout session, with the session's payment intent recorded;
    recorded from the event when our own record of it is missing (the provider answered, but
    our transaction did not commit)."""
    intent = session.get("payment_intent")
    payment = None
    if isinstance(intent, str):  # usually one round trip: record the intent, get the row
        payment = await repository.set_intent_by_ref(conn, provider.name, session["id"], intent)
    if payment is None:
        payment = await repository.get_by_ref(conn, provider.name, session["id"])
    if payment is None:
        attempt = _attempt(session) or max(order.checkout_attempt, 1)
        while await repository.get_for_attempt(conn, order.id, attempt) is not None:
            attempt += 1
        expires = session.get("expires_at")
        # The amount asked for, as a checkout records it; what arrived is checked against it
        # (_mismatch) and kept in the meta when it differs.
        payment = await repository.insert_payment(
            conn,
            order_id=order.id,
            user_id=order.buyer_id,
            provider=provider.name,
            provider_ref=session["id"],
            payment_intent_id=None,
            amount_cents=order.amount_cents,
            currency=order.currency,
            attempt=attempt,
            checkout_url=session.get("url"),
            expires_at=datetime.fromtimestamp(expires, UTC) if isinstance(expires, int) else None,
            platform_fee_cents=await platform_fee(conn, order.amount_cents),
            destination_account=None,
            meta={"recorded_from": "webhook"},
        )
    if isinstance(intent, str) and payment["payment_intent_id"] is None:
        payment = await repository.set_intent_by_ref(
            conn, provider.name, session["id"], intent
        ) or await repository.get_by_ref(conn, provider.name, session["id"])
    return payment


async def _paid_session_payment(
    conn: Connection, provider: PaymentProvider, order: Order, session: dict[str, Any]
) -> Any:
    """The payment of a paid checkout session. In the usual case (our record of it is not paid
    yet and the event names its payment intent) one UPDATE records the intent and the success
    together; otherwise it is found or recorded as _session_payment does (and _settle_paid
    marks it succeeded)."""
    intent = session.get("payment_intent")
    if isinstance(intent, str):
        method = await provider.payment_method_of(intent) or provider.name
        payment = await repository.set_succeeded_by_ref(
            conn, provider.name, session["id"], intent, method
        )
        if payment is not None:
            return payment
    return await _session_payment(conn, provider, order, session)


async def _settle_paid(
    conn: Connection,
    settings: Settings,
    provider: PaymentProvider,
    order: Order,
    payment: Any,
    refunded: int = 0,
) -> str:
    """The payment succeeded: mark it, and the order paid (once). A payment for an order that
    was canceled meanwhile is refunded in full at once: what the provider has not refunded yet
    (`refunded`: a charge.refunded settling the payment says how much it has)."""
    if payment["status"] not in PAID_PAYMENT_STATUSES:
        method = await provider.payment_method_of(payment["payment_intent_id"]) or provider.name
        await repository.set_succeeded(conn, payment["id"], method)
    else:
        method = payment["payment_method"] or provider.name
    if order.status == "pending":
        await orders.mark_paid(conn, order.id, method)
        return "order paid"
    if order.status == "canceled" and order.refunded_cents == 0:
        fresh = await repository.get_by_ref(conn, provider.name, payment["provider_ref"])
        totals = await repository.refund_totals(conn, order.id)
        left = fresh["amount_cents"] - refunded
        if totals["count"] == 0 and left > 0:
            await refunds.refund_payment(
                conn, settings, order, fresh, left, None, "paid after the order was canceled"
            )
        return "paid after the order was canceled: refunded"
    return f"order already {order.status}"


def _mismatch(order: Order, amount: object, currency: object) -> str | None:
    """Why a payment of `amount` in `currency` (the provider's figures) cannot pay the order;
    None when both match it."""
    paid_amount = amount if isinstance(amount, int) and not isinstance(amount, bool) else None
    paid_currency = currency.upper() if isinstance(currency, str) else None
    if paid_amount == order.amount_cents and paid_currency == order.currency:
        return None
    return (
        f"Paid {paid_amount if paid_amount is not None else '?'} "
        f"{(paid_currency or '?')[:3]}, but the order is {order.amount_cents} {order.currency}"
    )


async def _flag_mismatch(
    conn: Connection, order: Order, payment: Any, issue: str, amount: object, currency: object
) -> str:
    """Record a payment that differs from its order without fulfilling anything: the payment
    becomes 'mismatched' (what arrived in its meta), the order keeps its status and is flagged
    for an admin (payment_issue and an audit entry), once per payment."""
    received = {
        "received_amount": amount if isinstance(amount, int) else None,
        "received_currency": currency[:3] if isinstance(currency, str) else None,
    }
    if payment["status"] != "mismatched":
        await repository.set_mismatched(conn, payment["id"], received)
        await orders.flag_payment_issue(
            conn,
            order,
            issue,
            {"payment_id": str(payment["id"]), "provider_ref": payment["provider_ref"], **received},
        )
        log.warning(
            "payment differs from its order",
            extra={"order_id": str(order.id), "payment_id": str(payment["id"])},
        )
    return f"{issue}: recorded, not fulfilled, flagged for an admin"


async def _settle_session(
    conn: Connection,
    settings: Settings,
    provider: PaymentProvider,
    order: Order,
    session: dict[str, Any],
) -> str:
    """A paid checkout session: settled when it paid what the order costs, else flagged."""
    amount, currency = session.get("amount_total"), session.get("currency")
    issue = _mismatch(order, amount, currency)
    if issue is not None:
        payment = await _session_payment(conn, provider, order, session)
        return await _flag_mismatch(conn, order, payment, issue, amount, currency)
    payment = await _paid_session_payment(conn, provider, order, session)
    return await _settle_paid(conn, settings, provider, order, payment)


# --- the handlers ------------------------------------------------------------------------------
async def _checkout_completed(
    conn: Connection, settings: Settings, provider: PaymentProvider, session: dict[str, Any]
) -> Outcome:
    order = await _locked_order(
        conn, _uuid(session.get("client_reference_id") or _metadata(session).get("order_id"))
    )
    if order is None:
        return Outcome("unmatched", "no such order")
    if session.get("payment_status") in ("paid", "no_payment_required"):
        detail = await _settle_session(conn, settings, provider, order, session)
    else:
        # Paid later (a delayed method): the async_payment_succeeded/_failed event decides.
        payment = await _session_payment(conn, provider, order, session)
        await repository.set_processing(conn, payment["id"])
        detail = "awaiting the payment"
    return Outcome("processed", detail, order.id, order.buyer_id)


async def _async_payment_succeeded(
    conn: Connection, settings: Settings, provider: PaymentProvider, session: dict[str, Any]
) -> Outcome:
    order = await _locked_order(
        conn, _uuid(session.get("client_reference_id") or _metadata(session).get("order_id"))
    )
    if order is None:
        return Outcome("unmatched", "no such order")
    detail = await _settle_session(conn, settings, provider, order, session)
    return Outcome("processed", detail, order.id, order.buyer_id)


async def _session_closed(
    conn: Connection, provider: PaymentProvider, session: dict[str, Any], status: str
) -> Outcome:
    order = await _locked_order(
        conn, _uuid(session.get("client_reference_id") or _metadata(session).get("order_id"))
    )
    if order is None:
        return Outcome("unmatched", "no such order")
    payment = await _session_payment(conn, provider, order, session)
    await repository.set_closed(conn, payment["id"], status)
    detail = f"payment {status}"
    if status == "expired" and await orders.expire_checkout(conn, order.id, payment["attempt"]):
        detail = "checkout expired: order canceled"
    return Outcome("processed", detail, order.id, order.buyer_id)


async def _async_payment_failed(
    conn: Connection, settings: Settings, provider: PaymentProvider, session: dict[str, Any]
) -> Outcome:
    return await _session_closed(conn, provider, session, "failed")


async def _checkout_expired(
    conn: Connection, settings: Settings, provider: PaymentProvider, session: dict[str, Any]
) -> Outcome:
    return await _session_closed(conn, provider, session, "expired")


async def _ask_owner(provider: PaymentProvider, intent: str) -> IntentOwner | None:
    """Whose payment intent this is, as the provider says; None when it knows of none or does
    not answer (the event is then kept unmatched and tried again: see retry_unmatched)."""
    try:
        return await provider.owner_of_intent(intent)
    except AppError as exc:
        log.warning(
            "could not ask the payment provider about a payment intent",
            extra={"payment_intent": intent, "error": exc.code},
        )
        return None


async def _charge_payment(
    conn: Connection, provider: PaymentProvider, charge: dict[str, Any]
) -> tuple[Order | None, Any]:
    """The order (its row locked) and payment of a charge: by its payment intent when a
    payment here has recorded it; else by the order id and attempt that the payment intent's
    metadata carried over to the charge; else by asking the provider whose payment intent it is
    (the checkout session that made it, or the intent's own metadata). A charge refunded
    before its checkout's completed event arrived has none of the first two. The payment found
    gets the payment intent recorded, so the checkout's own events find it too."""
    intent = charge.get("payment_intent")
    intent = intent if isinstance(intent, str) else None
    known = await repository.get_by_intent(conn, intent) if intent else None
    if known is not None:
        order = await _locked_order(conn, known["order_id"])
        return order, await repository.get_by_ref(conn, known["provider"], known["provider_ref"])
    order_id, attempt = _uuid(_metadata(charge).get("order_id")), _attempt(charge)
    session_id: str | None = None
    if order_id is None and intent is not None:
        owner = await _ask_owner(provider, intent)
        if owner is not None:
            session_id = owner.session_id
            order_id, attempt = _uuid(owner.order_id), _attempt_number(owner.attempt)
    by_session = (
        await repository.get_by_ref(conn, provider.name, session_id) if session_id else None
    )
    order = await _locked_order(conn, by_session["order_id"] if by_session else order_id)
    if order is None:
        return None, None
    if by_session is not None:  # read again now that the order is locked
        payment = await repository.get_by_ref(conn, provider.name, by_session["provider_ref"])
    elif attempt:
        payment = await repository.get_for_attempt(conn, order.id, attempt)
    else:
        payment = await repository.latest_for_order(conn, order.id)
    if payment is not None and intent is not None and payment["payment_intent_id"] is None:
        await repository.set_intent(conn, payment["id"], intent)
        payment = await repository.get_by_ref(conn, payment["provider"], payment["provider_ref"])
    return order, payment


async def _charge_refunded(
    conn: Connection, settings: Settings, provider: PaymentProvider, charge: dict[str, Any]
) -> Outcome:
    order, payment = await _charge_payment(conn, provider, charge)
    if order is None or payment is None:
        return Outcome("unmatched", "no such payment")
    total = charge.get("amount_refunded")
    if not isinstance(total, int) or total <= 0:
        return Outcome("processed", "nothing refunded", order.id, order.buyer_id)
    if payment["status"] == "mismatched":
        detail = "refund of a payment that differs from its order: the order is unchanged"
        return Outcome("processed", detail, order.id, order.buyer_id)
    if payment["status"] not in PAID_PAYMENT_STATUSES:
        # A refunded charge was paid: the events saying so may still be on their way.
        amount, currency = charge.get("amount"), charge.get("currency")
        issue = _mismatch(order, amount, currency)
        if issue is not None:
            detail = await _flag_mismatch(conn, order, payment, issue, amount, currency)
            return Outcome("processed", detail, order.id, order.buyer_id)
        await _settle_paid(conn, settings, provider, order, payment, refunded=total)
    await repository.set_refunded_total(conn, payment["id"], total)
    await orders.apply_refunded_total(conn, order.id, total)
    # API versions before 2022-11-15 embed the charge's refunds, each with its own status
    # (current ones do not: the refund's own events say when it succeeded or failed).
    embedded = charge.get("refunds")
    for refund in embedded.get("data") or [] if isinstance(embedded, dict) else []:
        if isinstance(refund, dict) and isinstance(refund.get("id"), str):
            state = refund_state(refund.get("status"))
            if state is not None:
                await _move_refund(conn, order, refund, state)
    return Outcome("processed", f"refunded {total} in total", order.id, order.buyer_id)


def _is_code(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[a-z0-9_]{1,100}", value) is not None


def refund_state(status: object) -> str | None:
    """app.refunds' status for the provider's refund status; None while it is still pending
    (Stripe: pending, requires_action)."""
    if status == "succeeded":
        return "succeeded"
    if status in ("failed", "canceled"):
        return "failed"
    return None


async def _move_refund(conn: Connection, order: Order, refund: dict[str, Any], state: str) -> str:
    """Move the refund asked for here forward to `state` (repository.move_refund_status: a
    stale report never takes it back). A failed refund leaves the money with the platform, so
    an admin is told (audit entry payment.refund_failed) to pay it back another way."""
    moved = await repository.move_refund_status(conn, refund["id"], state)
    if moved is None:
        return f"refund {refund['id']} unchanged"
    if state == "failed":
        reason = refund.get("failure_reason")  # Stripe's codes: expired_or_canceled_card ...
        await audit(
            conn,
            "payment.refund_failed",
            subject_user_id=order.buyer_id,
            object_type="order",
            object_id=str(order.id),
            meta={
                "order_number": order.order_number,
                "refund_id": str(moved["id"]),
                "provider_ref": refund["id"],
                "amount_cents": moved["amount_cents"],
                "failure_reason": reason if _is_code(reason) else None,
            },
        )
        log.warning(
            "a refund failed", extra={"order_id": str(order.id), "refund_id": str(moved["id"])}
        )
        return f"refund {refund['id']} failed: flagged for an admin"
    return f"refund {refund['id']} {state}"


async def _refund_changed(
    conn: Connection, settings: Settings, provider: PaymentProvider, refund: dict[str, Any]
) -> Outcome:
    """refund.updated, refund.failed and charge.refund.updated: the refund's own status. A
    refund the provider answered `pending` becomes succeeded or failed here when it reports so
    (canceled counts as failed); a report that it is still pending changes nothing.

    The order row is locked first (one event of the order at a time). A refund asked for a
    moment ago may not be committed yet: the request that asked holds its order's row lock
    until it commits, so with the order named in the refund's metadata we wait for it and
    look again."""
    row = await repository.get_refund_by_ref(conn, refund["id"])
    order = await _locked_order(
        conn, row["order_id"] if row else _uuid(_metadata(refund).get("order_id"))
    )
    if order is not None and row is None:
        row = await repository.get_refund_by_ref(conn, refund["id"])
    if order is None or row is None or row["order_id"] != order.id:
        return Outcome("unmatched", "no such refund")
    state = refund_state(refund.get("status"))
    if state is None:
        detail = f"refund {refund['id']} not settled yet"
    else:
        detail = await _move_refund(conn, order, refund, state)
    return Outcome("processed", detail, order.id, order.buyer_id)


async def _account_updated(
    conn: Connection, settings: Settings, provider: PaymentProvider, account: dict[str, Any]
) -> Outcome:
    account_id = account.get("id")
    if not isinstance(account_id, str):
        return Outcome("unmatched", "no account id")
    teacher_id = await repository.update_account(
        conn,
        account_id,
        bool(account.get("charges_enabled")),
        bool(account.get("payouts_enabled")),
        bool(account.get("details_submitted")),
    )
    if teacher_id is None:
        return Outcome("unmatched", "no such connected account")
    return Outcome("processed", "payout account updated", None, teacher_id)


HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": _checkout_completed,
    "checkout.session.async_payment_succeeded": _async_payment_succeeded,
    "checkout.session.async_payment_failed": _async_payment_failed,
    "checkout.session.expired": _checkout_expired,
    "charge.refunded": _charge_refunded,
    "charge.refund.updated": _refund_changed,
    "refund.updated": _refund_changed,
    "refund.failed": _refund_changed,
    "account.updated": _account_updated,
}
# The handled events whose object is a charge or a refund, and so names its payment intent.
INTENT_EVENTS = frozenset(
    {"charge.refunded", "charge.refund.updated", "refund.updated", "refund.failed"}
)


# --- the dummy provider's events ----------------------------------------------------------------
def build_event(event_id: str, type_: str, obj: dict[str, Any]) -> dict[str, Any]:
    """An event in Stripe's shape (see the fixtures' resources["event"])."""
    return {
        "id": event_id,
        "object": "event",
        "api_version": stripe.api_version,
        "created": int(time.time()),
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": type_,
    }


async def deliver_dummy_event(
    conn: Connection, settings: Settings, event: dict[str, Any]
) -> WebhookAck:
    """Sign the event with the dummy secret and hand it to the same webhook handling."""
    provider = DummyProvider(settings)
    payload = orjson.dumps(event)
    return await receive(
        conn, settings, provider, payload, signature_header(payload, provider.webhook_secret)
    )


def dummy_session_object(payment: Any, payment_status: str) -> dict[str, Any]:
    expires = payment["expires_at"]
    return {
        "id": payment["provider_ref"],
        "object": "checkout.session",
        "amount_total": payment["amount_cents"],
        "currency": payment["currency"].lower(),
        "client_reference_id": str(payment["order_id"]),
        "metadata": {"order_id": str(payment["order_id"]), "attempt": str(payment["attempt"])},
        "mode": "payment",
        "payment_intent": payment_intent_for(payment["provider_ref"]),
        "payment_status": payment_status,
        "status": "complete",
        "expires_at": int(expires.timestamp()) if expires else None,
        "url": payment["checkout_url"],
        "livemode": False,
    }


async def deliver_dummy_payment(conn: Connection, settings: Settings, payment: Any) -> WebhookAck:
    event = build_event(
        event_id_for("checkout.session.completed", payment["provider_ref"]),
        "checkout.session.completed",
        dummy_session_object(payment, "paid"),
    )
    return await deliver_dummy_event(conn, settings, event)


async def deliver_dummy_refund(
    conn: Connection,
    settings: Settings,
    order: Order,
    payment: Any,
    refunded_total: int,
    refund_id: str,
) -> WebhookAck:
    charge = {
        "id": f"ch_dummy_{payment['provider_ref'][-24:]}",
        "object": "charge",
        "amount": payment["amount_cents"],
        "amount_captured": payment["amount_cents"],
        "amount_refunded": refunded_total,
        "currency": payment["currency"].lower(),
        "paid": True,
        "captured": True,
        "refunded": refunded_total >= payment["amount_cents"],
        "status": "succeeded",
        "payment_intent": payment["payment_intent_id"],
        "metadata": {"order_id": str(order.id), "attempt": str(payment["attempt"])},
        "refunds": {
            "object": "list",
            "data": [{"id": refund_id, "object": "refund", "status": "succeeded"}],
            "has_more": False,
        },
    }
    event = build_event(event_id_for("charge.refunded", refund_id), "charge.refunded", charge)
    return await deliver_dummy_event(conn, settings, event)


async def deliver_dummy_account(
    conn: Connection, settings: Settings, account_id: str
) -> WebhookAck:
    account = {
        "id": account_id,
        "object": "account",
        "type": "express",
        "charges_enabled": True,
        "payouts_enabled": True,
        "details_submitted": True,
    }
    event = build_event(event_id_for("account.updated", account_id), "account.updated", account)
    return await deliver_dummy_event(conn, settings, event)


refunds.confirm_dummy_refunds_with(deliver_dummy_refund)
