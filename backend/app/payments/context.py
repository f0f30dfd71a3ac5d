"""The settings of the app serving the current request, for code that other domains call
without passing settings (orders.refund_order -> the payment gateway). main.py installs the
middleware; outside a request (CLI, background loops) the process settings apply unless the
caller names its own (settings_in_use)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from starlette.types import ASGIApp, Receive, Scope, Send

from app.config import Settings, get_settings

_current: ContextVar[Settings | None] = ContextVar("wisdom_payment_settings", default=None)


class PaymentSettingsMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = _current.set(self.settings)
        try:
            await self.app(scope, receive, send)
        finally:
            _current.reset(token)


def current_settings() -> Settings:
    return _current.get() or get_settings()


@contextmanager
def settings_in_use(settings: Settings) -> Iterator[None]:
    """These settings for payments work outside a request (reconciliation's job and command),
    as the middleware sets them for a request."""
    token = _current.set(settings)
    try:
        yield
    finally:
        _current.reset(token)
