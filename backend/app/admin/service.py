"""The admin area: users (list, role, disable), the audit log, and the review queues of
teacher applications and certifications (whose rules live in app.teachers)."""

import uuid

from app.admin.schemas import AuditEntry, AuditPage
from app.audit import service as audit
from app.auth import service as auth
from app.courses import service as courses
from app.courses.schemas import MyCourse
from app.db import Connection
from app.errors import Conflict, NotFound
from app.pagination import Page
from app.profiles import service as profiles
from app.profiles.schemas import AdminUser
from app.security import AuthUser
from app.teachers import service as teachers
from app.teachers.schemas import ApplicationForReview, CertificationForReview

list_applications = teachers.list_applications
approve_application = teachers.approve_application
reject_application = teachers.reject_application
list_certifications = teachers.list_certifications
review_certification = teachers.review_certification


async def list_users(
    conn: Connection,
    *,
    query: str | None,
    role: str | None,
    disabled: bool | None,
    cursor: str | None,
    limit: int,
) -> Page[AdminUser]:
    return await profiles.list_users(
        conn, query=query, role=role, disabled=disabled, cursor=cursor, limit=limit
    )


async def update_user(
    conn: Connection,
    admin: AuthUser,
    user_id: uuid.UUID,
    *,
    role: str | None,
    disabled: bool | None,
    ip: str | None,
) -> AdminUser:
    """Change a user's role and/or disable (or enable) them. Disabling ends every session at
    once. Admins cannot change or disable themselves (so the last admin cannot lock everyone
    out by mistake)."""
    if user_id == admin.id and (role not in (None, admin.role) or disabled):
        raise Conflict("You cannot change your own role or disable yourself", code="self_change")
    row = await profiles.lock_row(conn, user_id)
    if role is not None and role != row["role"]:
        before = row["role"]
        row = await profiles.set_role(conn, user_id, role)
        await audit.record(
            conn,
            "user.role_change",
            actor_id=admin.id,
            subject_user_id=user_id,
            object_type="profile",
            object_id=str(user_id),
            ip=ip,
            meta={"from": before, "to": role},
        )
    if disabled is not None and disabled != (row["disabled_at"] is not None):
        row = await profiles.set_disabled(conn, user_id, disabled)
        ended = await auth.revoke_all_sessions(conn, user_id, "disabled") if disabled else 0
        await audit.record(
            conn,
            "user.disable" if disabled else "user.enable",
            actor_id=admin.id,
            subject_user_id=user_id,
            object_type="profile",
            object_id=str(user_id),
            ip=ip,
            meta={"sessions_ended": ended} if disabled else {},
        )
    return profiles.to_admin_user(row)


async def audit_log(
    conn: Connection,
    *,
    actor_id: uuid.UUID | None,
    action: str | None,
    cursor: str | None,
    limit: int,
) -> AuditPage:
    rows, next_cursor = await audit.list_entries(
        conn, actor_id=actor_id, action=action, cursor=cursor, limit=limit
    )
    return AuditPage(items=[AuditEntry(**dict(r)) for r in rows], next_cursor=next_cursor)


async def user_courses(
    conn: Connection, user_id: uuid.UUID, cursor: str | None, limit: int
) -> Page[MyCourse]:
    """A user's enrollments with their progress, for the admin's view of the user."""
    await get_user(conn, user_id)
    return await courses.user_courses(conn, user_id, cursor, limit)


async def get_user(conn: Connection, user_id: uuid.UUID) -> AdminUser:
    row = await profiles.get_row(conn, user_id)
    if row is None:
        raise NotFound("No such user", code="user_not_found")
    return profiles.to_admin_user(row)


__all__ = [
    "ApplicationForReview",
    "CertificationForReview",
    "approve_application",
    "audit_log",
    "get_user",
    "list_applications",
    "list_certifications",
    "list_users",
    "reject_application",
    "review_certification",
    "update_user",
    "user_courses",
]
