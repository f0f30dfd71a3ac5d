"""Reading Server-Sent Events from a running API, with every wait bounded."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from typing import Any

import httpx
import orjson


@dataclass
class Sse:
    id: str | None = None
    event: str | None = None
    data: str | None = None
    comment: str | None = None
    retry: str | None = None

    def json(self) -> dict[str, Any]:
        assert self.data is not None
        value = orjson.loads(self.data)
        assert isinstance(value, dict)
        return value


class SseReader:
    """Parses the text/event-stream of one response into events (comments included)."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._lines = response.aiter_lines()

    async def _next(self) -> Sse:
        current = Sse()
        seen = False
        async for line in self._lines:
            if line == "":
                if seen:
                    return current
                continue
            seen = True
            if line.startswith(":"):
                current.comment = line[1:].strip()
                continue
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            setattr(current, name if name in ("id", "event", "data", "retry") else "comment", value)
        raise EOFError("the stream ended")

    async def next(self, seconds: float = 10.0) -> Sse:
        return await asyncio.wait_for(self._next(), seconds)

    async def until(self, match: Callable[[Sse], bool], seconds: float = 10.0) -> Sse:
        """The first event that matches, skipping others; fails after `seconds`."""

        async def find() -> Sse:
            while True:
                item = await self._next()
                if match(item):
                    return item

        return await asyncio.wait_for(find(), seconds)

    async def collect(self, seconds: float) -> list[Sse]:
        """Everything that arrives within `seconds` (the stream stays open)."""
        items: list[Sse] = []

        async def gather() -> None:
            while True:
                items.append(await self._next())

        with suppress(TimeoutError):
            await asyncio.wait_for(gather(), seconds)
        return items


@asynccontextmanager
async def open_stream(
    base_url: str,
    headers: dict[str, str] | None = None,
    params: dict[str, str] | None = None,
) -> AsyncIterator[SseReader]:
    """A connected stream: yields once the server's opening comment has arrived, so LISTEN is in
    place and nothing committed afterwards can be missed."""
    async with (
        httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(10.0, read=30.0)) as client,
        client.stream("GET", "/feed/stream", headers=headers, params=params) as response,
    ):
        assert response.status_code == 200, await response.aread()
        assert response.headers["content-type"].startswith("text/event-stream")
        reader = SseReader(response)
        opening = await reader.next()
        assert opening.comment == "connected" and opening.retry == "3000"
        yield reader
