"""Covers of courses, services and seminars: a teacher uploads a picture with purpose=cover and
sets it on their own item; the lists and pages return it, anyone may read it, and only the
owner's own cover pictures are accepted."""

import httpx
import pytest

from app.config import Settings
from tests.conftest import Account, MakeUser
from tests.courses.helpers import build_course
from tests.marketplace_helpers import published_service
from tests.media.conftest import PDF, PNG, upload_file
from tests.seminars.helpers import create_seminar


async def upload_cover(client: httpx.AsyncClient, teacher: Account, content: bytes = PNG) -> str:
    return await upload_file(client, teacher, "omslag.png", content, "cover")


async def items_of(client: httpx.AsyncClient, teacher: Account) -> dict[str, str]:
    course = await build_course(client, teacher, title="Kurs med omslag")
    service = await published_service(client, teacher)
    seminar = await create_seminar(client, teacher)
    return {"courses": course.id, "services": service["id"], "seminars": seminar["id"]}


async def test_a_teacher_sets_covers_that_every_list_and_page_returns(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings
) -> None:
    teacher = await make_user("teacher")
    items = await items_of(client, teacher)
    media_id = await upload_cover(client, teacher)
    for kind, item_id in items.items():
        r = await client.put(
            f"/{kind}/{item_id}/cover", json={"media_id": media_id}, headers=teacher.headers
        )
        assert r.status_code == 200, r.text
        assert r.json() == {"cover_media_id": media_id}

    assert (await client.get(f"/courses/{items['courses']}")).json()["cover_media_id"] == media_id
    listed = (await client.get("/courses", headers={"Cache-Control": "no-cache"})).json()["items"]
    assert [c["cover_media_id"] for c in listed if c["id"] == items["courses"]] == [media_id]
    studio = (
        await client.get(f"/studio/courses/{items['courses']}", headers=teacher.headers)
    ).json()
    assert studio["cover_media_id"] == media_id
    assert (await client.get(f"/services/{items['services']}")).json()["cover_media_id"] == media_id
    services = (await client.get("/services", headers={"Cache-Control": "no-cache"})).json()[
        "items"
    ]
    assert [s["cover_media_id"] for s in services if s["id"] == items["services"]] == [media_id]
    seminar = (await client.get(f"/seminars/{items['seminars']}", headers=teacher.headers)).json()
    assert seminar["cover_media_id"] == media_id

    # Covers are public: the catalogue shows them to anyone, signed in or not.
    picture = await client.get(f"/media/{media_id}", headers={"Origin": "http://127.0.0.1:9999"})
    assert picture.status_code == 200 and picture.content == PNG
    assert picture.headers["cache-control"].startswith("public")
    # ... and web apps of any origin may draw them (Flutter loads images with XHR).
    assert picture.headers["access-control-allow-origin"] == "*"

    # null removes the cover.
    r = await client.put(
        f"/courses/{items['courses']}/cover", json={"media_id": None}, headers=teacher.headers
    )
    assert r.status_code == 200 and r.json() == {"cover_media_id": None}
    assert (await client.get(f"/courses/{items['courses']}")).json()["cover_media_id"] is None


async def test_only_the_owner_sets_a_cover_and_only_with_their_own_cover_picture(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings
) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    items = await items_of(client, teacher)
    theirs = await upload_cover(client, other)
    mine = await upload_cover(client, teacher)
    for kind, item_id in items.items():
        r = await client.put(
            f"/{kind}/{item_id}/cover", json={"media_id": theirs}, headers=other.headers
        )
        assert r.status_code == 403 and r.json()["error"] == "not_owner", r.text
        r = await client.put(
            f"/{kind}/{item_id}/cover", json={"media_id": theirs}, headers=teacher.headers
        )
        assert r.status_code == 422 and r.json()["error"] == "cover_not_found", r.text

    lesson_file = await client.post(
        "/media",
        files={"file": ("a.png", PNG, "image/png")},
        data={"purpose": "lesson"},
        headers=teacher.headers,
    )
    r = await client.put(
        f"/courses/{items['courses']}/cover",
        json={"media_id": lesson_file.json()["id"]},
        headers=teacher.headers,
    )
    assert r.status_code == 422 and r.json()["error"] == "cover_wrong_purpose"

    pdf = await upload_cover(client, teacher, PDF)
    r = await client.put(
        f"/courses/{items['courses']}/cover", json={"media_id": pdf}, headers=teacher.headers
    )
    assert r.status_code == 422 and r.json()["error"] == "cover_not_image"

    r = await client.put(
        "/courses/00000000-0000-0000-0000-000000000000/cover",
        json={"media_id": mine},
        headers=teacher.headers,
    )
    assert r.status_code == 404

    student = await make_user("student")
    r = await client.post(
        "/media",
        files={"file": ("a.png", PNG, "image/png")},
        data={"purpose": "cover"},
        headers=student.headers,
    )
    assert r.status_code == 403 and r.json()["error"] == "teacher_required"


@pytest.mark.parametrize("kind", ["courses", "services", "seminars"])
async def test_deleting_the_picture_removes_the_cover(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings, kind: str
) -> None:
    teacher = await make_user("teacher")
    items = await items_of(client, teacher)
    media_id = await upload_cover(client, teacher)
    r = await client.put(
        f"/{kind}/{items[kind]}/cover", json={"media_id": media_id}, headers=teacher.headers
    )
    assert r.status_code == 200
    assert (await client.delete(f"/media/{media_id}", headers=teacher.headers)).status_code == 204
    page = await client.get(f"/{kind}/{items[kind]}", headers=teacher.headers)
    assert page.json()["cover_media_id"] is None
