"""GET /feed (newest first, keyset pages) and GET /feed/stream (Server-Sent Events)."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.db import Conn
from app.feed import service
from app.feed.broker import FeedBroker
from app.feed.schemas import FeedPage
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.publiccache import asks_fresh
from app.responses import RawJSONResponse
from app.security import AppSettings, AuthUser, OptionalUser, authenticate, decode_access_token

router = APIRouter(tags=["feed"])
_bearer = HTTPBearer(auto_error=False, description="Access token from POST /auth/login")


@dataclass(frozen=True)
class StreamAuth:
    user: AuthUser | None
    expires_at: float | None  # the access token's exp: the stream ends then


async def stream_auth(
    request: Request,
    conn: Conn,
    settings: AppSettings,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    access_token: Annotated[
        str | None,
        Query(description="The access token, for EventSource clients that cannot send headers"),
    ] = None,
) -> StreamAuth:
    token = credentials.credentials if credentials else access_token
    if not token:
        return StreamAuth(None, None)
    user = await authenticate(conn, settings, token, request.app.state.auth_cache)
    return StreamAuth(user, float(decode_access_token(settings, token)["exp"]))


@router.get("/feed", response_model=FeedPage, response_class=RawJSONResponse)
async def get_feed(
    request: Request,
    conn: Conn,
    viewer: OptionalUser,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> RawJSONResponse:
    fresh = asks_fresh(request.headers.get("cache-control", ""))
    cache = None if fresh else request.app.state.feed_cache
    return RawJSONResponse(await service.feed_page_json(conn, viewer, cursor, limit, cache))


@router.get(
    "/feed/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "Server-Sent Events"}},
)
async def feed_stream(
    request: Request,
    auth: Annotated[StreamAuth, Depends(stream_auth)],
    settings: AppSettings,
    last_event_id_header: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
    last_event_id: Annotated[
        str | None, Query(description="Same as the Last-Event-ID header, for a new EventSource")
    ] = None,
) -> StreamingResponse:
    after = service.parse_last_event_id(last_event_id_header or last_event_id)
    broker: FeedBroker = request.app.state.feed_broker
    body = service.event_stream(
        broker, auth.user, after, settings.feed_heartbeat_seconds, auth.expires_at
    )
    return StreamingResponse(
        body,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
