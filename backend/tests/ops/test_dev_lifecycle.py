"""`make dev` leaves nothing behind: SIGTERM to make, or Ctrl+C to its process group, stops the
API and the embedded PostgreSQL it started, and a record left by a holder that died (SIGKILL)
does not keep the next server running."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil

from tests.pgfolders import server_folder

REPO = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _start_make_dev(pgdata: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DATABASE_URL"))}
    env.update(EMBEDDED_PGDATA=str(pgdata), PORT=str(port), ENVIRONMENT="development")
    return subprocess.Popen(  # noqa: S603 - make with fixed arguments
        [shutil.which("make") or "make", "--no-print-directory", "dev"],
        cwd=REPO,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as a terminal gives it
    )


def _wait_healthy(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, f"make dev exited early:\n{log.read_text()}"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"make dev did not answer /health:\n{log.read_text()}")


class _LiveWall:
    """GET /feed/stream as the app follows it, signed in as a demo student, in a thread."""

    def __init__(self, port: int) -> None:
        base = f"http://127.0.0.1:{port}"
        login = httpx.post(
            f"{base}/auth/login",
            json={"email": "maja@wisdom.local", "password": "wisdom-demo-2026"},
            timeout=10,
        )
        self.token = login.json()["access_token"]
        self.url = f"{base}/feed/stream"
        self.connected = threading.Event()
        self.ended = False
        self.thread = threading.Thread(target=self._follow, daemon=True)
        self.thread.start()
        assert self.connected.wait(10), "the event stream did not open"

    def _follow(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "text/event-stream"}
        try:
            with httpx.stream(
                "GET", self.url, headers=headers, timeout=httpx.Timeout(None, connect=5)
            ) as response:
                for line in response.iter_lines():
                    if line.startswith(": connected"):
                        self.connected.set()
        except httpx.HTTPError:
            pass
        self.ended = True


def _postmaster(pgdata: Path) -> psutil.Process:
    pid = int((pgdata / "postmaster.pid").read_text().split()[0])
    return psutil.Process(pid)


def _project_processes(pgdata: Path, port: int) -> list[str]:
    """Processes still running that belong to this make dev: its PostgreSQL or its API."""
    left = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if str(pgdata) in cmdline or (f"PORT={port}" in cmdline):
            left.append(f"{proc.info['pid']}: {cmdline}")
    return left


def _stop_and_check(
    process: subprocess.Popen[bytes], how: str, pgdata: Path, port: int, log: Path
) -> None:
    postmaster = _postmaster(pgdata)
    assert postmaster.is_running()
    if how == "SIGTERM":
        process.send_signal(signal.SIGTERM)  # `kill <pid of make>`
    else:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl+C in the terminal
    # make itself ends by the signal it got, after its child has finished.
    assert process.wait(timeout=60) in (0, -signal.SIGTERM, -signal.SIGINT), log.read_text()
    _, alive = psutil.wait_procs([postmaster], timeout=20)
    assert alive == [], f"PostgreSQL still runs after {how}:\n{log.read_text()}"
    assert _project_processes(pgdata, port) == []
    assert json.loads((pgdata / ".handle_pids.json").read_text()) == []
    assert "Traceback" not in log.read_text()


def test_make_dev_stops_its_postgresql_on_sigterm_and_ctrl_c() -> None:
    with server_folder("dev") as root:
        _make_dev_twice(root / "pgdata", root / "make-dev.log", _free_port())


def _make_dev_twice(pgdata: Path, log: Path, port: int) -> None:

    first = _start_make_dev(pgdata, port, log)
    try:
        _wait_healthy(first, port, log)
        stream = _LiveWall(port)  # an app keeping the live wall open does not hold it up
    finally:
        started = time.monotonic()
        _stop_and_check(first, "SIGTERM", pgdata, port, log)
    assert time.monotonic() - started < 15, "SIGTERM took too long with a stream open"
    stream.thread.join(timeout=5)
    assert stream.ended, "the event stream was not ended by the shutdown"

    # A holder that died without letting go (SIGKILL) leaves its pid in the record.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (pgdata / ".handle_pids.json").write_text(json.dumps([dead.pid]))

    second = _start_make_dev(pgdata, port, log)
    try:
        _wait_healthy(second, port, log)
    finally:
        _stop_and_check(second, "Ctrl+C", pgdata, port, log)
    output = log.read_text()
    assert "Warning" not in output, output


def test_two_holders_start_one_fresh_server_and_the_last_one_out_stops_it() -> None:
    """Parallel test workers start the embedded server at once on a new data folder; each
    `app.pgserver hold` gets the same server, and it stops when the last holder lets go."""
    with server_folder("holders") as root:
        _two_holders(root / "pgdata")


def _two_holders(pgdata: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DATABASE_URL"))}
    env.update(EMBEDDED_PGDATA=str(pgdata), ENVIRONMENT="development")
    holders = [
        subprocess.Popen(
            [sys.executable, "-m", "app.pgserver", "hold"],
            cwd=REPO / "backend",
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    urls = [h.stdout.readline().strip() for h in holders if h.stdout]
    assert len(set(urls)) == 1 and urls[0].startswith("DATABASE_URL=postgresql://"), urls
    postmaster = _postmaster(pgdata)

    first, second = holders
    assert first.stdin is not None and second.stdin is not None
    first.stdin.close()
    assert first.wait(timeout=30) == 0
    assert postmaster.is_running(), "the server stopped while another process still held it"
    second.stdin.close()
    assert second.wait(timeout=30) == 0
    _, alive = psutil.wait_procs([postmaster], timeout=20)
    assert alive == []
