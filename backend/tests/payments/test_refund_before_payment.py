"""A refund that arrives before the payment is recorded: charge.refunded before
checkout.session.completed, for a charge that carries no order metadata. The charge is matched
through its payment intent (Stripe is asked which checkout session made it), and an event that
could not be matched is applied as soon as the checkout's own event records the payment intent
(or by reconciliation), so a bought course ends refunded and not granted, whatever the order
of arrival and however often each event is delivered."""

import asyncio
import uuid
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.payments import jobs
from tests.conftest import Account, MakeUser
from tests.courses.helpers import build_course
from tests.marketplace_helpers import post_event
from tests.payments.fake_stripe import FakeStripe

PRICE = 69000


async def _course_checkout(
    client: httpx.AsyncClient, make_user: MakeUser
) -> tuple[Account, Any, dict[str, Any], str]:
    student = await make_user("student")
    course = await build_course(client, await make_user("teacher"), price_cents=PRICE)
    r = await client.post(
        "/orders", json={"item_kind": "course", "course_id": course.id}, headers=student.headers
    )
    assert r.status_code == 201, r.text
    order = r.json()
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=student.headers
    )
    assert session.status_code == 200, session.text
    return student, course, order, session.json()["session_id"]


def _events(fake_stripe: FakeStripe, session_id: str) -> dict[str, dict[str, Any]]:
    """The buyer paid and the whole amount went back: the charge carries no order metadata."""
    completed = fake_stripe.session_event("checkout.session.completed", session_id)
    refunded = fake_stripe.charge_refunded_event(session_id, PRICE, with_metadata=False)
    assert refunded["data"]["object"]["metadata"] == {}
    return {"completed": completed, "refunded": refunded}


async def _state(
    client: httpx.AsyncClient, db: asyncpg.Connection, student: Account, course: Any, order: Any
) -> dict[str, Any]:
    row = await db.fetchrow(
        "SELECT status, refunded_cents FROM app.service_orders WHERE id = $1",
        uuid.UUID(order["id"]),
    )
    lesson = await client.get(f"/lessons/{course.lesson_ids[0]}", headers=student.headers)
    counts = await db.fetchrow(
        """SELECT (SELECT count(*) FROM app.enrollments) AS enrollments,
                  (SELECT count(*) FROM app.notifications WHERE kind = 'order_paid') AS paid,
                  (SELECT count(*) FROM app.notifications WHERE kind = 'order_refunded')
                      AS refunded,
                  (SELECT count(*) FROM app.mail_outbox WHERE kind = 'receipt') AS receipts"""
    )
    payments = await db.fetch("SELECT status, refunded_cents, payment_intent_id FROM app.payments")
    return {
        "order": (row["status"], row["refunded_cents"]),
        "payments": [(p["status"], p["refunded_cents"], p["payment_intent_id"]) for p in payments],
        "lesson": lesson.status_code,
        **dict(counts),
    }


def _refunded(intent: str) -> dict[str, Any]:
    """The one end state: refunded, the course not granted (the paid event's receipt and
    notification, then the refund's, once each)."""
    return {
        "order": ("refunded", PRICE),
        "payments": [("refunded", PRICE, intent)],
        "lesson": 403,
        "enrollments": 0,
        "paid": 1,
        "refunded": 1,
        "receipts": 1,
    }


async def test_a_refund_before_the_payment_is_matched_through_stripe_and_wins(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    student, course, order, session_id = await _course_checkout(stripe_client, make_user)
    events = _events(fake_stripe, session_id)
    intent = events["refunded"]["data"]["object"]["payment_intent"]

    refunded = await post_event(stripe_client, events["refunded"])

    assert refunded.status_code == 200
    assert refunded.json() | {"received": True} == {
        "received": True,
        "duplicate": False,
        "outcome": "processed",
        "detail": f"refunded {PRICE} in total",
    }
    [asked] = fake_stripe.calls("GET", "/v1/checkout/sessions")
    assert asked.params["payment_intent"] == intent
    assert await _state(stripe_client, db, student, course, order) == _refunded(intent)

    completed = await post_event(stripe_client, events["completed"])

    assert completed.json()["outcome"] == "processed"
    assert completed.json()["detail"] == "order already refunded"
    assert await _state(stripe_client, db, student, course, order) == _refunded(intent)
    stored = await db.fetch("SELECT outcome, order_id FROM app.stripe_events")
    assert {(r["outcome"], str(r["order_id"])) for r in stored} == {("processed", order["id"])}


@pytest.mark.parametrize(
    "sequence",
    [
        ("completed", "refunded"),
        ("refunded", "completed"),
        ("refunded", "refunded", "completed", "completed"),
        ("completed", "refunded", "completed", "refunded"),
        ("refunded", "completed", "refunded"),
    ],
    ids=lambda seq: ">".join(seq),
)
async def test_every_order_of_arrival_ends_refunded_without_the_course(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db,
    sequence: tuple[str, ...],
) -> None:
    student, course, order, session_id = await _course_checkout(stripe_client, make_user)
    events = _events(fake_stripe, session_id)
    seen: set[str] = set()
    for name in sequence:
        response = await post_event(stripe_client, events[name])
        assert response.status_code == 200, response.text
        assert response.json()["duplicate"] is (name in seen)
        assert response.json()["outcome"] == "processed"
        seen.add(name)

    intent = events["refunded"]["data"]["object"]["payment_intent"]
    assert await _state(stripe_client, db, student, course, order) == _refunded(intent)


async def test_the_refund_and_the_payment_delivered_at_once_end_refunded(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    """Both events at the same moment, each twice: the order row lock makes them take turns,
    and whichever goes second finds what the first recorded."""
    student, course, order, session_id = await _course_checkout(stripe_client, make_user)
    events = _events(fake_stripe, session_id)
    names = ["refunded", "completed", "refunded", "completed"]

    responses = await asyncio.gather(*[post_event(stripe_client, events[n]) for n in names])

    assert [r.status_code for r in responses] == [200] * 4
    assert sum(1 for r in responses if not r.json()["duplicate"]) == 2
    intent = events["refunded"]["data"]["object"]["payment_intent"]
    assert await _state(stripe_client, db, student, course, order) == _refunded(intent)
    outcomes = await db.fetch("SELECT outcome FROM app.stripe_events")
    assert [r["outcome"] for r in outcomes] == ["processed", "processed"]


async def test_an_unmatched_refund_is_applied_when_the_payment_arrives(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    """Stripe does not answer when the refund arrives: it is kept unmatched, and applied in
    the same transaction as the completed event that records its payment intent."""
    student, course, order, session_id = await _course_checkout(stripe_client, make_user)
    events = _events(fake_stripe, session_id)
    fake_stripe.delay("/v1/checkout/sessions", seconds=3, times=3)  # longer than we wait

    early = await post_event(stripe_client, events["refunded"])

    assert early.status_code == 200
    assert (early.json()["outcome"], early.json()["detail"]) == ("unmatched", "no such payment")
    assert (await _state(stripe_client, db, student, course, order))["order"] == ("pending", 0)

    completed = await post_event(stripe_client, events["completed"])

    assert completed.json()["detail"] == "order paid; 1 earlier unmatched event(s) applied"
    intent = events["refunded"]["data"]["object"]["payment_intent"]
    assert await _state(stripe_client, db, student, course, order) == _refunded(intent)
    stored = await db.fetchrow(
        "SELECT outcome, detail, order_id FROM app.stripe_events WHERE id = $1",
        events["refunded"]["id"],
    )
    assert stored["outcome"] == "processed"
    assert stored["detail"] == f"applied late: refunded {PRICE} in total"
    assert str(stored["order_id"]) == order["id"]
    # Delivered again, both are duplicates; nothing changes.
    for name in ("refunded", "completed"):
        assert (await post_event(stripe_client, events[name])).json()["duplicate"] is True
    assert await _state(stripe_client, db, student, course, order) == _refunded(intent)


async def test_a_payment_intent_no_checkout_session_names_is_matched_by_its_metadata(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    student, course, order, session_id = await _course_checkout(stripe_client, make_user)
    events = _events(fake_stripe, session_id)
    intent = events["refunded"]["data"]["object"]["payment_intent"]
    fake_stripe.sessions[session_id]["payment_intent"] = None  # the list finds no session

    refunded = await post_event(stripe_client, events["refunded"])

    assert refunded.json()["outcome"] == "processed"
    assert len(fake_stripe.calls("GET", "/v1/checkout/sessions")) == 1
    assert len(fake_stripe.calls("GET", f"/v1/payment_intents/{intent}")) >= 1
    await post_event(stripe_client, events["completed"])
    assert await _state(stripe_client, db, student, course, order) == _refunded(intent)


async def test_a_refund_before_the_payment_of_a_canceled_order_asks_for_no_second_refund(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    """The order was canceled while the buyer paid, and the money went back already (the
    Dashboard): the payment is recorded, nothing more is asked of Stripe (it would refuse a
    second refund of a refunded charge, and the event would fail for ever)."""
    student, course, order, session_id = await _course_checkout(stripe_client, make_user)
    events = _events(fake_stripe, session_id)
    await db.execute(
        "UPDATE app.service_orders SET status = 'canceled', canceled_at = now() WHERE id = $1",
        uuid.UUID(order["id"]),
    )

    for name in ("refunded", "completed"):
        response = await post_event(stripe_client, events[name])
        assert response.json()["outcome"] == "processed", response.text

    assert fake_stripe.calls("POST", "/v1/refunds") == []
    intent = events["refunded"]["data"]["object"]["payment_intent"]
    state = await _state(stripe_client, db, student, course, order)
    assert state["order"] == ("canceled", PRICE)
    assert state["payments"] == [("refunded", PRICE, intent)]
    assert (state["enrollments"], state["lesson"], state["receipts"]) == (0, 403, 0)


async def test_a_charge_stripe_does_not_know_stays_unmatched(
    stripe_app: FastAPI,
    stripe_settings: Settings,
    stripe_client: httpx.AsyncClient,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    charge = fake_stripe.fixtures["charge"] | {
        "id": "ch_elsewhere",
        "payment_intent": "pi_elsewhere",
        "amount_refunded": 100,
        "metadata": {},
    }
    response = await post_event(stripe_client, fake_stripe.event("charge.refunded", charge))
    assert (response.json()["outcome"], response.json()["detail"]) == (
        "unmatched",
        "no such payment",
    )
    assert len(fake_stripe.calls("GET", "/v1/payment_intents/pi_elsewhere")) == 1
    fake_stripe.events.clear()

    async with stripe_app.state.pool.acquire() as conn:
        result = await jobs.run_once(conn, stripe_settings)

    assert (result.unmatched_retried, result.unmatched_applied, result.failed) == (1, 0, 0)
    assert await db.fetchval("SELECT outcome FROM app.stripe_events") == "unmatched"


async def test_reconciliation_applies_an_unmatched_refund_whose_payment_event_never_came(
    stripe_app: FastAPI,
    stripe_settings: Settings,
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    student, course, order, session_id = await _course_checkout(stripe_client, make_user)
    events = _events(fake_stripe, session_id)
    fake_stripe.delay("/v1/checkout/sessions", seconds=3, times=3)
    assert (await post_event(stripe_client, events["refunded"])).json()["outcome"] == "unmatched"
    fake_stripe.events.clear()  # the completed event is lost, and not in Stripe's list either

    async with stripe_app.state.pool.acquire() as conn:
        result = await jobs.run_once(conn, stripe_settings)

    assert (result.unmatched_retried, result.unmatched_applied, result.failed) == (1, 1, 0)
    intent = events["refunded"]["data"]["object"]["payment_intent"]
    assert await _state(stripe_client, db, student, course, order) == _refunded(intent)
    assert await db.fetchval("SELECT outcome FROM app.stripe_events") == "processed"
    async with stripe_app.state.pool.acquire() as conn:
        again = await jobs.run_once(conn, stripe_settings)
    assert again.unmatched_retried == 0
    # The completed event, arriving at last, changes nothing.
    assert (await post_event(stripe_client, events["completed"])).json()["detail"] == (
        "order already refunded"
    )
    assert await _state(stripe_client, db, student, course, order) == _refunded(intent)
