"""Teacher payouts: Connect onboarding (fake Stripe and the dummy), status kept current by
account.updated, and the monthly statement in JSON and CSV."""

from datetime import datetime

import httpx

from app.payments.payouts import STOCKHOLM
from tests.conftest import MakeUser
from tests.marketplace_helpers import pay_with_dummy, place_order, post_event, published_service
from tests.payments.fake_stripe import FakeStripe


async def test_payout_endpoints_need_a_teacher(
    stripe_client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    student = await make_user("student")
    for method, path in [
        ("POST", "/payouts/stripe/onboard"),
        ("GET", "/payouts/status"),
        ("GET", "/payouts/statement?month=2026-11"),
    ]:
        assert (await stripe_client.request(method, path)).status_code == 401
        response = await stripe_client.request(method, path, headers=student.headers)
        assert response.status_code == 403


async def test_stripe_connect_onboarding_and_account_updated(
    stripe_client: httpx.AsyncClient, make_user: MakeUser, fake_stripe: FakeStripe, db
) -> None:
    teacher = await make_user("teacher")
    status = await stripe_client.get("/payouts/status", headers=teacher.headers)
    assert status.json() == {
        "connected": False,
        "account_id": None,
        "charges_enabled": False,
        "payouts_enabled": False,
        "details_submitted": False,
    }
    first = await stripe_client.post("/payouts/stripe/onboard", headers=teacher.headers)
    assert first.status_code == 200, first.text
    account_id = first.json()["account_id"]
    assert first.json()["url"].startswith(f"https://connect.stripe.com/setup/e/{account_id}/")
    [create] = fake_stripe.calls("POST", "/v1/accounts")
    assert create.params["type"] == "express" and create.params["country"] == "SE"
    assert create.params["capabilities"]["transfers"]["requested"] == "true"
    assert create.headers["idempotency-key"] == f"wisdom-connect-{teacher.id}"
    [link] = fake_stripe.calls("POST", "/v1/account_links")
    assert link.params["type"] == "account_onboarding" and link.params["account"] == account_id

    # A second click gives a new link for the same account.
    second = await stripe_client.post("/payouts/stripe/onboard", headers=teacher.headers)
    assert second.json()["account_id"] == account_id
    assert len(fake_stripe.calls("POST", "/v1/accounts")) == 1
    assert await db.fetchval("SELECT count(*) FROM app.teacher_payout_methods") == 1

    updated = await post_event(stripe_client, fake_stripe.account_event(account_id, True))
    assert updated.json()["outcome"] == "processed"
    status = await stripe_client.get("/payouts/status", headers=teacher.headers)
    assert status.json()["payouts_enabled"] is True and status.json()["charges_enabled"] is True

    unknown = await post_event(stripe_client, fake_stripe.account_event("acct_nobody", True))
    assert unknown.status_code == 200 and unknown.json()["outcome"] == "unmatched"


async def test_dummy_onboarding_enables_payouts(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    link = await client.post("/payouts/stripe/onboard", headers=teacher.headers)
    assert link.status_code == 200
    account_id = link.json()["account_id"]
    page = await client.get(f"/payouts/dummy/onboard/{account_id}")
    assert page.status_code == 200 and "Slutför (testläge)" in page.text
    done = await client.post(f"/payouts/dummy/onboard/{account_id}/complete")
    assert done.status_code == 303
    status = await client.get("/payouts/status", headers=teacher.headers)
    assert status.json()["payouts_enabled"] is True


async def test_dummy_pages_are_off_when_stripe_is_the_provider(
    stripe_client: httpx.AsyncClient,
) -> None:
    assert (await stripe_client.get("/payments/dummy/checkout/cs_test_x")).status_code == 404
    assert (await stripe_client.post("/payments/dummy/checkout/cs_test_x/pay")).status_code == 404
    assert (await stripe_client.get("/payouts/dummy/onboard/acct_dummy_1")).status_code == 404


async def test_monthly_statement_in_json_and_csv(
    client: httpx.AsyncClient, make_user: MakeUser, db
) -> None:
    teacher = await make_user("teacher")
    other_teacher = await make_user("teacher")
    buyer = await make_user("student", "Maja Berg")
    service = await published_service(client, teacher, price_cents=50000)
    elsewhere = await published_service(client, other_teacher, price_cents=10000)
    first = await place_order(client, buyer, service["id"])
    second = await place_order(client, buyer, service["id"])
    foreign = await place_order(client, buyer, elsewhere["id"])
    unpaid = await place_order(client, buyer, service["id"])
    for order in (first, second, foreign):
        await pay_with_dummy(client, buyer, order["id"])
    refund = await client.post(
        f"/orders/{second['id']}/refund", json={"amount_cents": 10000}, headers=teacher.headers
    )
    assert refund.status_code == 202

    month = datetime.now(STOCKHOLM).strftime("%Y-%m")
    response = await client.get(f"/payouts/statement?month={month}", headers=teacher.headers)
    assert response.status_code == 200, response.text
    statement = response.json()
    assert statement["platform_fee_bps"] == 1000
    numbers = [line["order_number"] for line in statement["items"]]
    assert numbers == [first["order_number"], second["order_number"]]
    assert unpaid["order_number"] not in numbers
    full, partial = statement["items"]
    assert (full["amount_cents"], full["fee_cents"], full["net_cents"]) == (50000, 5000, 45000)
    # 10 000 refunded of 50 000: the fee shrinks in proportion (5 000 - 1 000).
    assert (partial["refunded_cents"], partial["fee_cents"], partial["net_cents"]) == (
        10000,
        4000,
        36000,
    )
    assert statement["totals"] == {
        "orders": 2,
        "amount_cents": 100000,
        "refunded_cents": 10000,
        "fee_cents": 9000,
        "net_cents": 81000,
    }

    csv = await client.get(f"/payouts/statement?month={month}&format=csv", headers=teacher.headers)
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().splitlines()
    assert lines[0].startswith("order_number,paid_at,item_kind,item_title")
    assert len(lines) == 4 and lines[-1].endswith("100000,10000,9000,81000")
    assert "Maja Berg" in lines[1]

    empty = await client.get("/payouts/statement?month=2001-01", headers=teacher.headers)
    assert empty.json()["items"] == [] and empty.json()["totals"]["orders"] == 0
    for bad in ("2026-13", "26-11", "november"):
        response = await client.get(f"/payouts/statement?month={bad}", headers=teacher.headers)
        assert response.status_code == 422
