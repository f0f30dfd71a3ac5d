"""The dummy provider: Stripe's stand-in without STRIPE_SECRET_KEY (development, the smoke
test, the app offline). Its checkout is a page served by this API; paying there sends a
checkout.session.completed event signed with DUMMY_WEBHOOK_SECRET through the same webhook
handling as Stripe's. Ids are derived from the idempotency key, so a retried create returns the
same session, as Stripe's would."""

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from app.config import Settings
from app.payments.providers.base import (
    AccountLink,
    CheckoutParams,
    CheckoutSession,
    ConnectedAccount,
    EventList,
    IntentOwner,
    ProviderName,
    RefundResult,
)


def _digest(text: str, length: int = 24) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


class DummyProvider:
    name: ProviderName = "dummy"

    def __init__(self, settings: Settings) -> None:
        self.webhook_secret = settings.dummy_webhook_secret
        self._base = settings.api_base_url.rstrip("/")

    async def create_checkout(self, params: CheckoutParams) -> CheckoutSession:
        session_id = f"cs_test_dummy_{_digest(params.idempotency_key)}"
        return CheckoutSession(
            id=session_id,
            url=f"{self._base}/payments/dummy/checkout/{session_id}",
            expires_at=params.expires_at,
            payment_intent=None,
            raw={"id": session_id, "object": "checkout.session", "livemode": False},
        )

    async def expire_checkout(self, session_id: str) -> bool:
        return True

    async def retrieve_checkout(self, session_id: str) -> dict[str, Any] | None:
        """Nothing to ask: the dummy checkout is paid only on this API's own page, which
        delivers its event at once (reconciliation knows a lapsed dummy session is unpaid)."""
        return None

    async def list_events(self, since: datetime, types: list[str], at_most: int) -> EventList:
        return EventList([])  # its events are delivered as they happen

    async def refund(
        self,
        payment_intent_id: str,
        amount_cents: int,
        idempotency_key: str,
        metadata: dict[str, str],
        reverse_transfer: bool,
    ) -> RefundResult:
        return RefundResult(f"re_dummy_{_digest(idempotency_key)}", "succeeded", amount_cents)

    async def payment_method_of(self, payment_intent_id: str | None) -> str | None:
        return "dummy"

    async def owner_of_intent(self, payment_intent_id: str) -> IntentOwner | None:
        """Never asked in practice: a dummy payment records its intent when it is paid, and
        its refund events are delivered after that."""
        return None

    async def retrieve_refund(self, refund_id: str) -> dict[str, Any] | None:
        """Dummy refunds succeed at once (refunds.refund_payment): none is ever pending."""
        return None

    async def create_account(
        self, teacher_id: uuid.UUID, email: str, idempotency_key: str
    ) -> ConnectedAccount:
        return ConnectedAccount(f"acct_dummy_{_digest(idempotency_key, 16)}", False, False, False)

    async def account_link(self, account_id: str, return_url: str, refresh_url: str) -> AccountLink:
        return AccountLink(
            f"{self._base}/payouts/dummy/onboard/{account_id}",
            datetime.now(UTC) + timedelta(minutes=5),
        )


def payment_intent_for(session_id: str) -> str:
    """The dummy payment intent of a dummy session."""
    return f"pi_dummy_{_digest(session_id)}"


def event_id_for(kind: str, ref: str) -> str:
    """One event id per (what happened, to what): pressing "Betala" twice sends one event."""
    return f"evt_dummy_{_digest(kind + ':' + ref)}"
