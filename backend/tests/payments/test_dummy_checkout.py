"""The dummy provider (no STRIPE_SECRET_KEY): a purchase end to end, offline."""

import html
import re
from urllib.parse import parse_qsl, urlsplit

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


async def _cancel_link(client: httpx.AsyncClient, buyer, order_id: str) -> str:
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": order_id}, headers=buyer.headers
    )
    page = await client.get(f"/payments/dummy/checkout/{session.json()['session_id']}")
    link = re.search(r'<a class="button" href="([^"]+)">Avbryt</a>', page.text)
    assert link is not None, page.text
    return html.unescape(link.group(1))


async def test_the_checkouts_cancel_link_releases_the_order_at_once(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    order = await place_order(client, buyer, service["id"])
    link = await _cancel_link(client, buyer, order["id"])
    parts = urlsplit(link)
    assert link.startswith("http://127.0.0.1:8000/payments/checkout/canceled?")
    query = dict(parse_qsl(parts.query))
    assert query["order_id"] == order["id"] and query["attempt"] == "1" and query["release"]

    canceled_page = await client.get(f"{parts.path}?{parts.query}")
    assert canceled_page.status_code == 200 and "avbröts" in canceled_page.text
    got = await client.get(f"/orders/{order['id']}", headers=buyer.headers)
    assert got.json()["status"] == "canceled"
    # Opened again (a reload), nothing more happens; the buyer simply orders anew.
    again = await client.get(f"{parts.path}?{parts.query}")
    assert again.status_code == 200
    assert (await place_order(client, buyer, service["id"]))["status"] == "pending"


async def test_a_cancel_link_with_a_wrong_signature_changes_nothing(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    order = await place_order(client, buyer, service["id"])
    link = await _cancel_link(client, buyer, order["id"])
    query = dict(parse_qsl(urlsplit(link).query))
    for forged in (
        {**query, "release": "0" * 32},
        {**query, "attempt": "2"},
        {"order_id": query["order_id"]},
    ):
        page = await client.get("/payments/checkout/canceled", params=forged)
        assert page.status_code == 200 and "avbröts" in page.text
    got = await client.get(f"/orders/{order['id']}", headers=buyer.headers)
    assert got.json()["status"] == "pending"
    assert (await client.get("/payments/dummy/checkout/cs_test_unknown")).status_code == 404


async def test_a_cancel_link_after_paying_changes_nothing(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    order = await place_order(client, buyer, service["id"])
    link = await _cancel_link(client, buyer, order["id"])
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=buyer.headers
    )
    paid = await client.post(f"/payments/dummy/checkout/{session.json()['session_id']}/pay")
    assert paid.status_code == 303
    parts = urlsplit(link)
    assert (await client.get(f"{parts.path}?{parts.query}")).status_code == 200
    got = await client.get(f"/orders/{order['id']}", headers=buyer.headers)
    assert got.json()["status"] == "paid"
