"""A short-lived cache of the public catalogue pages that anonymous visitors read.

The landing site and every signed-out app start read the same first pages of GET /services,
/courses, /seminars and /teachers. Those answers are public and the same for every anonymous
caller, so each API process keeps them for PUBLIC_CACHE_SECONDS (default 2; 0 turns the cache
off) and serves repeats without routing, dependencies or a database round trip.

- Only GET of the listed paths, without an Authorization header (a signed-in caller may see
  more, e.g. a teacher's own drafts) and only 200 answers are stored; the key is the path and
  the raw query string.
- Any successful write (POST, PUT, PATCH, DELETE answered below 400) in this process empties
  the cache, so a change made through this process is visible at once. Another API process
  shows it at most PUBLIC_CACHE_SECONDS later (docs/operations.md).
- A request with `Cache-Control: no-cache` (or `no-store`) is answered fresh and not stored.
- Answers carry `X-Cache: hit` or `miss` for operators and tests.
"""

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PUBLIC_LIST_PATHS = frozenset({"/services", "/courses", "/seminars", "/teachers"})
MAX_ENTRIES = 512
MAX_BODY_BYTES = 512 * 1024
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class _Entry:
    expires: float
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass
class PublicCache:
    seconds: float
    entries: dict[tuple[str, bytes], _Entry] = field(default_factory=dict)
    # Bumped by every write: a page read before a write finished is not stored after it.
    generation: int = 0

    def get(self, key: tuple[str, bytes]) -> _Entry | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry.expires <= time.monotonic():
            del self.entries[key]
            return None
        return entry

    def put(self, key: tuple[str, bytes], entry: _Entry) -> None:
        if len(self.entries) >= MAX_ENTRIES:
            # Oldest first (dicts keep insertion order); expired ones go with them.
            for old in list(self.entries)[: MAX_ENTRIES // 4]:
                del self.entries[old]
        self.entries[key] = entry

    def clear(self) -> None:
        self.generation += 1
        self.entries.clear()

    def after_write(self, _path: str) -> None:
        self.clear()


def _cacheable(scope: Scope) -> bool:
    if scope["method"] != "GET" or scope["path"] not in PUBLIC_LIST_PATHS:
        return False
    for name, value in scope["headers"]:
        if name == b"authorization":
            return False
        if name == b"cache-control" and asks_fresh(value.decode("latin-1")):
            return False
    return True


def asks_fresh(cache_control: str) -> bool:
    """A request's Cache-Control asking for a fresh answer (HTTP's no-cache or no-store
    directive): every cache of the API is bypassed for it."""
    return "no-cache" in cache_control or "no-store" in cache_control


class WriteAware(Protocol):
    def after_write(self, path: str) -> None: ...


class PublicCacheMiddleware:
    """The cache above, and the place where a successful write empties it and tells the other
    per-process caches given in `also_tell` (app.authcache.AuthCache) about it."""

    def __init__(self, app: ASGIApp, seconds: float, also_tell: Sequence[WriteAware] = ()) -> None:
        self.app = app
        self.cache = PublicCache(seconds)
        self.write_aware: list[WriteAware] = [self.cache, *also_tell]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in SAFE_METHODS:
            await self._pass_write(scope, receive, send)
            return
        if self.cache.seconds <= 0 or not _cacheable(scope):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope["query_string"])
        entry = self.cache.get(key)
        if entry is not None:
            await _replay(entry, send)
            return
        await self._fill(key, scope, receive, send)

    async def _pass_write(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] < 400:
                for cache in self.write_aware:
                    cache.after_write(scope["path"])
            await send(message)

        await self.app(scope, receive, watch)

    async def _fill(
        self, key: tuple[str, bytes], scope: Scope, receive: Receive, send: Send
    ) -> None:
        started = time.monotonic()
        generation = self.cache.generation
        start: Message = {}
        chunks: list[bytes] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"x-cache", b"miss")],
                }
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                size += len(message.get("body", b""))
                if size <= MAX_BODY_BYTES:
                    chunks.append(message.get("body", b""))
                complete = not message.get("more_body", False)
                if complete and size <= MAX_BODY_BYTES and generation == self.cache.generation:
                    self.cache.put(
                        key,
                        _Entry(
                            started + self.cache.seconds,
                            200,
                            list(start.get("headers", [])),
                            b"".join(chunks),
                        ),
                    )
            await send(message)

        await self.app(scope, receive, capture)


async def _replay(entry: _Entry, send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": entry.status,
            "headers": [*entry.headers, (b"x-cache", b"hit")],
        }
    )
    await send({"type": "http.response.body", "body": entry.body})
