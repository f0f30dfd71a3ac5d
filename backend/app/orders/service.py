"""Orders: the lifecycle of everything sold, whatever the item kind.

    pending -> paid -> fulfilled           (fulfilled: by the kind at payment, or by the seller)
    pending -> canceled                    (the buyer cancels, or the checkout expires unpaid)
    paid | fulfilled -> partially_refunded -> refunded

Every transition runs on the locked order row and is conditional on the current status, so the
same event applied twice, late or concurrently changes the order once. Payments (above) calls
mark_paid / apply_refunded_total / expire_checkout from verified provider events; the item's
own domain is told through the hooks registered in app.orders.fulfilment.
"""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from app.appconfig.service import get_int, int_value
from app.audit.service import record
from app.db import Connection
from app.errors import BadRequest, Conflict, Forbidden, NotFound
from app.mail.service import queue_mail
from app.notifications.service import notify
from app.orders import repository
from app.orders.fulfilment import Quote, handler_for
from app.orders.gateway import get_gateway
from app.orders.receipts import Receipt, format_money, mail_text, receipt_attachment
from app.orders.schemas import (
    PAID_STATUSES,
    REFUNDABLE_STATUSES,
    ItemKind,
    Order,
    OrderPage,
    RefundOut,
)
from app.pagination import decode_cursor, encode_cursor, split_page
from app.security import AuthUser

DEFAULT_HOLD_MINUTES = 30


def _is_party(order: Order, user: AuthUser) -> bool:
    return user.is_admin or user.id in (order.buyer_id, order.seller_id)


async def get_order(conn: Connection, order_id: uuid.UUID) -> Order:
    row = await repository.get_order(conn, order_id)
    if row is None:
        raise NotFound("No such order")
    return Order(**dict(row))


async def get_visible_order(conn: Connection, order_id: uuid.UUID, viewer: AuthUser) -> Order:
    """The order for its buyer, its seller or an admin; 404 for everyone else."""
    order = await get_order(conn, order_id)
    if not _is_party(order, viewer):
        raise NotFound("No such order")
    return order


async def lock_order(conn: Connection, order_id: uuid.UUID) -> Order:
    """Lock the order row for the rest of the transaction and read it (one round trip)."""
    row = await repository.lock_and_get(conn, order_id)
    if row is None:
        raise NotFound("No such order")
    return Order(**dict(row))


async def lock_visible_order(conn: Connection, order_id: uuid.UUID, viewer: AuthUser) -> Order:
    order = await lock_order(conn, order_id)
    if not _is_party(order, viewer):
        raise NotFound("No such order")
    return order


async def create_order(
    conn: Connection,
    buyer: AuthUser,
    item_kind: ItemKind,
    item_id: uuid.UUID,
    note: str = "",
    *,
    hold_minutes: int = DEFAULT_HOLD_MINUTES,
    **extra: Any,
) -> Order:
    """A pending order at the item's current price (its kind's quote decides whether it can be
    bought at all). A free item is paid at once. The order holds its price for hold_minutes;
    starting a checkout extends that to the checkout's own lifetime."""
    handler = handler_for(item_kind)
    quote: Quote = await handler.quote(conn, buyer.id, item_id, extra)
    if quote.seller_id == buyer.id:
        raise Forbidden("You cannot buy your own item", code="own_item")
    row = await repository.insert_order(
        conn,
        buyer_id=buyer.id,
        seller_id=quote.seller_id,
        item_kind=item_kind,
        service_id=item_id if item_kind == "service" else None,
        course_id=item_id if item_kind == "course" else None,
        seminar_id=item_id if item_kind == "seminar" else None,
        item_title=quote.title,
        amount_cents=quote.amount_cents,
        currency=quote.currency,
        note=note,
        checkout_expires_at=datetime.now(UTC) + timedelta(minutes=hold_minutes),
    )
    order = Order(**dict(row))
    if handler.on_created is not None:
        await handler.on_created(conn, order, quote, extra)
    if quote.amount_cents == 0:
        await mark_paid(conn, order.id, "free")
        order = await get_order(conn, order.id)
    return order


def _after_key(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    try:
        return datetime.fromisoformat(str(key["t"])), uuid.UUID(str(key["id"]))
    except (KeyError, ValueError) as exc:
        raise BadRequest("Invalid cursor", code="invalid_cursor") from exc


async def list_orders(
    conn: Connection,
    viewer: AuthUser,
    role: Literal["buyer", "seller"],
    status: str | None,
    cursor: str | None,
    limit: int,
) -> OrderPage:
    """The viewer's purchases (role=buyer) or sales (role=seller), newest first."""
    rows = await repository.list_for_party(
        conn,
        buyer_id=viewer.id if role == "buyer" else None,
        seller_id=viewer.id if role == "seller" else None,
        status=status,
        after=_after_key(cursor),
        limit=limit + 1,
    )
    page, more = split_page(rows, limit)
    items = [Order(**dict(r)) for r in page]
    next_cursor = (
        encode_cursor({"t": items[-1].created_at.isoformat(), "id": str(items[-1].id)})
        if more
        else None
    )
    return OrderPage(items=items, next_cursor=next_cursor)


def _text_search(query: str | None) -> tuple[int | None, str | None]:
    """An admin's search text: an order number ("100042" or "#100042"), or an ILIKE pattern
    for names, e-mail addresses and titles (its own % and _ taken literally)."""
    text = (query or "").strip()
    if not text:
        return None, None
    number = text.removeprefix("#")
    if number.isdigit() and len(number) <= 18:
        return int(number), None
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return None, f"%{escaped}%"


async def search_orders(
    conn: Connection,
    *,
    query: str | None,
    buyer_id: uuid.UUID | None,
    seller_id: uuid.UUID | None,
    status: str | None,
    cursor: str | None,
    limit: int,
    flagged: bool | None = None,
) -> OrderPage:
    """Every order (the admin's view), newest first: by buyer, by seller, by order number or
    by text in the parties' names and addresses and the item's title; flagged=true gives the
    orders whose payment waits for an admin (payment_issue)."""
    order_number, pattern = _text_search(query)
    rows = await repository.search(
        conn,
        buyer_id=buyer_id,
        seller_id=seller_id,
        order_number=order_number,
        text_pattern=pattern,
        status=status,
        after=_after_key(cursor),
        limit=limit + 1,
        flagged=flagged,
    )
    page, more = split_page(rows, limit)
    items = [Order(**dict(r)) for r in page]
    next_cursor = (
        encode_cursor({"t": items[-1].created_at.isoformat(), "id": str(items[-1].id)})
        if more
        else None
    )
    return OrderPage(items=items, next_cursor=next_cursor)


async def cancel_order(conn: Connection, order_id: uuid.UUID, actor: AuthUser) -> Order:
    """The buyer (or an admin) cancels a pending order; its open checkout is closed first so it
    can no longer be paid."""
    order = await lock_visible_order(conn, order_id, actor)
    if actor.id != order.buyer_id and not actor.is_admin:
        raise Forbidden("Only the buyer can cancel the order", code="not_buyer")
    if order.status != "pending":
        raise Conflict(f"The order is {order.status}, not pending", code="order_not_pending")
    return await _cancel_locked(conn, order)


async def _cancel_locked(conn: Connection, order: Order) -> Order:
    """Close the open checkout (so it can no longer be paid), cancel, undo what it held."""
    await get_gateway().close_checkout(conn, order)
    await repository.set_canceled(conn, order.id)
    canceled = await get_order(conn, order.id)
    await handler_for(order.item_kind).on_canceled(conn, canceled)
    return canceled


async def release_abandoned_checkout(conn: Connection, order_id: uuid.UUID, attempt: int) -> bool:
    """The buyer left the checkout page with "Avbryt" (the provider's cancel link, whose
    signature payments has checked): the order is canceled at once, so its seat, time or price
    is free and the buyer can start again. Only while that attempt is the order's latest and
    unpaid; anything else (paid meanwhile, a newer attempt, already canceled) changes nothing.
    Returns whether the order was canceled."""
    order = await lock_order(conn, order_id)
    if order.status != "pending" or order.checkout_attempt != attempt:
        return False
    try:
        await _cancel_locked(conn, order)
    except Conflict:  # the payment is already being processed: it will settle by itself
        return False
    return True


async def fulfil_order(conn: Connection, order_id: uuid.UUID, actor: AuthUser) -> Order:
    """The seller (or an admin) says a paid order has been delivered."""
    order = await lock_visible_order(conn, order_id, actor)
    if actor.id != order.seller_id and not actor.is_admin:
        raise Forbidden("Only the seller can mark the order fulfilled", code="not_seller")
    if order.status == "fulfilled":
        return order
    if order.status != "paid":
        raise Conflict(f"The order is {order.status}, not paid", code="order_not_paid")
    await repository.set_fulfilled(conn, order_id)
    return await get_order(conn, order_id)


async def refund_order(
    conn: Connection,
    order_id: uuid.UUID,
    amount_cents: int | None,
    actor: AuthUser | None,
    reason: str = "",
) -> RefundOut:
    """Refund a paid order through its payment provider: everything left when amount_cents is
    None. actor is the seller or an admin; None means the platform itself (a canceled seminar,
    a canceled booking). The provider's refund event then sets the order's new status."""
    order = await lock_order(conn, order_id)
    if actor is not None:
        if not _is_party(order, actor):
            raise NotFound("No such order")
        if actor.id != order.seller_id and not actor.is_admin:
            raise Forbidden("Only the seller or an admin can refund", code="not_seller")
    if order.status not in REFUNDABLE_STATUSES:
        raise Conflict(f"A {order.status} order cannot be refunded", code="order_not_refundable")
    refund = await get_gateway().refund(
        conn, order, amount_cents, actor.id if actor else None, reason
    )
    await record(
        conn,
        "order.refund_requested",
        actor_id=actor.id if actor else None,
        subject_user_id=order.buyer_id,
        object_type="order",
        object_id=str(order.id),
        meta={"amount_cents": refund.amount_cents, "refund_id": str(refund.id), "reason": reason},
    )
    return refund


async def set_checkout(
    conn: Connection,
    order_id: uuid.UUID,
    *,
    attempt: int,
    reserved_at: datetime,
    expires_at: datetime,
) -> None:
    """Record the checkout attempt in progress; the order holds until expires_at."""
    await repository.set_checkout(conn, order_id, attempt, reserved_at, expires_at)


async def flag_payment_issue(
    conn: Connection, order: Order, issue: str, meta: dict[str, Any]
) -> None:
    """A payment for the order cannot fulfil it (e.g. its amount differs from the order's):
    the order keeps its status, says why (payment_issue, in the admin's order view) and an
    audit entry (payment.amount_mismatch) tells an admin, who decides what happens to it."""
    await repository.set_payment_issue(conn, order.id, issue)
    await record(
        conn,
        "payment.amount_mismatch",
        subject_user_id=order.buyer_id,
        object_type="order",
        object_id=str(order.id),
        meta={"order_number": order.order_number, "issue": issue, **meta},
    )


async def mark_paid(conn: Connection, order_id: uuid.UUID, payment_method: str) -> bool:
    """pending -> paid, once: the kind's on_paid hook, the teacher's notification and the
    buyer's receipt. False when the order was not pending (already paid, refunded, canceled).
    The conditional UPDATE locks the order row (and waits for a concurrent change of it)."""
    row = await repository.set_paid(conn, order_id, payment_method)
    if row is None:
        return False
    paid = dict(row)
    buyer_email: str | None = paid.pop("buyer_email")
    vat_rate_bps = paid.pop("vat_rate_bps")
    order = Order(**paid)
    handler = handler_for(order.item_kind)
    await handler.on_paid(conn, order)
    if handler.fulfil_on_paid:
        await repository.set_fulfilled(conn, order_id)
    await notify(
        conn,
        order.seller_id,
        "order_paid",
        f"Ny betalning: {order.item_title}",
        f"{order.buyer_name} har betalat {format_money(order.amount_cents, order.currency)} "
        f"(order {order.order_number}).",
        link=f"/orders/{order.id}",
        data={"order_id": str(order.id), "order_number": order.order_number},
        about=order.buyer_id,
    )
    await send_receipt(conn, order, buyer_email, vat_rate_bps)
    return True


async def apply_refunded_total(conn: Connection, order_id: uuid.UUID, total_cents: int) -> bool:
    """The provider's cumulative refunded amount for the order: raises refunded_cents (never
    lowers it) and moves a paid order to partially_refunded or refunded, once per new amount."""
    await repository.lock_order(conn, order_id)
    changed = await repository.set_refunded_total(conn, order_id, total_cents)
    if changed is None:
        return False
    order = await get_order(conn, order_id)
    if order.status in ("refunded", "partially_refunded"):
        await handler_for(order.item_kind).on_refunded(conn, order, order.status == "refunded")
    await notify(
        conn,
        order.buyer_id,
        "order_refunded",
        f"Återbetalning: {order.item_title}",
        f"{format_money(order.refunded_cents, order.currency)} av "
        f"{format_money(order.amount_cents, order.currency)} har återbetalats "
        f"(order {order.order_number}).",
        link=f"/orders/{order.id}",
        data={"order_id": str(order.id), "refunded_cents": order.refunded_cents},
    )
    return True


async def expire_checkout(conn: Connection, order_id: uuid.UUID, attempt: int) -> bool:
    """The checkout of attempt `attempt` expired unpaid: a pending order whose latest attempt
    it was is canceled (an older attempt's expiry changes nothing)."""
    order = await lock_order(conn, order_id)
    if order.status != "pending" or order.checkout_attempt != attempt:
        return False
    await repository.set_canceled(conn, order_id)
    canceled = await get_order(conn, order_id)
    handler = handler_for(order.item_kind)
    await (handler.on_expired or handler.on_canceled)(conn, canceled)
    return True


async def has_paid_order_between(
    conn: Connection, buyer_id: uuid.UUID, seller_id: uuid.UUID
) -> bool:
    """Whether buyer has a paid (not fully refunded) order from seller: messaging permissions."""
    return await repository.has_paid_order_between(conn, buyer_id, seller_id)


async def paid_order_for_service(
    conn: Connection, buyer_id: uuid.UUID, service_id: uuid.UUID
) -> uuid.UUID | None:
    """The buyer's first paid order of a service (reviews need one)."""
    return await repository.has_paid_order_for_service(conn, buyer_id, service_id)


async def paid_orders_in_period(
    conn: Connection, seller_id: uuid.UUID, start: datetime, end: datetime
) -> list[Order]:
    return [Order(**dict(r)) for r in await repository.paid_in_period(conn, seller_id, start, end)]


def _require_paid(order: Order) -> None:
    if order.status not in PAID_STATUSES or order.paid_at is None:
        raise Conflict("The order has not been paid, so it has no receipt", code="order_not_paid")


async def build_receipt(conn: Connection, order: Order) -> Receipt:
    _require_paid(order)
    return Receipt(order, await get_int(conn, "vat_rate_bps"))


async def receipt_pdf(conn: Connection, order_id: uuid.UUID, viewer: AuthUser) -> Receipt:
    return await build_receipt(conn, await get_visible_order(conn, order_id, viewer))


async def send_receipt(
    conn: Connection, order: Order, email: str | None, vat_rate_bps: Any
) -> None:
    """Mail the buyer (at `email`) the receipt, at the VAT setting that set_paid read with the
    payment (`vat_rate_bps`). The outbox row holds what the PDF shows, and the mail worker
    renders the PDF when it delivers the message (app.orders.receipts), so paying only writes
    rows."""
    if email is None:
        return
    _require_paid(order)
    receipt = Receipt(order, int_value("vat_rate_bps", vat_rate_bps))
    await queue_mail(
        conn,
        to=email,
        subject=f"Kvitto för order {order.order_number}: {order.item_title}"[:300],
        body=mail_text(receipt),
        user_id=order.buyer_id,
        kind="receipt",
        attachments=[receipt_attachment(receipt)],
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    """Orders the user bought or sold."""
    return {"service_orders": await repository.export_rows(conn, user_id)}


async def erasure_blockers(conn: Connection, user_id: uuid.UUID) -> list[str]:
    """Paid sales not yet delivered must be fulfilled or refunded before the seller goes."""
    open_sales = await repository.count_unfulfilled_sales(conn, user_id)
    return (
        [f"{open_sales} paid order(s) to deliver: fulfil or refund them first"]
        if open_sales
        else []
    )


async def pseudonymise_user_orders(conn: Connection, user_id: uuid.UUID) -> list[uuid.UUID]:
    """Keep the user's orders (bought or sold) as accounting records without free text, with
    retain_until set; returns their ids (payments pseudonymises its rows of them)."""
    return await repository.pseudonymise_of_party(conn, user_id)


async def expired_retained_orders(conn: Connection, today: date) -> list[uuid.UUID]:
    """Pseudonymised orders whose retention ended before `today` (purge-retained)."""
    return await repository.expired_retained_ids(conn, today)


async def delete_orders(conn: Connection, order_ids: list[uuid.UUID]) -> int:
    """Delete orders whose payments, refunds and bookings are already gone."""
    return await repository.delete_many(conn, order_ids) if order_ids else 0
