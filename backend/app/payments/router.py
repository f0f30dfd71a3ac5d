"""Payments: Checkout sessions, provider webhooks, the dummy provider's checkout page."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from app.db import Conn
from app.errors import NotFound, error_body
from app.htmlpages import HTMLPage
from app.payments import pages, service, webhooks
from app.payments.providers import active_provider
from app.payments.schemas import CheckoutCreate, CheckoutOut, PaymentOut, WebhookAck
from app.responses import JSONResponse
from app.security import AppSettings, CurrentUser

router = APIRouter(tags=["payments"])


@router.post(
    "/payments/stripe/create-session",
    response_model=CheckoutOut,
    responses={502: {"description": "The provider did not answer; retry the same call"}},
)
async def create_session(
    body: CheckoutCreate, conn: Conn, buyer: CurrentUser, settings: AppSettings
) -> CheckoutOut | Response:
    try:
        return await service.create_checkout(conn, settings, buyer, body.order_id)
    except service.CheckoutInterrupted as exc:
        # Returning (not raising) commits the attempt recorded on the order, so a retry sends
        # the provider the very same request and idempotency key.
        error = exc.error
        return JSONResponse(
            error_body(error.code, error.message),
            status_code=error.status_code,
            headers=error.headers,
        )


@router.post("/webhooks/stripe", response_model=WebhookAck)
async def stripe_webhook(
    request: Request,
    conn: Conn,
    settings: AppSettings,
    stripe_signature: Annotated[str | None, Header()] = None,
) -> WebhookAck:
    payload = await request.body()
    return await webhooks.receive(
        conn, settings, active_provider(settings), payload, stripe_signature
    )


@router.get("/orders/{order_id}/payments", response_model=list[PaymentOut])
async def order_payments(order_id: uuid.UUID, conn: Conn, user: CurrentUser) -> list[PaymentOut]:
    rows = await service.payments_of_order(conn, order_id, user)
    return [PaymentOut(**dict(r)) for r in rows]


def _require_dummy(settings: AppSettings) -> None:
    if settings.active_payment_provider != "dummy":
        raise NotFound("The dummy payment provider is not active")


@router.get("/payments/dummy/checkout/{session_id}", response_class=HTMLResponse)
async def dummy_checkout(session_id: str, conn: Conn, settings: AppSettings) -> HTMLResponse:
    _require_dummy(settings)
    payment = await service.dummy_payment(conn, session_id)
    if payment["status"] != "pending":
        done = payment["status"] in ("succeeded", "partially_refunded", "refunded")
        return HTMLPage(
            pages.message_page(
                "Redan betald" if done else "Betalningen är avslutad",
                "Den här betalningen är redan genomförd."
                if done
                else "Den här betalningen kan inte längre genomföras.",
            ),
            status_code=status.HTTP_409_CONFLICT,
        )
    return HTMLPage(
        pages.dummy_checkout_page(
            session_id=session_id,
            title=payment["meta"].get("title", ""),
            amount_cents=payment["amount_cents"],
            currency=payment["currency"],
            cancel_url=payment["meta"].get("cancel_url", "/"),
        ),
        # The form posts here; that post redirects to the success page.
        form_action=[str(payment["meta"].get("success_url", ""))],
    )


@router.post("/payments/dummy/checkout/{session_id}/pay", response_class=RedirectResponse)
async def dummy_pay(session_id: str, conn: Conn, settings: AppSettings) -> Response:
    _require_dummy(settings)
    payment = await service.dummy_payment(conn, session_id)
    await webhooks.deliver_dummy_payment(conn, settings, payment)
    success = str(payment["meta"].get("success_url", "/payments/checkout/success"))
    return RedirectResponse(
        success.replace("{CHECKOUT_SESSION_ID}", session_id),
        status_code=status.HTTP_303_SEE_OTHER,
    )


@router.get("/payments/checkout/success", response_class=HTMLResponse)
async def checkout_success() -> HTMLResponse:
    return HTMLPage(
        pages.message_page(
            "Tack för ditt köp!",
            "Betalningen är mottagen. Kvittot kommer med e-post; du kan stänga den här sidan.",
        )
    )


@router.get("/payments/checkout/canceled", response_class=HTMLResponse)
async def checkout_canceled(
    conn: Conn,
    settings: AppSettings,
    order_id: uuid.UUID | None = None,
    attempt: int = 0,
    release: str = "",
) -> HTMLResponse:
    """Where the checkout's "Avbryt" leads. With the signed parameters the API put in the link,
    the order is released at once (canceled, its seat or time free), so the buyer can try again
    right away instead of waiting for the checkout to expire."""
    if order_id is not None and release:
        async with conn.transaction():
            await service.release_checkout(conn, settings, order_id, attempt, release)
    return HTMLPage(
        pages.message_page(
            "Betalningen avbröts",
            "Ingenting har dragits. Du kan gå tillbaka till appen och försöka igen.",
        )
    )
