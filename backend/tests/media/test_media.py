"""Media: uploads (limits and types decided from the bytes), range requests, who may read lesson
media, deleting, avatars and the cleanup command."""

import os
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from app.cli import _run as cli_run
from app.config import Settings, get_settings
from tests.conftest import Account, MakeUser
from tests.courses.helpers import build_course, enroll
from tests.media.conftest import ELF, MAX_BYTES, MP3, MP4, PDF, PE, PNG, padded


async def upload(
    client: httpx.AsyncClient,
    user: Account,
    content: bytes,
    name: str = "fil.bin",
    purpose: str = "lesson",
    declared: str = "application/octet-stream",
) -> httpx.Response:
    return await client.post(
        "/media",
        files={"file": (name, content, declared)},
        data={"purpose": purpose},
        headers=user.headers,
    )


def stored_files(settings: Settings) -> list[Path]:
    root = settings.media_root
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


async def test_upload_needs_a_signed_in_user(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings
) -> None:
    r = await client.post("/media", files={"file": ("a.mp3", MP3, "audio/mpeg")})
    assert r.status_code == 401
    student = await make_user("student")
    r = await upload(client, student, MP3, "a.mp3", purpose="lesson")
    assert r.status_code == 403 and r.json()["error"] == "teacher_required"
    assert stored_files(media_settings) == []


async def test_upload_stores_the_file_with_the_type_from_its_bytes(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    for content, name, expected in (
        (MP3, "meditation.mp3", "audio/mpeg"),
        (MP4, "yoga.bin", "video/mp4"),  # the name says nothing; the bytes do
        (PDF, "handout.mp3", "application/pdf"),
    ):
        r = await upload(client, teacher, content, name, declared="text/plain")
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["content_type"] == expected and body["size_bytes"] == len(content)
        assert body["original_name"] == name and body["owner_id"] == str(teacher.id)
        assert body["url"] == f"/media/{body['id']}"
        key = await db.fetchval(
            "SELECT storage_key FROM app.media_objects WHERE id = $1", body["id"]
        )
        assert (media_settings.media_root / key).read_bytes() == content
    student = await make_user("student")
    r = await upload(client, student, PNG, "bild.png", purpose="other")
    assert r.status_code == 201 and r.json()["purpose"] == "other"


async def test_an_upload_over_the_limit_gets_413(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    big = padded(MP3[:10], MAX_BYTES + 1)
    r = await upload(client, teacher, big, "lang.mp3")
    assert r.status_code == 413
    assert r.json()["error"] == "file_too_large" and r.json()["max_bytes"] == MAX_BYTES

    # Without a Content-Length (chunked), the limit is enforced while the body streams in.
    boundary = "wisdom-test-boundary"

    async def chunked() -> AsyncIterator[bytes]:
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="lang.mp3"\r\n'
            "Content-Type: audio/mpeg\r\n\r\n"
        ).encode()
        for i in range(0, len(big) + 32 * 1024, 8192):
            yield big[i : i + 8192] if i < len(big) else b"\0" * 8192
        yield f"\r\n--{boundary}--\r\n".encode()

    r = await client.post(
        "/media",
        content=chunked(),
        headers={**teacher.headers, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert r.status_code == 413
    exact = await upload(client, teacher, padded(MP3[:10], MAX_BYTES), "precis.mp3")
    assert exact.status_code == 201
    assert await db.fetchval("SELECT count(*) FROM app.media_objects") == 1
    assert len(stored_files(media_settings)) == 1  # no staging leftovers


async def test_a_renamed_executable_gets_415(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    for content, name in (
        (ELF, "låt.mp3"),
        (PE, "video.mp4"),
        (b"just some text pretending to be audio" * 20, "ljud.mp3"),
        (padded(b"GIF89a"), "bild.png"),  # a real image type, but not an allowed one
    ):
        r = await upload(client, teacher, content, name, declared="audio/mpeg")
        assert r.status_code == 415, name
        assert r.json()["error"] == "file_type_not_allowed"
    assert await db.fetchval("SELECT count(*) FROM app.media_objects") == 0
    assert stored_files(media_settings) == []


async def test_bad_upload_requests(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings
) -> None:
    teacher = await make_user("teacher")
    r = await client.post("/media", content=MP3, headers=teacher.headers)
    assert r.status_code == 415 and r.json()["error"] == "multipart_required"
    r = await client.post(
        "/media", data={"purpose": "lesson"}, files={"other": ("x", b"")}, headers=teacher.headers
    )
    assert r.status_code == 400 and r.json()["error"] == "file_missing"
    r = await upload(client, teacher, MP3, purpose="wallpaper")
    assert r.status_code == 422
    r = await upload(client, teacher, b"", "tom.mp3")
    assert r.status_code == 400 and r.json()["error"] == "file_empty"
    assert stored_files(media_settings) == []


async def test_range_requests_return_the_right_bytes(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings
) -> None:
    teacher = await make_user("teacher")
    media_id = (await upload(client, teacher, MP3, "a.mp3", purpose="other")).json()["id"]
    url = f"/media/{media_id}"
    size = len(MP3)
    h = teacher.headers

    r = await client.get(url, headers=h)
    assert r.status_code == 200 and r.content == MP3
    assert r.headers["accept-ranges"] == "bytes" and r.headers["content-type"] == "audio/mpeg"
    assert r.headers["content-length"] == str(size)

    for spec, start, end in (
        ("bytes=0-99", 0, 99),
        ("bytes=1000-", 1000, size - 1),
        ("bytes=-50", size - 50, size - 1),
        ("bytes=4000-999999", 4000, size - 1),
        ("bytes=-999999", 0, size - 1),
    ):
        r = await client.get(url, headers={**h, "Range": spec})
        assert r.status_code == 206, spec
        assert r.content == MP3[start : end + 1], spec
        assert r.headers["content-range"] == f"bytes {start}-{end}/{size}", spec
        assert r.headers["content-length"] == str(end - start + 1), spec

    r = await client.get(url, headers={**h, "Range": f"bytes={size}-"})
    assert r.status_code == 416 and r.headers["content-range"] == f"bytes */{size}"
    r = await client.get(url, headers={**h, "Range": "bytes=-0"})
    assert r.status_code == 416
    # Not a single valid byte range: ignored, the whole file.
    for ignored in ("bytes=0-1,5-9", "items=0-5", "bytes=9-2", "bytes=abc"):
        r = await client.get(url, headers={**h, "Range": ignored})
        assert r.status_code == 200 and r.content == MP3, ignored


async def test_lesson_media_is_for_enrolled_students_the_teacher_and_admins(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings
) -> None:
    teacher = await make_user("teacher")
    other_teacher = await make_user("teacher")
    student = await make_user("student")
    outsider = await make_user("student")
    admin = await make_user("admin")
    course = await build_course(client, teacher, price_cents=0)
    media_id = (await upload(client, teacher, MP4, "lektion.mp4")).json()["id"]
    r = await client.patch(
        f"/studio/lessons/{course.lesson_ids[0]}",
        json={"media_id": media_id},
        headers=teacher.headers,
    )
    assert r.status_code == 200 and r.json()["media_id"] == media_id
    await enroll(client, course.id, student)
    url = f"/media/{media_id}"

    assert (await client.get(url)).status_code == 401
    r = await client.get(url, headers=outsider.headers)
    assert r.status_code == 403 and r.json()["error"] == "media_access_denied"
    assert (
        await client.get(url, headers={**outsider.headers, "Range": "bytes=0-9"})
    ).status_code == 403
    assert (await client.get(url, headers=other_teacher.headers)).status_code == 403
    for allowed in (student, teacher, admin):
        r = await client.get(url, headers={**allowed.headers, "Range": "bytes=0-15"})
        assert r.status_code == 206 and r.content == MP4[:16]
    lesson = (await client.get(f"/lessons/{course.lesson_ids[0]}", headers=student.headers)).json()
    assert lesson["media"] == {
        "id": media_id,
        "content_type": "video/mp4",
        "size_bytes": len(MP4),
        "url": url,
    }
    # A file nobody uses is its owner's alone.
    loose = (await upload(client, teacher, MP3, "utkast.mp3")).json()["id"]
    assert (await client.get(f"/media/{loose}", headers=student.headers)).status_code == 404


async def test_lesson_media_must_be_own_audio_or_video(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings
) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    course = await build_course(client, teacher)
    pdf_id = (await upload(client, teacher, PDF, "a.pdf")).json()["id"]
    foreign = (await upload(client, other, MP3, "b.mp3")).json()["id"]
    lesson = course.lesson_ids[0]
    r = await client.patch(
        f"/studio/lessons/{lesson}", json={"media_id": pdf_id}, headers=teacher.headers
    )
    assert r.status_code == 422 and r.json()["error"] == "media_not_audio_or_video"
    r = await client.patch(
        f"/studio/lessons/{lesson}", json={"media_id": foreign}, headers=teacher.headers
    )
    assert r.status_code == 422 and r.json()["error"] == "media_not_found"
    r = await client.post(
        f"/studio/modules/{course.module_ids[0]}/lessons",
        json={"title": "Med ljud", "media_id": foreign},
        headers=teacher.headers,
    )
    assert r.status_code == 422


async def test_delete_media_by_its_owner(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    course = await build_course(client, teacher)
    media_id = (await upload(client, teacher, MP3, "a.mp3")).json()["id"]
    await client.patch(
        f"/studio/lessons/{course.lesson_ids[0]}",
        json={"media_id": media_id},
        headers=teacher.headers,
    )
    assert (await client.delete(f"/media/{media_id}")).status_code == 401
    r = await client.delete(f"/media/{media_id}", headers=student.headers)
    assert r.status_code == 404  # not enrolled: the file is not theirs to know
    await enroll(client, course.id, student)
    r = await client.delete(f"/media/{media_id}", headers=student.headers)
    assert r.status_code == 403 and r.json()["error"] == "not_owner"
    assert len(stored_files(media_settings)) == 1

    r = await client.delete(f"/media/{media_id}", headers=teacher.headers)
    assert r.status_code == 204
    assert stored_files(media_settings) == []
    assert (await client.get(f"/media/{media_id}", headers=teacher.headers)).status_code == 404
    lesson_media = await db.fetchval(
        "SELECT media_id FROM app.lessons WHERE id = $1", course.lesson_ids[0]
    )
    assert lesson_media is None
    assert (await client.delete(f"/media/{media_id}", headers=teacher.headers)).status_code == 404


async def test_avatar_upload_is_public_and_replaces_the_old_one(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings, db: asyncpg.Connection
) -> None:
    student = await make_user("student")
    assert (
        await client.put("/me/avatar", files={"file": ("a.png", PNG, "image/png")})
    ).status_code == 401
    r = await client.put(
        "/me/avatar", files={"file": ("jag.png", PNG, "image/png")}, headers=student.headers
    )
    assert r.status_code == 200
    first = r.json()
    assert first["purpose"] == "avatar" and first["content_type"] == "image/png"
    assert await db.fetchval(
        "SELECT avatar_media_id FROM app.profiles WHERE user_id = $1", student.id
    ) == uuid.UUID(first["id"])
    r = await client.get(first["url"])  # anyone, signed in or not
    assert r.status_code == 200 and r.content == PNG
    assert r.headers["cache-control"].startswith("public")

    r = await client.put(
        "/me/avatar",
        files={"file": ("ny.png", PNG[:-1] + b"!", "image/png")},
        headers=student.headers,
    )
    second = r.json()
    assert await db.fetchval(
        "SELECT avatar_media_id FROM app.profiles WHERE user_id = $1", student.id
    ) == uuid.UUID(second["id"])
    assert (await client.get(first["url"])).status_code == 404
    assert len(stored_files(media_settings)) == 1

    r = await client.put(
        "/me/avatar", files={"file": ("cv.png", PDF, "image/png")}, headers=student.headers
    )
    assert r.status_code == 415
    r = await client.put(
        "/me/avatar", files={"file": ("x.png", ELF, "image/png")}, headers=student.headers
    )
    assert r.status_code == 415
    assert len(stored_files(media_settings)) == 1


async def test_media_cleanup_removes_only_unreferenced_files(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    media_settings: Settings,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    teacher = await make_user("teacher")
    kept = (await upload(client, teacher, MP3, "kvar.mp3")).json()
    root = media_settings.media_root
    orphan = root / "lesson" / "2020" / "01" / "orphan.mp3"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(MP3)
    hours_ago = time.time() - 2 * 3600
    for path in root.rglob("*.mp3"):
        os.utime(path, (hours_ago, hours_ago))
    fresh = root / "lesson" / "2020" / "01" / "fresh.mp3"  # maybe an upload being committed
    fresh.write_bytes(MP3)

    # The command as an operator runs it, configured through the environment.
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("MEDIA_ROOT", str(root))
    monkeypatch.setenv("ENVIRONMENT", "development")
    monkeypatch.setenv("S3_BUCKET", "")
    get_settings.cache_clear()
    try:
        assert await cli_run(["media-cleanup"]) == 0
        dry = capsys.readouterr().out
        assert await cli_run(["media-cleanup", "--apply"]) == 0
        applied = capsys.readouterr().out
    finally:
        get_settings.cache_clear()

    assert "would remove lesson/2020/01/orphan.mp3" in dry
    assert "fresh.mp3" not in dry and kept["id"] not in dry
    assert "dry run" in dry
    assert "removing lesson/2020/01/orphan.mp3" in applied and "removed 1 files" in applied
    assert not orphan.exists() and fresh.exists()
    r = await client.get(kept["url"], headers=teacher.headers)
    assert r.status_code == 200 and r.content == MP3
