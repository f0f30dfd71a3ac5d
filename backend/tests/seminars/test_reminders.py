"""Reminders 24 hours and 1 hour before the start: to seated attendees only, each sent once,
also when two senders run at the same time; `python -m app.cli send-reminders`."""

import asyncio
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg
import httpx
from fastapi import FastAPI

from app.seminars import jobs
from tests.conftest import MakeUser
from tests.seminars.helpers import create_seminar, register

BACKEND = Path(__file__).resolve().parents[2]


async def test_due_reminders_go_to_seated_attendees_once(
    app: FastAPI, client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host = await make_user("teacher", display_name="Astrid Lind")
    tomorrow = await create_seminar(client, host, title="Morgonyoga", starts_in=timedelta(hours=20))
    soon = await create_seminar(
        client, host, title="Kvällsmeditation", starts_in=timedelta(minutes=40)
    )
    far = await create_seminar(client, host, title="Långt fram", starts_in=timedelta(days=3))
    canceled = await create_seminar(client, host, title="Inställd", starts_in=timedelta(hours=20))
    anna = await make_user("student", display_name="Anna Ek")
    bo = await make_user("student", display_name="Bo Lind")
    gone = await make_user("student")
    for seminar in (tomorrow, soon, far, canceled):
        await register(client, seminar["id"], anna)
    await register(client, tomorrow["id"], bo)
    await register(client, tomorrow["id"], gone)
    await client.delete(f"/seminars/{tomorrow['id']}/registration", headers=gone.headers)
    await client.post(f"/seminars/{canceled['id']}/cancel", headers=host.headers)
    await db.execute("DELETE FROM app.mail_outbox")  # the cancellation's own mail

    # Two senders at once (cron and the API's loop) on their own connections.
    async def run() -> tuple[int, int]:
        async with app.state.pool.acquire() as conn:
            return await jobs.run_once(conn)

    await asyncio.gather(run(), run())
    sent = await db.fetch(
        """SELECT r.seminar_id, r.user_id, r.kind FROM app.seminar_reminders r
           ORDER BY r.seminar_id, r.user_id"""
    )
    expected = {
        (uuid.UUID(tomorrow["id"]), anna.id, "24h"),
        (uuid.UUID(tomorrow["id"]), bo.id, "24h"),
        (uuid.UUID(soon["id"]), anna.id, "1h"),
    }
    assert {(r["seminar_id"], r["user_id"], r["kind"]) for r in sent} == expected
    mails = await db.fetch("SELECT * FROM app.mail_outbox WHERE kind = 'seminar_reminder'")
    assert sorted(m["user_id"] for m in mails) == sorted([anna.id, anna.id, bo.id])
    notes = await db.fetch(
        """SELECT * FROM app.notifications
           WHERE kind = 'seminar_reminder' AND data ->> 'type' = 'reminder'"""
    )
    assert sorted(n["user_id"] for n in notes) == sorted([anna.id, anna.id, bo.id])

    # Swedish text, the start in Swedish time.
    soon_mail = next(
        m for m in mails if m["user_id"] == anna.id and "Kvällsmeditation" in m["subject"]
    )
    starts = datetime.fromisoformat(soon["starts_at"]).astimezone(ZoneInfo("Europe/Stockholm"))
    assert soon_mail["subject"] == f"Påminnelse: Kvällsmeditation börjar snart kl. {starts:%H:%M}"
    assert f"kl. {starts:%H:%M} (svensk tid)" in soon_mail["body_text"]
    assert "Hej Anna Ek!" in soon_mail["body_text"] and "Astrid Lind" in soon_mail["body_text"]

    # Nothing goes out twice; when the hour comes, the 1-hour reminder follows the 24-hour one.
    async with app.state.pool.acquire() as conn:
        assert (await jobs.run_once(conn))[0] == 0
        one_hour_before = datetime.fromisoformat(tomorrow["starts_at"]) - timedelta(minutes=55)
        assert (await jobs.run_once(conn, one_hour_before))[0] == 2
        assert (await jobs.run_once(conn, one_hour_before))[0] == 0
    kinds = await db.fetch(
        "SELECT kind, count(*) AS n FROM app.seminar_reminders WHERE seminar_id = $1 GROUP BY kind",
        uuid.UUID(tomorrow["id"]),
    )
    assert {r["kind"]: r["n"] for r in kinds} == {"24h": 2, "1h": 2}


async def test_the_cli_sends_due_reminders(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection, database_url: str
) -> None:
    seminar = await create_seminar(
        client, await make_user("teacher"), starts_in=timedelta(hours=23)
    )
    student = await make_user("student")
    await register(client, seminar["id"], student)
    env = {**os.environ, "DATABASE_URL": database_url, "ENVIRONMENT": "development"}
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "app.cli", "send-reminders"],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("send-reminders: ")
    assert "waitlist offer(s) passed on" in result.stdout
    row = await db.fetchrow(
        "SELECT kind, sent_at FROM app.seminar_reminders WHERE user_id = $1", student.id
    )
    assert row["kind"] == "24h"
    assert row["sent_at"] <= datetime.now(UTC)
    assert (
        await db.fetchval(
            "SELECT count(*) FROM app.mail_outbox WHERE user_id = $1 AND kind = 'seminar_reminder'",
            student.id,
        )
        == 1
    )
