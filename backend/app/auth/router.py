"""Sign-in endpoints: /auth/register, /auth/login, /auth/refresh, /auth/logout(-all) and the
password endpoints."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response

from app.auth import service
from app.auth.schemas import (
    Accepted,
    LoginRequest,
    LogoutRequest,
    PasswordChangeRequest,
    PasswordForgotRequest,
    PasswordResetRequest,
    RefreshRequest,
    RegisterRequest,
    TokenResponse,
)
from app.db import Conn
from app.errors import AppError, error_response
from app.ratelimit import RateLimiter, client_ip, get_rate_limiter
from app.responses import JSONResponse
from app.security import AppSettings, CurrentUser, OptionalUser

router = APIRouter(prefix="/auth", tags=["auth"])
Limiter = Annotated[RateLimiter, Depends(get_rate_limiter)]


async def get_client(request: Request) -> service.Client:
    return service.Client(
        ip=client_ip(request), user_agent=request.headers.get("user-agent", "")[:300]
    )


ClientInfo = Annotated[service.Client, Depends(get_client)]
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Invalid credentials or token"},
    429: {"description": "Rate limited"},
}


def _answer(result: TokenResponse | AppError) -> TokenResponse | JSONResponse:
    return error_response(result) if isinstance(result, AppError) else result


@router.post("/register", status_code=201, response_model=TokenResponse, responses=ERRORS)
async def register(
    body: RegisterRequest, conn: Conn, settings: AppSettings, limiter: Limiter, client: ClientInfo
) -> TokenResponse:
    return await service.register(
        conn,
        settings,
        limiter,
        client,
        email=str(body.email),
        password=body.password,
        display_name=body.display_name,
    )


@router.post("/login", response_model=TokenResponse, responses=ERRORS)
async def login(
    body: LoginRequest, conn: Conn, settings: AppSettings, limiter: Limiter, client: ClientInfo
) -> TokenResponse | JSONResponse:
    result = await service.login(
        conn, settings, limiter, client, email=str(body.email), password=body.password
    )
    return _answer(result)


@router.post("/refresh", response_model=TokenResponse, responses=ERRORS)
async def refresh(
    body: RefreshRequest, conn: Conn, settings: AppSettings, client: ClientInfo
) -> TokenResponse | JSONResponse:
    return _answer(await service.refresh(conn, settings, client, body.refresh_token))


@router.post("/logout", status_code=204, response_class=Response, responses=ERRORS)
async def logout(
    conn: Conn, user: OptionalUser, client: ClientInfo, body: LogoutRequest | None = None
) -> Response:
    await service.logout(conn, user, client, body.refresh_token if body else None)
    return Response(status_code=204)


@router.post("/logout-all", status_code=204, response_class=Response, responses=ERRORS)
async def logout_all(conn: Conn, user: CurrentUser, client: ClientInfo) -> Response:
    await service.logout_all(conn, user, client)
    return Response(status_code=204)


@router.post("/password/change", status_code=204, response_class=Response, responses=ERRORS)
async def change_password(
    body: PasswordChangeRequest,
    conn: Conn,
    settings: AppSettings,
    limiter: Limiter,
    user: CurrentUser,
    client: ClientInfo,
) -> Response:
    await service.change_password(
        conn,
        settings,
        limiter,
        user,
        client,
        current_password=body.current_password,
        new_password=body.new_password,
    )
    return Response(status_code=204)


@router.post("/password/forgot", status_code=202, response_model=Accepted, responses=ERRORS)
async def forgot_password(
    body: PasswordForgotRequest,
    conn: Conn,
    settings: AppSettings,
    limiter: Limiter,
    client: ClientInfo,
) -> Accepted:
    await service.request_password_reset(conn, settings, limiter, client, str(body.email))
    return Accepted(
        detail="If the address belongs to an account, a reset link is on its way "
        f"(valid {settings.password_reset_minutes} minutes)"
    )


@router.post("/password/reset", status_code=204, response_class=Response, responses=ERRORS)
async def reset_password(
    body: PasswordResetRequest,
    conn: Conn,
    settings: AppSettings,
    limiter: Limiter,
    client: ClientInfo,
) -> Response:
    await service.reset_password(
        conn, settings, limiter, client, token=body.token, new_password=body.new_password
    )
    return Response(status_code=204)
