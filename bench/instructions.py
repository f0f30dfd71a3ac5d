"""`make bench.instructions`: the API's work per request in instructions, a figure that holds
still when the machine's speed does not.

    backend/.venv/bin/python bench/instructions.py [--seconds 10]

Rates (req/s, purchases/s) and CPU time on a shared virtual machine move by 2x from one run to
the next with the same code (docs/performance.md, results of 2026-12-04). The instructions a
request executes do not: valgrind's callgrind counts them, the same within about 1 % from run
to run. This runs one API process (uvicorn, one worker, uvloop, httptools) under
`valgrind --tool=callgrind` with counting off, warms it up, and counts, for each target, every
instruction the process executes while one client repeats the target back to back, divided
by the targets done. It counts the API process only (its Python, asyncpg, uvloop and the
kernel calls' user-side part), not PostgreSQL and not the load generator.

Needs valgrind (`apt-get install -y valgrind`). About two minutes; nothing leaves 127.0.0.1.
"""

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import dataset
import loadgen
import run

Target = Callable[[int, int], Awaitable[loadgen.LoadResult]]


def _callgrind(pid: int, *command: str) -> None:
    subprocess.run(["callgrind_control", *command, str(pid)], check=True, capture_output=True)  # noqa: S603, S607


def _dumped_total(out_dir: Path, pid: int, label: str) -> int:
    """The instruction total of the dump just written for `label`."""
    trigger = re.compile(rf"^desc: Trigger: .*\b{re.escape(label)}$", re.MULTILINE)
    for dump in out_dir.glob(f"callgrind.{pid}*"):
        text = dump.read_text(errors="replace")
        if not trigger.search(text):
            continue
        totals = re.findall(r"^(?:summary|totals):\s+(\d+)", text, re.MULTILINE)
        if totals:
            return int(totals[-1])
    raise SystemExit(f"callgrind wrote no dump for {label}")


async def count(pid: int, out_dir: Path, label: str, target: Target, seconds: int) -> float:
    """Instructions per unit of `target`, one client, counting from zero for `seconds`."""
    _callgrind(pid, "--zero")
    _callgrind(pid, "--instr=on")
    result = await target(1, seconds)
    _callgrind(pid, f"--dump={label}")
    _callgrind(pid, "--instr=off")
    if result.errors or not result.done:
        raise SystemExit(
            f"{label}: {result.errors} errors, {result.done} done: {result.error_samples}"
        )
    return _dumped_total(out_dir, pid, label) / result.done


def read_target(port: int, path: str, headers: dict[str, str]) -> Target:
    async def get(conn: loadgen.Connection, _: int) -> list[tuple[str, float]]:
        status, body = await conn.request("GET", path, b"", headers)
        if status != 200:
            raise loadgen.HttpError(f"GET {path} {status} {body[:200]!r}")
        return []

    async def load(connections: int, seconds: int) -> loadgen.LoadResult:
        return await loadgen.run_closed_loop(run.HOST, port, connections, seconds, get, warmup=0)

    return load


def api_under_callgrind(env: dict[str, str], port: int, out_dir: Path) -> subprocess.Popen[bytes]:
    command = [
        "valgrind", "--tool=callgrind", "--instr-atstart=no",
        f"--callgrind-out-file={out_dir}/callgrind.%p",
        *run.server_command("uvicorn", "app.main:create_app", port, 1),
    ]  # fmt: skip
    return subprocess.Popen(  # noqa: S603
        command, cwd=run.BACKEND, env=run.server_environment(env),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


async def measure(url: str, sizes: dataset.Sizes, seconds: int) -> dict[str, float]:
    env = run.api_environment(url, 2)
    settings = run.settings_from(env)
    service_id = await run.first_service_id(url)
    student = {"Authorization": f"Bearer {run.token(settings, dataset.student_id(1), 'student')}"}
    port = run.free_port()
    out_dir = Path(tempfile.mkdtemp(prefix="wisdom-callgrind-"))
    process = api_under_callgrind(env, port, out_dir)
    try:
        run.wait_until_answering(port)

        async def purchases(connections: int, secs: int) -> loadgen.LoadResult:
            return await run.purchase_load(
                port, settings, service_id, sizes.students, connections, secs
            )

        # The uncached reads of `make bench`, sent what it sends them.
        targets: list[tuple[str, Target]] = [
            (f"GET {path} uncached", read_target(
                port, path, {**(student if name == "feed" else {}), "Cache-Control": "no-cache"}
            ))
            for name, path, _ in run.LIST_TARGETS
        ]  # fmt: skip
        targets.append(("purchase (3 requests)", purchases))
        for _, target in targets:  # warm-up: imports, prepared statements, caches, pool
            await target(1, 3)
        figures = {}
        for n, (label, target) in enumerate(targets):
            figures[label] = await count(process.pid, out_dir, f"t{n}", target, seconds)
            print(f"{label}: {figures[label]:,.0f} instructions per unit (API process)")
        return figures
    finally:
        run.stop_process(process, grace=60)  # valgrind writes its last dump on the way out
        shutil.rmtree(out_dir, ignore_errors=True)


async def main(args: argparse.Namespace) -> int:
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        raise SystemExit("bench/instructions.py needs valgrind: apt-get install -y valgrind")
    sizes = dataset.Sizes(activities=args.activities)
    server = run.server_url()
    name, url, _ = await run.create_database(server, sizes)
    started = time.monotonic()
    try:
        await measure(url, sizes, args.seconds)
    finally:
        await run.drop_database(server, name)
    print(f"({time.monotonic() - started:.0f} s; one client, counting for {args.seconds} s each)")
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10, help="counting seconds per target")
    parser.add_argument("--activities", type=int, default=10_000, help="feed rows in the database")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
