#!/usr/bin/env python3
"""Smoke test of a running Wisdom API: the teacher's and the student's main path, end to end.

    backend/.venv/bin/python scripts/qa_teacher_smoke.py [URL]     (default http://127.0.0.1:8000)

A new teacher registers and applies, an admin approves them, the teacher publishes a service; a
new student orders it and pays (the dummy provider's checkout offline; with Stripe in test mode
it prints the Checkout link and waits for the webhook), and the order is paid; the teacher
schedules a seminar five minutes from now, the student takes a seat and gets an SFU (LiveKit)
token, which is checked but not used; the feed shows the new items.

One line per step; at the first failure it prints what was expected and what came, and exits 1.
Needs httpx (in the backend's virtualenv). The admin is SMOKE_ADMIN_EMAIL/SMOKE_ADMIN_PASSWORD,
by default the demo admin of `make seed`. SMOKE_STRIPE_WAIT_SECONDS (default 300) bounds the wait
for a Stripe test payment.
"""

import base64
import json
import os
import secrets
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

DEFAULT_URL = "http://127.0.0.1:8000"
PASSWORD = "smoke-" + secrets.token_urlsafe(12)


class StepFailed(Exception):
    pass


def _excerpt(response: httpx.Response) -> str:
    text = response.text.strip().replace("\n", " ")
    return f"{response.status_code} {text[:300]}"


def expect_status(response: httpx.Response, status: int, what: str) -> Any:
    if response.status_code != status:
        raise StepFailed(
            f"{what}: expected HTTP {status}, got {_excerpt(response)} "
            f"({response.request.method} {response.request.url.path})"
        )
    return response.json() if "json" in response.headers.get("content-type", "") else None


def expect(condition: bool, expected: str, got: object) -> None:
    if not condition:
        raise StepFailed(f"expected {expected}, got {got!r}")


class Smoke:
    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url.rstrip("/"), timeout=30.0)
        self.tag = secrets.token_hex(4)
        self.state: dict[str, Any] = {}
        self.steps = 0

    def step(self, title: str, action: Callable[[], str]) -> None:
        self.steps += 1
        started = time.monotonic()
        try:
            detail = action()
        except StepFailed as exc:
            print(f"FAIL {self.steps:2d}. {title}: {exc}", flush=True)
            raise
        except httpx.HTTPError as exc:
            print(f"FAIL {self.steps:2d}. {title}: expected an answer, got {exc!r}", flush=True)
            raise StepFailed(str(exc)) from exc
        except (KeyError, TypeError, ValueError) as exc:
            # An answer without the documented shape (a missing field, not JSON).
            print(f"FAIL {self.steps:2d}. {title}: unexpected answer: {exc!r}", flush=True)
            raise StepFailed(str(exc)) from exc
        ms = (time.monotonic() - started) * 1000
        print(f"ok   {self.steps:2d}. {title}: {detail} ({ms:.0f} ms)", flush=True)

    @staticmethod
    def auth(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    # -- the steps ------------------------------------------------------------------------------

    def health(self) -> str:
        body = expect_status(self.http.get("/health"), 200, "GET /health")
        expect(body.get("database") == "ok", "database ok", body)
        return f"database {body['database']}, migration {body.get('migration')}"

    def register(self, who: str, name: str) -> str:
        email = f"smoke-{who}-{self.tag}@example.se"
        body = expect_status(
            self.http.post(
                "/auth/register",
                json={"email": email, "password": PASSWORD, "display_name": name},
            ),
            201,
            "POST /auth/register",
        )
        expect(body["profile"]["role"] == "student", "a new account to be a student", body)
        self.state[who] = {"token": body["access_token"], "id": body["profile"]["id"]}
        return f"{email} ({body['profile']['id']})"

    def apply_to_teach(self) -> str:
        body = expect_status(
            self.http.post(
                "/teacher-applications",
                json={
                    "motivation": "Jag har lett meditationsgrupper i tio år.",
                    "credentials": "Certifierad yogalärare (RYT 500)",
                },
                headers=self.auth(self.state["teacher"]["token"]),
            ),
            201,
            "POST /teacher-applications",
        )
        expect(body["status"] == "pending", "a pending application", body["status"])
        self.state["application"] = body["id"]
        return f"application {body['id']} pending"

    def admin_login(self) -> str:
        email = os.environ.get("SMOKE_ADMIN_EMAIL", "admin@wisdom.local")
        password = os.environ.get("SMOKE_ADMIN_PASSWORD", "wisdom-demo-2026")
        body = expect_status(
            self.http.post("/auth/login", json={"email": email, "password": password}),
            200,
            f"POST /auth/login as {email}",
        )
        expect(body["profile"]["role"] == "admin", "an admin account", body["profile"]["role"])
        self.state["admin"] = {"token": body["access_token"]}
        return email

    def approve(self) -> str:
        app_id = self.state["application"]
        body = expect_status(
            self.http.post(
                f"/admin/teacher-applications/{app_id}/approve",
                headers=self.auth(self.state["admin"]["token"]),
            ),
            200,
            "POST /admin/teacher-applications/{id}/approve",
        )
        expect(body["status"] == "approved", "status approved", body["status"])
        me = expect_status(
            self.http.get("/me", headers=self.auth(self.state["teacher"]["token"])),
            200,
            "GET /me",
        )
        expect(me["role"] == "teacher", "the applicant to be a teacher now", me["role"])
        return "the applicant is a teacher"

    def create_service(self) -> str:
        headers = self.auth(self.state["teacher"]["token"])
        body = expect_status(
            self.http.post(
                "/services",
                json={
                    "title": f"Tarotläsning {self.tag}",
                    "description": "En personlig läsning över video, 45 minuter.",
                    "kind": "reading",
                    "duration_minutes": 45,
                    "price_cents": 45000,
                },
                headers=headers,
            ),
            201,
            "POST /services",
        )
        service_id = body["id"]
        body = expect_status(
            self.http.post(f"/services/{service_id}/publish", headers=headers),
            200,
            "POST /services/{id}/publish",
        )
        expect(body["status"] == "active", "an active service", body["status"])
        self.state["service"] = service_id
        return f"service {service_id} active, {body['price_cents'] / 100:.2f} {body['currency']}"

    def order(self) -> str:
        body = expect_status(
            self.http.post(
                "/orders",
                json={"service_id": self.state["service"], "note": "Gärna på kvällstid."},
                headers=self.auth(self.state["student"]["token"]),
            ),
            201,
            "POST /orders",
        )
        expect(body["status"] == "pending", "a pending order", body["status"])
        expect(body["amount_cents"] == 45000, "the service's price", body["amount_cents"])
        self.state["order"] = body["id"]
        return f"order {body['id']} pending, {body['amount_cents']} cents"

    def pay(self) -> str:
        headers = self.auth(self.state["student"]["token"])
        checkout = expect_status(
            self.http.post(
                "/payments/stripe/create-session",
                json={"order_id": self.state["order"]},
                headers=headers,
            ),
            200,
            "POST /payments/stripe/create-session",
        )
        url = checkout["checkout_url"]
        if checkout["provider"] == "dummy":
            # The dummy checkout page's "Betala" button: the API signs and sends itself the
            # checkout.session.completed webhook, then redirects to the success page.
            path = urlsplit(url).path
            page = self.http.get(path)
            expect(page.status_code == 200, "the dummy checkout page (200)", _excerpt(page))
            paid = self.http.post(f"{path}/pay")
            expect(paid.status_code == 303, "a redirect to the success page (303)", _excerpt(paid))
            return f"dummy checkout {checkout['session_id']} paid"
        wait = float(os.environ.get("SMOKE_STRIPE_WAIT_SECONDS", "300"))
        print(
            f"     Stripe test mode: pay with card 4242 4242 4242 4242 at\n     {url}\n"
            f"     (waiting up to {wait:.0f} s for the webhook)",
            flush=True,
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            order = expect_status(
                self.http.get(f"/orders/{self.state['order']}", headers=headers),
                200,
                "GET /orders/{id}",
            )
            if order["status"] != "pending":
                return f"Stripe checkout {checkout['session_id']} completed"
            time.sleep(3)
        raise StepFailed(f"expected the Stripe webhook within {wait:.0f} s, got none")

    def order_is_paid(self) -> str:
        order = expect_status(
            self.http.get(
                f"/orders/{self.state['order']}",
                headers=self.auth(self.state["student"]["token"]),
            ),
            200,
            "GET /orders/{id}",
        )
        expect(order["status"] == "paid", "status paid", order["status"])
        expect(order.get("paid_at") is not None, "paid_at set", order.get("paid_at"))
        seller_view = expect_status(
            self.http.get(
                f"/orders/{self.state['order']}",
                headers=self.auth(self.state["teacher"]["token"]),
            ),
            200,
            "GET /orders/{id} as the seller",
        )
        expect(seller_view["status"] == "paid", "the seller to see it paid", seller_view["status"])
        return f"order paid at {order['paid_at']}"

    def create_seminar(self) -> str:
        starts = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=5)
        body = expect_status(
            self.http.post(
                "/seminars",
                json={
                    "title": f"Kvällsmeditation {self.tag}",
                    "description": "Guidad meditation i grupp.",
                    "starts_at": starts.isoformat(),
                    "duration_minutes": 45,
                    "capacity": 12,
                    "price_cents": 0,
                },
                headers=self.auth(self.state["teacher"]["token"]),
            ),
            201,
            "POST /seminars",
        )
        expect(body["status"] == "scheduled", "a scheduled seminar", body["status"])
        self.state["seminar"] = body["id"]
        return f"seminar {body['id']} starts {starts:%H:%M} UTC"

    def take_seat(self) -> str:
        body = expect_status(
            self.http.post(
                f"/seminars/{self.state['seminar']}/register",
                headers=self.auth(self.state["student"]["token"]),
            ),
            201,
            "POST /seminars/{id}/register",
        )
        expect(body.get("status") == "seated", "status seated", body)
        return "seated"

    def sfu_token(self) -> str:
        body = expect_status(
            self.http.post(
                "/sfu/token",
                json={"seminar_id": self.state["seminar"]},
                headers=self.auth(self.state["student"]["token"]),
            ),
            200,
            "POST /sfu/token",
        )
        expect(body["role"] == "attendee", "role attendee", body["role"])
        expect(
            body["identity"] == self.state["student"]["id"], "the student's id", body["identity"]
        )
        claims = _jwt_claims(body["token"])
        grant = claims.get("video", {})
        expect(grant.get("room") == body["room"], f"a grant for room {body['room']}", grant)
        expect(grant.get("roomJoin") is True, "roomJoin in the grant", grant)
        return f"token for room {body['room']} on {body['ws_url']}, until {body['expires_at']}"

    def feed(self) -> str:
        body = expect_status(
            self.http.get(
                "/feed", params={"limit": 50}, headers=self.auth(self.state["student"]["token"])
            ),
            200,
            "GET /feed",
        )
        seen = {(item["kind"], item["subject_id"]) for item in body["items"]}
        wanted = {
            ("service_published", self.state["service"]),
            ("seminar_created", self.state["seminar"]),
            ("teacher_approved", self.state["teacher"]["id"]),
        }
        missing = wanted - seen
        expect(not missing, f"the new items {sorted(k for k, _ in wanted)}", sorted(missing))
        return f"{len(wanted)} new items among {len(body['items'])}"

    def run(self) -> None:
        self.step("API is up", self.health)
        self.step("teacher registers", lambda: self.register("teacher", "Smoke Lärare"))
        self.step("teacher applies to teach", self.apply_to_teach)
        self.step("admin signs in", self.admin_login)
        self.step("admin approves the teacher", self.approve)
        self.step("teacher creates and publishes a service", self.create_service)
        self.step("student registers", lambda: self.register("student", "Smoke Elev"))
        self.step("student orders the service", self.order)
        self.step("student pays at checkout", self.pay)
        self.step("order is paid", self.order_is_paid)
        self.step("teacher schedules a seminar in 5 minutes", self.create_seminar)
        self.step("student takes a seat", self.take_seat)
        self.step("student fetches an SFU token", self.sfu_token)
        self.step("feed shows the new items", self.feed)


def _jwt_claims(token: str) -> dict[str, Any]:
    parts = token.split(".")
    expect(len(parts) == 3, "a JWT (three dot-separated parts)", token[:40])
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    claims: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload))
    return claims


def main(argv: list[str]) -> int:
    base_url = argv[1] if len(argv) > 1 else DEFAULT_URL
    print(f"Wisdom smoke test against {base_url}", flush=True)
    smoke = Smoke(base_url)
    try:
        smoke.run()
    except StepFailed:
        return 1
    print(f"smoke: all {smoke.steps} steps passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
