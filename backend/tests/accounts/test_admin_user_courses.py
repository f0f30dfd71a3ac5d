"""GET /admin/users/{id}/courses: a user's enrollments with progress, for the admin's view."""

import uuid

import httpx

from tests.conftest import MakeUser


async def _free_course(client: httpx.AsyncClient, teacher_headers: dict[str, str]) -> str:
    created = await client.post(
        "/studio/courses",
        json={"title": "Andas lugnt", "summary": "En kort kurs", "price_cents": 0},
        headers=teacher_headers,
    )
    assert created.status_code == 201, created.text
    course_id: str = created.json()["id"]
    module = await client.post(
        f"/studio/courses/{course_id}/modules", json={"title": "Början"}, headers=teacher_headers
    )
    assert module.status_code == 201, module.text
    lesson = await client.post(
        f"/studio/modules/{module.json()['id']}/lessons",
        json={"title": "Första andetaget"},
        headers=teacher_headers,
    )
    assert lesson.status_code == 201, lesson.text
    published = await client.post(f"/studio/courses/{course_id}/publish", headers=teacher_headers)
    assert published.status_code == 200, published.text
    return course_id


async def test_a_users_courses_are_for_admins(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    student = await make_user("student")
    path = f"/admin/users/{student.id}/courses"
    assert (await client.get(path)).status_code == 401
    for role in ("student", "teacher"):
        user = await make_user(role)
        assert (await client.get(path, headers=user.headers)).status_code == 403, role
    # Not even for oneself: students read their own at /me/courses.
    assert (await client.get(path, headers=student.headers)).status_code == 403


async def test_admin_sees_a_users_enrollments_with_progress(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await make_user("admin")
    teacher = await make_user("teacher")
    student = await make_user("student")
    course_id = await _free_course(client, teacher.headers)
    empty = await client.get(f"/admin/users/{student.id}/courses", headers=admin.headers)
    assert empty.status_code == 200 and empty.json() == {"items": [], "next_cursor": None}
    enrolled = await client.post(f"/courses/{course_id}/enroll", headers=student.headers)
    assert enrolled.status_code in (200, 201), enrolled.text
    response = await client.get(f"/admin/users/{student.id}/courses", headers=admin.headers)
    assert response.status_code == 200
    [entry] = response.json()["items"]
    assert entry["course"]["id"] == course_id and entry["source"] == "free"
    assert entry["lessons_done"] == 0 and entry["lessons_total"] == 1 and entry["percent"] == 0
    # The same as the student's own list.
    mine = await client.get("/me/courses", headers=student.headers)
    assert mine.json()["items"] == response.json()["items"]


async def test_a_users_courses_bad_input(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    admin = await make_user("admin")
    missing = await client.get(f"/admin/users/{uuid.uuid4()}/courses", headers=admin.headers)
    assert missing.status_code == 404 and missing.json()["error"] == "user_not_found"
    assert (
        await client.get("/admin/users/not-a-uuid/courses", headers=admin.headers)
    ).status_code == 422
    student = await make_user("student")
    for params in ({"limit": "0"}, {"limit": "101"}):
        response = await client.get(
            f"/admin/users/{student.id}/courses", params=params, headers=admin.headers
        )
        assert response.status_code == 422, params
    bad = await client.get(
        f"/admin/users/{student.id}/courses", params={"cursor": "x"}, headers=admin.headers
    )
    assert bad.status_code == 400
