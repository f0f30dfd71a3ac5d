"""Ending long-lived responses when the server is told to stop.

An event stream (GET /feed/stream) keeps its connection open, and uvicorn waits for every open
connection before it runs the application's shutdown, where the streams would be ended: a
SIGTERM then hung for as long as one app kept the live wall open. So when SIGTERM or SIGINT
arrives, the streams are ended first and then the server's own handler runs (uvicorn installs
it before the application starts, so it is there to be chained)."""

import asyncio
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def on_exit_signal(action: Callable[[], None]) -> Callable[[], None]:
    """Run `action` on the event loop when SIGTERM or SIGINT arrives, before the handler already
    installed for it. Returns a function that puts the previous handlers back. Does nothing off
    the main thread (signal handlers can only be set there) or where no handler is installed."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    loop = asyncio.get_running_loop()
    installed: dict[int, tuple[Any, Callable[[int, FrameType | None], None]]] = {}
    for sig in EXIT_SIGNALS:
        previous = signal.getsignal(sig)
        if not callable(previous):
            continue

        def chained(
            signum: int, frame: FrameType | None, previous: Callable[..., Any] = previous
        ) -> None:
            loop.call_soon_threadsafe(action)
            previous(signum, frame)

        signal.signal(sig, chained)
        installed[sig] = (previous, chained)

    def restore() -> None:
        for sig, (previous, chained) in installed.items():
            if signal.getsignal(sig) is chained:
                signal.signal(sig, previous)

    return restore
