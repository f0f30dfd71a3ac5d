"""Orders: buy, look at, cancel, fulfil and refund; the receipt as PDF."""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from app.db import Conn
from app.orders import service
from app.orders.receipts import render_pdf
from app.orders.schemas import Order, OrderCreate, OrderPage, OrderStatus, RefundCreate, RefundOut
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.security import AdminUser, AppSettings, CurrentUser

router = APIRouter(tags=["orders"])


@router.post("/orders", response_model=Order, status_code=status.HTTP_201_CREATED)
async def create_order(
    body: OrderCreate, conn: Conn, buyer: CurrentUser, settings: AppSettings
) -> Order:
    return await service.create_order(
        conn,
        buyer,
        body.item_kind,
        body.item_id,
        body.note,
        hold_minutes=settings.checkout_expires_minutes,
        slot_start=body.slot_start,
    )


@router.get("/orders", response_model=OrderPage)
async def list_orders(
    conn: Conn,
    user: CurrentUser,
    role: Literal["buyer", "seller"] = "buyer",
    status: OrderStatus | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> OrderPage:
    return await service.list_orders(conn, user, role, status, cursor, limit)


@router.get("/admin/orders", response_model=OrderPage)
async def search_orders(
    conn: Conn,
    _: AdminUser,
    q: Annotated[
        str | None,
        Query(max_length=100, description="an order number, or text in names, e-mails, titles"),
    ] = None,
    buyer_id: uuid.UUID | None = None,
    seller_id: uuid.UUID | None = None,
    status: OrderStatus | None = None,
    flagged: Annotated[
        bool | None,
        Query(description="true: only orders whose payment waits for an admin (payment_issue)"),
    ] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> OrderPage:
    return await service.search_orders(
        conn,
        query=q,
        buyer_id=buyer_id,
        seller_id=seller_id,
        status=status,
        cursor=cursor,
        limit=limit,
        flagged=flagged,
    )


@router.get("/orders/{order_id}", response_model=Order)
async def get_order(order_id: uuid.UUID, conn: Conn, user: CurrentUser) -> Order:
    return await service.get_visible_order(conn, order_id, user)


@router.post("/orders/{order_id}/cancel", response_model=Order)
async def cancel_order(order_id: uuid.UUID, conn: Conn, user: CurrentUser) -> Order:
    return await service.cancel_order(conn, order_id, user)


@router.post("/orders/{order_id}/fulfil", response_model=Order)
async def fulfil_order(order_id: uuid.UUID, conn: Conn, user: CurrentUser) -> Order:
    return await service.fulfil_order(conn, order_id, user)


@router.post(
    "/orders/{order_id}/refund", response_model=RefundOut, status_code=status.HTTP_202_ACCEPTED
)
async def refund_order(
    order_id: uuid.UUID, conn: Conn, user: CurrentUser, body: RefundCreate | None = None
) -> RefundOut:
    body = body or RefundCreate()
    return await service.refund_order(conn, order_id, body.amount_cents, user, body.reason)


@router.get(
    "/orders/{order_id}/receipt",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The receipt as PDF"}},
)
async def receipt(order_id: uuid.UUID, conn: Conn, user: CurrentUser) -> Response:
    receipt = await service.receipt_pdf(conn, order_id, user)
    return Response(
        render_pdf(receipt),
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{receipt.filename}"'},
    )
