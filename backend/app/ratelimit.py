"""Rate limits for any domain: a small async wrapper over the `limits` library.

Counters use a moving window: a request is counted only when it is allowed, so once the caller
(or an attacker using a victim's address) stops, the limit lifts at most one window after the
last allowed request; nothing is ever locked for longer than the window. Counters live in this
process's memory, or in Redis when REDIS_URL is set, so several API processes share them. If
Redis cannot be reached the limiter falls back to its in-memory counters (with a log line)
rather than refusing every request.

Usage in a domain:

    limiter = await get_rate_limiter(request)  # or Depends(get_rate_limiter)
    await limiter.hit(settings.login_rate_limit_ip, "login-ip", client_ip(request))

hit() raises TooManyRequests (429 with Retry-After) when the limit is used up; allow() counts
the same way but answers True/False. For counters of failures (checked before, counted after
the attempt) there are has_room(), used(), clear() and refusal().
"""

import hashlib
import ipaddress
import logging
import math
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from fastapi import Request
from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from limits.storage import storage_from_string

from app.config import Settings
from app.errors import TooManyRequests

log = logging.getLogger("wisdom.ratelimit")
T = TypeVar("T")


def redis_storage_uri(redis_url: str) -> str:
    """limits' async scheme for a redis:// (or rediss://) URL."""
    if redis_url.startswith(("redis://", "rediss://")):
        return "async+" + redis_url
    if redis_url.startswith("unix://"):
        return "async+redis+" + redis_url
    return redis_url


def key_part(value: str) -> str:
    """A counter key part that does not put personal data (an e-mail address) in Redis."""
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


class RateLimiter:
    def __init__(self, redis_url: str = "", key_prefix: str = "wisdom") -> None:
        self.key_prefix = key_prefix
        self._memory = MovingWindowRateLimiter(MemoryStorage())
        self._shared: MovingWindowRateLimiter | None = None
        if redis_url:
            storage = storage_from_string(
                redis_storage_uri(redis_url),
                implementation="redispy",
                key_prefix=f"{key_prefix}:limits",
                wrap_exceptions=True,
            )
            assert isinstance(storage, Storage)  # noqa: S101 - an async+ scheme gives async storage
            self._shared = MovingWindowRateLimiter(storage)
        self._items: dict[str, RateLimitItem] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> "RateLimiter":
        return cls(settings.redis_url, settings.rate_limit_key_prefix)

    @property
    def backend(self) -> str:
        return "redis" if self._shared is not None else "memory"

    def _item(self, rule: str) -> RateLimitItem:
        item = self._items.get(rule)
        if item is None:
            item = self._items[rule] = parse(rule)
        return item

    async def _run(self, call: Callable[[MovingWindowRateLimiter], Awaitable[T]]) -> T:
        """`call` on the shared counters, or on this process's while Redis is unreachable."""
        if self._shared is not None:
            try:
                return await call(self._shared)
            except StorageError as exc:
                log.error(
                    "rate limit storage unavailable, counting in memory", extra={"error": str(exc)}
                )
        return await call(self._memory)

    async def allow(self, rule: str, scope: str, key: str) -> bool:
        """Count one request against `rule` for `scope`/`key` if the window has room; False
        (and nothing counted) when it is used up."""
        item = self._item(rule)
        return await self._run(lambda s: s.hit(item, self.key_prefix, scope, key))

    async def hit(self, rule: str, scope: str, key: str) -> None:
        """Count one request against `rule` (e.g. "5/minute") for `scope`/`key`; raise 429 with
        Retry-After when the window is full (the refused request is not counted)."""
        if not await self.allow(rule, scope, key):
            raise await self.refusal(rule, scope, key)

    async def has_room(self, rule: str, scope: str, key: str) -> bool:
        """Whether one more request would be allowed (nothing is counted)."""
        item = self._item(rule)
        return await self._run(lambda s: s.test(item, self.key_prefix, scope, key))

    async def used(self, rule: str, scope: str, key: str) -> int:
        """How many requests the window holds now."""
        item = self._item(rule)
        stats = await self._run(lambda s: s.get_window_stats(item, self.key_prefix, scope, key))
        return item.amount - stats.remaining

    async def clear(self, rule: str, scope: str, key: str) -> None:
        item = self._item(rule)
        await self._run(lambda s: s.clear(item, self.key_prefix, scope, key))

    async def refusal(
        self, rule: str, scope: str, key: str, *, whole_window: bool = False
    ) -> TooManyRequests:
        """The 429 for a full window: Retry-After is when it has room again (or, with
        `whole_window`, the window's whole length: when every request in it has left)."""
        item = self._item(rule)
        if whole_window:
            retry_after = item.get_expiry()
        else:
            stats = await self._run(lambda s: s.get_window_stats(item, self.key_prefix, scope, key))
            retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        return TooManyRequests(
            "Too many attempts, try again later",
            headers={"Retry-After": str(retry_after)},
            extra={"retry_after": retry_after},
        )

    async def reset(self) -> None:
        """Forget every counter (tests; an operator after an incident)."""
        await self._memory.storage.reset()
        if self._shared is not None:
            await self._shared.storage.reset()


async def get_rate_limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.rate_limiter
    return limiter


def client_ip(request: Request) -> str | None:
    """The caller's address as uvicorn reports it. Behind a reverse proxy, run uvicorn with
    --proxy-headers and --forwarded-allow-ips=<the proxy's address> so that this is the real
    client's address (from X-Forwarded-For) and not the proxy's."""
    host = request.client.host if request.client else None
    if not host:
        return None
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None
