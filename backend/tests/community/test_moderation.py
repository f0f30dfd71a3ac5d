"""Reports and moderation: two different reporters hide content until an admin restores or
removes it; every act is audited."""

import asyncio
import uuid
from typing import Any

import asyncpg
import httpx
import pytest

from tests.conftest import Account, MakeUser

REASON = {"reason": "Reklam för något som inte hör hemma här"}


async def _post(
    client: httpx.AsyncClient, user: Account, body: str = "Köp mina kristaller!"
) -> Any:
    r = await client.post("/wall/posts", json={"body": body}, headers=user.headers)
    assert r.status_code == 201, r.text
    return r.json()


async def _report(client: httpx.AsyncClient, user: Account, path: str) -> httpx.Response:
    return await client.post(path, json=REASON, headers=user.headers)


async def _message(client: httpx.AsyncClient, sender: Account, receiver: Account, body: str) -> Any:
    conv = await client.post(
        "/conversations", json={"user_id": str(receiver.id)}, headers=sender.headers
    )
    assert conv.status_code in (200, 201), conv.text
    sent = await client.post(
        f"/conversations/{conv.json()['id']}/messages", json={"body": body}, headers=sender.headers
    )
    assert sent.status_code == 201, sent.text
    return sent.json()


async def test_reporting_needs_a_user_who_may_see_it(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    author = await make_user("student")
    reporter = await make_user("student")
    post = await _post(client, author)
    path = f"/wall/posts/{post['id']}/report"
    assert (await client.post(path, json=REASON)).status_code == 401
    assert (await client.post("/messages/1/report", json=REASON)).status_code == 401
    r = await _report(client, reporter, f"/wall/posts/{uuid.uuid4()}/report")
    assert r.status_code == 404
    r = await _report(client, author, path)
    assert r.status_code == 403 and r.json()["error"] == "own_content"
    r = await client.post(path, json={"reason": "x"}, headers=reporter.headers)
    assert r.status_code == 422

    r = await _report(client, reporter, path)
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "open" and r.json()["target_type"] == "post"
    assert r.json()["target_id"] == post["id"]
    r = await _report(client, reporter, path)
    assert r.status_code == 409 and r.json()["error"] == "already_reported"
    # One report alone hides nothing.
    reader = await make_user("student")
    assert (
        await client.get(f"/wall/posts/{post['id']}", headers=reader.headers)
    ).status_code == 200


async def test_two_reports_hide_a_post_from_everyone_but_admins_and_the_author(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    author = await make_user("student")
    first, second, reader = [await make_user("student") for _ in range(3)]
    admin = await make_user("admin")
    post = await _post(client, author)
    path = f"/wall/posts/{post['id']}/report"
    # Both reports at once, on parallel connections: the second one still hides the post.
    results = await asyncio.gather(_report(client, first, path), _report(client, second, path))
    assert [r.status_code for r in results] == [201, 201]

    assert (
        await client.get(f"/wall/posts/{post['id']}", headers=reader.headers)
    ).status_code == 404
    assert (await client.get("/wall/posts", headers=reader.headers)).json()["items"] == []
    assert (await client.get("/feed", headers=reader.headers)).json()["items"] == []
    r = await client.post(
        f"/wall/posts/{post['id']}/comments", json={"body": "Hm"}, headers=reader.headers
    )
    assert r.status_code == 404

    own = (await client.get(f"/wall/posts/{post['id']}", headers=author.headers)).json()
    assert own["hidden"] is True and own["removed"] is False
    assert [
        i["hidden"] for i in (await client.get("/feed", headers=author.headers)).json()["items"]
    ] == [True]
    assert [
        p["id"] for p in (await client.get("/wall/posts", headers=admin.headers)).json()["items"]
    ] == [post["id"]]
    # The author cannot edit it while it is under review.
    r = await client.patch(
        f"/wall/posts/{post['id']}", json={"body": "Ändrat"}, headers=author.headers
    )
    assert r.status_code == 409 and r.json()["error"] == "under_moderation"
    note = await db.fetchrow(
        "SELECT title FROM app.notifications WHERE user_id = $1 AND kind = 'moderation'",
        author.id,
    )
    assert note["title"] == "Ditt inlägg är dolt i väntan på granskning"


async def test_admin_queue_restore_and_remove(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    author = await make_user("student", display_name="Maja Berg")
    first = await make_user("student", display_name="Elias Norén")
    second = await make_user("teacher")
    admin = await make_user("admin")
    student = await make_user("student")
    kept = await _post(client, author, "Ett helt vanligt inlägg")
    spam = await _post(client, author, "Köp mina kristaller!")
    for post in (kept, spam):
        for reporter in (first, second):
            r = await _report(client, reporter, f"/wall/posts/{post['id']}/report")
            assert r.status_code == 201

    assert (await client.get("/admin/reports")).status_code == 401
    assert (await client.get("/admin/reports", headers=student.headers)).status_code == 403
    report_id = (await client.get("/admin/reports", headers=admin.headers)).json()["items"][0]["id"]
    for action in ("restore", "remove"):
        r = await client.post(f"/admin/reports/{report_id}/{action}", headers=student.headers)
        assert r.status_code == 403
    r = await client.post(f"/admin/reports/{uuid.uuid4()}/restore", headers=admin.headers)
    assert r.status_code == 404

    # The queue, newest first, in pages.
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        params = {"limit": "3", **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/admin/reports", params=params, headers=admin.headers)).json()
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 4 and len({r["id"] for r in seen}) == 4
    newest = seen[0]
    assert newest["status"] == "open" and newest["reason"] == REASON["reason"]
    assert newest["target"]["type"] == "post" and newest["target"]["id"] == spam["id"]
    assert newest["target"]["author"]["display_name"] == "Maja Berg"
    assert newest["target"]["excerpt"] == "Köp mina kristaller!"
    assert newest["target"]["hidden"] is True and newest["target"]["open_reports"] == 2

    # Restore: visible again (feed too), both reports of that post resolved, audited.
    kept_report = next(r for r in seen if r["target"]["id"] == kept["id"])
    r = await client.post(f"/admin/reports/{kept_report['id']}/restore", headers=admin.headers)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "restored" and r.json()["resolved_by"] == str(admin.id)
    assert r.json()["target"]["hidden"] is False and r.json()["target"]["open_reports"] == 0
    assert (
        await client.get(f"/wall/posts/{kept['id']}", headers=student.headers)
    ).status_code == 200
    feed = (await client.get("/feed", headers=student.headers)).json()["items"]
    assert [i["subject_id"] for i in feed] == [kept["id"]]
    r = await client.post(f"/admin/reports/{kept_report['id']}/remove", headers=admin.headers)
    assert r.status_code == 409 and r.json()["error"] == "report_resolved"

    # Remove: stays out of sight for good; the author is told.
    spam_report = next(r for r in seen if r["target"]["id"] == spam["id"])
    r = await client.post(f"/admin/reports/{spam_report['id']}/remove", headers=admin.headers)
    assert r.status_code == 200
    assert r.json()["status"] == "removed" and r.json()["target"]["removed"] is True
    assert (
        await client.get(f"/wall/posts/{spam['id']}", headers=student.headers)
    ).status_code == 404
    assert (await client.get(f"/wall/posts/{spam['id']}", headers=author.headers)).json()[
        "removed"
    ] is True

    open_left = (await client.get("/admin/reports", headers=admin.headers)).json()["items"]
    assert open_left == []
    removed = (
        await client.get("/admin/reports", params={"status": "removed"}, headers=admin.headers)
    ).json()["items"]
    assert {r["target"]["id"] for r in removed} == {spam["id"]} and len(removed) == 2
    assert (
        await client.get("/admin/reports", params={"status": "nope"}, headers=admin.headers)
    ).status_code == 422

    audit = await db.fetch(
        "SELECT action, actor_id, subject_user_id, object_type, object_id, meta "
        "FROM app.audit_log WHERE action LIKE 'moderation.%' ORDER BY id"
    )
    assert [(a["action"], a["object_id"]) for a in audit] == [
        ("moderation.restore", kept["id"]),
        ("moderation.remove", spam["id"]),
    ]
    assert all(a["actor_id"] == admin.id and a["subject_user_id"] == author.id for a in audit)
    assert audit[1]["meta"]["reports_resolved"] == 2
    removal_note = await db.fetchrow(
        "SELECT title FROM app.notifications WHERE user_id = $1 AND kind = 'moderation' "
        "ORDER BY id DESC LIMIT 1",
        author.id,
    )
    assert removal_note["title"] == "Ditt innehåll har tagits bort av en administratör"


async def test_two_reports_hide_a_comment(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    author = await make_user("student")
    post_author = await make_user("student")
    reporters = [await make_user("student") for _ in range(2)]
    post = await _post(client, post_author, "Vad tycker ni om andningsövningar?")
    comment = (
        await client.post(
            f"/wall/posts/{post['id']}/comments", json={"body": "Dumt"}, headers=author.headers
        )
    ).json()
    for reporter in reporters:
        r = await _report(client, reporter, f"/wall/comments/{comment['id']}/report")
        assert r.status_code == 201
    page = (
        await client.get(f"/wall/posts/{post['id']}/comments", headers=post_author.headers)
    ).json()
    assert page["items"] == []
    assert (await client.get(f"/wall/posts/{post['id']}", headers=post_author.headers)).json()[
        "comment_count"
    ] == 0
    own = (await client.get(f"/wall/posts/{post['id']}/comments", headers=author.headers)).json()
    assert [c["hidden"] for c in own["items"]] == [True]
    r = await client.put(
        f"/wall/comments/{comment['id']}/reactions/like", headers=reporters[0].headers
    )
    assert r.status_code == 404


async def test_a_message_is_reported_by_its_receiver_only(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    outsider = await make_user("student")
    admin = await make_user("admin")
    message = await _message(client, teacher, student, "Ring mig på detta nummer för rabatt")
    path = f"/messages/{message['id']}/report"
    assert (await _report(client, outsider, path)).status_code == 404
    assert (await _report(client, admin, path)).status_code == 404
    assert (await _report(client, teacher, path)).status_code == 403
    assert (await _report(client, student, "/messages/999999999/report")).status_code == 404
    r = await _report(client, student, path)
    assert r.status_code == 201 and r.json()["target_type"] == "message"
    assert r.json()["target_id"] == str(message["id"])

    queue = (await client.get("/admin/reports", headers=admin.headers)).json()["items"]
    assert queue[0]["target"]["excerpt"] == "Ring mig på detta nummer för rabatt"
    assert queue[0]["target"]["hidden"] is False  # one reporter only: still visible
    r = await client.post(f"/admin/reports/{queue[0]['id']}/remove", headers=admin.headers)
    assert r.status_code == 200 and r.json()["target"]["removed"] is True

    conversation_id = message["conversation_id"]
    seen_by_receiver = (
        await client.get(f"/conversations/{conversation_id}/messages", headers=student.headers)
    ).json()["items"]
    assert seen_by_receiver == []
    seen_by_sender = (
        await client.get(f"/conversations/{conversation_id}/messages", headers=teacher.headers)
    ).json()["items"]
    assert [m["hidden"] for m in seen_by_sender] == [True]
    listed = (await client.get("/conversations", headers=student.headers)).json()["items"]
    assert listed[0]["last_message"] is None and listed[0]["unread_count"] == 0


@pytest.mark.parametrize("body", [{}, {"reason": "  "}, {"reason": "x" * 1001}])
async def test_bad_reports_are_refused(
    client: httpx.AsyncClient, make_user: MakeUser, body: dict[str, Any]
) -> None:
    author = await make_user("student")
    reporter = await make_user("student")
    post = await _post(client, author)
    r = await client.post(f"/wall/posts/{post['id']}/report", json=body, headers=reporter.headers)
    assert r.status_code == 422


async def test_two_admins_deciding_at_once_do_not_collide(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    author = await make_user("student")
    reporters = [await make_user("student") for _ in range(2)]
    admins = [await make_user("admin") for _ in range(2)]
    post = await _post(client, author)
    for reporter in reporters:
        r = await _report(client, reporter, f"/wall/posts/{post['id']}/report")
        assert r.status_code == 201
    reports = (await client.get("/admin/reports", headers=admins[0].headers)).json()["items"]
    assert len(reports) == 2
    # Each admin acts on a different report of the same post, on parallel connections.
    results = await asyncio.gather(
        client.post(f"/admin/reports/{reports[0]['id']}/restore", headers=admins[0].headers),
        client.post(f"/admin/reports/{reports[1]['id']}/remove", headers=admins[1].headers),
    )
    assert sorted(r.status_code for r in results) == [200, 409]
    assert (
        await db.fetchval("SELECT count(*) FROM app.audit_log WHERE action LIKE 'moderation.%'")
        == 1
    )
    statuses = await db.fetch("SELECT DISTINCT status FROM app.content_reports")
    assert len(statuses) == 1 and statuses[0]["status"] in ("restored", "removed")
