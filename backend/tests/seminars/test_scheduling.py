"""Teachers schedule, edit and cancel seminars; anyone lists and reads them."""

import uuid
from datetime import datetime, timedelta

import asyncpg
import httpx
import pytest

from app.pagination import encode_cursor
from tests.conftest import MakeUser
from tests.seminars.helpers import create_seminar, in_, move_seminar, register, seated_ids


async def test_creating_needs_a_teacher(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    body = {
        "title": "Andning",
        "starts_at": in_(timedelta(days=1)).isoformat(),
        "duration_minutes": 60,
        "capacity": 5,
    }
    assert (await client.post("/seminars", json=body)).status_code == 401
    student = await make_user("student")
    r = await client.post("/seminars", json=body, headers=student.headers)
    assert r.status_code == 403
    assert r.json()["error"] == "teacher_required"


async def test_a_teacher_creates_a_seminar_and_the_feed_shows_it(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher", display_name="Astrid Lind")
    seminar = await create_seminar(
        client, teacher, capacity=12, price_cents=15000, allow_speaking=True, duration_minutes=90
    )
    assert seminar["host_id"] == str(teacher.id)
    assert seminar["host_display_name"] == "Astrid Lind"
    assert seminar["status"] == "scheduled"
    assert seminar["duration_minutes"] == 90
    assert (seminar["capacity"], seminar["seats_taken"], seminar["seats_left"]) == (12, 0, 12)
    assert (seminar["price_cents"], seminar["currency"], seminar["is_free"]) == (
        15000,
        "SEK",
        False,
    )
    assert seminar["allow_speaking"] is True
    activity = await db.fetchrow(
        "SELECT * FROM app.activities WHERE subject_id = $1", uuid.UUID(seminar["id"])
    )
    assert activity["kind"] == "seminar_created"
    assert activity["subject_type"] == "seminar"
    assert activity["actor_id"] == teacher.id
    assert activity["subject_title"] == "Fullmånemeditation"
    assert activity["summary"].startswith("Live ")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts_at": "past"}, "starts_at"),
        ({"starts_at": "2030-01-01T18:00:00"}, "starts_at"),  # no time zone
        ({"capacity": 0}, "capacity"),
        ({"price_cents": 100}, "price_cents"),
        ({"duration_minutes": 2}, "duration_minutes"),
        ({"title": "   "}, "title"),
    ],
)
async def test_bad_seminars_are_refused(
    client: httpx.AsyncClient, make_user: MakeUser, change: dict[str, object], field: str
) -> None:
    teacher = await make_user("teacher")
    body: dict[str, object] = {
        "title": "Andning",
        "starts_at": in_(timedelta(days=1)).isoformat(),
        "duration_minutes": 60,
        "capacity": 5,
        "price_cents": 0,
    }
    body.update(change)
    if body["starts_at"] == "past":
        body["starts_at"] = in_(-timedelta(hours=1)).isoformat()
    r = await client.post("/seminars", json=body, headers=teacher.headers)
    assert r.status_code == 422, r.text
    assert field in r.text


async def test_the_list_is_upcoming_first_with_filters_and_keyset_pages(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    astrid = await make_user("teacher")
    johan = await make_user("teacher")
    later = await create_seminar(client, astrid, title="Senare", starts_in=timedelta(days=5))
    sooner = await create_seminar(client, johan, title="Snart", starts_in=timedelta(days=1))
    paid = await create_seminar(
        client, astrid, title="Betald", starts_in=timedelta(days=3), price_cents=20000
    )
    past = await create_seminar(client, johan, title="Förbi", starts_in=timedelta(days=2))
    await move_seminar(db, past["id"], -timedelta(days=1))
    canceled = await create_seminar(client, johan, title="Inställd", starts_in=timedelta(days=2))
    r = await client.post(f"/seminars/{canceled['id']}/cancel", headers=johan.headers)
    assert r.status_code == 200

    r = await client.get("/seminars")
    assert r.status_code == 200
    assert [s["title"] for s in r.json()["items"]] == ["Snart", "Betald", "Senare"]

    r = await client.get("/seminars", params={"teacher": str(astrid.id)})
    assert [s["id"] for s in r.json()["items"]] == [paid["id"], later["id"]]
    r = await client.get("/seminars", params={"free": "true"})
    assert [s["id"] for s in r.json()["items"]] == [sooner["id"], later["id"]]
    r = await client.get("/seminars", params={"free": "false"})
    assert [s["id"] for s in r.json()["items"]] == [paid["id"]]
    r = await client.get("/seminars", params={"from": in_(timedelta(days=2)).isoformat()})
    assert [s["id"] for s in r.json()["items"]] == [paid["id"], later["id"]]

    first = (await client.get("/seminars", params={"limit": 2})).json()
    assert [s["title"] for s in first["items"]] == ["Snart", "Betald"]
    assert first["next_cursor"]
    second = (
        await client.get("/seminars", params={"limit": 2, "cursor": first["next_cursor"]})
    ).json()
    assert [s["title"] for s in second["items"]] == ["Senare"]
    assert second["next_cursor"] is None

    for cursor in ("inte-en-markör", encode_cursor({"x": 1})):
        r = await client.get("/seminars", params={"cursor": cursor})
        assert r.status_code == 400
        assert r.json()["error"] == "invalid_cursor"
    assert (await client.get("/seminars", params={"limit": 101})).status_code == 422


async def test_one_seminar_shows_seats_left_and_the_callers_place(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    seminar = await create_seminar(client, teacher, capacity=3)
    student = await make_user("student")
    assert (await register(client, seminar["id"], student)).status_code == 201

    r = await client.get(f"/seminars/{seminar['id']}")
    assert r.status_code == 200
    body = r.json()
    assert (body["seats_taken"], body["seats_left"]) == (1, 2)
    assert body["viewer"] is None

    mine = (await client.get(f"/seminars/{seminar['id']}", headers=student.headers)).json()
    assert mine["viewer"] == {
        "is_host": False,
        "seated": True,
        "waitlist_status": None,
        "waitlist_position": None,
        "offer_expires_at": None,
        "hold_order_id": None,
        "hold_expires_at": None,
    }
    host_view = (await client.get(f"/seminars/{seminar['id']}", headers=teacher.headers)).json()
    assert host_view["viewer"]["is_host"] is True

    r = await client.get(f"/seminars/{uuid.uuid4()}")
    assert r.status_code == 404
    assert r.json()["error"] == "seminar_not_found"


async def test_only_the_host_edits(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host, capacity=2)
    path = f"/seminars/{seminar['id']}"
    assert (await client.patch(path, json={"title": "Ny"})).status_code == 401
    other = await make_user("teacher")
    r = await client.patch(path, json={"title": "Ny"}, headers=other.headers)
    assert r.status_code == 403
    assert r.json()["error"] == "not_host"
    r = await client.patch(f"/seminars/{uuid.uuid4()}", json={"title": "Ny"}, headers=host.headers)
    assert r.status_code == 404

    r = await client.patch(
        path,
        json={"title": "Nymånemeditation", "capacity": 4, "duration_minutes": 45},
        headers=host.headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["title"], body["capacity"], body["duration_minutes"]) == (
        "Nymånemeditation",
        4,
        45,
    )
    assert datetime.fromisoformat(body["starts_at"]) == datetime.fromisoformat(seminar["starts_at"])
    stored = await db.fetchrow("SELECT * FROM app.seminars WHERE id = $1", uuid.UUID(seminar["id"]))
    assert stored["ends_at"] - stored["starts_at"] == timedelta(minutes=45)


async def test_moving_the_start_tells_attendees_and_resets_reminders(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host, starts_in=timedelta(hours=20))
    student = await make_user("student")
    await register(client, seminar["id"], student)
    await db.execute(
        "INSERT INTO app.seminar_reminders (seminar_id, user_id, kind) VALUES ($1, $2, '24h')",
        uuid.UUID(seminar["id"]),
        student.id,
    )
    new_start = in_(timedelta(days=3))
    r = await client.patch(
        f"/seminars/{seminar['id']}",
        json={"starts_at": new_start.isoformat()},
        headers=host.headers,
    )
    assert r.status_code == 200
    stored = await db.fetchrow("SELECT * FROM app.seminars WHERE id = $1", uuid.UUID(seminar["id"]))
    assert abs(stored["starts_at"] - new_start) < timedelta(seconds=1)
    assert stored["ends_at"] - stored["starts_at"] == timedelta(minutes=60)
    assert await db.fetchval("SELECT count(*) FROM app.seminar_reminders") == 0
    mail = await db.fetchrow(
        "SELECT * FROM app.mail_outbox WHERE user_id = $1 AND kind = 'seminar_rescheduled'",
        student.id,
    )
    assert mail["subject"] == "Ny tid: Fullmånemeditation"
    assert "ny tid" in mail["body_text"]

    r = await client.patch(
        f"/seminars/{seminar['id']}",
        json={"starts_at": in_(-timedelta(hours=1)).isoformat()},
        headers=host.headers,
    )
    assert r.status_code == 422
    assert r.json()["error"] == "starts_in_past"


async def test_edits_that_would_break_seats_are_refused(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host, capacity=3)
    path = f"/seminars/{seminar['id']}"
    for _ in range(2):
        assert (
            await register(client, seminar["id"], await make_user("student"))
        ).status_code == 201
    r = await client.patch(path, json={"capacity": 1}, headers=host.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "capacity_below_seats"
    r = await client.patch(path, json={"price_cents": 9900}, headers=host.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "price_locked"
    assert (await client.patch(path, json={}, headers=host.headers)).status_code == 422
    assert (await client.patch(path, json={"title": None}, headers=host.headers)).status_code == 422
    assert (await client.patch(path, json={"capacity": 2}, headers=host.headers)).status_code == 200


async def test_canceling_releases_seats_and_tells_everyone(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host, capacity=1)
    path = f"/seminars/{seminar['id']}/cancel"
    assert (await client.post(path)).status_code == 401
    seated = await make_user("student")
    await register(client, seminar["id"], seated)
    waiting = await make_user("student")
    r = await client.post(f"/seminars/{seminar['id']}/waitlist", headers=waiting.headers)
    assert r.status_code == 201
    r = await client.post(path, headers=seated.headers)
    assert r.status_code == 403

    r = await client.post(path, json={"reason": "Jag är sjuk."}, headers=host.headers)
    assert r.status_code == 200
    assert r.json()["status"] == "canceled"
    assert await seated_ids(db, seminar["id"]) == set()
    assert (
        await db.fetchval(
            "SELECT count(*) FROM app.seminar_waitlist WHERE status IN ('waiting', 'offered')"
        )
        == 0
    )
    mail = await db.fetchrow(
        "SELECT * FROM app.mail_outbox WHERE user_id = $1 AND kind = 'seminar_canceled'", seated.id
    )
    assert mail["subject"] == "Inställt: Fullmånemeditation"
    assert "Jag är sjuk." in mail["body_text"]
    assert "tillbaka" not in mail["body_text"]  # nothing was paid
    note = await db.fetchrow("SELECT * FROM app.notifications WHERE user_id = $1", seated.id)
    assert note["kind"] == "seminar_reminder" and note["data"]["type"] == "canceled"
    audit = await db.fetchrow("SELECT * FROM app.audit_log WHERE action = 'seminar.cancel'")
    assert audit["actor_id"] == host.id

    r = await client.post(path, headers=host.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "not_cancelable"
    r = await client.patch(f"/seminars/{seminar['id']}", json={"title": "X"}, headers=host.headers)
    assert r.status_code == 409
    assert (await register(client, seminar["id"], await make_user("student"))).json()[
        "error"
    ] == "seminar_canceled"


async def test_an_admin_may_cancel_any_seminar(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    seminar = await create_seminar(client, await make_user("teacher"))
    admin = await make_user("admin")
    r = await client.post(f"/seminars/{seminar['id']}/cancel", headers=admin.headers)
    assert r.status_code == 200
    assert r.json()["status"] == "canceled"
