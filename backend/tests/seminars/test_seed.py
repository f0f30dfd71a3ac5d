"""The demo data: two seminars, Maja seated in the free one; seeding twice changes nothing."""

import asyncpg
import httpx

from app.seed import demo_id, seed


async def test_demo_seminars_with_maja_seated(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    await seed(db)
    await seed(db)
    seats = await db.fetch("SELECT seminar_id, user_id, status FROM app.seminar_attendees")
    assert [(s["seminar_id"], s["user_id"], s["status"]) for s in seats] == [
        (demo_id("fullmane"), demo_id("maja"), "seated")
    ]
    listed = (await client.get("/seminars")).json()["items"]
    assert {s["title"]: s["seats_taken"] for s in listed} == {
        "Fullmånemeditation": 1,
        "Tarot live: året som kommer": 0,
    }
