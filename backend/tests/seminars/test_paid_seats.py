"""Paid seats through the marketplace: POST /orders (item_kind seminar), the dummy checkout and
its signed webhook; refunds free seats for the waitlist; canceling refunds every paid seat."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.seminars import jobs
from tests.conftest import Account, MakeUser
from tests.marketplace_helpers import pay_with_dummy
from tests.seminars.helpers import create_seminar, move_seminar, seated_ids

PRICE = 15000
# Tokens are minted with livekit-server --dev's 6-byte secret, which PyJWT warns about.
pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")


async def order_seat(client: httpx.AsyncClient, buyer: Account, seminar_id: str) -> httpx.Response:
    return await client.post(
        "/orders", json={"item_kind": "seminar", "seminar_id": seminar_id}, headers=buyer.headers
    )


async def buy_seat(client: httpx.AsyncClient, buyer: Account, seminar_id: str) -> dict[str, Any]:
    r = await order_seat(client, buyer, seminar_id)
    assert r.status_code == 201, r.text
    await pay_with_dummy(client, buyer, r.json()["id"])
    order = await client.get(f"/orders/{r.json()['id']}", headers=buyer.headers)
    result: dict[str, Any] = order.json()
    return result


async def order_status(db: asyncpg.Connection, order_id: str) -> str:
    value: str = await db.fetchval(
        "SELECT status FROM app.service_orders WHERE id = $1", uuid.UUID(order_id)
    )
    return value


async def test_a_paid_seat_is_taken_only_when_paid(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host, price_cents=PRICE, starts_in=timedelta(minutes=10))
    buyer = await make_user("student")
    r = await order_seat(client, buyer, seminar["id"])
    assert r.status_code == 201, r.text
    order = r.json()
    assert (order["seller_id"], order["amount_cents"], order["item_title"]) == (
        str(host.id),
        PRICE,
        "Fullmånemeditation",
    )
    assert order["status"] == "pending"
    assert await seated_ids(db, seminar["id"]) == set()
    r = await client.post("/sfu/token", json={"seminar_id": seminar["id"]}, headers=buyer.headers)
    assert r.status_code == 403  # ordered, not paid: no seat, no room

    await pay_with_dummy(client, buyer, order["id"])
    assert await seated_ids(db, seminar["id"]) == {buyer.id}
    assert await order_status(db, order["id"]) == "fulfilled"
    seat = await db.fetchrow("SELECT * FROM app.seminar_attendees WHERE user_id = $1", buyer.id)
    assert str(seat["order_id"]) == order["id"]
    attendees = (
        await client.get(f"/seminars/{seminar['id']}/attendees", headers=host.headers)
    ).json()
    assert [(a["user_id"], a["paid"]) for a in attendees["items"]] == [(str(buyer.id), True)]
    r = await client.post("/sfu/token", json={"seminar_id": seminar["id"]}, headers=buyer.headers)
    assert r.status_code == 200


async def test_a_seat_cannot_be_ordered_when_it_cannot_be_had(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    host = await make_user("teacher")
    paid = await create_seminar(client, host, price_cents=PRICE, capacity=1)
    free = await create_seminar(client, host)
    r = await order_seat(client, host, paid["id"])
    assert r.status_code == 403
    buyer = await make_user("student")
    r = await order_seat(client, buyer, free["id"])
    assert r.status_code == 409
    assert r.json()["error"] == "free_seminar"
    r = await order_seat(client, buyer, str(uuid.uuid4()))
    assert r.status_code == 404
    await buy_seat(client, buyer, paid["id"])
    r = await order_seat(client, buyer, paid["id"])
    assert r.json()["error"] == "already_registered"
    r = await order_seat(client, await make_user("student"), paid["id"])
    assert r.status_code == 409
    assert r.json()["error"] == "seminar_full"


async def test_a_payment_after_its_hold_ran_out_and_the_seat_went_to_another_is_refunded(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    """The order holds the seat while its checkout lasts; a payment that arrives after that
    (a slow bank, a webhook outage) finds the seat sold: refunded in full, queued first."""
    seminar = await create_seminar(
        client, await make_user("teacher"), price_cents=PRICE, capacity=1
    )
    late = await make_user("student")
    r = await order_seat(client, late, seminar["id"])
    assert r.status_code == 201, r.text
    late_order = r.json()["id"]
    s = await client.post(
        "/payments/stripe/create-session", json={"order_id": late_order}, headers=late.headers
    )
    assert s.status_code == 200, s.text
    # The checkout's time passes unpaid (no expiry event came): the hold ends with it.
    await db.execute(
        """UPDATE app.service_orders SET checkout_expires_at = now() - interval '1 minute'
           WHERE id = $1""",
        uuid.UUID(late_order),
    )
    await db.execute(
        "UPDATE app.seminar_attendees SET hold_expires_at = now() - interval '1 minute'"
    )
    quick = await make_user("student")
    quick_order = await buy_seat(client, quick, seminar["id"])
    assert quick_order["status"] == "fulfilled"

    paid = await client.post(f"/payments/dummy/checkout/{s.json()['session_id']}/pay")
    assert paid.status_code == 303
    assert await seated_ids(db, seminar["id"]) == {quick.id}
    assert await order_status(db, late_order) == "refunded"
    refund = await db.fetchrow("SELECT amount_cents, status FROM app.refunds")
    assert (refund["amount_cents"], refund["status"]) == (PRICE, "succeeded")
    queued = await db.fetch(
        "SELECT user_id, priority, status FROM app.seminar_waitlist WHERE seminar_id = $1",
        uuid.UUID(seminar["id"]),
    )
    assert [tuple(q) for q in queued] == [(late.id, 1, "waiting")]
    assert (
        await db.fetchval(
            "SELECT count(*) FROM app.mail_outbox WHERE kind = 'seminar_lost_last_seat'"
        )
        == 1
    )
    after = (await client.get(f"/seminars/{seminar['id']}")).json()
    assert (after["seats_taken"], after["seats_held"], after["seats_left"]) == (1, 0, 0)


async def test_a_freed_paid_seat_is_held_for_the_first_on_the_waitlist(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(
        client, await make_user("teacher"), price_cents=PRICE, capacity=1
    )
    first = await make_user("student")
    first_order = await buy_seat(client, first, seminar["id"])
    waiting = await make_user("student")
    r = await client.post(f"/seminars/{seminar['id']}/waitlist", headers=waiting.headers)
    assert r.status_code == 201

    r = await client.delete(f"/seminars/{seminar['id']}/registration", headers=first.headers)
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["refunded"]) == ("canceled", True)
    assert await order_status(db, first_order["id"]) == "refunded"
    assert await seated_ids(db, seminar["id"]) == set()

    view = (await client.get(f"/seminars/{seminar['id']}", headers=waiting.headers)).json()
    assert view["seats_left"] == 0  # held for the one offered
    assert view["viewer"]["waitlist_status"] == "offered"
    expires = datetime.fromisoformat(view["viewer"]["offer_expires_at"])
    assert timedelta(minutes=59) < expires - datetime.now(UTC) <= timedelta(hours=1)
    mail = await db.fetchrow(
        "SELECT * FROM app.mail_outbox WHERE user_id = $1 AND kind = 'seminar_seat_offered'",
        waiting.id,
    )
    assert mail["subject"] == "En plats är reserverad för dig: Fullmånemeditation"

    # Only the one offered may buy the held seat.
    r = await order_seat(client, await make_user("student"), seminar["id"])
    assert r.status_code == 409
    assert r.json()["error"] == "seminar_full"
    await buy_seat(client, waiting, seminar["id"])
    assert await seated_ids(db, seminar["id"]) == {waiting.id}
    entry = await db.fetchrow("SELECT * FROM app.seminar_waitlist WHERE user_id = $1", waiting.id)
    assert entry["status"] == "seated"


async def test_an_offer_that_runs_out_passes_to_the_next_in_line(
    app: FastAPI, client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host, price_cents=PRICE, capacity=1)
    holder = await make_user("student")
    order = await buy_seat(client, holder, seminar["id"])
    second, third = await make_user("student"), await make_user("student")
    for user in (second, third):
        await client.post(f"/seminars/{seminar['id']}/waitlist", headers=user.headers)

    # The seller refunds the order: the seat frees and is offered to the first in line.
    r = await client.post(f"/orders/{order['id']}/refund", headers=host.headers)
    assert r.status_code == 202, r.text
    assert await seated_ids(db, seminar["id"]) == set()
    statuses = dict(await db.fetch("SELECT user_id, status FROM app.seminar_waitlist"))
    assert statuses == {second.id: "offered", third.id: "waiting"}

    async with app.state.pool.acquire() as conn:
        _, passed = await jobs.run_once(conn, datetime.now(UTC) + timedelta(hours=2))
    assert passed == 1
    statuses = dict(await db.fetch("SELECT user_id, status FROM app.seminar_waitlist"))
    assert statuses == {second.id: "expired", third.id: "offered"}
    assert (
        await db.fetchval(
            "SELECT count(*) FROM app.mail_outbox WHERE user_id = $1 AND kind = 'seminar_seat_offered'",
            third.id,
        )
        == 1
    )


async def test_canceling_a_paid_seminar_refunds_every_paid_seat(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host, price_cents=PRICE, capacity=5)
    buyers = [await make_user("student") for _ in range(3)]
    orders = [await buy_seat(client, b, seminar["id"]) for b in buyers]
    late = await make_user("student")
    pending = (await order_seat(client, late, seminar["id"])).json()

    r = await client.post(
        f"/seminars/{seminar['id']}/cancel",
        json={"reason": "Värden är sjuk."},
        headers=host.headers,
    )
    assert r.status_code == 200, r.text
    assert [await order_status(db, o["id"]) for o in orders] == ["refunded"] * 3
    assert await seated_ids(db, seminar["id"]) == set()
    mails = await db.fetch("SELECT * FROM app.mail_outbox WHERE kind = 'seminar_canceled'")
    assert sorted(m["user_id"] for m in mails) == sorted(b.id for b in buyers)
    assert all("Du får tillbaka hela beloppet" in m["body_text"] for m in mails)

    # A payment that arrives after the cancellation is refunded at once, without a seat.
    await pay_with_dummy(client, late, pending["id"])
    assert await order_status(db, pending["id"]) == "refunded"
    assert await seated_ids(db, seminar["id"]) == set()


async def test_a_bought_seat_cannot_be_given_up_for_a_refund_after_the_start(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(client, await make_user("teacher"), price_cents=PRICE)
    buyer = await make_user("student")
    order = await buy_seat(client, buyer, seminar["id"])
    await move_seminar(db, seminar["id"], -timedelta(minutes=10))
    r = await client.delete(f"/seminars/{seminar['id']}/registration", headers=buyer.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "refund_window_closed"
    assert await seated_ids(db, seminar["id"]) == {buyer.id}
    assert await order_status(db, order["id"]) == "fulfilled"


async def test_leaving_the_checkout_with_avbryt_frees_the_seat_for_a_new_order_at_once(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host, price_cents=PRICE, capacity=1)
    buyer = await make_user("student")
    first = (await order_seat(client, buyer, seminar["id"])).json()
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": first["id"]}, headers=buyer.headers
    )
    payment = await db.fetchrow(
        "SELECT meta FROM app.payments WHERE provider_ref = $1", session.json()["session_id"]
    )
    cancel_url = payment["meta"]["cancel_url"]
    page = await client.get(cancel_url.removeprefix("http://127.0.0.1:8000"))
    assert page.status_code == 200
    assert await order_status(db, first["id"]) == "canceled"
    # The only seat is free again: a new order goes through and pays.
    again = await buy_seat(client, buyer, seminar["id"])
    assert again["status"] == "fulfilled"
    assert await seated_ids(db, seminar["id"]) == {buyer.id}
