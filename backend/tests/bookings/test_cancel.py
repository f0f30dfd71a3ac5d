"""Cancelling with the teacher's window (a full refund inside it, nothing outside unless the
teacher grants it), rescheduling without paying again, attendance and meeting details."""

import base64
import uuid
from datetime import timedelta
from typing import Any

import asyncpg
import httpx

from tests.bookings.helpers import (
    at,
    bookable_teacher,
    iso,
    mails_to,
    order_slot,
    shift_booking,
)
from tests.conftest import Account, MakeUser
from tests.marketplace_helpers import pay_with_dummy


async def _paid_booking(
    client: httpx.AsyncClient, buyer: Account, service: dict[str, Any], days: int, hour: int = 12
) -> tuple[str, str]:
    """(booking id, order id) of a paid session days_ahead at hour:00."""
    response = await order_slot(client, buyer, service["id"], at(days, hour))
    assert response.status_code == 201, response.text
    order_id = response.json()["id"]
    await pay_with_dummy(client, buyer, order_id)
    booking = await client.get("/bookings?role=student&status=booked", headers=buyer.headers)
    [item] = [b for b in booking.json()["items"] if b["order_id"] == order_id]
    return item["id"], order_id


async def _order(client: httpx.AsyncClient, user: Account, order_id: str) -> dict[str, Any]:
    response = await client.get(f"/orders/{order_id}", headers=user.headers)
    result: dict[str, Any] = response.json()
    return result


def _calendar_of(mail: asyncpg.Record) -> str:
    [file] = mail["attachments"]
    return base64.b64decode(file["content_b64"]).decode()


async def test_cancelling_needs_a_party_to_the_booking(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer, stranger = await make_user("student"), await make_user("student")
    other_teacher = await make_user("teacher")
    service = await bookable_teacher(client, teacher)
    booking_id, _ = await _paid_booking(client, buyer, service, 5)
    path = f"/bookings/{booking_id}/cancel"
    assert (await client.post(path)).status_code == 401
    for outsider in (stranger, other_teacher):
        response = await client.post(path, headers=outsider.headers)
        assert response.status_code == 404 and response.json()["error"] == "booking_not_found"
    missing = await client.post(f"/bookings/{uuid.uuid4()}/cancel", headers=buyer.headers)
    assert missing.status_code == 404


async def test_cancelling_inside_the_window_refunds_in_full(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher, cancellation_window_hours=48)
    booking_id, order_id = await _paid_booking(client, buyer, service, 5)
    before = (await client.get(f"/bookings/{booking_id}", headers=buyer.headers)).json()
    assert before["cancellation_window_hours"] == 48
    assert before["free_cancellation_until"] < before["starts_at"]

    response = await client.post(
        f"/bookings/{booking_id}/cancel", json={"reason": "Jag blev sjuk"}, headers=buyer.headers
    )
    assert response.status_code == 200, response.text
    canceled = response.json()
    assert canceled["status"] == "canceled" and canceled["refunded"] is True
    assert canceled["canceled_by"] == str(buyer.id) and canceled["cancel_reason"] == "Jag blev sjuk"
    assert canceled["sequence"] == 1
    order = await _order(client, buyer, order_id)
    assert order["status"] == "refunded" and order["refunded_cents"] == order["amount_cents"]
    for person in (buyer, teacher):
        mail = (await mails_to(db, person.email))[-1]
        assert mail["subject"].startswith("Avbokat:")
        calendar = _calendar_of(mail)
        assert "METHOD:CANCEL\r\n" in calendar and "STATUS:CANCELLED\r\n" in calendar
        assert "SEQUENCE:1\r\n" in calendar and f"UID:{booking_id}@" in calendar
    assert "Hela beloppet betalas tillbaka" in (await mails_to(db, buyer.email))[-1]["body_text"]
    # The time is free again.
    again = await order_slot(client, await make_user("student"), service["id"], at(5, 12))
    assert again.status_code == 201
    twice = await client.post(f"/bookings/{booking_id}/cancel", headers=buyer.headers)
    assert twice.status_code == 409 and twice.json()["error"] == "booking_not_active"


async def test_cancelling_outside_the_window_keeps_the_payment_unless_the_teacher_grants_it(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher, cancellation_window_hours=72)
    booking_id, order_id = await _paid_booking(client, buyer, service, 1)
    response = await client.post(f"/bookings/{booking_id}/cancel", headers=buyer.headers)
    assert response.status_code == 200
    assert response.json()["status"] == "canceled" and response.json()["refunded"] is False
    assert (await _order(client, buyer, order_id))["status"] == "paid"
    assert "ingen återbetalning" in (await mails_to(db, buyer.email))[-1]["body_text"]

    path = f"/bookings/{booking_id}/refund"
    by_student = await client.post(path, headers=buyer.headers)
    assert by_student.status_code == 403 and by_student.json()["error"] == "not_teacher"
    granted = await client.post(path, headers=teacher.headers)
    assert granted.status_code == 200 and granted.json()["refunded"] is True
    order = await _order(client, buyer, order_id)
    assert order["status"] == "refunded" and order["refunded_cents"] == order["amount_cents"]
    assert (await mails_to(db, buyer.email))[-1]["subject"].startswith("Återbetalning:")
    again = await client.post(path, headers=teacher.headers)
    assert again.status_code == 409 and again.json()["error"] == "already_refunded"


async def test_the_teacher_cancelling_always_refunds_in_full(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher, cancellation_window_hours=72)
    booking_id, order_id = await _paid_booking(client, buyer, service, 1)
    response = await client.post(
        f"/bookings/{booking_id}/cancel", json={"reason": "Jag är sjuk"}, headers=teacher.headers
    )
    assert response.status_code == 200 and response.json()["refunded"] is True
    assert (await _order(client, buyer, order_id))["status"] == "refunded"
    body = (await mails_to(db, buyer.email))[-1]["body_text"]
    assert "har ställt in" in body and "Orsak: Jag är sjuk" in body
    refund_again = await client.post(f"/bookings/{booking_id}/refund", headers=teacher.headers)
    assert refund_again.status_code == 409


async def test_nothing_is_refunded_for_a_free_session(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher, price_cents=0, cancellation_window_hours=72)
    booked = await order_slot(client, buyer, service["id"], at(1))
    assert booked.status_code == 201 and booked.json()["status"] == "paid"
    [booking] = (await client.get("/bookings", headers=buyer.headers)).json()["items"]
    canceled = await client.post(f"/bookings/{booking['id']}/cancel", headers=buyer.headers)
    assert canceled.status_code == 200 and canceled.json()["refunded"] is False
    grant = await client.post(f"/bookings/{booking['id']}/refund", headers=teacher.headers)
    assert grant.status_code == 409 and grant.json()["error"] == "nothing_to_refund"


async def test_a_started_or_unpaid_booking_cannot_be_cancelled(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher)
    booking_id, _ = await _paid_booking(client, buyer, service, 5)
    await shift_booking(db, booking_id, -timedelta(days=6))
    started = await client.post(f"/bookings/{booking_id}/cancel", headers=buyer.headers)
    assert started.status_code == 409 and started.json()["error"] == "booking_started"
    long_reason = await client.post(
        f"/bookings/{booking_id}/cancel", json={"reason": "x" * 501}, headers=buyer.headers
    )
    assert long_reason.status_code == 422


async def test_a_full_refund_of_the_order_cancels_the_booking(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher)
    booking_id, order_id = await _paid_booking(client, buyer, service, 5)
    partial = await client.post(
        f"/orders/{order_id}/refund", json={"amount_cents": 10000}, headers=teacher.headers
    )
    assert partial.status_code == 202
    still = (await client.get(f"/bookings/{booking_id}", headers=buyer.headers)).json()
    assert still["status"] == "booked"
    full = await client.post(f"/orders/{order_id}/refund", json={}, headers=teacher.headers)
    assert full.status_code == 202
    gone = (await client.get(f"/bookings/{booking_id}", headers=buyer.headers)).json()
    assert gone["status"] == "canceled" and gone["refunded"] is True
    assert (await mails_to(db, buyer.email))[-1]["subject"].startswith("Avbokat:")


async def test_rescheduling_moves_the_session_without_paying_again(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer, other = await make_user("student"), await make_user("student")
    stranger = await make_user("student")
    service = await bookable_teacher(client, teacher, cancellation_window_hours=24)
    booking_id, order_id = await _paid_booking(client, buyer, service, 5, 10)
    await _paid_booking(client, other, service, 5, 14)
    path = f"/bookings/{booking_id}/reschedule"

    assert (await client.post(path, json={"slot_start": iso(at(6, 11))})).status_code == 401
    foreign = await client.post(path, json={"slot_start": iso(at(6, 11))}, headers=stranger.headers)
    assert foreign.status_code == 404
    taken = await client.post(path, json={"slot_start": iso(at(5, 14))}, headers=buyer.headers)
    assert taken.status_code == 409 and taken.json()["error"] == "slot_taken"
    off_grid = await client.post(
        path, json={"slot_start": iso(at(6, 11) + timedelta(minutes=20))}, headers=buyer.headers
    )
    assert off_grid.status_code == 409 and off_grid.json()["error"] == "slot_unavailable"
    same = await client.post(path, json={"slot_start": iso(at(5, 10))}, headers=buyer.headers)
    assert same.status_code == 422 and same.json()["error"] == "same_time"

    moved = await client.post(path, json={"slot_start": iso(at(6, 11))}, headers=buyer.headers)
    assert moved.status_code == 200, moved.text
    assert moved.json()["starts_at"].replace("+00:00", "Z") == iso(at(6, 11))
    assert moved.json()["sequence"] == 1 and moved.json()["status"] == "booked"
    order = await _order(client, buyer, order_id)
    assert order["status"] == "paid" and order["refunded_cents"] == 0
    assert (
        await db.fetchval(
            "SELECT count(*) FROM app.payments WHERE order_id = $1", uuid.UUID(order_id)
        )
        == 1
    )
    for person in (buyer, teacher):
        mail = (await mails_to(db, person.email))[-1]
        assert mail["subject"].startswith("Ny tid:")
        calendar = _calendar_of(mail)
        assert "METHOD:REQUEST\r\n" in calendar and "SEQUENCE:1\r\n" in calendar
        assert f"DTSTART:{at(6, 11).strftime('%Y%m%dT%H%M%SZ')}" in calendar
    # The old time is free for others again.
    assert (await order_slot(client, stranger, service["id"], at(5, 10))).status_code == 201


async def test_only_the_teacher_moves_a_session_inside_the_window(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher, cancellation_window_hours=72)
    booking_id, _ = await _paid_booking(client, buyer, service, 1)
    path = f"/bookings/{booking_id}/reschedule"
    late = await client.post(path, json={"slot_start": iso(at(8, 11))}, headers=buyer.headers)
    assert late.status_code == 409 and late.json()["error"] == "reschedule_window_passed"
    moved = await client.post(path, json={"slot_start": iso(at(8, 11))}, headers=teacher.headers)
    assert moved.status_code == 200 and moved.json()["sequence"] == 1


async def test_the_teacher_marks_attendance_after_the_start(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher)
    booking_id, order_id = await _paid_booking(client, buyer, service, 3)
    second_id, _ = await _paid_booking(client, buyer, service, 4)
    path = f"/bookings/{booking_id}/attendance"
    early = await client.post(path, json={"status": "completed"}, headers=teacher.headers)
    assert early.status_code == 409 and early.json()["error"] == "booking_not_started"
    await shift_booking(db, booking_id, -timedelta(days=4))
    by_student = await client.post(path, json={"status": "completed"}, headers=buyer.headers)
    assert by_student.status_code == 403
    bad = await client.post(path, json={"status": "late"}, headers=teacher.headers)
    assert bad.status_code == 422
    done = await client.post(path, json={"status": "completed"}, headers=teacher.headers)
    assert done.status_code == 200 and done.json()["status"] == "completed"
    assert (await _order(client, buyer, order_id))["status"] == "fulfilled"

    await shift_booking(db, second_id, -timedelta(days=6))
    absent = await client.post(
        f"/bookings/{second_id}/attendance", json={"status": "no_show"}, headers=teacher.headers
    )
    assert absent.status_code == 200 and absent.json()["status"] == "no_show"
    # A no-show can still be refunded as a gesture.
    gesture = await client.post(f"/bookings/{second_id}/refund", headers=teacher.headers)
    assert gesture.status_code == 200 and gesture.json()["refunded"] is True


async def test_the_teacher_sets_where_the_session_takes_place(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher)
    booking_id, _ = await _paid_booking(client, buyer, service, 3)
    path = f"/bookings/{booking_id}"
    by_student = await client.patch(path, json={"location": "Hemma"}, headers=buyer.headers)
    assert by_student.status_code == 403
    empty = await client.patch(path, json={}, headers=teacher.headers)
    assert empty.status_code == 422
    bad_url = await client.patch(
        path, json={"meeting_url": "javascript:alert(1)"}, headers=teacher.headers
    )
    assert bad_url.status_code == 422
    changed = await client.patch(
        path, json={"meeting_url": "https://meet.example.se/nytt-rum"}, headers=teacher.headers
    )
    assert changed.status_code == 200
    assert changed.json()["meeting_url"] == "https://meet.example.se/nytt-rum"
    assert changed.json()["sequence"] == 1
    mail = (await mails_to(db, buyer.email))[-1]
    assert mail["subject"].startswith("Uppdaterad:") and "nytt-rum" in mail["body_text"]
    assert "URL:https://meet.example.se/nytt-rum" in _calendar_of(mail)
