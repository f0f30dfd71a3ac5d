"""Reviews: buyers with a paid order review a service once and may edit it; anyone reads them
with the average."""

import uuid

import httpx

from tests.conftest import MakeUser
from tests.marketplace_helpers import pay_with_dummy, place_order, published_service


async def test_reviews_need_sign_in_and_a_paid_order(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    path = f"/services/{service['id']}/reviews"
    assert (await client.post(path, json={"rating": 5})).status_code == 401
    no_order = await client.post(path, json={"rating": 5}, headers=buyer.headers)
    assert no_order.status_code == 403 and no_order.json()["error"] == "no_paid_order"
    await place_order(client, buyer, service["id"])  # pending is not enough
    assert (await client.post(path, json={"rating": 5}, headers=buyer.headers)).status_code == 403
    missing = await client.post(
        f"/services/{uuid.uuid4()}/reviews", json={"rating": 5}, headers=buyer.headers
    )
    assert missing.status_code == 404


async def test_review_once_edit_and_read_the_average(
    client: httpx.AsyncClient, make_user: MakeUser, db
) -> None:
    teacher = await make_user("teacher")
    maja = await make_user("student", "Maja Berg")
    elias = await make_user("student", "Elias Norén")
    service = await published_service(client, teacher)
    path = f"/services/{service['id']}/reviews"
    for buyer in (maja, elias):
        await pay_with_dummy(client, buyer, (await place_order(client, buyer, service["id"]))["id"])

    first = await client.post(path, json={"rating": 5, "body": "Fantastisk!"}, headers=maja.headers)
    assert first.status_code == 201
    assert first.json()["author_name"] == "Maja Berg"
    twice = await client.post(path, json={"rating": 1}, headers=maja.headers)
    assert twice.status_code == 409 and twice.json()["error"] == "already_reviewed"
    # A second purchase does not give a second review either.
    await pay_with_dummy(client, maja, (await place_order(client, maja, service["id"]))["id"])
    assert (await client.post(path, json={"rating": 1}, headers=maja.headers)).status_code == 409
    assert (await client.post(path, json={"rating": 2}, headers=elias.headers)).status_code == 201

    listed = (await client.get(path)).json()
    assert (listed["count"], listed["average"]) == (2, 3.5)
    assert {r["rating"] for r in listed["items"]} == {5, 2}

    review = f"{path}/{first.json()['id']}"
    assert (
        await client.patch(review, json={"rating": 1}, headers=elias.headers)
    ).status_code == 403
    edited = await client.patch(review, json={"rating": 4}, headers=maja.headers)
    assert edited.status_code == 200 and edited.json()["body"] == "Fantastisk!"
    listed = (await client.get(path)).json()
    assert listed["average"] == 3.0
    activity = await db.fetchval("SELECT count(*) FROM app.activities WHERE kind = 'review_posted'")
    assert activity == 2

    assert (await client.post(path, json={"rating": 6}, headers=elias.headers)).status_code == 422
    assert (await client.patch(review, json={"rating": 0}, headers=maja.headers)).status_code == 422
    other = f"/services/{uuid.uuid4()}/reviews/{first.json()['id']}"
    assert (await client.patch(other, json={"rating": 3}, headers=maja.headers)).status_code == 404


async def test_reviews_page_and_empty_average(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    service = await published_service(client, teacher)
    empty = (await client.get(f"/services/{service['id']}/reviews")).json()
    assert empty == {"average": None, "count": 0, "items": [], "next_cursor": None}
    buyers = [await make_user("student") for _ in range(3)]
    for buyer in buyers:
        await pay_with_dummy(client, buyer, (await place_order(client, buyer, service["id"]))["id"])
        await client.post(
            f"/services/{service['id']}/reviews", json={"rating": 4}, headers=buyer.headers
        )
    page = (await client.get(f"/services/{service['id']}/reviews?limit=2")).json()
    assert len(page["items"]) == 2 and page["next_cursor"] and page["count"] == 3
    rest = (
        await client.get(f"/services/{service['id']}/reviews?limit=2&cursor={page['next_cursor']}")
    ).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
