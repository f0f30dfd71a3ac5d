"""A paid seat is held from the order until its checkout ends, as bookings hold slots: buyers of
a full seminar are refused (409, with the waitlist) before paying, nobody is charged beyond
capacity, and a hold ends with its order's cancel or expiry, or its time."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI

from app.seminars import jobs
from tests.conftest import Account, MakeUser
from tests.marketplace_helpers import post_event
from tests.payments.fake_stripe import FakeStripe
from tests.seminars.helpers import create_seminar, seated_ids

PRICE = 15000


async def order_seat(client: httpx.AsyncClient, buyer: Account, seminar_id: str) -> httpx.Response:
    return await client.post(
        "/orders", json={"item_kind": "seminar", "seminar_id": seminar_id}, headers=buyer.headers
    )


async def start_checkout(client: httpx.AsyncClient, buyer: Account, order_id: str) -> str:
    r = await client.post(
        "/payments/stripe/create-session", json={"order_id": order_id}, headers=buyer.headers
    )
    assert r.status_code == 200, r.text
    session_id: str = r.json()["session_id"]
    return session_id


async def seminar_view(
    client: httpx.AsyncClient, seminar_id: str, viewer: Account | None = None
) -> dict[str, Any]:
    r = await client.get(f"/seminars/{seminar_id}", headers=viewer.headers if viewer else {})
    body: dict[str, Any] = r.json()
    return body


async def hold_rows(db: asyncpg.Connection) -> list[tuple[Any, ...]]:
    rows = await db.fetch(
        "SELECT user_id, order_id, status FROM app.seminar_attendees ORDER BY created_at"
    )
    return [tuple(r) for r in rows]


async def test_fifty_concurrent_buyers_of_three_seats_start_three_checkouts_and_pay_three(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    seminar = await create_seminar(
        stripe_client, await make_user("teacher"), price_cents=PRICE, capacity=3
    )
    buyers = [await make_user("student") for _ in range(50)]

    async def buy(buyer: Account) -> tuple[Account, httpx.Response, str | None]:
        r = await order_seat(stripe_client, buyer, seminar["id"])
        if r.status_code != 201:
            return buyer, r, None
        return buyer, r, await start_checkout(stripe_client, buyer, r.json()["id"])

    results = await asyncio.gather(*(buy(b) for b in buyers))

    started = [(b, r.json()["id"], sid) for b, r, sid in results if sid is not None]
    refused = [r for _, r, sid in results if sid is None]
    assert len(started) == 3
    assert len(fake_stripe.calls("POST", "/v1/checkout/sessions")) == 3
    assert {r.status_code for r in refused} == {409}
    assert {r.json()["error"] for r in refused} == {"seminar_full"}
    assert {r.json()["waitlist"] for r in refused} == {f"/seminars/{seminar['id']}/waitlist"}
    # The refused left nothing behind: no order, nothing to refund later.
    assert await db.fetchval("SELECT count(*) FROM app.service_orders") == 3
    view = await seminar_view(stripe_client, seminar["id"])
    assert (view["seats_taken"], view["seats_held"], view["seats_left"]) == (0, 3, 0)

    # Those three pay; every one gets a seat and nobody is refunded.
    for _, _, session_id in started:
        event = fake_stripe.session_event("checkout.session.completed", session_id)
        assert (await post_event(stripe_client, event)).status_code == 200
    assert await seated_ids(db, seminar["id"]) == {b.id for b, _, _ in started}
    statuses = await db.fetch("SELECT status FROM app.service_orders")
    assert {r["status"] for r in statuses} == {"fulfilled"}
    assert fake_stripe.calls("POST", "/v1/refunds") == []
    assert await db.fetchval("SELECT count(*) FROM app.refunds") == 0
    view = await seminar_view(stripe_client, seminar["id"])
    assert (view["seats_taken"], view["seats_held"], view["seats_left"]) == (3, 0, 0)


async def test_a_held_seat_is_shown_refused_to_others_and_freed_for_the_queue_on_cancel(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(
        client, await make_user("teacher"), price_cents=PRICE, capacity=1
    )
    buyer, other, third = [await make_user("student") for _ in range(3)]
    order = (await order_seat(client, buyer, seminar["id"])).json()
    assert order["status"] == "pending"

    mine = await seminar_view(client, seminar["id"], buyer)
    assert (mine["seats_held"], mine["seats_left"]) == (1, 0)
    assert mine["viewer"]["hold_order_id"] == order["id"]
    assert datetime.fromisoformat(mine["viewer"]["hold_expires_at"]) == datetime.fromisoformat(
        order["checkout_expires_at"]
    )
    assert mine["viewer"]["seated"] is False

    r = await order_seat(client, other, seminar["id"])
    assert r.status_code == 409 and r.json()["error"] == "seminar_full"
    # A held seat makes the seminar full, so the waitlist takes the refused buyer.
    r = await client.post(f"/seminars/{seminar['id']}/waitlist", headers=other.headers)
    assert r.status_code == 201, r.text

    r = await client.post(f"/orders/{order['id']}/cancel", headers=buyer.headers)
    assert r.status_code == 200, r.text
    assert await hold_rows(db) == [(buyer.id, uuid.UUID(order["id"]), "released")]
    waiting = await seminar_view(client, seminar["id"], other)
    assert waiting["viewer"]["waitlist_status"] == "offered"
    assert (waiting["seats_held"], waiting["seats_left"]) == (0, 0)
    assert (await order_seat(client, third, seminar["id"])).status_code == 409
    r = await order_seat(client, other, seminar["id"])
    assert r.status_code == 201, r.text


async def test_an_expired_checkout_frees_the_seat(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    seminar = await create_seminar(
        stripe_client, await make_user("teacher"), price_cents=PRICE, capacity=1
    )
    buyer, other = await make_user("student"), await make_user("student")
    order = (await order_seat(stripe_client, buyer, seminar["id"])).json()
    session_id = await start_checkout(stripe_client, buyer, order["id"])
    assert (await order_seat(stripe_client, other, seminar["id"])).status_code == 409

    expired = fake_stripe.session_event("checkout.session.expired", session_id)
    r = await post_event(stripe_client, expired)
    assert r.json()["detail"] == "checkout expired: order canceled"

    assert await hold_rows(db) == [(buyer.id, uuid.UUID(order["id"]), "released")]
    assert (await order_seat(stripe_client, other, seminar["id"])).status_code == 201


async def test_a_hold_follows_its_extended_checkout_then_lapses_with_it(
    app: FastAPI, client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(
        client, await make_user("teacher"), price_cents=PRICE, capacity=1
    )
    buyer, other = await make_user("student"), await make_user("student")
    order = (await order_seat(client, buyer, seminar["id"])).json()
    await start_checkout(client, buyer, order["id"])  # the checkout outlives the order's hold
    extended = await db.fetchval(
        "SELECT checkout_expires_at FROM app.service_orders WHERE id = $1",
        uuid.UUID(order["id"]),
    )
    # The hold's own time passes, but the order's checkout is still open: still held.
    await db.execute(
        "UPDATE app.seminar_attendees SET hold_expires_at = now() - interval '1 second'"
    )
    assert (await order_seat(client, other, seminar["id"])).status_code == 409
    # The sweep moves the hold's time to the checkout's, so the seminar shows it held again.
    async with app.state.pool.acquire() as conn:
        _, passed = await jobs.run_once(conn)
    assert passed == 0
    assert await db.fetchval("SELECT hold_expires_at FROM app.seminar_attendees") == extended
    assert (await seminar_view(client, seminar["id"]))["seats_left"] == 0

    # Then the checkout's time passes unpaid (no event): the seat is free for someone else.
    await db.execute(
        """UPDATE app.service_orders SET checkout_expires_at = now() - interval '1 second'
           WHERE id = $1""",
        uuid.UUID(order["id"]),
    )
    await db.execute(
        "UPDATE app.seminar_attendees SET hold_expires_at = now() - interval '1 second'"
    )
    r = await order_seat(client, other, seminar["id"])
    assert r.status_code == 201, r.text
    statuses = dict(await db.fetch("SELECT user_id, status FROM app.seminar_attendees"))
    assert statuses == {buyer.id: "released", other.id: "held"}


async def test_the_sweep_passes_a_lapsed_hold_to_the_waitlist(
    app: FastAPI, client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(
        client, await make_user("teacher"), price_cents=PRICE, capacity=1
    )
    buyer, waiting = await make_user("student"), await make_user("student")
    order = (await order_seat(client, buyer, seminar["id"])).json()
    r = await client.post(f"/seminars/{seminar['id']}/waitlist", headers=waiting.headers)
    assert r.status_code == 201, r.text

    async with app.state.pool.acquire() as conn:
        _, passed = await jobs.run_once(conn)
    assert passed == 0  # the hold is live
    later = datetime.now(UTC) + timedelta(minutes=31)
    assert datetime.fromisoformat(order["checkout_expires_at"]) < later
    async with app.state.pool.acquire() as conn:
        _, passed = await jobs.run_once(conn, later)
    assert passed == 1
    assert await hold_rows(db) == [(buyer.id, uuid.UUID(order["id"]), "released")]
    entry = await db.fetchrow(
        "SELECT status FROM app.seminar_waitlist WHERE user_id = $1", waiting.id
    )
    assert entry["status"] == "offered"
    mail = await db.fetchval(
        "SELECT count(*) FROM app.mail_outbox WHERE user_id = $1 AND kind = 'seminar_seat_offered'",
        waiting.id,
    )
    assert mail == 1


async def test_a_second_order_of_the_same_buyer_takes_over_their_hold(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(
        client, await make_user("teacher"), price_cents=PRICE, capacity=1
    )
    buyer = await make_user("student")
    first = (await order_seat(client, buyer, seminar["id"])).json()
    r = await order_seat(client, buyer, seminar["id"])
    assert r.status_code == 201, r.text
    second = r.json()
    assert await hold_rows(db) == [(buyer.id, uuid.UUID(second["id"]), "held")]
    # Canceling the first order leaves the second one's hold alone.
    assert (await client.post(f"/orders/{first['id']}/cancel", headers=buyer.headers)).is_success
    assert await hold_rows(db) == [(buyer.id, uuid.UUID(second["id"]), "held")]
    assert (await seminar_view(client, seminar["id"]))["seats_held"] == 1
