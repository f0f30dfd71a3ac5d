"""The dummy provider (no STRIPE_SECRET_KEY): a purchase end to end, offline."""

import httpx

from tests.conftest import MakeUser
from tests.marketplace_helpers import pay_with_dummy, place_order, published_service


async def test_dummy_checkout_pays_an_order_end_to_end(
    client: httpx.AsyncClient, make_user: MakeUser, db
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    order = await place_order(client, buyer, service["id"])

    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=buyer.headers
    )
    assert session.status_code == 200, session.text
    body = session.json()
    assert body["provider"] == "dummy"
    assert body["checkout_url"].endswith(f"/payments/dummy/checkout/{body['session_id']}")

    page = await client.get(f"/payments/dummy/checkout/{body['session_id']}")
    assert page.status_code == 200
    assert "Betala (testläge)" in page.text and "Avbryt" in page.text
    assert "790,00 kr" in page.text

    paid = await client.post(f"/payments/dummy/checkout/{body['session_id']}/pay")
    assert paid.status_code == 303
    assert "/payments/checkout/success" in paid.headers["location"]
    assert body["session_id"] in paid.headers["location"]

    got = await client.get(f"/orders/{order['id']}", headers=buyer.headers)
    assert got.json()["status"] == "paid"
    assert got.json()["payment_method"] == "dummy"
    event = await db.fetchrow("SELECT provider, type, outcome FROM app.stripe_events")
    assert dict(event) == {
        "provider": "dummy",
        "type": "checkout.session.completed",
        "outcome": "processed",
    }


async def test_dummy_refund_is_confirmed_by_its_own_signed_event(
    client: httpx.AsyncClient, make_user: MakeUser, db
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    order = await place_order(client, buyer, service["id"])
    session_id = await pay_with_dummy(client, buyer, order["id"])
    # Pressing "Betala" again changes nothing.
    again = await client.post(f"/payments/dummy/checkout/{session_id}/pay")
    assert again.status_code == 303
    assert await db.fetchval("SELECT count(*) FROM app.mail_outbox WHERE kind = 'receipt'") == 1
    page = await client.get(f"/payments/dummy/checkout/{session_id}")
    assert page.status_code == 409 and "Redan betald" in page.text

    refund = await client.post(f"/orders/{order['id']}/refund", json={}, headers=teacher.headers)
    assert refund.status_code == 202 and refund.json()["status"] == "succeeded"
    got = await client.get(f"/orders/{order['id']}", headers=buyer.headers)
    assert got.json()["status"] == "refunded" and got.json()["refunded_cents"] == 79000
    types = [
        r["type"] for r in await db.fetch("SELECT type FROM app.stripe_events ORDER BY received_at")
    ]
    assert types == ["checkout.session.completed", "charge.refunded"]


async def test_dummy_cancel_button_returns_to_the_cancel_url(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    order = await place_order(client, buyer, service["id"])
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=buyer.headers
    )
    page = await client.get(f"/payments/dummy/checkout/{session.json()['session_id']}")
    assert (
        f'href="http://127.0.0.1:8000/payments/checkout/canceled?order_id={order["id"]}"'
        in page.text
    )
    canceled_page = await client.get("/payments/checkout/canceled")
    assert canceled_page.status_code == 200 and "avbröts" in canceled_page.text
    assert (await client.get("/payments/dummy/checkout/cs_test_unknown")).status_code == 404
