"""Hostile values in every parameter and body field, and in signed provider events (`make fuzz`).

For each role and each operation of the OpenAPI document, every path and query parameter and
every field of the JSON or multipart body (nested ones included) is sent, one at a time, as NUL
characters, numbers past PostgreSQL's integer/bigint/numeric ranges, dates at year 1 or 9999
with offsets, whitespace-only text and number- or date-like text (tests/fuzz/hostile.py); the
rest of the request is valid and names real objects of the seeded database. Then every field of
signed Stripe (dummy provider) and LiveKit events gets the same treatment. Not one answer may be
a 5xx; a failure lists each request as a curl command with the answer's first bytes.
"""

import base64
import hashlib
import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from livekit.api import AccessToken

from app.payments.webhooks import signature_header
from tests.fuzz.conftest import DUMMY_WEBHOOK_SECRET, ROLES, count
from tests.fuzz.hostile import (
    DATETIMES,
    INTEGERS,
    NUL_STRINGS,
    TEXT_LOOKALIKES,
    WHITESPACE,
    Document,
    Request,
    requests_for,
)

# The operations that would end the role's own account or session for the rest of the run.
EXCLUDED = {("DELETE", "/me"), ("POST", "/auth/logout"), ("POST", "/auth/logout-all")}
STREAMS = {("GET", "/feed/stream")}  # answered with an endless body: only the status is read
LIVEKIT_KEY, LIVEKIT_SECRET = "devkey", "secret"  # the test API's LiveKit defaults

# An id of a real object for each path parameter (and body field) name, the role's own first.
ID_QUERIES = {
    "course_id": "SELECT id FROM app.courses ORDER BY teacher_id = $1 DESC, status, id",
    "module_id": """SELECT m.id FROM app.course_modules m JOIN app.courses c ON c.id = m.course_id
                    ORDER BY c.teacher_id = $1 DESC, m.id""",
    "lesson_id": """SELECT l.id FROM app.lessons l JOIN app.courses c ON c.id = l.course_id
                    ORDER BY c.teacher_id = $1 DESC, l.id""",
    "quiz_id": """SELECT q.id FROM app.quizzes q JOIN app.lessons l ON l.id = q.lesson_id
                  JOIN app.courses c ON c.id = l.course_id ORDER BY c.teacher_id = $1 DESC, q.id""",
    "certificate_id": "SELECT id FROM app.certificates ORDER BY user_id = $1 DESC, id",
    "code": "SELECT code FROM app.certificates ORDER BY user_id = $1 DESC, id",
    "media_id": "SELECT id FROM app.media_objects ORDER BY owner_id = $1 DESC, id",
    "certification_id": "SELECT id FROM app.teacher_certifications ORDER BY teacher_id = $1 DESC",
    "application_id": "SELECT id FROM app.teacher_applications ORDER BY user_id = $1 DESC, id",
    "teacher_id": """SELECT user_id FROM app.profiles WHERE role = 'teacher'
                     ORDER BY user_id = $1 DESC, user_id""",
    "user_id": """SELECT user_id FROM app.profiles WHERE user_id <> $1 AND role = 'student'
                  ORDER BY user_id""",
    "seminar_id": "SELECT id FROM app.seminars ORDER BY host_id = $1 DESC, id",
    "post_id": "SELECT id FROM app.wall_posts ORDER BY author_id = $1 DESC, id",
    "comment_id": "SELECT id FROM app.wall_comments ORDER BY author_id = $1 DESC, id",
    "message_id": "SELECT id FROM app.messages ORDER BY recipient_id = $1 DESC, id",
    "report_id": "SELECT id FROM app.content_reports ORDER BY reporter_id = $1 DESC, id",
    "conversation_id": """SELECT id FROM app.conversations
                          ORDER BY $1 IN (user_a_id, user_b_id) DESC, id""",
    "service_id": "SELECT id FROM app.services ORDER BY teacher_id = $1 DESC, status, id",
    "exception_id": "SELECT id FROM app.availability_exceptions ORDER BY teacher_id = $1 DESC",
    "booking_id": "SELECT id FROM app.bookings ORDER BY $1 IN (student_id, teacher_id) DESC",
    "review_id": "SELECT id FROM app.service_reviews ORDER BY author_id = $1 DESC, id",
    "order_id": "SELECT id FROM app.service_orders ORDER BY $1 IN (buyer_id, seller_id) DESC",
    "session_id": "SELECT provider_ref FROM app.payments ORDER BY user_id = $1 DESC, id",
    "account_id": "SELECT account_id FROM app.teacher_payout_methods ORDER BY teacher_id = $1",
}


async def _ids(database_url: str, user_id: uuid.UUID | None) -> dict[str, str]:
    conn = await asyncpg.connect(database_url)
    try:
        found = {"kind": "like"}
        for name, query in ID_QUERIES.items():
            value = await conn.fetchval(query + " LIMIT 1", user_id or uuid.uuid4())
            if value is not None:
                found[name] = str(value)
        return found
    finally:
        await conn.close()


def _send(client: httpx.Client, request: Request, stream: bool) -> httpx.Response:
    kwargs: dict[str, Any] = {"params": request.query}
    if request.json is not None:
        kwargs["json"] = request.json
    if request.files is not None:
        kwargs["files"] = request.files
        kwargs["data"] = request.form
    if not stream:
        return client.request(request.method, request.path, **kwargs)
    with client.stream(request.method, request.path, **kwargs) as response:
        if response.status_code == 200:
            # An event stream answers 200 at once: it must then keep going until its first
            # heartbeat (a failure after the status line drops the connection instead).
            for chunk in response.iter_bytes():
                if b"heartbeat" in chunk:
                    break
        return response


def _send_twice(client: httpx.Client, request: Request, stream: bool) -> httpx.Response:
    """Send; once more on a fresh connection if the kept-alive one was closed under it."""
    try:
        return _send(client, request, stream)
    except httpx.TransportError:
        return _send(client, request, stream)


def _judge(run: str, response: httpx.Response, request: Request, base_url: str) -> str | None:
    count(run, response.status_code)
    if response.status_code < 500:
        return None
    try:
        text = response.text[:300]
    except httpx.ResponseNotRead:  # a stream: only its status was read
        text = ""
    return f"{request.what}: {response.status_code} {text}\n  {request.curl(base_url)}"


@pytest.fixture(scope="module")
async def object_ids(
    fuzz_database: str, role_ids: dict[str, uuid.UUID]
) -> dict[str, dict[str, str]]:
    """Per role: an id of a real object for each parameter name (the role's own first)."""
    return {role: await _ids(fuzz_database, role_ids.get(role)) for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_hostile_values_in_every_parameter_and_body_field_as(
    role: str,
    fuzz_api: str,
    object_ids: dict[str, dict[str, str]],
    role_headers: dict[str, dict[str, str]],
) -> None:
    spec = httpx.get(f"{fuzz_api}/openapi.json", timeout=30).json()
    doc = Document(spec, object_ids[role])
    failures: list[str] = []
    sent = 0
    run = f"hostile values as {role}"
    with httpx.Client(base_url=fuzz_api, headers=role_headers[role], timeout=30) as client:
        for path, operations in spec["paths"].items():
            for method, operation in operations.items():
                if (method.upper(), path) in EXCLUDED:
                    continue
                stream = (method.upper(), path) in STREAMS
                for request in requests_for(doc, method, path, operation):
                    try:
                        response = _send_twice(client, request, stream)
                    except httpx.TransportError as exc:  # the server dropped the connection
                        count(run, 599)
                        failures.append(f"{method.upper()} {path} with {request.what}: {exc!r}")
                        continue
                    failure = _judge(run, response, request, fuzz_api)
                    if failure:
                        failures.append(f"{method.upper()} {path} with {failure}")
                    sent += 1
    assert failures == [], f"{len(failures)} server errors:\n" + "\n".join(failures[:200])
    assert sent > 1000  # every operation was reached


# --- signed events --------------------------------------------------------------------------------
EVENT_VALUES: tuple[Any, ...] = (
    *NUL_STRINGS,
    *WHITESPACE,
    *TEXT_LOOKALIKES,
    *INTEGERS,
    -1,
    0,
    1e308,
    "x" * 300,
    "x" * 20_000,
    None,
    True,
    [],
    {},
    {"\x00": "\x00"},
    DATETIMES[3],
)


def _post_signed(
    client: httpx.Client, run: str, path: str, body: bytes, headers: dict[str, str], what: str
) -> str | None:
    """Send one signed event; a failure's description, or None."""
    try:
        try:
            response = client.post(path, content=body, headers=headers)
        except httpx.TransportError:  # a kept-alive connection closed under it: once more
            response = client.post(path, content=body, headers=headers)
    except httpx.TransportError as exc:  # the server dropped the connection
        count(run, 599)
        return f"{what}: {exc!r}"
    count(run, response.status_code)
    if response.status_code >= 500:
        return f"{what}: {response.status_code} {response.text[:200]}"
    return None


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        found = [path] if path else []
        for key, sub in value.items():
            found += _leaves(sub, (*path, key))
        return found
    return [path]


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(value)
    copy[path[0]] = _replace(value[path[0]], path[1:], new)
    return copy


async def _stripe_events(database_url: str) -> list[dict[str, Any]]:
    """Events about the seeded order, one of each type the webhook handles."""
    conn = await asyncpg.connect(database_url)
    try:
        order = await conn.fetchrow(
            "SELECT id, amount_cents, currency FROM app.service_orders ORDER BY created_at LIMIT 1"
        )
        teacher = await conn.fetchval("SELECT user_id FROM app.profiles WHERE role = 'teacher'")
    finally:
        await conn.close()
    assert order is not None
    order_id, amount = str(order["id"]), order["amount_cents"]
    session = {
        "id": "cs_test_fuzz",
        "object": "checkout.session",
        "amount_total": amount,
        "currency": order["currency"].lower(),
        "client_reference_id": order_id,
        "metadata": {"order_id": order_id, "attempt": "1"},
        "payment_intent": "pi_fuzz",
        "payment_status": "paid",
        "status": "complete",
        "expires_at": int(time.time()) + 1800,
        "url": "https://checkout.example/fuzz",
    }
    charge = {
        "id": "ch_fuzz",
        "object": "charge",
        "amount": amount,
        "amount_refunded": amount // 2,
        "currency": order["currency"].lower(),
        "payment_intent": "pi_fuzz",
        "metadata": {"order_id": order_id, "attempt": "1"},
        "refunds": {"object": "list", "data": [{"id": "re_fuzz", "object": "refund"}]},
    }
    account = {"id": f"acct_fuzz_{teacher}", "object": "account", "charges_enabled": True}
    refund = {
        "id": "re_fuzz",
        "object": "refund",
        "amount": amount // 2,
        "payment_intent": "pi_fuzz",
        "metadata": {"order_id": order_id},
        "status": "failed",
        "failure_reason": "expired_or_canceled_card",
    }
    kinds = [
        ("checkout.session.completed", session),
        ("checkout.session.async_payment_succeeded", session),
        ("checkout.session.async_payment_failed", session),
        ("checkout.session.expired", session),
        ("charge.refunded", charge),
        ("refund.updated", refund),
        ("account.updated", account),
    ]
    return [
        {
            "id": "evt_fuzz",
            "object": "event",
            "created": int(time.time()),
            "livemode": False,
            "type": kind,
            "data": {"object": obj},
        }
        for kind, obj in kinds
    ]


@pytest.fixture(scope="module")
async def stripe_events(fuzz_database: str) -> list[dict[str, Any]]:
    return await _stripe_events(fuzz_database)


def test_hostile_values_in_signed_stripe_events(
    fuzz_api: str, stripe_events: list[dict[str, Any]]
) -> None:
    failures: list[str] = []
    run = "hostile values in signed Stripe events"
    with httpx.Client(base_url=fuzz_api, timeout=30) as client:
        for base in stripe_events:
            for path in _leaves(base):
                for value in EVENT_VALUES:
                    event = _replace(base, path, value)
                    if path != ("id",):
                        event["id"] = f"evt_fuzz_{uuid.uuid4().hex}"
                    payload = json.dumps(event).encode()
                    headers = {
                        "Content-Type": "application/json",
                        "Stripe-Signature": signature_header(payload, DUMMY_WEBHOOK_SECRET),
                    }
                    what = f"{base['type']} with {'.'.join(map(str, path))}={value!r:.60}"
                    failure = _post_signed(client, run, "/webhooks/stripe", payload, headers, what)
                    if failure:
                        failures.append(failure)
    assert failures == [], f"{len(failures)} server errors:\n" + "\n".join(failures[:200])


def _livekit_signature(body: bytes) -> str:
    digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
    token = AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET).with_sha256(digest)
    return token.with_ttl(timedelta(minutes=5)).to_jwt()


@pytest.fixture(scope="module")
async def seminar_and_student(fuzz_database: str) -> tuple[uuid.UUID, uuid.UUID]:
    conn = await asyncpg.connect(fuzz_database)
    try:
        seminar_id = await conn.fetchval("SELECT id FROM app.seminars ORDER BY id LIMIT 1")
        user_id = await conn.fetchval("SELECT user_id FROM app.profiles WHERE role = 'student'")
    finally:
        await conn.close()
    return seminar_id, user_id


def test_hostile_values_in_signed_livekit_events(
    fuzz_api: str, seminar_and_student: tuple[uuid.UUID, uuid.UUID]
) -> None:
    seminar_id, user_id = seminar_and_student
    failures: list[str] = []
    run = "hostile values in signed LiveKit events"
    now = int(datetime.now(UTC).timestamp())
    with httpx.Client(base_url=fuzz_api, timeout=30) as client:
        for kind in ("room_started", "room_finished", "participant_joined", "participant_left"):
            base = {
                "event": kind,
                "room": {"name": f"seminar-{seminar_id}", "sid": "RM_fuzz"},
                "participant": {"identity": str(user_id), "name": "Fuzz"},
                "id": "EV_fuzz",
                "createdAt": str(now),
            }
            for path in _leaves(base):
                for value in (*EVENT_VALUES, str(2**63 - 1), str(-(2**63))):
                    body = json.dumps(_replace(base, path, value)).encode()
                    headers = {
                        "Content-Type": "application/webhook+json",
                        "Authorization": _livekit_signature(body),
                    }
                    what = f"{kind} with {'.'.join(map(str, path))}={value!r:.60}"
                    failure = _post_signed(client, run, "/webhooks/livekit", body, headers, what)
                    if failure:
                        failures.append(failure)
    assert failures == [], f"{len(failures)} server errors:\n" + "\n".join(failures[:200])
