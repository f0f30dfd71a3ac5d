"""The catalogue: listing with filters and keyset pages, a course's outline, and who may read
a lesson's content."""

import uuid

import asyncpg
import httpx

from app.courses.schemas import CourseSummary
from app.pagination import Page
from tests.conftest import MakeUser
from tests.courses.helpers import all_keys, build_course, enroll


async def test_catalogue_lists_published_courses_only(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    shown = await build_course(client, teacher, title="Andning i vardagen")
    await build_course(client, teacher, title="Utkast", publish=False)
    r = await client.get("/courses")
    assert r.status_code == 200
    body = r.json()
    assert [c["id"] for c in body["items"]] == [shown.id]
    item = body["items"][0]
    assert item["teacher"] == {"id": str(teacher.id), "display_name": teacher.display_name}
    assert item["lesson_count"] == 2 and item["total_minutes"] == 20 and item["free"] is True
    assert body["next_cursor"] is None


async def test_catalogue_filters(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    astrid = await make_user("teacher")
    johan = await make_user("teacher")
    intro = await build_course(client, astrid, title="Introduktion till yoga", is_intro=True)
    paid = await build_course(
        client, astrid, title="Yinyoga", price_cents=49000, level="intermediate"
    )
    tarot = await build_course(client, johan, title="Tarot 100% från grunden", price_cents=69000)

    async def ids(**params: str) -> set[str]:
        r = await client.get("/courses", params=params)
        assert r.status_code == 200, r.text
        return {c["id"] for c in r.json()["items"]}

    assert await ids(teacher=str(astrid.id)) == {intro.id, paid.id}
    assert await ids(level="intermediate") == {paid.id}
    assert await ids(price="free") == {intro.id}
    assert await ids(price="paid") == {paid.id, tarot.id}
    assert await ids(intro="true") == {intro.id}
    assert await ids(q="yoga") == {intro.id, paid.id}
    assert await ids(q="100%") == {tarot.id}  # % is taken literally
    assert await ids(q="50%") == set()
    assert (await client.get("/courses", params={"level": "expert"})).status_code == 422
    assert (await client.get("/courses", params={"price": "cheap"})).status_code == 422


async def test_catalogue_filters_by_category(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    yoga = await build_course(client, teacher, title="Yinyoga", category="yoga")
    tarot = await build_course(client, teacher, title="Tarot", category="tarot", price_cents=9000)
    other = await build_course(client, teacher, title="Något annat")

    async def ids(**params: str) -> list[str]:
        r = await client.get("/courses", params=params)
        assert r.status_code == 200, r.text
        return [c["id"] for c in r.json()["items"]]

    assert await ids(category="yoga") == [yoga.id]
    assert await ids(category="tarot", price="paid") == [tarot.id]
    assert await ids(category="tarot", price="free") == []
    assert await ids(category="other") == [other.id]
    assert (await client.get(f"/courses/{yoga.id}")).json()["category"] == "yoga"
    bad = await client.get("/courses", params={"category": "kristaller"})
    assert bad.status_code == 422

    # A teacher moves a course to another category; an unknown one is refused.
    moved = await client.patch(
        f"/studio/courses/{other.id}", json={"category": "healing"}, headers=teacher.headers
    )
    assert moved.status_code == 200 and moved.json()["category"] == "healing"
    assert await ids(category="healing") == [other.id]
    refused = await client.patch(
        f"/studio/courses/{other.id}", json={"category": "kristaller"}, headers=teacher.headers
    )
    assert refused.status_code == 422


async def test_catalogue_pages_with_a_cursor(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    made = [
        (await build_course(client, teacher, title=f"Kurs {i}", lessons_per_module=1)).id
        for i in range(5)
    ]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        body = (await client.get("/courses", params=params)).json()
        assert len(body["items"]) <= 2
        seen += [c["id"] for c in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(made))
    r = await client.get("/courses", params={"cursor": "not-a-cursor"})
    assert r.status_code == 400 and r.json()["error"] == "invalid_cursor"


async def test_intro_courses_come_first(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    teacher = await make_user("teacher")
    intro = await build_course(client, teacher, title="Intro", is_intro=True)
    newer = await build_course(client, teacher, title="Fördjupning", price_cents=10000)
    newest = await build_course(client, teacher, title="Fortsättning")
    r = await client.get("/courses/intro-first")
    assert [c["id"] for c in r.json()["items"]] == [intro.id, newest.id, newer.id]
    first = (await client.get("/courses/intro-first", params={"limit": "1"})).json()
    assert [c["id"] for c in first["items"]] == [intro.id]
    rest = (
        await client.get(
            "/courses/intro-first", params={"limit": "5", "cursor": first["next_cursor"]}
        )
    ).json()
    assert [c["id"] for c in rest["items"]] == [newest.id, newer.id]


async def test_course_outline_has_titles_but_no_content(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    course = await build_course(client, teacher, modules=2, quiz=True)
    r = await client.get(f"/courses/{course.id}")
    assert r.status_code == 200
    body = r.json()
    assert [m["id"] for m in body["modules"]] == course.module_ids
    assert [lesson["title"] for lesson in body["modules"][0]["lessons"]] == [
        "Lektion 1.1",
        "Lektion 1.2",
    ]
    assert body["modules"][0]["lessons"][0]["quiz_id"] == course.quiz_ids[0]
    assert not all_keys(body) & {"content_md", "correct_options"}
    assert "Hemlig" not in r.text

    modules = (await client.get(f"/courses/{course.id}/modules")).json()
    assert [(m["title"], m["lesson_count"]) for m in modules] == [("Del 1", 2), ("Del 2", 2)]
    lessons = (await client.get(f"/courses/modules/{course.module_ids[1]}/lessons")).json()
    assert [lesson["id"] for lesson in lessons] == course.lesson_ids[2:]
    assert not all_keys(lessons) & {"content_md"}


async def test_a_draft_is_visible_to_its_teacher_only(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    admin = await make_user("admin")
    draft = await build_course(client, teacher, publish=False)
    assert (await client.get(f"/courses/{draft.id}")).status_code == 404
    assert (await client.get(f"/courses/{draft.id}", headers=other.headers)).status_code == 404
    assert (await client.get(f"/courses/{draft.id}/modules")).status_code == 404
    r = await client.get(f"/courses/modules/{draft.module_ids[0]}/lessons")
    assert r.status_code == 404
    assert (await client.get(f"/courses/{draft.id}", headers=teacher.headers)).status_code == 200
    assert (await client.get(f"/courses/{draft.id}", headers=admin.headers)).status_code == 200
    r = await client.get("/courses/00000000-0000-0000-0000-000000000000")
    assert r.status_code == 404 and r.json()["error"] == "course_not_found"


async def test_lesson_content_needs_access(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    paid = await build_course(client, teacher, price_cents=49000)
    free = await build_course(client, teacher, title="Gratis")
    lesson = paid.lesson_ids[0]

    assert (await client.get(f"/lessons/{lesson}")).status_code == 401
    r = await client.get(f"/lessons/{lesson}", headers=student.headers)
    assert r.status_code == 403
    body = r.json()
    assert body["error"] == "enrollment_required"
    assert body["action"] == "buy" and body["free"] is False and body["price_cents"] == 49000
    assert body["course_id"] == paid.id
    assert "Hemlig" not in r.text

    r = await client.get(f"/lessons/{free.lesson_ids[0]}", headers=student.headers)
    assert r.status_code == 403
    assert r.json()["action"] == "enroll" and r.json()["free_slots_left"] == 3

    await enroll(client, free.id, student)
    r = await client.get(f"/lessons/{free.lesson_ids[0]}", headers=student.headers)
    assert r.status_code == 200
    assert r.json()["content_md"].startswith("# Lektion 1.1") and r.json()["completed"] is False

    r = await client.get(f"/lessons/{lesson}", headers=teacher.headers)
    assert r.status_code == 200 and "Hemlig text" in r.json()["content_md"]
    admin = await make_user("admin")
    assert (await client.get(f"/lessons/{lesson}", headers=admin.headers)).status_code == 200


async def test_lessons_of_an_unpublished_course_stay_open_to_its_students(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    outsider = await make_user("student")
    course = await build_course(client, teacher)
    await enroll(client, course.id, student)
    r = await client.post(f"/studio/courses/{course.id}/unpublish", headers=teacher.headers)
    assert r.status_code == 200 and r.json()["status"] == "draft"
    lesson = course.lesson_ids[0]
    assert (await client.get(f"/lessons/{lesson}", headers=student.headers)).status_code == 200
    assert (await client.get(f"/lessons/{lesson}", headers=outsider.headers)).status_code == 404
    assert (await client.get(f"/courses/{course.id}", headers=student.headers)).status_code == 200
    assert (await client.get("/courses")).json()["items"] == []


async def test_access_says_why_or_what_it_takes(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    course = await build_course(client, teacher)
    r = await client.get(f"/courses/{course.id}/access")
    assert r.json()["access"] is False and r.json()["requirement"]["action"] == "sign_in"
    r = await client.get(f"/courses/{course.id}/access", headers=student.headers)
    assert r.json()["requirement"]["action"] == "enroll"
    await enroll(client, course.id, student)
    r = await client.get(f"/courses/{course.id}/access", headers=student.headers)
    assert r.json() == {
        "course_id": course.id,
        "access": True,
        "role": "enrolled",
        "requirement": None,
    }
    r = await client.get(f"/courses/{course.id}/access", headers=teacher.headers)
    assert r.json()["role"] == "teacher"
    assert await db.fetchval("SELECT count(*) FROM app.enrollments") == 1


async def test_the_catalogue_json_is_what_the_response_model_writes(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    """GET /courses and /courses/intro-first send JSON that PostgreSQL built; it must be byte
    for byte what FastAPI writes for Page[CourseSummary], lesson totals included."""
    teacher = await make_user("teacher", display_name='Åsa "Måne" \\ Lind')
    tricky = await build_course(
        client, teacher, title='Tarot "100%" \\ grund\t✨', summary="Rad 1\nRad 2\x01", modules=2
    )
    intro = await build_course(client, teacher, title="Intro", is_intro=True, lessons_per_module=1)
    paid = await build_course(client, teacher, title="Fördjupning", price_cents=49000)
    for course_id, moment in [
        (tricky.id, "2026-03-01 10:00:00+00"),  # no microseconds
        (intro.id, "2026-03-01 10:30:00.0005+01"),  # another zone, 500 microseconds
        (paid.id, "2026-03-01 08:00:00.12+00"),
    ]:
        await db.execute(
            "UPDATE app.courses SET published_at = $2::text::timestamptz WHERE id = $1",
            uuid.UUID(course_id),
            moment,
        )

    async def page(path: str, **params: str) -> Page[CourseSummary]:
        response = await client.get(path, params=params)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        model = Page[CourseSummary].model_validate_json(response.content)
        assert model.model_dump_json().encode() == response.content
        for item in model.items:  # the same as the model-built GET /courses/{id}
            detail = (await client.get(f"/courses/{item.id}")).json()
            assert {k: detail[k] for k in CourseSummary.model_fields} == item.model_dump(
                mode="json"
            )
        return model

    everything = await page("/courses")
    assert [c.id for c in everything.items] == [uuid.UUID(c.id) for c in (tricky, intro, paid)]
    assert [(c.lesson_count, c.total_minutes) for c in everything.items] == [
        (4, 40),
        (1, 10),
        (2, 20),
    ]
    assert [c.published_at.microsecond for c in everything.items] == [0, 500, 120000]
    assert everything.next_cursor is None
    first = await page("/courses", limit="2")
    assert first.items == everything.items[:2]
    rest = await page("/courses", limit="2", cursor=first.next_cursor or "")
    assert rest.items == everything.items[2:] and rest.next_cursor is None
    assert (await page("/courses", q="nothing-matches")).items == []
    intro_first = await page("/courses/intro-first", limit="2")
    assert [c.id for c in intro_first.items] == [uuid.UUID(intro.id), uuid.UUID(tricky.id)]
    after = await page("/courses/intro-first", cursor=intro_first.next_cursor or "")
    assert [c.id for c in after.items] == [uuid.UUID(paid.id)] and after.next_cursor is None
