"""POST /webhooks/stripe: signatures, the inbox, exactly-once under duplicates, concurrency and
any order of events."""

import asyncio
import itertools
import time
from typing import Any

import httpx
import orjson
import pytest

from tests.conftest import Account, MakeUser
from tests.marketplace_helpers import place_order, post_event, published_service
from tests.payments.fake_stripe import FakeStripe, sign


async def _pending_checkout(
    client: httpx.AsyncClient, make_user: MakeUser, price: int = 79000
) -> tuple[Account, Account, dict[str, Any], str]:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher, price_cents=price)
    order = await place_order(client, buyer, service["id"])
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=buyer.headers
    )
    assert session.status_code == 200, session.text
    return teacher, buyer, order, session.json()["session_id"]


async def _state(db, order_id: str) -> dict[str, Any]:
    """Everything a payment event may change, to compare end states."""
    order = await db.fetchrow(
        "SELECT status, refunded_cents, paid_at IS NOT NULL AS paid FROM app.service_orders WHERE id = $1",
        order_id,
    )
    payments = await db.fetch(
        "SELECT status, refunded_cents, payment_intent_id IS NOT NULL AS has_intent FROM app.payments"
    )
    counts = await db.fetchrow(
        """SELECT (SELECT count(*) FROM app.notifications WHERE kind = 'order_paid') AS paid_notes,
                  (SELECT count(*) FROM app.notifications WHERE kind = 'order_refunded') AS refund_notes,
                  (SELECT count(*) FROM app.mail_outbox WHERE kind = 'receipt') AS receipts"""
    )
    return {
        "order": dict(order),
        "payments": [dict(p) for p in payments],
        **dict(counts),
    }


async def test_bad_missing_or_stale_signatures_are_400_and_write_nothing(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    _, _, order, session_id = await _pending_checkout(stripe_client, make_user)
    event = fake_stripe.session_event("checkout.session.completed", session_id)
    payload = orjson.dumps(event)
    attempts = [
        {},  # no Stripe-Signature at all
        {"Stripe-Signature": "garbage"},
        {"Stripe-Signature": sign(payload, secret="whsec_someone_else")},
        {"Stripe-Signature": sign(payload, timestamp=int(time.time()) - 6 * 60)},  # stale
        {"Stripe-Signature": sign(payload + b" ")},  # signed another body
    ]
    for headers in attempts:
        response = await stripe_client.post("/webhooks/stripe", content=payload, headers=headers)
        assert response.status_code == 400, response.text
        assert response.json()["error"] == "invalid_signature"
    assert await db.fetchval("SELECT count(*) FROM app.stripe_events") == 0
    assert (
        await db.fetchval("SELECT status FROM app.service_orders WHERE id = $1", order["id"])
        == "pending"
    )
    assert await db.fetchval("SELECT status FROM app.payments") == "pending"
    # A signature from four minutes ago is still inside the five-minute tolerance.
    fresh = await post_event(stripe_client, event, timestamp=int(time.time()) - 4 * 60)
    assert fresh.status_code == 200


async def test_one_event_delivered_ten_times_concurrently_pays_once(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    teacher, _, order, session_id = await _pending_checkout(stripe_client, make_user)
    payload = orjson.dumps(fake_stripe.session_event("checkout.session.completed", session_id))
    headers = {"Stripe-Signature": sign(payload), "Content-Type": "application/json"}

    responses = await asyncio.gather(
        *[
            stripe_client.post("/webhooks/stripe", content=payload, headers=headers)
            for _ in range(10)
        ]
    )

    assert [r.status_code for r in responses] == [200] * 10
    assert sum(1 for r in responses if not r.json()["duplicate"]) == 1
    assert await db.fetchval("SELECT count(*) FROM app.stripe_events") == 1
    assert await db.fetchval("SELECT count(*) FROM app.payments") == 1
    state = await _state(db, order["id"])
    assert state["order"]["status"] == "paid"
    assert state["payments"] == [{"status": "succeeded", "refunded_cents": 0, "has_intent": True}]
    assert (state["paid_notes"], state["receipts"]) == (1, 1)
    note_for = await db.fetchval("SELECT user_id FROM app.notifications WHERE kind = 'order_paid'")
    assert note_for == teacher.id


@pytest.mark.parametrize(
    "sequence",
    list(
        itertools.permutations(
            ["completed", "checkout.session.async_payment_succeeded", "charge.refunded"]
        )
    ),
    ids=lambda seq: ">".join(s.split(".")[-1] for s in seq),
)
async def test_every_order_of_payment_and_refund_events_ends_in_the_same_state(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db,
    sequence: tuple[str, ...],
) -> None:
    _, _, order, session_id = await _pending_checkout(stripe_client, make_user)
    # A delayed payment method: completed (unpaid), then async succeeded; then fully refunded.
    fake_stripe.complete(session_id, payment_status="unpaid")
    events = {
        "completed": fake_stripe.session_event(
            "checkout.session.completed", session_id, payment_status="unpaid"
        ),
        "checkout.session.async_payment_succeeded": fake_stripe.session_event(
            "checkout.session.async_payment_succeeded", session_id
        ),
        "charge.refunded": fake_stripe.charge_refunded_event(session_id, 79000),
    }
    for name in sequence:
        response = await post_event(stripe_client, events[name])
        assert response.status_code == 200, response.text
    # Stripe redelivers one of them later: nothing changes.
    assert (await post_event(stripe_client, events[sequence[0]])).json()["duplicate"] is True

    assert await _state(db, order["id"]) == {
        "order": {"status": "refunded", "refunded_cents": 79000, "paid": True},
        "payments": [{"status": "refunded", "refunded_cents": 79000, "has_intent": True}],
        "paid_notes": 1,
        "refund_notes": 1,
        "receipts": 1,
    }


async def test_completed_but_unpaid_stays_pending_until_the_async_payment_succeeds(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    _, buyer, order, session_id = await _pending_checkout(stripe_client, make_user)
    completed = fake_stripe.session_event(
        "checkout.session.completed", session_id, payment_status="unpaid"
    )
    assert (await post_event(stripe_client, completed)).status_code == 200
    got = await stripe_client.get(f"/orders/{order['id']}", headers=buyer.headers)
    assert got.json()["status"] == "pending"
    assert await db.fetchval("SELECT status FROM app.payments") == "processing"
    # While it is processing, no second checkout is started.
    again = await stripe_client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=buyer.headers
    )
    assert again.status_code == 409 and again.json()["error"] == "payment_processing"

    succeeded = fake_stripe.session_event("checkout.session.async_payment_succeeded", session_id)
    assert (await post_event(stripe_client, succeeded)).status_code == 200
    got = await stripe_client.get(f"/orders/{order['id']}", headers=buyer.headers)
    assert got.json()["status"] == "paid"
    assert await db.fetchval("SELECT status FROM app.payments") == "succeeded"


async def test_async_payment_failed_keeps_the_order_pending(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    _, _, order, session_id = await _pending_checkout(stripe_client, make_user)
    await post_event(
        stripe_client,
        fake_stripe.session_event(
            "checkout.session.completed", session_id, payment_status="unpaid"
        ),
    )
    failed = fake_stripe.session_event(
        "checkout.session.async_payment_failed", session_id, payment_status="unpaid"
    )
    assert (await post_event(stripe_client, failed)).json()["outcome"] == "processed"
    assert await db.fetchval("SELECT status FROM app.payments") == "failed"
    assert (
        await db.fetchval("SELECT status FROM app.service_orders WHERE id = $1", order["id"])
        == "pending"
    )


async def test_an_expired_checkout_cancels_the_pending_order(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    _, buyer, order, session_id = await _pending_checkout(stripe_client, make_user)
    expired = fake_stripe.session_event("checkout.session.expired", session_id)
    response = await post_event(stripe_client, expired)
    assert response.json()["detail"] == "checkout expired: order canceled"
    got = await stripe_client.get(f"/orders/{order['id']}", headers=buyer.headers)
    assert got.json()["status"] == "canceled"
    assert await db.fetchval("SELECT status FROM app.payments") == "expired"


async def test_payment_after_cancel_is_refunded_at_once(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    """The buyer canceled (the session expired at Stripe) yet a completed event arrives, e.g.
    from a payment that raced the cancel: the money goes straight back."""
    _, buyer, order, session_id = await _pending_checkout(stripe_client, make_user)
    await db.execute(
        "UPDATE app.service_orders SET status = 'canceled', canceled_at = now() WHERE id = $1",
        order["id"],
    )
    response = await post_event(
        stripe_client, fake_stripe.session_event("checkout.session.completed", session_id)
    )
    assert response.json()["detail"] == "paid after the order was canceled: refunded"
    [refund] = fake_stripe.calls("POST", "/v1/refunds")
    assert refund.params["amount"] == "79000"
    got = await stripe_client.get(f"/orders/{order['id']}", headers=buyer.headers)
    assert got.json()["status"] == "canceled"


async def test_unknown_types_and_unknown_orders_are_stored_and_answered_200(
    stripe_client: httpx.AsyncClient, fake_stripe: FakeStripe, db
) -> None:
    ignored = await post_event(
        stripe_client, fake_stripe.event("customer.created", {"id": "cus_1", "object": "customer"})
    )
    assert ignored.status_code == 200 and ignored.json()["outcome"] == "ignored"
    session = fake_stripe.fixtures["checkout.session"] | {
        "client_reference_id": "00000000-0000-0000-0000-000000000000",
        "payment_status": "paid",
    }
    unknown = await post_event(
        stripe_client, fake_stripe.event("checkout.session.completed", session)
    )
    assert unknown.status_code == 200 and unknown.json()["outcome"] == "unmatched"
    rows = await db.fetch("SELECT type, outcome FROM app.stripe_events ORDER BY received_at")
    assert [tuple(r) for r in rows] == [
        ("customer.created", "ignored"),
        ("checkout.session.completed", "unmatched"),
    ]


async def test_not_an_event_is_400(stripe_client: httpx.AsyncClient, db) -> None:
    payload = b'{"hello": "world"}'
    response = await stripe_client.post(
        "/webhooks/stripe", content=payload, headers={"Stripe-Signature": sign(payload)}
    )
    assert response.status_code == 400 and response.json()["error"] == "invalid_payload"
    assert await db.fetchval("SELECT count(*) FROM app.stripe_events") == 0
