"""A teacher's availability (weekly hours, exceptions, booking rules) and the free slots it gives.

All hours are Stockholm wall-clock time; app.bookings.slots turns them into instants. A teacher
takes bookings once their rules are saved (PUT /me/availability).
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.bookings import holds, repository, slots
from app.bookings.schemas import (
    AvailabilityIn,
    AvailabilityOut,
    ExceptionIn,
    ExceptionOut,
    Slot,
    SlotList,
    WeeklyHours,
)
from app.db import Connection
from app.errors import Conflict, NotFound, Unprocessable
from app.security import AuthUser
from app.services import service as services_service
from app.services.schemas import ServiceOut

BOOKABLE_KINDS = ("reading", "coaching", "session")
MAX_SLOT_RANGE_DAYS = 62
DEFAULT_SLOT_RANGE_DAYS = 14
MAX_UPCOMING_EXCEPTIONS = 500
EXCEPTION_HORIZON_DAYS = 2 * 366


@dataclass(frozen=True)
class BookingRules:
    """A teacher's saved booking rules (a row of app.availability_settings)."""

    teacher_id: uuid.UUID
    buffer: timedelta
    min_notice: timedelta
    max_ahead: timedelta
    cancellation_window_hours: int
    meeting_url: str
    location: str


def today_local(now: datetime | None = None) -> date:
    return slots.local_date(now or datetime.now(UTC))


@dataclass(frozen=True)
class ServiceForOrder:
    """A service as an order sees it and its teacher's rules (None: the teacher takes no
    bookings), read together."""

    service: ServiceOut
    rules: BookingRules | None


def _rules_of(row: Any, prefix: str = "") -> BookingRules:
    return BookingRules(
        teacher_id=row[f"{prefix}teacher_id"],
        buffer=timedelta(minutes=row[f"{prefix}buffer_minutes"]),
        min_notice=timedelta(minutes=row[f"{prefix}min_notice_minutes"]),
        max_ahead=timedelta(days=row[f"{prefix}max_days_ahead"]),
        cancellation_window_hours=row[f"{prefix}cancellation_window_hours"],
        meeting_url=row[f"{prefix}meeting_url"],
        location=row[f"{prefix}location"],
    )


async def booking_rules(conn: Connection, teacher_id: uuid.UUID) -> BookingRules | None:
    """The teacher's rules; None when the teacher takes no bookings."""
    row = await repository.get_settings(conn, teacher_id)
    return _rules_of(row) if row else None


async def service_for_order(conn: Connection, service_id: uuid.UUID) -> ServiceForOrder | None:
    """The service (any status) and its teacher's rules in one round trip; None when there is
    no such service."""
    row = await repository.service_with_settings(conn, service_id)
    if row is None:
        return None
    rules = _rules_of(row, "rules_") if row["rules_teacher_id"] is not None else None
    return ServiceForOrder(services_service.for_order_of(row), rules)


def _exception_out(row: Any) -> ExceptionOut:
    start, end = row["start_minute"], row["end_minute"]
    return ExceptionOut(
        id=row["id"],
        date=row["on_date"],
        kind=row["kind"],
        start=slots.clock_text(start) if start is not None else None,
        end=slots.clock_text(end) if end is not None else None,
        note=row["note"],
    )


async def load_rules(
    conn: Connection, teacher_id: uuid.UUID, first_day: date, last_day: date
) -> slots.Rules:
    weekly: dict[int, list[slots.Span]] = {}
    for row in await repository.list_weekly(conn, teacher_id):
        weekly.setdefault(row["weekday"], []).append(
            slots.Span(row["start_minute"], row["end_minute"])
        )
    exceptions: dict[date, list[slots.DayException]] = {}
    for row in await repository.list_exceptions(conn, teacher_id, first_day, last_day):
        span = (
            slots.Span(row["start_minute"], row["end_minute"])
            if row["start_minute"] is not None
            else None
        )
        exceptions.setdefault(row["on_date"], []).append(slots.DayException(row["kind"], span))
    return slots.Rules(weekly, exceptions)


# --- the teacher's own availability -----------------------------------------------------------


async def get_availability(
    conn: Connection, teacher_id: uuid.UUID, now: datetime | None = None
) -> AvailabilityOut:
    row = await repository.get_settings(conn, teacher_id)
    defaults = AvailabilityIn()
    weekly = [
        WeeklyHours(
            weekday=r["weekday"],
            start=slots.clock_text(r["start_minute"]),
            end=slots.clock_text(r["end_minute"]),
        )
        for r in await repository.list_weekly(conn, teacher_id)
    ]
    exceptions = await repository.list_exceptions(conn, teacher_id, today_local(now), None)
    source: Any = row if row is not None else defaults.model_dump()
    return AvailabilityOut(
        teacher_id=teacher_id,
        accepts_bookings=row is not None,
        buffer_minutes=source["buffer_minutes"],
        min_notice_minutes=source["min_notice_minutes"],
        max_days_ahead=source["max_days_ahead"],
        cancellation_window_hours=source["cancellation_window_hours"],
        meeting_url=source["meeting_url"],
        location=source["location"],
        weekly=weekly,
        exceptions=[_exception_out(r) for r in exceptions],
    )


async def put_availability(
    conn: Connection, teacher: AuthUser, body: AvailabilityIn
) -> AvailabilityOut:
    """Save the rules and replace every weekly hour. Bookings already made keep their time."""
    await repository.upsert_settings(
        conn,
        teacher.id,
        buffer_minutes=body.buffer_minutes,
        min_notice_minutes=body.min_notice_minutes,
        max_days_ahead=body.max_days_ahead,
        cancellation_window_hours=body.cancellation_window_hours,
        meeting_url=body.meeting_url.strip(),
        location=body.location.strip(),
    )
    hours = sorted(
        (h.weekday, slots.minutes_of(h.start), slots.minutes_of(h.end)) for h in body.weekly
    )
    await repository.replace_weekly(
        conn, teacher.id, [h[0] for h in hours], [h[1] for h in hours], [h[2] for h in hours]
    )
    return await get_availability(conn, teacher.id)


async def add_exception(
    conn: Connection, teacher: AuthUser, body: ExceptionIn, now: datetime | None = None
) -> ExceptionOut:
    today = today_local(now)
    if body.date < today:
        raise Unprocessable("The date has passed", code="date_in_past")
    if body.date > today + timedelta(days=EXCEPTION_HORIZON_DAYS):
        raise Unprocessable("The date is more than two years ahead", code="date_too_far")
    if await repository.count_upcoming_exceptions(conn, teacher.id, today) >= (
        MAX_UPCOMING_EXCEPTIONS
    ):
        raise Conflict(
            f"At most {MAX_UPCOMING_EXCEPTIONS} upcoming exceptions; delete some first",
            code="too_many_exceptions",
        )
    row = await repository.insert_exception(
        conn,
        teacher.id,
        body.date,
        body.kind,
        slots.minutes_of(body.start) if body.start else None,
        slots.minutes_of(body.end) if body.end else None,
        body.note.strip(),
    )
    return _exception_out(row)


async def delete_exception(conn: Connection, teacher: AuthUser, exception_id: uuid.UUID) -> None:
    if not await repository.delete_exception(conn, teacher.id, exception_id):
        raise NotFound("No such exception", code="exception_not_found")


# --- slots ------------------------------------------------------------------------------------


def require_bookable(service: ServiceOut) -> None:
    if service.kind not in BOOKABLE_KINDS:
        raise Unprocessable(
            "Sessions of a package are booked with its credits (POST /bookings) on the "
            "teacher's reading, coaching or session services",
            code="not_bookable",
        )


async def check_start(
    conn: Connection,
    rules: BookingRules,
    start: datetime,
    duration: timedelta,
    now: datetime,
) -> None:
    """Whether the teacher offers this start time for a session this long (free or not: the
    database decides that when the time is taken). 409 with the reason otherwise."""
    if start < now + rules.min_notice:
        raise Conflict(
            "This time is too soon: the teacher takes bookings at least "
            f"{int(rules.min_notice.total_seconds() // 60)} minutes ahead",
            code="slot_too_soon",
        )
    if start > now + rules.max_ahead:
        raise Conflict(
            f"This time is too far ahead: at most {rules.max_ahead.days} days",
            code="slot_too_far",
        )
    day = slots.local_date(start)
    day_rules = await load_rules(conn, rules.teacher_id, day, day)
    if not slots.is_offered_start(day_rules, start, duration, rules.buffer):
        raise Conflict(
            "The teacher does not offer this start time; pick one from "
            f"GET /teachers/{rules.teacher_id}/slots",
            code="slot_unavailable",
        )


def _slot(start: datetime, duration: timedelta) -> Slot:
    end = start + duration
    return Slot(
        start=start.astimezone(slots.STOCKHOLM),
        end=end.astimezone(slots.STOCKHOLM),
        start_utc=start.astimezone(UTC),
        end_utc=end.astimezone(UTC),
    )


def _slot_range(from_date: date | None, to_date: date | None, now: datetime) -> tuple[date, date]:
    first = from_date or today_local(now)
    last = to_date or first + timedelta(days=DEFAULT_SLOT_RANGE_DAYS - 1)
    if last < first:
        raise Unprocessable("to must not be before from", code="invalid_range")
    if (last - first).days >= MAX_SLOT_RANGE_DAYS:
        raise Unprocessable(
            f"Ask for at most {MAX_SLOT_RANGE_DAYS} days at a time", code="range_too_long"
        )
    return first, last


async def list_slots(
    conn: Connection,
    teacher_id: uuid.UUID,
    service_id: uuid.UUID,
    viewer: AuthUser | None,
    from_date: date | None,
    to_date: date | None,
    now: datetime | None = None,
) -> SlotList:
    """The free start times of a service of the teacher's between two local dates (none while
    the teacher takes no bookings or the service is not active)."""
    now = now or datetime.now(UTC)
    service = await services_service.get_service(conn, service_id, viewer)
    if service.teacher_id != teacher_id:
        raise NotFound("No such service for this teacher", code="service_not_found")
    require_bookable(service)
    first, last = _slot_range(from_date, to_date, now)
    duration = timedelta(minutes=service.duration_minutes)
    result = SlotList(
        teacher_id=teacher_id,
        service_id=service.id,
        duration_minutes=service.duration_minutes,
        accepts_bookings=False,
        from_date=first,
        to_date=last,
        slots=[],
    )
    rules = await booking_rules(conn, teacher_id)
    if rules is None or service.status != "active":
        return result
    range_from = slots.local_instant(first, 0)
    range_to = slots.local_instant(last, slots.MINUTES_PER_DAY) + duration + rules.buffer
    busy = await holds.busy_ranges(conn, teacher_id, range_from, range_to, now)
    starts = slots.free_starts(
        await load_rules(conn, teacher_id, first, last),
        first,
        last,
        duration,
        rules.buffer,
        busy,
        earliest=now + rules.min_notice,
        latest=now + rules.max_ahead,
    )
    result.accepts_bookings = True
    result.slots = [_slot(start, duration) for start in starts]
    return result
