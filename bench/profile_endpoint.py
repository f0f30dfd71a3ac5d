"""Where one uncached request spends its time: py-spy samples one API worker under load.

    backend/.venv/bin/python bench/profile_endpoint.py [--target services] [--seconds 15]
        [--database-url URL] [--server uvicorn|granian] [--keep-db]

The API runs with one worker (the bench's settings otherwise) on a benchmark database (made and
dropped as `make bench` does, or the one --database-url names, e.g. kept by `--keep-db`), and one
target is loaded while py-spy records the worker (`--idle` off, so waiting is not counted):
`services`, `courses`, `feed` (each with Cache-Control: no-cache) or `purchase` (order,
checkout, webhook). It prints the share of samples per layer (the server, middleware,
FastAPI's request handling, dependencies, validation, the endpoint's own code, asyncpg, JSON)
and the functions with the most samples, and writes the collapsed stacks to
bench/results/profile-<target>-<time>.txt (a flame graph tool reads them).
"""

import argparse
import asyncio
import collections
import datetime
import os
import subprocess
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "backend")]
sys.path[:0] = [str(Path(__file__).resolve().parents[1])]

from bench import dataset, run  # noqa: E402

# Layers by the file a sampled frame is in. A sample counts for the layer of its innermost
# frame that belongs to one (the code that was running, or the closest caller that is ours or a
# library's: a frame of the standard library counts for whoever called it).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("asyncpg (protocol, codecs, pool)", ("asyncpg/",)),
    ("JSON (orjson, json)", ("orjson", "json/")),
    ("validation (pydantic)", ("pydantic/", "pydantic_core/")),
    ("signature check (stripe, hmac)", ("stripe/", "hmac.py")),
    ("dependency solving (fastapi.dependencies)", ("fastapi/dependencies/",)),
    ("FastAPI request handling (fastapi.routing, applications)", ("fastapi/",)),
    ("Starlette (routing, requests, responses, middleware)", ("starlette/",)),
    (
        "server and event loop (uvicorn, httptools, granian, uvloop)",
        ("uvicorn/", "httptools", "granian/", "uvloop/", "asyncio/"),
    ),
    ("the app's own code (app/)", ("(app/", "/app/")),
)


# The frames every sample passes through on its way to the event loop (not informative).
SHELL = (
    "<frozen runpy>",
    "click/",
    "uvicorn/main.py",
    "uvicorn/server.py",
    "uvicorn/_compat.py",
    "asyncio/runners.py",
    "uvicorn/__main__.py",
    "granian/",
)


def layer_of(frames: list[str]) -> str:
    for frame in reversed(frames):
        for name, needles in LAYERS:
            if any(n in frame for n in needles):
                return name
    return "other"


def summarize(collapsed: Path, top: int) -> str:
    """The samples per layer and the functions most often on top of the stack (self time)
    and anywhere in it (inclusive)."""
    layers: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        count = int(count_text)
        frames = stack.split(";")
        total += count
        layers[layer_of(frames)] += count
        own[_short(frames[-1])] += count
        for frame in {_short(f) for f in frames if not any(s in f for s in SHELL)}:
            inclusive[frame] += count
    if not total:
        return "no samples"
    lines = [f"{total:,} samples", "", "| layer | share |", "|---|---|"]
    lines += [f"| {name} | {n / total:.0%} |" for name, n in layers.most_common()]
    lines += ["", "| function (self) | share |", "|---|---|"]
    lines += [f"| `{name}` | {n / total:.1%} |" for name, n in own.most_common(top)]
    lines += ["", "| function (inclusive) | share |", "|---|---|"]
    lines += [f"| `{name}` | {n / total:.0%} |" for name, n in inclusive.most_common(top)]
    return "\n".join(lines)


def _short(frame: str) -> str:
    """`function (path/to/file.py:line)` as `function (package/file.py)`."""
    name, _, where = frame.partition(" (")
    path = where.split(":", 1)[0]
    parts = path.split("/")
    return f"{name} ({'/'.join(parts[-2:])})"


async def load(target: str, port: int, url: str, seconds: int, connections: int) -> str:
    settings = run.settings_from(run.api_environment(url, 20))
    if target == "purchase":
        service_id = await run.first_service_id(url)
        result = await run.purchase_load(
            port, settings, service_id, dataset.Sizes().students, connections, seconds
        )
        return f"{result.summary()['rps']:.0f} purchases/s, errors {result.errors}"
    headers = {"Cache-Control": "no-cache"}
    if target == "feed":
        headers["Authorization"] = f"Bearer {run.token(settings, dataset.student_id(1), 'student')}"
    m = await asyncio.to_thread(
        run.run_wrk, f"http://{run.HOST}:{port}/{target}", connections, seconds, headers
    )
    return f"{m['rps']:.0f} req/s, p99 {m['p99_ms']:.0f} ms, errors {m['errors']:.0f}"


async def main(args: argparse.Namespace) -> int:
    server = run.server_url()
    name = None
    url = args.database_url
    if not url:
        name, url, _ = await run.create_database(server, dataset.Sizes())
        print(f"database {name}")
    try:
        env = run.api_environment(url, 20)
        with run.api_server(args.server, "app.main:create_app", env, 1) as (port, pids):
            out = run.RESULTS / f"profile-{args.target}-{datetime.datetime.now():%Y%m%d-%H%M%S}.txt"
            spy = subprocess.Popen(  # noqa: S603, ASYNC220 - py-spy runs beside the load
                [
                    str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(pids[0]),
                    "--rate", "250", "--duration", str(args.seconds), "--format", "raw",
                    "--output", str(out), "--nonblocking",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            await asyncio.sleep(0.5)
            print(await load(args.target, port, url, args.seconds, args.connections))
            spy.wait(timeout=args.seconds + 60)
        print(summarize(out, args.top))
        print(f"\ncollapsed stacks: {out}")
    finally:
        if name and not args.keep_db:
            await run.drop_database(server, name)
        elif name:
            print(f"kept: {url}")
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--target", choices=("services", "courses", "feed", "purchase"), default="services"
    )
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--server", choices=("uvicorn", "granian"), default="uvicorn")
    parser.add_argument("--database-url", help="a benchmark database made before (--keep-db)")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    return parser.parse_args()


if __name__ == "__main__":
    import uvloop

    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(uvloop.run(main(parse_args())))
