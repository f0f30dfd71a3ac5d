"""Validly signed provider events with values no real event has (an id longer than the event
table holds or with a NUL in it, a `created` past year 9999, an attempt number of twelve digits,
an amount beyond integer or below the platform fee) are answered 4xx and store nothing, or are
recorded without fulfilling anything; never a 500. Also the checkout's cancel link with a
signature of non-ASCII characters."""

import json
import uuid
from typing import Any

import asyncpg
import httpx
import pytest

from tests.conftest import Account, MakeUser
from tests.marketplace_helpers import place_order, post_event, published_service
from tests.payments.fake_stripe import FakeStripe, sign


async def _checkout(client: httpx.AsyncClient, make_user: MakeUser) -> tuple[Account, Any, str]:
    teacher = await make_user("teacher")
    student = await make_user("student")
    service = await published_service(client, teacher)
    order = await place_order(client, student, service["id"])
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=student.headers
    )
    assert session.status_code == 200, session.text
    return student, order, session.json()["session_id"]


async def _nothing_happened(db: asyncpg.Connection, order: Any) -> None:
    assert await db.fetchval("SELECT count(*) FROM app.stripe_events") == 0
    status = await db.fetchval(
        "SELECT status FROM app.service_orders WHERE id = $1", uuid.UUID(order["id"])
    )
    assert status == "pending"


async def _post_raw(client: httpx.AsyncClient, event: dict[str, Any]) -> httpx.Response:
    """Like post_event, for values orjson cannot write (integers past 64 bits)."""
    payload = json.dumps(event).encode()
    return await client.post(
        "/webhooks/stripe",
        content=payload,
        headers={"Stripe-Signature": sign(payload), "Content-Type": "application/json"},
    )


async def test_an_over_long_or_nul_bearing_event_id_is_refused_and_nothing_is_stored(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    _, order, session_id = await _checkout(stripe_client, make_user)
    event = fake_stripe.session_event("checkout.session.completed", session_id)
    for event_id, status, code in (
        ("evt_" + "x" * 300, 400, "invalid_payload"),
        ("evt_\u0000abc", 422, "validation_error"),
        ("evt with spaces", 400, "invalid_payload"),
        ("", 400, "invalid_payload"),
    ):
        r = await post_event(stripe_client, {**event, "id": event_id})
        assert r.status_code == status, (event_id, r.text)
        assert r.json()["error"] == code and r.json()["detail"]
    await _nothing_happened(db, order)
    # The real event still pays the order.
    r = await post_event(stripe_client, event)
    assert r.status_code == 200 and r.json()["outcome"] == "processed"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("created",), 10**15),  # some 31 million years from now
        (("created",), 2**63),
        (("created",), -1),
        (("data", "object", "metadata", "attempt"), "999999999999"),
        (("data", "object", "metadata", "attempt"), "\u00b2"),  # a digit to str.isdigit()
        (("data", "object", "amount_total"), 2**31),
        (("data", "object", "expires_at"), 10**15),
        (("data", "object", "id"), None),
        (("data", "object", "id"), "cs_" + "x" * 300),
    ],
)
async def test_absurd_values_in_a_signed_event_are_400_and_nothing_is_stored(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
    path: tuple[str, ...],
    value: object,
) -> None:
    _, order, session_id = await _checkout(stripe_client, make_user)
    event = fake_stripe.session_event("checkout.session.completed", session_id)
    node = event
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    r = await _post_raw(stripe_client, event)
    assert r.status_code == 400, r.text
    assert r.json()["error"] == "invalid_payload"
    assert ".".join(path) in r.json()["detail"]
    await _nothing_happened(db, order)


async def test_a_refund_total_beyond_integer_is_400(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    _, order, session_id = await _checkout(stripe_client, make_user)
    paid = fake_stripe.session_event("checkout.session.completed", session_id)
    assert (await post_event(stripe_client, paid)).status_code == 200
    refund = fake_stripe.charge_refunded_event(session_id, 1000)
    refund["data"]["object"]["amount_refunded"] = 2**40
    r = await _post_raw(stripe_client, refund)
    assert r.status_code == 400 and r.json()["error"] == "invalid_payload"
    row = await db.fetchrow(
        "SELECT status, refunded_cents FROM app.service_orders WHERE id = $1",
        uuid.UUID(order["id"]),
    )
    assert dict(row) == {"status": "paid", "refunded_cents": 0}


async def test_a_provider_amount_below_the_platform_fee_is_recorded_not_fulfilled(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    _, order, session_id = await _checkout(stripe_client, make_user)
    event = fake_stripe.session_event("checkout.session.completed", session_id)
    event["data"]["object"]["amount_total"] = 1  # 1 öre: less than the platform's fee
    r = await post_event(stripe_client, event)
    assert r.status_code == 200, r.text
    assert "flagged for an admin" in r.json()["detail"]
    payment = await db.fetchrow("SELECT status, amount_cents, platform_fee_cents FROM app.payments")
    assert payment["status"] == "mismatched"
    assert payment["platform_fee_cents"] <= payment["amount_cents"] == order["amount_cents"]
    status = await db.fetchval(
        "SELECT status FROM app.service_orders WHERE id = $1", uuid.UUID(order["id"])
    )
    assert status == "pending"


async def test_a_cancel_link_with_a_non_ascii_signature_is_a_page_not_a_500(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    _, order, _ = await _checkout(stripe_client, make_user)
    r = await stripe_client.get(
        "/payments/checkout/canceled",
        params={"order_id": order["id"], "attempt": "1", "release": "°\u0082iä"},
    )
    assert r.status_code == 200 and "avbröts" in r.text
    status = await db.fetchval(
        "SELECT status FROM app.service_orders WHERE id = $1", uuid.UUID(order["id"])
    )
    assert status == "pending"
