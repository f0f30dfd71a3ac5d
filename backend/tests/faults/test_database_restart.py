"""PostgreSQL restarted under load: requests fail only while it is down (plus a few seconds),
the API recovers without a restart, and no order is left half-written. A Stripe webhook that
arrives during the outage is answered 5xx, so Stripe retries it, and the retry pays once."""

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import orjson

from app.payments.providers.dummy import event_id_for, payment_intent_for
from app.payments.webhooks import build_event, signature_header
from tests.conftest import Account
from tests.faults.conftest import FaultApp
from tests.marketplace_helpers import published_service

MAX_LOAD_SECONDS = 60.0  # a bound on the run, whatever the machine's speed
AFTER_SECONDS = 4.0  # load kept up this long after the restart's grace, however long it took
OUTAGE_AT = 4.0  # seconds into the run when PostgreSQL is stopped
OUTAGE_SECONDS = 2.0  # how long it stays down
RECOVERY_GRACE = 5.0  # seconds after the restart in which errors are still accepted
WORKERS = 6


@dataclass
class Outcome:
    at: float  # seconds since the load started
    what: str
    ok: bool
    detail: str


def _client(fault: FaultApp) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=fault.app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://faults", timeout=30)


async def _purchase(client: httpx.AsyncClient, buyer: Account, service_id: str) -> str:
    """Order, checkout and pay through the dummy page; raises with what failed."""
    order = await client.post("/orders", json={"service_id": service_id}, headers=buyer.headers)
    if order.status_code != 201:
        raise RuntimeError(f"POST /orders {order.status_code} {order.text[:120]}")
    session = await client.post(
        "/payments/stripe/create-session",
        json={"order_id": order.json()["id"]},
        headers=buyer.headers,
    )
    if session.status_code != 200:
        raise RuntimeError(f"create-session {session.status_code} {session.text[:120]}")
    paid = await client.post(f"/payments/dummy/checkout/{session.json()['session_id']}/pay")
    if paid.status_code != 303:
        raise RuntimeError(f"pay {paid.status_code} {paid.text[:120]}")
    return str(order.json()["id"])


async def _browse(client: httpx.AsyncClient, _: Account, __: str) -> str:
    response = await client.get("/services")
    if response.status_code != 200:
        raise RuntimeError(f"GET /services {response.status_code} {response.text[:120]}")
    return "ok"


Step = Callable[[httpx.AsyncClient, Account, str], Awaitable[str]]


async def _worker(
    client: httpx.AsyncClient,
    step: Step,
    buyer: Account,
    service_id: str,
    started: float,
    outcomes: list[Outcome],
    run_until: list[float],
) -> None:
    """Repeat the step until the run ends (run_until[0] seconds after the start, set once the
    restart is over); each outcome is timed when it is known."""
    while time.monotonic() - started < run_until[0]:
        try:
            detail = await step(client, buyer, service_id)
        except Exception as exc:
            failed = f"{type(exc).__name__}: {exc}"
            outcomes.append(Outcome(time.monotonic() - started, step.__name__, False, failed))
            await asyncio.sleep(0.05)
        else:
            outcomes.append(Outcome(time.monotonic() - started, step.__name__, True, detail))


async def _consistency_problems(dsn: str) -> list[Any]:
    """Orders whose rows disagree: paid without a succeeded payment (or the reverse), a
    processed checkout event for an unpaid order, a payment without its order."""
    conn = await asyncpg.connect(dsn)
    try:
        return list(
            await conn.fetch(
                """SELECT o.id, o.status, count(p.*) FILTER (WHERE p.status = 'succeeded') AS ok,
                          count(e.*) AS events
                   FROM app.service_orders o
                   LEFT JOIN app.payments p ON p.order_id = o.id
                   LEFT JOIN app.stripe_events e
                          ON e.order_id = o.id AND e.outcome = 'processed'
                   GROUP BY o.id, o.status, o.paid_at
                   HAVING (o.status = 'paid') <> (count(p.*) FILTER (WHERE p.status = 'succeeded') = 1)
                       OR (o.status = 'paid') <> (o.paid_at IS NOT NULL)
                       OR (o.status = 'paid' AND count(e.*) <> 1)
                       OR (o.status <> 'paid' AND count(e.*) > 0)
                   UNION ALL
                   SELECT p.order_id, 'orphan payment', 0, 0 FROM app.payments p
                   WHERE NOT EXISTS (SELECT 1 FROM app.service_orders o WHERE o.id = p.order_id)"""
            )
        )
    finally:
        await conn.close()


async def test_restart_under_load_fails_only_during_the_outage_and_leaves_whole_orders(
    fault_app: FaultApp,
) -> None:
    teacher = await fault_app.user("teacher")
    buyers = [await fault_app.user("student") for _ in range(WORKERS)]
    async with _client(fault_app) as client:
        service = await published_service(client, teacher)
        outcomes: list[Outcome] = []
        started = time.monotonic()
        run_until = [MAX_LOAD_SECONDS]
        steps: list[Step] = [_purchase if i % 3 else _browse for i in range(WORKERS)]
        load = asyncio.gather(
            *(
                _worker(client, step, buyer, service["id"], started, outcomes, run_until)
                for step, buyer in zip(steps, buyers, strict=True)
            )
        )
        await asyncio.sleep(OUTAGE_AT)
        down_at = time.monotonic() - started
        await asyncio.to_thread(fault_app.server.stop)
        await asyncio.sleep(OUTAGE_SECONDS)
        await asyncio.to_thread(fault_app.server.start)
        up_at = time.monotonic() - started
        # A restart on a busy machine can take seconds: keep the load up after it regardless.
        run_until[0] = min(MAX_LOAD_SECONDS, up_at + RECOVERY_GRACE + AFTER_SECONDS)
        await load

    failures = [o for o in outcomes if not o.ok]
    before = [o for o in outcomes if o.at < down_at]
    after = [o for o in outcomes if o.at > up_at + RECOVERY_GRACE]
    assert before and all(o.ok for o in before), [o for o in before if not o.ok][:5]
    assert failures, "stopping PostgreSQL under load made no request fail"
    assert all(down_at <= o.at <= up_at + RECOVERY_GRACE for o in failures), failures[:5]
    assert len(after) >= 10 and all(o.ok for o in after), [o for o in after if not o.ok][:5]
    assert {o.what for o in after} == {"_purchase", "_browse"}
    # What fails is the database, reported as 503 with Retry-After, never as a crash (500).
    assert all(" 503 " in o.detail for o in failures), [
        o for o in failures if " 503 " not in o.detail
    ]
    assert await _consistency_problems(fault_app.server.dsn) == []


async def test_webhook_during_an_outage_is_5xx_and_the_retry_pays_once(
    fault_app: FaultApp,
) -> None:
    teacher = await fault_app.user("teacher")
    buyer = await fault_app.user("student")
    async with _client(fault_app) as client:
        service = await published_service(client, teacher)
        order = (
            await client.post("/orders", json={"service_id": service["id"]}, headers=buyer.headers)
        ).json()
        session = (
            await client.post(
                "/payments/stripe/create-session",
                json={"order_id": order["id"]},
                headers=buyer.headers,
            )
        ).json()
        payload = _completed_event(order, session)

        await asyncio.to_thread(fault_app.server.stop)
        try:
            during = await _deliver(client, fault_app, payload)
        finally:
            await asyncio.to_thread(fault_app.server.start)
        # Not 2xx (Stripe would drop the event) and not 400 (Stripe would drop it too).
        assert 500 <= during.status_code < 600, during.text
        assert during.json()["error"] == "service_unavailable"

        retried = await _deliver_until_answered(client, fault_app, payload)
        assert retried.status_code == 200, retried.text
        assert retried.json()["outcome"] == "processed"
        again = await _deliver(client, fault_app, payload)
        assert again.status_code == 200 and again.json()["duplicate"] is True

        got = await client.get(f"/orders/{order['id']}", headers=buyer.headers)
        assert got.json()["status"] == "paid"
    conn = await asyncpg.connect(fault_app.server.dsn)
    order_id = uuid.UUID(order["id"])
    try:
        events = await conn.fetchval(
            "SELECT count(*) FROM app.stripe_events WHERE order_id = $1", order_id
        )
        paid = await conn.fetchval(
            "SELECT count(*) FROM app.payments WHERE order_id = $1 AND status = 'succeeded'",
            order_id,
        )
        receipts = await conn.fetchval(
            "SELECT count(*) FROM app.mail_outbox WHERE kind = 'receipt' AND user_id = $1",
            buyer.id,
        )
        assert (events, paid, receipts) == (1, 1, 1)
    finally:
        await conn.close()
    assert await _consistency_problems(fault_app.server.dsn) == []


def _completed_event(order: dict[str, Any], session: dict[str, Any]) -> bytes:
    session_id = session["session_id"]
    return orjson.dumps(
        build_event(
            event_id_for("checkout.session.completed", session_id),
            "checkout.session.completed",
            {
                "id": session_id,
                "object": "checkout.session",
                "amount_total": order["amount_cents"],
                "currency": "sek",
                "metadata": {"order_id": order["id"], "attempt": "1"},
                "payment_intent": payment_intent_for(session_id),
                "payment_status": "paid",
                "status": "complete",
                "url": session["checkout_url"],
                "livemode": False,
            },
        )
    )


async def _deliver(client: httpx.AsyncClient, fault: FaultApp, payload: bytes) -> httpx.Response:
    return await client.post(
        "/webhooks/stripe",
        content=payload,
        headers={
            "Stripe-Signature": signature_header(payload, fault.settings.dummy_webhook_secret),
            "Content-Type": "application/json",
        },
    )


async def _deliver_until_answered(
    client: httpx.AsyncClient, fault: FaultApp, payload: bytes
) -> httpx.Response:
    """Stripe's retry: the first tries after the restart may still meet pooled connections that
    died with the server (each answered 503 and dropped)."""
    for _ in range(20):
        response = await _deliver(client, fault, payload)
        if response.status_code != 503:
            return response
        await asyncio.sleep(0.25)
    return response
