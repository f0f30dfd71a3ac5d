"""The studio: who may change a course, publishing, ordering, lessons with media, quizzes."""

import asyncpg
import httpx

from tests.conftest import MakeUser
from tests.courses.helpers import QUIZ, all_keys, build_course, enroll


async def test_studio_needs_a_teacher(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    body = {"title": "Min kurs"}
    assert (await client.post("/studio/courses", json=body)).status_code == 401
    assert (await client.get("/studio/courses")).status_code == 401
    student = await make_user("student")
    r = await client.post("/studio/courses", json=body, headers=student.headers)
    assert r.status_code == 403 and r.json()["error"] == "teacher_required"


async def test_a_teacher_cannot_edit_another_teachers_course(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    owner = await make_user("teacher")
    other = await make_user("teacher")
    course = await build_course(client, owner, quiz=True)
    draft = await build_course(client, owner, title="Utkast", publish=False)
    h = other.headers
    attempts = [
        client.patch(f"/studio/courses/{course.id}", json={"title": "Kapad"}, headers=h),
        client.delete(f"/studio/courses/{course.id}", headers=h),
        client.post(f"/studio/courses/{course.id}/unpublish", headers=h),
        client.post(f"/studio/courses/{course.id}/modules", json={"title": "X"}, headers=h),
        client.patch(f"/studio/modules/{course.module_ids[0]}", json={"title": "X"}, headers=h),
        client.delete(f"/studio/modules/{course.module_ids[0]}", headers=h),
        client.post(
            f"/studio/modules/{course.module_ids[0]}/lessons", json={"title": "X"}, headers=h
        ),
        client.patch(f"/studio/lessons/{course.lesson_ids[0]}", json={"title": "X"}, headers=h),
        client.delete(f"/studio/lessons/{course.lesson_ids[1]}", headers=h),
        client.get(f"/studio/lessons/{course.lesson_ids[0]}/quiz", headers=h),
        client.put(f"/studio/lessons/{course.lesson_ids[0]}/quiz", json=QUIZ, headers=h),
        client.put(
            f"/studio/courses/{course.id}/order",
            json={"modules": [{"id": course.module_ids[0], "lesson_ids": course.lesson_ids}]},
            headers=h,
        ),
    ]
    for attempt in attempts:
        r = await attempt
        assert r.status_code == 403, (r.request.url, r.text)
        assert r.json()["error"] == "not_course_teacher"
    # A draft of someone else does not exist as far as another teacher knows.
    r = await client.patch(f"/studio/courses/{draft.id}", json={"title": "X"}, headers=h)
    assert r.status_code == 404
    assert await db.fetchval("SELECT title FROM app.courses WHERE id = $1", course.id) == (
        "Meditation för nybörjare"
    )
    assert await db.fetchval("SELECT count(*) FROM app.lessons") == 4


async def test_an_admin_may_edit_any_course(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    owner = await make_user("teacher")
    admin = await make_user("admin")
    course = await build_course(client, owner)
    r = await client.patch(
        f"/studio/courses/{course.id}", json={"summary": "Rättad"}, headers=admin.headers
    )
    assert r.status_code == 200 and r.json()["summary"] == "Rättad"
    r = await client.get("/studio/courses", headers=admin.headers)
    assert [c["id"] for c in r.json()["items"]] == [course.id]


async def test_create_update_and_list_own_courses(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    await build_course(client, other)
    r = await client.post(
        "/studio/courses",
        json={"title": " Kristallhealing ", "level": "advanced", "price_cents": 29900},
        headers=teacher.headers,
    )
    assert r.status_code == 201
    created = r.json()
    assert created["title"] == "Kristallhealing" and created["status"] == "draft"
    assert created["modules"] == [] and created["price_cents"] == 29900
    r = await client.patch(
        f"/studio/courses/{created['id']}",
        json={"price_cents": 0, "is_intro": True, "description": "Grunderna"},
        headers=teacher.headers,
    )
    assert r.status_code == 200
    assert r.json()["free"] is True and r.json()["is_intro"] is True
    assert r.json()["description"] == "Grunderna"
    r = await client.get("/studio/courses", headers=teacher.headers)
    assert [c["id"] for c in r.json()["items"]] == [created["id"]]


async def test_bad_course_input(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    teacher = await make_user("teacher")
    for body in (
        {"title": ""},
        {"title": "   "},
        {"title": "X", "price_cents": -1},
        {"title": "X", "level": "guru"},
        {"title": "X", "unknown": 1},
    ):
        r = await client.post("/studio/courses", json=body, headers=teacher.headers)
        assert r.status_code == 422, body
    r = await client.post(
        "/studio/courses",
        json={"title": "Intro", "is_intro": True, "price_cents": 100},
        headers=teacher.headers,
    )
    assert r.status_code == 422 and r.json()["error"] == "intro_must_be_free"
    course = await build_course(client, teacher, price_cents=100, publish=False)
    r = await client.patch(
        f"/studio/courses/{course.id}", json={"is_intro": True}, headers=teacher.headers
    )
    assert r.status_code == 422 and r.json()["error"] == "intro_must_be_free"


async def test_publishing_needs_a_lesson_and_adds_a_feed_activity_once(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    empty = await build_course(client, teacher, modules=1, lessons_per_module=0, publish=False)
    r = await client.post(f"/studio/courses/{empty.id}/publish", headers=teacher.headers)
    assert r.status_code == 409 and r.json()["error"] == "course_has_no_lessons"

    course = await build_course(client, teacher, publish=False)
    r = await client.post(f"/studio/courses/{course.id}/publish", headers=teacher.headers)
    assert r.status_code == 200
    assert r.json()["status"] == "published" and r.json()["published_at"]
    await client.post(f"/studio/courses/{course.id}/unpublish", headers=teacher.headers)
    await client.post(f"/studio/courses/{course.id}/publish", headers=teacher.headers)
    rows = await db.fetch("SELECT * FROM app.activities WHERE subject_id = $1", course.id)
    assert len(rows) == 1
    assert rows[0]["kind"] == "course_published" and rows[0]["subject_type"] == "course"
    assert rows[0]["actor_id"] == teacher.id
    assert rows[0]["subject_title"] == "Meditation för nybörjare"


async def test_reorder_modules_and_lessons_in_one_call(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    c = await build_course(client, teacher, modules=2, lessons_per_module=2)
    m1, m2 = c.module_ids
    l1, l2, l3, l4 = c.lesson_ids
    new_order = {
        "modules": [{"id": m2, "lesson_ids": [l4, l1, l3]}, {"id": m1, "lesson_ids": [l2]}]
    }
    r = await client.put(f"/studio/courses/{c.id}/order", json=new_order, headers=teacher.headers)
    assert r.status_code == 200
    outline = [(m["id"], [x["id"] for x in m["lessons"]]) for m in r.json()["modules"]]
    assert outline == [(m2, [l4, l1, l3]), (m1, [l2])]
    positions = [x["position"] for x in r.json()["modules"][0]["lessons"]]
    assert positions == [0, 1, 2]

    for bad in (
        {"modules": [{"id": m2, "lesson_ids": [l4, l1, l3, l2]}]},  # a module missing
        {"modules": [{"id": m2, "lesson_ids": [l4, l1]}, {"id": m1, "lesson_ids": [l2]}]},
        {"modules": [{"id": m2, "lesson_ids": [l4, l1, l3, l2]}, {"id": m1, "lesson_ids": [l2]}]},
    ):
        r = await client.put(f"/studio/courses/{c.id}/order", json=bad, headers=teacher.headers)
        assert r.status_code == 422, bad
    after = (await client.get(f"/courses/{c.id}")).json()
    assert [m["id"] for m in after["modules"]] == [m2, m1]


async def test_lessons_move_and_insert_at_a_position(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    c = await build_course(client, teacher, modules=2, lessons_per_module=2)
    r = await client.post(
        f"/studio/modules/{c.module_ids[0]}/lessons",
        json={"title": "Först", "position": 0, "duration_minutes": 5},
        headers=teacher.headers,
    )
    assert r.status_code == 201 and r.json()["position"] == 0
    first = r.json()["id"]
    r = await client.patch(
        f"/studio/lessons/{first}",
        json={"module_id": c.module_ids[1], "position": 1, "content_md": "Ny text"},
        headers=teacher.headers,
    )
    assert r.status_code == 200 and r.json()["content_md"] == "Ny text"
    outline = (await client.get(f"/courses/{c.id}")).json()["modules"]
    assert [x["id"] for x in outline[0]["lessons"]] == c.lesson_ids[:2]
    assert [x["id"] for x in outline[1]["lessons"]] == [c.lesson_ids[2], first, c.lesson_ids[3]]
    other = await build_course(client, teacher, title="Annan")
    r = await client.patch(
        f"/studio/lessons/{first}", json={"module_id": other.module_ids[0]}, headers=teacher.headers
    )
    assert r.status_code == 422 and r.json()["error"] == "module_not_found"


async def test_deleting_courses_modules_and_lessons(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    c = await build_course(client, teacher, modules=2)
    r = await client.delete(f"/studio/lessons/{c.lesson_ids[0]}", headers=teacher.headers)
    assert r.status_code == 204
    r = await client.delete(f"/studio/modules/{c.module_ids[1]}", headers=teacher.headers)
    assert r.status_code == 204
    assert await db.fetchval("SELECT count(*) FROM app.lessons WHERE course_id = $1", c.id) == 1
    await enroll(client, c.id, student)
    r = await client.delete(f"/studio/courses/{c.id}", headers=teacher.headers)
    assert r.status_code == 409 and r.json()["error"] == "course_has_students"
    draft = await build_course(client, teacher, publish=False)
    r = await client.delete(f"/studio/courses/{draft.id}", headers=teacher.headers)
    assert r.status_code == 204
    assert await db.fetchval("SELECT count(*) FROM app.courses WHERE id = $1", draft.id) == 0
    r = await client.delete(f"/studio/courses/{draft.id}", headers=teacher.headers)
    assert r.status_code == 404


async def test_quiz_answers_stay_in_the_studio(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    c = await build_course(client, teacher, quiz=True)
    r = await client.get(f"/studio/lessons/{c.lesson_ids[0]}/quiz", headers=teacher.headers)
    assert r.status_code == 200
    assert [q["correct_options"] for q in r.json()["questions"]] == [[0], [0, 2], [0]]
    r = await client.get(f"/studio/lessons/{c.lesson_ids[0]}/quiz", headers=student.headers)
    assert r.status_code == 403

    await enroll(client, c.id, student)
    for url in (f"/quizzes/{c.quiz_ids[0]}", f"/lessons/{c.lesson_ids[0]}"):
        r = await client.get(url, headers=student.headers)
        assert r.status_code == 200
        assert "correct_options" not in all_keys(r.json()), url
    quiz = (await client.get(f"/quizzes/{c.quiz_ids[0]}", headers=student.headers)).json()
    assert [q["multiple"] for q in quiz["questions"]] == [False, True, False]
    assert quiz["questions"][1]["options"] == ["Närvaro", "Stress", "Stillhet"]


async def test_quiz_is_replaced_and_validated(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    c = await build_course(client, teacher, quiz=True)
    url = f"/studio/lessons/{c.lesson_ids[0]}/quiz"
    replaced = {
        "pass_mark_percent": 100,
        "questions": [{"prompt": "Ja?", "options": ["Ja", "Nej"], "correct_options": [0]}],
    }
    r = await client.put(url, json=replaced, headers=teacher.headers)
    assert r.status_code == 200 and r.json()["id"] == c.quiz_ids[0]
    assert len(r.json()["questions"]) == 1 and r.json()["pass_mark_percent"] == 100
    for bad in (
        {"questions": []},
        {"questions": [{"prompt": "?", "options": ["A"], "correct_options": [0]}]},
        {"questions": [{"prompt": "?", "options": ["A", "B"], "correct_options": [2]}]},
        {"questions": [{"prompt": "?", "options": ["A", "B"], "correct_options": []}]},
        {"pass_mark_percent": 0, "questions": replaced["questions"]},
    ):
        r = await client.put(url, json=bad, headers=teacher.headers)
        assert r.status_code == 422, bad
    assert (await client.delete(url, headers=teacher.headers)).status_code == 204
    assert (await client.get(url, headers=teacher.headers)).status_code == 404
    assert (await client.delete(url, headers=teacher.headers)).status_code == 404
