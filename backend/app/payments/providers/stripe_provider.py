"""Stripe through the official SDK (StripeClient, async methods over httpx).

Every create call carries an Idempotency-Key derived from what it is for (the order and its
checkout attempt, the order and its refund number, the teacher), so a retry, by the SDK after a
timeout or by our client after an error, gets the object Stripe already made instead of a second
one. The SDK itself retries network errors and timeouts STRIPE_MAX_NETWORK_RETRIES times with
the same key.
"""

import uuid
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import stripe

from app.config import Settings
from app.payments.providers.base import (
    AccountLink,
    CheckoutParams,
    CheckoutSession,
    ConnectedAccount,
    EventList,
    IntentOwner,
    ProviderName,
    ProviderRejected,
    ProviderUnavailable,
    RefundResult,
)


class _FormHTTPXClient(stripe.HTTPXClient):
    """The SDK's httpx client, sending the form body as `content` (httpx deprecates a string
    passed as `data`)."""

    def _get_request_args_kwargs(
        self, method: str, url: str, headers: Any, post_data: Any
    ) -> list[Any]:
        args, kwargs = super()._get_request_args_kwargs(method, url, headers, post_data)
        body = kwargs.pop("data", None)
        if body:
            kwargs["content"] = body
        return [args, kwargs]


@lru_cache(maxsize=8)
def _client(api_key: str, api_base: str, timeout: float, retries: int) -> stripe.StripeClient:
    base_addresses: Any = {"api": api_base, "connect": api_base} if api_base else None
    return stripe.StripeClient(
        api_key,
        base_addresses=base_addresses,
        max_network_retries=retries,
        http_client=_FormHTTPXClient(timeout=timeout),
    )


def _translate(exc: stripe.StripeError) -> Exception:
    if isinstance(exc, stripe.APIConnectionError | stripe.RateLimitError | stripe.APIError):
        return ProviderUnavailable(
            "The payment provider did not answer in time; try again",
            headers={"Retry-After": "2"},
        )
    return ProviderRejected(f"The payment provider refused the request: {exc.user_message or exc}")


def _time(epoch: int | None) -> datetime:
    return datetime.fromtimestamp(epoch or 0, tz=UTC)


def _str_dict(value: object) -> dict[str, str]:
    """A metadata object's string values (anything else in it is not ours)."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


class StripeProvider:
    name: ProviderName = "stripe"

    def __init__(self, settings: Settings) -> None:
        self.webhook_secret = settings.stripe_webhook_secret
        self._client = _client(
            settings.stripe_secret_key,
            settings.stripe_api_base.rstrip("/"),
            settings.stripe_timeout_seconds,
            settings.stripe_max_network_retries,
        )
        self._country = settings.stripe_connect_country

    async def create_checkout(self, params: CheckoutParams) -> CheckoutSession:
        metadata = {
            "order_id": str(params.order_id),
            "order_number": str(params.order_number),
            "attempt": str(params.attempt),
        }
        intent: dict[str, Any] = {"metadata": metadata}
        if params.destination_account:
            intent["application_fee_amount"] = params.application_fee_cents
            intent["transfer_data"] = {"destination": params.destination_account}
        request: dict[str, Any] = {
            "mode": "payment",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": params.currency.lower(),
                        "unit_amount": params.amount_cents,
                        "product_data": {"name": params.title},
                    },
                }
            ],
            "payment_method_types": params.payment_method_types,
            "success_url": params.success_url,
            "cancel_url": params.cancel_url,
            "client_reference_id": str(params.order_id),
            "metadata": metadata,
            "payment_intent_data": intent,
            "expires_at": int(params.expires_at.timestamp()),
            "locale": "sv",
        }
        if params.customer_email:
            request["customer_email"] = params.customer_email
        try:
            session = await self._client.v1.checkout.sessions.create_async(
                request,  # type: ignore[arg-type]
                {"idempotency_key": params.idempotency_key},
            )
        except stripe.StripeError as exc:
            raise _translate(exc) from exc
        data = session.to_dict()
        intent_id = data.get("payment_intent")
        return CheckoutSession(
            id=str(data["id"]),
            url=str(data.get("url") or ""),
            expires_at=_time(data.get("expires_at")),
            payment_intent=intent_id if isinstance(intent_id, str) else None,
            raw=data,
        )

    async def expire_checkout(self, session_id: str) -> bool:
        try:
            await self._client.v1.checkout.sessions.expire_async(session_id)
        except stripe.InvalidRequestError:
            return False  # complete already (paid, or being paid)
        except stripe.StripeError as exc:
            raise _translate(exc) from exc
        return True

    async def retrieve_checkout(self, session_id: str) -> dict[str, Any] | None:
        try:
            session = await self._client.v1.checkout.sessions.retrieve_async(session_id)
        except stripe.InvalidRequestError:
            return None  # no such session (another account or mode)
        except stripe.StripeError as exc:
            raise _translate(exc) from exc
        return session.to_dict(for_json=True)

    async def list_events(self, since: datetime, types: list[str], at_most: int) -> EventList:
        """Stripe lists events newest first, 100 a page; they come back oldest first."""
        events: list[dict[str, Any]] = []
        params: dict[str, Any] = {
            "created": {"gte": int(since.timestamp())},
            "types": types,
            "limit": 100,
        }
        while True:
            try:
                page = await self._client.v1.events.list_async(params)  # type: ignore[arg-type]
            except stripe.StripeError as exc:
                raise _translate(exc) from exc
            batch = [event.to_dict(for_json=True) for event in page.data]
            events.extend(batch)
            if not page.has_more or not batch:
                return EventList(events[::-1])
            if len(events) >= at_most:
                return EventList(events[::-1], complete=False)
            params["starting_after"] = batch[-1]["id"]

    async def refund(
        self,
        payment_intent_id: str,
        amount_cents: int,
        idempotency_key: str,
        metadata: dict[str, str],
        reverse_transfer: bool,
    ) -> RefundResult:
        request: dict[str, Any] = {
            "payment_intent": payment_intent_id,
            "amount": amount_cents,
            "metadata": metadata,
        }
        if reverse_transfer:
            # A destination charge: take the refund back from the teacher's account and give back
            # the platform fee in proportion.
            request["reverse_transfer"] = True
            request["refund_application_fee"] = True
        try:
            refund = await self._client.v1.refunds.create_async(
                request,  # type: ignore[arg-type]
                {"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as exc:
            raise _translate(exc) from exc
        return RefundResult(refund.id, refund.status or "pending", refund.amount)

    async def payment_method_of(self, payment_intent_id: str | None) -> str | None:
        if not payment_intent_id:
            return None
        try:
            intent = await self._client.v1.payment_intents.retrieve_async(
                payment_intent_id, {"expand": ["latest_charge"]}
            )
        except stripe.StripeError:
            return None  # the receipt then says "Stripe"; the payment itself is not in doubt
        data = intent.to_dict()
        charge = data.get("latest_charge")
        if isinstance(charge, dict):
            details = charge.get("payment_method_details") or {}
            if details.get("type"):
                return str(details["type"])
        types = data.get("payment_method_types") or []
        return str(types[0]) if len(types) == 1 else None

    async def owner_of_intent(self, payment_intent_id: str) -> IntentOwner | None:
        """The Checkout Session that made the payment intent (GET /v1/checkout/sessions
        ?payment_intent=...); without one, the order id and attempt in the intent's own
        metadata (payment_intent_data.metadata of our checkout)."""
        try:
            page = await self._client.v1.checkout.sessions.list_async(
                {"payment_intent": payment_intent_id, "limit": 1}
            )
        except stripe.StripeError as exc:
            raise _translate(exc) from exc
        if page.data:
            session = page.data[0].to_dict()
            meta = _str_dict(session.get("metadata"))
            reference = session.get("client_reference_id")
            return IntentOwner(
                session_id=str(session["id"]),
                order_id=reference if isinstance(reference, str) else meta.get("order_id"),
                attempt=meta.get("attempt"),
            )
        try:
            intent = await self._client.v1.payment_intents.retrieve_async(payment_intent_id)
        except stripe.InvalidRequestError:
            return None  # no such payment intent (another account or mode)
        except stripe.StripeError as exc:
            raise _translate(exc) from exc
        meta = _str_dict(intent.to_dict().get("metadata"))
        if meta.get("order_id") is None:
            return None
        return IntentOwner(session_id=None, order_id=meta["order_id"], attempt=meta.get("attempt"))

    async def retrieve_refund(self, refund_id: str) -> dict[str, Any] | None:
        try:
            refund = await self._client.v1.refunds.retrieve_async(refund_id)
        except stripe.InvalidRequestError:
            return None  # no such refund (another account or mode)
        except stripe.StripeError as exc:
            raise _translate(exc) from exc
        return refund.to_dict(for_json=True)

    async def create_account(
        self, teacher_id: uuid.UUID, email: str, idempotency_key: str
    ) -> ConnectedAccount:
        try:
            account = await self._client.v1.accounts.create_async(
                {
                    "type": "express",
                    "country": self._country,
                    "email": email,
                    "capabilities": {
                        "card_payments": {"requested": True},
                        "transfers": {"requested": True},
                    },
                    "metadata": {"teacher_id": str(teacher_id)},
                },
                {"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as exc:
            raise _translate(exc) from exc
        return ConnectedAccount(
            account.id,
            bool(account.charges_enabled),
            bool(account.payouts_enabled),
            bool(account.details_submitted),
        )

    async def account_link(self, account_id: str, return_url: str, refresh_url: str) -> AccountLink:
        try:
            link = await self._client.v1.account_links.create_async(
                {
                    "account": account_id,
                    "return_url": return_url,
                    "refresh_url": refresh_url,
                    "type": "account_onboarding",
                }
            )
        except stripe.StripeError as exc:
            raise _translate(exc) from exc
        return AccountLink(link.url, _time(link.expires_at))
