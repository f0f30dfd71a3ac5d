"""The marketplace's Stripe fixtures (a local fake of Stripe's API and an app pointed at it),
for buying seats through the real checkout and webhook."""

from tests.payments.conftest import (  # noqa: F401 - fixtures, found by pytest by name
    fake_stripe,
    fake_stripe_server,
    stripe_app,
    stripe_client,
    stripe_settings,
)
