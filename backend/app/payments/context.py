"""The settings of the app serving the current request, for code that other domains call
without passing settings (orders.refund_order -> the payment gateway). The app's edge layer
(app.edge) sets them for every request; outside a request (CLI, background loops) the process
settings apply unless the caller names its own (settings_in_use)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from app.config import Settings, get_settings

_current: ContextVar[Settings | None] = ContextVar("wisdom_payment_settings", default=None)


def current_settings() -> Settings:
    return _current.get() or get_settings()


@contextmanager
def settings_in_use(settings: Settings) -> Iterator[None]:
    """These settings for payments work outside a request (reconciliation's job and command),
    as the edge layer sets them for a request."""
    token = _current.set(settings)
    try:
        yield
    finally:
        _current.reset(token)
