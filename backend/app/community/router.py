"""The wall (posts, comments, reactions), reports and the admin's moderation queue."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from app.community import service
from app.community.schemas import (
    Comment,
    CommentCreate,
    CommentPage,
    Post,
    PostCreate,
    PostPage,
    PostUpdate,
    ReactionKind,
    ReactionState,
    Report,
    ReportCreate,
    ReportPage,
    ReportReceipt,
    ReportStatus,
)
from app.db import Conn
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.ratelimit import RateLimiter, client_ip, get_rate_limiter
from app.security import AdminUser, AppSettings, AuthUser, CurrentUser, TeacherUser

router = APIRouter(tags=["community"])
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Limiter = Annotated[RateLimiter, Depends(get_rate_limiter)]


async def _count_write(limiter: RateLimiter, settings: AppSettings, user: AuthUser) -> None:
    await limiter.hit(settings.community_write_rate_limit, "community-write", str(user.id))


# --- posts ------------------------------------------------------------------------------------


@router.get("/wall/posts", response_model=PostPage)
async def list_posts(
    conn: Conn, user: CurrentUser, cursor: str | None = None, limit: Limit = DEFAULT_LIMIT
) -> PostPage:
    return await service.list_posts(conn, user, cursor, limit)


@router.post("/wall/posts", response_model=Post, status_code=201)
async def create_post(
    body: PostCreate, conn: Conn, user: CurrentUser, settings: AppSettings, limiter: Limiter
) -> Post:
    await _count_write(limiter, settings, user)
    return await service.create_post(conn, user, body)


@router.get("/wall/posts/{post_id}", response_model=Post)
async def get_post(post_id: uuid.UUID, conn: Conn, user: CurrentUser) -> Post:
    return await service.get_post(conn, user, post_id)


@router.patch("/wall/posts/{post_id}", response_model=Post)
async def update_post(post_id: uuid.UUID, body: PostUpdate, conn: Conn, user: CurrentUser) -> Post:
    return await service.update_post(conn, user, post_id, body)


@router.delete("/wall/posts/{post_id}", status_code=204)
async def delete_post(
    post_id: uuid.UUID, request: Request, conn: Conn, user: CurrentUser
) -> Response:
    await service.delete_post(conn, user, post_id, client_ip(request))
    return Response(status_code=204)


@router.post("/wall/posts/{post_id}/pin", response_model=Post)
async def pin_post(post_id: uuid.UUID, conn: Conn, user: TeacherUser) -> Post:
    return await service.set_pinned(conn, user, post_id, True)


@router.delete("/wall/posts/{post_id}/pin", response_model=Post)
async def unpin_post(post_id: uuid.UUID, conn: Conn, user: TeacherUser) -> Post:
    return await service.set_pinned(conn, user, post_id, False)


# --- comments ---------------------------------------------------------------------------------


@router.get("/wall/posts/{post_id}/comments", response_model=CommentPage)
async def list_comments(
    post_id: uuid.UUID,
    conn: Conn,
    user: CurrentUser,
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> CommentPage:
    return await service.list_comments(conn, user, post_id, cursor, limit)


@router.post("/wall/posts/{post_id}/comments", response_model=Comment, status_code=201)
async def create_comment(
    post_id: uuid.UUID,
    body: CommentCreate,
    conn: Conn,
    user: CurrentUser,
    settings: AppSettings,
    limiter: Limiter,
) -> Comment:
    await _count_write(limiter, settings, user)
    return await service.create_comment(conn, user, post_id, body.body)


@router.patch("/wall/comments/{comment_id}", response_model=Comment)
async def update_comment(
    comment_id: uuid.UUID, body: CommentCreate, conn: Conn, user: CurrentUser
) -> Comment:
    return await service.update_comment(conn, user, comment_id, body.body)


@router.delete("/wall/comments/{comment_id}", status_code=204)
async def delete_comment(
    comment_id: uuid.UUID, request: Request, conn: Conn, user: CurrentUser
) -> Response:
    await service.delete_comment(conn, user, comment_id, client_ip(request))
    return Response(status_code=204)


# --- reactions --------------------------------------------------------------------------------


@router.put("/wall/posts/{post_id}/reactions/{kind}", response_model=ReactionState)
async def react_to_post(
    post_id: uuid.UUID, kind: ReactionKind, conn: Conn, user: CurrentUser
) -> ReactionState:
    return await service.add_reaction(conn, user, "post", post_id, kind)


@router.delete("/wall/posts/{post_id}/reactions/{kind}", response_model=ReactionState)
async def unreact_to_post(
    post_id: uuid.UUID, kind: ReactionKind, conn: Conn, user: CurrentUser
) -> ReactionState:
    return await service.remove_reaction(conn, user, "post", post_id, kind)


@router.put("/wall/comments/{comment_id}/reactions/{kind}", response_model=ReactionState)
async def react_to_comment(
    comment_id: uuid.UUID, kind: ReactionKind, conn: Conn, user: CurrentUser
) -> ReactionState:
    return await service.add_reaction(conn, user, "comment", comment_id, kind)


@router.delete("/wall/comments/{comment_id}/reactions/{kind}", response_model=ReactionState)
async def unreact_to_comment(
    comment_id: uuid.UUID, kind: ReactionKind, conn: Conn, user: CurrentUser
) -> ReactionState:
    return await service.remove_reaction(conn, user, "comment", comment_id, kind)


# --- reports ----------------------------------------------------------------------------------


@router.post("/wall/posts/{post_id}/report", response_model=ReportReceipt, status_code=201)
async def report_post(
    post_id: uuid.UUID,
    body: ReportCreate,
    conn: Conn,
    user: CurrentUser,
    settings: AppSettings,
    limiter: Limiter,
) -> ReportReceipt:
    await _count_write(limiter, settings, user)
    return await service.report_post(conn, user, post_id, body.reason)


@router.post("/wall/comments/{comment_id}/report", response_model=ReportReceipt, status_code=201)
async def report_comment(
    comment_id: uuid.UUID,
    body: ReportCreate,
    conn: Conn,
    user: CurrentUser,
    settings: AppSettings,
    limiter: Limiter,
) -> ReportReceipt:
    await _count_write(limiter, settings, user)
    return await service.report_comment(conn, user, comment_id, body.reason)


@router.post("/messages/{message_id}/report", response_model=ReportReceipt, status_code=201)
async def report_message(
    message_id: int,
    body: ReportCreate,
    conn: Conn,
    user: CurrentUser,
    settings: AppSettings,
    limiter: Limiter,
) -> ReportReceipt:
    await _count_write(limiter, settings, user)
    return await service.report_message(conn, user, message_id, body.reason)


# --- moderation (admins) ----------------------------------------------------------------------


@router.get("/admin/reports", response_model=ReportPage)
async def list_reports(
    conn: Conn,
    _: AdminUser,
    status: ReportStatus = "open",
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> ReportPage:
    return await service.list_reports(conn, status, cursor, limit)


@router.post("/admin/reports/{report_id}/restore", response_model=Report)
async def restore_reported(
    report_id: uuid.UUID, request: Request, conn: Conn, admin: AdminUser
) -> Report:
    return await service.resolve_report(conn, admin, report_id, "restore", client_ip(request))


@router.post("/admin/reports/{report_id}/remove", response_model=Report)
async def remove_reported(
    report_id: uuid.UUID, request: Request, conn: Conn, admin: AdminUser
) -> Report:
    return await service.resolve_report(conn, admin, report_id, "remove", client_ip(request))
