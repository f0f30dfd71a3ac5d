"""ApiClient: every call the app makes to the Wisdom API, over one async httpx client.

It attaches the access token, refreshes it once with the refresh token when the API answers
401 and retries the call, and turns failures into ApiError (whose .message is Swedish).
Responses are the API's JSON as dicts; see docs/api.md in the repository for their fields.
"""

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from wisdom_app.errors import ApiError
from wisdom_app.storage import Tokens, TokenStore

log = logging.getLogger("wisdom.api")

Json = dict[str, Any]
# Called when the session ends (refresh refused): the app goes back to the sign-in screen.
SessionEndedHandler = Callable[[], Awaitable[None]]

# The live stream brings a heartbeat every 15 s (FEED_HEARTBEAT_SECONDS); this long without one
# and the connection is taken as lost.
STREAM_SILENCE_SECONDS = 45.0
# Calls that never carry or refresh a session.
_ANONYMOUS_PATHS = ("/auth/login", "/auth/register", "/auth/refresh", "/auth/password")


@dataclass
class ServerEvent:
    """One event of a text/event-stream."""

    event: str
    data: str
    id: str | None = None

    def json(self) -> Any:
        return json.loads(self.data) if self.data else None


class ApiClient:
    def __init__(
        self,
        base_url: str,
        tokens: TokenStore,
        *,
        timeout: float = 15.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.tokens = tokens
        self.on_session_ended: SessionEndedHandler | None = None
        self._current: Tokens | None = None
        self._loaded = False
        self._refresh_lock = asyncio.Lock()
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout, connect=5.0),
            transport=transport,
            headers={"Accept": "application/json"},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    # ------------------------------------------------------------------ session

    async def current_tokens(self) -> Tokens | None:
        if not self._loaded:
            self._current = await self.tokens.load()
            self._loaded = True
        return self._current

    async def has_session(self) -> bool:
        return await self.current_tokens() is not None

    async def _store(self, tokens: Tokens | None) -> None:
        self._current = tokens
        self._loaded = True
        if tokens is None:
            await self.tokens.clear()
        else:
            await self.tokens.save(tokens)

    async def _store_session(self, body: Json) -> Json:
        await self._store(Tokens(body["access_token"], body["refresh_token"]))
        return body

    async def _refresh(self, stale_access: str | None) -> bool:
        """Swap the refresh token for new tokens, once for all callers that saw the same 401.
        False when the API refused (the session is over)."""
        async with self._refresh_lock:
            current = await self.current_tokens()
            if current is None:
                return False
            if current.access_token != stale_access:
                return True  # another call refreshed while this one waited
            try:
                body = await self._send(
                    "POST",
                    "/auth/refresh",
                    json={"refresh_token": current.refresh_token},
                )
            except ApiError as exc:
                if exc.status in (400, 401, 403, 404, 422):
                    await self._store(None)
                    return False
                raise
            await self._store_session(body)
            return True

    # ------------------------------------------------------------------ transport

    async def _send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        token: str | None = None,
        files: Any = None,
    ) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        clean_params = {k: v for k, v in (params or {}).items() if v is not None}
        try:
            response = await self._http.request(
                method,
                path,
                json=json,
                params=clean_params,
                headers=headers,
                files=files,
            )
        except httpx.TimeoutException as exc:
            raise ApiError(0, "timeout", str(exc)) from exc
        except httpx.HTTPError as exc:
            raise ApiError(0, "network_error", str(exc)) from exc
        if response.status_code >= 400:
            raise error_from_response(response)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        files: Any = None,
        auth: bool = True,
    ) -> Any:
        """One call; with a session, 401 leads to one refresh and one retry."""
        tokens = await self.current_tokens() if auth else None
        access = tokens.access_token if tokens else None
        try:
            return await self._send(method, path, json=json, params=params, token=access, files=files)
        except ApiError as exc:
            if exc.status != 401 or access is None or path.startswith(_ANONYMOUS_PATHS):
                raise
            if not await self._refresh(access):
                await self._session_ended()
                raise
        tokens = await self.current_tokens()
        return await self._send(
            method,
            path,
            json=json,
            params=params,
            token=tokens.access_token if tokens else None,
            files=files,
        )

    async def _session_ended(self) -> None:
        if self.on_session_ended is not None:
            await self.on_session_ended()

    # ------------------------------------------------------------------ accounts

    async def login(self, email: str, password: str) -> Json:
        """Sign in; keeps the tokens and returns the response (with "profile")."""
        body = await self._send("POST", "/auth/login", json={"email": email, "password": password})
        return await self._store_session(body)

    async def register(self, email: str, password: str, display_name: str) -> Json:
        """Create a student account and sign in with it."""
        body = await self._send(
            "POST",
            "/auth/register",
            json={
                "email": email,
                "password": password,
                "display_name": display_name,
            },
        )
        if "access_token" in body:
            return await self._store_session(body)
        return await self.login(email, password)

    async def request_password_reset(self, email: str) -> None:
        await self._send("POST", "/auth/password/forgot", json={"email": email})

    async def logout(self) -> None:
        """End the session on the server (best effort) and forget the tokens here."""
        tokens = await self.current_tokens()
        if tokens is not None:
            try:
                await self._send(
                    "POST",
                    "/auth/logout",
                    json={"refresh_token": tokens.refresh_token},
                    token=tokens.access_token,
                )
            except ApiError as exc:
                log.info("logout on the server failed: %s", exc)
        await self._store(None)

    async def me(self) -> Json:
        return await self._json("GET", "/me")

    async def update_me(self, **changes: Any) -> Json:
        return await self._json("PATCH", "/me", json=changes)

    async def upload_avatar(self, filename: str, content: bytes, content_type: str) -> Json:
        return await self._json("PUT", "/me/avatar", files={"file": (filename, content, content_type)})

    async def certificate(self, certificate_id: str) -> Json:
        return await self._json("GET", f"/certificates/{certificate_id}")

    async def payout_status(self) -> Json:
        return await self._json("GET", "/payouts/status")

    async def start_payout_onboarding(self) -> Json:
        """A link to the payment provider's onboarding: {"url", "expires_at", "account_id"}."""
        return await self._json("POST", "/payouts/stripe/onboard")

    # ------------------------------------------------------------------ helpers

    async def _json(self, method: str, path: str, **kwargs: Any) -> Json:
        result: Json = await self.request(method, path, **kwargs)
        return result

    async def page(self, path: str, *, cursor: str | None = None, limit: int = 20, **params: Any) -> Json:
        """One page of a list endpoint: {"items": [...], "next_cursor": str | None}."""
        return await self._json("GET", path, params={"cursor": cursor, "limit": limit, **params})

    async def media_bytes(self, media_id: str) -> bytes:
        """A media file's content (lesson audio, images), read with the session's token."""
        content, _ = await self.media_file(media_id)
        return content

    async def media_file(self, media_id: str) -> tuple[bytes, str]:
        """A media file's content and content type, read with the session's token."""
        return await self.download(f"/media/{media_id}")

    async def download(self, path: str) -> tuple[bytes, str]:
        """A file the API serves (media, a certificate's PDF): its bytes and content type, read
        with the session's token (refreshed once when it has expired)."""
        tokens = await self.current_tokens()
        headers = {"Authorization": f"Bearer {tokens.access_token}"} if tokens else {}
        try:
            response = await self._http.get(path, headers=headers, timeout=120)
        except httpx.HTTPError as exc:
            raise ApiError(0, "network_error", str(exc)) from exc
        if response.status_code == 401 and tokens and await self._refresh(tokens.access_token):
            return await self.download(path)
        if response.status_code >= 400:
            raise error_from_response(response)
        return response.content, response.headers.get("content-type", "application/octet-stream")

    async def auth_headers(self) -> dict[str, str]:
        """Headers a native media player sends to stream a file from the API."""
        tokens = await self.current_tokens()
        return {"Authorization": f"Bearer {tokens.access_token}"} if tokens else {}

    def media_link(self, media_id: str) -> str:
        return f"{self.base_url}/media/{media_id}"

    # ------------------------------------------------------------------ services and orders

    async def services(self, cursor: str | None = None) -> Json:
        return await self.page("/services", cursor=cursor)

    async def service(self, service_id: str) -> Json:
        return await self._json("GET", f"/services/{service_id}")

    async def teacher_services(self, teacher_id: str, status: str) -> Json:
        """A teacher's own services with one status (draft, active or archived)."""
        return await self.page("/services", teacher_id=teacher_id, status=status, limit=100)

    async def create_service(self, fields: Json) -> Json:
        return await self._json("POST", "/services", json=fields)

    async def update_service(self, service_id: str, fields: Json) -> Json:
        return await self._json("PATCH", f"/services/{service_id}", json=fields)

    async def publish_service(self, service_id: str) -> Json:
        return await self._json("POST", f"/services/{service_id}/publish")

    async def archive_service(self, service_id: str) -> Json:
        return await self._json("POST", f"/services/{service_id}/archive")

    async def create_order(self, item_kind: str, item_id: str, slot_start: str | None = None) -> Json:
        """An order for a service, course or seminar (status "pending" until paid). A bookable
        service (reading, coaching, session) needs its time: slot_start from slots()."""
        body: Json = {"item_kind": item_kind, f"{item_kind}_id": item_id}
        if slot_start is not None:
            body["slot_start"] = slot_start
        return await self._json("POST", "/orders", json=body)

    async def order(self, order_id: str) -> Json:
        return await self._json("GET", f"/orders/{order_id}")

    async def my_orders(self, cursor: str | None = None) -> Json:
        return await self.page("/orders", cursor=cursor)

    async def create_checkout(self, order_id: str) -> Json:
        """A checkout session for a pending order: {"checkout_url", "session_id", ...}."""
        return await self._json("POST", "/payments/stripe/create-session", json={"order_id": order_id})

    # ------------------------------------------------------------------ bookings

    async def slots(self, teacher_id: str, service_id: str, first_day: str, last_day: str) -> Json:
        """Free start times of a service between two local dates (inclusive, "YYYY-MM-DD"):
        {"accepts_bookings", "duration_minutes", "slots": [{"start", "end", "start_utc", ...}]}."""
        return await self._json(
            "GET",
            f"/teachers/{teacher_id}/slots",
            params={"service_id": service_id, "from": first_day, "to": last_day},
        )

    async def bookings(self, role: str | None = None, cursor: str | None = None, **filters: Any) -> Json:
        """The caller's bookings by start time; role "student" or "teacher"."""
        return await self.page("/bookings", cursor=cursor, role=role, **filters)

    async def booking(self, booking_id: str) -> Json:
        return await self._json("GET", f"/bookings/{booking_id}")

    async def book_with_credit(self, service_id: str, slot_start: str) -> Json:
        """Book a session with a package credit (no order, no payment)."""
        return await self._json(
            "POST",
            "/bookings",
            json={"service_id": service_id, "slot_start": slot_start, "use_credit": True},
        )

    async def cancel_booking(self, booking_id: str, reason: str = "") -> Json:
        return await self._json("POST", f"/bookings/{booking_id}/cancel", json={"reason": reason})

    async def reschedule_booking(self, booking_id: str, slot_start: str) -> Json:
        return await self._json("POST", f"/bookings/{booking_id}/reschedule", json={"slot_start": slot_start})

    async def credits(self) -> Json:
        """Usable package credits: {"items": [...], "usable_credits": int}."""
        return await self._json("GET", "/me/credits", params={"limit": 100})

    # ------------------------------------------------------------------ feed and wall

    async def feed(self, cursor: str | None = None) -> Json:
        return await self.page("/feed", cursor=cursor)

    async def wall_posts(self, cursor: str | None = None) -> Json:
        return await self.page("/wall/posts", cursor=cursor)

    async def create_post(self, body: str) -> Json:
        return await self._json("POST", "/wall/posts", json={"body": body})

    async def react(self, post_id: str, kind: str) -> Json:
        """Add a reaction; answers the post's {"reactions", "my_reactions"}."""
        return await self._json("PUT", f"/wall/posts/{post_id}/reactions/{kind}")

    async def unreact(self, post_id: str, kind: str) -> Json:
        return await self._json("DELETE", f"/wall/posts/{post_id}/reactions/{kind}")

    async def feed_events(
        self, last_event_id: str | None = None, silence_seconds: float = STREAM_SILENCE_SECONDS
    ) -> AsyncIterator[ServerEvent]:
        """The live event stream (feed items and direct messages) until the server closes it
        (at the latest when the access token expires). A 401 refreshes the token once. The
        server sends a heartbeat every 15 seconds: a stream silent for `silence_seconds` is
        taken as lost (a server gone without closing the connection) and raises."""
        for attempt in (1, 2):
            tokens = await self.current_tokens()
            headers = {"Accept": "text/event-stream"}
            if tokens:
                headers["Authorization"] = f"Bearer {tokens.access_token}"
            if last_event_id:
                headers["Last-Event-ID"] = last_event_id
            try:
                async with self._http.stream(
                    "GET",
                    "/feed/stream",
                    headers=headers,
                    timeout=httpx.Timeout(None, connect=5.0, read=silence_seconds),
                ) as response:
                    if response.status_code == 401 and tokens and attempt == 1:
                        await response.aread()
                        if await self._refresh(tokens.access_token):
                            continue
                        await self._session_ended()
                    if response.status_code >= 400:
                        await response.aread()
                        raise error_from_response(response)
                    # Tells the caller the stream is up before the first real event.
                    yield ServerEvent(event="open", data="")
                    async for event in parse_event_stream(response.aiter_lines()):
                        yield event
                    return
            except httpx.HTTPError as exc:
                raise ApiError(0, "network_error", str(exc)) from exc

    # ------------------------------------------------------------------ courses

    async def my_courses(self) -> Json:
        return await self.page("/me/courses", limit=100)

    async def courses(self, cursor: str | None = None) -> Json:
        return await self.page("/courses", cursor=cursor)

    async def course(self, course_id: str) -> Json:
        """The course with its modules and their lessons."""
        return await self._json("GET", f"/courses/{course_id}")

    async def course_access(self, course_id: str) -> Json:
        """{"access": bool, "role", "requirement": {"action": enroll|buy|..., ...}}."""
        return await self._json("GET", f"/courses/{course_id}/access")

    async def course_progress(self, course_id: str) -> Json:
        return await self._json("GET", f"/courses/{course_id}/progress")

    async def enroll(self, course_id: str) -> Json:
        return await self._json("POST", f"/courses/{course_id}/enroll")

    async def lesson(self, lesson_id: str) -> Json:
        return await self._json("GET", f"/lessons/{lesson_id}")

    async def complete_lesson(self, lesson_id: str) -> Json:
        return await self._json("POST", f"/lessons/{lesson_id}/complete")

    async def submit_quiz(self, quiz_id: str, answers: dict[str, list[int]]) -> Json:
        """Answers by question id (indexes of the chosen options); the result with the score."""
        body = {"answers": [{"question_id": q, "selected": sel} for q, sel in answers.items()]}
        return await self._json("POST", f"/quizzes/{quiz_id}/submit", json=body)

    # ------------------------------------------------------------------ teacher: course editor

    async def studio_courses(self) -> Json:
        return await self.page("/studio/courses", limit=100)

    async def studio_course(self, course_id: str) -> Json:
        return await self._json("GET", f"/studio/courses/{course_id}")

    async def create_course(self, fields: Json) -> Json:
        return await self._json("POST", "/studio/courses", json=fields)

    async def update_course(self, course_id: str, fields: Json) -> Json:
        return await self._json("PATCH", f"/studio/courses/{course_id}", json=fields)

    async def publish_course(self, course_id: str) -> Json:
        return await self._json("POST", f"/studio/courses/{course_id}/publish")

    async def unpublish_course(self, course_id: str) -> Json:
        return await self._json("POST", f"/studio/courses/{course_id}/unpublish")

    async def create_module(self, course_id: str, title: str) -> Json:
        return await self._json("POST", f"/studio/courses/{course_id}/modules", json={"title": title})

    async def rename_module(self, module_id: str, title: str) -> Json:
        return await self._json("PATCH", f"/studio/modules/{module_id}", json={"title": title})

    async def create_lesson(self, module_id: str, title: str) -> Json:
        return await self._json("POST", f"/studio/modules/{module_id}/lessons", json={"title": title})

    async def studio_lesson(self, lesson_id: str) -> Json:
        return await self._json("GET", f"/studio/lessons/{lesson_id}")

    async def update_lesson(self, lesson_id: str, fields: Json) -> Json:
        return await self._json("PATCH", f"/studio/lessons/{lesson_id}", json=fields)

    async def upload_media(self, filename: str, content: bytes, content_type: str, purpose: str = "lesson") -> Json:
        return await self._json(
            "POST",
            "/media",
            params={"purpose": purpose},
            files={"file": (filename, content, content_type)},
        )

    # ------------------------------------------------------------------ seminars

    async def seminars(self, cursor: str | None = None, teacher: str | None = None) -> Json:
        return await self.page("/seminars", cursor=cursor, teacher=teacher)

    async def seminar(self, seminar_id: str) -> Json:
        """The seminar with "viewer": {"is_host", "seated", ...} for a signed-in caller."""
        return await self._json("GET", f"/seminars/{seminar_id}")

    async def register_seminar(self, seminar_id: str) -> Json:
        return await self._json("POST", f"/seminars/{seminar_id}/register")

    async def seminar_token(self, seminar_id: str) -> Json:
        """The SFU token and the room page link ("room_page_url") for joining."""
        return await self._json("POST", "/sfu/token", json={"seminar_id": seminar_id})

    async def create_seminar(self, fields: Json) -> Json:
        return await self._json("POST", "/seminars", json=fields)

    async def update_seminar(self, seminar_id: str, fields: Json) -> Json:
        return await self._json("PATCH", f"/seminars/{seminar_id}", json=fields)

    # ------------------------------------------------------------------ messages, notifications

    async def notifications(self, cursor: str | None = None) -> Json:
        """A page of notifications with "unread_count"."""
        return await self.page("/notifications", cursor=cursor)

    async def mark_notifications_read(self) -> Json:
        return await self._json("POST", "/notifications/read")

    async def conversations(self) -> Json:
        return await self.page("/conversations", limit=100)

    async def open_conversation(self, user_id: str) -> Json:
        return await self._json("POST", "/conversations", json={"user_id": user_id})

    async def messages(self, conversation_id: str, cursor: str | None = None) -> Json:
        return await self.page(f"/conversations/{conversation_id}/messages", cursor=cursor, limit=50)

    async def send_message(self, conversation_id: str, body: str) -> Json:
        return await self._json("POST", f"/conversations/{conversation_id}/messages", json={"body": body})

    async def mark_conversation_read(self, conversation_id: str) -> None:
        await self.request("POST", f"/conversations/{conversation_id}/read")

    # ------------------------------------------------------------------ teacher applications

    async def apply_as_teacher(self, motivation: str, credentials: str = "") -> Json:
        return await self._json(
            "POST", "/teacher-applications", json={"motivation": motivation, "credentials": credentials}
        )

    # ------------------------------------------------------------------ admin

    async def admin_applications(self, status: str = "pending", cursor: str | None = None) -> Json:
        """Teacher applications with their applicant, oldest first ("all" for every status)."""
        return await self.page("/admin/teacher-applications", cursor=cursor, status=status, limit=50)

    async def approve_application(self, application_id: str) -> Json:
        return await self._json("POST", f"/admin/teacher-applications/{application_id}/approve")

    async def reject_application(self, application_id: str, reason: str) -> Json:
        return await self._json("POST", f"/admin/teacher-applications/{application_id}/reject", json={"reason": reason})

    async def admin_certifications(self, status: str = "pending", cursor: str | None = None) -> Json:
        return await self.page("/admin/certifications", cursor=cursor, status=status, limit=50)

    async def verify_certification(self, certification_id: str) -> Json:
        return await self._json("POST", f"/admin/certifications/{certification_id}/verify")

    async def reject_certification(self, certification_id: str, reason: str) -> Json:
        return await self._json("POST", f"/admin/certifications/{certification_id}/reject", json={"reason": reason})

    async def admin_users(
        self,
        query: str | None = None,
        role: str | None = None,
        disabled: bool | None = None,
        cursor: str | None = None,
    ) -> Json:
        """Users newest first; query searches e-mail and name."""
        flag = None if disabled is None else str(disabled).lower()
        return await self.page("/admin/users", cursor=cursor, q=query or None, role=role, disabled=flag, limit=50)

    async def admin_user(self, user_id: str) -> Json:
        return await self._json("GET", f"/admin/users/{user_id}")

    async def admin_update_user(self, user_id: str, **changes: Any) -> Json:
        """Change "role" and/or "disabled" (disabling ends the user's sessions at once)."""
        return await self._json("PATCH", f"/admin/users/{user_id}", json=changes)

    async def admin_user_courses(self, user_id: str) -> Json:
        return await self.page(f"/admin/users/{user_id}/courses", limit=100)

    async def admin_orders(
        self,
        query: str | None = None,
        buyer_id: str | None = None,
        seller_id: str | None = None,
        status: str | None = None,
        cursor: str | None = None,
    ) -> Json:
        """Every order, newest first: query is an order number or text in names, e-mails, titles."""
        return await self.page(
            "/admin/orders",
            cursor=cursor,
            q=query or None,
            buyer_id=buyer_id,
            seller_id=seller_id,
            status=status,
            limit=50,
        )

    async def refund_order(self, order_id: str, amount_cents: int | None = None, reason: str = "") -> Json:
        """Refund a paid order: everything left when amount_cents is None."""
        body: Json = {"reason": reason}
        if amount_cents is not None:
            body["amount_cents"] = amount_cents
        return await self._json("POST", f"/orders/{order_id}/refund", json=body)

    async def admin_reports(self, status: str = "open", cursor: str | None = None) -> Json:
        return await self.page("/admin/reports", cursor=cursor, status=status, limit=50)

    async def restore_report(self, report_id: str) -> Json:
        return await self._json("POST", f"/admin/reports/{report_id}/restore")

    async def remove_report(self, report_id: str) -> Json:
        return await self._json("POST", f"/admin/reports/{report_id}/remove")

    async def report_post(self, post_id: str, reason: str) -> Json:
        return await self._json("POST", f"/wall/posts/{post_id}/report", json={"reason": reason})

    async def wall_post(self, post_id: str) -> Json:
        return await self._json("GET", f"/wall/posts/{post_id}")

    async def admin_config(self) -> Json:
        """Every stored setting: {"items": [{"key", "value", "description", ...}]}."""
        return await self._json("GET", "/admin/config")

    async def update_admin_config(self, values: dict[str, int]) -> Json:
        return await self._json("PATCH", "/admin/config", json={"values": values})

    async def audit_log(self, actor: str | None = None, action: str | None = None, cursor: str | None = None) -> Json:
        """Sensitive actions, newest first; action is exact or a prefix ending in "."."""
        return await self.page("/admin/audit-log", cursor=cursor, actor=actor, action=action, limit=50)


def error_from_response(response: httpx.Response) -> ApiError:
    """The ApiError for an error response: the API's envelope, or the status alone."""
    try:
        body = response.json()
    except ValueError:
        body = None
    retry_after = response.headers.get("Retry-After")
    retry = int(retry_after) if retry_after and retry_after.isdigit() else None
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        fields = body.get("fields") if isinstance(body.get("fields"), list) else []
        return ApiError(
            response.status_code,
            body["error"],
            str(body.get("detail", "")),
            fields=fields,
            retry_after=retry,
        )
    return ApiError(
        response.status_code,
        f"http_{response.status_code}",
        response.text[:200],
        retry_after=retry,
    )


async def parse_event_stream(lines: AsyncIterator[str]) -> AsyncIterator[ServerEvent]:
    """Events of a text/event-stream (comments and keep-alives are skipped)."""
    event, data, event_id = "message", [], None
    async for line in lines:
        if line == "":
            if data:
                yield ServerEvent(event=event, data="\n".join(data), id=event_id)
            event, data = "message", []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            event = value
        elif name == "data":
            data.append(value)
        elif name == "id":
            event_id = value
