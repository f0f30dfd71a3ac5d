"""A refund Stripe answers `pending` is confirmed later: by the refund's own events
(refund.updated, refund.failed, charge.refund.updated) through the exactly-once inbox, in any
order of arrival, or by reconciliation asking Stripe about refunds still pending. Current API
versions do not embed a charge's refunds in charge.refunded, so that event cannot confirm it."""

import asyncio
import itertools
import uuid
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.payments import jobs, reconcile
from tests.conftest import Account, MakeUser
from tests.marketplace_helpers import place_order, post_event, published_service
from tests.payments.fake_stripe import FakeStripe

PRICE = 79000


async def _paid_order(
    client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe
) -> tuple[Account, dict[str, Any], str]:
    """A paid order (card) and an admin who can refund it."""
    buyer = await make_user("student")
    service = await published_service(client, await make_user("teacher"), price_cents=PRICE)
    order = await place_order(client, buyer, service["id"])
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=buyer.headers
    )
    assert session.status_code == 200, session.text
    session_id = session.json()["session_id"]
    paid = await post_event(
        client, fake_stripe.session_event("checkout.session.completed", session_id)
    )
    assert paid.json()["detail"] == "order paid"
    return await make_user("admin"), order, session_id


async def _pending_refund(
    client: httpx.AsyncClient, fake_stripe: FakeStripe, admin: Account, order: dict[str, Any]
) -> str:
    """The admin refunds everything; Stripe answers the refund `pending`. Its Stripe id."""
    fake_stripe.refund_status = "pending"
    r = await client.post(f"/orders/{order['id']}/refund", json={}, headers=admin.headers)
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "pending"
    [refund_id] = fake_stripe.refunds
    return refund_id


async def _refund_row(db: asyncpg.Connection) -> dict[str, Any]:
    row = await db.fetchrow("SELECT status, provider_ref, amount_cents FROM app.refunds")
    return dict(row)


async def _order(db: asyncpg.Connection, order_id: str) -> tuple[str, int]:
    row = await db.fetchrow(
        "SELECT status, refunded_cents FROM app.service_orders WHERE id = $1",
        uuid.UUID(order_id),
    )
    return row["status"], row["refunded_cents"]


async def _failed_audits(db: asyncpg.Connection) -> list[Any]:
    return await db.fetch(
        "SELECT object_id, meta FROM app.audit_log WHERE action = 'payment.refund_failed'"
    )


async def test_a_pending_refund_becomes_succeeded_with_its_own_event(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    admin, order, session_id = await _paid_order(stripe_client, make_user, fake_stripe)
    refund_id = await _pending_refund(stripe_client, fake_stripe, admin, order)
    # charge.refunded counts the pending refund in amount_refunded (the order's new status),
    # but embeds no refund list in current API versions: the refund itself stays pending.
    charge = fake_stripe.charge_refunded_event(session_id, PRICE)
    assert "refunds" not in charge["data"]["object"]
    assert (await post_event(stripe_client, charge)).json()["outcome"] == "processed"
    assert await _order(db, order["id"]) == ("refunded", PRICE)
    assert await _refund_row(db) == {
        "status": "pending",
        "provider_ref": refund_id,
        "amount_cents": PRICE,
    }

    events = fake_stripe.refund_events(refund_id, "succeeded")
    confirmed = await post_event(stripe_client, events["refund.updated"])

    assert confirmed.status_code == 200
    assert confirmed.json()["outcome"] == "processed"
    assert confirmed.json()["detail"] == f"refund {refund_id} succeeded"
    assert (await _refund_row(db))["status"] == "succeeded"
    stored = await db.fetchrow(
        "SELECT outcome, order_id FROM app.stripe_events WHERE id = $1",
        events["refund.updated"]["id"],
    )
    assert (stored["outcome"], str(stored["order_id"])) == ("processed", order["id"])
    # The charge's refund-updated event about the same change, and a redelivery, change nothing.
    same = await post_event(stripe_client, events["charge.refund.updated"])
    assert same.json()["detail"] == f"refund {refund_id} unchanged"
    again = await post_event(stripe_client, events["refund.updated"])
    assert again.json()["duplicate"] is True
    assert (await _refund_row(db))["status"] == "succeeded"
    assert await _order(db, order["id"]) == ("refunded", PRICE)
    assert await _failed_audits(db) == []
    refund_notes = "SELECT count(*) FROM app.notifications WHERE kind = 'order_refunded'"
    assert await db.fetchval(refund_notes) == 1


@pytest.mark.parametrize(
    "sequence",
    list(itertools.permutations(["charge.refunded", "stale pending", "charge.refund.updated"])),
    ids=lambda seq: ">".join(seq),
)
async def test_every_order_of_refund_events_ends_succeeded(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db,
    sequence: tuple[str, ...],
) -> None:
    admin, order, session_id = await _paid_order(stripe_client, make_user, fake_stripe)
    refund_id = await _pending_refund(stripe_client, fake_stripe, admin, order)
    # refund.updated while it was still pending (e.g. its pending_reason changed), delivered
    # late: it must not take a confirmed refund back.
    stale = fake_stripe.event("refund.updated", dict(fake_stripe.refunds[refund_id]))
    events = {
        "charge.refunded": fake_stripe.charge_refunded_event(session_id, PRICE),
        "stale pending": stale,
        "charge.refund.updated": fake_stripe.refund_events(refund_id, "succeeded")[
            "charge.refund.updated"
        ],
    }
    for name in sequence:
        response = await post_event(stripe_client, events[name])
        assert response.json()["outcome"] == "processed", response.text
    assert (await post_event(stripe_client, events[sequence[0]])).json()["duplicate"] is True

    assert (await _refund_row(db))["status"] == "succeeded"
    assert await _order(db, order["id"]) == ("refunded", PRICE)


async def test_a_failed_refund_is_recorded_and_an_admin_is_told(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    admin, order, session_id = await _paid_order(stripe_client, make_user, fake_stripe)
    refund_id = await _pending_refund(stripe_client, fake_stripe, admin, order)
    await post_event(stripe_client, fake_stripe.charge_refunded_event(session_id, PRICE))
    failed = fake_stripe.refund_events(refund_id, "failed", "lost_or_stolen_card")
    assert set(failed) == {"refund.failed", "refund.updated", "charge.refund.updated"}

    first = await post_event(stripe_client, failed["charge.refund.updated"])
    assert first.json()["detail"] == f"refund {refund_id} failed: flagged for an admin"
    for type_ in ("refund.failed", "refund.updated"):
        assert (await post_event(stripe_client, failed[type_])).json()["outcome"] == "processed"

    assert (await _refund_row(db))["status"] == "failed"
    [entry] = await _failed_audits(db)  # once, whatever the number of events saying so
    assert entry["object_id"] == order["id"]
    assert entry["meta"]["provider_ref"] == refund_id
    assert entry["meta"]["failure_reason"] == "lost_or_stolen_card"
    assert entry["meta"]["amount_cents"] == PRICE


async def test_a_refund_that_succeeded_can_still_fail_but_never_come_back(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    """Stripe: a refund can fail after it succeeded (the card was closed); failed is final,
    so a late succeeded report changes nothing."""
    admin, order, _ = await _paid_order(stripe_client, make_user, fake_stripe)
    refund_id = await _pending_refund(stripe_client, fake_stripe, admin, order)
    succeeded = fake_stripe.refund_events(refund_id, "succeeded")
    failed = fake_stripe.refund_events(refund_id, "failed")

    await post_event(stripe_client, succeeded["refund.updated"])
    assert (await _refund_row(db))["status"] == "succeeded"
    await post_event(stripe_client, failed["refund.failed"])
    assert (await _refund_row(db))["status"] == "failed"
    late = await post_event(stripe_client, succeeded["charge.refund.updated"])
    assert late.json()["detail"] == f"refund {refund_id} unchanged"
    assert (await _refund_row(db))["status"] == "failed"
    assert len(await _failed_audits(db)) == 1


async def test_a_refund_event_that_comes_while_the_refund_is_being_asked_for_waits_for_it(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    """Stripe settles the refund and sends its event before our refund request has committed
    (its answer is slow): the event waits for the request (the order's row lock) and then
    finds the refund, instead of being kept unmatched."""
    admin, order, _ = await _paid_order(stripe_client, make_user, fake_stripe)
    fake_stripe.refund_status = "pending"
    fake_stripe.delay("/v1/refunds", seconds=0.6)  # the answer comes late (within the timeout)
    asking = asyncio.create_task(
        stripe_client.post(f"/orders/{order['id']}/refund", json={}, headers=admin.headers)
    )
    for _ in range(200):
        if fake_stripe.refunds:
            break
        await asyncio.sleep(0.01)
    [refund_id] = fake_stripe.refunds
    succeeded = fake_stripe.refund_events(refund_id, "succeeded")["refund.updated"]

    early = await post_event(stripe_client, succeeded)
    asked = await asking

    assert asked.status_code == 202 and asked.json()["status"] == "pending"
    assert early.json()["outcome"] == "processed", early.text
    assert early.json()["detail"] == f"refund {refund_id} succeeded"
    assert (await _refund_row(db))["status"] == "succeeded"


HOSTILE = ("\x00", "fuzz\x00value", "x" * 3000, 2**63, -1, 1e308, None, True, [], {}, "   ")


async def test_hostile_values_in_a_refunds_event_never_give_a_server_error(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    """Validly signed, about a real pending refund, with a hostile value in each field the
    handler reads: refused (400, or 422 for a NUL in the body) or handled, never a 500; the
    refund moves only forward."""
    admin, order, _ = await _paid_order(stripe_client, make_user, fake_stripe)
    refund_id = await _pending_refund(stripe_client, fake_stripe, admin, order)
    base = fake_stripe.refund_events(refund_id, "failed")["refund.failed"]
    statuses = set()
    for field in ("id", "status", "failure_reason", "payment_intent", "metadata", "amount"):
        for value in HOSTILE:
            event = fake_stripe.event("refund.failed", dict(base["data"]["object"]))
            event["data"]["object"][field] = value
            response = await post_event(stripe_client, event)
            assert response.status_code in (200, 400, 422), (field, value, response.text)
            statuses.add((await _refund_row(db))["status"])
    assert statuses <= {"pending", "failed"}
    [entry] = await _failed_audits(db)
    assert entry["meta"]["failure_reason"] in ("expired_or_canceled_card", None)


async def test_a_refund_event_for_a_refund_not_asked_for_here_is_unmatched(
    stripe_client: httpx.AsyncClient, fake_stripe: FakeStripe, db
) -> None:
    refund = fake_stripe.fixtures["refund"] | {"id": "re_from_the_dashboard", "status": "failed"}
    response = await post_event(stripe_client, fake_stripe.event("refund.failed", refund))
    assert response.status_code == 200
    assert (response.json()["outcome"], response.json()["detail"]) == (
        "unmatched",
        "no such refund",
    )


async def _run(app: FastAPI, settings: Settings, now: Any = None) -> reconcile.Reconciled:
    async with app.state.pool.acquire() as conn:
        return await jobs.run_once(conn, settings, now)


async def test_reconciliation_asks_stripe_about_a_refund_still_pending(
    stripe_app: FastAPI,
    stripe_settings: Settings,
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    admin, order, session_id = await _paid_order(stripe_client, make_user, fake_stripe)
    refund_id = await _pending_refund(stripe_client, fake_stripe, admin, order)
    await post_event(stripe_client, fake_stripe.charge_refunded_event(session_id, PRICE))
    fake_stripe.refund_events(refund_id, "succeeded")  # Stripe settles it; no webhook arrives
    fake_stripe.events.clear()  # nor is it in the event list (older than the last one read)
    asked_at = await db.fetchval("SELECT created_at FROM app.refunds")

    early = await _run(stripe_app, stripe_settings, asked_at + timedelta(minutes=5))
    assert early.refunds_asked == 0
    assert fake_stripe.calls("GET", f"/v1/refunds/{refund_id}") == []

    later = asked_at + reconcile.REFUND_GRACE + timedelta(minutes=1)
    result = await _run(stripe_app, stripe_settings, later)

    assert (result.refunds_asked, result.refunds_applied, result.failed) == (1, 1, 0)
    assert len(fake_stripe.calls("GET", f"/v1/refunds/{refund_id}")) == 1
    assert (await _refund_row(db))["status"] == "succeeded"
    stored = await db.fetchrow(
        "SELECT id, type, outcome FROM app.stripe_events WHERE type LIKE 'refund.%'"
    )
    assert stored["id"] == reconcile.reconcile_event_id("refund.succeeded", refund_id)
    assert (stored["type"], stored["outcome"]) == ("refund.updated", "processed")
    # No longer pending: not asked about again.
    again = await _run(stripe_app, stripe_settings, later)
    assert again.refunds_asked == 0
    assert "1 pending refund(s) asked about, 1 settled" in result.summary()


async def test_a_refund_still_pending_at_stripe_is_asked_again_until_it_fails(
    stripe_app: FastAPI,
    stripe_settings: Settings,
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    admin, order, _ = await _paid_order(stripe_client, make_user, fake_stripe)
    refund_id = await _pending_refund(stripe_client, fake_stripe, admin, order)
    later = await db.fetchval("SELECT created_at FROM app.refunds") + timedelta(hours=1)

    pending = await _run(stripe_app, stripe_settings, later)
    assert (pending.refunds_asked, pending.refunds_applied) == (1, 0)
    assert (await _refund_row(db))["status"] == "pending"
    assert (
        await db.fetchval("SELECT count(*) FROM app.stripe_events WHERE type LIKE 'refund.%'") == 0
    )

    fake_stripe.refund_events(refund_id, "failed")
    fake_stripe.events.clear()
    failed = await _run(stripe_app, stripe_settings, later)

    assert (failed.refunds_asked, failed.refunds_applied) == (1, 1)
    assert len(fake_stripe.calls("GET", f"/v1/refunds/{refund_id}")) == 2
    assert (await _refund_row(db))["status"] == "failed"
    assert len(await _failed_audits(db)) == 1
    stored = await db.fetchval("SELECT type FROM app.stripe_events WHERE type LIKE 'refund.%'")
    assert stored == "refund.failed"


async def test_a_refund_event_only_in_stripes_event_list_is_applied(
    stripe_app: FastAPI,
    stripe_settings: Settings,
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    """The refund's webhooks never arrived, but Stripe lists its events: reconciliation reads
    the refund types too (before the refund is old enough to be asked about)."""
    admin, order, _ = await _paid_order(stripe_client, make_user, fake_stripe)
    refund_id = await _pending_refund(stripe_client, fake_stripe, admin, order)
    events = fake_stripe.refund_events(refund_id, "succeeded")

    result = await _run(stripe_app, stripe_settings)

    assert result.refunds_asked == 0
    assert (await _refund_row(db))["status"] == "succeeded"
    listing = fake_stripe.calls("GET", "/v1/events")[-1]
    assert {"refund.updated", "refund.failed", "charge.refund.updated"} <= set(
        listing.params["types"]
    )
    outcomes = await db.fetch(
        "SELECT id, outcome FROM app.stripe_events WHERE type <> $1", "checkout.session.completed"
    )
    assert {r["id"]: r["outcome"] for r in outcomes} == {
        event["id"]: "processed" for event in events.values()
    }
