"""Erasure reaches every copy: after DELETE /me, other people's notifications and mail (queued
or sent) no longer carry the person's name, address or words, and the dump of schema app holds
none of them."""

import uuid
from dataclasses import dataclass

import asyncpg
import httpx

from app.redaction import DELETED_PERSON, TEXT_REMOVED, Redaction
from tests.bookings.helpers import at, bookable_teacher, order_slot
from tests.conftest import Account, MakeUser

PASSWORD = "ett-langt-losenord-42"
NAME = "Vilja Nordqvist"
COMMENT = "Tack, det här hjälpte mig verkligen i morse."
MESSAGE = "Hej! Kan vi ta sessionen utomhus i Hagaparken?"
REASON = "Min dotter blev sjuk i natt."


@dataclass
class Student:
    id: uuid.UUID
    email: str
    headers: dict[str, str]


async def register(client: httpx.AsyncClient) -> Student:
    email = f"vilja-{uuid.uuid4().hex[:8]}@example.se"
    r = await client.post(
        "/auth/register", json={"email": email, "password": PASSWORD, "display_name": NAME}
    )
    assert r.status_code == 201, r.text
    body = r.json()
    return Student(
        uuid.UUID(body["profile"]["id"]),
        email,
        {"Authorization": f"Bearer {body['access_token']}"},
    )


async def leave_traces(client: httpx.AsyncClient, student: Student, teacher: Account) -> None:
    """The student books and cancels with a reason, writes to the teacher, comments and reacts
    on the teacher's post: notifications and mail to the teacher that name and quote her."""
    service = await bookable_teacher(client, teacher, price_cents=0)
    booked = await order_slot(client, student, service["id"], at(3))  # type: ignore[arg-type]
    assert booked.status_code == 201, booked.text
    [booking] = (await client.get("/bookings", headers=student.headers)).json()["items"]
    r = await client.post(
        f"/bookings/{booking['id']}/cancel", json={"reason": REASON}, headers=student.headers
    )
    assert r.status_code == 200, r.text

    r = await client.post(
        "/conversations", json={"user_id": str(teacher.id)}, headers=student.headers
    )
    assert r.status_code in (200, 201), r.text
    r = await client.post(
        f"/conversations/{r.json()['id']}/messages", json={"body": MESSAGE}, headers=student.headers
    )
    assert r.status_code == 201, r.text

    r = await client.post(
        "/wall/posts", json={"body": "Morgonens andning: fyra in, sex ut."}, headers=teacher.headers
    )
    assert r.status_code == 201, r.text
    post_id = r.json()["id"]
    r = await client.post(
        f"/wall/posts/{post_id}/comments", json={"body": COMMENT}, headers=student.headers
    )
    assert r.status_code == 201, r.text
    r = await client.put(f"/wall/posts/{post_id}/reactions/love", headers=student.headers)
    assert r.status_code == 200, r.text


async def dump_hits(db: asyncpg.Connection, needle: str) -> dict[str, int]:
    """Tables of schema app whose rows (as text) contain the needle, with how many rows."""
    hits = {}
    for table in await db.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'app'"):
        name = table["tablename"]
        count = await db.fetchval(
            f'SELECT count(*) FROM app."{name}" t WHERE strpos(t::text, $1) > 0', needle
        )
        if count:
            hits[name] = count
    return hits


async def test_erasure_rewrites_what_others_were_told_about_her(
    client: httpx.AsyncClient, db: asyncpg.Connection, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await register(client)
    await leave_traces(client, student, teacher)
    about_her = await db.fetch(
        "SELECT kind, title, body FROM app.notifications WHERE user_id = $1", teacher.id
    )
    assert {"order_paid", "booking", "message", "reply", "reaction"} <= {
        n["kind"] for n in about_her
    }
    assert any(NAME in n["title"] + n["body"] for n in about_her)
    teacher_mail = await db.fetch(
        "SELECT body_text FROM app.mail_outbox WHERE user_id = $1", teacher.id
    )
    assert any(REASON in m["body_text"] for m in teacher_mail)
    for needle in (NAME, student.email, COMMENT, MESSAGE, REASON):
        assert await dump_hits(db, needle), needle  # the test would see a leftover

    r = await client.request("DELETE", "/me", json={"password": PASSWORD}, headers=student.headers)
    assert r.status_code == 204, r.text

    for needle in (NAME, student.email, COMMENT, MESSAGE, REASON):
        assert await dump_hits(db, needle) == {}, needle
    told = await db.fetch(
        "SELECT kind, title, body, about_user_id FROM app.notifications WHERE user_id = $1",
        teacher.id,
    )
    assert {n["kind"] for n in told} == {n["kind"] for n in about_her}  # rewritten, not lost
    assert all(n["about_user_id"] is None for n in told)
    paid = next(n for n in told if n["kind"] == "order_paid")
    assert paid["body"].startswith("En borttagen användare har betalat")
    assert next(n for n in told if n["kind"] == "message")["title"].endswith(DELETED_PERSON)
    assert next(n for n in told if n["kind"] == "reply")["body"] == ""
    mail = await db.fetch(
        "SELECT body_text, attachments FROM app.mail_outbox WHERE user_id = $1", teacher.id
    )
    assert mail and all(m["attachments"] == [] for m in mail)
    assert any(f"Orsak: {TEXT_REMOVED}" in m["body_text"] for m in mail)


def test_a_redaction_names_no_one_and_quotes_nothing() -> None:
    redaction = Redaction(
        name="Vilja Nordqvist", email="vilja@example.se", writings=("Jag är  sjuk.",)
    )
    assert redaction.apply("Vilja Nordqvist har avbokat. Orsak: Jag är sjuk.") == (
        f"En borttagen användare har avbokat. Orsak: {TEXT_REMOVED}"
    )
    assert redaction.apply("Nytt meddelande från Vilja Nordqvist (VILJA@example.se)") == (
        f"Nytt meddelande från {DELETED_PERSON} ({DELETED_PERSON})"
    )
    assert redaction.apply("Inget om någon.") == "Inget om någon."
