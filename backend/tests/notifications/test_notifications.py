"""GET /notifications and POST /notifications/read: one's own notifications only."""

import asyncpg
import httpx
import pytest

from app.notifications.service import notify
from tests.conftest import MakeUser


async def test_notifications_need_a_signed_in_user(client: httpx.AsyncClient) -> None:
    assert (await client.get("/notifications")).status_code == 401
    assert (await client.post("/notifications/read")).status_code == 401


async def test_each_user_sees_their_own_newest_first(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    maja = await make_user("student")
    elias = await make_user("student")
    ids = [
        await notify(db, maja.id, "order_paid", f"Betalning mottagen {n}", link=f"/orders/{n}")
        for n in range(5)
    ]
    await notify(db, elias.id, "reply", "Ny kommentar på ditt inlägg")

    r = await client.get("/notifications", headers=maja.headers)
    assert r.status_code == 200
    body = r.json()
    assert [n["id"] for n in body["items"]] == list(reversed(ids))
    assert body["unread_count"] == 5 and body["next_cursor"] is None
    first = body["items"][-1]
    assert first["kind"] == "order_paid" and first["title"] == "Betalning mottagen 0"
    assert first["link"] == "/orders/0" and first["read_at"] is None and first["data"] == {}

    seen: list[int] = []
    cursor = None
    while True:
        params = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/notifications", params=params, headers=maja.headers)).json()
        seen.extend(n["id"] for n in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(ids))
    elias_items = (await client.get("/notifications", headers=elias.headers)).json()["items"]
    assert [n["title"] for n in elias_items] == ["Ny kommentar på ditt inlägg"]


async def test_mark_some_or_all_read(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    maja = await make_user("student")
    elias = await make_user("student")
    ids = [await notify(db, maja.id, "message", f"Meddelande {n}") for n in range(4)]
    foreign = await notify(db, elias.id, "message", "Inte ditt")

    # Someone else's id is ignored, not marked.
    r = await client.post(
        "/notifications/read", json={"ids": [ids[0], ids[1], foreign]}, headers=maja.headers
    )
    assert r.status_code == 200
    assert r.json() == {"marked": 2, "unread_count": 2}
    assert await db.fetchval("SELECT read_at FROM app.notifications WHERE id = $1", foreign) is None
    unread = (
        await client.get("/notifications", params={"unread": "true"}, headers=maja.headers)
    ).json()
    assert [n["id"] for n in unread["items"]] == [ids[3], ids[2]]

    r = await client.post("/notifications/read", headers=maja.headers)
    assert r.json() == {"marked": 2, "unread_count": 0}
    r = await client.post("/notifications/read", json={}, headers=maja.headers)
    assert r.json() == {"marked": 0, "unread_count": 0}
    assert (await client.get("/notifications", headers=elias.headers)).json()["unread_count"] == 1


@pytest.mark.parametrize(
    "body", [{"ids": []}, {"ids": ["x"]}, {"ids": list(range(501))}, {"ids": 5}]
)
async def test_bad_read_requests(
    client: httpx.AsyncClient, make_user: MakeUser, body: dict[str, object]
) -> None:
    user = await make_user("student")
    r = await client.post("/notifications/read", json=body, headers=user.headers)
    assert r.status_code == 422


async def test_bad_cursor(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user("student")
    r = await client.get("/notifications", params={"cursor": "bm9wZQ"}, headers=user.headers)
    assert r.status_code == 400 and r.json()["error"] == "invalid_cursor"
