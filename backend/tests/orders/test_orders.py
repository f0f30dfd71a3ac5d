"""Orders: buying at the current price, who sees an order, listing, cancelling, fulfilling,
the receipt, and the helpers other domains use."""

import uuid

import httpx

from app.orders import service as orders
from app.orders.fulfilment import KIND_MODULES, handler_for
from tests.conftest import MakeUser
from tests.marketplace_helpers import pay_with_dummy, place_order, published_service


async def test_ordering_needs_sign_in(client: httpx.AsyncClient) -> None:
    response = await client.post("/orders", json={"service_id": str(uuid.uuid4())})
    assert response.status_code == 401
    assert (await client.get("/orders")).status_code == 401
    assert (await client.get(f"/orders/{uuid.uuid4()}")).status_code == 401


async def test_what_cannot_be_bought(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    own = await client.post("/orders", json={"service_id": service["id"]}, headers=teacher.headers)
    assert own.status_code == 403 and own.json()["error"] == "own_item"
    draft = (
        await client.post(
            "/services",
            json={"title": "Utkast", "kind": "reading", "duration_minutes": 30, "price_cents": 100},
            headers=teacher.headers,
        )
    ).json()
    hidden = await client.post("/orders", json={"service_id": draft["id"]}, headers=buyer.headers)
    assert hidden.status_code == 404
    missing = await client.post(
        "/orders", json={"service_id": str(uuid.uuid4())}, headers=buyer.headers
    )
    assert missing.status_code == 404
    await client.post(f"/services/{service['id']}/archive", headers=teacher.headers)
    archived = await client.post(
        "/orders", json={"service_id": service["id"]}, headers=buyer.headers
    )
    assert archived.status_code == 409 and archived.json()["error"] == "item_unavailable"


async def test_bad_order_bodies_are_422(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    buyer = await make_user("student")
    some = str(uuid.uuid4())
    for body in (
        {},
        {"item_kind": "course", "service_id": some},
        {"service_id": some, "course_id": some},
        {"item_kind": "book", "service_id": some},
        {"service_id": some, "note": "x" * 2001},
    ):
        response = await client.post("/orders", json=body, headers=buyer.headers)
        assert response.status_code == 422, body


async def test_an_order_holds_the_price_and_is_seen_by_its_parties_only(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher", "Johan Ek")
    buyer = await make_user("student", "Maja Berg")
    stranger = await make_user("student")
    admin = await make_user("admin")
    service = await published_service(client, teacher, price_cents=79000)
    response = await client.post(
        "/orders",
        json={"service_id": service["id"], "note": "Gärna på kvällen"},
        headers=buyer.headers,
    )
    assert response.status_code == 201
    order = response.json()
    assert order["status"] == "pending" and order["amount_cents"] == 79000
    assert order["item_kind"] == "service" and order["item_title"] == service["title"]
    assert (order["buyer_name"], order["seller_name"]) == ("Maja Berg", "Johan Ek")
    assert order["order_number"] >= 100001 and order["checkout_expires_at"]

    await client.patch(
        f"/services/{service['id']}", json={"price_cents": 99000}, headers=teacher.headers
    )
    for viewer in (buyer, teacher, admin):
        got = await client.get(f"/orders/{order['id']}", headers=viewer.headers)
        assert got.status_code == 200 and got.json()["amount_cents"] == 79000
    assert (await client.get(f"/orders/{order['id']}", headers=stranger.headers)).status_code == 404

    bought = (await client.get("/orders?role=buyer", headers=buyer.headers)).json()["items"]
    sold = (await client.get("/orders?role=seller", headers=teacher.headers)).json()["items"]
    assert [o["id"] for o in bought] == [order["id"]] == [o["id"] for o in sold]
    assert (await client.get("/orders?role=buyer", headers=teacher.headers)).json()["items"] == []
    assert (await client.get("/orders?role=owner", headers=buyer.headers)).status_code == 422


async def test_order_list_pages(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    made = {(await place_order(client, buyer, service["id"]))["id"] for _ in range(5)}
    seen: list[str] = []
    cursor = None
    while True:
        query = "/orders?role=buyer&limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = (await client.get(query, headers=buyer.headers)).json()
        seen += [o["id"] for o in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 5 and set(seen) == made
    pending = await client.get("/orders?role=buyer&status=paid", headers=buyer.headers)
    assert pending.json()["items"] == []


async def test_cancel_while_pending_by_the_buyer(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    order = await place_order(client, buyer, service["id"])
    path = f"/orders/{order['id']}/cancel"
    assert (await client.post(path, headers=teacher.headers)).status_code == 403
    canceled = await client.post(path, headers=buyer.headers)
    assert canceled.status_code == 200 and canceled.json()["status"] == "canceled"
    assert canceled.json()["canceled_at"]
    again = await client.post(path, headers=buyer.headers)
    assert again.status_code == 409 and again.json()["error"] == "order_not_pending"
    paying = await client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=buyer.headers
    )
    assert paying.status_code == 409


async def test_fulfil_and_receipt_after_payment(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    order = await place_order(client, buyer, service["id"])
    early = await client.get(f"/orders/{order['id']}/receipt", headers=buyer.headers)
    assert early.status_code == 409
    assert (
        await client.post(f"/orders/{order['id']}/fulfil", headers=teacher.headers)
    ).status_code == 409
    await pay_with_dummy(client, buyer, order["id"])

    assert (
        await client.post(f"/orders/{order['id']}/fulfil", headers=buyer.headers)
    ).status_code == 403
    done = await client.post(f"/orders/{order['id']}/fulfil", headers=teacher.headers)
    assert done.status_code == 200 and done.json()["status"] == "fulfilled"
    for viewer in (buyer, teacher):
        pdf = await client.get(f"/orders/{order['id']}/receipt", headers=viewer.headers)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
        assert f"kvitto-{order['order_number']}.pdf" in pdf.headers["content-disposition"]
    payments = await client.get(f"/orders/{order['id']}/payments", headers=buyer.headers)
    assert [p["status"] for p in payments.json()] == ["succeeded"]


async def test_a_free_service_is_paid_at_once(
    client: httpx.AsyncClient, make_user: MakeUser, db
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher, price_cents=0)
    order = await place_order(client, buyer, service["id"])
    assert order["status"] == "paid" and order["payment_method"] == "free"
    assert await db.fetchval("SELECT count(*) FROM app.mail_outbox WHERE kind = 'receipt'") == 1
    refund = await client.post(f"/orders/{order['id']}/refund", json={}, headers=teacher.headers)
    assert refund.status_code == 409


async def test_has_paid_order_between_and_the_kind_registry(
    client: httpx.AsyncClient, make_user: MakeUser, db
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    order = await place_order(client, buyer, service["id"])
    assert await orders.has_paid_order_between(db, buyer.id, teacher.id) is False
    await pay_with_dummy(client, buyer, order["id"])
    assert await orders.has_paid_order_between(db, buyer.id, teacher.id) is True
    assert await orders.has_paid_order_between(db, teacher.id, buyer.id) is False
    assert KIND_MODULES["service"] == "app.orders.kinds.service"
    assert handler_for("service").fulfil_on_paid is False
