"""The settings of the app serving the current request, for code that other domains call
without passing settings (orders.refund_order -> the payment gateway). main.py installs the
middleware; outside a request (CLI, background loops) the process settings apply."""

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
