"""One interface for payment providers: Stripe, and the dummy provider that stands in for it
in development (same objects, same webhook events, signed the same way)."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from app.errors import AppError

ProviderName = Literal["stripe", "dummy"]


class ProviderUnavailable(AppError):
    """The provider did not answer (timeout, network, 5xx): the same request may be retried."""

    status_code = 502
    code = "payment_provider_unavailable"


class ProviderRejected(AppError):
    """The provider refused the request (invalid parameters, account not ready ...)."""

    status_code = 502
    code = "payment_provider_error"


@dataclass(frozen=True)
class CheckoutParams:
    order_id: uuid.UUID
    order_number: int
    attempt: int
    title: str
    amount_cents: int
    currency: str
    success_url: str
    cancel_url: str
    expires_at: datetime
    idempotency_key: str
    payment_method_types: list[str]
    customer_email: str | None
    # A destination charge to the teacher's connected account, with the platform's fee.
    destination_account: str | None = None
    application_fee_cents: int = 0


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str
    expires_at: datetime
    payment_intent: str | None
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EventList:
    """Events from the provider's own list (not from a webhook), oldest first."""

    events: list[dict[str, Any]]
    # False when there were more than asked for: `events` are then the newest ones only.
    complete: bool = True


@dataclass(frozen=True)
class RefundResult:
    id: str
    status: str  # pending | succeeded | failed (Stripe also says requires_action, canceled)
    amount_cents: int


@dataclass(frozen=True)
class IntentOwner:
    """Whom a payment intent belongs to, as the provider says: its checkout session (our
    payment's provider_ref) and the order id and attempt our checkout wrote in its metadata."""

    session_id: str | None
    order_id: str | None
    attempt: str | None


@dataclass(frozen=True)
class ConnectedAccount:
    id: str
    charges_enabled: bool
    payouts_enabled: bool
    details_submitted: bool


@dataclass(frozen=True)
class AccountLink:
    url: str
    expires_at: datetime


class PaymentProvider(Protocol):
    name: ProviderName
    webhook_secret: str

    async def create_checkout(self, params: CheckoutParams) -> CheckoutSession: ...

    async def expire_checkout(self, session_id: str) -> bool:
        """End an open session; False when it can no longer be expired (already complete)."""
        ...

    async def retrieve_checkout(self, session_id: str) -> dict[str, Any] | None:
        """The session as the provider sees it now (its webhook shape); None when unknown."""
        ...

    async def list_events(self, since: datetime, types: list[str], at_most: int) -> EventList:
        """The provider's events of these types created at or after `since` (reconciliation
        asks for them when webhooks may not have arrived)."""
        ...

    async def refund(
        self,
        payment_intent_id: str,
        amount_cents: int,
        idempotency_key: str,
        metadata: dict[str, str],
        reverse_transfer: bool,
    ) -> RefundResult: ...

    async def payment_method_of(self, payment_intent_id: str | None) -> str | None:
        """What the buyer paid with (card, klarna, swish ...), None when unknown."""
        ...

    async def owner_of_intent(self, payment_intent_id: str) -> IntentOwner | None:
        """The checkout session and order of a payment intent we have not recorded (a charge's
        event that came before its checkout's); None when the provider knows of none. Raises
        ProviderUnavailable when it does not answer."""
        ...

    async def retrieve_refund(self, refund_id: str) -> dict[str, Any] | None:
        """The refund as the provider sees it now (its webhook shape); None when unknown."""
        ...

    async def create_account(
        self, teacher_id: uuid.UUID, email: str, idempotency_key: str
    ) -> ConnectedAccount: ...

    async def account_link(
        self, account_id: str, return_url: str, refresh_url: str
    ) -> AccountLink: ...
