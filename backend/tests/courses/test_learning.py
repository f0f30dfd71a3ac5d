"""Learning: completing lessons, quizzes graded on the server, progress, and the certificate
(PDF for its student, public verification by code)."""

import asyncpg
import httpx

from tests.conftest import MakeUser
from tests.courses.helpers import Built, build_course, enroll
from tests.pdftext import pdf_text

ALL_RIGHT = [[0], [0, 2], [0]]


def answers(quiz: dict[str, object], picks: list[list[int]]) -> dict[str, object]:
    questions = quiz["questions"]
    assert isinstance(questions, list)
    return {
        "answers": [
            {"question_id": q["id"], "selected": pick}
            for q, pick in zip(questions, picks, strict=True)
        ]
    }


async def student_quiz(client: httpx.AsyncClient, course: Built, headers: dict[str, str]) -> dict:
    r = await client.get(f"/quizzes/{course.quiz_ids[0]}", headers=headers)
    assert r.status_code == 200
    return r.json()


async def test_learning_needs_an_enrollment(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    course = await build_course(client, teacher, quiz=True, price_cents=25000)
    quiz_id = course.quiz_ids[0]
    assert (await client.post(f"/lessons/{course.lesson_ids[0]}/complete")).status_code == 401
    assert (await client.get(f"/quizzes/{quiz_id}")).status_code == 401
    r = await client.post(f"/lessons/{course.lesson_ids[0]}/complete", headers=student.headers)
    assert r.status_code == 403 and r.json()["error"] == "enrollment_required"
    r = await client.get(f"/quizzes/{quiz_id}", headers=student.headers)
    assert r.status_code == 403 and "Vad är ett ankare" not in r.text
    r = await client.post(
        f"/quizzes/{quiz_id}/submit", json={"answers": []}, headers=student.headers
    )
    assert r.status_code == 403
    r = await client.get(f"/courses/{course.id}/progress", headers=student.headers)
    assert r.status_code == 403
    assert await db.fetchval("SELECT count(*) FROM app.lesson_progress") == 0
    assert await db.fetchval("SELECT count(*) FROM app.quiz_attempts") == 0


async def test_completing_lessons_counts_progress(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    course = await build_course(client, teacher, lessons_per_module=3)
    await enroll(client, course.id, student)
    for _ in range(2):  # completing twice changes nothing
        r = await client.post(f"/lessons/{course.lesson_ids[1]}/complete", headers=student.headers)
        assert r.status_code == 200
    progress = r.json()
    assert (progress["lessons_done"], progress["lessons_total"], progress["percent"]) == (1, 3, 33)
    assert progress["completed_lesson_ids"] == [course.lesson_ids[1]]
    assert progress["completed"] is False and progress["certificate_id"] is None
    r = await client.get(f"/courses/{course.id}/progress", headers=student.headers)
    assert r.json()["lessons_done"] == 1
    r = await client.get(f"/lessons/{course.lesson_ids[1]}", headers=student.headers)
    assert r.json()["completed"] is True


async def test_quiz_grading(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    course = await build_course(client, teacher, quiz=True)
    await enroll(client, course.id, student)
    quiz = await student_quiz(client, course, student.headers)
    url = f"/quizzes/{course.quiz_ids[0]}/submit"

    # One of three right (the second question wants both correct options): 33 % < 60 %.
    r = await client.post(url, json=answers(quiz, [[0], [0], [1]]), headers=student.headers)
    assert r.status_code == 200
    result = r.json()
    assert (result["score_percent"], result["passed"], result["correct_count"]) == (33, False, 1)
    assert [x["correct"] for x in result["results"]] == [True, False, False]
    assert "correct_options" not in r.text

    # Unanswered questions count as wrong.
    partial = {"answers": answers(quiz, ALL_RIGHT)["answers"][:1]}  # type: ignore[index]
    r = await client.post(url, json=partial, headers=student.headers)
    assert r.json()["score_percent"] == 33 and r.json()["passed"] is False

    r = await client.post(url, json=answers(quiz, [[0], [2, 0], [1]]), headers=student.headers)
    # Two of three is 67 % (rounded half up, as the app shows it).
    assert (r.json()["score_percent"], r.json()["passed"]) == (67, True)
    quiz_after = await student_quiz(client, course, student.headers)
    assert quiz_after["passed"] is True and quiz_after["best_score_percent"] == 67
    attempts = await db.fetch(
        "SELECT score_percent, passed FROM app.quiz_attempts ORDER BY created_at"
    )
    assert [(a["score_percent"], a["passed"]) for a in attempts] == [
        (33, False),
        (33, False),
        (67, True),
    ]


async def test_bad_quiz_submissions(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    course = await build_course(client, teacher, quiz=True)
    other = await build_course(client, teacher, title="Annan", quiz=True)
    await enroll(client, course.id, student)
    await enroll(client, other.id, student)
    quiz = await student_quiz(client, course, student.headers)
    foreign = await student_quiz(client, other, student.headers)
    url = f"/quizzes/{course.quiz_ids[0]}/submit"
    q0 = quiz["questions"][0]["id"]
    for body, code in (
        ({"answers": [{"question_id": q0, "selected": [5]}]}, "invalid_option"),
        (
            {"answers": [{"question_id": foreign["questions"][0]["id"], "selected": [0]}]},
            "unknown_question",
        ),
        ({"answers": [{"question_id": q0, "selected": [0]}] * 2}, "duplicate_answer"),
        ({"answers": "all right"}, "validation_error"),
    ):
        r = await client.post(url, json=body, headers=student.headers)
        assert r.status_code == 422 and r.json()["error"] == code, body
    r = await client.post(
        "/quizzes/00000000-0000-0000-0000-000000000000/submit",
        json={"answers": []},
        headers=student.headers,
    )
    assert r.status_code == 404


async def test_certificate_only_when_every_lesson_is_done_and_every_quiz_passed(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher", display_name="Astrid Lind")
    student = await make_user("student", display_name="Maja Åström")
    course = await build_course(client, teacher, quiz=True, title="Andas med Astrid")
    await enroll(client, course.id, student)
    quiz = await student_quiz(client, course, student.headers)
    for lesson_id in course.lesson_ids:
        r = await client.post(f"/lessons/{lesson_id}/complete", headers=student.headers)
        assert r.json()["certificate_id"] is None  # the quiz is not passed yet
    r = await client.post(
        f"/quizzes/{course.quiz_ids[0]}/submit",
        json=answers(quiz, [[1], [1], [1]]),
        headers=student.headers,
    )
    assert r.json()["passed"] is False and r.json()["certificate_id"] is None
    assert await db.fetchval("SELECT count(*) FROM app.certificates") == 0

    r = await client.post(
        f"/quizzes/{course.quiz_ids[0]}/submit",
        json=answers(quiz, ALL_RIGHT),
        headers=student.headers,
    )
    assert r.json()["passed"] is True
    certificate_id = r.json()["certificate_id"]
    assert certificate_id is not None
    progress = (await client.get(f"/courses/{course.id}/progress", headers=student.headers)).json()
    assert progress["completed"] is True and progress["certificate_id"] == certificate_id
    mine = (await client.get("/me/courses", headers=student.headers)).json()["items"][0]
    assert mine["certificate_id"] == certificate_id and mine["percent"] == 100

    note = await db.fetchrow("SELECT * FROM app.notifications WHERE user_id = $1", student.id)
    assert note["kind"] == "certificate" and note["link"] == f"/certificates/{certificate_id}.pdf"
    # Another passing attempt issues nothing new.
    await client.post(
        f"/quizzes/{course.quiz_ids[0]}/submit",
        json=answers(quiz, ALL_RIGHT),
        headers=student.headers,
    )
    assert await db.fetchval("SELECT count(*) FROM app.certificates") == 1
    assert await db.fetchval("SELECT count(*) FROM app.notifications") == 1


async def _certified(client: httpx.AsyncClient, make_user: MakeUser) -> tuple[dict, object]:
    teacher = await make_user("teacher", display_name="Johan Ek")
    student = await make_user("student", display_name="Elias Norén")
    course = await build_course(client, teacher, title="Tarot från grunden", lessons_per_module=1)
    await enroll(client, course.id, student)
    r = await client.post(f"/lessons/{course.lesson_ids[0]}/complete", headers=student.headers)
    certificate_id = r.json()["certificate_id"]
    r = await client.get(f"/certificates/{certificate_id}", headers=student.headers)
    assert r.status_code == 200
    return r.json(), student


async def test_certificate_pdf_is_for_its_student(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    certificate, student = await _certified(client, make_user)
    url = certificate["pdf_url"]
    assert url == f"/certificates/{certificate['id']}.pdf"
    assert (await client.get(url)).status_code == 401
    stranger = await make_user("student")
    assert (await client.get(url, headers=stranger.headers)).status_code == 404
    r = await client.get(url, headers=student.headers)  # type: ignore[attr-defined]
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    assert certificate["code"] in r.headers["content-disposition"]
    text = pdf_text(r.content)
    for expected in (
        "Kursintyg",
        "Elias Norén",
        "Tarot från grunden",
        "Johan Ek",
        certificate["code"],
    ):
        assert expected in text, expected
    admin = await make_user("admin")
    assert (await client.get(url, headers=admin.headers)).status_code == 200


async def test_certificate_is_verifiable_by_its_code(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    certificate, _ = await _certified(client, make_user)
    code = certificate["code"]
    assert certificate["verify_url"].endswith(f"/certificates/verify/{code}")
    r = await client.get(f"/certificates/verify/{code}")
    assert r.status_code == 200
    assert r.json() == {
        "valid": True,
        "code": code,
        "student_name": "Elias Norén",
        "course_title": "Tarot från grunden",
        "teacher_name": "Johan Ek",
        "issued_at": certificate["issued_at"],
    }
    assert (await client.get(f"/certificates/verify/{code.lower()}")).status_code == 200
    r = await client.get(f"/certificates/verify/{code}", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Kursintyget är äkta" in r.text and "Elias Norén" in r.text
    r = await client.get("/certificates/verify/AAAA-BBBB-CCCC")
    assert r.status_code == 404 and r.json()["error"] == "certificate_not_found"


def test_percent_rounds_half_up_but_never_claims_done_early() -> None:
    from app.courses.service import percent

    assert (percent(2, 3), percent(1, 3), percent(1, 2)) == (67, 33, 50)
    assert (percent(0, 3), percent(3, 3)) == (0, 100)
    assert percent(199, 200) == 99 and percent(1, 1000) == 1 and percent(1, 0) == 0
