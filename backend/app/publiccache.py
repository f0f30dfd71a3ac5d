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
from dataclasses import dataclass, field
from typing import Protocol

from starlette.types import Scope, Send

PUBLIC_LIST_PATHS = frozenset({"/services", "/courses", "/seminars", "/teachers"})
MAX_ENTRIES = 512
MAX_BODY_BYTES = 512 * 1024
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class Entry:
    expires: float
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass
class PublicCache:
    seconds: float
    entries: dict[tuple[str, bytes], Entry] = field(default_factory=dict)
    # Bumped by every write: a page read before a write finished is not stored after it.
    generation: int = 0

    def get(self, key: tuple[str, bytes]) -> Entry | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry.expires <= time.monotonic():
            del self.entries[key]
            return None
        return entry

    def put(self, key: tuple[str, bytes], entry: Entry) -> None:
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


def cacheable(scope: Scope) -> bool:
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


async def replay(entry: Entry, send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": entry.status,
            "headers": [*entry.headers, (b"x-cache", b"hit")],
        }
    )
    await send({"type": "http.response.body", "body": entry.body})
