"""Money rules of payments that every part of it uses: the platform's fee and which payment
statuses mean the money arrived."""

from app.appconfig.service import get_int
from app.db import Connection

PAID_PAYMENT_STATUSES = ("succeeded", "partially_refunded", "refunded")


def fee_of(amount_cents: int, platform_fee_bps: int) -> int:
    return amount_cents * platform_fee_bps // 10000


async def platform_fee(conn: Connection, amount_cents: int) -> int:
    return fee_of(amount_cents, await get_int(conn, "platform_fee_bps"))
