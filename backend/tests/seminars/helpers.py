"""Seminars created through the API, as a teacher would, and rows moved in time directly."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx

from tests.conftest import Account


def in_(delta: timedelta) -> datetime:
    return datetime.now(UTC) + delta


async def create_seminar(
    client: httpx.AsyncClient,
    host: Account,
    *,
    title: str = "Fullmånemeditation",
    starts_in: timedelta = timedelta(days=2),
    duration_minutes: int = 60,
    capacity: int = 10,
    price_cents: int = 0,
    allow_speaking: bool = False,
    description: str = "En gemensam meditation i fullmånens ljus.",
) -> dict[str, Any]:
    r = await client.post(
        "/seminars",
        json={
            "title": title,
            "description": description,
            "starts_at": in_(starts_in).isoformat(),
            "duration_minutes": duration_minutes,
            "capacity": capacity,
            "price_cents": price_cents,
            "allow_speaking": allow_speaking,
        },
        headers=host.headers,
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def move_seminar(
    db: asyncpg.Connection, seminar_id: str, starts_in: timedelta, minutes: int = 60
) -> None:
    """Put a seminar at another time (also in the past), as if the clock had moved."""
    starts = in_(starts_in)
    await db.execute(
        "UPDATE app.seminars SET starts_at = $2, ends_at = $3 WHERE id = $1",
        uuid.UUID(seminar_id),
        starts,
        starts + timedelta(minutes=minutes),
    )


async def register(client: httpx.AsyncClient, seminar_id: str, user: Account) -> httpx.Response:
    return await client.post(f"/seminars/{seminar_id}/register", headers=user.headers)


async def seated_ids(db: asyncpg.Connection, seminar_id: str) -> set[uuid.UUID]:
    rows = await db.fetch(
        "SELECT user_id FROM app.seminar_attendees WHERE seminar_id = $1 AND status = 'seated'",
        uuid.UUID(seminar_id),
    )
    return {r["user_id"] for r in rows}
