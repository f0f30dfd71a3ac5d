"""The authorization matrix, generated from the app's own route table: every (method, path) has a
rule in RULES, or this test fails (so a new route cannot be forgotten), and every rule names a
route that exists (so a removed route cannot leave a stale rule).

What each rule promises, checked for every route that has it:
- public: anyone, signed in or not (never 401/403 for being anonymous).
- authenticated: anonymous -> 401.
- teacher / admin: anonymous -> 401; a student (and for admin, a teacher) -> 403.
- owner(kind): anonymous -> 401 (or the given code for publicly readable objects); another user
  of the allowed role, on an object made by user A through the API, -> 403 or 404.
- signed: a provider webhook; an unsigned call -> 400 (or 401 for LiveKit's JWT).
- docs: the OpenAPI document and its pages.
"""

import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts

from tests.bookings.helpers import at, bookable_teacher, order_slot
from tests.conftest import Account, MakeUser
from tests.courses.helpers import QUIZ, build_course, enroll
from tests.marketplace_helpers import pay_with_dummy, place_order, published_service
from tests.media.conftest import PNG
from tests.seminars.helpers import create_seminar

STUDENT, TEACHER, ADMIN = "student", "teacher", "admin"


@dataclass(frozen=True)
class Rule:
    kind: str  # public | authenticated | teacher | admin | owner | signed | docs
    owner: str | None = None  # owner rules: the kind of object (a key of OWNED)
    other: str = STUDENT  # owner rules: the role of the other user who tries it
    anonymous: tuple[int, ...] = (401,)  # what an anonymous caller gets
    body: dict[str, Any] = field(default_factory=dict)  # JSON body; "{name}" takes an id
    # Query parameters; the event stream gets a bad Last-Event-ID so it answers (400) instead
    # of streaming forever, after the authentication has run.
    query: dict[str, str] = field(default_factory=dict)


PUBLIC = Rule("public")
AUTH = Rule("authenticated")
TEACHER_ONLY = Rule("teacher")
ADMIN_ONLY = Rule("admin")
DOCS = Rule("docs")


def owner(kind: str, other: str = STUDENT, **extra: Any) -> Rule:
    return Rule("owner", kind, other, **extra)


def signed(anonymous: int = 400) -> Rule:
    return Rule("signed", anonymous=(anonymous,))


HIDDEN = (404,)  # publicly readable objects: an anonymous caller does not learn a draft exists

RULES: dict[tuple[str, str], Rule] = {
    ("GET", "/openapi.json"): DOCS,
    ("GET", "/docs"): DOCS,
    ("GET", "/docs/oauth2-redirect"): DOCS,
    ("GET", "/redoc"): DOCS,
    ("GET", "/health"): PUBLIC,
    ("GET", "/config/free-course-limit"): PUBLIC,
    ("GET", "/admin/config"): ADMIN_ONLY,
    ("PATCH", "/admin/config"): ADMIN_ONLY,
    # the studio: a teacher's own courses; another teacher gets 404
    ("GET", "/studio/courses"): TEACHER_ONLY,
    ("POST", "/studio/courses"): TEACHER_ONLY,
    ("GET", "/studio/courses/{course_id}"): owner("course", TEACHER),
    ("GET", "/studio/courses/{course_id}/link-targets"): owner("course", TEACHER),
    ("PATCH", "/studio/courses/{course_id}"): owner("course", TEACHER),
    ("DELETE", "/studio/courses/{course_id}"): owner("course", TEACHER),
    ("POST", "/studio/courses/{course_id}/publish"): owner("course", TEACHER),
    ("POST", "/studio/courses/{course_id}/unpublish"): owner("course", TEACHER),
    ("PUT", "/studio/courses/{course_id}/order"): owner("course", TEACHER, body={"modules": []}),
    ("POST", "/studio/courses/{course_id}/modules"): owner("course", TEACHER, body={"title": "X"}),
    ("PATCH", "/studio/modules/{module_id}"): owner("course", TEACHER, body={"title": "Ny"}),
    ("DELETE", "/studio/modules/{module_id}"): owner("course", TEACHER),
    ("POST", "/studio/modules/{module_id}/lessons"): owner("course", TEACHER, body={"title": "X"}),
    ("GET", "/studio/lessons/{lesson_id}"): owner("course", TEACHER),
    ("PATCH", "/studio/lessons/{lesson_id}"): owner("course", TEACHER),
    ("DELETE", "/studio/lessons/{lesson_id}"): owner("course", TEACHER),
    ("GET", "/studio/lessons/{lesson_id}/quiz"): owner("course", TEACHER),
    ("PUT", "/studio/lessons/{lesson_id}/quiz"): owner("course", TEACHER, body=QUIZ),
    ("DELETE", "/studio/lessons/{lesson_id}/quiz"): owner("course", TEACHER),
    # the catalogue and learning: lessons and quizzes only for the enrolled
    ("GET", "/courses"): PUBLIC,
    ("GET", "/courses/intro-first"): PUBLIC,
    ("GET", "/courses/free-consumed"): AUTH,
    ("GET", "/courses/modules/{module_id}/lessons"): owner("draft_course", anonymous=HIDDEN),
    ("GET", "/courses/{course_id}"): owner("draft_course", anonymous=HIDDEN),
    ("PUT", "/courses/{course_id}/cover"): owner("course", TEACHER, body={"media_id": None}),
    ("GET", "/courses/{course_id}/modules"): owner("draft_course", anonymous=HIDDEN),
    ("POST", "/courses/{course_id}/enroll"): owner("draft_course"),
    ("GET", "/courses/{course_id}/enrollment"): AUTH,  # the caller's own enrollment state
    ("DELETE", "/courses/{course_id}/enrollment"): owner("enrollment"),
    ("GET", "/courses/{course_id}/access"): PUBLIC,
    ("GET", "/courses/{course_id}/progress"): owner("enrollment"),
    ("GET", "/me/courses"): AUTH,
    ("GET", "/lessons/{lesson_id}"): owner("enrollment"),
    ("POST", "/lessons/{lesson_id}/complete"): owner("enrollment"),
    ("GET", "/quizzes/{quiz_id}"): owner("enrollment"),
    ("POST", "/quizzes/{quiz_id}/submit"): owner("enrollment", body={"answers": []}),
    ("GET", "/certificates/verify/{code}"): PUBLIC,
    ("GET", "/certificates/{certificate_id}.pdf"): AUTH,
    ("GET", "/certificates/{certificate_id}"): AUTH,
    # media
    ("POST", "/media"): AUTH,
    ("PUT", "/me/avatar"): AUTH,
    ("GET", "/media/{media_id}"): PUBLIC,
    ("DELETE", "/media/{media_id}"): owner("media"),
    # accounts
    ("POST", "/auth/register"): PUBLIC,
    ("POST", "/auth/login"): PUBLIC,
    ("POST", "/auth/refresh"): PUBLIC,
    ("POST", "/auth/logout"): AUTH,  # the session's access token, or its refresh token
    ("POST", "/auth/logout-all"): AUTH,
    ("POST", "/auth/password/change"): AUTH,
    ("POST", "/auth/password/forgot"): PUBLIC,
    ("POST", "/auth/password/reset"): PUBLIC,
    ("GET", "/me"): AUTH,
    ("PATCH", "/me"): AUTH,
    ("GET", "/me/export"): AUTH,
    ("DELETE", "/me"): AUTH,
    ("GET", "/teachers"): PUBLIC,
    ("GET", "/teachers/me/certifications"): TEACHER_ONLY,
    ("POST", "/teachers/me/certifications"): TEACHER_ONLY,
    ("DELETE", "/teachers/me/certifications/{certification_id}"): owner("certification", TEACHER),
    ("GET", "/teachers/{teacher_id}"): PUBLIC,
    ("POST", "/teacher-applications"): AUTH,
    ("GET", "/teacher-applications/mine"): AUTH,
    ("GET", "/admin/users"): ADMIN_ONLY,
    ("GET", "/admin/users/{user_id}"): ADMIN_ONLY,
    ("GET", "/admin/users/{user_id}/courses"): ADMIN_ONLY,
    ("PATCH", "/admin/users/{user_id}"): ADMIN_ONLY,
    ("GET", "/admin/audit-log"): ADMIN_ONLY,
    ("GET", "/admin/teacher-applications"): ADMIN_ONLY,
    ("POST", "/admin/teacher-applications/{application_id}/approve"): ADMIN_ONLY,
    ("POST", "/admin/teacher-applications/{application_id}/reject"): ADMIN_ONLY,
    ("GET", "/admin/certifications"): ADMIN_ONLY,
    ("POST", "/admin/certifications/{certification_id}/verify"): ADMIN_ONLY,
    ("POST", "/admin/certifications/{certification_id}/reject"): ADMIN_ONLY,
    # seminars and their video rooms
    ("GET", "/seminars"): PUBLIC,
    ("POST", "/seminars"): TEACHER_ONLY,
    ("GET", "/seminars/{seminar_id}"): PUBLIC,
    ("PATCH", "/seminars/{seminar_id}"): owner("seminar", TEACHER, body={"title": "Ny titel"}),
    ("POST", "/seminars/{seminar_id}/cancel"): owner("seminar", TEACHER),
    ("POST", "/seminars/{seminar_id}/register"): AUTH,
    ("DELETE", "/seminars/{seminar_id}/registration"): AUTH,
    ("POST", "/seminars/{seminar_id}/waitlist"): AUTH,
    ("DELETE", "/seminars/{seminar_id}/waitlist"): AUTH,
    ("GET", "/seminars/{seminar_id}/attendees"): owner("seminar", TEACHER),
    ("PUT", "/seminars/{seminar_id}/cover"): owner("seminar", TEACHER, body={"media_id": None}),
    ("POST", "/sfu/token"): owner("seminar", body={"seminar_id": "{seminar_id}"}),
    ("POST", "/webhooks/livekit"): signed(401),
    # feed, wall, messages, notifications
    ("GET", "/feed"): PUBLIC,
    ("GET", "/feed/stream"): Rule("public", query={"last_event_id": "not-an-id"}),
    ("GET", "/wall/posts"): AUTH,
    ("POST", "/wall/posts"): AUTH,
    ("GET", "/wall/posts/{post_id}"): AUTH,
    ("PATCH", "/wall/posts/{post_id}"): owner("post", body={"body": "Ändrad text"}),
    ("DELETE", "/wall/posts/{post_id}"): owner("post"),
    ("POST", "/wall/posts/{post_id}/pin"): TEACHER_ONLY,
    ("DELETE", "/wall/posts/{post_id}/pin"): TEACHER_ONLY,
    ("GET", "/wall/posts/{post_id}/comments"): AUTH,
    ("POST", "/wall/posts/{post_id}/comments"): AUTH,
    ("PATCH", "/wall/comments/{comment_id}"): owner("comment", body={"body": "Ändrad"}),
    ("DELETE", "/wall/comments/{comment_id}"): owner("comment"),
    ("PUT", "/wall/posts/{post_id}/reactions/{kind}"): AUTH,
    ("DELETE", "/wall/posts/{post_id}/reactions/{kind}"): AUTH,
    ("PUT", "/wall/comments/{comment_id}/reactions/{kind}"): AUTH,
    ("DELETE", "/wall/comments/{comment_id}/reactions/{kind}"): AUTH,
    ("POST", "/wall/posts/{post_id}/report"): AUTH,
    ("POST", "/wall/comments/{comment_id}/report"): AUTH,
    ("POST", "/messages/{message_id}/report"): owner("conversation", body={"reason": "spam"}),
    ("GET", "/admin/reports"): ADMIN_ONLY,
    ("POST", "/admin/reports/{report_id}/restore"): ADMIN_ONLY,
    ("POST", "/admin/reports/{report_id}/remove"): ADMIN_ONLY,
    ("GET", "/conversations"): AUTH,
    ("POST", "/conversations"): AUTH,
    ("GET", "/conversations/{conversation_id}"): owner("conversation"),
    ("GET", "/conversations/{conversation_id}/messages"): owner("conversation"),
    ("POST", "/conversations/{conversation_id}/messages"): owner(
        "conversation", body={"body": "Hej!"}
    ),
    ("POST", "/conversations/{conversation_id}/read"): owner("conversation"),
    ("GET", "/blocks"): AUTH,
    ("POST", "/blocks"): AUTH,
    ("DELETE", "/blocks/{user_id}"): AUTH,
    ("GET", "/notifications"): AUTH,
    ("POST", "/notifications/read"): AUTH,
    # the marketplace
    ("POST", "/services"): TEACHER_ONLY,
    ("GET", "/services"): PUBLIC,
    ("GET", "/services/{service_id}"): owner("service", anonymous=HIDDEN),
    ("PATCH", "/services/{service_id}"): owner("service", TEACHER),
    ("POST", "/services/{service_id}/publish"): owner("service", TEACHER),
    ("POST", "/services/{service_id}/archive"): owner("service", TEACHER),
    ("PUT", "/services/{service_id}/package"): owner(
        "service", TEACHER, body={"sessions_count": 5, "valid_months": 6}
    ),
    ("PUT", "/services/{service_id}/cover"): owner("service", TEACHER, body={"media_id": None}),
    ("GET", "/services/{service_id}/reviews"): PUBLIC,
    ("POST", "/services/{service_id}/reviews"): owner("review", body={"rating": 1}),
    ("PATCH", "/services/{service_id}/reviews/{review_id}"): owner("review", body={"rating": 1}),
    ("GET", "/me/availability"): TEACHER_ONLY,
    ("PUT", "/me/availability"): TEACHER_ONLY,
    ("POST", "/me/availability/exceptions"): TEACHER_ONLY,
    ("DELETE", "/me/availability/exceptions/{exception_id}"): owner("day_off", TEACHER),
    ("GET", "/teachers/{teacher_id}/slots"): PUBLIC,
    ("GET", "/bookings"): AUTH,
    ("POST", "/bookings"): AUTH,
    ("GET", "/bookings/{booking_id}"): owner("booking"),
    ("PATCH", "/bookings/{booking_id}"): owner(
        "booking", body={"meeting_url": "https://meet.example.se/x"}
    ),
    ("POST", "/bookings/{booking_id}/cancel"): owner("booking"),
    ("POST", "/bookings/{booking_id}/reschedule"): owner(
        "booking", body={"slot_start": "2030-01-07T11:00:00Z"}
    ),
    ("POST", "/bookings/{booking_id}/refund"): owner("booking"),
    ("POST", "/bookings/{booking_id}/attendance"): owner(
        "booking", TEACHER, body={"status": "completed"}
    ),
    ("GET", "/me/credits"): AUTH,
    ("POST", "/orders"): AUTH,
    ("GET", "/orders"): AUTH,
    ("GET", "/admin/orders"): ADMIN_ONLY,
    ("GET", "/orders/{order_id}"): owner("order"),
    ("POST", "/orders/{order_id}/cancel"): owner("order"),
    ("POST", "/orders/{order_id}/fulfil"): owner("order", TEACHER),
    ("POST", "/orders/{order_id}/refund"): owner("order", TEACHER),
    ("GET", "/orders/{order_id}/receipt"): owner("order"),
    ("GET", "/orders/{order_id}/payments"): owner("order"),
    ("POST", "/payments/stripe/create-session"): owner("order", body={"order_id": "{order_id}"}),
    ("POST", "/webhooks/stripe"): signed(),
    # the dummy provider's pages: reached by a link that carries an unguessable session id
    ("GET", "/payments/dummy/checkout/{session_id}"): PUBLIC,
    ("POST", "/payments/dummy/checkout/{session_id}/pay"): PUBLIC,
    ("GET", "/payments/checkout/success"): PUBLIC,
    ("GET", "/payments/checkout/canceled"): PUBLIC,
    ("POST", "/payouts/stripe/onboard"): TEACHER_ONLY,
    ("GET", "/payouts/status"): TEACHER_ONLY,
    ("GET", "/payouts/statement"): TEACHER_ONLY,
    ("GET", "/payouts/dummy/onboard/{account_id}"): PUBLIC,
    ("POST", "/payouts/dummy/onboard/{account_id}/complete"): PUBLIC,
    ("GET", "/payouts/onboarding/done"): PUBLIC,
    ("GET", "/payouts/onboarding/refresh"): PUBLIC,
}


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every (method, path) the app serves, from its route table (HEAD is GET's shadow)."""
    return {
        (method, context.path)
        for context in iter_route_contexts(app.routes)
        for method in (context.methods or set())
        if method != "HEAD"
    }


# Placeholders that are not ids; everything else gets a random UUID.
PLACEHOLDERS = {
    "kind": "heart",
    "code": "NOSUCHCODE",
    "session_id": "cs_test_no_such_session",
    "account_id": "acct_no_such_account",
}


def fill(path: str, values: dict[str, str] | None = None) -> str:
    values = values or {}

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return values.get(name) or PLACEHOLDERS.get(name) or str(uuid.uuid4())

    return re.sub(r"\{([a-z_]+)\}", one, path)


async def call(
    client: httpx.AsyncClient,
    method: str,
    path: str,
    rule: Rule,
    headers: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> httpx.Response:
    body = {k: fill(v, values) if isinstance(v, str) else v for k, v in rule.body.items()}
    json_body = body if method in ("POST", "PUT", "PATCH") else None
    return await client.request(
        method, fill(path, values), json=json_body, headers=headers, params=rule.query or None
    )


def test_every_route_has_a_rule_and_every_rule_a_route(app: FastAPI) -> None:
    routes = app_routes(app)
    without_rule = sorted(routes - RULES.keys())
    stale = sorted(RULES.keys() - routes)
    assert without_rule == [], f"routes without an authorization rule: {without_rule}"
    assert stale == [], f"rules for routes that no longer exist: {stale}"


async def test_anonymous_callers(client: httpx.AsyncClient) -> None:
    wrong = []
    for (method, path), rule in sorted(RULES.items()):
        if rule.kind == "docs":
            continue
        response = await call(client, method, path, rule)
        if rule.kind == "public":
            ok = response.status_code not in (401, 403)
        else:
            ok = response.status_code in rule.anonymous
        if not ok:
            wrong.append((method, path, rule.kind, response.status_code, response.text[:120]))
    assert wrong == [], "\n".join(map(str, wrong))


async def test_roles_below_the_required_one_get_403(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    student = await make_user(STUDENT)
    teacher = await make_user(TEACHER)
    wrong = []
    for (method, path), rule in sorted(RULES.items()):
        below = {"teacher": [student], "admin": [student, teacher]}.get(rule.kind, [])
        for user in below:
            response = await call(client, method, path, rule, user.headers)
            if response.status_code != 403:
                wrong.append((method, path, user.role, response.status_code, response.text[:120]))
    assert wrong == [], "\n".join(map(str, wrong))


# --- objects owned by user A, made through the API ------------------------------------------------
Factory = Callable[[httpx.AsyncClient, MakeUser, Any], Awaitable[dict[str, str]]]


async def _course(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    built = await build_course(client, await make_user(TEACHER), quiz=True, publish=False)
    return {
        "course_id": built.id,
        "module_id": built.module_ids[0],
        "lesson_id": built.lesson_ids[0],
    }


async def _enrollment(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    """A published course that user A is enrolled in; the other user is not."""
    built = await build_course(client, await make_user(TEACHER), quiz=True)
    await enroll(client, built.id, await make_user(STUDENT))
    return {"course_id": built.id, "lesson_id": built.lesson_ids[0], "quiz_id": built.quiz_ids[0]}


async def _media(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    author = await make_user(STUDENT)
    uploaded = await client.post(
        "/media",
        files={"file": ("bild.png", PNG, "image/png")},
        data={"purpose": "other"},
        headers=author.headers,
    )
    assert uploaded.status_code == 201, uploaded.text
    return {"media_id": uploaded.json()["id"]}


async def _certification(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    created = await client.post(
        "/teachers/me/certifications",
        json={"title": "Yogalärare 200 h", "issuer": "Yogaskolan", "year": 2020},
        headers=(await make_user(TEACHER)).headers,
    )
    assert created.status_code == 201, created.text
    return {"certification_id": created.json()["id"]}


async def _seminar(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    return {"seminar_id": (await create_seminar(client, await make_user(TEACHER)))["id"]}


async def _post(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    created = await client.post(
        "/wall/posts",
        json={"body": "Tack för en fin kväll!"},
        headers=(await make_user(STUDENT)).headers,
    )
    assert created.status_code == 201, created.text
    return {"post_id": created.json()["id"]}


async def _comment(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    author = await make_user(STUDENT)
    post = await _post(client, make_user, db)
    created = await client.post(
        f"/wall/posts/{post['post_id']}/comments",
        json={"body": "Håller med!"},
        headers=author.headers,
    )
    assert created.status_code == 201, created.text
    return {**post, "comment_id": created.json()["id"]}


async def _conversation(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    teacher, student = await make_user(TEACHER), await make_user(STUDENT)
    opened = await client.post(
        "/conversations", json={"user_id": str(student.id)}, headers=teacher.headers
    )
    assert opened.status_code in (200, 201), opened.text
    conversation_id = opened.json()["id"]
    sent = await client.post(
        f"/conversations/{conversation_id}/messages",
        json={"body": "Hej! Välkommen till kursen."},
        headers=teacher.headers,
    )
    assert sent.status_code == 201, sent.text
    return {"conversation_id": conversation_id, "message_id": sent.json()["id"]}


async def _service(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    """A draft service (only its teacher sees it)."""
    created = await client.post(
        "/services",
        json={
            "title": "Tarotläsning 30 min",
            "description": "En kort läsning.",
            "kind": "reading",
            "duration_minutes": 30,
            "delivery": "online",
            "price_cents": 39000,
        },
        headers=(await make_user(TEACHER)).headers,
    )
    assert created.status_code == 201, created.text
    return {"service_id": created.json()["id"]}


async def _draft_course(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    built = await build_course(client, await make_user(TEACHER), publish=False)
    return {"course_id": built.id, "module_id": built.module_ids[0]}


async def _order(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    service = await published_service(client, await make_user(TEACHER))
    order = await place_order(client, await make_user(STUDENT), service["id"])
    return {"order_id": order["id"]}


async def _review(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    """A review by a buyer; the other user bought nothing (POST) and wrote nothing (PATCH)."""
    service = await published_service(client, await make_user(TEACHER))
    buyer = await make_user(STUDENT)
    await pay_with_dummy(client, buyer, (await place_order(client, buyer, service["id"]))["id"])
    review = await client.post(
        f"/services/{service['id']}/reviews", json={"rating": 5}, headers=buyer.headers
    )
    assert review.status_code == 201, review.text
    return {"service_id": service["id"], "review_id": review.json()["id"]}


async def _day_off(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    teacher = await make_user(TEACHER)
    await bookable_teacher(client, teacher)
    day = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()
    created = await client.post(
        "/me/availability/exceptions", json={"date": day, "kind": "closed"}, headers=teacher.headers
    )
    assert created.status_code == 201, created.text
    return {"exception_id": created.json()["id"]}


async def _booking(client: httpx.AsyncClient, make_user: MakeUser, db: Any) -> dict[str, str]:
    service = await bookable_teacher(client, await make_user(TEACHER))
    ordered = await order_slot(client, await make_user(STUDENT), service["id"], at(3, 11))
    assert ordered.status_code == 201, ordered.text
    booking_id = await db.fetchval(
        "SELECT id FROM app.bookings WHERE order_id = $1", uuid.UUID(ordered.json()["id"])
    )
    return {"booking_id": str(booking_id)}


OWNED: dict[str, Factory] = {
    "course": _course,
    "draft_course": _draft_course,
    "enrollment": _enrollment,
    "media": _media,
    "certification": _certification,
    "seminar": _seminar,
    "post": _post,
    "comment": _comment,
    "conversation": _conversation,
    "service": _service,
    "order": _order,
    "review": _review,
    "day_off": _day_off,
    "booking": _booking,
}
OWNER_KINDS = sorted({rule.owner for rule in RULES.values() if rule.owner})


def test_every_owner_rule_has_an_object_factory() -> None:
    assert sorted(set(OWNER_KINDS) - OWNED.keys()) == []
    assert sorted(OWNED.keys() - set(OWNER_KINDS)) == []


@pytest.mark.parametrize("kind", OWNER_KINDS)
async def test_another_users_object_is_403_or_404(
    kind: str, client: httpx.AsyncClient, make_user: MakeUser, db: Any
) -> None:
    values = {k: str(v) for k, v in (await OWNED[kind](client, make_user, db)).items()}
    others: dict[str, Account] = {}
    wrong = []
    for (method, path), rule in sorted(RULES.items()):
        if rule.owner != kind:
            continue
        if rule.other not in others:
            others[rule.other] = await make_user(rule.other)
        response = await call(client, method, path, rule, others[rule.other].headers, values)
        if response.status_code not in (403, 404):
            wrong.append((method, path, response.status_code, response.text[:160]))
    assert wrong == [], "\n".join(map(str, wrong))
