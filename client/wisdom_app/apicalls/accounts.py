"""Calls about accounts: sign-in, registration, the profile, teacher applications."""

import logging
from typing import Any

from wisdom_app.apicalls.transport import Json, Transport
from wisdom_app.errors import ApiError

log = logging.getLogger("wisdom.api")


class AccountCalls(Transport):
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

    async def reset_password(self, token: str, new_password: str) -> None:
        """A new password with the token from the reset mail (it works once)."""
        await self._send("POST", "/auth/password/reset", json={"token": token, "new_password": new_password})

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

    async def export_my_data(self) -> bytes:
        """Everything the platform keeps about the caller: a zip (export.json, media/, LÄS_MIG.txt)."""
        content, _ = await self.download("/me/export")
        return content

    async def delete_me(self, password: str) -> None:
        """Erase the account (the password confirms it); the session ends with it."""
        await self.request("DELETE", "/me", json={"password": password})

    async def certificate(self, certificate_id: str) -> Json:
        return await self._json("GET", f"/certificates/{certificate_id}")

    async def payout_status(self) -> Json:
        return await self._json("GET", "/payouts/status")

    async def start_payout_onboarding(self) -> Json:
        """A link to the payment provider's onboarding: {"url", "expires_at", "account_id"}."""
        return await self._json("POST", "/payouts/stripe/onboard")

    # ------------------------------------------------------------------ teachers

    async def teachers(self, query: str = "", cursor: str | None = None) -> Json:
        """A page of approved teachers by name; `query` searches name and bio."""
        return await self.page("/teachers", cursor=cursor, limit=50, **({"q": query} if query else {}))

    async def teacher(self, teacher_id: str) -> Json:
        """A teacher's public page: bio, verified certifications, services, courses, seminars."""
        return await self._json("GET", f"/teachers/{teacher_id}")

    # ------------------------------------------------------------------ a teacher's certifications

    async def my_certifications(self) -> list[Json]:
        """The caller's certifications with their review status (pending, verified, rejected)."""
        found: list[Json] = await self.request("GET", "/teachers/me/certifications")
        return found

    async def add_certification(self, title: str, issuer: str, year: int, document_media_id: str | None = None) -> Json:
        """Submit a certification for review; `document_media_id`: a scan uploaded with upload_media."""
        body: Json = {"title": title, "issuer": issuer, "year": year}
        if document_media_id:
            body["document_media_id"] = document_media_id
        return await self._json("POST", "/teachers/me/certifications", json=body)

    async def delete_certification(self, certification_id: str) -> None:
        await self.request("DELETE", f"/teachers/me/certifications/{certification_id}")

    # ------------------------------------------------------------------ teacher applications

    async def apply_as_teacher(self, motivation: str, credentials: str = "") -> Json:
        return await self._json(
            "POST", "/teacher-applications", json={"motivation": motivation, "credentials": credentials}
        )
