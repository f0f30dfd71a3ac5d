"""GET /admin/orders: the admin's order search by buyer, seller, order number and text."""

import uuid

import httpx

from tests.conftest import MakeUser
from tests.marketplace_helpers import place_order, published_service


async def test_searching_orders_is_for_admins(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    assert (await client.get("/admin/orders")).status_code == 401
    for role in ("student", "teacher"):
        user = await make_user(role)
        response = await client.get("/admin/orders", headers=user.headers)
        assert response.status_code == 403, role


async def test_admin_finds_orders_by_buyer_seller_number_and_text(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await make_user("admin")
    teacher = await make_user("teacher", display_name=f"Saga Moln {uuid.uuid4().hex[:6]}")
    other_teacher = await make_user("teacher")
    buyer = await make_user("student")
    other_buyer = await make_user("student")
    service = await published_service(client, teacher)
    other_service = await published_service(client, other_teacher, title="Rökelseceremoni")
    first = await place_order(client, buyer, service["id"])
    second = await place_order(client, buyer, other_service["id"])
    third = await place_order(client, other_buyer, service["id"])

    async def ids(**params: str) -> list[str]:
        response = await client.get("/admin/orders", params=params, headers=admin.headers)
        assert response.status_code == 200, response.text
        return [o["id"] for o in response.json()["items"]]

    assert await ids(buyer_id=str(buyer.id)) == [second["id"], first["id"]]
    assert await ids(seller_id=str(teacher.id)) == [third["id"], first["id"]]
    assert await ids(buyer_id=str(buyer.id), seller_id=str(teacher.id)) == [first["id"]]
    assert await ids(q=str(third["order_number"])) == [third["id"]]
    assert await ids(q=f"#{first['order_number']}") == [first["id"]]
    assert await ids(q=teacher.display_name.lower()) == [third["id"], first["id"]]
    assert await ids(q=other_buyer.email.upper()) == [third["id"]]
    assert await ids(q="Rökelse", buyer_id=str(buyer.id)) == [second["id"]]
    assert await ids(buyer_id=str(buyer.id), status="paid") == []
    assert await ids(q="100%_ingen") == []  # % and _ are taken literally
    found = (
        await client.get("/admin/orders", params={"buyer_id": str(buyer.id)}, headers=admin.headers)
    ).json()["items"][0]
    assert found["buyer_name"] == buyer.display_name and found["status"] == "pending"


async def test_admin_order_search_pages_with_a_cursor(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await make_user("admin")
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    placed = [await place_order(client, buyer, service["id"]) for _ in range(3)]
    params = {"buyer_id": str(buyer.id), "limit": "2"}
    first = (await client.get("/admin/orders", params=params, headers=admin.headers)).json()
    assert [o["id"] for o in first["items"]] == [placed[2]["id"], placed[1]["id"]]
    assert first["next_cursor"]
    rest = (
        await client.get(
            "/admin/orders",
            params={**params, "cursor": first["next_cursor"]},
            headers=admin.headers,
        )
    ).json()
    assert [o["id"] for o in rest["items"]] == [placed[0]["id"]] and rest["next_cursor"] is None


async def test_admin_order_search_rejects_bad_input(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await make_user("admin")
    for params in (
        {"status": "lost"},
        {"buyer_id": "not-a-uuid"},
        {"limit": "0"},
        {"limit": "101"},
        {"q": "x" * 101},
    ):
        response = await client.get("/admin/orders", params=params, headers=admin.headers)
        assert response.status_code == 422, params
    bad_cursor = await client.get(
        "/admin/orders", params={"cursor": "nonsense"}, headers=admin.headers
    )
    assert bad_cursor.status_code == 400
