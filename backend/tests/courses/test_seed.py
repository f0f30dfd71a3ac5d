"""The demo courses have modules, a quiz on the breathing lesson, and progress for Maja;
seeding twice changes nothing."""

import asyncpg
import httpx
from fastapi import FastAPI

from app.media.storage import get_storage
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
        ("I vardagen", ["Ljud, tankar och känslor", "Meditation i vardagen"]),
    ]
    assert course["loose_lessons"] == []
    assert course["modules"][0]["lessons"][1]["quiz_id"] == str(demo_id("intro-meditation/quiz/1"))
    # "Fem korta lektioner": the intro course has five, each a real text (not a one-liner).
    assert course["lesson_count"] == 5 and course["total_minutes"] == 50
    texts = await db.fetch(
        "SELECT title, content_md FROM app.lessons WHERE course_id = $1 ORDER BY title", intro
    )
    assert len(texts) == 5
    for lesson in texts:
        assert lesson["content_md"].startswith(f"# {lesson['title']}\n\n")
        assert len(lesson["content_md"]) > 800 and "..." not in lesson["content_md"]
    assert await db.fetchval("SELECT count(*) FROM app.lessons WHERE content_md LIKE '%...%'") == 0
    assert await db.fetchval("SELECT count(*) FROM app.course_modules") == 6
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


async def test_an_old_placeholder_lesson_gets_its_text_but_an_edited_one_is_kept(
    db: asyncpg.Connection,
) -> None:
    await seed(db)
    placeholder, edited = demo_id("yin-yoga/lesson/0"), demo_id("yin-yoga/lesson/1")
    await db.execute(
        "UPDATE app.lessons SET content_md = '# Vad är yin?\n\nYinyoga arbetar ...' WHERE id = $1",
        placeholder,
    )
    await db.execute("UPDATE app.lessons SET content_md = 'Min egen text.' WHERE id = $1", edited)
    await seed(db)
    text = await db.fetchval("SELECT content_md FROM app.lessons WHERE id = $1", placeholder)
    assert "bindväven" in text and not text.endswith("...")
    assert await db.fetchval("SELECT content_md FROM app.lessons WHERE id = $1", edited) == (
        "Min egen text."
    )


async def test_the_demo_catalogue_has_covers_anyone_can_see(
    client: httpx.AsyncClient, db: asyncpg.Connection, app: FastAPI
) -> None:
    storage = get_storage(app.state.settings)
    await seed(db, storage)
    await seed(db, storage)
    for kind, key in (
        ("courses", "intro-meditation"),
        ("services", "tarot-60"),
        ("seminars", "fullmane"),
    ):
        item = (await client.get(f"/{kind}/{demo_id(key)}")).json()
        assert item["cover_media_id"] == str(demo_id(f"cover/{key}"))
        picture = await client.get(f"/media/{item['cover_media_id']}")
        assert picture.status_code == 200 and picture.headers["content-type"] == "image/png"
        assert picture.content.startswith(b"\x89PNG")
    assert await db.fetchval("SELECT count(*) FROM app.media_objects WHERE purpose = 'cover'") == 8
