"""Calls about buying and booking: services, orders, checkout, bookings, seminars."""

from typing import Any

from wisdom_app.apicalls.transport import Json, Transport


class CommerceCalls(Transport):
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

    async def cancel_seminar(self, seminar_id: str, reason: str = "") -> Json:
        """The host cancels: seats are refunded and attendees told (reason in the mail)."""
        return await self._json("POST", f"/seminars/{seminar_id}/cancel", json={"reason": reason})
