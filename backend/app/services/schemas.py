"""Request and response models of services (what teachers sell: readings, coaching, ...)."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.textfields import Title

ServiceKind = Literal["reading", "coaching", "session", "package"]
Delivery = Literal["online", "in_person"]
ServiceStatus = Literal["draft", "active", "archived"]
MAX_PRICE_CENTS = 10_000_000  # 100 000 SEK: far above any single service


class ServiceFilters(BaseModel):
    """GET /services' query string (app.querymodel): every filter optional."""

    status: ServiceStatus = "active"
    teacher_id: uuid.UUID | None = None
    kind: ServiceKind | None = None
    delivery: Delivery | None = None
    min_price: int | None = Field(default=None, ge=0)
    max_price: int | None = Field(default=None, ge=0)
    q: str | None = Field(default=None, max_length=100)
    cursor: str | None = None
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


class ServiceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    description: str = Field(default="", max_length=20000)
    kind: ServiceKind
    duration_minutes: int = Field(ge=5, le=24 * 60)
    delivery: Delivery = "online"
    price_cents: int = Field(ge=0, le=MAX_PRICE_CENTS)
    currency: Literal["SEK"] = "SEK"


class ServiceUpdate(BaseModel):
    """Only the fields sent change. Orders already placed keep the price they were made at."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    description: str | None = Field(default=None, max_length=20000)
    kind: ServiceKind | None = None
    duration_minutes: int | None = Field(default=None, ge=5, le=24 * 60)
    delivery: Delivery | None = None
    price_cents: int | None = Field(default=None, ge=0, le=MAX_PRICE_CENTS)


class ServiceOut(BaseModel):
    id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str
    title: str
    description: str
    kind: ServiceKind
    duration_minutes: int
    delivery: Delivery
    price_cents: int
    currency: str
    status: ServiceStatus
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime
    # Kind package: N sessions valid for M months (set with PUT /services/{id}/package).
    sessions_count: int | None = None
    valid_months: int | None = None
    # The cover picture (GET /media/{id}, public), set with PUT /services/{id}/cover.
    cover_media_id: uuid.UUID | None = None


class ServicePage(BaseModel):
    items: list[ServiceOut]
    next_cursor: str | None = None
