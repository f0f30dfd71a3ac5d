"""Seats of free seminars, the waitlist and the attendee list; capacity under concurrency."""

import asyncio
import uuid
from collections import Counter

import asyncpg
import httpx

from tests.conftest import MakeUser
from tests.seminars.helpers import create_seminar, register, seated_ids


async def test_registering_needs_an_account_and_a_free_seminar(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    host = await make_user("teacher")
    free = await create_seminar(client, host)
    paid = await create_seminar(client, host, price_cents=15000)
    assert (await client.post(f"/seminars/{free['id']}/register")).status_code == 401
    r = await register(client, free["id"], host)
    assert r.status_code == 403
    assert r.json()["error"] == "own_seminar"
    student = await make_user("student")
    r = await register(client, paid["id"], student)
    assert r.status_code == 409
    assert r.json()["error"] == "payment_required"
    r = await client.post(f"/seminars/{uuid.uuid4()}/register", headers=student.headers)
    assert r.status_code == 404


async def test_a_student_takes_a_free_seat_once(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(client, await make_user("teacher"), capacity=1)
    student = await make_user("student")
    r = await register(client, seminar["id"], student)
    assert r.status_code == 201
    body = r.json()
    assert (body["status"], body["user_id"], body["order_id"]) == ("seated", str(student.id), None)
    r = await register(client, seminar["id"], student)
    assert r.status_code == 409
    assert r.json()["error"] == "already_registered"
    r = await register(client, seminar["id"], await make_user("student"))
    assert r.status_code == 409
    assert r.json()["error"] == "seminar_full"
    assert "waitlist" in r.json()["detail"]
    assert await seated_ids(db, seminar["id"]) == {student.id}


async def test_fifty_concurrent_registrations_for_ten_seats_give_exactly_ten(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(client, await make_user("teacher"), capacity=10)
    students = [await make_user("student") for _ in range(50)]
    responses = await asyncio.gather(*(register(client, seminar["id"], s) for s in students))
    assert Counter(r.status_code for r in responses) == {201: 10, 409: 40}
    assert {r.json()["error"] for r in responses if r.status_code == 409} == {"seminar_full"}
    winners = {s.id for s, r in zip(students, responses, strict=True) if r.status_code == 201}
    assert await seated_ids(db, seminar["id"]) == winners
    after = (await client.get(f"/seminars/{seminar['id']}")).json()
    assert (after["seats_taken"], after["seats_left"]) == (10, 0)


async def test_giving_up_a_seat(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(client, await make_user("teacher"), capacity=1)
    path = f"/seminars/{seminar['id']}/registration"
    assert (await client.delete(path)).status_code == 401
    student = await make_user("student")
    r = await client.delete(path, headers=student.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "not_registered"
    await register(client, seminar["id"], student)
    r = await client.delete(path, headers=student.headers)
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["refunded"]) == ("canceled", False)
    assert await seated_ids(db, seminar["id"]) == set()
    # The seat is free again, also for the same student.
    assert (await register(client, seminar["id"], student)).status_code == 201


async def test_the_waitlist_is_served_in_order_when_a_seat_frees(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(client, await make_user("teacher"), capacity=1)
    waitlist = f"/seminars/{seminar['id']}/waitlist"
    first_seated = await make_user("student")
    assert (await client.post(waitlist)).status_code == 401
    r = await client.post(waitlist, headers=first_seated.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "seats_available"
    await register(client, seminar["id"], first_seated)
    r = await client.post(waitlist, headers=first_seated.headers)
    assert r.json()["error"] == "already_registered"

    anna, bo = await make_user("student"), await make_user("student")
    r = await client.post(waitlist, headers=anna.headers)
    assert r.status_code == 201
    assert (r.json()["status"], r.json()["position"]) == ("waiting", 1)
    assert (await client.post(waitlist, headers=bo.headers)).json()["position"] == 2
    r = await client.post(waitlist, headers=anna.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "already_waiting"
    bo_view = (await client.get(f"/seminars/{seminar['id']}", headers=bo.headers)).json()
    assert (bo_view["viewer"]["waitlist_status"], bo_view["viewer"]["waitlist_position"]) == (
        "waiting",
        2,
    )

    r = await client.delete(f"/seminars/{seminar['id']}/registration", headers=first_seated.headers)
    assert r.status_code == 200
    # A free seminar seats the first in line at once and tells them.
    assert await seated_ids(db, seminar["id"]) == {anna.id}
    mail = await db.fetchrow(
        "SELECT * FROM app.mail_outbox WHERE user_id = $1 AND kind = 'seminar_seat_granted'",
        anna.id,
    )
    assert mail["subject"] == "Du har fått en plats: Fullmånemeditation"
    note = await db.fetchrow("SELECT * FROM app.notifications WHERE user_id = $1", anna.id)
    assert note["data"] == {"type": "seat_granted", "seminar_id": seminar["id"]}
    bo_view = (await client.get(f"/seminars/{seminar['id']}", headers=bo.headers)).json()
    assert bo_view["viewer"]["waitlist_position"] == 1

    assert (await client.delete(waitlist, headers=bo.headers)).status_code == 204
    r = await client.delete(waitlist, headers=bo.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "not_waiting"


async def test_freed_seats_go_to_the_waitlist_even_when_newcomers_race_for_them(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(client, await make_user("teacher"), capacity=5)
    seated = [await make_user("student") for _ in range(5)]
    for s in seated:
        assert (await register(client, seminar["id"], s)).status_code == 201
    waiting = [await make_user("student") for _ in range(5)]
    for w in waiting:
        r = await client.post(f"/seminars/{seminar['id']}/waitlist", headers=w.headers)
        assert r.status_code == 201
    newcomers = [await make_user("student") for _ in range(10)]

    leaving = [
        client.delete(f"/seminars/{seminar['id']}/registration", headers=s.headers)
        for s in seated[:3]
    ]
    racing = [register(client, seminar["id"], n) for n in newcomers]
    responses = await asyncio.gather(*leaving, *racing)
    assert [r.status_code for r in responses[:3]] == [200, 200, 200]
    assert {r.status_code for r in responses[3:]} == {409}
    assert await seated_ids(db, seminar["id"]) == {s.id for s in seated[3:]} | {
        w.id for w in waiting[:3]
    }


async def test_the_host_sees_attendees_with_emails_and_attendees_only_names(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host)
    path = f"/seminars/{seminar['id']}/attendees"
    anna = await make_user("student", display_name="Anna Ek")
    bo = await make_user("student", display_name="Bo Lind")
    for s in (anna, bo):
        await register(client, seminar["id"], s)
    assert (await client.get(path)).status_code == 401
    r = await client.get(path, headers=(await make_user("student")).headers)
    assert r.status_code == 403
    assert r.json()["error"] == "not_attendee"
    r = await client.get(f"/seminars/{uuid.uuid4()}/attendees", headers=host.headers)
    assert r.status_code == 404

    r = await client.get(path, headers=host.headers)
    assert r.status_code == 200
    items = r.json()["items"]
    assert [(i["display_name"], i["email"], i["paid"]) for i in items] == [
        ("Anna Ek", anna.email, False),
        ("Bo Lind", bo.email, False),
    ]
    r = await client.get(path, headers=anna.headers)
    assert r.status_code == 200
    assert r.json()["items"] == [
        {"user_id": str(anna.id), "display_name": "Anna Ek"},
        {"user_id": str(bo.id), "display_name": "Bo Lind"},
    ]
    assert bo.email not in r.text

    page = (await client.get(path, params={"limit": 1}, headers=host.headers)).json()
    assert [i["display_name"] for i in page["items"]] == ["Anna Ek"]
    rest = (
        await client.get(
            path, params={"limit": 1, "cursor": page["next_cursor"]}, headers=host.headers
        )
    ).json()
    assert [i["display_name"] for i in rest["items"]] == ["Bo Lind"]
    assert rest["next_cursor"] is None


async def test_more_capacity_seats_the_waitlist_at_once(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host, capacity=1)
    await register(client, seminar["id"], await make_user("student"))
    waiting = [await make_user("student") for _ in range(3)]
    for w in waiting:
        await client.post(f"/seminars/{seminar['id']}/waitlist", headers=w.headers)
    r = await client.patch(f"/seminars/{seminar['id']}", json={"capacity": 3}, headers=host.headers)
    assert r.status_code == 200
    assert (r.json()["seats_taken"], r.json()["seats_left"]) == (3, 0)
    assert {w.id for w in waiting[:2]} <= await seated_ids(db, seminar["id"])
    view = (await client.get(f"/seminars/{seminar['id']}", headers=waiting[2].headers)).json()
    assert view["viewer"]["waitlist_position"] == 1
