"""Reconciliation: payments whose webhooks never arrived are applied from what Stripe itself
says (its event list, and the state of checkouts pending past their expiry), through the same
exactly-once inbox, against the local fake of Stripe's API. No webhook is ever delivered here
unless a test says so."""

import asyncio
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI

from app.config import Settings
from app.payments import jobs, reconcile
from tests.conftest import Account, MakeUser
from tests.marketplace_helpers import place_order, post_event, published_service
from tests.payments.fake_stripe import API_KEY, FakeStripe
from tests.seminars.helpers import create_seminar

BACKEND = Path(__file__).resolve().parents[2]
PRICE = 79000


async def _checkout(
    client: httpx.AsyncClient, make_user: MakeUser, teacher: Account | None = None
) -> tuple[Account, dict[str, Any], str]:
    teacher = teacher or await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher, price_cents=PRICE)
    order = await place_order(client, buyer, service["id"])
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=buyer.headers
    )
    assert session.status_code == 200, session.text
    return buyer, order, session.json()["session_id"]


async def _run(
    app: FastAPI, settings: Settings, now: datetime | None = None
) -> reconcile.Reconciled:
    async with app.state.pool.acquire() as conn:
        return await jobs.run_once(conn, settings, now)


async def _order(db: asyncpg.Connection, order_id: str) -> Any:
    return await db.fetchrow(
        "SELECT status, refunded_cents, payment_method FROM app.service_orders WHERE id = $1",
        uuid.UUID(order_id),
    )


async def _counts(db: asyncpg.Connection) -> tuple[int, int, int]:
    row = await db.fetchrow(
        """SELECT (SELECT count(*) FROM app.mail_outbox WHERE kind = 'receipt') AS receipts,
                  (SELECT count(*) FROM app.notifications WHERE kind = 'order_paid') AS paid,
                  (SELECT count(*) FROM app.stripe_events) AS events"""
    )
    return row["receipts"], row["paid"], row["events"]


async def test_a_payment_whose_webhook_never_came_is_applied_from_stripes_event_list(
    stripe_app: FastAPI,
    stripe_settings: Settings,
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    _, order, session_id = await _checkout(stripe_client, make_user)
    # The buyer pays; Stripe makes the event, but the webhook never reaches us.
    event = fake_stripe.session_event("checkout.session.completed", session_id)
    assert (await _order(db, order["id"]))["status"] == "pending"

    result = await _run(stripe_app, stripe_settings)

    assert (result.events_read, result.events_applied, result.failed) == (1, 1, 0)
    assert (await _order(db, order["id"]))["status"] == "paid"
    assert await db.fetchval("SELECT status FROM app.payments") == "succeeded"
    assert await _counts(db) == (1, 1, 1)
    stored = await db.fetchrow("SELECT id, outcome, reconciled_at FROM app.stripe_events")
    assert (stored["id"], stored["outcome"]) == (event["id"], "processed")
    assert stored["reconciled_at"] is not None
    [listing] = fake_stripe.calls("GET", "/v1/events")
    assert listing.params["types"] == sorted(listing.params["types"])
    assert "checkout.session.completed" in listing.params["types"]

    # A second run, and the webhook arriving at last, change nothing.
    again = await _run(stripe_app, stripe_settings)
    assert (again.events_applied, again.checkouts_applied) == (0, 0)
    late = await post_event(stripe_client, event)
    assert late.json()["duplicate"] is True
    assert await _counts(db) == (1, 1, 1)
    assert (await _order(db, order["id"]))["status"] == "paid"


async def test_events_are_read_from_the_last_one_read_not_the_newest_delivered(
    stripe_app: FastAPI,
    stripe_settings: Settings,
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    """An outage longer than Stripe retries: the events during it are never delivered, then a
    newer one is. Reading only after the newest stored event would skip the lost ones."""
    teacher = await make_user("teacher")
    start = int(datetime.now(UTC).timestamp()) - 3600
    first = await _checkout(stripe_client, make_user, teacher)
    lost = await _checkout(stripe_client, make_user, teacher)
    after = await _checkout(stripe_client, make_user, teacher)

    def paid(session_id: str, created: int) -> dict[str, Any]:
        event = fake_stripe.session_event("checkout.session.completed", session_id)
        event["created"] = created
        fake_stripe.events[-1]["created"] = created
        return event

    assert (await post_event(stripe_client, paid(first[2], start))).status_code == 200
    assert (await _run(stripe_app, stripe_settings)).events_read == 1  # read up to `start`
    paid(lost[2], start + 600)  # during the outage: never delivered
    assert (await post_event(stripe_client, paid(after[2], start + 1200))).status_code == 200
    assert (await _order(db, lost[1]["id"]))["status"] == "pending"

    result = await _run(stripe_app, stripe_settings)

    assert (result.events_read, result.events_applied) == (3, 1)
    assert {r["status"] for r in await db.fetch("SELECT status FROM app.service_orders")} == {
        "paid"
    }
    listing = fake_stripe.calls("GET", "/v1/events")[-1]
    assert listing.params["created"] == {"gte": str(start)}


async def test_a_checkout_pending_past_its_expiry_is_asked_about(
    stripe_app: FastAPI,
    stripe_settings: Settings,
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    """Paid long ago, outside the event list (Stripe keeps events 30 days; or a newer event was
    already read): Stripe is asked about the checkout itself."""
    _, order, session_id = await _checkout(stripe_client, make_user)
    fake_stripe.session_event("checkout.session.completed", session_id)
    fake_stripe.events.clear()  # not in the list any more
    expires = await db.fetchval("SELECT expires_at FROM app.payments")

    # Before its expiry (and the grace after it) nobody asks.
    early = await _run(stripe_app, stripe_settings, expires)
    assert early.checkouts_asked == 0
    assert fake_stripe.calls("GET", f"/v1/checkout/sessions/{session_id}") == []

    later = expires + timedelta(minutes=10)
    result = await _run(stripe_app, stripe_settings, later)

    assert (result.checkouts_asked, result.checkouts_applied, result.failed) == (1, 1, 0)
    assert len(fake_stripe.calls("GET", f"/v1/checkout/sessions/{session_id}")) == 1
    assert (await _order(db, order["id"]))["status"] == "paid"
    stored = await db.fetchrow("SELECT id, type, outcome, event_created FROM app.stripe_events")
    assert stored["id"] == reconcile.reconcile_event_id("checkout.session.completed", session_id)
    assert (stored["type"], stored["outcome"]) == ("checkout.session.completed", "processed")
    assert stored["event_created"] is None
    # The payment is no longer pending: it is not asked about again.
    again = await _run(stripe_app, stripe_settings, later)
    assert again.checkouts_asked == 0
    assert await _counts(db) == (1, 1, 1)


async def test_an_expired_checkout_whose_event_never_came_frees_the_seat(
    stripe_app: FastAPI,
    stripe_settings: Settings,
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    seminar = await create_seminar(
        stripe_client, await make_user("teacher"), price_cents=15000, capacity=1
    )
    buyer, other = await make_user("student"), await make_user("student")
    order = (
        await stripe_client.post(
            "/orders",
            json={"item_kind": "seminar", "seminar_id": seminar["id"]},
            headers=buyer.headers,
        )
    ).json()
    session = await stripe_client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=buyer.headers
    )
    fake_stripe.session_event("checkout.session.expired", session.json()["session_id"])
    fake_stripe.events.clear()  # only the session itself says so
    expires = await db.fetchval("SELECT expires_at FROM app.payments")

    result = await _run(stripe_app, stripe_settings, expires + timedelta(minutes=10))

    assert result.checkouts_applied == 1
    assert (await _order(db, order["id"]))["status"] == "canceled"
    assert await db.fetchval("SELECT status FROM app.payments") == "expired"
    assert await db.fetchval("SELECT status FROM app.seminar_attendees") == "released"
    r = await stripe_client.post(
        "/orders", json={"item_kind": "seminar", "seminar_id": seminar["id"]}, headers=other.headers
    )
    assert r.status_code == 201, r.text


async def test_a_refund_whose_webhook_never_came_is_applied(
    stripe_app: FastAPI,
    stripe_settings: Settings,
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    _, order, session_id = await _checkout(stripe_client, make_user)
    await post_event(
        stripe_client, fake_stripe.session_event("checkout.session.completed", session_id)
    )
    admin = await make_user("admin")
    r = await stripe_client.post(
        f"/orders/{order['id']}/refund", json={"amount_cents": 20000}, headers=admin.headers
    )
    assert r.status_code == 202, r.text
    fake_stripe.charge_refunded_event(session_id, 20000)  # made by Stripe, never delivered
    assert (await _order(db, order["id"]))["refunded_cents"] == 0

    await _run(stripe_app, stripe_settings)

    row = await _order(db, order["id"])
    assert (row["status"], row["refunded_cents"]) == ("partially_refunded", 20000)
    assert await db.fetchval("SELECT status FROM app.refunds") == "succeeded"


async def test_a_listing_stripe_does_not_answer_leaves_everything_for_the_next_run(
    stripe_app: FastAPI,
    stripe_settings: Settings,
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    _, order, session_id = await _checkout(stripe_client, make_user)
    fake_stripe.session_event("checkout.session.completed", session_id)
    fake_stripe.delay("/v1/events", seconds=3, times=3)  # longer than the client waits

    result = await _run(stripe_app, stripe_settings)

    assert result.failed == 1 and result.events_applied == 0
    assert (await _order(db, order["id"]))["status"] == "pending"
    assert await db.fetchval("SELECT count(*) FROM app.stripe_events") == 0
    assert (await _run(stripe_app, stripe_settings)).events_applied == 1
    assert (await _order(db, order["id"]))["status"] == "paid"


async def test_the_dummy_providers_lapsed_checkouts_are_canceled(
    app: FastAPI, client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    """The dummy checkout is paid only on the API's own page, which delivers its event at once:
    one still pending after its expiry was never paid."""
    buyer = await make_user("student")
    service = await published_service(client, await make_user("teacher"))
    order = await place_order(client, buyer, service["id"])
    r = await client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=buyer.headers
    )
    assert r.status_code == 200
    expires = await db.fetchval("SELECT expires_at FROM app.payments")

    result = await _run(app, app.state.settings, expires + timedelta(minutes=10))

    assert (result.checkouts_asked, result.checkouts_applied) == (1, 1)
    assert (await _order(db, order["id"]))["status"] == "canceled"


async def test_the_cli_reconciles(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
    database_url: str,
) -> None:
    _, order, session_id = await _checkout(stripe_client, make_user)
    fake_stripe.session_event("checkout.session.completed", session_id)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ENVIRONMENT": "development",
        "PAYMENT_PROVIDER": "stripe",
        "STRIPE_SECRET_KEY": API_KEY,
        "STRIPE_API_BASE": fake_stripe.base,
    }
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "app.cli", "reconcile-payments"],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("reconcile-payments: 1 event(s) read, 1 new;"), result.stdout
    assert (await _order(db, order["id"]))["status"] == "paid"
