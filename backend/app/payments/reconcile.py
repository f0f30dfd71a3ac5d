"""Reconciliation: what the provider knows that its webhooks did not tell us.

Webhooks can fail to arrive for longer than the provider retries them (an outage, a wrong
webhook secret after a rotation). Then paid orders would stay pending for ever. So, from the
API's background loop every PAYMENT_RECONCILE_SECONDS (app.payments.jobs) and from
`python -m app.cli reconcile-payments`, this module asks the provider

1. for its events of the handled types since the newest event it has read from the provider's
   list before (before the first run: since the newest stored event), and
2. about every checkout still pending here more than GRACE after its expiry (the payment row's
   expires_at): a session the provider reports complete or expired is turned into the event it
   would have sent,
3. about every refund it answered `pending` more than REFUND_GRACE ago and has not confirmed
   since: a refund it now reports succeeded, failed or canceled is turned into the
   refund.updated / refund.failed event it would have sent,

and applies each through the webhook inbox (webhooks.apply_event): stored once by its id and
acted on once, each in its own transaction, so a webhook that arrives later, or a second run,
finds a duplicate and changes nothing. An event that fails stops the list there (the next run
starts again from the last one read), so none is skipped.

4. Last, the events stored `unmatched` in the past UNMATCHED_WINDOW that name a payment intent
   are handled again (webhooks.retry_unmatched): a charge refunded before its checkout's
   completed event arrived, whose payment intent the provider could not be asked about then.
   (The checkout's own event applies them as soon as it records the payment intent; this is
   for when it raced them, or never came.)
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg

from app.config import Settings
from app.db import Connection
from app.errors import AppError
from app.payments import eventshape, repository, webhooks
from app.payments import service as _gateway  # noqa: F401 - registers orders' payment gateway
from app.payments.context import settings_in_use
from app.payments.providers import provider_named
from app.payments.providers.base import PaymentProvider

log = logging.getLogger("wisdom.payments")

# A checkout is asked about once it is this long past its expiry (its own event is due first).
GRACE = timedelta(minutes=5)
# With no event stored at all, events are read this far back (Stripe retries for three days).
FIRST_LOOKBACK = timedelta(days=3)
# At most this many events and checkouts per run; the rest wait for the next one.
MAX_EVENTS = 5000
MAX_CHECKOUTS = 200
MAX_REFUNDS = 200
MAX_UNMATCHED = 100
SESSION_EVENTS = {"complete": "checkout.session.completed", "expired": "checkout.session.expired"}
# A refund still pending here this long after it was asked for is asked about (card refunds
# usually succeed at once; the refund's own event is due first).
REFUND_GRACE = timedelta(minutes=15)
# Unmatched events about a payment intent are tried again for this long (Stripe's retries).
UNMATCHED_WINDOW = timedelta(days=3)


@dataclass
class Reconciled:
    events_read: int = 0
    events_applied: int = 0  # new to the inbox (the rest had arrived by webhook)
    checkouts_asked: int = 0
    checkouts_applied: int = 0
    refunds_asked: int = 0
    refunds_applied: int = 0
    unmatched_retried: int = 0
    unmatched_applied: int = 0
    failed: int = 0

    @property
    def applied(self) -> int:
        """Everything this run changed."""
        return (
            self.events_applied
            + self.checkouts_applied
            + self.refunds_applied
            + self.unmatched_applied
        )

    def summary(self) -> str:
        return (
            f"{self.events_read} event(s) read, {self.events_applied} new; "
            f"{self.checkouts_asked} lapsed checkout(s) asked about, "
            f"{self.checkouts_applied} settled; "
            f"{self.refunds_asked} pending refund(s) asked about, {self.refunds_applied} settled; "
            f"{self.unmatched_retried} unmatched event(s) tried again, "
            f"{self.unmatched_applied} matched; {self.failed} failed"
        )


def reconcile_event_id(type_: str, ref: str) -> str:
    """The id of the event reconciliation makes for an object's state: one per (state, object)
    (a session: its event type and id; a refund: its status and id), so asking again is a
    duplicate."""
    return "evt_reconcile_" + hashlib.sha256(f"{type_}:{ref}".encode()).hexdigest()[:24]


def _is_event(event: Any) -> bool:
    data = event.get("data") if isinstance(event, dict) else None
    return (
        isinstance(data, dict)
        and isinstance(event.get("id"), str)
        and isinstance(event.get("type"), str)
        and isinstance(data.get("object"), dict)
    )


async def _apply(
    conn: Connection, settings: Settings, provider: PaymentProvider, event: dict[str, Any]
) -> bool | None:
    """Apply one event in its own transaction: True when new, False when a duplicate (or
    malformed: skipped, as the webhook would refuse it), None when it failed (logged; rolled
    back, so a later run or webhook can apply it)."""
    try:
        eventshape.check_event(event, handled=event["type"] in webhooks.HANDLERS)
    except AppError:
        log.warning("reconciliation: a malformed event skipped", extra={"event_id": event["id"]})
        return False
    try:
        async with conn.transaction():
            ack = await webhooks.apply_event(conn, settings, provider, event)
    except (AppError, asyncpg.PostgresError):
        log.exception("reconciliation: applying an event failed", extra={"event_id": event["id"]})
        return None
    return not ack.duplicate


async def _read_events(
    conn: Connection, settings: Settings, now: datetime, result: Reconciled
) -> None:
    if settings.active_payment_provider != "stripe":
        return  # the dummy provider delivers its events as they happen
    provider = provider_named(settings, "stripe")
    since = await repository.reconciled_through(conn, provider.name) or now - FIRST_LOOKBACK
    listing = await provider.list_events(since, sorted(webhooks.HANDLERS), MAX_EVENTS)
    if not listing.complete:
        log.warning(
            "reconciliation: more events than one run reads; the newest are applied first",
            extra={"since": since.isoformat()},
        )
    read: list[str] = []
    for event in listing.events:
        if not _is_event(event):
            continue
        result.events_read += 1
        applied = await _apply(conn, settings, provider, event)
        if applied is None:
            result.failed += 1
            break  # the next run starts again from the last event read
        result.events_applied += int(applied)
        read.append(event["id"])
    if read and listing.complete:
        async with conn.transaction():
            await repository.mark_reconciled(conn, read)


def _dummy_session(payment: Any) -> dict[str, Any]:
    """A dummy session is paid only on this API's own page, which delivers its event at once:
    one still pending after its expiry was never paid."""
    session = webhooks.dummy_session_object(payment, "unpaid")
    return session | {"status": "expired", "payment_intent": None}


async def _ask_about_checkouts(
    conn: Connection, settings: Settings, now: datetime, result: Reconciled
) -> None:
    for payment in await repository.lapsed_pending_payments(conn, now - GRACE, MAX_CHECKOUTS):
        try:
            provider = provider_named(settings, payment["provider"])
            session = (
                _dummy_session(payment)
                if provider.name == "dummy"
                else await provider.retrieve_checkout(payment["provider_ref"])
            )
        except AppError as exc:  # not configured, or no answer: ask again next time
            log.warning(
                "reconciliation: could not ask about a checkout",
                extra={"payment_id": str(payment["id"]), "error": exc.code},
            )
            result.failed += 1
            continue
        result.checkouts_asked += 1
        status = session.get("status") if session is not None else None
        type_ = SESSION_EVENTS.get(status) if isinstance(status, str) else None
        if session is None or type_ is None:
            continue  # unknown there, or still open: its own event is due
        event = webhooks.build_event(reconcile_event_id(type_, session["id"]), type_, session)
        event["created"] = None  # made here, not by the provider (nor part of its list)
        event["livemode"] = bool(session.get("livemode"))
        applied = await _apply(conn, settings, provider, event)
        if applied is None:
            result.failed += 1
        else:
            result.checkouts_applied += int(applied)


async def _ask_about_refunds(
    conn: Connection, settings: Settings, now: datetime, result: Reconciled
) -> None:
    for refund in await repository.pending_refunds(conn, now - REFUND_GRACE, MAX_REFUNDS):
        try:
            provider = provider_named(settings, refund["provider"])
            current = await provider.retrieve_refund(refund["provider_ref"])
        except AppError as exc:  # not configured, or no answer: ask again next time
            log.warning(
                "reconciliation: could not ask about a refund",
                extra={"refund_id": str(refund["id"]), "error": exc.code},
            )
            result.failed += 1
            continue
        result.refunds_asked += 1
        status = current.get("status") if current is not None else None
        if current is None or webhooks.refund_state(status) is None:
            continue  # unknown there, or still pending: ask again next time
        type_ = "refund.failed" if status == "failed" else "refund.updated"
        event = webhooks.build_event(
            reconcile_event_id(f"refund.{status}", current["id"]), type_, current
        )
        event["created"] = None  # made here, not by the provider (nor part of its list)
        event["livemode"] = bool(current.get("livemode"))
        applied = await _apply(conn, settings, provider, event)
        if applied is None:
            result.failed += 1
        else:
            result.refunds_applied += int(applied)


async def _retry_unmatched(
    conn: Connection, settings: Settings, now: datetime, result: Reconciled
) -> None:
    name = settings.active_payment_provider
    if name is None:
        return
    stored = await repository.unmatched_events_to_retry(
        conn, name, sorted(webhooks.INTENT_EVENTS), now - UNMATCHED_WINDOW, MAX_UNMATCHED
    )
    for event in stored:
        try:
            provider = provider_named(settings, name)
            async with conn.transaction():
                matched = await webhooks.retry_unmatched(conn, settings, provider, event["id"])
        except (AppError, asyncpg.PostgresError):
            log.exception(
                "reconciliation: applying an unmatched event failed",
                extra={"event_id": event["id"]},
            )
            result.failed += 1
            continue
        result.unmatched_retried += 1
        result.unmatched_applied += int(matched)


async def reconcile(
    conn: Connection, settings: Settings, now: datetime | None = None
) -> Reconciled:
    """One reconciliation run (each event in its own transaction; `conn` outside one)."""
    now = now or datetime.now(UTC)
    result = Reconciled()
    if settings.active_payment_provider is None:
        return result  # payments are off
    with settings_in_use(settings):
        try:
            await _read_events(conn, settings, now, result)
        except AppError as exc:  # the provider did not answer: the checkouts are still asked
            log.warning("reconciliation: listing events failed", extra={"error": exc.code})
            result.failed += 1
        await _ask_about_checkouts(conn, settings, now, result)
        await _ask_about_refunds(conn, settings, now, result)
        await _retry_unmatched(conn, settings, now, result)
    return result
