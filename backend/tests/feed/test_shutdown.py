"""A server told to stop ends its event streams first: otherwise uvicorn waits for those
connections before the application's shutdown, and SIGTERM hangs while any app keeps the live
wall open (the end-to-end case is in tests/ops/test_dev_lifecycle.py)."""

import asyncio
import os
import signal
from types import FrameType

from fastapi import FastAPI

from app.feed.broker import FeedBroker
from app.feed.stream import ActivitySource
from app.messages.stream import MessageSource
from app.shutdown import on_exit_signal


async def test_sigterm_runs_the_action_then_the_handler_already_installed() -> None:
    calls: list[str] = []

    def servers_handler(signum: int, frame: FrameType | None) -> None:
        calls.append(f"server {signal.Signals(signum).name}")

    before = signal.signal(signal.SIGTERM, servers_handler)
    try:
        restore = on_exit_signal(lambda: calls.append("streams ended"))
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.sleep(0.05)
        # The server's handler runs in the signal handler; the action on the loop right after.
        assert calls == ["server SIGTERM", "streams ended"]
        restore()
        assert signal.getsignal(signal.SIGTERM) is servers_handler
    finally:
        signal.signal(signal.SIGTERM, before)


async def test_ending_the_streams_ends_open_ones_and_new_ones(
    app: FastAPI, database_url: str, clean_db: None
) -> None:
    broker = FeedBroker(database_url, app.state.pool, [ActivitySource(), MessageSource()])
    try:
        open_stream = await broker.subscribe(None)
        broker.end_streams()
        assert await asyncio.wait_for(open_stream.queue.get(), 1) is None
        late = await broker.subscribe(None)
        assert late.closed and await asyncio.wait_for(late.queue.get(), 1) is None
        assert broker.subscriber_count == 0
    finally:
        await broker.close()
