"""Orders: one table for everything sold (services now; courses and seminar seats plug in)."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

ItemKind = Literal["service", "course", "seminar"]
OrderStatus = Literal["pending", "paid", "fulfilled", "canceled", "refunded", "partially_refunded"]
# Statuses of an order that was paid at some point (a receipt exists).
PAID_STATUSES = ("paid", "fulfilled", "partially_refunded", "refunded")
REFUNDABLE_STATUSES = ("paid", "fulfilled", "partially_refunded")


class OrderCreate(BaseModel):
    """{"service_id": ...} buys a service; item_kind picks another kind with its own id field."""

    model_config = ConfigDict(extra="forbid")

    item_kind: ItemKind = "service"
    service_id: uuid.UUID | None = None
    course_id: uuid.UUID | None = None
    seminar_id: uuid.UUID | None = None
    note: str = Field(default="", max_length=2000)
    # A bookable service's session time (a start from GET /teachers/{id}/slots): the order
    # holds it until its checkout expires, and payment books it (app.bookings).
    slot_start: AwareDatetime | None = None

    @model_validator(mode="after")
    def _one_matching_item(self) -> "OrderCreate":
        ids = {"service": self.service_id, "course": self.course_id, "seminar": self.seminar_id}
        given = [kind for kind, value in ids.items() if value is not None]
        if given != [self.item_kind]:
            raise ValueError(f"send exactly one item id: {self.item_kind}_id for {self.item_kind}")
        if self.slot_start is not None and self.item_kind != "service":
            raise ValueError("slot_start is only for services")
        return self

    @property
    def item_id(self) -> uuid.UUID:
        value = {"service": self.service_id, "course": self.course_id, "seminar": self.seminar_id}[
            self.item_kind
        ]
        assert value is not None  # noqa: S101 - guaranteed by the validator
        return value


class Order(BaseModel):
    id: uuid.UUID
    order_number: int
    buyer_id: uuid.UUID
    buyer_name: str
    seller_id: uuid.UUID
    seller_name: str
    item_kind: ItemKind
    service_id: uuid.UUID | None
    course_id: uuid.UUID | None
    seminar_id: uuid.UUID | None
    item_title: str
    amount_cents: int
    currency: str
    refunded_cents: int
    status: OrderStatus
    note: str
    payment_method: str
    checkout_attempt: int
    checkout_reserved_at: datetime | None
    checkout_expires_at: datetime | None
    paid_at: datetime | None
    fulfilled_at: datetime | None
    canceled_at: datetime | None
    refunded_at: datetime | None
    created_at: datetime
    updated_at: datetime
    # Why the order's payment waits for an admin (e.g. the amount paid differs from the order's);
    # None when nothing is wrong. Such a payment is recorded but never fulfils the order.
    payment_issue: str | None = None

    @property
    def item_id(self) -> uuid.UUID:
        value = self.service_id or self.course_id or self.seminar_id
        assert value is not None  # noqa: S101 - the table's CHECK guarantees one
        return value


class OrderPage(BaseModel):
    items: list[Order]
    next_cursor: str | None = None


class RefundCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Empty: everything not yet refunded.
    amount_cents: int | None = Field(default=None, gt=0)
    reason: str = Field(default="", max_length=500)


class RefundOut(BaseModel):
    id: uuid.UUID
    order_id: uuid.UUID
    amount_cents: int
    currency: str
    status: Literal["pending", "succeeded", "failed"]
    provider_ref: str | None
    created_at: datetime
