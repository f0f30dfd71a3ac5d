#!/usr/bin/env python3
"""`make test`: every suite in turn (backend, web, app), each under a header, then one line
with the totals. A suite that fails does not stop the others; the exit code is 1 if any did.

    python3 scripts/run_tests.py [backend|web|app ...]
"""

import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Suite:
    name: str
    target: str
    what: str


SUITES = [
    Suite("backend", "test.backend", "the API: pytest on a real PostgreSQL"),
    Suite("web", "test.web", "the landing site: static export in headless Chromium"),
    Suite("app", "test.client", "the app: ApiClient, state and UI flows in headless Chromium"),
]
COUNTS = re.compile(r"(\d+) (passed|failed|errors?|skipped|rerun)")


def run(suite: Suite) -> tuple[bool, dict[str, int], float]:
    print(f"\n━━ {suite.name}: {suite.what} (make {suite.target})", flush=True)
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - make with a fixed target
        ["make", "--no-print-directory", suite.target],  # noqa: S607
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    last_counts: dict[str, int] = {}
    for line in process.stdout or []:
        sys.stdout.write(line)
        sys.stdout.flush()
        found = {
            kind.rstrip("s") if kind != "passed" else kind: int(n)
            for n, kind in COUNTS.findall(line)
        }
        if "passed" in found or "failed" in found:
            last_counts = found
    ok = process.wait() == 0
    return ok, last_counts, time.monotonic() - started


def describe(counts: dict[str, int]) -> str:
    parts = [f"{counts.get('passed', 0)} passed"]
    for kind, n in counts.items():
        if kind != "passed" and n:
            parts.append(f"{n} {kind}{'s' if kind == 'error' and n != 1 else ''}")
    return " ".join(parts)


def main(names: list[str]) -> int:
    chosen = [s for s in SUITES if not names or s.name in names]
    started = time.monotonic()
    results = [(suite, *run(suite)) for suite in chosen]
    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    summary = " · ".join(
        f"{suite.name} {describe(counts)}{'' if ok else ' (FAILED)'}"
        for suite, ok, counts, _ in results
    )
    print(f"\n━━ make test: {summary} · {minutes} min {seconds:02d} s", flush=True)
    return 0 if all(ok for _, ok, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
