#!/usr/bin/env python3
"""Run a command against a freshly started API, then stop it: `make smoke` and `make postman`.

    backend/.venv/bin/python scripts/with_api.py [--no-seed] -- COMMAND [ARGS...]

1. PostgreSQL: the server of DATABASE_URL when set, else the embedded one (data in
   .local/pgdata, stopped again at the end), with a new database wisdom_qa_<random>.
2. Migrations and the Swedish demo data (the smoke test signs in as the demo admin).
3. The API (uvicorn) on a free port of 127.0.0.1, in development mode with the dummy payment
   provider unless .env configures Stripe; waits for GET /health.
4. COMMAND with the API's URL appended as its last argument (`{url}` in an argument is replaced
   instead, when present).
5. Stops the API, drops the database (and the embedded server), and exits with COMMAND's exit code.
"""

import asyncio
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

REPO = Path(__file__).resolve().parents[1]
BACKEND = REPO / "backend"
sys.path.insert(0, str(BACKEND))

from app.pgserver import (  # noqa: E402
    ensure_database,
    start_embedded_server,
    stop_embedded_server,
    with_database,
)

PYTHON = sys.executable
# Local tools run in development unless told otherwise (as the Makefile does); the API refuses
# the placeholder JWT secret in production.
os.environ.setdefault("ENVIRONMENT", "development")


def log(message: str) -> None:
    print(f"with_api: {message}", flush=True)


def server_url() -> str:
    """A URL of the PostgreSQL server (any database on it). The embedded server is held by this
    process and let go in main()'s `finally`, so it stops with the command unless another
    process (make dev) holds it too."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    from app.config import Settings

    server = start_embedded_server(Settings().embedded_pgdata)
    url: str = server.get_uri("postgres")
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


async def drop_database(server: str, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(with_database(server, "postgres"))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def wait_for_health(url: str, api: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if api.poll() is not None:
            raise SystemExit(f"with_api: the API exited with {api.returncode} before it was up")
        try:
            with urlopen(f"{url}/health", timeout=2) as response:  # noqa: S310 - our own URL
                if response.status == 200:
                    return
        except (URLError, OSError):
            pass
        time.sleep(0.3)
    raise SystemExit(f"with_api: {url}/health did not answer within {seconds:.0f} s")


def main(argv: list[str]) -> int:
    seed = "--no-seed" not in argv
    if "--" not in argv:
        print(__doc__)
        return 2
    command = argv[argv.index("--") + 1 :]
    if not command:
        print(__doc__)
        return 2

    server = server_url()
    name = f"wisdom_qa_{secrets.token_hex(4)}"
    asyncio.run(ensure_database(server, name))
    database_url = with_database(server, name)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "DATABASE_URL": database_url,
        "API_BASE_URL": url,
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
        # Checkout returns to this API's own pages, on this port.
        "CHECKOUT_SUCCESS_URL": f"{url}/payments/checkout/success?order_id={{ORDER_ID}}"
        "&session_id={CHECKOUT_SESSION_ID}",
        "CHECKOUT_CANCEL_URL": f"{url}/payments/checkout/canceled?order_id={{ORDER_ID}}",
        # A throwaway signing key for this run (the placeholder is too short for HS256).
        "JWT_SECRET": os.environ.get("JWT_SECRET") or secrets.token_urlsafe(48),
    }
    api: subprocess.Popen[bytes] | None = None
    try:
        log(f"database {name}")
        subprocess.run([PYTHON, "-m", "app.migrate"], cwd=BACKEND, env=env, check=True)  # noqa: S603
        if seed:
            subprocess.run([PYTHON, "-m", "app.seed"], cwd=BACKEND, env=env, check=True)  # noqa: S603
        api = subprocess.Popen(  # noqa: S603 - our own module
            [
                PYTHON,
                "-m",
                "uvicorn",
                "--factory",
                "app.main:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-access-log",
            ],
            cwd=BACKEND,
            env=env,
        )
        wait_for_health(url, api)
        log(f"API on {url}")
        args = [a.replace("{url}", url) for a in command]
        if not any("{url}" in a for a in command):
            args.append(url)
        return subprocess.run(args, cwd=REPO, check=False).returncode  # noqa: S603
    finally:
        if api is not None and api.poll() is None:
            api.send_signal(signal.SIGTERM)
            try:
                api.wait(timeout=20)
            except subprocess.TimeoutExpired:
                api.kill()
                api.wait()
        asyncio.run(drop_database(server, name))
        stop_embedded_server()
        log(f"stopped the API, dropped {name}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
