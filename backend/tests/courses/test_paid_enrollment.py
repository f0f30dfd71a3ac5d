"""Paid courses: bought through POST /orders (item kind course) and the marketplace's checkout;
only a correctly signed paid webhook enrolls, and a full refund takes the enrollment away."""

import asyncpg
import httpx
import orjson

from tests.conftest import MakeUser
from tests.courses.helpers import build_course
from tests.marketplace_helpers import post_event
from tests.payments.fake_stripe import FakeStripe, sign

PRICE = 49000


async def test_ordering_a_course_checks_what_can_be_bought(
    stripe_client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    paid = await build_course(stripe_client, teacher, price_cents=PRICE)
    free = await build_course(stripe_client, teacher, title="Gratis")
    draft = await build_course(
        stripe_client, teacher, title="Utkast", price_cents=100, publish=False
    )

    async def order(course_id: str, headers: dict[str, str]) -> httpx.Response:
        return await stripe_client.post(
            "/orders", json={"item_kind": "course", "course_id": course_id}, headers=headers
        )

    assert (await order(paid.id, {})).status_code == 401
    r = await order(paid.id, teacher.headers)
    assert r.status_code == 403 and r.json()["error"] == "own_item"
    r = await order(free.id, student.headers)
    assert r.status_code == 409 and r.json()["error"] == "course_is_free"
    assert (await order(draft.id, student.headers)).status_code == 404
    r = await order(paid.id, student.headers)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["item_kind"] == "course" and body["course_id"] == paid.id
    assert body["amount_cents"] == PRICE and body["seller_id"] == str(teacher.id)
    assert body["item_title"] == "Meditation för nybörjare"


async def test_a_paid_enrollment_happens_only_through_a_signed_webhook(
    stripe_client: httpx.AsyncClient,
    make_user: MakeUser,
    fake_stripe: FakeStripe,
    db: asyncpg.Connection,
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student")
    course = await build_course(stripe_client, teacher, price_cents=PRICE)
    r = await stripe_client.post(
        "/orders", json={"item_kind": "course", "course_id": course.id}, headers=student.headers
    )
    order = r.json()
    session = await stripe_client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=student.headers
    )
    assert session.status_code == 200, session.text
    session_id = session.json()["session_id"]
    lesson_url = f"/lessons/{course.lesson_ids[0]}"

    # Ordering and checking out is not enough, and neither is a forged event.
    assert (await stripe_client.get(lesson_url, headers=student.headers)).status_code == 403
    r = await stripe_client.post(f"/courses/{course.id}/enroll", headers=student.headers)
    assert r.status_code == 409 and r.json()["error"] == "course_not_free"
    event = fake_stripe.session_event("checkout.session.completed", session_id)
    payload = orjson.dumps(event)
    forged = await stripe_client.post(
        "/webhooks/stripe",
        content=payload,
        headers={"Stripe-Signature": sign(payload, secret="whsec_forged")},
    )
    assert forged.status_code == 400
    assert await db.fetchval("SELECT count(*) FROM app.enrollments") == 0
    assert (await stripe_client.get(lesson_url, headers=student.headers)).status_code == 403

    # The correctly signed paid event enrolls the buyer, once, with the order.
    for _ in range(2):
        assert (await post_event(stripe_client, event)).status_code == 200
    rows = await db.fetch("SELECT * FROM app.enrollments")
    assert len(rows) == 1
    assert rows[0]["user_id"] == student.id and str(rows[0]["course_id"]) == course.id
    assert rows[0]["source"] == "purchase" and str(rows[0]["order_id"]) == order["id"]
    assert (await stripe_client.get(lesson_url, headers=student.headers)).status_code == 200
    status = await db.fetchval("SELECT status FROM app.service_orders WHERE id = $1", order["id"])
    assert status == "fulfilled"
    enrollment = (
        await stripe_client.get(f"/courses/{course.id}/enrollment", headers=student.headers)
    ).json()
    assert enrollment["source"] == "purchase" and enrollment["order_id"] == order["id"]
    # A bought course does not use a free slot, and cannot be left like a free one.
    consumed = await stripe_client.get("/courses/free-consumed", headers=student.headers)
    assert consumed.json()["consumed"] == 0
    r = await stripe_client.delete(f"/courses/{course.id}/enrollment", headers=student.headers)
    assert r.status_code == 409
    r = await stripe_client.post(
        "/orders", json={"item_kind": "course", "course_id": course.id}, headers=student.headers
    )
    assert r.status_code == 409 and r.json()["error"] == "already_enrolled"

    # A partial refund (a goodwill discount) keeps the access; the full refund removes it.
    partial = fake_stripe.charge_refunded_event(session_id, 10000)
    assert (await post_event(stripe_client, partial)).status_code == 200
    assert await db.fetchval("SELECT count(*) FROM app.enrollments") == 1
    refund = fake_stripe.charge_refunded_event(session_id, PRICE)
    assert (await post_event(stripe_client, refund)).status_code == 200
    assert await db.fetchval("SELECT count(*) FROM app.enrollments") == 0
    assert (await stripe_client.get(lesson_url, headers=student.headers)).status_code == 403
