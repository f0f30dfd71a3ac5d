"""Session packages: terms on a service of kind package, credits given by the payment, used by
bookings (one each, the package expiring first) and given back by a free cancellation."""

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import asyncpg
import httpx

from tests.bookings.helpers import at, bookable_teacher, iso
from tests.conftest import Account, MakeUser
from tests.marketplace_helpers import pay_with_dummy, place_order, published_service


async def _package(
    client: httpx.AsyncClient,
    teacher: Account,
    sessions: int = 3,
    months: int = 6,
    minutes: int = 60,
) -> dict[str, Any]:
    service = await published_service(
        client,
        teacher,
        title=f"Paket: {sessions} samtal",
        kind="package",
        duration_minutes=minutes,
        price_cents=150000,
    )
    terms = await client.put(
        f"/services/{service['id']}/package",
        json={"sessions_count": sessions, "valid_months": months},
        headers=teacher.headers,
    )
    assert terms.status_code == 200, terms.text
    return service


async def _buy(client: httpx.AsyncClient, buyer: Account, package: dict[str, Any]) -> str:
    order = await place_order(client, buyer, package["id"])
    await pay_with_dummy(client, buyer, order["id"])
    return str(order["id"])


async def _credits(
    client: httpx.AsyncClient, student: Account, everything: bool = False
) -> dict[str, Any]:
    response = await client.get(
        "/me/credits" + ("?all=true" if everything else ""), headers=student.headers
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def _book(
    client: httpx.AsyncClient, student: Account, service_id: str, days: int, hour: int = 12
) -> httpx.Response:
    return await client.post(
        "/bookings",
        json={"service_id": service_id, "slot_start": iso(at(days, hour)), "use_credit": True},
        headers=student.headers,
    )


async def test_package_terms_are_set_by_the_services_teacher(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    student = await make_user("student")
    package = await published_service(client, teacher, kind="package", duration_minutes=45)
    reading = await published_service(client, teacher, kind="reading")
    path = f"/services/{package['id']}/package"
    terms = {"sessions_count": 5, "valid_months": 6}
    assert (await client.put(path, json=terms)).status_code == 401
    assert (await client.put(path, json=terms, headers=student.headers)).status_code == 403
    foreign = await client.put(path, json=terms, headers=other.headers)
    assert foreign.status_code == 403 and foreign.json()["error"] == "not_owner"
    wrong_kind = await client.put(
        f"/services/{reading['id']}/package", json=terms, headers=teacher.headers
    )
    assert wrong_kind.status_code == 422 and wrong_kind.json()["error"] == "not_a_package"
    for bad in (
        {"sessions_count": 0, "valid_months": 6},
        {"sessions_count": 5, "valid_months": 37},
        {},
    ):
        assert (await client.put(path, json=bad, headers=teacher.headers)).status_code == 422

    saved = await client.put(path, json=terms, headers=teacher.headers)
    assert saved.status_code == 200
    assert saved.json() == {
        "service_id": package["id"],
        "sessions_count": 5,
        "valid_months": 6,
        "session_minutes": 45,
    }
    shown = (await client.get(f"/services/{package['id']}")).json()
    assert (shown["sessions_count"], shown["valid_months"]) == (5, 6)


async def test_a_package_is_bought_without_a_time_and_only_with_terms(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    bare = await published_service(client, teacher, kind="package", duration_minutes=60)
    refused = await client.post("/orders", json={"service_id": bare["id"]}, headers=buyer.headers)
    assert refused.status_code == 409 and refused.json()["error"] == "package_not_ready"
    package = await _package(client, teacher)
    unpaid = await place_order(client, buyer, package["id"])
    assert unpaid["status"] == "pending"
    assert (await _credits(client, buyer))["usable_credits"] == 0
    canceled = await client.post(f"/orders/{unpaid['id']}/cancel", headers=buyer.headers)
    assert canceled.status_code == 200
    assert (await _credits(client, buyer, everything=True))["items"] == []


async def test_credits_are_used_and_returned_exactly(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    service = await bookable_teacher(client, teacher, cancellation_window_hours=48)
    package = await _package(client, teacher, sessions=3)
    assert (await _book(client, student, service["id"], 5)).json()["error"] == "no_credit"

    order_id = await _buy(client, student, package)
    credits = await _credits(client, student)
    [item] = credits["items"]
    assert credits["usable_credits"] == 3 and item["credits_left"] == 3 and item["usable"]
    assert item["order_id"] == order_id and item["status"] == "active"
    assert item["teacher"]["id"] == str(teacher.id) and item["session_minutes"] == 60
    assert item["expires_at"] > item["activated_at"]

    first = await _book(client, student, service["id"], 5, 10)
    assert first.status_code == 201, first.text
    assert first.json()["package_id"] == item["package_id"] and first.json()["order_id"] is None
    assert first.json()["status"] == "booked"
    late = await _book(client, student, service["id"], 1, 12)
    assert late.status_code == 201
    third = await _book(client, student, service["id"], 6, 10)
    assert third.status_code == 201
    assert (await _credits(client, student))["usable_credits"] == 0
    fourth = await _book(client, student, service["id"], 7, 10)
    assert fourth.status_code == 409 and fourth.json()["error"] == "no_credit"
    # No order, no payment: the credits paid for these sessions.
    assert await db.fetchval("SELECT count(*) FROM app.service_orders") == 1

    inside = await client.post(f"/bookings/{first.json()['id']}/cancel", headers=student.headers)
    assert inside.status_code == 200 and inside.json()["refunded"] is True
    assert (await _credits(client, student))["usable_credits"] == 1
    outside = await client.post(f"/bookings/{late.json()['id']}/cancel", headers=student.headers)
    assert outside.status_code == 200 and outside.json()["refunded"] is False
    assert (await _credits(client, student))["usable_credits"] == 1
    granted = await client.post(f"/bookings/{late.json()['id']}/refund", headers=teacher.headers)
    assert granted.status_code == 200
    assert (await _credits(client, student))["usable_credits"] == 2
    by_teacher = await client.post(
        f"/bookings/{third.json()['id']}/cancel", headers=teacher.headers
    )
    assert by_teacher.json()["refunded"] is True
    assert (await _credits(client, student))["usable_credits"] == 3
    used = await db.fetchval("SELECT credits_used FROM app.session_packages")
    assert used == 0
    assert (await _book(client, student, service["id"], 7, 10)).status_code == 201
    assert await db.fetchval("SELECT credits_used FROM app.session_packages") == 1


async def test_credits_come_from_the_package_that_expires_first(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    service = await bookable_teacher(client, teacher)
    long = await _package(client, teacher, sessions=2, months=12)
    short = await _package(client, teacher, sessions=2, months=3)
    await _buy(client, student, long)
    await _buy(client, student, short)
    booked = await _book(client, student, service["id"], 4)
    used = await db.fetchrow(
        "SELECT service_id, credits_used FROM app.session_packages WHERE credits_used > 0"
    )
    assert booked.status_code == 201 and str(used["service_id"]) == short["id"]
    # An expired package gives nothing, whatever is left in it.
    await db.execute(
        "UPDATE app.session_packages SET expires_at = now() - interval '1 day', "
        "activated_at = now() - interval '100 days' WHERE service_id = $1",
        uuid.UUID(long["id"]),
    )
    assert (await _credits(client, student))["usable_credits"] == 1
    everything = (await _credits(client, student, everything=True))["items"]
    assert {i["service_id"]: i["usable"] for i in everything} == {
        short["id"]: True,
        long["id"]: False,
    }
    assert (await _book(client, student, service["id"], 5)).status_code == 201
    last = await _book(client, student, service["id"], 6)
    assert last.status_code == 409 and last.json()["error"] == "no_credit"


async def test_credit_bookings_follow_the_rules(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    other_teacher = await make_user("teacher")
    student = await make_user("student")
    service = await bookable_teacher(client, teacher)
    others = await bookable_teacher(client, other_teacher)
    long = await published_service(
        client, teacher, title="Lång session", kind="session", duration_minutes=120
    )
    package = await _package(client, teacher, sessions=5, minutes=60)
    await _buy(client, student, package)

    body = {"service_id": service["id"], "slot_start": iso(at(5)), "use_credit": True}
    assert (await client.post("/bookings", json=body)).status_code == 401
    pay_instead = await client.post(
        "/bookings", json={**body, "use_credit": False}, headers=student.headers
    )
    assert pay_instead.status_code == 422 and pay_instead.json()["error"] == "use_order"
    own = await client.post("/bookings", json=body, headers=teacher.headers)
    assert own.status_code == 403 and own.json()["error"] == "own_item"
    assert (await _book(client, student, others["id"], 5)).json()["error"] == "no_credit"
    too_long = await _book(client, student, long["id"], 5)
    assert too_long.status_code == 409 and too_long.json()["error"] == "no_credit"
    with_package = await _book(client, student, package["id"], 5)
    assert with_package.status_code == 422 and with_package.json()["error"] == "not_bookable"
    unknown = await _book(client, student, str(uuid.uuid4()), 5)
    assert unknown.status_code == 404
    off_grid = await client.post(
        "/bookings",
        json={**body, "slot_start": iso(at(5) + timedelta(minutes=7))},
        headers=student.headers,
    )
    assert off_grid.status_code == 409 and off_grid.json()["error"] == "slot_unavailable"
    assert (await _credits(client, student))["usable_credits"] == 5


async def test_concurrent_credit_bookings_use_each_credit_once(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    service = await bookable_teacher(client, teacher)
    await _buy(client, student, await _package(client, teacher, sessions=2))
    responses = await asyncio.gather(
        *(_book(client, student, service["id"], 3, hour) for hour in range(10, 16))
    )
    assert sorted(r.status_code for r in responses) == [201, 201, 409, 409, 409, 409]
    assert {r.json()["error"] for r in responses if r.status_code == 409} == {"no_credit"}
    assert await db.fetchval("SELECT credits_used FROM app.session_packages") == 2
    assert await db.fetchval("SELECT count(*) FROM app.bookings WHERE status = 'booked'") == 2


async def test_a_full_refund_revokes_the_credits_left(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    service = await bookable_teacher(client, teacher)
    order_id = await _buy(client, student, await _package(client, teacher, sessions=4))
    assert (await _book(client, student, service["id"], 3)).status_code == 201
    refund = await client.post(f"/orders/{order_id}/refund", json={}, headers=teacher.headers)
    assert refund.status_code == 202
    credits = await _credits(client, student, everything=True)
    assert credits["usable_credits"] == 0
    assert [i["status"] for i in credits["items"]] == ["revoked"]
    assert (await _book(client, student, service["id"], 4)).json()["error"] == "no_credit"


async def test_credits_are_private_and_paged(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student, other = await make_user("student"), await make_user("student")
    assert (await client.get("/me/credits")).status_code == 401
    package = await _package(client, teacher, sessions=1)
    bought = [await _buy(client, student, package) for _ in range(3)]
    assert (await _credits(client, other))["items"] == []
    seen: list[str] = []
    cursor = None
    while True:
        query = "/me/credits?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = (await client.get(query, headers=student.headers)).json()
        seen += [i["order_id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(bought) and seen == list(reversed(bought))
    bad = await client.get("/me/credits?cursor=not-a-cursor", headers=student.headers)
    assert bad.status_code == 400
