"""One LISTEN connection per API process for the caches that must forget what changed.

Triggers send NOTIFY on commit, whichever process, script or SQL session made the change
(migrations 11_auth_events.sql, 12_feed_events.sql); each cache subscribes to its channel here.
A cache may only trust what it remembers while `listening` is true: before LISTEN is in place,
and from the moment the connection breaks until it is back (when every cache is reset, since
notifications may have been missed), the caches answer from the database.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg

from app.errors import DB_CONNECTION_ERRORS

log = logging.getLogger("wisdom.invalidation")

CHECK_SECONDS = 5.0
LISTEN_ERRORS: tuple[type[BaseException], ...] = (
    *DB_CONNECTION_ERRORS,
    asyncpg.PostgresError,
    OSError,
    TimeoutError,
)


async def keep_listening(
    dsn: str,
    serve: Callable[["asyncpg.Connection[Any]"], Awaitable[None]],
    on_lost: Callable[[], None],
    name: str,
) -> None:
    """Connect and run `serve` (which LISTENs and returns or raises when the connection is
    lost) for ever: reconnect with a growing pause (0.2 s to 5 s) while the database is away,
    and call `on_lost` each time a served connection ends. Shared by the feed's event stream
    broker and the change listener."""
    delay = 0.2
    while True:
        try:
            conn: asyncpg.Connection[Any] = await asyncpg.connect(dsn, timeout=5)
        except LISTEN_ERRORS as exc:
            log.warning(f"{name}: database unreachable, retrying", extra={"error": str(exc)})
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)
            continue
        try:
            await serve(conn)
            delay = 0.2
        except LISTEN_ERRORS as exc:
            log.warning(f"{name}: listening connection lost", extra={"error": str(exc)})
        finally:
            on_lost()
            conn.terminate()


class ChangeListener:
    def __init__(self) -> None:
        self.listening = False
        self._handlers: dict[str, Callable[[str], None]] = {}
        self._resets: list[Callable[[], None]] = []
        self._task: asyncio.Task[None] | None = None

    def subscribe(
        self, channel: str, on_change: Callable[[str], None], on_reset: Callable[[], None]
    ) -> None:
        """on_change(payload) for each notification; on_reset() whenever trust is lost or
        regained (the cache forgets everything)."""
        self._handlers[channel] = on_change
        self._resets.append(on_reset)

    def start(self, dsn: str) -> None:
        if self._handlers and self._task is None:
            self._task = asyncio.create_task(self._listen(dsn), name="change-listener")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        self._stop_trusting()

    def _reset_all(self) -> None:
        for reset in self._resets:
            reset()

    def _stop_trusting(self) -> None:
        self.listening = False
        self._reset_all()

    async def _listen(self, dsn: str) -> None:
        await keep_listening(dsn, self._serve, self._stop_trusting, "change listener")

    async def _serve(self, conn: "asyncpg.Connection[Any]") -> None:
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _: lost.set())
        for channel in self._handlers:
            await conn.add_listener(channel, self._on_notification)
        self._reset_all()  # whatever changed while nobody listened
        self.listening = True
        while not lost.is_set():
            try:
                await asyncio.wait_for(lost.wait(), CHECK_SECONDS)
            except TimeoutError:
                # A half-open connection delivers nothing and raises nothing: ask it.
                await asyncio.wait_for(conn.fetchval("SELECT 1"), timeout=5)

    def _on_notification(self, _conn: object, _pid: int, channel: str, payload: object) -> None:
        handler = self._handlers.get(channel)
        if handler is not None:
            handler(str(payload))
