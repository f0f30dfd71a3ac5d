"""GET /notifications and POST /notifications/read: the caller's own notifications."""

from typing import Annotated

from fastapi import APIRouter, Body, Query

from app.db import Conn
from app.notifications import service
from app.notifications.schemas import MarkRead, NotificationPage, ReadResult
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.security import CurrentUser

router = APIRouter(tags=["notifications"])


@router.get("/notifications", response_model=NotificationPage)
async def list_notifications(
    conn: Conn,
    user: CurrentUser,
    cursor: str | None = None,
    unread: Annotated[bool, Query(description="Only unread notifications")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> NotificationPage:
    return await service.list_notifications(conn, user.id, cursor, unread, limit)


@router.post("/notifications/read", response_model=ReadResult)
async def mark_read(
    conn: Conn, user: CurrentUser, body: Annotated[MarkRead | None, Body()] = None
) -> ReadResult:
    return await service.mark_read(conn, user.id, body.ids if body else None)
