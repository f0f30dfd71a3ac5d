"""Payment providers behind one interface (base.PaymentProvider)."""

from app.config import Settings
from app.errors import ServiceUnavailable
from app.payments.providers.base import PaymentProvider
from app.payments.providers.dummy import DummyProvider
from app.payments.providers.stripe_provider import StripeProvider


def active_provider(settings: Settings) -> PaymentProvider:
    """The provider new checkouts use (PAYMENT_PROVIDER / STRIPE_SECRET_KEY)."""
    name = settings.active_payment_provider
    if name is None:
        raise ServiceUnavailable(
            "Payments are not configured (STRIPE_SECRET_KEY)", code="payments_not_configured"
        )
    return provider_named(settings, name)


def provider_named(settings: Settings, name: str) -> PaymentProvider:
    """The provider of an existing payment (a dummy payment is refunded by the dummy)."""
    if name == "stripe":
        if not settings.stripe_secret_key:
            raise ServiceUnavailable(
                "Stripe is not configured (STRIPE_SECRET_KEY)", code="payments_not_configured"
            )
        return StripeProvider(settings)
    return DummyProvider(settings)
