"""An app whose payment provider is Stripe, pointed at the local fake of Stripe's API."""

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from tests.payments.fake_stripe import API_KEY, WEBHOOK_SECRET, FakeStripe


@pytest.fixture(scope="session")
def fake_stripe_server() -> Iterator[FakeStripe]:
    fake = FakeStripe().start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_stripe(fake_stripe_server: FakeStripe) -> FakeStripe:
    fake_stripe_server.reset()
    return fake_stripe_server


@pytest.fixture(scope="session")
def stripe_settings(settings: Settings, fake_stripe_server: FakeStripe) -> Settings:
    return settings.model_copy(
        update={
            "payment_provider": "stripe",
            "stripe_secret_key": API_KEY,
            "stripe_webhook_secret": WEBHOOK_SECRET,
            "stripe_api_base": fake_stripe_server.base,
            "stripe_timeout_seconds": 1.0,
            "stripe_max_network_retries": 2,
            "run_background_tasks": False,
            "db_pool_max_size": 20,
        }
    )


@pytest.fixture(scope="session")
async def stripe_app(stripe_settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(stripe_settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def stripe_client(
    stripe_app: FastAPI, clean_db: None, fake_stripe: FakeStripe
) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=stripe_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c
