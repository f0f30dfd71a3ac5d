"""One LISTEN connection per API process, fanned out to the event streams of this process.

PostgreSQL delivers a NOTIFY on commit to every listening connection, whichever process
committed, so a post written through one API process reaches the streams of all of them. Each
process holds a single dedicated connection (outside the pool) for LISTEN, whatever the number
of clients; a notification carries only an id, the broker loads the event once (through the
pool) and offers it to every local subscriber, which keeps what its viewer may see.

The listener starts with the first subscriber, checks its connection every few seconds and
reconnects after a database restart; after reconnecting it loads what was committed while it
was away (ids above the highest it had seen) so that connected clients miss nothing.
"""

import asyncio
import contextlib
import logging
import time
import uuid
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
import orjson

from app.feed.repository import STREAM_CHANNEL
from app.feed.stream import StreamEvent, StreamSource
from app.invalidation import LISTEN_ERRORS, keep_listening
from app.security import AuthUser

log = logging.getLogger("wisdom.feed.broker")

READY_TIMEOUT_SECONDS = 5.0  # how long a new subscriber waits for LISTEN to be in place
SUBSCRIBER_QUEUE_SIZE = 256  # events waiting for one slow client before its stream is ended
CATCH_UP_LIMIT = 1000  # events loaded after a reconnect, per source
RECENT_IDS = 4096  # ids delivered live, remembered so that a catch-up skips them
CAUGHT_UP_SECONDS = 60.0  # how long an id delivered by a catch-up suppresses its late notification
LOAD_ATTEMPTS = 3


class Subscription:
    """One client's stream: the viewer and the queue of events waiting to be sent."""

    def __init__(self, viewer: AuthUser | None) -> None:
        self.viewer = viewer
        # None is the end marker: the broker closed, or the client fell too far behind.
        self.queue: asyncio.Queue[StreamEvent | None] = asyncio.Queue(SUBSCRIBER_QUEUE_SIZE + 1)
        self.closed = False

    def offer(self, event: StreamEvent) -> None:
        if self.closed or not event.visible_to(self.viewer):
            return
        if self.queue.qsize() >= SUBSCRIBER_QUEUE_SIZE:
            # A client this far behind gets its stream ended; it reconnects with Last-Event-ID
            # and the replay sends what it missed, instead of this process buffering without end.
            self.close()
            return
        self.queue.put_nowait(event)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(None)


@dataclass(frozen=True)
class _CatchUp:
    after_id: int


class FeedBroker:
    def __init__(
        self,
        dsn: str,
        pool: asyncpg.Pool,
        sources: Sequence[StreamSource],
        *,
        check_seconds: float = 10.0,
    ) -> None:
        self._dsn = dsn
        self._pool = pool
        self._sources = {s.name: s for s in sources}
        self._check_seconds = check_seconds
        self._subscribers: set[Subscription] = set()
        self._local_viewers: Counter[uuid.UUID] = Counter()
        self._inbox: asyncio.Queue[str | _CatchUp] = asyncio.Queue()
        self._ready = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._closed = False
        self._ending = False  # end_streams() was called: the server is shutting down
        self._high_water: int | None = None  # highest event id seen; None until first LISTEN
        self._recent: deque[int] = deque(maxlen=RECENT_IDS)
        self._recent_set: set[int] = set()
        self._caught_up: dict[int, float] = {}  # id -> when a catch-up delivered it

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    @property
    def listening(self) -> bool:
        return self._ready.is_set()

    async def subscribe(self, viewer: AuthUser | None) -> Subscription:
        """Register a stream; waits (briefly) until LISTEN is in place so that nothing committed
        after this call is missed. With the database down the stream still opens and events
        resume once the broker has reconnected."""
        self._ensure_started()
        sub = Subscription(viewer)
        if self._ending:
            sub.close()
            return sub
        self._subscribers.add(sub)
        if viewer is not None:
            self._local_viewers[viewer.id] += 1
        if not self._ready.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._ready.wait(), READY_TIMEOUT_SECONDS)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        if sub in self._subscribers:
            self._subscribers.discard(sub)
            if sub.viewer is not None:
                self._local_viewers[sub.viewer.id] -= 1
                if self._local_viewers[sub.viewer.id] <= 0:
                    del self._local_viewers[sub.viewer.id]
        sub.close()

    async def replay(
        self, viewer: AuthUser | None, after_id: int, limit: int
    ) -> tuple[list[StreamEvent], bool]:
        """Events after an id that the viewer may see, oldest first, at most `limit`; the flag
        says whether more were missed than that."""
        events: list[StreamEvent] = []
        async with self._pool.acquire() as conn:
            for source in self._sources.values():
                events.extend(await source.replay(conn, viewer, after_id, limit + 1))
        events.sort(key=lambda e: e.id)
        return events[:limit], len(events) > limit

    def end_streams(self) -> None:
        """The server is going down: every open stream ends now (clients reconnect elsewhere
        or later with their Last-Event-ID), and new ones end at once."""
        self._ending = True
        for sub in list(self._subscribers):
            self.unsubscribe(sub)

    async def close(self) -> None:
        self._closed = True
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        for sub in list(self._subscribers):
            self.unsubscribe(sub)

    def _ensure_started(self) -> None:
        if self._closed or self._tasks:
            return
        self._tasks = [
            asyncio.create_task(self._listen(), name="feed-broker-listen"),
            asyncio.create_task(self._dispatch_forever(), name="feed-broker-dispatch"),
        ]

    # --- the listening connection ------------------------------------------------------------

    async def _listen(self) -> None:
        await keep_listening(self._dsn, self._serve, self._ready.clear, "feed broker")

    async def _serve(self, conn: "asyncpg.Connection[Any]") -> None:
        """LISTEN on one connection until it breaks."""
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _: lost.set())
        await conn.add_listener(STREAM_CHANNEL, self._on_notification)
        await self._mark_position(conn)
        self._ready.set()
        log.info("feed broker: listening", extra={"channel": STREAM_CHANNEL})
        while not lost.is_set():
            try:
                await asyncio.wait_for(lost.wait(), self._check_seconds)
            except TimeoutError:
                # A half-open connection delivers nothing and raises nothing: ask it.
                await asyncio.wait_for(conn.fetchval("SELECT 1"), timeout=5)

    async def _mark_position(self, conn: "asyncpg.Connection[Any]") -> None:
        if self._high_water is None:
            ids = [await s.max_id(conn) for s in self._sources.values()]
            self._high_water = max(ids, default=0)
        else:
            # Reconnected: what committed while nobody listened is loaded from the tables.
            self._inbox.put_nowait(_CatchUp(self._high_water))

    def _on_notification(self, _conn: object, _pid: int, _channel: str, payload: object) -> None:
        self._inbox.put_nowait(str(payload))

    # --- loading and fanning out -------------------------------------------------------------

    async def _dispatch_forever(self) -> None:
        while True:
            work = [await self._inbox.get()]
            while not self._inbox.empty() and len(work) < 500:
                work.append(self._inbox.get_nowait())
            await self._dispatch(work)

    async def _dispatch(self, work: list[str | _CatchUp]) -> None:
        if not self._subscribers:
            # Nobody streams from this process: only keep the position for a later catch-up.
            for item in work:
                parsed = None if isinstance(item, _CatchUp) else self._parse(item)
                if parsed is not None:
                    self._raise_high_water(parsed[1])
            return
        wanted: dict[str, list[int]] = {}
        catch_up_from: int | None = None
        for item in work:
            if isinstance(item, _CatchUp):
                catch_up_from = item.after_id
                continue
            parsed = self._parse(item)
            if parsed is None:
                continue
            source, event_id, receiver = parsed
            if receiver is not None and receiver not in self._local_viewers:
                self._raise_high_water(event_id)
                continue  # meant for one user who has no stream in this process
            wanted.setdefault(source, []).append(event_id)
        if not wanted and catch_up_from is None:
            return
        for attempt in range(1, LOAD_ATTEMPTS + 1):
            try:
                live, caught_up = await self._load(wanted, catch_up_from)
                break
            except LISTEN_ERRORS as exc:
                log.warning(
                    "feed broker: could not load events", extra={"error": str(exc), "try": attempt}
                )
                await asyncio.sleep(0.5 * attempt)
        else:
            # Not delivered and not counted in the high-water mark: a catch-up after the next
            # reconnect loads them, and clients get them on their own reconnect (Last-Event-ID).
            return
        self._deliver_live(live)
        self._deliver_caught_up(caught_up)

    async def _load(
        self, wanted: dict[str, list[int]], catch_up_from: int | None
    ) -> tuple[list[StreamEvent], list[StreamEvent]]:
        live: list[StreamEvent] = []
        caught_up: list[StreamEvent] = []
        async with self._pool.acquire() as conn:
            for name, ids in wanted.items():
                live.extend(await self._sources[name].load(conn, ids))
            if catch_up_from is not None:
                for source in self._sources.values():
                    caught_up.extend(await source.since(conn, catch_up_from, CATCH_UP_LIMIT))
        live.sort(key=lambda e: e.id)
        caught_up.sort(key=lambda e: e.id)
        return live, caught_up

    def _parse(self, payload: str) -> tuple[str, int, uuid.UUID | None] | None:
        try:
            data = orjson.loads(payload)
            source, event_id = str(data["t"]), int(data["id"])
            receiver = uuid.UUID(data["to"]) if data.get("to") else None
        except (ValueError, KeyError, TypeError):
            log.warning("feed broker: unreadable notification", extra={"payload": payload[:200]})
            return None
        if source not in self._sources:
            log.warning("feed broker: notification of an unknown source", extra={"source": source})
            return None
        return source, event_id, receiver

    def _raise_high_water(self, event_id: int) -> None:
        if self._high_water is None or event_id > self._high_water:
            self._high_water = event_id

    def _deliver_live(self, events: list[StreamEvent]) -> None:
        now = time.monotonic()
        self._caught_up = {
            i: at for i, at in self._caught_up.items() if now - at < CAUGHT_UP_SECONDS
        }
        for event in events:
            if self._caught_up.pop(event.id, None) is not None:
                continue  # a catch-up already delivered it; its notification came late
            if len(self._recent) == self._recent.maxlen:
                self._recent_set.discard(self._recent[0])
            self._recent.append(event.id)
            self._recent_set.add(event.id)
            self._offer(event)

    def _deliver_caught_up(self, events: list[StreamEvent]) -> None:
        now = time.monotonic()
        for event in events:
            if event.id in self._recent_set:
                continue  # its notification arrived before the connection broke
            self._caught_up[event.id] = now
            self._offer(event)

    def _offer(self, event: StreamEvent) -> None:
        self._raise_high_water(event.id)
        for sub in list(self._subscribers):
            sub.offer(event)
