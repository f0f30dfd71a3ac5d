"""Two real API processes (uvicorn) on the test database, for the event stream's tests."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import httpx
import pytest

from tests.conftest import TEST_JWT_SECRET

BACKEND = Path(__file__).resolve().parents[2]
HEARTBEAT_SECONDS = "0.5"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _start(
    database_url: str, log: IO[bytes], extra_env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ENVIRONMENT": "test",
        "JWT_SECRET": TEST_JWT_SECRET,
        "FEED_HEARTBEAT_SECONDS": HEARTBEAT_SECONDS,
        "RUN_BACKGROUND_TASKS": "false",
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
        **(extra_env or {}),
    }
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "app.main:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=BACKEND,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    return proc, f"http://127.0.0.1:{port}"


def _wait_ready(proc: subprocess.Popen[bytes], url: str, seconds: float = 180.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"API process at {url} exited early ({proc.returncode})")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"API process at {url} not ready after {seconds}s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


@pytest.fixture(scope="module")
def api_processes(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """Base URLs of two separate API processes (A, B) on the suite's database (their logs are
    in the test's temporary folder)."""
    log_dir = tmp_path_factory.mktemp("api-logs")
    with (log_dir / "a.log").open("wb") as log_a, (log_dir / "b.log").open("wb") as log_b:
        started = [_start(database_url, log_a), _start(database_url, log_b)]
        try:
            for proc, url in started:
                _wait_ready(proc, url)
            yield started[0][1], started[1][1]
        finally:
            for proc, _ in started:
                _stop(proc)
