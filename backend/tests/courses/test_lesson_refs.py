"""Rich lessons: a course's badge, and magic links to the teacher's own courses, services and
seminars, which the lesson page gives with their title and whether they can be opened now (the
files a lesson embeds: tests/media/test_lesson_embeds.py)."""

import httpx

from tests.conftest import MakeUser
from tests.courses.helpers import build_course, enroll, write_lesson
from tests.marketplace_helpers import published_service
from tests.seminars.helpers import create_seminar


async def test_a_badge_from_the_fixed_set_shows_on_card_and_page(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    course = await build_course(client, teacher, title="Med märke")
    path = f"/studio/courses/{course.id}"
    r = await client.patch(path, json={"badge": "popular"}, headers=teacher.headers)
    assert r.status_code == 200 and r.json()["badge"] == "popular"
    [card] = (await client.get("/courses")).json()["items"]
    assert card["badge"] == "popular"
    assert (await client.get(f"/courses/{course.id}")).json()["badge"] == "popular"

    # Other changes keep it; null takes it away; a badge outside the set is refused.
    r = await client.patch(path, json={"title": "Med märke igen"}, headers=teacher.headers)
    assert r.json()["badge"] == "popular"
    wrong = await client.patch(path, json={"badge": "bästsäljare"}, headers=teacher.headers)
    assert wrong.status_code == 422
    r = await client.patch(path, json={"badge": None}, headers=teacher.headers)
    assert r.status_code == 200 and r.json()["badge"] is None
    created = await client.post(
        "/studio/courses", json={"title": "Ny", "badge": "new"}, headers=teacher.headers
    )
    assert created.status_code == 201 and created.json()["badge"] == "new"


async def test_magic_links_point_at_the_teachers_own_items_and_say_if_they_open(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    student = await make_user("student")
    course = await build_course(client, teacher, title="Grundkurs", lessons_per_module=1)
    linked = await build_course(client, teacher, title="Fördjupning")
    draft = await build_course(client, teacher, title="Utkast", publish=False)
    service = await published_service(client, teacher)
    seminar = await create_seminar(client, teacher)
    foreign = await build_course(client, other, title="Någon annans")

    targets = await client.get(f"/studio/courses/{course.id}/link-targets", headers=teacher.headers)
    assert targets.status_code == 200
    offered = {(t["kind"], t["id"]) for t in targets.json()}
    assert offered == {
        ("course", course.id),
        ("course", linked.id),
        ("service", service["id"]),
        ("seminar", seminar["id"]),
    }
    assert (
        await client.get(f"/studio/courses/{course.id}/link-targets", headers=other.headers)
    ).status_code in (403, 404)

    lesson = course.lesson_ids[0]
    refused = await write_lesson(client, teacher, lesson, f"[Kurs](wisdom:course/{foreign.id})")
    assert refused.status_code == 422 and refused.json()["error"] == "link_target_not_found"
    text = (
        f"Läs vidare i [Fördjupning](wisdom:course/{linked.id}), boka "
        f"[ett samtal](wisdom:service/{service['id']}), kom till "
        f"[seminariet](wisdom:seminar/{seminar['id']}) eller [utkastet](wisdom:course/{draft.id})."
    )
    assert (await write_lesson(client, teacher, lesson, text)).status_code == 200

    await enroll(client, course.id, student)
    page = await client.get(f"/lessons/{lesson}", headers=student.headers)
    assert page.status_code == 200
    links = {(x["kind"], x["id"]): (x["title"], x["available"]) for x in page.json()["links"]}
    assert links == {
        ("course", linked.id): ("Fördjupning", True),
        ("service", service["id"]): (service["title"], True),
        ("seminar", seminar["id"]): (seminar["title"], True),
        ("course", draft.id): ("Utkast", False),
    }
    # Unpublished later: the link stays in the text but no longer opens.
    r = await client.post(f"/studio/courses/{linked.id}/unpublish", headers=teacher.headers)
    assert r.status_code == 200
    again = (await client.get(f"/lessons/{lesson}", headers=student.headers)).json()["links"]
    assert ("Fördjupning", False) in [(x["title"], x["available"]) for x in again]
    studio = (await client.get(f"/studio/lessons/{lesson}", headers=teacher.headers)).json()
    assert len(studio["links"]) == 4
