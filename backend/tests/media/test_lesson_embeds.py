"""Pictures, sound and video embedded in a lesson's text: only the teacher's own files, which
the course's students may then read (and no longer once the text lets go of them)."""

import uuid

import asyncpg
import httpx

from app.config import Settings
from tests.conftest import MakeUser
from tests.courses.helpers import build_course, enroll, upload_lesson_file, write_lesson
from tests.media.conftest import MP3, PNG


async def test_a_lesson_embeds_only_its_teachers_files_which_its_students_may_read(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    student = await make_user("student")
    outsider = await make_user("student")
    course = await build_course(client, teacher, lessons_per_module=1)
    lesson = course.lesson_ids[0]
    picture = await upload_lesson_file(client, teacher, "bild.png", PNG)
    sound = await upload_lesson_file(client, teacher, "ljud.mp3", MP3)
    theirs = await upload_lesson_file(client, other, "deras.png", PNG)

    stolen = await write_lesson(client, teacher, lesson, f"![deras](http://api/media/{theirs})")
    assert stolen.status_code == 422 and stolen.json()["error"] == "media_not_found"
    text = f"# Rubrik\n\n![bild](http://api/media/{picture})\n\n[Lyssna](/media/{sound})"
    r = await write_lesson(client, teacher, lesson, text)
    assert r.status_code == 200, r.text
    refs = await db.fetch(
        "SELECT kind, target_id FROM app.lesson_refs WHERE lesson_id = $1", uuid.UUID(lesson)
    )
    assert {(x["kind"], str(x["target_id"])) for x in refs} == {
        ("media", picture),
        ("media", sound),
    }

    await enroll(client, course.id, student)
    seen = await client.get(f"/media/{picture}", headers=student.headers)
    assert seen.status_code == 200 and seen.content == PNG
    assert (await client.get(f"/media/{picture}", headers=outsider.headers)).status_code == 403

    # Taken out of the text, the file is the teacher's alone again.
    assert (await write_lesson(client, teacher, lesson, "Utan bild.")).status_code == 200
    assert (await client.get(f"/media/{picture}", headers=student.headers)).status_code == 404


async def test_a_file_that_is_not_a_picture_sound_or_video_cannot_be_embedded(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings
) -> None:
    teacher = await make_user("teacher")
    course = await build_course(client, teacher, lessons_per_module=1, publish=False)
    r = await client.post(
        "/media",
        files={"file": ("intyg.pdf", b"%PDF-1.7\n" + bytes(4096))},
        data={"purpose": "other"},
        headers=teacher.headers,
    )
    assert r.status_code == 201, r.text
    pdf = r.json()["id"]
    wrong = await write_lesson(client, teacher, course.lesson_ids[0], f"[pdf](/media/{pdf})")
    assert wrong.status_code == 422 and wrong.json()["error"] == "media_not_embeddable"
    lesson = await client.get(f"/studio/lessons/{course.lesson_ids[0]}", headers=teacher.headers)
    assert "/media/" not in lesson.json()["content_md"]
