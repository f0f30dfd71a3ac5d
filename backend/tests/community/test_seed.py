"""The demo data: Swedish wall posts with comments and reactions, and Maja's conversation with
Johan; seeding twice changes nothing."""

import asyncpg
import httpx

from app.config import Settings
from app.security import create_access_token
from app.seed import demo_id, seed


async def test_demo_wall_and_conversation(
    client: httpx.AsyncClient, db: asyncpg.Connection, settings: Settings
) -> None:
    await seed(db)
    counts = await db.fetchrow(
        """SELECT (SELECT count(*) FROM app.wall_posts) AS posts,
                  (SELECT count(*) FROM app.wall_comments) AS comments,
                  (SELECT count(*) FROM app.wall_reactions) AS reactions,
                  (SELECT count(*) FROM app.messages) AS messages,
                  (SELECT count(*) FROM app.activities WHERE kind = 'wall_post') AS activities"""
    )
    await seed(db)
    again = await db.fetchrow(
        """SELECT (SELECT count(*) FROM app.wall_posts) AS posts,
                  (SELECT count(*) FROM app.wall_comments) AS comments,
                  (SELECT count(*) FROM app.wall_reactions) AS reactions,
                  (SELECT count(*) FROM app.messages) AS messages,
                  (SELECT count(*) FROM app.activities WHERE kind = 'wall_post') AS activities"""
    )
    assert dict(counts) == dict(again)
    assert dict(counts) == {
        "posts": 4,
        "comments": 4,
        "reactions": 8,
        "messages": 3,
        "activities": 4,
    }

    maja = {
        "Authorization": f"Bearer {create_access_token(settings, demo_id('maja'), 'student')[0]}"
    }
    wall = (await client.get("/wall/posts", headers=maja)).json()["items"]
    assert wall[0]["pinned"] is True and wall[0]["author"]["display_name"] == "Astrid Lind"
    meditation = next(p for p in wall if p["id"] == str(demo_id("wall/morgonmeditation")))
    assert meditation["comment_count"] == 2 and meditation["reactions"] == {"like": 2, "love": 1}

    conversations = (await client.get("/conversations", headers=maja)).json()["items"]
    assert len(conversations) == 1
    assert conversations[0]["peer"]["display_name"] == "Johan Ek"
    assert conversations[0]["unread_count"] == 1
    assert (
        conversations[0]["last_message"]["body"]
        == "Då tar vi med det. Vi ses på torsdag klockan 18!"
    )
