"""Live seminars: scheduling (teachers), seats, the waitlist and the attendee list."""

import uuid
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from pydantic import AwareDatetime

from app.db import Conn
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.security import AppSettings, CurrentUser, OptionalUser, TeacherUser
from app.seminars import service
from app.seminars.schemas import (
    FellowAttendeePage,
    HostAttendeePage,
    RegistrationOut,
    SeminarCancel,
    SeminarCreate,
    SeminarDetail,
    SeminarOut,
    SeminarPage,
    SeminarUpdate,
    WaitlistEntryOut,
)

router = APIRouter(tags=["seminars"])
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]


@router.get("/seminars", response_model=SeminarPage)
async def list_seminars(
    conn: Conn,
    teacher: Annotated[uuid.UUID | None, Query(description="only this host's seminars")] = None,
    free: Annotated[bool | None, Query(description="true: free only; false: paid only")] = None,
    starts_from: Annotated[
        AwareDatetime | None, Query(alias="from", description="starting at or after this time")
    ] = None,
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> SeminarPage:
    return await service.list_seminars(
        conn, teacher_id=teacher, free=free, starts_from=starts_from, cursor=cursor, limit=limit
    )


@router.post("/seminars", response_model=SeminarOut, status_code=status.HTTP_201_CREATED)
async def create_seminar(body: SeminarCreate, conn: Conn, teacher: TeacherUser) -> SeminarOut:
    return await service.create_seminar(conn, teacher, body)


@router.get("/seminars/{seminar_id}", response_model=SeminarDetail)
async def get_seminar(
    seminar_id: uuid.UUID, conn: Conn, user: OptionalUser, settings: AppSettings
) -> SeminarDetail:
    detail = await service.get_seminar(conn, seminar_id, user)
    detail.room_opens_at = detail.starts_at - timedelta(minutes=settings.sfu_join_early_minutes)
    return detail


@router.patch("/seminars/{seminar_id}", response_model=SeminarOut)
async def update_seminar(
    seminar_id: uuid.UUID, body: SeminarUpdate, conn: Conn, user: CurrentUser
) -> SeminarOut:
    return await service.update_seminar(conn, user, seminar_id, body)


@router.post("/seminars/{seminar_id}/cancel", response_model=SeminarOut)
async def cancel_seminar(
    seminar_id: uuid.UUID, conn: Conn, user: CurrentUser, body: SeminarCancel | None = None
) -> SeminarOut:
    return await service.cancel_seminar(conn, user, seminar_id, body.reason if body else "")


@router.post(
    "/seminars/{seminar_id}/register",
    response_model=RegistrationOut,
    status_code=status.HTTP_201_CREATED,
)
async def register(seminar_id: uuid.UUID, conn: Conn, user: CurrentUser) -> RegistrationOut:
    return await service.register(conn, user, seminar_id)


@router.delete("/seminars/{seminar_id}/registration", response_model=RegistrationOut)
async def unregister(seminar_id: uuid.UUID, conn: Conn, user: CurrentUser) -> RegistrationOut:
    return await service.unregister(conn, user, seminar_id)


@router.post(
    "/seminars/{seminar_id}/waitlist",
    response_model=WaitlistEntryOut,
    status_code=status.HTTP_201_CREATED,
)
async def join_waitlist(seminar_id: uuid.UUID, conn: Conn, user: CurrentUser) -> WaitlistEntryOut:
    return await service.join_waitlist(conn, user, seminar_id)


@router.delete("/seminars/{seminar_id}/waitlist", status_code=status.HTTP_204_NO_CONTENT)
async def leave_waitlist(seminar_id: uuid.UUID, conn: Conn, user: CurrentUser) -> Response:
    await service.leave_waitlist(conn, user, seminar_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/seminars/{seminar_id}/attendees", response_model=HostAttendeePage | FellowAttendeePage
)
async def list_attendees(
    seminar_id: uuid.UUID,
    conn: Conn,
    user: CurrentUser,
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> HostAttendeePage | FellowAttendeePage:
    """The host (and admins) get emails and attendance; seated attendees get names only."""
    return await service.list_attendees(conn, user, seminar_id, cursor, limit)
