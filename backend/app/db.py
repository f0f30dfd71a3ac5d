"""asyncpg pool, a connection per request and a transaction around every write."""

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator
from typing import Annotated, Any, TypeAlias

import asyncpg
import orjson
from asyncpg.pool import PoolConnectionProxy
from fastapi import Depends, Request

from app.config import Settings

# A connection as services see it: a pooled one in requests, a plain one in CLI tools and tests.
Connection: TypeAlias = "asyncpg.Connection[Any] | PoolConnectionProxy[Any]"

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def _init_connection(conn: Connection) -> None:
    for typename in ("json", "jsonb"):
        await conn.set_type_codec(
            typename,
            schema="pg_catalog",
            format="text",
            encoder=lambda v: orjson.dumps(v).decode(),
            decoder=orjson.loads,
        )


async def connect(dsn: str) -> "asyncpg.Connection[Any]":
    """A single connection outside the pool (CLI tools), with the same codecs."""
    conn: asyncpg.Connection[Any] = await asyncpg.connect(dsn)
    await _init_connection(conn)
    return conn


async def _no_reset(_: Connection) -> None:
    """Skip the RESET ALL round trip on release: sessions never change settings or LISTEN on
    pooled connections (asyncpg still rolls back an open transaction itself)."""


async def create_pool(dsn: str, settings: Settings) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        dsn,
        min_size=settings.db_pool_min_size,
        max_size=settings.db_pool_max_size,
        init=_init_connection,
        reset=_no_reset,
        # Opened connections stay open: asyncpg would close one idle for this long (below
        # min_size too) and the next request under load would pay for a new connection, its
        # authentication and its codecs. DB_POOL_MAX_SIZE bounds how many there are.
        max_inactive_connection_lifetime=0,
        command_timeout=30,
    )
    assert pool is not None  # noqa: S101 - create_pool only returns None when not awaited
    return pool


def get_pool(request: Request) -> asyncpg.Pool:
    pool: asyncpg.Pool = request.app.state.pool
    return pool


class FairGate:
    """At most `slots` requests hold a pooled connection; the others wait in arrival order.

    asyncpg's pool gives a released connection to whichever task asks next, so under load a
    request that has just arrived overtakes those already waiting, and some wait very long
    (GET /feed at 64 connections on a pool of 10: p50 28 ms, p99 205 ms). Handing each freed
    slot straight to the oldest waiter keeps the tail near the median.
    """

    def __init__(self, slots: int) -> None:
        self._free = slots
        self._waiters: deque[asyncio.Future[None]] = deque()

    async def __aenter__(self) -> None:
        if self._free > 0 and not self._waiters:
            self._free -= 1
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._hand_over()  # the slot arrived together with the cancellation: pass it on
            elif waiter in self._waiters:  # (a hand-over may have skipped it already)
                self._waiters.remove(waiter)
            raise

    async def __aexit__(self, *_: object) -> None:
        self._hand_over()

    def _hand_over(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
        self._free += 1


async def _request_connection(request: Request) -> AsyncIterator[Connection]:
    """Reads run as single statements; writes run in one transaction that commits when the
    endpoint returns and rolls back when it raises."""
    async with request.app.state.db_gate, get_pool(request).acquire() as conn:
        try:
            if request.method in WRITE_METHODS:
                async with conn.transaction():
                    yield conn
            else:
                yield conn
        except asyncpg.exceptions.DataError:
            await _end_unsynced_statement(conn)
            raise


async def _end_unsynced_statement(conn: Connection) -> None:
    """asyncpg refuses an argument it cannot encode (an integer past bigint, a date past year
    9999 in UTC) after it has sent the statement's Parse and Describe without a Sync: the server
    then keeps that implicit transaction, and its table locks, until the connection's next
    command, which for an idle pooled connection may be minutes away (and a TRUNCATE or ALTER
    waits for it). One command ends it before the connection goes back to the pool."""
    with contextlib.suppress(Exception):  # a broken connection is the pool's to drop
        await conn.execute("SELECT 1")


# scope="function": the transaction ends before the response is sent, so a 2xx means committed.
Conn = Annotated[Connection, Depends(_request_connection, scope="function")]
