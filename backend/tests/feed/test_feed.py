"""GET /feed: what each viewer may see, newest first, and keyset pages that return every item
exactly once while new items keep arriving."""

import asyncio
import uuid

import asyncpg
import httpx
import pytest

from app.feed.service import record_activity
from tests.conftest import Account, MakeUser


async def _activity(
    db: asyncpg.Connection,
    actor: Account,
    title: str,
    *,
    visibility: str = "public",
    kind: str = "course_published",
    subject_type: str = "course",
) -> int:
    return await record_activity(
        db,
        actor_id=actor.id,
        kind=kind,
        subject_type=subject_type,
        subject_id=uuid.uuid4(),
        subject_title=title,
        summary=f"Om {title}",
        visibility=visibility,
    )


async def _feed_ids(client: httpx.AsyncClient, user: Account | None = None) -> list[int]:
    r = await client.get("/feed", headers=user.headers if user else None)
    assert r.status_code == 200, r.text
    return [item["id"] for item in r.json()["items"]]


async def test_each_viewer_sees_only_what_they_may(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    admin = await make_user("admin")
    public = await _activity(db, teacher, "Yinyoga för återhämtning")
    members = await _activity(db, teacher, "Bara för medlemmar", visibility="members")
    hidden = await _activity(db, teacher, "Dold aktivitet")
    await db.execute("UPDATE app.activities SET hidden_at = now() WHERE id = $1", hidden)

    assert await _feed_ids(client) == [public]
    assert await _feed_ids(client, student) == [members, public]
    # Hidden items: only admins and the actor still see them, marked as hidden.
    assert await _feed_ids(client, admin) == [hidden, members, public]
    r = await client.get("/feed", headers=teacher.headers)
    assert [(i["id"], i["hidden"]) for i in r.json()["items"]] == [
        (hidden, True),
        (members, False),
        (public, False),
    ]


async def test_a_feed_item_carries_what_a_client_shows(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher", display_name="Astrid Lind")
    activity_id = await _activity(db, teacher, "Introduktion till meditation")
    r = await client.get("/feed")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["next_cursor"] is None
    item = body["items"][0]
    assert item["id"] == activity_id
    assert item["kind"] == "course_published" and item["subject_type"] == "course"
    assert item["subject_title"] == "Introduktion till meditation"
    assert item["summary"] == "Om Introduktion till meditation"
    assert item["actor"] == {
        "id": str(teacher.id),
        "display_name": "Astrid Lind",
        "avatar_media_id": None,
        "role": "teacher",
    }
    assert item["created_at"] and item["hidden"] is False


async def test_empty_feed(client: httpx.AsyncClient) -> None:
    r = await client.get("/feed")
    assert r.status_code == 200
    assert r.json() == {"items": [], "next_cursor": None}


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"cursor": "%%%"}, 400),
        ({"cursor": "eyJpZCI6ICJ4In0"}, 400),  # {"id": "x"}
        ({"limit": "0"}, 422),
        ({"limit": "101"}, 422),
    ],
)
async def test_bad_page_requests(
    client: httpx.AsyncClient, params: dict[str, str], status: int
) -> None:
    r = await client.get("/feed", params=params)
    assert r.status_code == status
    assert r.json()["error"] in ("invalid_cursor", "validation_error")


async def test_pages_return_every_item_once_while_new_items_arrive(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    writer = await make_user("student")
    existing = [await _activity(db, teacher, f"Kurs {n}") for n in range(45)]

    new_posts: list[str] = []
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": "7", **({"cursor": cursor} if cursor else {})}
        # Each page is read while, in parallel, a wall post adds a new item on top of the feed.
        r, posted = await asyncio.gather(
            client.get("/feed", params=params, headers=teacher.headers),
            client.post("/wall/posts", json={"body": f"Nytt {pages}"}, headers=writer.headers),
        )
        assert r.status_code == 200, r.text
        assert posted.status_code == 201, posted.text
        new_posts.append(posted.json()["id"])
        page = r.json()
        ids = [i["id"] for i in page["items"]]
        assert ids == sorted(ids, reverse=True)
        seen.extend(ids)
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(new_posts) >= 1 and pages >= 7
    assert len(seen) == len(set(seen)), "an item came twice"
    assert set(existing) <= set(seen), "an item was skipped"
    # Everything after the first page is older than it: new items only ever land on page one.
    assert [i for i in seen if i in set(existing)] == sorted(existing, reverse=True)
