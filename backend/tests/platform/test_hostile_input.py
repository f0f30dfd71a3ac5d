"""Hostile input is a 4xx in the usual error envelope, never a 500: NUL characters in the URL or
in any JSON text (app/inputguard.py), numbers beyond PostgreSQL's integer and bigint and dates
at year 1 or 9999 with offsets (app/errors.py maps what the database refuses to 422),
whitespace-only titles (app/textfields.py), a huge Last-Event-ID and absurd signed LiveKit
events. Each case also checks that nothing was written."""

import json
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import httpx
import pytest

from app.inputguard import JsonNulScanner
from tests.conftest import Account, MakeUser
from tests.courses.helpers import build_course
from tests.seminars.helpers import create_seminar
from tests.seminars.test_sfu import event_body, send, sign


def _refused(r: httpx.Response, status: int = 422) -> dict[str, str]:
    assert r.status_code == status, r.text
    body: dict[str, str] = r.json()
    assert set(body) >= {"error", "detail"} and body["detail"]
    return body


# --- NUL --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/courses?q=%00",
        "/teachers?q=fuzz%00value",
        "/services?q=%00",
        "/certificates/verify/%00",
        "/certificates/verify/abc%00def",
        "/payments/dummy/checkout/%00",
    ],
)
async def test_nul_in_a_query_parameter_or_path_segment_is_422(
    client: httpx.AsyncClient, url: str
) -> None:
    body = _refused(await client.get(url))
    assert body["error"] == "validation_error" and "NUL" in body["detail"]


async def test_nul_in_any_json_text_field_is_422_and_nothing_is_written(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    user = await make_user("student")
    teacher = await make_user("teacher")
    for method, path, body, who in (
        ("POST", "/wall/posts", {"body": "Hej\u0000då"}, user),
        ("PATCH", "/me", {"bio": "\u0000"}, user),
        ("POST", "/teacher-applications", {"motivation": "Jag vill\u0000 lära ut"}, user),
        (
            "POST",
            "/services",
            {
                "title": "Healing",
                "description": "\u0000",
                "kind": "session",
                "duration_minutes": 60,
                "price_cents": 50000,
            },
            teacher,
        ),
        ("POST", "/auth/login", {"email": "a@b.se", "password": "x\u0000"}, None),
        ("POST", "/wall/posts", {"body": "ok", "\u0000": "key"}, user),
    ):
        r = await client.request(method, path, json=body, headers=who.headers if who else {})
        assert _refused(r)["error"] == "validation_error", (path, r.text)
    assert await db.fetchval("SELECT count(*) FROM app.wall_posts") == 0
    assert await db.fetchval("SELECT count(*) FROM app.services") == 0
    assert await db.fetchval("SELECT count(*) FROM app.teacher_applications") == 0
    assert await db.fetchval("SELECT bio FROM app.profiles WHERE user_id = $1", user.id) in (
        "",
        None,
    )


async def test_the_six_characters_backslash_u0000_are_ordinary_text(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user("student")
    text = "Skriv \\u0000 i koden"  # a backslash, then u0000: no NUL
    r = await client.post("/wall/posts", json={"body": text}, headers=user.headers)
    assert r.status_code == 201, r.text
    assert r.json()["body"] == text


def test_a_nul_escape_split_across_chunks_is_found_wherever_the_split_falls() -> None:
    for body, has_nul in (
        (b'{"body": "ab\\u0000cd"}', True),
        (b'{"body": "ab\\\\\\u0000cd"}', True),  # \\ then \u0000
        (b'{"body": "ab\\\\u0000cd"}', False),  # \\ then u0000: text
        (b'{"body": "ab\\u00000"}', True),
        (b'{"body": "ab\\u0001"}', False),
    ):
        for cut in range(len(body) + 1):
            scanner = JsonNulScanner()
            found = scanner.feed(body[:cut])
            found = scanner.feed(body[cut:]) or found
            assert found is has_nul, (body, cut)
        # One byte at a time.
        scanner = JsonNulScanner()
        assert any([scanner.feed(body[i : i + 1]) for i in range(len(body))]) is has_nul


# --- numbers beyond the database's range --------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/services?min_price=2147483648",  # integer + 1
        "/services?max_price=9223372036854775808",  # bigint + 1
        "/services?min_price=100000000000000000000000000000000000000",
    ],
)
async def test_numbers_beyond_integer_or_bigint_in_a_query_are_422(
    client: httpx.AsyncClient, db: asyncpg.Connection, url: str
) -> None:
    assert _refused(await client.get(url))["error"] == "validation_error"
    # asyncpg refused the argument after sending the statement unsynced: the connection went
    # back to the pool with that implicit transaction ended, holding no locks.
    in_transaction = await db.fetchval(
        """SELECT count(*) FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()
             AND xact_start IS NOT NULL"""
    )
    assert in_transaction == 0


async def test_huge_ids_are_422(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    user = await make_user("student")
    await db.execute(
        "INSERT INTO app.notifications (user_id, kind, title) VALUES ($1, 'message', 'Hej')",
        user.id,
    )
    for ids in ([2**63], [1, -(2**63) - 1], [10**30]):
        r = await client.post("/notifications/read", json={"ids": ids}, headers=user.headers)
        assert _refused(r)["error"] == "validation_error", ids
    assert await db.fetchval("SELECT count(*) FROM app.notifications WHERE read_at IS NULL") == 1
    r = await client.post(
        f"/messages/{2**63}/report", json={"reason": "Otrevligt"}, headers=user.headers
    )
    _refused(r)


# --- dates at the calendar's edges --------------------------------------------------------------


@pytest.mark.parametrize(
    "moment",
    [
        "0001-01-01T00:00:00+14:00",  # before year 1 in UTC
        "9999-12-31T23:59:59-14:00",  # after year 9999 in UTC
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999Z",
    ],
)
async def test_dates_near_year_1_or_9999_are_4xx(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection, moment: str
) -> None:
    teacher = await make_user("teacher")
    for path in ("/seminars", "/bookings"):
        r = await client.get(path, params={"from": moment}, headers=teacher.headers)
        assert r.status_code == 200 or _refused(r)["error"] == "validation_error", (path, r.text)
    r = await client.post(
        "/seminars",
        json={
            "title": "Kväll",
            "starts_at": moment,
            "duration_minutes": 60,
            "capacity": 5,
        },
        headers=teacher.headers,
    )
    assert 400 <= r.status_code < 500, r.text
    assert set(r.json()) >= {"error", "detail"}
    assert await db.fetchval("SELECT count(*) FROM app.seminars") == 0


async def test_an_offset_that_pushes_a_date_past_the_calendar_is_422(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    for moment in ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"):
        r = await client.get("/seminars", params={"from": moment}, headers=teacher.headers)
        assert _refused(r)["error"] == "validation_error", moment


# --- whitespace-only titles ---------------------------------------------------------------------


@pytest.mark.parametrize("title", ["   ", "\t\n", "\u00a0 \u00a0"])
async def test_whitespace_only_titles_are_422_and_titles_are_trimmed(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection, title: str
) -> None:
    teacher = await make_user("teacher")
    course = await build_course(client, teacher, modules=1, lessons_per_module=1, publish=False)
    service = {"kind": "session", "duration_minutes": 60, "price_cents": 50000}
    for method, path, body in (
        ("POST", "/services", {"title": title, **service}),
        ("POST", f"/studio/courses/{course.id}/modules", {"title": title}),
        ("PATCH", f"/studio/modules/{course.module_ids[0]}", {"title": title}),
        ("POST", f"/studio/modules/{course.module_ids[0]}/lessons", {"title": title}),
        ("PATCH", f"/studio/lessons/{course.lesson_ids[0]}", {"title": title}),
        ("POST", "/studio/courses", {"title": title}),
        (
            "POST",
            "/seminars",
            {"title": title, "starts_at": _in_days(3), "duration_minutes": 60, "capacity": 5},
        ),
    ):
        r = await client.request(method, path, json=body, headers=teacher.headers)
        assert _refused(r)["error"] == "validation_error", (path, r.text)
    assert await db.fetchval("SELECT count(*) FROM app.services") == 0
    assert await db.fetchval("SELECT count(*) FROM app.course_modules") == 1
    assert await db.fetchval("SELECT count(*) FROM app.lessons") == 1
    titles = await db.fetch(
        "SELECT title FROM app.course_modules UNION ALL SELECT title FROM app.lessons"
    )
    assert all(row["title"].strip() for row in titles)

    r = await client.post(
        "/services", json={"title": "  Samtal  ", **service}, headers=teacher.headers
    )
    assert r.status_code == 201 and r.json()["title"] == "Samtal"


def _in_days(days: int) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


# --- the event stream -----------------------------------------------------------------------------


@pytest.mark.parametrize("last", [str(2**63), "9" * 40])
async def test_a_huge_last_event_id_is_400_before_the_stream_starts(
    client: httpx.AsyncClient, make_user: MakeUser, last: str
) -> None:
    user = await make_user("student")
    for params, headers in (
        ({"last_event_id": last}, user.headers),
        ({}, {**user.headers, "Last-Event-ID": last}),
    ):
        r = await client.get("/feed/stream", params=params, headers=headers)
        assert _refused(r, 400)["error"] == "invalid_last_event_id"


# --- signed LiveKit events -----------------------------------------------------------------------


async def test_a_signed_livekit_event_with_an_absurd_created_at_is_400(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host: Account = await make_user("teacher")
    seminar = await create_seminar(client, host)
    room = f"seminar-{seminar['id']}"
    for created in (2**63 - 1, -(2**62)):
        body = _with_created_at(event_body("room_finished", room), created)
        r = await send(client, body, sign(body))
        assert _refused(r, 400)["error"] == "invalid_event"
    status = await db.fetchval(
        "SELECT status FROM app.seminars WHERE id = $1", uuid.UUID(seminar["id"])
    )
    assert status == "scheduled"


def _with_created_at(body: bytes, created: int) -> bytes:
    event = json.loads(body)
    event["createdAt"] = str(created)
    return json.dumps(event).encode()
