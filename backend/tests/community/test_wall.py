"""The wall: posts, comments, reactions, pins; who may do what, and the feed in step."""

import asyncio
import uuid
from typing import Any

import asyncpg
import httpx
import pytest

from tests.conftest import Account, MakeUser

NO_POST = uuid.UUID("00000000-0000-4000-8000-00000000f00d")  # fixed: xdist workers collect alike


async def _post(client: httpx.AsyncClient, user: Account, body: str = "Hej allihop!") -> Any:
    r = await client.post("/wall/posts", json={"body": body}, headers=user.headers)
    assert r.status_code == 201, r.text
    return r.json()


async def _comment(client: httpx.AsyncClient, user: Account, post_id: str, body: str) -> Any:
    r = await client.post(
        f"/wall/posts/{post_id}/comments", json={"body": body}, headers=user.headers
    )
    assert r.status_code == 201, r.text
    return r.json()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/wall/posts"),
        ("POST", "/wall/posts"),
        ("GET", f"/wall/posts/{NO_POST}"),
        ("PATCH", f"/wall/posts/{NO_POST}"),
        ("DELETE", f"/wall/posts/{NO_POST}"),
        ("POST", f"/wall/posts/{NO_POST}/pin"),
        ("DELETE", f"/wall/posts/{NO_POST}/pin"),
        ("GET", f"/wall/posts/{NO_POST}/comments"),
        ("POST", f"/wall/posts/{NO_POST}/comments"),
        ("PATCH", f"/wall/comments/{NO_POST}"),
        ("DELETE", f"/wall/comments/{NO_POST}"),
        ("PUT", f"/wall/posts/{NO_POST}/reactions/like"),
        ("DELETE", f"/wall/posts/{NO_POST}/reactions/like"),
        ("PUT", f"/wall/comments/{NO_POST}/reactions/like"),
        ("DELETE", f"/wall/comments/{NO_POST}/reactions/like"),
    ],
)
async def test_the_wall_needs_a_signed_in_user(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    r = await client.request(method, path, json={"body": "x"})
    assert r.status_code == 401
    assert r.json()["error"] == "not_authenticated"


async def test_others_cannot_edit_or_delete_a_post(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    author = await make_user("student")
    other = await make_user("teacher")
    post = await _post(client, author)
    r = await client.patch(
        f"/wall/posts/{post['id']}", json={"body": "Kapat"}, headers=other.headers
    )
    assert r.status_code == 403 and r.json()["error"] == "not_author"
    r = await client.delete(f"/wall/posts/{post['id']}", headers=other.headers)
    assert r.status_code == 403
    for method in ("GET", "PATCH", "DELETE"):
        r = await client.request(
            method, f"/wall/posts/{NO_POST}", json={"body": "x"}, headers=other.headers
        )
        assert r.status_code == 404 and r.json()["error"] == "post_not_found"


async def test_post_shows_on_the_wall_and_in_the_members_feed(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    author = await make_user("student", display_name="Maja Berg")
    reader = await make_user("student")
    post = await _post(client, author, "  Tack för gårdagens meditation, den gav mig ro.  ")
    assert post["body"] == "Tack för gårdagens meditation, den gav mig ro."
    assert post["author"]["display_name"] == "Maja Berg" and post["author"]["role"] == "student"
    assert post["pinned"] is False and post["comment_count"] == 0
    assert post["reactions"] == {} and post["my_reactions"] == []
    assert post["image_media_id"] is None and post["edited_at"] is None

    wall = (await client.get("/wall/posts", headers=reader.headers)).json()
    assert [p["id"] for p in wall["items"]] == [post["id"]]
    assert (await client.get(f"/wall/posts/{post['id']}", headers=reader.headers)).json() == post

    feed = (await client.get("/feed", headers=reader.headers)).json()["items"]
    assert feed[0]["kind"] == "wall_post" and feed[0]["subject_id"] == post["id"]
    assert feed[0]["actor"]["display_name"] == "Maja Berg"
    assert (await client.get("/feed")).json()["items"] == []  # members only


async def test_author_edits_and_deletes_their_post(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    author = await make_user("student")
    post = await _post(client, author, "Första versionen")
    # An image the author uploaded (the file itself is not needed here).
    image = await db.fetchval(
        """INSERT INTO app.media_objects (owner_id, purpose, storage_key, content_type,
                                          size_bytes, sha256)
           VALUES ($1, 'other', $2, 'image/png', 100, $3) RETURNING id""",
        author.id,
        f"other/test/{uuid.uuid4()}.png",
        "0" * 64,
    )
    r = await client.patch(
        f"/wall/posts/{post['id']}",
        json={"body": "Andra versionen", "image_media_id": str(image)},
        headers=author.headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["body"] == "Andra versionen" and r.json()["image_media_id"] == str(image)
    assert r.json()["edited_at"] is not None
    activity = await db.fetchrow(
        "SELECT subject_title, summary FROM app.activities WHERE subject_id = $1",
        uuid.UUID(post["id"]),
    )
    assert dict(activity) == {"subject_title": "Andra versionen", "summary": "Andra versionen"}
    r = await client.patch(
        f"/wall/posts/{post['id']}", json={"image_media_id": None}, headers=author.headers
    )
    assert r.json()["image_media_id"] is None and r.json()["body"] == "Andra versionen"

    r = await client.delete(f"/wall/posts/{post['id']}", headers=author.headers)
    assert r.status_code == 204
    assert (
        await client.get(f"/wall/posts/{post['id']}", headers=author.headers)
    ).status_code == 404
    assert (await client.get("/feed", headers=author.headers)).json()["items"] == []


async def test_an_admin_deletes_any_post_and_it_is_audited(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    author = await make_user("student")
    admin = await make_user("admin")
    post = await _post(client, author, "Köp billiga klockor här")
    r = await client.delete(f"/wall/posts/{post['id']}", headers=admin.headers)
    assert r.status_code == 204
    audit = await db.fetchrow("SELECT * FROM app.audit_log WHERE action = 'community.post_delete'")
    assert audit["actor_id"] == admin.id and audit["subject_user_id"] == author.id
    assert audit["object_id"] == post["id"]


@pytest.mark.parametrize(
    "body",
    [{}, {"body": ""}, {"body": "   "}, {"body": "x" * 5001}, {"body": "ok", "pinned": True}],
)
async def test_bad_posts_are_refused(
    client: httpx.AsyncClient, make_user: MakeUser, body: dict[str, Any]
) -> None:
    user = await make_user("student")
    r = await client.post("/wall/posts", json=body, headers=user.headers)
    assert r.status_code == 422
    assert r.json()["error"] == "validation_error"


@pytest.mark.parametrize("body", [{}, {"body": None}, {"body": ""}, {"image_media_id": "nope"}])
async def test_bad_post_edits_are_refused(
    client: httpx.AsyncClient, make_user: MakeUser, body: dict[str, Any]
) -> None:
    user = await make_user("student")
    post = await _post(client, user)
    r = await client.patch(f"/wall/posts/{post['id']}", json=body, headers=user.headers)
    assert r.status_code == 422


async def test_teachers_and_admins_pin_posts_to_the_top(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    student = await make_user("student")
    teacher = await make_user("teacher")
    admin = await make_user("admin")
    posts = [await _post(client, student, f"Inlägg {n}") for n in range(5)]
    r = await client.post(f"/wall/posts/{posts[1]['id']}/pin", headers=student.headers)
    assert r.status_code == 403 and r.json()["error"] == "teacher_required"
    r = await client.post(f"/wall/posts/{NO_POST}/pin", headers=teacher.headers)
    assert r.status_code == 404

    r = await client.post(f"/wall/posts/{posts[1]['id']}/pin", headers=teacher.headers)
    assert r.status_code == 200 and r.json()["pinned"] is True
    r = await client.post(f"/wall/posts/{posts[3]['id']}/pin", headers=admin.headers)
    assert r.status_code == 200

    # Pinned first (newest pinned on top), then the rest newest first; pages of two.
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/wall/posts", params=params, headers=student.headers)).json()
        seen.extend(p["id"] for p in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    expected = [posts[i]["id"] for i in (3, 1, 4, 2, 0)]
    assert seen == expected

    r = await client.delete(f"/wall/posts/{posts[1]['id']}/pin", headers=teacher.headers)
    assert r.status_code == 200 and r.json()["pinned"] is False and r.json()["pinned_at"] is None


async def test_comments_oldest_first_and_the_author_is_told(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    author = await make_user("student")
    commenter = await make_user("teacher", display_name="Astrid Lind")
    post = await _post(client, author)
    r = await client.post(
        f"/wall/posts/{NO_POST}/comments", json={"body": "Hej"}, headers=commenter.headers
    )
    assert r.status_code == 404
    r = await client.post(
        f"/wall/posts/{post['id']}/comments", json={"body": ""}, headers=commenter.headers
    )
    assert r.status_code == 422

    comments = [await _comment(client, commenter, post["id"], f"Kommentar {n}") for n in range(3)]
    await _comment(client, author, post["id"], "Tack!")  # the author's own: no notification
    assert comments[0]["author"]["display_name"] == "Astrid Lind"

    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": "3", **({"cursor": cursor} if cursor else {})}
        page = (
            await client.get(
                f"/wall/posts/{post['id']}/comments", params=params, headers=author.headers
            )
        ).json()
        seen.extend(c["body"] for c in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["Kommentar 0", "Kommentar 1", "Kommentar 2", "Tack!"]
    wall = (await client.get(f"/wall/posts/{post['id']}", headers=author.headers)).json()
    assert wall["comment_count"] == 4

    notes = await db.fetch(
        "SELECT kind, title, body, data FROM app.notifications WHERE user_id = $1 ORDER BY id",
        author.id,
    )
    assert len(notes) == 3 and {n["kind"] for n in notes} == {"reply"}
    assert notes[0]["title"] == "Ny kommentar på ditt inlägg"
    assert notes[0]["body"] == "Astrid Lind: Kommentar 0"
    assert notes[0]["data"]["post_id"] == post["id"]
    assert not await db.fetchval(
        "SELECT count(*) FROM app.notifications WHERE user_id = $1", commenter.id
    )


async def test_comment_edit_and_delete(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    author = await make_user("student")
    other = await make_user("student")
    admin = await make_user("admin")
    post = await _post(client, other)
    comment = await _comment(client, author, post["id"], "Skrivfel här")
    r = await client.patch(
        f"/wall/comments/{comment['id']}", json={"body": "Fel"}, headers=other.headers
    )
    assert r.status_code == 403
    r = await client.patch(
        f"/wall/comments/{comment['id']}", json={"body": "Rättat"}, headers=author.headers
    )
    assert r.status_code == 200 and r.json()["body"] == "Rättat" and r.json()["edited_at"]
    r = await client.delete(f"/wall/comments/{comment['id']}", headers=other.headers)
    assert r.status_code == 403
    assert (
        await client.delete(f"/wall/comments/{comment['id']}", headers=author.headers)
    ).status_code == 204
    assert (
        await client.delete(f"/wall/comments/{comment['id']}", headers=author.headers)
    ).status_code == 404

    second = await _comment(client, author, post["id"], "Olämpligt")
    assert (
        await client.delete(f"/wall/comments/{second['id']}", headers=admin.headers)
    ).status_code == 204
    assert (
        await db.fetchval(
            "SELECT count(*) FROM app.audit_log WHERE action = 'community.comment_delete'"
        )
        == 1
    )


async def test_reactions_one_per_user_and_kind(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    author = await make_user("student")
    fan = await make_user("student", display_name="Elias Norén")
    other = await make_user("teacher")
    post = await _post(client, author)
    url = f"/wall/posts/{post['id']}/reactions"

    r = await client.put(f"{url}/clap", headers=fan.headers)
    assert r.status_code == 422
    r = await client.put(f"/wall/posts/{NO_POST}/reactions/like", headers=fan.headers)
    assert r.status_code == 404

    # The same reaction twice at once, and once more: still one.
    results = await asyncio.gather(
        *(client.put(f"{url}/like", headers=fan.headers) for _ in range(3))
    )
    assert all(r.status_code == 200 for r in results)
    r = await client.put(f"{url}/love", headers=fan.headers)
    assert r.json() == {"reactions": {"like": 1, "love": 1}, "my_reactions": ["like", "love"]}
    r = await client.put(f"{url}/like", headers=other.headers)
    assert r.json() == {"reactions": {"like": 2, "love": 1}, "my_reactions": ["like"]}
    assert await db.fetchval("SELECT count(*) FROM app.wall_reactions") == 3

    wall = (await client.get(f"/wall/posts/{post['id']}", headers=fan.headers)).json()
    assert wall["reactions"] == {"like": 2, "love": 1} and wall["my_reactions"] == ["like", "love"]

    r = await client.delete(f"{url}/love", headers=fan.headers)
    assert r.json() == {"reactions": {"like": 2}, "my_reactions": ["like"]}
    r = await client.delete(f"{url}/love", headers=fan.headers)  # already gone: same state
    assert r.status_code == 200 and r.json()["reactions"] == {"like": 2}

    # The author is told once per post until they read it, not once per reaction.
    notes = await db.fetch(
        "SELECT title, data FROM app.notifications WHERE user_id = $1 AND kind = 'reaction'",
        author.id,
    )
    assert len(notes) == 1 and notes[0]["title"] == "Elias Norén reagerade på ditt inlägg"


async def test_reactions_on_comments(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    author = await make_user("student")
    fan = await make_user("student")
    post = await _post(client, author)
    comment = await _comment(client, author, post["id"], "En tanke")
    url = f"/wall/comments/{comment['id']}/reactions"
    r = await client.put(f"{url}/insightful", headers=fan.headers)
    assert r.status_code == 200
    assert r.json() == {"reactions": {"insightful": 1}, "my_reactions": ["insightful"]}
    page = (await client.get(f"/wall/posts/{post['id']}/comments", headers=fan.headers)).json()
    assert page["items"][0]["reactions"] == {"insightful": 1}
    post_now = (await client.get(f"/wall/posts/{post['id']}", headers=fan.headers)).json()
    assert post_now["reactions"] == {}  # a comment's reaction is not the post's
    r = await client.delete(f"{url}/insightful", headers=fan.headers)
    assert r.json() == {"reactions": {}, "my_reactions": []}
