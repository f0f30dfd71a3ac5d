"""Request and response models of bookings: availability, slots, bookings, packages, credits."""

import uuid
from datetime import date, datetime
from itertools import pairwise
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from app.bookings.slots import TIME_ZONE, minutes_of

# "HH:MM" in 24-hour time; "24:00" is the midnight that ends the day.
CLOCK_PATTERN = r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"
BookingStatus = Literal["held", "booked", "canceled", "completed", "no_show", "expired"]
ExceptionKind = Literal["closed", "extra"]


def _check_span(start: str | None, end: str | None) -> None:
    if (start is None) != (end is None):
        raise ValueError("give both start and end, or neither")
    if start is not None and end is not None:
        if start == "24:00":
            raise ValueError("start must be before 24:00")
        if minutes_of(end) <= minutes_of(start):
            raise ValueError("end must be after start")


def _check_url(url: str) -> None:
    if url and not url.startswith(("https://", "http://")):
        raise ValueError("meeting_url must be an http(s) address")


# --- availability -----------------------------------------------------------------------------


class WeeklyHours(BaseModel):
    model_config = ConfigDict(extra="forbid")

    weekday: int = Field(ge=1, le=7, description="ISO weekday: 1 = Monday ... 7 = Sunday")
    start: str = Field(pattern=CLOCK_PATTERN, examples=["09:00"])
    end: str = Field(pattern=CLOCK_PATTERN, examples=["12:00"])

    @model_validator(mode="after")
    def _ordered(self) -> "WeeklyHours":
        _check_span(self.start, self.end)
        return self


class AvailabilityIn(BaseModel):
    """Replaces the teacher's booking rules and all weekly hours (times in Stockholm time)."""

    model_config = ConfigDict(extra="forbid")

    buffer_minutes: int = Field(default=15, ge=0, le=240)
    min_notice_minutes: int = Field(default=720, ge=0, le=43200)
    max_days_ahead: int = Field(default=60, ge=1, le=365)
    cancellation_window_hours: int = Field(default=24, ge=0, le=720)
    meeting_url: str = Field(default="", max_length=500)
    location: str = Field(default="", max_length=300)
    weekly: list[WeeklyHours] = Field(default_factory=list, max_length=70)

    @model_validator(mode="after")
    def _valid(self) -> "AvailabilityIn":
        _check_url(self.meeting_url)
        by_day: dict[int, list[tuple[int, int]]] = {}
        for hours in self.weekly:
            by_day.setdefault(hours.weekday, []).append(
                (minutes_of(hours.start), minutes_of(hours.end))
            )
        for weekday, spans in by_day.items():
            spans.sort()
            for (_, end), (start, _) in pairwise(spans):
                if start < end:
                    raise ValueError(f"weekly hours overlap on weekday {weekday}")
        return self


class ExceptionIn(BaseModel):
    """A day off ('closed' without times), some hours off ('closed' with times) or extra hours
    ('extra' with times) on one date, in Stockholm time."""

    model_config = ConfigDict(extra="forbid")

    date: date
    kind: ExceptionKind
    start: str | None = Field(default=None, pattern=CLOCK_PATTERN)
    end: str | None = Field(default=None, pattern=CLOCK_PATTERN)
    note: str = Field(default="", max_length=200)

    @model_validator(mode="after")
    def _valid(self) -> "ExceptionIn":
        _check_span(self.start, self.end)
        if self.kind == "extra" and self.start is None:
            raise ValueError("extra hours need start and end")
        return self


class ExceptionOut(BaseModel):
    id: uuid.UUID
    date: date
    kind: ExceptionKind
    start: str | None
    end: str | None
    note: str


class AvailabilityOut(BaseModel):
    teacher_id: uuid.UUID
    time_zone: str = TIME_ZONE
    # False until the teacher has saved their rules once (PUT /me/availability).
    accepts_bookings: bool
    buffer_minutes: int
    min_notice_minutes: int
    max_days_ahead: int
    cancellation_window_hours: int
    meeting_url: str
    location: str
    weekly: list[WeeklyHours]
    # Exceptions from today on.
    exceptions: list[ExceptionOut]


# --- slots ------------------------------------------------------------------------------------


class Slot(BaseModel):
    start: datetime = Field(description="In Stockholm time, with its offset (+01:00 / +02:00)")
    end: datetime
    start_utc: datetime
    end_utc: datetime


class SlotList(BaseModel):
    teacher_id: uuid.UUID
    service_id: uuid.UUID
    duration_minutes: int
    time_zone: str = TIME_ZONE
    accepts_bookings: bool
    from_date: date
    to_date: date
    slots: list[Slot]


# --- bookings ---------------------------------------------------------------------------------


class Party(BaseModel):
    id: uuid.UUID
    display_name: str


class BookingOut(BaseModel):
    id: uuid.UUID
    status: BookingStatus
    service_id: uuid.UUID
    title: str
    student: Party
    teacher: Party
    starts_at: datetime
    ends_at: datetime
    starts_at_local: datetime
    ends_at_local: datetime
    time_zone: str = TIME_ZONE
    delivery: Literal["online", "in_person"]
    meeting_url: str
    location: str
    order_id: uuid.UUID | None
    package_id: uuid.UUID | None
    hold_expires_at: datetime | None
    cancellation_window_hours: int
    # Until then the student cancels with a full refund (or the credit back).
    free_cancellation_until: datetime
    refunded: bool
    canceled_at: datetime | None
    canceled_by: uuid.UUID | None
    cancel_reason: str
    booked_at: datetime | None
    sequence: int
    created_at: datetime
    updated_at: datetime


class BookingPage(BaseModel):
    items: list[BookingOut]
    next_cursor: str | None = None


class BookingCreate(BaseModel):
    """Book a session with a package credit. Paid sessions are ordered: POST /orders with
    service_id and slot_start."""

    model_config = ConfigDict(extra="forbid")

    service_id: uuid.UUID
    slot_start: AwareDatetime
    use_credit: bool


class CancelIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(default="", max_length=500)


class RescheduleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slot_start: AwareDatetime


class AttendanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["completed", "no_show"]


class BookingUpdate(BaseModel):
    """Where the session takes place; only the fields sent change."""

    model_config = ConfigDict(extra="forbid")

    meeting_url: str | None = Field(default=None, max_length=500)
    location: str | None = Field(default=None, max_length=300)

    @model_validator(mode="after")
    def _valid(self) -> "BookingUpdate":
        if self.meeting_url is None and self.location is None:
            raise ValueError("send meeting_url or location")
        _check_url(self.meeting_url or "")
        return self


# --- packages and credits ---------------------------------------------------------------------


class PackageTermsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sessions_count: int = Field(ge=1, le=100)
    valid_months: int = Field(ge=1, le=36)


class PackageTermsOut(BaseModel):
    service_id: uuid.UUID
    sessions_count: int
    valid_months: int
    # A credit books one session of the teacher lasting at most this long.
    session_minutes: int


class Credit(BaseModel):
    package_id: uuid.UUID
    order_id: uuid.UUID
    service_id: uuid.UUID
    title: str
    teacher: Party
    credits_total: int
    credits_used: int
    credits_left: int
    session_minutes: int
    status: Literal["pending", "active", "canceled", "revoked"]
    activated_at: datetime | None
    expires_at: datetime | None
    # Active, not expired, with credits left.
    usable: bool


class CreditPage(BaseModel):
    items: list[Credit]
    next_cursor: str | None = None
    # Credits the student can use now, over all their packages.
    usable_credits: int
