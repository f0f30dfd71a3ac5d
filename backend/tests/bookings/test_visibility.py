"""Nobody sees another's booking; GET /bookings lists one's own as student or teacher, by start
time in keyset pages; the demo teachers take bookings."""

import asyncpg
import httpx

from app.seed import demo_id, seed
from tests.bookings.helpers import at, bookable_teacher, iso, local_day, order_slot
from tests.conftest import MakeUser
from tests.marketplace_helpers import pay_with_dummy


async def test_nobody_sees_or_touches_another_persons_booking(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    stranger = await make_user("student")
    other_teacher = await make_user("teacher")
    admin = await make_user("admin")
    service = await bookable_teacher(client, teacher)
    order = (await order_slot(client, student, service["id"], at(4))).json()
    await pay_with_dummy(client, student, order["id"])
    [mine] = (await client.get("/bookings", headers=student.headers)).json()["items"]
    booking_id = mine["id"]

    assert (await client.get("/bookings")).status_code == 401
    assert (await client.get(f"/bookings/{booking_id}")).status_code == 401
    for outsider in (stranger, other_teacher):
        assert (await client.get("/bookings", headers=outsider.headers)).json()["items"] == []
        seen = await client.get(f"/bookings/{booking_id}", headers=outsider.headers)
        assert seen.status_code == 404
        for method, path, body in (
            ("POST", f"/bookings/{booking_id}/cancel", None),
            ("POST", f"/bookings/{booking_id}/reschedule", {"slot_start": iso(at(6))}),
            ("POST", f"/bookings/{booking_id}/refund", None),
            ("POST", f"/bookings/{booking_id}/attendance", {"status": "completed"}),
            ("PATCH", f"/bookings/{booking_id}", {"location": "Hos mig"}),
        ):
            response = await client.request(method, path, json=body, headers=outsider.headers)
            assert response.status_code == 404, (method, path, response.text)

    for viewer in (student, teacher, admin):
        got = await client.get(f"/bookings/{booking_id}", headers=viewer.headers)
        assert got.status_code == 200 and got.json()["status"] == "booked"
    as_teacher = (await client.get("/bookings?role=teacher", headers=teacher.headers)).json()
    assert [b["id"] for b in as_teacher["items"]] == [booking_id]
    assert (await client.get("/bookings?role=student", headers=teacher.headers)).json()[
        "items"
    ] == []
    assert (await client.get("/bookings?role=teacher", headers=student.headers)).json()[
        "items"
    ] == []
    assert (await client.get("/bookings?role=owner", headers=student.headers)).status_code == 422


async def test_bookings_are_listed_by_start_time_in_pages(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    service = await bookable_teacher(client, teacher)
    made = []
    for days in (6, 2, 5, 3, 4):
        response = await order_slot(client, student, service["id"], at(days))
        assert response.status_code == 201
        made.append((days, response.json()["id"]))
    seen: list[str] = []
    cursor = None
    while True:
        query = "/bookings?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = (await client.get(query, headers=student.headers)).json()
        seen += [b["starts_at"] for b in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 5 and seen == sorted(seen)
    later = await client.get("/bookings", params={"from": iso(at(4))}, headers=student.headers)
    assert len(later.json()["items"]) == 3
    held = await client.get("/bookings?status=held", headers=teacher.headers)
    assert len(held.json()["items"]) == 5
    assert (await client.get("/bookings?status=booked", headers=teacher.headers)).json()[
        "items"
    ] == []
    bad = await client.get("/bookings?cursor=%%%", headers=student.headers)
    assert bad.status_code == 400


async def test_the_demo_teachers_take_bookings_and_sell_a_package(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    await seed(db)
    await seed(db)  # idempotent
    johan, astrid = demo_id("johan"), demo_id("astrid")
    assert (
        await db.fetchval(
            "SELECT count(*) FROM app.availability_weekly WHERE teacher_id = $1", johan
        )
        == 3
    )
    assert await db.fetchval("SELECT count(*) FROM app.availability_settings") == 2
    package = await client.get(f"/services/{demo_id('coaching-paket-5')}")
    assert package.status_code == 200
    assert (package.json()["kind"], package.json()["sessions_count"]) == ("package", 5)
    for teacher, service in ((johan, "coaching-45"), (astrid, "yoga-privat")):
        slots = await client.get(
            f"/teachers/{teacher}/slots",
            params={
                "service_id": str(demo_id(service)),
                "from": local_day(2).isoformat(),
                "to": local_day(15).isoformat(),
            },
        )
        assert slots.status_code == 200 and slots.json()["accepts_bookings"] is True
        assert slots.json()["slots"], service
