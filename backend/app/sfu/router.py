"""LiveKit: POST /sfu/token (join a seminar's room) and POST /webhooks/livekit."""

from typing import Annotated

from fastapi import APIRouter, Header, Request

from app.db import Conn
from app.security import AppSettings, CurrentUser
from app.sfu import service
from app.sfu.schemas import TokenOut, TokenRequest, WebhookAck

router = APIRouter(tags=["sfu"])


@router.post("/sfu/token", response_model=TokenOut)
async def sfu_token(
    body: TokenRequest, conn: Conn, user: CurrentUser, settings: AppSettings
) -> TokenOut:
    return await service.issue_token(conn, settings, user, body.seminar_id)


@router.post("/webhooks/livekit", response_model=WebhookAck)
async def livekit_webhook(
    request: Request,
    conn: Conn,
    settings: AppSettings,
    authorization: Annotated[str | None, Header()] = None,
) -> WebhookAck:
    """Signed by LiveKit (Authorization: a JWT over the body's sha256); 401 otherwise."""
    event = service.verify_webhook(settings, await request.body(), authorization)
    return WebhookAck(event=event.event, handled=await service.handle_event(conn, event))
