"""GET/PATCH /me, teacher applications and their review, the teacher directory and profiles,
certifications."""

import uuid

import asyncpg
import httpx

from app.seed import demo_id, seed
from tests.accounts.conftest import MakeMember
from tests.conftest import MakeUser

# --- /me -----------------------------------------------------------------------------------


async def test_me_needs_a_token(client: httpx.AsyncClient) -> None:
    r = await client.get("/me")
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Bearer"
    assert (await client.patch("/me", json={"bio": "x"})).status_code == 401


async def test_patch_me_changes_name_bio_and_locale(
    client: httpx.AsyncClient, make_member: MakeMember
) -> None:
    member = await make_member()
    r = await client.patch(
        "/me",
        json={"display_name": "  Maja Berg ", "bio": "Andas.", "locale": "en"},
        headers=member.headers,
    )
    assert r.status_code == 200
    body = r.json()
    assert (body["display_name"], body["bio"], body["locale"]) == ("Maja Berg", "Andas.", "en")
    assert body["avatar_media_id"] is None and body["role"] == "student"
    # Omitted fields stay.
    r = await client.patch("/me", json={"bio": ""}, headers=member.headers)
    assert r.json()["display_name"] == "Maja Berg" and r.json()["bio"] == ""
    assert (await client.get("/me", headers=member.headers)).json() == r.json()


async def test_patch_me_refuses_bad_fields(
    client: httpx.AsyncClient, make_member: MakeMember
) -> None:
    member = await make_member()
    for body in (
        {"locale": "de"},
        {"display_name": "   "},
        {"display_name": "x" * 81},
        {"bio": "x" * 4001},
        {"avatar_media_id": str(uuid.uuid4())},  # comes with media uploads (PUT /me/avatar)
        {"role": "admin"},
        {"email": "new@example.se"},
    ):
        r = await client.patch("/me", json=body, headers=member.headers)
        assert r.status_code == 422, body


# --- applications --------------------------------------------------------------------------


async def _apply(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    return await client.post(
        "/teacher-applications",
        json={
            "motivation": "Jag har lett meditationsgrupper i tio år.",
            "credentials": "MBSR-instruktör 2019",
        },
        headers=headers,
    )


async def test_apply_rules(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    assert (await _apply(client, {})).status_code == 401
    teacher = await make_user("teacher")
    r = await _apply(client, teacher.headers)
    assert r.status_code == 409 and r.json()["error"] == "already_teacher"
    student = await make_user("student")
    short = await client.post(
        "/teacher-applications", json={"motivation": "kort"}, headers=student.headers
    )
    assert short.status_code == 422
    first = await _apply(client, student.headers)
    assert first.status_code == 201
    assert first.json()["status"] == "pending" and first.json()["user_id"] == str(student.id)
    again = await _apply(client, student.headers)
    assert again.status_code == 409 and again.json()["error"] == "application_pending"
    mine = await client.get("/teacher-applications/mine", headers=student.headers)
    assert [a["id"] for a in mine.json()] == [first.json()["id"]]
    other = await make_user("student")
    assert (await client.get("/teacher-applications/mine", headers=other.headers)).json() == []


async def test_approval_makes_a_teacher_with_feed_notification_and_audit(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    admin = await make_user("admin")
    student = await make_user("student", display_name="Elias Norén")
    application = (await _apply(client, student.headers)).json()

    queue = await client.get("/admin/teacher-applications", headers=admin.headers)
    assert queue.status_code == 200
    item = queue.json()["items"][0]
    assert item["id"] == application["id"]
    assert item["applicant"] == {
        "id": str(student.id),
        "display_name": "Elias Norén",
        "email": student.email,
        "role": "student",
    }
    url = f"/admin/teacher-applications/{application['id']}/approve"
    assert (await client.post(url, headers=student.headers)).status_code == 403
    r = await client.post(url, headers=admin.headers)
    assert r.status_code == 200
    assert r.json()["status"] == "approved" and r.json()["reviewed_by"] == str(admin.id)
    assert (await client.post(url, headers=admin.headers)).status_code == 409

    assert (
        await db.fetchval("SELECT role FROM app.profiles WHERE user_id = $1", student.id)
        == "teacher"
    )
    # The role applies at once, with the same access token.
    r = await client.get("/teachers/me/certifications", headers=student.headers)
    assert r.status_code == 200
    activity = await db.fetchrow("SELECT * FROM app.activities WHERE kind = 'teacher_approved'")
    assert activity["subject_type"] == "profile" and activity["subject_id"] == student.id
    assert activity["actor_id"] == student.id and activity["subject_title"] == "Elias Norén"
    note = await db.fetchrow("SELECT kind, user_id FROM app.notifications")
    assert dict(note) == {"kind": "teacher_approved", "user_id": student.id}
    audit = await db.fetchrow(
        "SELECT * FROM app.audit_log WHERE action = 'teacher_application.approve'"
    )
    assert audit["actor_id"] == admin.id and audit["subject_user_id"] == student.id
    assert audit["meta"] == {"role_from": "student", "role_to": "teacher"}
    assert (await client.get("/admin/teacher-applications", headers=admin.headers)).json()[
        "items"
    ] == []
    done = await client.get(
        "/admin/teacher-applications", params={"status": "approved"}, headers=admin.headers
    )
    assert [a["id"] for a in done.json()["items"]] == [application["id"]]


async def test_rejection_needs_a_reason_and_allows_a_new_application(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    admin = await make_user("admin")
    student = await make_user("student")
    application = (await _apply(client, student.headers)).json()
    url = f"/admin/teacher-applications/{application['id']}/reject"
    assert (await client.post(url, json={}, headers=admin.headers)).status_code == 422
    assert (await client.post(url, json={"reason": "  "}, headers=admin.headers)).status_code == 422
    r = await client.post(url, json={"reason": "Beskriv din utbildning."}, headers=admin.headers)
    assert r.status_code == 200
    assert (
        r.json()["status"] == "rejected" and r.json()["reject_reason"] == "Beskriv din utbildning."
    )
    assert (
        await db.fetchval("SELECT role FROM app.profiles WHERE user_id = $1", student.id)
        == "student"
    )
    note = await db.fetchrow("SELECT kind, body FROM app.notifications")
    assert dict(note) == {"kind": "teacher_rejected", "body": "Beskriv din utbildning."}
    assert (
        await db.fetchval(
            "SELECT count(*) FROM app.audit_log WHERE action = 'teacher_application.reject'"
        )
        == 1
    )
    assert (await _apply(client, student.headers)).status_code == 201
    missing = f"/admin/teacher-applications/{uuid.uuid4()}/approve"
    assert (await client.post(missing, headers=admin.headers)).status_code == 404


# --- the directory and public profiles -----------------------------------------------------


async def test_teacher_directory_search_and_keyset_pages(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    names = ["Astrid Lind", "Johan Ek", "Karin Ås", "Leo Berg", "Nora Vik"]
    teachers = [await make_user("teacher", display_name=n) for n in names]
    await make_user("student", display_name="Anna Student")
    await make_user("admin", display_name="Admin Person")
    disabled = await make_user("teacher", display_name="Bo Borta")
    await db.execute("UPDATE app.profiles SET disabled_at = now() WHERE user_id = $1", disabled.id)
    await db.execute(
        "UPDATE app.profiles SET bio = 'Tarot och samtal' WHERE user_id = $1", teachers[1].id
    )

    seen: list[str] = []
    cursor = None
    for _ in range(5):
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/teachers", params=params)).json()
        seen += [t["display_name"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(names, key=str.lower)

    found = (await client.get("/teachers", params={"q": "tarot"})).json()["items"]
    assert [t["id"] for t in found] == [str(teachers[1].id)]
    assert (await client.get("/teachers", params={"q": "%"})).json()["items"] == []
    assert (await client.get("/teachers", params={"cursor": "garbage"})).status_code == 400


async def test_public_teacher_profile_shows_only_verified_certifications(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await make_user("admin")
    teacher = await make_user("teacher", display_name="Astrid Lind")
    student = await make_user("student")

    add = "/teachers/me/certifications"
    body = {"title": "Yogalärare 200 h", "issuer": "Yogaskolan", "year": 2015}
    assert (await client.post(add, json=body, headers=student.headers)).status_code == 403
    assert (await client.post(add, json=body)).status_code == 401
    future = await client.post(add, json={**body, "year": 2100}, headers=teacher.headers)
    assert future.status_code == 400
    certs = []
    for title in ("Yogalärare 200 h", "Meditation", "Reiki"):
        r = await client.post(add, json={**body, "title": title}, headers=teacher.headers)
        assert r.status_code == 201 and r.json()["status"] == "pending"
        assert r.json()["document_media_id"] is None
        certs.append(r.json()["id"])

    queue = await client.get("/admin/certifications", headers=admin.headers)
    assert [c["id"] for c in queue.json()["items"]] == certs
    assert queue.json()["items"][0]["teacher_display_name"] == "Astrid Lind"
    verify = await client.post(f"/admin/certifications/{certs[0]}/verify", headers=admin.headers)
    assert verify.status_code == 200 and verify.json()["status"] == "verified"
    reject = await client.post(
        f"/admin/certifications/{certs[1]}/reject",
        json={"reason": "Intyg saknas"},
        headers=admin.headers,
    )
    assert reject.status_code == 200 and reject.json()["reject_reason"] == "Intyg saknas"
    again = await client.post(f"/admin/certifications/{certs[1]}/verify", headers=admin.headers)
    assert again.status_code == 409

    profile = await client.get(f"/teachers/{teacher.id}")
    assert profile.status_code == 200
    page = profile.json()
    assert page["display_name"] == "Astrid Lind" and page["avatar_media_id"] is None
    assert [c["title"] for c in page["certifications"]] == ["Yogalärare 200 h"]
    assert "email" not in page

    own = await client.get(add, headers=teacher.headers)
    assert sorted(c["status"] for c in own.json()) == ["pending", "rejected", "verified"]
    r = await client.delete(f"{add}/{certs[2]}", headers=teacher.headers)
    assert r.status_code == 204
    assert (await client.delete(f"{add}/{certs[2]}", headers=teacher.headers)).status_code == 404

    assert (await client.get(f"/teachers/{student.id}")).status_code == 404
    assert (await client.get(f"/teachers/{uuid.uuid4()}")).status_code == 404


async def test_teacher_profile_lists_what_the_teacher_offers(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    await seed(db)
    page = (await client.get(f"/teachers/{demo_id('astrid')}")).json()
    assert page["display_name"] == "Astrid Lind"
    assert {c["title"] for c in page["courses"]} == {
        "Introduktion till meditation",
        "Yinyoga för återhämtning",
    }
    assert [s["title"] for s in page["services"]] == ["Privat yogapass"]
    assert [s["title"] for s in page["seminars"]] == ["Fullmånemeditation"]
    johan = (await client.get(f"/teachers/{demo_id('johan')}")).json()
    assert "Tarot från grunden" in {c["title"] for c in johan["courses"]}
    assert all(s["teacher_id"] == str(demo_id("johan")) for s in johan["services"])
