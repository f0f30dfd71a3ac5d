"""Ordering a time: POST /orders with slot_start holds the slot for the order's checkout time,
payment books it, an unpaid hold frees it; the database lets only one buyer have a time."""

import asyncio
import base64
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx

from app.bookings import jobs
from app.config import Settings
from app.payments.webhooks import build_event, dummy_session_object
from tests.bookings.helpers import (
    at,
    bookable_teacher,
    booking_of_order,
    iso,
    lapse_checkout,
    local_day,
    mails_to,
    order_slot,
)
from tests.conftest import MakeUser
from tests.marketplace_helpers import pay_with_dummy, place_order, post_event, published_service

BACKEND = Path(__file__).resolve().parents[2]


async def _starts(
    client: httpx.AsyncClient, teacher_id: uuid.UUID, service_id: str, days: int
) -> list[str]:
    day = local_day(days).isoformat()
    response = await client.get(
        f"/teachers/{teacher_id}/slots", params={"service_id": service_id, "from": day, "to": day}
    )
    assert response.status_code == 200, response.text
    return [s["start_utc"] for s in response.json()["slots"]]


async def test_an_order_of_a_bookable_service_needs_an_offered_time(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher)
    package = await published_service(client, teacher, kind="package", duration_minutes=45)

    missing = await client.post(
        "/orders", json={"service_id": service["id"]}, headers=buyer.headers
    )
    assert missing.status_code == 422 and missing.json()["error"] == "slot_required"
    cases = [
        (at(3, 12) + timedelta(minutes=30), "slot_unavailable"),  # not a start time
        (at(3, 20), "slot_unavailable"),  # outside the hours
        (datetime.now(UTC) - timedelta(hours=2), "slot_too_soon"),
        (at(400, 12), "slot_too_far"),
    ]
    for start, code in cases:
        response = await order_slot(client, buyer, service["id"], start)
        assert response.status_code == 409, response.text
        assert response.json()["error"] == code
    naive = await client.post(
        "/orders",
        json={"service_id": service["id"], "slot_start": "2030-01-01T10:00:00"},
        headers=buyer.headers,
    )
    assert naive.status_code == 422
    with_package = await order_slot(client, buyer, package["id"], at(3, 12))
    assert with_package.status_code == 422 and with_package.json()["error"] == "slot_not_allowed"
    course_with_time = await client.post(
        "/orders",
        json={"item_kind": "course", "course_id": str(uuid.uuid4()), "slot_start": iso(at(3, 12))},
        headers=buyer.headers,
    )
    assert course_with_time.status_code == 422


async def test_a_teacher_without_availability_sells_without_a_time(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    order = await place_order(client, buyer, service["id"])
    assert order["status"] == "pending"
    timed = await order_slot(client, buyer, service["id"], at(3, 12))
    assert timed.status_code == 409 and timed.json()["error"] == "not_taking_bookings"


async def test_an_order_holds_its_slot_until_its_checkout_ends(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher)
    start = at(3, 12)
    assert iso(start) in await _starts(client, teacher.id, service["id"], 3)
    response = await order_slot(client, buyer, service["id"], start)
    assert response.status_code == 201, response.text
    order = response.json()
    hold = await booking_of_order(db, order["id"])
    assert hold["status"] == "held" and hold["starts_at"] == start
    assert hold["hold_expires_at"].isoformat().replace("+00:00", "Z") == order[
        "checkout_expires_at"
    ].replace("+00:00", "Z")
    assert iso(start) not in await _starts(client, teacher.id, service["id"], 3)
    for viewer, role in ((buyer, "student"), (teacher, "teacher")):
        listed = await client.get(f"/bookings?role={role}", headers=viewer.headers)
        [item] = listed.json()["items"]
        assert item["status"] == "held" and item["order_id"] == order["id"]
        assert item["starts_at_local"].endswith(("+01:00", "+02:00"))


async def test_twenty_buyers_for_one_slot_get_exactly_one_hold(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    service = await bookable_teacher(client, teacher)
    buyers = [await make_user("student") for _ in range(20)]
    start = at(4, 11)
    responses = await asyncio.gather(
        *(order_slot(client, buyer, service["id"], start) for buyer in buyers)
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [201] + [409] * 19, [
        r.text for r in responses if r.status_code not in (201, 409)
    ]
    assert {r.json()["error"] for r in responses if r.status_code == 409} == {"slot_taken"}
    assert "taken" in next(r for r in responses if r.status_code == 409).json()["detail"]
    assert await db.fetchval("SELECT count(*) FROM app.bookings WHERE status = 'held'") == 1
    # The losers' orders were rolled back with their hold.
    assert await db.fetchval("SELECT count(*) FROM app.service_orders") == 1


async def test_overlapping_times_of_different_services_exclude_each_other(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    first, second = await make_user("student"), await make_user("student")
    service = await bookable_teacher(client, teacher)
    long = await published_service(
        client, teacher, title="Djupläsning 90 min", kind="reading", duration_minutes=90
    )
    assert (await order_slot(client, first, long["id"], at(6, 10))).status_code == 201
    # 10:00-11:30 is held: a 60-minute session at 11:00 would overlap it.
    clash = await order_slot(client, second, service["id"], at(6, 11))
    assert clash.status_code == 409 and clash.json()["error"] == "slot_taken"
    assert (await order_slot(client, second, service["id"], at(6, 12))).status_code == 201


async def test_an_expired_hold_frees_the_slot(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    first, second = await make_user("student"), await make_user("student")
    service = await bookable_teacher(client, teacher)
    start = at(3, 14)
    held = (await order_slot(client, first, service["id"], start)).json()
    refused = await order_slot(client, second, service["id"], start)
    assert refused.status_code == 409 and refused.json()["error"] == "slot_taken"

    await lapse_checkout(db, held["id"])
    # Listed as free at once, and the next order releases the lapsed hold and takes the time.
    assert iso(start) in await _starts(client, teacher.id, service["id"], 3)
    taken = await order_slot(client, second, service["id"], start)
    assert taken.status_code == 201, taken.text
    assert (await booking_of_order(db, held["id"]))["status"] == "expired"
    assert (await booking_of_order(db, taken.json()["id"]))["status"] == "held"
    paying = await client.post(
        "/payments/stripe/create-session", json={"order_id": held["id"]}, headers=first.headers
    )
    assert paying.status_code == 409 and paying.json()["error"] == "order_expired"


async def test_the_sweep_releases_lapsed_holds(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher)
    short = (await order_slot(client, buyer, service["id"], at(3, 10))).json()
    live = (await order_slot(client, buyer, service["id"], at(3, 12))).json()
    # One checkout lasts ten minutes, the other the usual thirty; the sweep runs 20 minutes on
    # (an explicit clock, so the API's own sweep, on the real one, cannot interfere).
    soon = datetime.now(UTC) + timedelta(minutes=10)
    await db.execute(
        "UPDATE app.service_orders SET checkout_expires_at = $2 WHERE id = $1",
        uuid.UUID(short["id"]),
        soon,
    )
    await db.execute(
        "UPDATE app.bookings SET hold_expires_at = $2 WHERE order_id = $1",
        uuid.UUID(short["id"]),
        soon,
    )
    later = datetime.now(UTC) + timedelta(minutes=20)
    assert await jobs.run_once(db, later) == 1
    assert (await booking_of_order(db, short["id"]))["status"] == "expired"
    assert (await booking_of_order(db, live["id"]))["status"] == "held"
    assert await jobs.run_once(db, later) == 0


async def test_the_cli_releases_lapsed_holds(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection, database_url: str
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher)
    held = (await order_slot(client, buyer, service["id"], at(3, 11))).json()
    await lapse_checkout(db, held["id"])
    env = {**os.environ, "DATABASE_URL": database_url, "ENVIRONMENT": "development"}
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "app.cli", "release-holds"],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("release-holds: ")
    assert (await booking_of_order(db, held["id"]))["status"] == "expired"


async def test_a_started_checkout_keeps_the_hold_for_its_whole_lifetime(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    first, second = await make_user("student"), await make_user("student")
    service = await bookable_teacher(client, teacher)
    start = at(3, 15)
    held = (await order_slot(client, first, service["id"], start)).json()
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": held["id"]}, headers=first.headers
    )
    assert session.status_code == 200
    # The hold's own time passes, but the checkout (which started later) still runs.
    await db.execute(
        "UPDATE app.bookings SET hold_expires_at = now() - interval '1 minute' WHERE order_id = $1",
        uuid.UUID(held["id"]),
    )
    assert iso(start) not in await _starts(client, teacher.id, service["id"], 3)
    refused = await order_slot(client, second, service["id"], start)
    assert refused.status_code == 409 and refused.json()["error"] == "slot_taken"
    # The sweep finds the hold past its own time and makes it follow the checkout.
    assert await jobs.run_once(db) == 0
    hold = await booking_of_order(db, held["id"])
    order_expiry = await db.fetchval(
        "SELECT checkout_expires_at FROM app.service_orders WHERE id = $1", uuid.UUID(held["id"])
    )
    assert hold["status"] == "held" and hold["hold_expires_at"] == order_expiry


async def test_an_expired_checkout_event_frees_the_slot(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection, settings: Settings
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher)
    start = at(3, 13)
    held = (await order_slot(client, buyer, service["id"], start)).json()
    created = await client.post(
        "/payments/stripe/create-session", json={"order_id": held["id"]}, headers=buyer.headers
    )
    assert created.status_code == 200
    payment = await db.fetchrow(
        "SELECT * FROM app.payments WHERE order_id = $1", uuid.UUID(held["id"])
    )
    event = build_event(
        "evt_test_bookings_expired",
        "checkout.session.expired",
        dummy_session_object(payment, "unpaid"),
    )
    answered = await post_event(client, event, secret=settings.dummy_webhook_secret)
    assert answered.status_code == 200 and answered.json()["outcome"] == "processed"
    assert (await booking_of_order(db, held["id"]))["status"] == "expired"
    assert iso(start) in await _starts(client, teacher.id, service["id"], 3)


async def test_canceling_the_pending_order_frees_the_slot(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher)
    held = (await order_slot(client, buyer, service["id"], at(3, 11))).json()
    booking = await booking_of_order(db, held["id"])
    direct = await client.post(f"/bookings/{booking['id']}/cancel", headers=buyer.headers)
    assert direct.status_code == 409 and direct.json()["error"] == "booking_not_confirmed"
    canceled = await client.post(f"/orders/{held['id']}/cancel", headers=buyer.headers)
    assert canceled.status_code == 200
    assert (await booking_of_order(db, held["id"]))["status"] == "expired"
    assert iso(at(3, 11)) in await _starts(client, teacher.id, service["id"], 3)


def _calendar(mail: asyncpg.Record) -> str:
    [file] = mail["attachments"]
    assert file["content_type"] == "text/calendar"
    return base64.b64decode(file["content_b64"]).decode()


async def test_payment_books_the_slot_and_tells_both_sides(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher", "Johan Ek")
    buyer = await make_user("student", "Maja Berg")
    service = await bookable_teacher(client, teacher)
    start = at(3, 10)
    held = (await order_slot(client, buyer, service["id"], start)).json()
    await pay_with_dummy(client, buyer, held["id"])

    booking = await booking_of_order(db, held["id"])
    assert booking["status"] == "booked" and booking["booked_at"] is not None
    assert booking["hold_expires_at"] is None
    got = (await client.get(f"/bookings/{booking['id']}", headers=buyer.headers)).json()
    assert got["status"] == "booked" and got["meeting_url"] == "https://meet.example.se/rum-1"
    assert got["student"]["display_name"] == "Maja Berg"
    assert got["teacher"]["display_name"] == "Johan Ek"
    order = (await client.get(f"/orders/{held['id']}", headers=buyer.headers)).json()
    assert order["status"] == "paid"

    [to_student] = await mails_to(db, buyer.email)
    [to_teacher] = await mails_to(db, teacher.email)
    assert to_student["subject"].startswith("Bokat: Samtalscoaching 60 min")
    assert "kl. 10:00" in to_student["body_text"] and "svensk tid" in to_student["body_text"]
    assert to_teacher["subject"].startswith("Ny bokning:")
    for mail in (to_student, to_teacher):
        calendar = _calendar(mail)
        assert "METHOD:REQUEST\r\n" in calendar and "SEQUENCE:0\r\n" in calendar
        assert f"UID:{booking['id']}@" in calendar
        assert f"DTSTART:{start.strftime('%Y%m%dT%H%M%SZ')}\r\n" in calendar
        assert f"DTEND:{(start + timedelta(hours=1)).strftime('%Y%m%dT%H%M%SZ')}\r\n" in calendar
    kinds = await db.fetch(
        "SELECT user_id, data->>'type' AS type FROM app.notifications WHERE kind = 'booking'"
    )
    assert {(r["user_id"], r["type"]) for r in kinds} == {
        (buyer.id, "booked"),
        (teacher.id, "booked"),
    }


async def test_a_free_session_is_booked_at_once(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher, price_cents=0)
    response = await order_slot(client, buyer, service["id"], at(2, 15))
    assert response.status_code == 201 and response.json()["status"] == "paid"
    assert (await booking_of_order(db, response.json()["id"]))["status"] == "booked"
    assert len(await mails_to(db, buyer.email)) == 1


async def test_a_late_payment_books_a_still_free_time(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher)
    held = (await order_slot(client, buyer, service["id"], at(3, 12))).json()
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": held["id"]}, headers=buyer.headers
    )
    await lapse_checkout(db, held["id"])
    await jobs.run_once(db)
    assert (await booking_of_order(db, held["id"]))["status"] == "expired"
    paid = await client.post(f"/payments/dummy/checkout/{session.json()['session_id']}/pay")
    assert paid.status_code == 303
    assert (await booking_of_order(db, held["id"]))["status"] == "booked"


async def test_a_payment_for_a_time_someone_else_took_is_refunded(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    late, quick = await make_user("student"), await make_user("student")
    service = await bookable_teacher(client, teacher)
    start = at(3, 12)
    held = (await order_slot(client, late, service["id"], start)).json()
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": held["id"]}, headers=late.headers
    )
    await lapse_checkout(db, held["id"])
    assert (await order_slot(client, quick, service["id"], start)).status_code == 201

    paid = await client.post(f"/payments/dummy/checkout/{session.json()['session_id']}/pay")
    assert paid.status_code == 303
    lost = await booking_of_order(db, held["id"])
    assert lost["status"] == "expired" and lost["refunded"] is True
    order = (await client.get(f"/orders/{held['id']}", headers=late.headers)).json()
    assert order["status"] == "refunded" and order["refunded_cents"] == order["amount_cents"]
    [mail] = await mails_to(db, late.email)
    assert mail["subject"].startswith("Tiden hann bokas av någon annan")
