"""A teacher attaches a scan of a certificate (a picture or PDF they uploaded) when submitting
a certification; the admin who reviews it can read the file, nobody's else file is accepted."""

import httpx

from app.config import Settings
from tests.conftest import MakeUser
from tests.media.conftest import MP3, PDF, PNG, upload_file

ADD = "/teachers/me/certifications"
BODY = {"title": "Yogalärare 200 h", "issuer": "Yogaskolan", "year": 2015}


async def test_a_certification_carries_the_teachers_own_document_for_the_admin(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings
) -> None:
    admin = await make_user("admin")
    teacher = await make_user("teacher")
    scan = await upload_file(client, teacher, "intyg.pdf", PDF, "other")

    r = await client.post(ADD, json={**BODY, "document_media_id": scan}, headers=teacher.headers)
    assert r.status_code == 201, r.text
    assert r.json()["document_media_id"] == scan and r.json()["status"] == "pending"
    mine = (await client.get(ADD, headers=teacher.headers)).json()
    assert [c["document_media_id"] for c in mine] == [scan]

    queue = (await client.get("/admin/certifications", headers=admin.headers)).json()["items"]
    assert [c["document_media_id"] for c in queue] == [scan]
    document = await client.get(f"/media/{scan}", headers=admin.headers)
    assert document.status_code == 200 and document.content == PDF
    assert (await client.get(f"/media/{scan}")).status_code in (401, 404)


async def test_someone_elses_file_or_a_sound_is_not_a_certificate(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings
) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    theirs = await upload_file(client, other, "deras.png", PNG, "other")
    sound = await upload_file(client, teacher, "ljud.mp3", MP3, "other")

    stolen = await client.post(
        ADD, json={**BODY, "document_media_id": theirs}, headers=teacher.headers
    )
    assert stolen.status_code == 422 and stolen.json()["error"] == "document_not_found"
    wrong = await client.post(
        ADD, json={**BODY, "document_media_id": sound}, headers=teacher.headers
    )
    assert wrong.status_code == 422 and wrong.json()["error"] == "document_wrong_type"
    assert (await client.get(ADD, headers=teacher.headers)).json() == []
