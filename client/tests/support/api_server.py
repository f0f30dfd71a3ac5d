"""A real Wisdom API for the client's tests: a fresh database on the machine's PostgreSQL
(DATABASE_URL) or the embedded server, migrated and seeded with the demo data, and uvicorn
serving app.main:create_app on a free port."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

CLIENT_DIR = Path(__file__).resolve().parents[2]
BACKEND_DIR = CLIENT_DIR.parent / "backend"
BACKEND_PYTHON = BACKEND_DIR / ".venv" / "bin" / "python"
APIDB = Path(__file__).with_name("apidb.py")
DEMO_PASSWORD = "wisdom-demo-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _backend(args: list[str], env: dict[str, str], timeout: float = 300) -> str:
    if not BACKEND_PYTHON.exists():
        raise RuntimeError(f"{BACKEND_PYTHON} is missing: run `make setup` in the repository first")
    done = subprocess.run(
        [str(BACKEND_PYTHON), *args],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"backend {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


class DatabaseServer:
    """DATABASE_URL's server when set, else the embedded one, held by a backend process
    (`app.pgserver hold`) for as long as this object is open: closing it (or this process
    dying, which closes the pipe) lets the embedded server stop."""

    def __init__(self, env: dict[str, str]) -> None:
        self.holder: subprocess.Popen[str] | None = None
        if env.get("DATABASE_URL"):
            self.url = env["DATABASE_URL"]
            return
        if not BACKEND_PYTHON.exists():
            raise RuntimeError(f"{BACKEND_PYTHON} is missing: run `make setup` in the repository first")
        self.holder = subprocess.Popen(
            [str(BACKEND_PYTHON), "-m", "app.pgserver", "hold"],
            cwd=BACKEND_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.holder.stdout is not None
        line = self.holder.stdout.readline()
        match = re.match(r"^DATABASE_URL=(\S+)$", line.strip())
        if not match:
            self.close()
            raise RuntimeError(f"app.pgserver hold printed no DATABASE_URL: {line!r}")
        self.url = match.group(1)

    def close(self) -> None:
        if self.holder is None:
            return
        assert self.holder.stdin is not None
        self.holder.stdin.close()
        try:
            self.holder.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.holder.kill()
            self.holder.wait(timeout=5)
        self.holder = None


@dataclass
class ApiServer:
    url: str
    database_url: str
    process: subprocess.Popen[bytes]
    database_server: DatabaseServer
    server_url: str
    database: str
    env: dict[str, str]
    log_path: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        try:
            _backend([str(APIDB), "drop", self.server_url, self.database], self.env)
        finally:
            self.database_server.close()


def start_api(log_dir: Path) -> ApiServer:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "VIRTUAL_ENV"))}
    # The backend refuses to start outside development without a real secret.
    env.update(ENVIRONMENT="test", JWT_SECRET=secrets.token_urlsafe(48))
    database_server = DatabaseServer(env)
    try:
        return _start_api_on(database_server, env, log_dir)
    except BaseException:
        database_server.close()
        raise


def _start_api_on(database_server: DatabaseServer, env: dict[str, str], log_dir: Path) -> ApiServer:
    server_url = database_server.url
    database = f"wisdom_client_{os.getpid()}_{secrets.token_hex(3)}"
    database_url = _backend([str(APIDB), "create", server_url, database], env).strip()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env.update(
        DATABASE_URL=database_url,
        API_BASE_URL=base,
        PAYMENT_PROVIDER="dummy",
        STRIPE_SECRET_KEY="",
        CHECKOUT_SUCCESS_URL=f"{base}/payments/checkout/success?order_id={{ORDER_ID}}"
        "&session_id={CHECKOUT_SESSION_ID}",
        CHECKOUT_CANCEL_URL=f"{base}/payments/checkout/canceled?order_id={{ORDER_ID}}",
        LOGIN_RATE_LIMIT_ACCOUNT="1000/minute",
        LOGIN_RATE_LIMIT_IP="1000/minute",
        REGISTER_RATE_LIMIT_IP="1000/hour",
        PASSWORD_RESET_RATE_LIMIT_ACCOUNT="1000/minute",
        PASSWORD_RESET_RATE_LIMIT_IP="1000/minute",
        REDIS_URL="",
        LOG_JSON="false",
        LOG_LEVEL="WARNING",
    )
    _backend(["-m", "app.migrate"], env)
    _backend(["-m", "app.seed"], env)
    log_path = log_dir / "api.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [
            str(BACKEND_PYTHON),
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
        cwd=BACKEND_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = ApiServer(base, database_url, process, database_server, server_url, database, env, log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the API exited:\n{log_path.read_text()}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.kill()
    process.wait()
    raise RuntimeError(f"the API did not answer /health within 60 s:\n{log_path.read_text()}")


if __name__ == "__main__":
    # Manual use: start an API like the tests do and keep it running until Ctrl-C.
    api = start_api(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))
    print(f"API on {api.url} (database {api.database})", flush=True)
    try:
        api.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        api.stop()
