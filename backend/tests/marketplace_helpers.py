"""Helpers shared by the marketplace tests (services, orders, payments, reviews)."""

import uuid
from typing import Any

import httpx
import orjson

from tests.conftest import Account
from tests.payments.fake_stripe import sign


async def published_service(
    client: httpx.AsyncClient, teacher: Account, **fields: Any
) -> dict[str, Any]:
    body = {
        "title": "Tarotläsning 60 min",
        "description": "En personlig läsning om det som är viktigt för dig just nu.",
        "kind": "reading",
        "duration_minutes": 60,
        "delivery": "online",
        "price_cents": 79000,
        **fields,
    }
    created = await client.post("/services", json=body, headers=teacher.headers)
    assert created.status_code == 201, created.text
    published = await client.post(
        f"/services/{created.json()['id']}/publish", headers=teacher.headers
    )
    assert published.status_code == 200, published.text
    result: dict[str, Any] = published.json()
    return result


async def place_order(
    client: httpx.AsyncClient, buyer: Account, service_id: str | uuid.UUID
) -> dict[str, Any]:
    response = await client.post(
        "/orders", json={"service_id": str(service_id)}, headers=buyer.headers
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def pay_with_dummy(client: httpx.AsyncClient, buyer: Account, order_id: str) -> str:
    """Pay an order through the dummy provider's checkout page; returns the session id."""
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": order_id}, headers=buyer.headers
    )
    assert session.status_code == 200, session.text
    session_id: str = session.json()["session_id"]
    paid = await client.post(f"/payments/dummy/checkout/{session_id}/pay")
    assert paid.status_code == 303, paid.text
    return session_id


async def post_event(
    client: httpx.AsyncClient, event: dict[str, Any], **sign_kwargs: Any
) -> httpx.Response:
    payload = orjson.dumps(event)
    return await client.post(
        "/webhooks/stripe",
        content=payload,
        headers={
            "Stripe-Signature": sign(payload, **sign_kwargs),
            "Content-Type": "application/json",
        },
    )
