"""Teacher payouts: Stripe Connect onboarding, status and the monthly statement."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, status
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from app.db import Conn
from app.errors import NotFound
from app.htmlpages import HTMLPage
from app.payments import pages, payouts, webhooks
from app.payments.schemas import OnboardingLink, PayoutStatus, Statement
from app.security import AppSettings, TeacherUser

router = APIRouter(tags=["payouts"])


@router.post("/payouts/stripe/onboard", response_model=OnboardingLink)
async def onboard(conn: Conn, teacher: TeacherUser, settings: AppSettings) -> OnboardingLink:
    return await payouts.onboarding_link(conn, settings, teacher)


@router.get("/payouts/status", response_model=PayoutStatus)
async def payout_status(conn: Conn, teacher: TeacherUser) -> PayoutStatus:
    return await payouts.payout_status(conn, teacher)


@router.get(
    "/payouts/statement",
    response_model=Statement,
    responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with format=csv"}},
)
async def statement(
    conn: Conn,
    teacher: TeacherUser,
    month: Annotated[str, Query(pattern=r"^\d{4}-\d{2}$", examples=["2026-11"])],
    format: Literal["json", "csv"] = "json",
) -> Statement | Response:
    result = await payouts.statement(conn, teacher, month)
    if format == "csv":
        return Response(
            payouts.statement_csv(result),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="utbetalningar-{month}.csv"'},
        )
    return result


@router.get("/payouts/dummy/onboard/{account_id}", response_class=HTMLResponse)
async def dummy_onboarding(account_id: str, settings: AppSettings) -> HTMLResponse:
    if settings.active_payment_provider != "dummy" or not account_id.startswith("acct_dummy_"):
        raise NotFound("The dummy payment provider is not active")
    return HTMLPage(
        pages.dummy_onboarding_page(account_id, settings.payouts_refresh_url),
        form_action=[settings.payouts_return_url],  # where the form's post redirects
    )


@router.post("/payouts/dummy/onboard/{account_id}/complete", response_class=RedirectResponse)
async def dummy_onboarding_complete(account_id: str, conn: Conn, settings: AppSettings) -> Response:
    if settings.active_payment_provider != "dummy" or not account_id.startswith("acct_dummy_"):
        raise NotFound("The dummy payment provider is not active")
    ack = await webhooks.deliver_dummy_account(conn, settings, account_id)
    if ack.outcome == "unmatched":
        raise NotFound("No such payout account")
    return RedirectResponse(settings.payouts_return_url, status_code=status.HTTP_303_SEE_OTHER)


@router.get("/payouts/onboarding/done", response_class=HTMLResponse)
async def onboarding_done() -> HTMLResponse:
    return HTMLPage(
        pages.message_page(
            "Tack!", "Uppgifterna är skickade. Status för utbetalningar syns i appen."
        )
    )


@router.get("/payouts/onboarding/refresh", response_class=HTMLResponse)
async def onboarding_refresh() -> HTMLResponse:
    return HTMLPage(
        pages.message_page(
            "Länken har gått ut", "Öppna utbetalningar i appen igen för att få en ny länk."
        )
    )
