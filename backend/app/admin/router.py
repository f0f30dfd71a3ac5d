"""The admin area: users, the audit log, teacher applications and certifications."""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from app.admin import service
from app.admin.schemas import (
    AdminUser,
    ApplicationForReview,
    AuditPage,
    CertificationForReview,
    MyCourse,
    RejectRequest,
    UserUpdate,
)
from app.db import Conn
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from app.ratelimit import client_ip
from app.security import AdminUser as Admin

router = APIRouter(prefix="/admin", tags=["admin"])
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Search = Annotated[str | None, Query(max_length=100, description="search in e-mail and name")]


@router.get("/users", response_model=Page[AdminUser])
async def list_users(
    conn: Conn,
    _: Admin,
    q: Search = None,
    role: Literal["student", "teacher", "admin"] | None = None,
    disabled: bool | None = None,
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[AdminUser]:
    return await service.list_users(
        conn, query=q, role=role, disabled=disabled, cursor=cursor, limit=limit
    )


@router.get("/users/{user_id}", response_model=AdminUser)
async def get_user(user_id: uuid.UUID, conn: Conn, _: Admin) -> AdminUser:
    return await service.get_user(conn, user_id)


@router.get("/users/{user_id}/courses", response_model=Page[MyCourse])
async def user_courses(
    user_id: uuid.UUID,
    conn: Conn,
    _: Admin,
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[MyCourse]:
    return await service.user_courses(conn, user_id, cursor, limit)


@router.patch("/users/{user_id}", response_model=AdminUser)
async def update_user(
    user_id: uuid.UUID, body: UserUpdate, request: Request, conn: Conn, admin: Admin
) -> AdminUser:
    return await service.update_user(
        conn, admin, user_id, role=body.role, disabled=body.disabled, ip=client_ip(request)
    )


@router.get("/audit-log", response_model=AuditPage)
async def audit_log(
    conn: Conn,
    _: Admin,
    actor: uuid.UUID | None = None,
    action: Annotated[
        str | None, Query(max_length=63, description="an action, or a prefix ending in '.'")
    ] = None,
    cursor: str | None = None,
    limit: Limit = 50,
) -> AuditPage:
    return await service.audit_log(conn, actor_id=actor, action=action, cursor=cursor, limit=limit)


@router.get("/teacher-applications", response_model=Page[ApplicationForReview])
async def list_applications(
    conn: Conn,
    _: Admin,
    status: Literal["pending", "approved", "rejected", "all"] = "pending",
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[ApplicationForReview]:
    return await service.list_applications(
        conn, status=None if status == "all" else status, cursor=cursor, limit=limit
    )


@router.post("/teacher-applications/{application_id}/approve", response_model=ApplicationForReview)
async def approve_application(
    application_id: uuid.UUID, request: Request, conn: Conn, admin: Admin
) -> ApplicationForReview:
    return await service.approve_application(conn, admin, application_id, client_ip(request))


@router.post("/teacher-applications/{application_id}/reject", response_model=ApplicationForReview)
async def reject_application(
    application_id: uuid.UUID, body: RejectRequest, request: Request, conn: Conn, admin: Admin
) -> ApplicationForReview:
    return await service.reject_application(
        conn, admin, application_id, body.reason, client_ip(request)
    )


@router.get("/certifications", response_model=Page[CertificationForReview])
async def list_certifications(
    conn: Conn,
    _: Admin,
    status: Literal["pending", "verified", "rejected", "all"] = "pending",
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[CertificationForReview]:
    return await service.list_certifications(
        conn, status=None if status == "all" else status, cursor=cursor, limit=limit
    )


@router.post("/certifications/{certification_id}/verify", response_model=CertificationForReview)
async def verify_certification(
    certification_id: uuid.UUID, request: Request, conn: Conn, admin: Admin
) -> CertificationForReview:
    return await service.review_certification(
        conn, admin, certification_id, verified=True, reason="", ip=client_ip(request)
    )


@router.post("/certifications/{certification_id}/reject", response_model=CertificationForReview)
async def reject_certification(
    certification_id: uuid.UUID, body: RejectRequest, request: Request, conn: Conn, admin: Admin
) -> CertificationForReview:
    return await service.review_certification(
        conn, admin, certification_id, verified=False, reason=body.reason, ip=client_ip(request)
    )
