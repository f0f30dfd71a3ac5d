"""The whole purchase against the local fake of Stripe's API: Checkout Session, webhooks,
receipt, refunds; idempotent retries; other people's orders stay invisible."""

import asyncio
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import httpx
from fastapi import FastAPI

from app.config import Settings
from app.mail.service import build_message
from tests.conftest import Account, MakeUser
from tests.marketplace_helpers import place_order, post_event, published_service
from tests.payments.fake_stripe import FakeStripe


@contextmanager
def changed_settings(app: FastAPI, **changes: object) -> Iterator[None]:
    """The app's settings with a few changes, for one test."""
    original = app.state.settings
    app.state.settings = original.model_copy(update=changes)
    try:
        yield
    finally:
        app.state.settings = original


async def _session(client: httpx.AsyncClient, buyer: Account, order_id: str) -> httpx.Response:
    return await client.post(
        "/payments/stripe/create-session", json={"order_id": order_id}, headers=buyer.headers
    )


async def test_create_session_requires_sign_in(stripe_client: httpx.AsyncClient) -> None:
    response = await stripe_client.post(
        "/payments/stripe/create-session", json={"order_id": str(uuid.uuid4())}
    )
    assert response.status_code == 401


async def test_other_users_order_is_404_on_every_order_and_payment_endpoint(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    stranger = await make_user("student")
    service = await published_service(stripe_client, teacher)
    order = await place_order(stripe_client, buyer, service["id"])
    oid = order["id"]
    calls = [
        stripe_client.get(f"/orders/{oid}", headers=stranger.headers),
        stripe_client.post(f"/orders/{oid}/cancel", headers=stranger.headers),
        stripe_client.post(f"/orders/{oid}/fulfil", headers=stranger.headers),
        stripe_client.post(f"/orders/{oid}/refund", json={}, headers=stranger.headers),
        stripe_client.get(f"/orders/{oid}/receipt", headers=stranger.headers),
        stripe_client.get(f"/orders/{oid}/payments", headers=stranger.headers),
        _session(stripe_client, stranger, oid),
    ]
    for call in calls:
        response = await call
        assert response.status_code == 404, response.text
    assert fake_stripe.calls("POST", "/v1/checkout/sessions") == []
    # The seller sees the order but cannot pay for it.
    assert (await _session(stripe_client, teacher, oid)).status_code == 403


async def test_whole_purchase_with_receipt_and_refunds(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db,
    settings: Settings,
) -> None:
    teacher = await make_user("teacher", "Johan Ek")
    buyer = await make_user("student", "Maja Berg")
    service = await published_service(stripe_client, teacher)
    order = await place_order(stripe_client, buyer, service["id"])
    assert order["status"] == "pending" and order["amount_cents"] == 79000

    response = await _session(stripe_client, buyer, order["id"])
    assert response.status_code == 200, response.text
    session = response.json()
    assert session["provider"] == "stripe"
    assert session["checkout_url"].startswith("https://checkout.stripe.com/c/pay/cs_test_")

    [call] = fake_stripe.calls("POST", "/v1/checkout/sessions")
    params = call.params
    assert params["mode"] == "payment"
    assert params["payment_method_types"] == ["card", "klarna"]
    assert params["line_items"][0]["price_data"]["currency"] == "sek"
    assert params["line_items"][0]["price_data"]["unit_amount"] == "79000"
    assert params["client_reference_id"] == order["id"]
    assert params["metadata"]["order_id"] == order["id"]
    assert params["payment_intent_data"]["metadata"]["order_id"] == order["id"]
    assert "transfer_data" not in params["payment_intent_data"]
    assert call.headers["idempotency-key"] == f"wisdom-checkout-{order['id']}-1"
    expires = int(params["expires_at"]) - datetime.now(UTC).timestamp()
    assert 30 * 60 < expires < 35 * 60
    assert params["success_url"].startswith("http://127.0.0.1:8000/payments/checkout/success")
    assert "{CHECKOUT_SESSION_ID}" in params["success_url"]
    payment = await db.fetchrow("SELECT * FROM app.payments")
    assert payment["provider"] == "stripe" and payment["status"] == "pending"
    assert payment["provider_ref"] == session["session_id"]

    # Asking again while the session is open gives the same session, without calling Stripe.
    again = await _session(stripe_client, buyer, order["id"])
    assert again.json()["session_id"] == session["session_id"]
    assert len(fake_stripe.calls("POST", "/v1/checkout/sessions")) == 1

    fake_stripe.payment_method_type = "klarna"
    paid = await post_event(
        stripe_client,
        fake_stripe.session_event("checkout.session.completed", session["session_id"]),
    )
    assert paid.status_code == 200 and paid.json()["outcome"] == "processed"
    got = (await stripe_client.get(f"/orders/{order['id']}", headers=buyer.headers)).json()
    assert got["status"] == "paid" and got["payment_method"] == "klarna"
    payment = await db.fetchrow("SELECT * FROM app.payments")
    assert payment["status"] == "succeeded" and payment["payment_intent_id"].startswith("pi_")
    note = await db.fetchrow("SELECT user_id, kind FROM app.notifications")
    assert (note["user_id"], note["kind"]) == (teacher.id, "order_paid")

    mail = await db.fetchrow("SELECT * FROM app.mail_outbox WHERE kind = 'receipt'")
    assert mail["to_address"] == buyer.email
    assert str(order["order_number"]) in mail["subject"]
    assert "varav moms 25 %: 158,00 kr" in mail["body_text"]
    assert "Betalsätt: Klarna" in mail["body_text"]
    assert "Säljare: Johan Ek" in mail["body_text"]
    # The webhook stores what the receipt shows; its PDF is made when the mail is delivered.
    [attached] = mail["attachments"]
    assert attached["content_type"] == "application/pdf" and "content_b64" not in attached
    assert attached["render"] == "receipt_pdf"
    assert attached["data"]["order"]["id"] == order["id"]
    [part] = build_message(settings, mail).iter_attachments()
    assert part.get_filename() == f"kvitto-{order['order_number']}.pdf"
    assert part.get_content_type() == "application/pdf"
    assert part.get_payload(decode=True).startswith(b"%PDF-")

    pdf = await stripe_client.get(f"/orders/{order['id']}/receipt", headers=buyer.headers)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")

    # Refunds: the buyer may not; the seller asks Stripe; the webhook confirms.
    denied = await stripe_client.post(
        f"/orders/{order['id']}/refund", json={"amount_cents": 100}, headers=buyer.headers
    )
    assert denied.status_code == 403
    too_much = await stripe_client.post(
        f"/orders/{order['id']}/refund", json={"amount_cents": 80000}, headers=teacher.headers
    )
    assert too_much.status_code == 409
    partial = await stripe_client.post(
        f"/orders/{order['id']}/refund", json={"amount_cents": 29000}, headers=teacher.headers
    )
    assert partial.status_code == 202, partial.text
    [refund_call] = fake_stripe.calls("POST", "/v1/refunds")
    assert refund_call.params["amount"] == "29000"
    assert refund_call.params["payment_intent"] == payment["payment_intent_id"]
    assert refund_call.headers["idempotency-key"] == f"wisdom-refund-{order['id']}-1"
    still = (await stripe_client.get(f"/orders/{order['id']}", headers=buyer.headers)).json()
    assert still["status"] == "paid"  # until Stripe confirms

    confirmed = await post_event(
        stripe_client, fake_stripe.charge_refunded_event(session["session_id"], 29000)
    )
    assert confirmed.status_code == 200
    got = (await stripe_client.get(f"/orders/{order['id']}", headers=buyer.headers)).json()
    assert got["status"] == "partially_refunded" and got["refunded_cents"] == 29000
    refund_row = await db.fetchrow("SELECT status, amount_cents FROM app.refunds")
    assert dict(refund_row) == {"status": "succeeded", "amount_cents": 29000}

    # An admin refunds the rest (no amount: everything left).
    admin = await make_user("admin")
    rest = await stripe_client.post(f"/orders/{order['id']}/refund", json={}, headers=admin.headers)
    assert rest.status_code == 202 and rest.json()["amount_cents"] == 50000
    await post_event(stripe_client, fake_stripe.charge_refunded_event(session["session_id"], 79000))
    got = (await stripe_client.get(f"/orders/{order['id']}", headers=buyer.headers)).json()
    assert got["status"] == "refunded" and got["refunded_cents"] == 79000
    nothing_left = await stripe_client.post(
        f"/orders/{order['id']}/refund", json={}, headers=teacher.headers
    )
    assert nothing_left.status_code == 409
    kinds = [r["kind"] for r in await db.fetch("SELECT kind FROM app.notifications ORDER BY id")]
    assert kinds == ["order_paid", "order_refunded", "order_refunded"]
    audit = await db.fetchval(
        "SELECT count(*) FROM app.audit_log WHERE action = 'order.refund_requested'"
    )
    assert audit == 2


async def test_destination_charge_when_the_teacher_has_an_active_connected_account(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    await db.execute(
        """INSERT INTO app.teacher_payout_methods (teacher_id, account_id, charges_enabled,
                                                   payouts_enabled, details_submitted)
           VALUES ($1, 'acct_teacher1', true, true, true)""",
        teacher.id,
    )
    service = await published_service(stripe_client, teacher, price_cents=50000)
    order = await place_order(stripe_client, buyer, service["id"])
    assert (await _session(stripe_client, buyer, order["id"])).status_code == 200
    [call] = fake_stripe.calls("POST", "/v1/checkout/sessions")
    intent = call.params["payment_intent_data"]
    assert intent["application_fee_amount"] == "5000"  # platform_fee_bps 1000 = 10 %
    assert intent["transfer_data"] == {"destination": "acct_teacher1"}
    payment = await db.fetchrow("SELECT platform_fee_cents, destination_account FROM app.payments")
    assert dict(payment) == {"platform_fee_cents": 5000, "destination_account": "acct_teacher1"}


async def test_swish_can_be_switched_on(
    stripe_client: httpx.AsyncClient,
    stripe_app: FastAPI,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
) -> None:
    with changed_settings(stripe_app, stripe_payment_method_types="card,klarna,swish"):
        await _buy_with_swish(stripe_client, make_user, fake_stripe)


async def _buy_with_swish(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(stripe_client, teacher)
    order = await place_order(stripe_client, buyer, service["id"])
    assert (await _session(stripe_client, buyer, order["id"])).status_code == 200
    [call] = fake_stripe.calls("POST", "/v1/checkout/sessions")
    assert call.params["payment_method_types"] == ["card", "klarna", "swish"]


async def test_a_timed_out_create_is_retried_with_the_same_key_and_makes_one_session(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    """The SDK times out (1 s) on the first answer, retries with the same Idempotency-Key and
    gets the session Stripe already made."""
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(stripe_client, teacher)
    order = await place_order(stripe_client, buyer, service["id"])
    fake_stripe.delay("/v1/checkout/sessions", seconds=2.5)

    response = await _session(stripe_client, buyer, order["id"])

    assert response.status_code == 200, response.text
    calls = fake_stripe.calls("POST", "/v1/checkout/sessions")
    assert len(calls) == 2
    assert {c.headers["idempotency-key"] for c in calls} == {f"wisdom-checkout-{order['id']}-1"}
    assert len(fake_stripe.sessions) == 1
    assert response.json()["session_id"] == next(iter(fake_stripe.sessions))
    assert await db.fetchval("SELECT count(*) FROM app.payments") == 1


async def test_a_retried_create_session_after_a_timeout_creates_one_session(
    stripe_client: httpx.AsyncClient,
    stripe_app: FastAPI,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db,
) -> None:
    """Without SDK retries the API answers 502; the app's retry sends the very same request
    (same key, same expiry) and gets the session the first call made."""
    with changed_settings(stripe_app, stripe_max_network_retries=0):
        await _retry_after_timeout(stripe_client, make_user, fake_stripe, db)


async def _retry_after_timeout(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(stripe_client, teacher)
    order = await place_order(stripe_client, buyer, service["id"])
    fake_stripe.delay("/v1/checkout/sessions", seconds=2.0)

    first = await _session(stripe_client, buyer, order["id"])
    assert first.status_code == 502
    assert first.json()["error"] == "payment_provider_unavailable"
    assert await db.fetchval("SELECT count(*) FROM app.payments") == 0

    second = await _session(stripe_client, buyer, order["id"])
    assert second.status_code == 200, second.text
    calls = fake_stripe.calls("POST", "/v1/checkout/sessions")
    assert len(calls) == 2 and calls[0].params == calls[1].params
    assert len(fake_stripe.sessions) == 1
    assert second.json()["session_id"] == next(iter(fake_stripe.sessions))
    assert await db.fetchval("SELECT count(*) FROM app.payments") == 1


async def test_concurrent_create_session_calls_make_one_session(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(stripe_client, teacher)
    order = await place_order(stripe_client, buyer, service["id"])
    responses = await asyncio.gather(
        *[_session(stripe_client, buyer, order["id"]) for _ in range(5)]
    )
    assert {r.status_code for r in responses} == {200}
    assert len({r.json()["session_id"] for r in responses}) == 1
    assert len(fake_stripe.sessions) == 1
    assert await db.fetchval("SELECT count(*) FROM app.payments") == 1


async def test_cancel_expires_the_open_session_and_a_paid_order_cannot_be_paid_again(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(stripe_client, teacher)
    order = await place_order(stripe_client, buyer, service["id"])
    session = (await _session(stripe_client, buyer, order["id"])).json()
    canceled = await stripe_client.post(f"/orders/{order['id']}/cancel", headers=buyer.headers)
    assert canceled.status_code == 200 and canceled.json()["status"] == "canceled"
    assert fake_stripe.sessions[session["session_id"]]["status"] == "expired"
    assert await db.fetchval("SELECT status FROM app.payments") == "expired"
    again = await _session(stripe_client, buyer, order["id"])
    assert again.status_code == 409 and again.json()["error"] == "order_not_pending"


async def test_a_checkout_completed_before_cancel_refuses_the_cancel(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(stripe_client, teacher)
    order = await place_order(stripe_client, buyer, service["id"])
    session = (await _session(stripe_client, buyer, order["id"])).json()
    fake_stripe.complete(session["session_id"])  # paid at Stripe, webhook not yet here
    canceled = await stripe_client.post(f"/orders/{order['id']}/cancel", headers=buyer.headers)
    assert canceled.status_code == 409 and canceled.json()["error"] == "payment_processing"
