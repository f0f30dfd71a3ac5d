"""The demo courses have modules, a quiz on the breathing lesson, and progress for Maja;
seeding twice changes nothing."""

import asyncpg
import httpx

from app.seed import demo_id, seed


async def test_demo_courses_have_modules_a_quiz_and_progress(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    await seed(db)
    await seed(db)
    intro = demo_id("intro-meditation")
    course = (await client.get(f"/courses/{intro}")).json()
    assert [
        (m["title"], [lesson["title"] for lesson in m["lessons"]]) for m in course["modules"]
    ] == [
        ("Grunderna", ["Varför meditera?", "Andningen som ankare"]),
        ("Kroppen", ["Kroppsskanning"]),
    ]
    assert course["loose_lessons"] == []
    assert course["modules"][0]["lessons"][1]["quiz_id"] == str(demo_id("intro-meditation/quiz/1"))
    assert await db.fetchval("SELECT count(*) FROM app.course_modules") == 5
    assert await db.fetchval("SELECT count(*) FROM app.quiz_questions") == 2
    options = await db.fetchval(
        "SELECT options FROM app.quiz_questions WHERE position = 0 AND quiz_id = $1",
        demo_id("intro-meditation/quiz/1"),
    )
    assert options == ["Andningen", "Ljuden", "Tankarna"]
    progress = await db.fetch("SELECT user_id, lesson_id FROM app.lesson_progress")
    assert [(p["user_id"], p["lesson_id"]) for p in progress] == [
        (demo_id("maja"), demo_id("intro-meditation/lesson/0"))
    ]
