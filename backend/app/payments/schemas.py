"""Request and response models of payments and payouts."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class CheckoutCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    order_id: uuid.UUID


class CheckoutOut(BaseModel):
    checkout_url: str
    session_id: str
    order_id: uuid.UUID
    provider: str
    expires_at: datetime | None


class WebhookAck(BaseModel):
    received: bool = True
    duplicate: bool = False
    outcome: str
    detail: str = ""


class OnboardingLink(BaseModel):
    url: str
    expires_at: datetime
    account_id: str


class PayoutStatus(BaseModel):
    connected: bool
    account_id: str | None = None
    charges_enabled: bool = False
    payouts_enabled: bool = False
    details_submitted: bool = False


class StatementLine(BaseModel):
    order_id: uuid.UUID
    order_number: int
    paid_at: datetime
    item_kind: str
    item_title: str
    buyer_name: str
    status: str
    payment_method: str
    amount_cents: int
    refunded_cents: int
    fee_cents: int
    net_cents: int


class StatementTotals(BaseModel):
    orders: int
    amount_cents: int
    refunded_cents: int
    fee_cents: int
    net_cents: int


class Statement(BaseModel):
    month: str
    currency: str
    platform_fee_bps: int
    items: list[StatementLine]
    totals: StatementTotals


class PaymentOut(BaseModel):
    id: uuid.UUID
    order_id: uuid.UUID
    provider: str
    provider_ref: str
    status: str
    amount_cents: int
    currency: str
    refunded_cents: int
    attempt: int
    payment_method: str | None
    platform_fee_cents: int
    expires_at: datetime | None
    paid_at: datetime | None
    created_at: datetime
