"""Free enrollment within the free-course limit (also under concurrency), leaving a course,
and "Mina kurser"."""

import asyncio

import asyncpg
import httpx

from tests.conftest import Account, MakeUser
from tests.courses.helpers import build_course, enroll


async def set_free_limit(client: httpx.AsyncClient, admin: Account, limit: int) -> None:
    r = await client.patch(
        "/admin/config", json={"values": {"free_course_limit": limit}}, headers=admin.headers
    )
    assert r.status_code == 200


async def test_enroll_needs_a_signed_in_user(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    course = await build_course(client, teacher)
    assert (await client.post(f"/courses/{course.id}/enroll")).status_code == 401
    assert (await client.get(f"/courses/{course.id}/enrollment")).status_code == 401
    assert (await client.get("/courses/free-consumed")).status_code == 401
    assert (await client.get("/me/courses")).status_code == 401


async def test_enroll_in_a_free_course(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    course = await build_course(client, teacher)
    r = await client.get(f"/courses/{course.id}/enrollment", headers=student.headers)
    assert r.json() == {
        "course_id": course.id,
        "enrolled": False,
        "source": None,
        "order_id": None,
        "enrolled_at": None,
    }
    r = await client.post(f"/courses/{course.id}/enroll", headers=student.headers)
    assert r.status_code == 201
    assert r.json()["enrolled"] is True and r.json()["source"] == "free"
    again = await client.post(f"/courses/{course.id}/enroll", headers=student.headers)
    assert again.status_code == 200 and again.json() == r.json()
    r = await client.get(f"/courses/{course.id}/enrollment", headers=student.headers)
    assert r.json()["enrolled"] is True
    r = await client.get("/courses/free-consumed", headers=student.headers)
    assert r.json() == {"free_course_limit": 3, "consumed": 1, "remaining": 2}
    assert await db.fetchval("SELECT count(*) FROM app.enrollments") == 1


async def test_what_cannot_be_enrolled_in(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    paid = await build_course(client, teacher, price_cents=49000)
    draft = await build_course(client, teacher, title="Utkast", publish=False)
    free = await build_course(client, teacher, title="Gratis")
    r = await client.post(f"/courses/{paid.id}/enroll", headers=student.headers)
    assert r.status_code == 409 and r.json()["error"] == "course_not_free"
    assert r.json()["price_cents"] == 49000
    r = await client.post(f"/courses/{draft.id}/enroll", headers=student.headers)
    assert r.status_code == 404
    r = await client.post(f"/courses/{free.id}/enroll", headers=teacher.headers)
    assert r.status_code == 409 and r.json()["error"] == "own_course"
    r = await client.post(
        "/courses/00000000-0000-0000-0000-000000000000/enroll", headers=student.headers
    )
    assert r.status_code == 404


async def test_the_free_course_limit_holds(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    admin = await make_user("admin")
    teacher = await make_user("teacher")
    student = await make_user("student")
    await set_free_limit(client, admin, 2)
    courses = [await build_course(client, teacher, title=f"Gratis {i}") for i in range(3)]
    await enroll(client, courses[0].id, student)
    await enroll(client, courses[1].id, student)
    r = await client.post(f"/courses/{courses[2].id}/enroll", headers=student.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "free_course_limit_reached"
    assert r.json()["free_course_limit"] == 2 and r.json()["consumed"] == 2
    r = await client.get(f"/lessons/{courses[2].lesson_ids[0]}", headers=student.headers)
    assert r.json()["free_slots_left"] == 0

    # Leaving a free course frees its slot.
    r = await client.delete(f"/courses/{courses[0].id}/enrollment", headers=student.headers)
    assert r.status_code == 204
    await enroll(client, courses[2].id, student)
    assert (await client.get("/courses/free-consumed", headers=student.headers)).json() == {
        "free_course_limit": 2,
        "consumed": 2,
        "remaining": 0,
    }
    r = await client.delete(f"/courses/{courses[0].id}/enrollment", headers=student.headers)
    assert r.status_code == 404
    assert await db.fetchval("SELECT count(*) FROM app.enrollments") == 2


async def test_two_concurrent_enrollments_for_the_last_free_slot(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    admin = await make_user("admin")
    teacher = await make_user("teacher")
    student = await make_user("student")
    await set_free_limit(client, admin, 2)
    first = await build_course(client, teacher, title="Första")
    a = await build_course(client, teacher, title="A")
    b = await build_course(client, teacher, title="B")
    await enroll(client, first.id, student)
    for _ in range(5):  # repeat to give a race every chance to show
        responses = await asyncio.gather(
            client.post(f"/courses/{a.id}/enroll", headers=student.headers),
            client.post(f"/courses/{b.id}/enroll", headers=student.headers),
        )
        codes = sorted(r.status_code for r in responses)
        assert codes == [201, 409], [r.text for r in responses]
        assert (
            await db.fetchval("SELECT count(*) FROM app.enrollments WHERE user_id = $1", student.id)
            == 2
        )
        await db.execute(
            "DELETE FROM app.enrollments WHERE user_id = $1 AND course_id <> $2",
            student.id,
            first.id,
        )


async def test_the_same_course_twice_at_once_gives_one_enrollment(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    course = await build_course(client, teacher)
    responses = await asyncio.gather(
        *[client.post(f"/courses/{course.id}/enroll", headers=student.headers) for _ in range(4)]
    )
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 201]
    assert await db.fetchval("SELECT count(*) FROM app.enrollments") == 1


async def test_my_courses_lists_enrollments_with_progress(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    other = await make_user("student")
    older = await build_course(client, teacher, title="Äldre", lessons_per_module=4)
    newer = await build_course(client, teacher, title="Nyare")
    await enroll(client, older.id, student)
    await enroll(client, newer.id, student)
    await enroll(client, newer.id, other)
    r = await client.post(f"/lessons/{older.lesson_ids[0]}/complete", headers=student.headers)
    assert r.status_code == 200
    body = (await client.get("/me/courses", headers=student.headers)).json()
    assert [i["course"]["id"] for i in body["items"]] == [newer.id, older.id]
    mine = body["items"][1]
    assert (mine["lessons_done"], mine["lessons_total"], mine["percent"]) == (1, 4, 25)
    assert mine["source"] == "free" and mine["certificate_id"] is None
    assert mine["last_completed_at"] is not None
    page = (await client.get("/me/courses", params={"limit": 1}, headers=student.headers)).json()
    assert [i["course"]["id"] for i in page["items"]] == [newer.id]
    rest = (
        await client.get(
            "/me/courses", params={"cursor": page["next_cursor"]}, headers=student.headers
        )
    ).json()
    assert [i["course"]["id"] for i in rest["items"]] == [older.id]
    assert rest["next_cursor"] is None
