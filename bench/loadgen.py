"""A small asyncio HTTP/1.1 client with keep-alive, for the load that wrk cannot script: the
purchase path (three dependent requests, the last one a signed webhook) and the event stream's
fan-out to many connected clients. Only 127.0.0.1; every loop ends at a deadline."""

import asyncio
import contextlib
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import orjson


class HttpError(Exception):
    pass


class Connection:
    """One keep-alive connection; requests on it run one after the other."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await self.writer.wait_closed()
            self.writer = None

    def send(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> None:
        assert self.writer is not None
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        for key, value in (headers or {}).items():
            lines.append(f"{key}: {value}")
        if body or method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)

    async def read_head(self) -> tuple[int, dict[str, str]]:
        assert self.reader is not None
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in header_lines:
            if ":" in line:
                key, value = line.split(":", 1)
                headers[key.strip().lower()] = value.strip()
        return int(status_line.split(" ", 2)[1]), headers

    async def read_body(self, headers: dict[str, str]) -> bytes:
        assert self.reader is not None
        if "content-length" in headers:
            return await self.reader.readexactly(int(headers["content-length"]))
        if headers.get("transfer-encoding") == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                if size == 0:
                    await self.reader.readuntil(b"\r\n")
                    return b"".join(parts)
                parts.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
        return b""

    async def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        self.send(method, path, body, headers)
        status, response_headers = await self.read_head()
        return status, await self.read_body(response_headers)


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


@dataclass
class LoadResult:
    completed: int = 0
    done: int = 0  # every unit that succeeded, warm-up and tail included (for CPU per unit)
    errors: int = 0
    latencies: list[float] = field(default_factory=list)  # seconds
    step_latencies: dict[str, list[float]] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.completed / self.seconds if self.seconds else 0.0

    def summary(self) -> dict[str, float]:
        return {
            "rps": self.per_second,
            "p50_ms": percentile(self.latencies, 50) * 1000,
            "p99_ms": percentile(self.latencies, 99) * 1000,
            "completed": self.completed,
            "errors": self.errors,
        }


# A unit of work on one connection: returns per-step latencies (name, seconds) or raises.
Work = Callable[[Connection, int], Awaitable[list[tuple[str, float]]]]


async def run_closed_loop(
    host: str, port: int, connections: int, seconds: float, work: Work, warmup: float = 1.0
) -> LoadResult:
    """`connections` clients each repeat `work` back to back until the deadline; the first
    `warmup` seconds are not counted."""
    result = LoadResult()
    start = time.perf_counter()
    measure_from = start + warmup
    deadline = measure_from + seconds

    async def client(index: int) -> None:
        conn = Connection(host, port)
        await conn.open()
        iteration = 0
        try:
            while time.perf_counter() < deadline:
                began = time.perf_counter()
                try:
                    steps = await work(conn, index * 1_000_000 + iteration)
                except (HttpError, ConnectionError, asyncio.IncompleteReadError) as exc:
                    if began >= measure_from:
                        result.errors += 1
                        if len(result.error_samples) < 5:
                            result.error_samples.append(str(exc)[:300])
                    await conn.close()
                    conn = Connection(host, port)
                    await conn.open()
                    continue
                finally:
                    iteration += 1
                ended = time.perf_counter()
                result.done += 1
                if began >= measure_from and ended <= deadline:
                    result.completed += 1
                    result.latencies.append(ended - began)
                    for name, took in steps:
                        result.step_latencies.setdefault(name, []).append(took)
        finally:
            await conn.close()

    await asyncio.gather(*(client(i) for i in range(connections)))
    result.seconds = seconds
    return result


@dataclass
class FanOutResult:
    clients: int
    posts: int
    delivered: int
    latencies: list[float]

    def summary(self) -> dict[str, float]:
        return {
            "clients": self.clients,
            "posts": self.posts,
            "delivered": self.delivered,
            "expected": self.clients * self.posts,
            "p50_ms": percentile(self.latencies, 50) * 1000,
            "p99_ms": percentile(self.latencies, 99) * 1000,
            "max_ms": max(self.latencies) * 1000 if self.latencies else float("nan"),
            "mean_ms": statistics.fmean(self.latencies) * 1000 if self.latencies else float("nan"),
        }


class StreamClient:
    """One GET /feed/stream connection that notes when each marker arrives."""

    def __init__(self, host: str, port: int, path: str) -> None:
        self.conn = Connection(host, port)
        self.path = path
        self.buffer = b""
        self.seen: dict[bytes, float] = {}
        self.markers: list[bytes] = []
        self.wakeup = asyncio.Event()

    async def connect(self) -> None:
        await self.conn.open()
        self.conn.send("GET", self.path, headers={"Accept": "text/event-stream"})
        status, _ = await self.conn.read_head()
        if status != 200:
            raise HttpError(f"stream answered {status}")
        while b": connected" not in self.buffer:
            await self._read()

    async def _read(self) -> None:
        assert self.conn.reader is not None
        chunk = await self.conn.reader.read(65536)
        if not chunk:
            raise ConnectionError("stream closed")
        now = time.perf_counter()
        self.buffer = (self.buffer + chunk)[-8192:]
        for marker in self.markers:
            if marker not in self.seen and marker in self.buffer:
                self.seen[marker] = now

    async def listen(self, until: float) -> None:
        """Read until every marker arrived or the deadline passed."""
        while time.perf_counter() < until and any(m not in self.seen for m in self.markers):
            try:
                await asyncio.wait_for(self._read(), max(0.01, until - time.perf_counter()))
            except TimeoutError:
                return


async def fan_out(
    host: str,
    port: int,
    stream_path: str,
    clients: int,
    post: Callable[[str], Awaitable[None]],
    posts: int,
    wait_seconds: float,
) -> FanOutResult:
    """Connect `clients` streams, then make `posts` posts one after another (each carrying a
    unique marker) and note when each stream receives each one."""
    streams = [StreamClient(host, port, stream_path) for _ in range(clients)]
    for start in range(0, clients, 100):  # connect in batches so the listen backlog keeps up
        await asyncio.gather(*(s.connect() for s in streams[start : start + 100]))
    latencies: list[float] = []
    delivered = 0
    try:
        for n in range(posts):
            marker = f"fanout-{time.time_ns()}-{n}"
            for s in streams:
                s.markers = [marker.encode()]
            until = time.perf_counter() + wait_seconds
            listeners = [asyncio.create_task(s.listen(until)) for s in streams]
            sent = time.perf_counter()
            await post(marker)
            await asyncio.gather(*listeners)
            for s in streams:
                got = s.seen.get(marker.encode())
                if got is not None:
                    delivered += 1
                    latencies.append(got - sent)
            await asyncio.sleep(0.5)
    finally:
        await asyncio.gather(*(s.conn.close() for s in streams))
    return FanOutResult(clients, posts, delivered, latencies)


def json_body(value: object) -> bytes:
    return orjson.dumps(value)
