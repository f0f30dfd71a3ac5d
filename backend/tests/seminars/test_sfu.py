"""POST /sfu/token (LiveKit access tokens, read back with the SDK's TokenVerifier) and
POST /webhooks/livekit (signed exactly as LiveKit signs, verified on the raw body)."""

import base64
import hashlib
import time
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import asyncpg
import httpx
import pytest
from google.protobuf.json_format import MessageToJson
from livekit.api import AccessToken, ParticipantInfo, Room, TokenVerifier, WebhookEvent

from app.orders import service as orders_service
from app.security import AuthUser
from tests.conftest import Account, MakeUser
from tests.seminars.helpers import create_seminar, move_seminar, register

# What the API uses without LIVEKIT_* settings: the `livekit-server --dev` defaults (whose
# 6-byte secret PyJWT warns about).
DEV_KEY, DEV_SECRET, DEV_URL = "devkey", "secret", "ws://127.0.0.1:7880"
OTHER_SECRET = "another-secret-of-at-least-thirty-two-bytes"
pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")


async def token_for(client: httpx.AsyncClient, seminar_id: str, user: Account) -> httpx.Response:
    return await client.post("/sfu/token", json={"seminar_id": seminar_id}, headers=user.headers)


async def test_the_host_gets_a_publishing_admin_token(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    host = await make_user("teacher", display_name="Astrid Lind")
    seminar = await create_seminar(client, host, starts_in=timedelta(minutes=10))
    before = int(time.time())
    r = await token_for(client, seminar["id"], host)
    assert r.status_code == 200, r.text
    body = r.json()
    room = f"seminar-{seminar['id']}"
    assert (body["ws_url"], body["room"], body["identity"], body["role"]) == (
        DEV_URL,
        room,
        str(host.id),
        "host",
    )

    claims = TokenVerifier(DEV_KEY, DEV_SECRET).verify(body["token"])
    assert claims.identity == str(host.id)
    assert claims.name == "Astrid Lind"
    assert claims.attributes == {"role": "host"}
    video = claims.video
    assert video is not None
    assert (video.room, video.room_join, video.room_admin) == (room, True, True)
    assert (video.can_publish, video.can_subscribe, video.can_publish_data) == (True, True, True)
    assert video.can_publish_sources is None  # every source: camera, microphone, screen

    exp = datetime.fromisoformat(body["expires_at"]).timestamp()
    assert before + 14 * 60 <= exp <= time.time() + 15 * 60
    # Signed with another secret, the same token is refused.
    with pytest.raises(Exception, match="Signature"):
        TokenVerifier(DEV_KEY, OTHER_SECRET).verify(body["token"])

    link = urlsplit(body["room_page_url"])
    assert f"{link.scheme}://{link.netloc}{link.path}" == "http://127.0.0.1:3000/room"
    assert link.query == ""  # everything travels in the fragment, never sent to a server
    fragment = parse_qs(link.fragment)
    assert fragment == {"url": [DEV_URL], "token": [body["token"]], "name": ["Fullmånemeditation"]}


@pytest.mark.parametrize("allow_speaking", [False, True])
async def test_an_attendee_subscribes_and_speaks_only_when_allowed(
    client: httpx.AsyncClient, make_user: MakeUser, allow_speaking: bool
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(
        client, host, starts_in=timedelta(minutes=14), allow_speaking=allow_speaking
    )
    student = await make_user("student", display_name="Maja Berg")
    await register(client, seminar["id"], student)
    r = await token_for(client, seminar["id"], student)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["identity"], body["name"], body["role"]) == (
        str(student.id),
        "Maja Berg",
        "attendee",
    )
    assert body["can_publish"] is allow_speaking

    claims = TokenVerifier(DEV_KEY, DEV_SECRET).verify(body["token"])
    assert (claims.identity, claims.name) == (str(student.id), "Maja Berg")
    video = claims.video
    assert video is not None
    assert (video.room, video.room_join, video.can_subscribe) == (
        f"seminar-{seminar['id']}",
        True,
        True,
    )
    assert not video.room_admin
    assert video.can_publish is allow_speaking
    assert video.can_publish_sources == (["microphone"] if allow_speaking else None)
    assert video.can_publish_data is False
    assert datetime.fromtimestamp(
        int(datetime.fromisoformat(body["expires_at"]).timestamp()), UTC
    ) <= datetime.now(UTC) + timedelta(minutes=15)


async def test_strangers_and_unpaid_buyers_get_403(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host, starts_in=timedelta(minutes=5), price_cents=15000)
    assert (await client.post("/sfu/token", json={"seminar_id": seminar["id"]})).status_code == 401

    stranger = await make_user("student")
    r = await token_for(client, seminar["id"], stranger)
    assert r.status_code == 403
    assert r.json()["error"] == "not_seated"

    # An order created but never paid gives no seat, so no token.
    buyer = await make_user("student")
    order = await orders_service.create_order(
        db,
        AuthUser(buyer.id, "student", buyer.email, buyer.display_name),
        "seminar",
        uuid.UUID(seminar["id"]),
    )
    assert order.status == "pending"
    r = await token_for(client, seminar["id"], buyer)
    assert r.status_code == 403
    assert r.json()["error"] == "not_seated"

    r = await client.post(
        "/sfu/token", json={"seminar_id": str(uuid.uuid4())}, headers=host.headers
    )
    assert r.status_code == 404
    r = await client.post("/sfu/token", json={"seminar_id": "nej"}, headers=host.headers)
    assert r.status_code == 422


async def test_tokens_only_from_fifteen_minutes_before_until_the_end(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host, starts_in=timedelta(hours=1))
    student = await make_user("student")
    await register(client, seminar["id"], student)

    for user in (host, student):
        r = await token_for(client, seminar["id"], user)
        assert r.status_code == 403
        assert r.json()["error"] == "room_not_open"
        opens_at = datetime.fromisoformat(r.json()["opens_at"])
        starts_at = datetime.fromisoformat(seminar["starts_at"])
        assert starts_at - opens_at == timedelta(minutes=15)

    await move_seminar(db, seminar["id"], -timedelta(minutes=30), minutes=60)  # under way
    assert (await token_for(client, seminar["id"], student)).status_code == 200
    await move_seminar(db, seminar["id"], -timedelta(minutes=61), minutes=60)  # over
    for user in (host, student):
        r = await token_for(client, seminar["id"], user)
        assert r.status_code == 403
        assert r.json()["error"] == "seminar_ended"

    canceled = await create_seminar(client, host, starts_in=timedelta(minutes=5))
    await client.post(f"/seminars/{canceled['id']}/cancel", headers=host.headers)
    r = await token_for(client, canceled["id"], host)
    assert r.status_code == 403
    assert r.json()["error"] == "seminar_canceled"


# --- webhooks ------------------------------------------------------------------------------------


def sign(body: bytes, secret: str = DEV_SECRET) -> str:
    """What LiveKit puts in Authorization: a JWT by the API key/secret with the body's sha256."""
    digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
    return AccessToken(DEV_KEY, secret).with_sha256(digest).with_ttl(timedelta(minutes=5)).to_jwt()


def event_body(kind: str, room: str, identity: str = "", at: datetime | None = None) -> bytes:
    event = WebhookEvent(
        event=kind,
        room=Room(name=room, sid="RM_test"),
        id=f"EV_{uuid.uuid4().hex[:12]}",
        created_at=int((at or datetime.now(UTC)).timestamp()),
    )
    if identity:
        event.participant.CopyFrom(ParticipantInfo(identity=identity, name="Maja"))
    return MessageToJson(event).encode()


async def send(client: httpx.AsyncClient, body: bytes, authorization: str | None) -> httpx.Response:
    headers = {"Content-Type": "application/webhook+json"}
    if authorization is not None:
        headers["Authorization"] = authorization
    return await client.post("/webhooks/livekit", content=body, headers=headers)


async def test_webhooks_without_a_valid_signature_get_401(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(client, await make_user("teacher"))
    body = event_body("room_started", f"seminar-{seminar['id']}")
    assert (await send(client, body, None)).status_code == 401
    assert (await send(client, body, "not-a-jwt")).status_code == 401
    r = await send(client, body, sign(body, secret=OTHER_SECRET))
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_signature"
    # The signature of one body does not cover another.
    altered = body.replace(b"room_started", b"room_finished")
    assert (await send(client, altered, sign(body))).status_code == 401
    assert (await send(client, body + b" ", sign(body))).status_code == 401
    assert (
        await db.fetchval("SELECT status FROM app.seminars WHERE id = $1", uuid.UUID(seminar["id"]))
        == "scheduled"
    )

    r = await send(client, body, sign(body))
    assert r.status_code == 200
    assert r.json() == {"event": "room_started", "handled": True}
    assert (
        await db.fetchval("SELECT status FROM app.seminars WHERE id = $1", uuid.UUID(seminar["id"]))
        == "live"
    )


async def test_participants_joining_and_leaving_are_recorded(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host)
    student = await make_user("student")
    await register(client, seminar["id"], student)
    room = f"seminar-{seminar['id']}"
    joined = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=30)
    left = joined + timedelta(minutes=25)

    body = event_body("participant_joined", room, str(student.id), joined)
    r = await send(client, body, f"Bearer {sign(body)}")  # with or without "Bearer "
    assert r.status_code == 200
    assert r.json()["handled"] is True
    body = event_body("participant_left", room, str(student.id), left)
    assert (await send(client, body, sign(body))).status_code == 200
    # A late duplicate of the join changes nothing.
    body = event_body("participant_joined", room, str(student.id), joined)
    assert (await send(client, body, sign(body))).status_code == 200
    seat = await db.fetchrow(
        "SELECT joined_at, left_at FROM app.seminar_attendees WHERE user_id = $1", student.id
    )
    assert (seat["joined_at"], seat["left_at"]) == (joined, left)

    r = await client.get(f"/seminars/{seminar['id']}/attendees", headers=host.headers)
    item = r.json()["items"][0]
    assert datetime.fromisoformat(item["joined_at"]) == joined
    assert datetime.fromisoformat(item["left_at"]) == left

    # Someone without a seat (the host, a stranger) and other rooms are acknowledged, not stored.
    for identity, room_name in ((str(host.id), room), (str(student.id), "lobby")):
        body = event_body("participant_joined", room_name, identity)
        r = await send(client, body, sign(body))
        assert r.status_code == 200
        assert r.json()["handled"] is False


async def test_room_events_set_the_seminar_live_and_ended(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    seminar = await create_seminar(
        client, await make_user("teacher"), starts_in=timedelta(minutes=10)
    )
    room = f"seminar-{seminar['id']}"
    seminar_id = uuid.UUID(seminar["id"])

    async def status() -> str:
        value: str = await db.fetchval("SELECT status FROM app.seminars WHERE id = $1", seminar_id)
        return value

    for kind in ("room_started", "room_finished"):
        body = event_body(kind, room)
        assert (await send(client, body, sign(body))).status_code == 200
    # The host tried the room before the start: closing it then is no end of the seminar.
    assert await status() == "scheduled"

    await move_seminar(db, seminar["id"], -timedelta(minutes=5))
    body = event_body("room_started", room)
    await send(client, body, sign(body))
    assert await status() == "live"
    assert (await client.get(f"/seminars/{seminar['id']}")).json()["status"] == "live"
    body = event_body("room_finished", room)
    await send(client, body, sign(body))
    assert await status() == "ended"
    # A late room_started does not bring an ended seminar back.
    body = event_body("room_started", room)
    await send(client, body, sign(body))
    assert await status() == "ended"
    body = event_body("track_published", room)
    r = await send(client, body, sign(body))
    assert r.json() == {"event": "track_published", "handled": False}
