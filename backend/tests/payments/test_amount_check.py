"""A validly signed payment event whose amount or currency differs from its order is recorded,
never fulfils the order, is flagged for an admin (audit log, admin order view) and answered 200
so the provider stops retrying."""

import time
import uuid
from typing import Any

import asyncpg
import httpx
import orjson

from app.config import Settings
from app.payments.webhooks import signature_header
from tests.conftest import Account, MakeUser
from tests.courses.helpers import build_course
from tests.marketplace_helpers import post_event
from tests.payments.fake_stripe import FakeStripe

PRICE = 69000


async def _course_checkout(
    client: httpx.AsyncClient, make_user: MakeUser
) -> tuple[Account, Account, Any, dict[str, Any], str]:
    teacher = await make_user("teacher")
    student = await make_user("student")
    course = await build_course(client, teacher, price_cents=PRICE)
    r = await client.post(
        "/orders", json={"item_kind": "course", "course_id": course.id}, headers=student.headers
    )
    assert r.status_code == 201, r.text
    order = r.json()
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=student.headers
    )
    assert session.status_code == 200, session.text
    return teacher, student, course, order, session.json()["session_id"]


async def _admin_view(client: httpx.AsyncClient, admin: Account, **params: str) -> list[Any]:
    r = await client.get("/admin/orders", params=params, headers=admin.headers)
    assert r.status_code == 200, r.text
    items: list[Any] = r.json()["items"]
    return items


async def _assert_not_fulfilled(
    client: httpx.AsyncClient, db: asyncpg.Connection, student: Account, course: Any, order: Any
) -> None:
    got = await client.get(f"/orders/{order['id']}", headers=student.headers)
    assert got.json()["status"] == "pending"
    assert got.json()["paid_at"] is None
    assert await db.fetchval("SELECT count(*) FROM app.enrollments") == 0
    lesson = await client.get(f"/lessons/{course.lesson_ids[0]}", headers=student.headers)
    assert lesson.status_code == 403
    assert await db.fetchval("SELECT count(*) FROM app.mail_outbox WHERE kind = 'receipt'") == 0
    assert (
        await db.fetchval("SELECT count(*) FROM app.notifications WHERE kind = 'order_paid'") == 0
    )


async def test_a_completed_checkout_for_less_than_the_order_is_flagged_not_fulfilled(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    _, student, course, order, session_id = await _course_checkout(stripe_client, make_user)
    admin = await make_user("admin")
    event = fake_stripe.session_event("checkout.session.completed", session_id)
    event["data"]["object"]["amount_total"] = 7000  # 70 kr for a 690 kr course

    response = await post_event(stripe_client, event)

    assert response.status_code == 200, response.text
    assert response.json()["outcome"] == "processed"
    assert "flagged for an admin" in response.json()["detail"]
    await _assert_not_fulfilled(stripe_client, db, student, course, order)
    payment = await db.fetchrow("SELECT status, meta, payment_intent_id FROM app.payments")
    assert payment["status"] == "mismatched"
    assert (payment["meta"]["received_amount"], payment["meta"]["received_currency"]) == (
        7000,
        "sek",
    )
    assert payment["payment_intent_id"] is not None  # the money can be found at Stripe
    # The admin sees it: in the audit log, and in the order search with its reason.
    entries = await db.fetch("SELECT * FROM app.audit_log WHERE action = 'payment.amount_mismatch'")
    assert len(entries) == 1
    assert entries[0]["object_id"] == order["id"]
    assert entries[0]["subject_user_id"] == student.id
    assert entries[0]["meta"]["received_amount"] == 7000
    audit = await stripe_client.get(
        "/admin/audit-log", params={"action": "payment.amount_mismatch"}, headers=admin.headers
    )
    assert [e["object_id"] for e in audit.json()["items"]] == [order["id"]]
    flagged = await _admin_view(stripe_client, admin, flagged="true")
    assert [o["id"] for o in flagged] == [order["id"]]
    assert flagged[0]["payment_issue"] == "Paid 7000 SEK, but the order is 69000 SEK"
    assert await _admin_view(stripe_client, admin, flagged="false") == []
    one = await stripe_client.get(f"/orders/{order['id']}", headers=admin.headers)
    assert one.json()["payment_issue"] == "Paid 7000 SEK, but the order is 69000 SEK"

    # Stripe redelivers, or sends the same session again in another event: still one flag,
    # still nothing fulfilled.
    assert (await post_event(stripe_client, event)).json()["duplicate"] is True
    again = fake_stripe.event("checkout.session.async_payment_succeeded", event["data"]["object"])
    assert (await post_event(stripe_client, again)).status_code == 200
    assert (
        await db.fetchval(
            "SELECT count(*) FROM app.audit_log WHERE action = 'payment.amount_mismatch'"
        )
        == 1
    )
    await _assert_not_fulfilled(stripe_client, db, student, course, order)
    # The buyer cannot start another checkout of the flagged order.
    r = await stripe_client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=student.headers
    )
    assert r.status_code == 409 and r.json()["error"] == "payment_under_review"


async def test_a_payment_in_another_currency_is_flagged(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    _, student, course, order, session_id = await _course_checkout(stripe_client, make_user)
    event = fake_stripe.session_event("checkout.session.completed", session_id)
    event["data"]["object"]["currency"] = "eur"  # 690 EUR is not 690 SEK, either way

    response = await post_event(stripe_client, event)

    assert response.status_code == 200
    await _assert_not_fulfilled(stripe_client, db, student, course, order)
    assert await db.fetchval("SELECT status FROM app.payments") == "mismatched"
    issue = await db.fetchval(
        "SELECT payment_issue FROM app.service_orders WHERE id = $1", uuid.UUID(order["id"])
    )
    assert issue == "Paid 69000 EUR, but the order is 69000 SEK"


async def test_a_refund_event_of_an_unpaid_order_for_another_amount_does_not_pay_it(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    """charge.refunded settles a payment whose paid events are late; a charge of another
    amount must not settle it."""
    _, student, course, order, session_id = await _course_checkout(stripe_client, make_user)
    event = fake_stripe.charge_refunded_event(session_id, 100)
    event["data"]["object"]["amount"] = 7000

    response = await post_event(stripe_client, event)

    assert response.status_code == 200
    assert "flagged for an admin" in response.json()["detail"]
    await _assert_not_fulfilled(stripe_client, db, student, course, order)
    row = await db.fetchrow("SELECT status, refunded_cents FROM app.service_orders")
    assert (row["status"], row["refunded_cents"]) == ("pending", 0)
    assert await db.fetchval("SELECT status FROM app.payments") == "mismatched"


async def test_the_right_amount_still_pays(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    _, student, _course, order, session_id = await _course_checkout(stripe_client, make_user)
    event = fake_stripe.session_event("checkout.session.completed", session_id)
    assert event["data"]["object"]["amount_total"] == PRICE
    assert (await post_event(stripe_client, event)).json()["detail"] == "order paid"
    got = await stripe_client.get(f"/orders/{order['id']}", headers=student.headers)
    assert got.json()["status"] == "fulfilled" and got.json()["payment_issue"] is None
    assert await db.fetchval("SELECT count(*) FROM app.enrollments") == 1


async def test_an_event_signed_with_the_dummy_secret_for_less_does_not_grant_the_course(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection, settings: Settings
) -> None:
    """The report's case: the dummy provider's webhook secret is public, so anyone can sign a
    completed checkout; paying 70 kr for a 690 kr course must not enroll."""
    _, student, course, order, session_id = await _course_checkout(client, make_user)
    event = {
        "id": "evt_forged_1",
        "object": "event",
        "type": "checkout.session.completed",
        "created": int(time.time()),
        "livemode": False,
        "data": {
            "object": {
                "id": session_id,
                "object": "checkout.session",
                "amount_total": 7000,
                "currency": "sek",
                "client_reference_id": order["id"],
                "metadata": {"order_id": order["id"], "attempt": "1"},
                "payment_intent": "pi_forged",
                "payment_status": "paid",
                "status": "complete",
            }
        },
    }
    payload = orjson.dumps(event)
    response = await client.post(
        "/webhooks/stripe",
        content=payload,
        headers={"Stripe-Signature": signature_header(payload, settings.dummy_webhook_secret)},
    )
    assert response.status_code == 200, response.text
    assert response.json()["outcome"] == "processed"
    await _assert_not_fulfilled(client, db, student, course, order)
    assert await db.fetchval(
        "SELECT payment_issue FROM app.service_orders WHERE id = $1", uuid.UUID(order["id"])
    ) == ("Paid 7000 SEK, but the order is 69000 SEK")
