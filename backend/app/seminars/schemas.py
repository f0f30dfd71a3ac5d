"""Requests and responses of live seminars."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field, field_validator, model_validator

# Stripe's smallest charge in SEK is 3.00 kr; a paid seminar costs at least that.
MIN_PRICE_CENTS = 300
MAX_PRICE_CENTS = 10_000_000
SeminarStatus = Literal["scheduled", "live", "ended", "canceled"]


def _stripped(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _check_price(value: int | None) -> int | None:
    if value is not None and 0 < value < MIN_PRICE_CENTS:
        raise ValueError(f"a paid seminar costs at least {MIN_PRICE_CENTS} cents (0 means free)")
    return value


class SeminarCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=20000)
    starts_at: AwareDatetime
    duration_minutes: int = Field(ge=5, le=12 * 60)
    capacity: int = Field(ge=1, le=10000)
    price_cents: int = Field(default=0, ge=0, le=MAX_PRICE_CENTS, description="0: free")
    allow_speaking: bool = Field(default=False, description="attendees may publish audio")

    _strip = field_validator("title", "description", mode="before")(_stripped)
    _price = field_validator("price_cents")(_check_price)


class SeminarUpdate(BaseModel):
    """The fields to change; absent fields stay as they are."""

    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=20000)
    starts_at: AwareDatetime | None = None
    duration_minutes: int | None = Field(default=None, ge=5, le=12 * 60)
    capacity: int | None = Field(default=None, ge=1, le=10000)
    price_cents: int | None = Field(default=None, ge=0, le=MAX_PRICE_CENTS)
    allow_speaking: bool | None = None

    _strip = field_validator("title", "description", mode="before")(_stripped)
    _price = field_validator("price_cents")(_check_price)

    @model_validator(mode="after")
    def _something_to_change(self) -> "SeminarUpdate":
        if not self.model_fields_set:
            raise ValueError("give at least one field to change")
        for name in self.model_fields_set:
            if getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class SeminarCancel(BaseModel):
    reason: str = Field(default="", max_length=1000, description="included in the mail")


class SeminarOut(BaseModel):
    id: uuid.UUID
    host_id: uuid.UUID
    host_display_name: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    capacity: int
    seats_taken: int
    seats_held: int = Field(
        default=0, description="seats held by buyers' checkouts in progress (free again if unpaid)"
    )
    seats_left: int = Field(
        description="seats anyone may take now (waitlist offers and checkouts' holds excluded)"
    )
    price_cents: int
    currency: str
    is_free: bool
    allow_speaking: bool
    status: SeminarStatus
    created_at: datetime
    updated_at: datetime
    # The cover picture (GET /media/{id}, public), set with PUT /seminars/{id}/cover.
    cover_media_id: uuid.UUID | None = None


class ViewerState(BaseModel):
    """The caller's relation to the seminar."""

    is_host: bool
    seated: bool
    waitlist_status: Literal["waiting", "offered"] | None = None
    waitlist_position: int | None = None
    offer_expires_at: datetime | None = None
    # The caller's pending order holds a seat until hold_expires_at (pay it, or cancel it).
    hold_order_id: uuid.UUID | None = None
    hold_expires_at: datetime | None = None


class SeminarDetail(SeminarOut):
    viewer: ViewerState | None = Field(default=None, description="absent for anonymous callers")
    room_opens_at: datetime | None = Field(
        default=None,
        description="when the host and seated attendees may join the room (SFU_JOIN_EARLY_MINUTES "
        "before the start)",
    )


class SeminarPage(BaseModel):
    items: list[SeminarOut]
    next_cursor: str | None = None


class RegistrationOut(BaseModel):
    seminar_id: uuid.UUID
    user_id: uuid.UUID
    status: Literal["seated", "canceled"]
    order_id: uuid.UUID | None
    created_at: datetime
    refunded: bool = Field(default=False, description="a paid seat given up was refunded")


class WaitlistEntryOut(BaseModel):
    seminar_id: uuid.UUID
    status: Literal["waiting", "offered"]
    position: int
    offered_at: datetime | None
    offer_expires_at: datetime | None
    created_at: datetime


class HostAttendee(BaseModel):
    """What the host (and admins) see of an attendee."""

    user_id: uuid.UUID
    display_name: str
    email: str
    paid: bool
    order_id: uuid.UUID | None
    joined_at: datetime | None
    left_at: datetime | None
    registered_at: datetime


class FellowAttendee(BaseModel):
    """What a seated attendee sees of the others: a name, never an email."""

    user_id: uuid.UUID
    display_name: str


class HostAttendeePage(BaseModel):
    items: list[HostAttendee]
    next_cursor: str | None = None


class FellowAttendeePage(BaseModel):
    items: list[FellowAttendee]
    next_cursor: str | None = None
