"""LiveKit: access tokens for a seminar's room, and the webhook LiveKit sends about rooms.

Tokens are minted locally with the official SDK (no call to LiveKit), so joining works whatever
LiveKit's state; who may join and when is decided by app.seminars. Webhooks are verified with the
SDK's WebhookReceiver: a JWT signed with the API secret whose sha256 claim is the body's hash.
"""

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import jwt
from google.protobuf.json_format import ParseError
from livekit.api import AccessToken, TokenVerifier, VideoGrants, WebhookEvent, WebhookReceiver

from app.config import Settings
from app.db import Connection
from app.errors import BadRequest, Unauthorized
from app.security import AuthUser
from app.seminars import service as seminars
from app.sfu.schemas import TokenOut

log = logging.getLogger("wisdom.sfu")
# Only what the room page and attendance need; other events (tracks, egress) are acknowledged.
# The newest createdAt (Unix seconds) an event may carry: the last day PostgreSQL's timestamptz
# and Python's datetime both hold.
CREATED_AT_MAX = int(datetime(9999, 12, 31, tzinfo=UTC).timestamp())
HANDLED_EVENTS = ("room_started", "room_finished", "participant_joined", "participant_left")


def _video_grants(grant: seminars.JoinGrant) -> VideoGrants:
    if grant.role == "host":
        return VideoGrants(
            room_join=True,
            room=grant.room,
            room_admin=True,
            can_publish=True,
            can_subscribe=True,
            can_publish_data=True,
        )
    # Attendees listen and watch; they speak (microphone only) when the seminar allows it.
    return VideoGrants(
        room_join=True,
        room=grant.room,
        can_subscribe=True,
        can_publish=grant.may_speak,
        can_publish_sources=["microphone"] if grant.may_speak else None,
        can_publish_data=False,
        can_update_own_metadata=False,
    )


def room_page_link(settings: Settings, token: str, title: str) -> str:
    fragment = urlencode({"url": settings.livekit_url, "token": token, "name": title})
    return f"{settings.room_page_url}#{fragment}"


async def issue_token(
    conn: Connection,
    settings: Settings,
    user: AuthUser,
    seminar_id: uuid.UUID,
    now: datetime | None = None,
) -> TokenOut:
    grant = await seminars.join_grant(
        conn,
        user,
        seminar_id,
        early=timedelta(minutes=settings.sfu_join_early_minutes),
        now=now,
    )
    token = (
        AccessToken(settings.livekit_api_key, settings.livekit_api_secret)
        .with_identity(str(user.id))
        .with_name(user.display_name)
        .with_ttl(timedelta(minutes=settings.sfu_token_ttl_minutes))
        .with_grants(_video_grants(grant))
        # The room page finds the host by this marker (attributes, or metadata on older servers).
        .with_attributes({"role": grant.role})
        .with_metadata(json.dumps({"role": grant.role, "seminar_id": str(seminar_id)}))
        .to_jwt()
    )
    expires = jwt.decode(token, options={"verify_signature": False})["exp"]
    return TokenOut(
        ws_url=settings.livekit_url,
        token=token,
        room=grant.room,
        identity=str(user.id),
        name=user.display_name,
        role="host" if grant.role == "host" else "attendee",
        can_publish=grant.may_speak,
        expires_at=datetime.fromtimestamp(expires, UTC),
        room_page_url=room_page_link(settings, token, grant.title),
    )


def verify_webhook(settings: Settings, body: bytes, authorization: str | None) -> WebhookEvent:
    """The event, when the Authorization JWT is LiveKit's signature of exactly this body."""
    if not authorization:
        raise Unauthorized("Missing webhook signature", code="invalid_signature")
    token = authorization.removeprefix("Bearer ").strip()
    receiver = WebhookReceiver(TokenVerifier(settings.livekit_api_key, settings.livekit_api_secret))
    try:
        event = receiver.receive(body.decode("utf-8"), token)
    except ParseError as exc:
        raise BadRequest("The webhook body is not a LiveKit event", code="invalid_event") from exc
    except Exception as exc:
        # The SDK raises plain Exception for a hash mismatch, PyJWTError for a bad token.
        raise Unauthorized("Invalid webhook signature", code="invalid_signature") from exc
    if not 0 <= event.created_at <= CREATED_AT_MAX:  # signed, but no moment a datetime holds
        raise BadRequest("The event's createdAt is out of range", code="invalid_event")
    return event


@dataclass(frozen=True)
class _Target:
    seminar_id: uuid.UUID
    at: datetime


def _target(event: WebhookEvent) -> _Target | None:
    seminar_id = seminars.seminar_id_of_room(event.room.name)
    if seminar_id is None:
        return None
    at = datetime.fromtimestamp(event.created_at, UTC) if event.created_at else datetime.now(UTC)
    return _Target(seminar_id, at)


def _participant(event: WebhookEvent) -> uuid.UUID | None:
    try:
        return uuid.UUID(event.participant.identity)
    except ValueError:
        return None


async def handle_event(conn: Connection, event: WebhookEvent) -> bool:
    """Apply a verified event; False when it concerns nothing of ours (another room, a
    participant who is not a seated attendee, an event type we do not track)."""
    target = _target(event)
    if event.event not in HANDLED_EVENTS or target is None:
        return False
    if event.event == "room_started":
        await seminars.room_started(conn, target.seminar_id)
        return True
    if event.event == "room_finished":
        await seminars.room_finished(conn, target.seminar_id, target.at)
        return True
    user_id = _participant(event)
    if user_id is None:
        return False
    if event.event == "participant_joined":
        return await seminars.participant_joined(conn, target.seminar_id, user_id, target.at)
    return await seminars.participant_left(conn, target.seminar_id, user_id, target.at)
