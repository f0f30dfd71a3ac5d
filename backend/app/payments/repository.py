"""SQL of payments, refunds, the provider event inbox and teachers' payout accounts."""

import uuid
from datetime import datetime
from typing import Any

from app.appconfig.service import value_sql
from app.db import Connection

_PAYMENT = """id, order_id, user_id, provider, provider_ref, payment_intent_id, status, amount_cents,
              currency, refunded_cents, attempt, checkout_url, expires_at, platform_fee_cents,
              destination_account, payment_method, paid_at, meta, created_at, updated_at"""


# --- payments -----------------------------------------------------------------------------------
async def insert_payment(
    conn: Connection,
    *,
    order_id: uuid.UUID,
    user_id: uuid.UUID,
    provider: str,
    provider_ref: str,
    payment_intent_id: str | None,
    amount_cents: int,
    currency: str,
    attempt: int,
    checkout_url: str | None,
    expires_at: datetime | None,
    platform_fee_cents: int,
    destination_account: str | None,
    meta: dict[str, Any],
) -> Any:
    """Insert the payment of a checkout session, or return the one already stored for it."""
    inserted = await conn.fetchrow(
        f"""INSERT INTO app.payments (order_id, user_id, provider, provider_ref, payment_intent_id,
                                      amount_cents, currency, attempt, checkout_url, expires_at,
                                      platform_fee_cents, destination_account, meta)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            ON CONFLICT (provider, provider_ref) DO NOTHING RETURNING {_PAYMENT}""",  # noqa: S608
        order_id,
        user_id,
        provider,
        provider_ref,
        payment_intent_id,
        amount_cents,
        currency,
        attempt,
        checkout_url,
        expires_at,
        platform_fee_cents,
        destination_account,
        meta,
    )
    return inserted if inserted is not None else await get_by_ref(conn, provider, provider_ref)


async def get_by_ref(conn: Connection, provider: str, provider_ref: str) -> Any:
    return await conn.fetchrow(
        f"SELECT {_PAYMENT} FROM app.payments WHERE provider = $1 AND provider_ref = $2",  # noqa: S608
        provider,
        provider_ref,
    )


async def set_intent_by_ref(
    conn: Connection, provider: str, provider_ref: str, payment_intent_id: str
) -> Any:
    """Record the payment intent of a checkout session's payment that has none yet; returns the
    payment, or None when there is no such payment or it already has its intent."""
    return await conn.fetchrow(
        f"""UPDATE app.payments SET payment_intent_id = $3
            WHERE provider = $1 AND provider_ref = $2 AND payment_intent_id IS NULL
            RETURNING {_PAYMENT}""",  # noqa: S608
        provider,
        provider_ref,
        payment_intent_id,
    )


async def get_by_intent(conn: Connection, payment_intent_id: str) -> Any:
    return await conn.fetchrow(
        f"SELECT {_PAYMENT} FROM app.payments WHERE payment_intent_id = $1",  # noqa: S608
        payment_intent_id,
    )


async def get_for_attempt(conn: Connection, order_id: uuid.UUID, attempt: int) -> Any:
    return await conn.fetchrow(
        f"SELECT {_PAYMENT} FROM app.payments WHERE order_id = $1 AND attempt = $2",  # noqa: S608
        order_id,
        attempt,
    )


async def latest_for_order(conn: Connection, order_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"""SELECT {_PAYMENT} FROM app.payments WHERE order_id = $1
            ORDER BY attempt DESC LIMIT 1""",  # noqa: S608
        order_id,
    )


_FEE_BPS = value_sql("platform_fee_bps")


async def checkout_state(conn: Connection, order_id: uuid.UUID, seller_id: uuid.UUID) -> Any:
    """For a new checkout, in one round trip: the order's latest payment (its columns, all NULL
    when it has none), the seller's Stripe Connect account (payout_account_id, NULL when
    none; payout_ready when it can take charges and payouts) and the platform fee setting
    (platform_fee_bps, the app_config value; read it with appconfig's int_value)."""
    return await conn.fetchrow(
        f"""SELECT p.*, m.account_id AS payout_account_id,
                   coalesce(m.charges_enabled AND m.payouts_enabled, false) AS payout_ready,
                   {_FEE_BPS} AS platform_fee_bps
            FROM (SELECT 1) AS one
            LEFT JOIN LATERAL (SELECT {_PAYMENT} FROM app.payments WHERE order_id = $1
                               ORDER BY attempt DESC LIMIT 1) p ON true
            LEFT JOIN app.teacher_payout_methods m
                   ON m.teacher_id = $2 AND m.provider = 'stripe_connect'""",  # noqa: S608
        order_id,
        seller_id,
    )


async def paid_payment_for_order(conn: Connection, order_id: uuid.UUID) -> Any:
    """The payment that paid the order (succeeded, or refunded since)."""
    return await conn.fetchrow(
        f"""SELECT {_PAYMENT} FROM app.payments WHERE order_id = $1
              AND status IN ('succeeded', 'partially_refunded', 'refunded')
            ORDER BY paid_at LIMIT 1""",  # noqa: S608
        order_id,
    )


async def list_for_order(conn: Connection, order_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        f"SELECT {_PAYMENT} FROM app.payments WHERE order_id = $1 ORDER BY attempt",  # noqa: S608
        order_id,
    )


async def set_intent(conn: Connection, payment_id: uuid.UUID, payment_intent_id: str) -> None:
    await conn.execute(
        """UPDATE app.payments SET payment_intent_id = $2
           WHERE id = $1 AND payment_intent_id IS NULL""",
        payment_id,
        payment_intent_id,
    )


async def set_processing(conn: Connection, payment_id: uuid.UUID) -> None:
    await conn.execute(
        "UPDATE app.payments SET status = 'processing' WHERE id = $1 AND status = 'pending'",
        payment_id,
    )


async def set_succeeded(conn: Connection, payment_id: uuid.UUID, payment_method: str) -> bool:
    """Any not-yet-paid state -> succeeded (a refunded payment never goes back)."""
    status = await conn.fetchval(
        """UPDATE app.payments SET status = 'succeeded', paid_at = now(), payment_method = $2
           WHERE id = $1 AND status IN ('pending', 'processing', 'failed', 'expired')
           RETURNING status""",
        payment_id,
        payment_method,
    )
    return status is not None


async def set_succeeded_by_ref(
    conn: Connection, provider: str, provider_ref: str, payment_intent_id: str, payment_method: str
) -> Any:
    """set_succeeded for a checkout session's payment, recording its payment intent if it has
    none yet; returns the payment, or None when there is no such payment or it was paid
    already."""
    return await conn.fetchrow(
        f"""UPDATE app.payments
            SET status = 'succeeded', paid_at = now(), payment_method = $4,
                payment_intent_id = coalesce(payment_intent_id, $3)
            WHERE provider = $1 AND provider_ref = $2
              AND status IN ('pending', 'processing', 'failed', 'expired')
            RETURNING {_PAYMENT}""",  # noqa: S608
        provider,
        provider_ref,
        payment_intent_id,
        payment_method,
    )


async def set_mismatched(conn: Connection, payment_id: uuid.UUID, received: dict[str, Any]) -> bool:
    """A payment whose amount or currency differs from its order: not-yet-paid -> mismatched,
    with what arrived kept in its meta (a paid or refunded payment keeps its status)."""
    changed = await conn.fetchval(
        """UPDATE app.payments SET status = 'mismatched', meta = meta || $2::jsonb
           WHERE id = $1 AND status IN ('pending', 'processing', 'failed', 'expired')
           RETURNING status""",
        payment_id,
        received,
    )
    return changed is not None


async def set_closed(conn: Connection, payment_id: uuid.UUID, status: str) -> bool:
    """pending | processing -> failed | expired."""
    changed = await conn.fetchval(
        """UPDATE app.payments SET status = $2
           WHERE id = $1 AND status IN ('pending', 'processing') RETURNING status""",
        payment_id,
        status,
    )
    return changed is not None


async def set_refunded_total(conn: Connection, payment_id: uuid.UUID, total_cents: int) -> None:
    await conn.execute(
        """UPDATE app.payments
           SET refunded_cents = LEAST($2, amount_cents),
               status = CASE WHEN LEAST($2, amount_cents) >= amount_cents THEN 'refunded'
                             ELSE 'partially_refunded' END,
               paid_at = coalesce(paid_at, now())
           WHERE id = $1 AND refunded_cents < LEAST($2, amount_cents)""",
        payment_id,
        total_cents,
    )


# --- refunds ------------------------------------------------------------------------------------
_REFUND = "id, order_id, amount_cents, currency, status, provider_ref, created_at"


async def refund_totals(conn: Connection, order_id: uuid.UUID) -> Any:
    """How many refunds the order has and how much of them has not failed."""
    return await conn.fetchrow(
        """SELECT count(*) AS count,
                  coalesce(sum(amount_cents) FILTER (WHERE status <> 'failed'), 0) AS requested
           FROM app.refunds WHERE order_id = $1""",
        order_id,
    )


async def insert_refund(
    conn: Connection,
    *,
    order_id: uuid.UUID,
    payment_id: uuid.UUID,
    buyer_id: uuid.UUID,
    requested_by: uuid.UUID | None,
    sequence: int,
    amount_cents: int,
    currency: str,
    reason: str,
) -> uuid.UUID:
    refund_id: uuid.UUID = await conn.fetchval(
        """INSERT INTO app.refunds (order_id, payment_id, buyer_id, requested_by, sequence,
                                    amount_cents, currency, reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""",
        order_id,
        payment_id,
        buyer_id,
        requested_by,
        sequence,
        amount_cents,
        currency,
        reason,
    )
    return refund_id


async def set_refund_result(
    conn: Connection, refund_id: uuid.UUID, provider_ref: str, status: str
) -> Any:
    return await conn.fetchrow(
        f"""UPDATE app.refunds SET provider_ref = $2, status = $3 WHERE id = $1
            RETURNING {_REFUND}""",  # noqa: S608
        refund_id,
        provider_ref,
        status,
    )


# A refund's status only moves forward: pending -> succeeded | failed, succeeded -> failed
# (a refund can still fail after it succeeded); failed is final. So the provider's reports,
# in whatever order they arrive, end in the newest state.
_REFUND_MOVES_FORWARD = """(status = 'pending' AND $2 IN ('succeeded', 'failed'))
                           OR (status = 'succeeded' AND $2 = 'failed')"""


async def get_refund_by_ref(conn: Connection, provider_ref: str) -> Any:
    """The refund the provider knows as provider_ref."""
    return await conn.fetchrow(
        f"SELECT {_REFUND} FROM app.refunds WHERE provider_ref = $1",  # noqa: S608
        provider_ref,
    )


async def move_refund_status(conn: Connection, provider_ref: str, status: str) -> Any:
    """Set the refund's status when that moves it forward; the refund, or None when it did
    not change (unknown, or already there or beyond)."""
    return await conn.fetchrow(
        f"""UPDATE app.refunds SET status = $2
            WHERE provider_ref = $1 AND ({_REFUND_MOVES_FORWARD})
            RETURNING {_REFUND}""",  # noqa: S608
        provider_ref,
        status,
    )


async def pending_refunds(conn: Connection, before: datetime, limit: int) -> list[Any]:
    """Refunds the provider answered `pending` (or has not confirmed) since before `before`,
    oldest first, with their payment's provider."""
    return await conn.fetch(
        """SELECT r.id, r.order_id, r.provider_ref, r.created_at, p.provider
           FROM app.refunds r JOIN app.payments p ON p.id = r.payment_id
           WHERE r.status = 'pending' AND r.provider_ref IS NOT NULL AND r.created_at < $1
           ORDER BY r.created_at LIMIT $2""",
        before,
        limit,
    )


# --- the event inbox ----------------------------------------------------------------------------
async def insert_event(
    conn: Connection,
    *,
    event_id: str,
    provider: str,
    type_: str,
    livemode: bool,
    event_created: datetime | None,
    payload: dict[str, Any],
) -> bool:
    """Store the event; False when it was stored before (a duplicate delivery). A concurrent
    delivery of the same id waits here until the first one's transaction ends."""
    inserted = await conn.fetchval(
        """INSERT INTO app.stripe_events (id, provider, type, livemode, event_created, payload)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING true""",
        event_id,
        provider,
        type_,
        livemode,
        event_created,
        payload,
    )
    return bool(inserted)


async def set_event_outcome(
    conn: Connection,
    event_id: str,
    outcome: str,
    detail: str,
    order_id: uuid.UUID | None,
    user_id: uuid.UUID | None,
) -> None:
    await conn.execute(
        """UPDATE app.stripe_events SET outcome = $2, detail = $3, order_id = $4, user_id = $5
           WHERE id = $1""",
        event_id,
        outcome,
        detail[:500],
        order_id,
        user_id,
    )


async def reconciled_through(conn: Connection, provider: str) -> datetime | None:
    """When the newest event reconciliation has read from the provider's list was created;
    before any, the newest stored event's time; None for an empty inbox."""
    since: datetime | None = await conn.fetchval(
        """SELECT coalesce(
               (SELECT max(event_created) FROM app.stripe_events
                WHERE provider = $1 AND reconciled_at IS NOT NULL),
               (SELECT max(event_created) FROM app.stripe_events WHERE provider = $1))""",
        provider,
    )
    return since


async def mark_reconciled(conn: Connection, event_ids: list[str]) -> None:
    """These events were read from the provider's own list (and are stored and handled)."""
    await conn.execute(
        """UPDATE app.stripe_events SET reconciled_at = now()
           WHERE id = ANY($1::text[]) AND reconciled_at IS NULL""",
        event_ids,
    )


async def lapsed_pending_payments(conn: Connection, before: datetime, limit: int) -> list[Any]:
    """Checkouts still pending here whose session expired before `before`, oldest first."""
    return await conn.fetch(
        f"""SELECT {_PAYMENT} FROM app.payments
            WHERE status = 'pending' AND expires_at < $1
            ORDER BY expires_at LIMIT $2""",  # noqa: S608
        before,
        limit,
    )


# Where an event about a charge or a refund names its payment intent.
_EVENT_INTENT = "payload->'data'->'object'->>'payment_intent'"


async def settle_event_and_lock_unmatched(
    conn: Connection,
    event_id: str,
    provider: str,
    detail: str,
    order_id: uuid.UUID,
    user_id: uuid.UUID | None,
) -> list[Any]:
    """Record the event as processed for the order and, in the same statement, the events
    stored unmatched whose object names a payment intent of one of the order's payments
    (the intent this transaction recorded included), oldest first, locked (rows another
    transaction is re-applying are skipped). The event itself is not among them: the
    statement's snapshot still holds its outcome as 'received'."""
    return await conn.fetch(
        f"""WITH settled AS (
               UPDATE app.stripe_events
               SET outcome = 'processed', detail = $3, order_id = $4, user_id = $5
               WHERE id = $1)
            SELECT id, type, payload FROM app.stripe_events
            WHERE outcome = 'unmatched' AND provider = $2
              AND {_EVENT_INTENT} IN (SELECT payment_intent_id FROM app.payments
                                      WHERE order_id = $4 AND payment_intent_id IS NOT NULL)
            ORDER BY event_created NULLS LAST, received_at
            FOR UPDATE SKIP LOCKED""",  # noqa: S608
        event_id,
        provider,
        detail[:500],
        order_id,
        user_id,
    )


async def unmatched_events_to_retry(
    conn: Connection, provider: str, types: list[str], since: datetime, limit: int
) -> list[Any]:
    """The provider's unmatched events of these types received since `since` whose object
    names a payment intent, oldest first (their ids)."""
    return await conn.fetch(
        f"""SELECT id FROM app.stripe_events
            WHERE outcome = 'unmatched' AND provider = $1 AND type = ANY($2::text[])
              AND received_at >= $3 AND {_EVENT_INTENT} IS NOT NULL
            ORDER BY received_at LIMIT $4""",  # noqa: S608
        provider,
        types,
        since,
        limit,
    )


async def lock_unmatched_event(conn: Connection, event_id: str) -> Any:
    """The event, locked, while it is still unmatched; None when it is not (or is being
    re-applied by another transaction)."""
    return await conn.fetchrow(
        """SELECT id, type, payload FROM app.stripe_events
           WHERE id = $1 AND outcome = 'unmatched' FOR UPDATE SKIP LOCKED""",
        event_id,
    )


async def get_event_outcome(conn: Connection, event_id: str) -> str | None:
    outcome: str | None = await conn.fetchval(
        "SELECT outcome FROM app.stripe_events WHERE id = $1", event_id
    )
    return outcome


# --- payout accounts ----------------------------------------------------------------------------
_PAYOUT = """teacher_id, account_id, charges_enabled, payouts_enabled, details_submitted,
             created_at, updated_at"""


async def get_payout_method(conn: Connection, teacher_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"""SELECT {_PAYOUT} FROM app.teacher_payout_methods
            WHERE teacher_id = $1 AND provider = 'stripe_connect'""",  # noqa: S608
        teacher_id,
    )


async def insert_payout_method(
    conn: Connection,
    teacher_id: uuid.UUID,
    account_id: str,
    charges_enabled: bool,
    payouts_enabled: bool,
    details_submitted: bool,
) -> Any:
    await conn.execute(
        """INSERT INTO app.teacher_payout_methods (teacher_id, provider, account_id,
                                                   charges_enabled, payouts_enabled,
                                                   details_submitted)
           VALUES ($1, 'stripe_connect', $2, $3, $4, $5)
           ON CONFLICT (teacher_id, provider) DO NOTHING""",
        teacher_id,
        account_id,
        charges_enabled,
        payouts_enabled,
        details_submitted,
    )
    return await get_payout_method(conn, teacher_id)


async def update_account(
    conn: Connection,
    account_id: str,
    charges_enabled: bool,
    payouts_enabled: bool,
    details_submitted: bool,
) -> uuid.UUID | None:
    """Keep an account's flags as the provider reports them; the teacher's id, None if unknown."""
    teacher_id: uuid.UUID | None = await conn.fetchval(
        """UPDATE app.teacher_payout_methods
           SET charges_enabled = $2, payouts_enabled = $3, details_submitted = $4
           WHERE account_id = $1 RETURNING teacher_id""",
        account_id,
        charges_enabled,
        payouts_enabled,
        details_submitted,
    )
    return teacher_id


async def lock_teacher(conn: Connection, teacher_id: uuid.UUID) -> None:
    """Serialise onboarding of one teacher (two clicks make one connected account)."""
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended($1::uuid::text, 7))", teacher_id
    )


async def fees_for_orders(conn: Connection, order_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """The platform fee of each order's paying payment."""
    rows = await conn.fetch(
        """SELECT DISTINCT ON (order_id) order_id, platform_fee_cents FROM app.payments
           WHERE order_id = ANY($1::uuid[])
             AND status IN ('succeeded', 'partially_refunded', 'refunded')
           ORDER BY order_id, paid_at""",
        order_ids,
    )
    return {r["order_id"]: r["platform_fee_cents"] for r in rows}


async def recent_events(conn: Connection, outcome: str | None, limit: int) -> list[Any]:
    return await conn.fetch(
        """SELECT id, provider, type, outcome, detail, order_id, received_at
           FROM app.stripe_events WHERE ($1::text IS NULL OR outcome = $1)
           ORDER BY received_at DESC LIMIT $2""",
        outcome,
        limit,
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    tables = {
        "payments": "SELECT * FROM app.payments WHERE user_id = $1 ORDER BY created_at",
        "refunds": "SELECT * FROM app.refunds WHERE buyer_id = $1 ORDER BY created_at",
        "teacher_payout_methods": "SELECT * FROM app.teacher_payout_methods WHERE teacher_id = $1",
    }
    return {name: await conn.fetch(sql, user_id) for name, sql in tables.items()}


async def pseudonymise_for_orders(
    conn: Connection, user_id: uuid.UUID, order_ids: list[uuid.UUID]
) -> None:
    """Payments and refunds of these orders keep amounts, dates and provider references (the
    bookkeeping), lose what names a person (the checkout's metadata, free text), and are kept
    as long as their order."""
    await conn.execute(
        """UPDATE app.payments p
           SET meta = '{}'::jsonb, checkout_url = NULL,
               retain_until = CASE WHEN p.paid_at IS NULL THEN current_date
                                   ELSE app.accounting_retain_until(p.paid_at) END
           WHERE p.order_id = ANY($1::uuid[])""",
        order_ids,
    )
    await conn.execute(
        """UPDATE app.refunds
           SET reason = '', retain_until = app.accounting_retain_until(created_at)
           WHERE order_id = ANY($1::uuid[])""",
        order_ids,
    )
    await conn.execute(
        "UPDATE app.refunds SET requested_by = NULL WHERE requested_by = $1", user_id
    )
    # The provider's raw events may carry the buyer's name and e-mail: keep only what they were.
    await conn.execute(
        """UPDATE app.stripe_events
           SET payload = jsonb_build_object('id', id, 'type', type, 'redacted', true),
               user_id = NULL
           WHERE user_id = $1 OR order_id = ANY($2::uuid[])""",
        user_id,
        order_ids,
    )
    await conn.execute("DELETE FROM app.teacher_payout_methods WHERE teacher_id = $1", user_id)


async def delete_for_orders(conn: Connection, order_ids: list[uuid.UUID]) -> int:
    await conn.execute("DELETE FROM app.refunds WHERE order_id = ANY($1::uuid[])", order_ids)
    status = await conn.execute(
        "DELETE FROM app.payments WHERE order_id = ANY($1::uuid[])", order_ids
    )
    return int(status.split()[-1])
