"""Teacher payouts: a Stripe Connect (Express) account per teacher, its onboarding link and
status (kept current by account.updated events), and a monthly statement of paid orders.

With a connected account whose charges and payouts are enabled, checkouts become destination
charges: the buyer pays the platform, Stripe transfers the amount less the platform fee
(platform_fee_bps) to the teacher. The statement shows the same figures per order: amount,
refunded, fee (the fee given back in proportion to a refund) and the net to the teacher.
"""

import csv
import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.appconfig.service import get_int
from app.config import Settings
from app.db import Connection
from app.errors import Unprocessable
from app.orders import service as orders
from app.payments import repository
from app.payments.providers import active_provider
from app.payments.schemas import (
    OnboardingLink,
    PayoutStatus,
    Statement,
    StatementLine,
    StatementTotals,
)
from app.security import AuthUser

try:
    STOCKHOLM = ZoneInfo("Europe/Stockholm")
except ZoneInfoNotFoundError:  # a system without tz data: months in UTC
    STOCKHOLM = ZoneInfo("UTC")

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


async def onboarding_link(
    conn: Connection, settings: Settings, teacher: AuthUser
) -> OnboardingLink:
    """The teacher's connected account (made on the first call) and a fresh onboarding link."""
    provider = active_provider(settings)
    await repository.lock_teacher(conn, teacher.id)
    method = await repository.get_payout_method(conn, teacher.id)
    if method is None:
        account = await provider.create_account(
            teacher.id, teacher.email, f"wisdom-connect-{teacher.id}"
        )
        method = await repository.insert_payout_method(
            conn,
            teacher.id,
            account.id,
            account.charges_enabled,
            account.payouts_enabled,
            account.details_submitted,
        )
    link = await provider.account_link(
        method["account_id"], settings.payouts_return_url, settings.payouts_refresh_url
    )
    return OnboardingLink(url=link.url, expires_at=link.expires_at, account_id=method["account_id"])


async def payout_status(conn: Connection, teacher: AuthUser) -> PayoutStatus:
    method = await repository.get_payout_method(conn, teacher.id)
    if method is None:
        return PayoutStatus(connected=False)
    return PayoutStatus(
        connected=True,
        account_id=method["account_id"],
        charges_enabled=method["charges_enabled"],
        payouts_enabled=method["payouts_enabled"],
        details_submitted=method["details_submitted"],
    )


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """[first moment, first moment of the next month) in Swedish time."""
    match = MONTH.match(month)
    if match is None:
        raise Unprocessable("month must look like 2026-11", code="invalid_month")
    year, number = int(match.group(1)), int(match.group(2))
    start = datetime(year, number, 1, tzinfo=STOCKHOLM)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=STOCKHOLM)
    return start, end


async def statement(conn: Connection, teacher: AuthUser, month: str) -> Statement:
    start, end = month_bounds(month)
    paid = await orders.paid_orders_in_period(conn, teacher.id, start, end)
    fees = await repository.fees_for_orders(conn, [o.id for o in paid])
    lines = []
    for order in paid:
        assert order.paid_at is not None  # noqa: S101 - selected by paid_at
        fee = fees.get(order.id, 0)
        if order.amount_cents:
            fee -= round(fee * order.refunded_cents / order.amount_cents)
        kept = order.amount_cents - order.refunded_cents
        lines.append(
            StatementLine(
                order_id=order.id,
                order_number=order.order_number,
                paid_at=order.paid_at,
                item_kind=order.item_kind,
                item_title=order.item_title,
                buyer_name=order.buyer_name,
                status=order.status,
                payment_method=order.payment_method,
                amount_cents=order.amount_cents,
                refunded_cents=order.refunded_cents,
                fee_cents=fee,
                net_cents=kept - fee,
            )
        )
    totals = StatementTotals(
        orders=len(lines),
        amount_cents=sum(line.amount_cents for line in lines),
        refunded_cents=sum(line.refunded_cents for line in lines),
        fee_cents=sum(line.fee_cents for line in lines),
        net_cents=sum(line.net_cents for line in lines),
    )
    return Statement(
        month=month,
        currency="SEK",
        platform_fee_bps=await get_int(conn, "platform_fee_bps"),
        items=lines,
        totals=totals,
    )


CSV_COLUMNS = [
    "order_number",
    "paid_at",
    "item_kind",
    "item_title",
    "buyer_name",
    "status",
    "payment_method",
    "amount_cents",
    "refunded_cents",
    "fee_cents",
    "net_cents",
]


def _cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def statement_csv(statement: Statement) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for line in statement.items:
        row = line.model_dump()
        row["paid_at"] = line.paid_at.astimezone(STOCKHOLM).isoformat(timespec="seconds")
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    t = statement.totals
    writer.writerow(
        [
            "total",
            "",
            "",
            "",
            "",
            "",
            "",
            t.amount_cents,
            t.refunded_cents,
            t.fee_cents,
            t.net_cents,
        ]
    )
    return out.getvalue()
