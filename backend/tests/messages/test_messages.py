"""Direct messages: who may write to whom, privacy of conversations, unread counts, blocks."""

import uuid
from datetime import UTC, datetime
from typing import Any

import asyncpg
import httpx
import pytest

from tests.conftest import Account, MakeUser
from tests.seminars.helpers import create_seminar, register

NOBODY = uuid.UUID("00000000-0000-4000-8000-0000000b0d1e")  # fixed: xdist workers collect alike


async def _open(client: httpx.AsyncClient, sender: Account, receiver: Account) -> httpx.Response:
    return await client.post(
        "/conversations", json={"user_id": str(receiver.id)}, headers=sender.headers
    )


async def _conversation(client: httpx.AsyncClient, sender: Account, receiver: Account) -> str:
    r = await _open(client, sender, receiver)
    assert r.status_code in (200, 201), r.text
    conversation_id: str = r.json()["id"]
    return conversation_id


async def _send(
    client: httpx.AsyncClient, user: Account, conversation_id: str, body: str
) -> httpx.Response:
    return await client.post(
        f"/conversations/{conversation_id}/messages", json={"body": body}, headers=user.headers
    )


async def _paid_order(db: asyncpg.Connection, buyer: Account, seller: Account) -> None:
    service_id = await db.fetchval(
        """INSERT INTO app.services (teacher_id, title, kind, duration_minutes, price_cents,
                                     status, published_at)
           VALUES ($1, 'Tarotläsning 60 min', 'reading', 60, 79000, 'active', now())
           RETURNING id""",
        seller.id,
    )
    await db.execute(
        """INSERT INTO app.service_orders (buyer_id, seller_id, item_kind, service_id, item_title,
                                           amount_cents, status, paid_at)
           VALUES ($1, $2, 'service', $3, 'Tarotläsning 60 min', 79000, 'paid', $4)""",
        buyer.id,
        seller.id,
        service_id,
        datetime.now(UTC),
    )


async def _enrollment(db: asyncpg.Connection, student: Account, teacher: Account) -> None:
    course_id = await db.fetchval(
        """INSERT INTO app.courses (teacher_id, title, is_intro, status, published_at)
           VALUES ($1, 'Introduktion till meditation', true, 'published', now()) RETURNING id""",
        teacher.id,
    )
    await db.execute(
        "INSERT INTO app.enrollments (user_id, course_id, source) VALUES ($1, $2, 'free')",
        student.id,
        course_id,
    )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/conversations"),
        ("POST", "/conversations"),
        ("GET", f"/conversations/{NOBODY}"),
        ("GET", f"/conversations/{NOBODY}/messages"),
        ("POST", f"/conversations/{NOBODY}/messages"),
        ("POST", f"/conversations/{NOBODY}/read"),
        ("GET", "/blocks"),
        ("POST", "/blocks"),
        ("DELETE", f"/blocks/{NOBODY}"),
    ],
)
async def test_messages_need_a_signed_in_user(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    r = await client.request(method, path, json={"body": "x", "user_id": str(NOBODY)})
    assert r.status_code == 401


async def test_nobody_reads_a_conversation_they_are_not_part_of(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    conversation_id = await _conversation(client, teacher, student)
    assert (await _send(client, teacher, conversation_id, "Hej!")).status_code == 201
    for outsider in (
        await make_user("student"),
        await make_user("teacher"),
        await make_user("admin"),
    ):
        base = f"/conversations/{conversation_id}"
        for method, path in (
            ("GET", base),
            ("GET", f"{base}/messages"),
            ("POST", f"{base}/messages"),
            ("POST", f"{base}/read"),
        ):
            r = await client.request(method, path, json={"body": "Hej"}, headers=outsider.headers)
            assert r.status_code == 404, (outsider.role, method, path)
            assert r.json()["error"] == "conversation_not_found"
        assert (await client.get("/conversations", headers=outsider.headers)).json()["items"] == []


async def test_a_student_writes_only_to_their_teachers(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    student = await make_user("student")
    classmate = await make_user("student")
    stranger = await make_user("teacher")
    for receiver in (classmate, stranger):
        r = await _open(client, student, receiver)
        assert r.status_code == 403 and r.json()["error"] == "messaging_not_allowed"

    bought_from = await make_user("teacher")
    await _paid_order(db, student, bought_from)
    enrolled_with = await make_user("teacher")
    await _enrollment(db, student, enrolled_with)
    host = await make_user("teacher")
    seminar = await create_seminar(client, host)
    assert (await register(client, seminar["id"], student)).status_code in (200, 201)
    for teacher in (bought_from, enrolled_with, host):
        r = await _open(client, student, teacher)
        assert r.status_code == 201, r.text
        assert r.json()["peer"]["id"] == str(teacher.id) and r.json()["last_message"] is None
        sent = await _send(client, student, r.json()["id"], "Hej! Jag har en fråga om kursen.")
        assert sent.status_code == 201, sent.text
    # Opening again finds the same conversation.
    again = await _open(client, student, bought_from)
    assert again.status_code == 200


async def test_teachers_and_admins_write_to_anyone_and_students_may_answer(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    admin = await make_user("admin")
    student = await make_user("student")
    other_student = await make_user("student")
    for sender in (teacher, admin):
        conversation_id = await _conversation(client, sender, student)
        assert (await _send(client, sender, conversation_id, "Hej!")).status_code == 201
        answer = await _send(client, student, conversation_id, "Hej, tack!")
        assert answer.status_code == 201, answer.text
    # An admin wrote to the student; the student still may not start one with another student.
    r = await _open(client, student, other_student)
    assert r.status_code == 403


async def test_conversations_list_messages_and_unread_counts(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher", display_name="Johan Ek")
    other_teacher = await make_user("teacher", display_name="Astrid Lind")
    student = await make_user("student", display_name="Maja Berg")
    first = await _conversation(client, teacher, student)
    second = await _conversation(client, other_teacher, student)
    bodies = [f"Meddelande {n}" for n in range(5)]
    sent = []
    for body in bodies:
        r = await _send(client, teacher, first, body)
        assert r.status_code == 201
        sent.append(r.json())
    assert sent[0]["sender_id"] == str(teacher.id) and sent[0]["recipient_id"] == str(student.id)
    assert sent[0]["read_at"] is None and sent[0]["hidden"] is False
    assert (await _send(client, other_teacher, second, "Välkommen!")).status_code == 201

    listed = (await client.get("/conversations", headers=student.headers)).json()
    assert [c["id"] for c in listed["items"]] == [second, first]  # most recent first
    johan = listed["items"][1]
    assert johan["peer"]["display_name"] == "Johan Ek" and johan["unread_count"] == 5
    assert johan["last_message"]["body"] == "Meddelande 4"
    assert johan["last_message"]["sender_id"] == str(teacher.id)
    page = (
        await client.get("/conversations", params={"limit": "1"}, headers=student.headers)
    ).json()
    assert [c["id"] for c in page["items"]] == [second]
    page = (
        await client.get(
            "/conversations", params={"cursor": page["next_cursor"]}, headers=student.headers
        )
    ).json()
    assert [c["id"] for c in page["items"]] == [first] and page["next_cursor"] is None
    # The sender has nothing unread in it.
    mine = (await client.get(f"/conversations/{first}", headers=teacher.headers)).json()
    assert mine["unread_count"] == 0 and mine["peer"]["display_name"] == "Maja Berg"

    # Messages newest first, in keyset pages.
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        r = await client.get(
            f"/conversations/{first}/messages", params=params, headers=student.headers
        )
        seen.extend(m["body"] for m in r.json()["items"])
        cursor = r.json()["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(bodies))

    # One notification per conversation until the student reads it.
    notes = await db.fetch(
        "SELECT title, link FROM app.notifications WHERE user_id = $1 AND kind = 'message' ORDER BY id",
        student.id,
    )
    assert [n["title"] for n in notes] == [
        "Nytt meddelande från Johan Ek",
        "Nytt meddelande från Astrid Lind",
    ]
    assert notes[0]["link"] == f"/conversations/{first}"

    r = await client.post(f"/conversations/{first}/read", headers=student.headers)
    assert r.status_code == 200
    assert r.json() == {"conversation_id": first, "marked": 5, "unread_count": 0}
    listed = (await client.get("/conversations", headers=student.headers)).json()["items"]
    assert {c["id"]: c["unread_count"] for c in listed} == {first: 0, second: 1}
    messages = (
        await client.get(f"/conversations/{first}/messages", headers=student.headers)
    ).json()
    assert all(m["read_at"] for m in messages["items"])


async def test_blocking_stops_messages(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    teacher = await make_user("teacher", display_name="Johan Ek")
    student = await make_user("student")
    conversation_id = await _conversation(client, teacher, student)
    assert (await _send(client, teacher, conversation_id, "Hej!")).status_code == 201

    r = await client.post("/blocks", json={"user_id": str(teacher.id)}, headers=student.headers)
    assert r.status_code == 201, r.text
    assert r.json()["user"]["display_name"] == "Johan Ek"
    again = await client.post("/blocks", json={"user_id": str(teacher.id)}, headers=student.headers)
    assert again.status_code == 200

    r = await _send(client, teacher, conversation_id, "Hallå?")
    assert r.status_code == 403 and r.json()["error"] == "blocked"
    r = await _open(client, teacher, student)
    assert r.status_code == 403 and r.json()["error"] == "blocked"
    r = await _send(client, student, conversation_id, "Svar")
    assert r.status_code == 403 and r.json()["error"] == "blocked_by_you"
    messages = (
        await client.get(f"/conversations/{conversation_id}/messages", headers=student.headers)
    ).json()
    assert [m["body"] for m in messages["items"]] == ["Hej!"]

    blocks = (await client.get("/blocks", headers=student.headers)).json()
    assert [b["user"]["id"] for b in blocks["items"]] == [str(teacher.id)]
    assert (await client.get("/blocks", headers=teacher.headers)).json()["items"] == []

    assert (
        await client.delete(f"/blocks/{teacher.id}", headers=student.headers)
    ).status_code == 204
    assert (
        await client.delete(f"/blocks/{teacher.id}", headers=student.headers)
    ).status_code == 404
    assert (await _send(client, teacher, conversation_id, "Hej igen")).status_code == 201


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"user_id": "self"}, 422, "own_account"),
        ({"user_id": str(NOBODY)}, 404, "user_not_found"),
        ({"user_id": "not-a-uuid"}, 422, "validation_error"),
        ({}, 422, "validation_error"),
    ],
)
async def test_bad_conversations_and_blocks(
    client: httpx.AsyncClient, make_user: MakeUser, body: dict[str, Any], status: int, error: str
) -> None:
    teacher = await make_user("teacher")
    if body.get("user_id") == "self":
        body = {"user_id": str(teacher.id)}
    for path in ("/conversations", "/blocks"):
        r = await client.post(path, json=body, headers=teacher.headers)
        assert r.status_code == status, (path, r.text)
        assert r.json()["error"] == error


@pytest.mark.parametrize("body", [{}, {"body": ""}, {"body": "   "}, {"body": "x" * 4001}])
async def test_bad_messages_are_refused(
    client: httpx.AsyncClient, make_user: MakeUser, body: dict[str, Any]
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    conversation_id = await _conversation(client, teacher, student)
    r = await client.post(
        f"/conversations/{conversation_id}/messages", json=body, headers=teacher.headers
    )
    assert r.status_code == 422


async def test_a_disabled_user_receives_no_messages(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    conversation_id = await _conversation(client, teacher, student)
    await db.execute("UPDATE app.profiles SET disabled_at = now() WHERE user_id = $1", student.id)
    r = await _send(client, teacher, conversation_id, "Hej!")
    assert r.status_code == 404 and r.json()["error"] == "user_not_found"
