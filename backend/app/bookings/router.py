"""Bookings: a teacher's availability, free slots, bookings, package terms and credits."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from app.bookings import availability, service
from app.bookings.schemas import (
    AttendanceIn,
    AvailabilityIn,
    AvailabilityOut,
    BookingCreate,
    BookingOut,
    BookingPage,
    BookingStatus,
    BookingUpdate,
    CancelIn,
    CreditPage,
    ExceptionIn,
    ExceptionOut,
    PackageTermsIn,
    PackageTermsOut,
    RescheduleIn,
    SlotList,
)
from app.db import Conn
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.security import CurrentUser, OptionalUser, TeacherUser

router = APIRouter(tags=["bookings"])


# --- availability -----------------------------------------------------------------------------


@router.get("/me/availability", response_model=AvailabilityOut)
async def get_availability(conn: Conn, teacher: TeacherUser) -> AvailabilityOut:
    return await availability.get_availability(conn, teacher.id)


@router.put("/me/availability", response_model=AvailabilityOut)
async def put_availability(
    body: AvailabilityIn, conn: Conn, teacher: TeacherUser
) -> AvailabilityOut:
    return await availability.put_availability(conn, teacher, body)


@router.post(
    "/me/availability/exceptions",
    response_model=ExceptionOut,
    status_code=status.HTTP_201_CREATED,
)
async def add_exception(body: ExceptionIn, conn: Conn, teacher: TeacherUser) -> ExceptionOut:
    return await availability.add_exception(conn, teacher, body)


@router.delete("/me/availability/exceptions/{exception_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_exception(exception_id: uuid.UUID, conn: Conn, teacher: TeacherUser) -> Response:
    await availability.delete_exception(conn, teacher, exception_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/teachers/{teacher_id}/slots", response_model=SlotList)
async def list_slots(
    teacher_id: uuid.UUID,
    conn: Conn,
    viewer: OptionalUser,
    service_id: uuid.UUID,
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: date | None = None,
) -> SlotList:
    return await availability.list_slots(conn, teacher_id, service_id, viewer, from_, to)


# --- bookings ---------------------------------------------------------------------------------


@router.get("/bookings", response_model=BookingPage)
async def list_bookings(
    conn: Conn,
    user: CurrentUser,
    role: Literal["student", "teacher"] | None = None,
    status: BookingStatus | None = None,
    from_: Annotated[datetime | None, Query(alias="from")] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> BookingPage:
    return await service.list_bookings(conn, user, role, status, from_, cursor, limit)


@router.post("/bookings", response_model=BookingOut, status_code=status.HTTP_201_CREATED)
async def book_with_credit(body: BookingCreate, conn: Conn, user: CurrentUser) -> BookingOut:
    return await service.book_with_credit(conn, user, body)


@router.get("/bookings/{booking_id}", response_model=BookingOut)
async def get_booking(booking_id: uuid.UUID, conn: Conn, user: CurrentUser) -> BookingOut:
    return await service.get_booking(conn, booking_id, user)


@router.patch("/bookings/{booking_id}", response_model=BookingOut)
async def update_booking(
    booking_id: uuid.UUID, body: BookingUpdate, conn: Conn, user: CurrentUser
) -> BookingOut:
    return await service.update_place(conn, booking_id, user, body)


@router.post("/bookings/{booking_id}/cancel", response_model=BookingOut)
async def cancel_booking(
    booking_id: uuid.UUID, conn: Conn, user: CurrentUser, body: CancelIn | None = None
) -> BookingOut:
    return await service.cancel_booking(conn, booking_id, user, (body or CancelIn()).reason)


@router.post("/bookings/{booking_id}/reschedule", response_model=BookingOut)
async def reschedule_booking(
    booking_id: uuid.UUID, body: RescheduleIn, conn: Conn, user: CurrentUser
) -> BookingOut:
    return await service.reschedule_booking(conn, booking_id, user, body.slot_start)


@router.post("/bookings/{booking_id}/refund", response_model=BookingOut)
async def grant_refund(booking_id: uuid.UUID, conn: Conn, user: CurrentUser) -> BookingOut:
    return await service.grant_refund(conn, booking_id, user)


@router.post("/bookings/{booking_id}/attendance", response_model=BookingOut)
async def mark_attendance(
    booking_id: uuid.UUID, body: AttendanceIn, conn: Conn, user: CurrentUser
) -> BookingOut:
    return await service.mark_attendance(conn, booking_id, user, body.status)


# --- packages and credits ---------------------------------------------------------------------


@router.put("/services/{service_id}/package", response_model=PackageTermsOut)
async def set_package_terms(
    service_id: uuid.UUID, body: PackageTermsIn, conn: Conn, user: TeacherUser
) -> PackageTermsOut:
    return await service.set_package_terms(conn, service_id, user, body)


@router.get("/me/credits", response_model=CreditPage)
async def list_credits(
    conn: Conn,
    user: CurrentUser,
    include_all: Annotated[bool, Query(alias="all")] = False,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> CreditPage:
    return await service.list_credits(conn, user, not include_all, cursor, limit)
