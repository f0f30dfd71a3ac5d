"""Calls of the admin area: applications, certifications, users, reports, orders, settings, audit."""

from typing import Any

from wisdom_app.apicalls.transport import Json, Transport


class AdminCalls(Transport):
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
