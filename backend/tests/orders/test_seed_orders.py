"""The demo data holds one paid order with its (dummy) payment, inserted idempotently."""

import httpx

from app.config import Settings
from app.orders import service as orders
from app.orders.receipts import render_pdf
from app.payments.payouts import STOCKHOLM
from app.security import create_access_token
from app.seed import demo_id, seed


async def test_seed_adds_one_paid_demo_order_once(
    client: httpx.AsyncClient, db, settings: Settings
) -> None:
    await seed(db)
    await seed(db)
    rows = await db.fetch("SELECT id, status, amount_cents FROM app.service_orders")
    assert [(r["id"], r["status"], r["amount_cents"]) for r in rows] == [
        (demo_id("order/maja-tarot-60"), "paid", 79000)
    ]
    payment = await db.fetchrow("SELECT provider, status, platform_fee_cents FROM app.payments")
    assert dict(payment) == {"provider": "dummy", "status": "succeeded", "platform_fee_cents": 7900}
    order = await orders.get_order(db, demo_id("order/maja-tarot-60"))
    assert render_pdf(await orders.build_receipt(db, order)).startswith(b"%PDF-")

    token, _ = create_access_token(settings, demo_id("johan"), "teacher")
    month = order.paid_at.astimezone(STOCKHOLM).strftime("%Y-%m") if order.paid_at else ""
    statement = await client.get(
        f"/payouts/statement?month={month}", headers={"Authorization": f"Bearer {token}"}
    )
    assert statement.status_code == 200
    assert statement.json()["totals"]["net_cents"] == 79000 - 7900
