"""Services: create, edit, publish, archive; the catalogue with filters and keyset pages;
drafts only for their teacher and admins."""

import uuid

import httpx

from app.services.schemas import ServicePage
from tests.conftest import Account, MakeUser
from tests.marketplace_helpers import published_service

NEW = {
    "title": "Samtalscoaching 45 min",
    "description": "Ett samtal om mål, vägval och nästa steg.",
    "kind": "coaching",
    "duration_minutes": 45,
    "price_cents": 65000,
}


async def test_creating_needs_a_signed_in_teacher(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    assert (await client.post("/services", json=NEW)).status_code == 401
    student = await make_user("student")
    response = await client.post("/services", json=NEW, headers=student.headers)
    assert response.status_code == 403


async def test_a_draft_is_visible_only_to_its_teacher_and_admins(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    admin = await make_user("admin")
    created = await client.post("/services", json=NEW, headers=teacher.headers)
    assert created.status_code == 201
    draft = created.json()
    assert draft["status"] == "draft" and draft["currency"] == "SEK"
    assert draft["delivery"] == "online" and draft["teacher_id"] == str(teacher.id)
    path = f"/services/{draft['id']}"
    assert (await client.get(path)).status_code == 404
    assert (await client.get(path, headers=other.headers)).status_code == 404
    assert (await client.get(path, headers=teacher.headers)).status_code == 200
    assert (await client.get(path, headers=admin.headers)).status_code == 200
    # Others cannot even learn that the draft exists by editing or publishing it.
    patched = await client.patch(path, json={"title": "x"}, headers=other.headers)
    assert patched.status_code == 404
    assert (await client.post(f"{path}/publish", headers=other.headers)).status_code == 404
    assert (await client.get("/services")).json()["items"] == []


async def test_edit_publish_and_archive(client: httpx.AsyncClient, make_user: MakeUser, db) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    draft = (await client.post("/services", json=NEW, headers=teacher.headers)).json()
    path = f"/services/{draft['id']}"
    edited = await client.patch(
        path, json={"price_cents": 70000, "delivery": "in_person"}, headers=teacher.headers
    )
    assert edited.status_code == 200
    assert (edited.json()["price_cents"], edited.json()["delivery"]) == (70000, "in_person")
    assert edited.json()["title"] == NEW["title"]

    published = await client.post(f"{path}/publish", headers=teacher.headers)
    assert published.json()["status"] == "active" and published.json()["published_at"]
    # Publishing again (or after archiving) does not post to the feed a second time.
    await client.post(f"{path}/publish", headers=teacher.headers)
    activity = await db.fetch("SELECT kind, subject_type, subject_id::text FROM app.activities")
    assert [tuple(a) for a in activity] == [
        ("service_published", "service", published.json()["id"])
    ]
    assert (await client.get(path)).json()["status"] == "active"

    # An active service of someone else: visible, but not theirs to change.
    assert (await client.patch(path, json={"title": "x"}, headers=other.headers)).status_code == 403
    archived = await client.post(f"{path}/archive", headers=teacher.headers)
    assert archived.json()["status"] == "archived"
    assert (await client.get(path)).status_code == 200  # old orders still link to it
    assert (await client.get("/services")).json()["items"] == []
    republished = await client.post(f"{path}/publish", headers=teacher.headers)
    assert republished.json()["status"] == "active"
    assert await db.fetchval("SELECT count(*) FROM app.activities") == 1


async def test_invalid_input_is_422(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    teacher = await make_user("teacher")
    for bad in (
        {**NEW, "kind": "astrology"},
        {**NEW, "price_cents": -1},
        {**NEW, "duration_minutes": 2},
        {**NEW, "title": ""},
        {**NEW, "currency": "EUR"},
        {**NEW, "surprise": True},
    ):
        response = await client.post("/services", json=bad, headers=teacher.headers)
        assert response.status_code == 422, bad
    draft = (await client.post("/services", json=NEW, headers=teacher.headers)).json()
    response = await client.patch(
        f"/services/{draft['id']}", json={"price_cents": -5}, headers=teacher.headers
    )
    assert response.status_code == 422


async def test_catalogue_filters_and_keyset_pages(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    johan = await make_user("teacher")
    astrid = await make_user("teacher")
    await published_service(client, johan, title="Tarotläsning 60 min", price_cents=79000)
    await published_service(
        client, johan, title="Samtalscoaching", kind="coaching", price_cents=65000
    )
    await published_service(
        client,
        astrid,
        title="Privat yogapass",
        kind="session",
        price_cents=90000,
        delivery="in_person",
        description="Ett pass anpassat efter din kropp.",
    )
    await published_service(client, astrid, title="Månens 100% läsning", price_cents=30000)
    await client.post("/services", json=NEW, headers=astrid.headers)  # a draft

    async def titles(query: str) -> list[str]:
        response = await client.get(f"/services{query}")
        assert response.status_code == 200, response.text
        return sorted(s["title"] for s in response.json()["items"])

    assert len(await titles("")) == 4
    assert await titles(f"?teacher_id={astrid.id}") == ["Månens 100% läsning", "Privat yogapass"]
    assert await titles("?kind=coaching") == ["Samtalscoaching"]
    assert await titles("?delivery=in_person") == ["Privat yogapass"]
    assert await titles("?min_price=65000&max_price=80000") == [
        "Samtalscoaching",
        "Tarotläsning 60 min",
    ]
    assert await titles("?q=KROPP") == ["Privat yogapass"]
    assert await titles("?q=100%25") == ["Månens 100% läsning"]  # % is matched literally
    assert await titles("?q=_") == []  # so is _

    seen: list[str] = []
    cursor = None
    while True:
        query = "?limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = (await client.get(f"/services{query}")).json()
        seen += [s["id"] for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 4 and len(set(seen)) == 4

    assert (await client.get("/services?min_price=10&max_price=5")).status_code == 422
    assert (await client.get("/services?limit=101")).status_code == 422
    assert (await client.get("/services?cursor=nonsense")).status_code == 400


async def test_listing_drafts_is_for_their_teacher_and_admins(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    admin = await make_user("admin")
    await client.post("/services", json=NEW, headers=teacher.headers)
    assert (await client.get("/services?status=draft")).status_code == 401
    mine = await client.get("/services?status=draft", headers=teacher.headers)
    assert len(mine.json()["items"]) == 1
    theirs = await client.get("/services?status=draft", headers=other.headers)
    assert theirs.json()["items"] == []
    spying = await client.get(
        f"/services?status=draft&teacher_id={teacher.id}", headers=other.headers
    )
    assert spying.status_code == 403
    everything = await client.get("/services?status=draft", headers=admin.headers)
    assert len(everything.json()["items"]) == 1


async def test_the_catalogue_json_is_what_the_response_model_writes(
    client: httpx.AsyncClient, make_user: MakeUser, db
) -> None:
    """GET /services sends JSON that PostgreSQL built; it must be byte for byte what FastAPI
    writes for ServicePage: timestamps with and without microseconds, nulls, package terms,
    escapes and non-ASCII text."""
    teacher = await make_user("teacher", display_name='Åsa "Måne" \\ Lind')
    tricky = await published_service(
        client, teacher, title='Läsning "60" \\ min\t\u2028 ✨', description="Rad 1\nRad 2\x01"
    )
    package = await published_service(client, teacher, title="Paket", kind="package")
    plain = await published_service(client, teacher, title="Enkel")
    await db.execute(
        "UPDATE app.services SET sessions_count = 5, valid_months = 6 WHERE id = $1",
        uuid.UUID(package["id"]),
    )
    for service_id, moment in [
        (tricky["id"], "2026-03-01 10:00:00+00"),  # no microseconds
        (package["id"], "2026-03-01 10:30:00.0005+01"),  # another zone, 500 microseconds
        (plain["id"], "2026-03-01 08:00:00.12+00"),
    ]:
        await db.execute(
            "UPDATE app.services SET created_at = $2::text::timestamptz,"
            " published_at = $2::text::timestamptz"
            " WHERE id = $1",
            uuid.UUID(service_id),
            moment,
        )
    draft = (await client.post("/services", json=NEW, headers=teacher.headers)).json()

    async def page(query: str, account: Account | None = None) -> ServicePage:
        response = await client.get(f"/services{query}", headers=account.headers if account else {})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        model = ServicePage.model_validate_json(response.content)
        assert model.model_dump_json().encode() == response.content
        for item in model.items:  # the same as the model-built GET /services/{id}
            one = await client.get(f"/services/{item.id}", headers=response.request.headers)
            assert one.json() == item.model_dump(mode="json")
        return model

    everything = await page("")
    assert [s.title for s in everything.items] == [
        'Läsning "60" \\ min\t\u2028 ✨',
        "Paket",
        "Enkel",
    ]
    assert everything.items[0].created_at.microsecond == 0
    assert (everything.items[1].sessions_count, everything.items[1].valid_months) == (5, 6)
    assert everything.items[1].created_at.microsecond == 500
    assert everything.next_cursor is None
    first = await page("?limit=2")
    assert [s.id for s in first.items] == [s.id for s in everything.items[:2]]
    rest = await page(f"?limit=2&cursor={first.next_cursor}")
    assert [s.id for s in rest.items] == [everything.items[2].id] and rest.next_cursor is None
    drafts = await page("?status=draft", teacher)
    assert [(str(s.id), s.published_at) for s in drafts.items] == [(draft["id"], None)]
    assert (await page("?q=nothing-matches")).items == []
