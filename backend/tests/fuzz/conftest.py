"""Fixtures of the fuzzing runs: one seeded database and one real uvicorn process for the whole
run, an access token per role, and the figures each run prints at the end (requests sent,
answers by status class, server errors).

`make fuzz` runs everything here with FUZZ_HOSTILE=1; the regular suite (`make test`) collects
only test_openapi.py, with FUZZ_EXAMPLES=2, and leaves out the hostile-value sweep
(test_hostile.py), which sends some 20,000 requests."""

import os
import secrets
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest

from app.config import Settings
from app.migrate import migrate_database
from app.pgserver import ensure_database, with_database
from app.security import create_access_token
from app.seed import seed
from tests.conftest import TEST_JWT_SECRET
from tests.feed.conftest import _start, _stop, _wait_ready

collect_ignore = [] if os.environ.get("FUZZ_HOSTILE") == "1" else ["test_hostile.py"]

ROLES = ("anonymous", "student", "teacher", "admin")
DEMO_USERS = {
    "student": "maja@wisdom.local",
    "teacher": "astrid@wisdom.local",
    "admin": "admin@wisdom.local",
}
# The dummy provider's webhook secret in the fuzzed API, so that signed events can be fuzzed.
DUMMY_WEBHOOK_SECRET = "whsec_fuzz_" + "x" * 24
# Limits high enough that the fuzzer's writes are judged on their content, not their rate.
GENEROUS_LIMITS = {
    name: "100000/minute"
    for name in (
        "LOGIN_RATE_LIMIT_ACCOUNT",
        "LOGIN_RATE_LIMIT_IP",
        "LOGIN_RATE_LIMIT_ACCOUNT_FAILURES",
        "PASSWORD_RESET_RATE_LIMIT_ACCOUNT",
        "PASSWORD_RESET_RATE_LIMIT_IP",
        "REGISTER_RATE_LIMIT_IP",
        "COMMUNITY_WRITE_RATE_LIMIT",
        "MESSAGE_RATE_LIMIT",
        "PRIVACY_EXPORT_RATE_LIMIT",
    )
}

# Figures per run ("schemathesis as student", "hostile values as admin", ...): status class
# ("2xx", "4xx", "5xx", ...) -> how many answers.
FIGURES: dict[str, Counter[str]] = {}


def count(run: str, status: int) -> None:
    FIGURES.setdefault(run, Counter())[f"{status // 100}xx"] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FIGURES:
        return
    terminalreporter.section("fuzz figures")
    total: Counter[str] = Counter()
    for run, counts in FIGURES.items():
        total.update(counts)
        terminalreporter.write_line(_line(run, counts))
    terminalreporter.write_line(_line("all runs", total))


def _line(run: str, counts: Counter[str]) -> str:
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    return (
        f"{run}: {sum(counts.values())} requests ({statuses}); "
        f"server errors: {counts.get('5xx', 0)}"
    )


@pytest.fixture(scope="session")
async def fuzz_database(server_url: str) -> AsyncIterator[str]:
    """A database of its own with the demo data, so the fuzzer finds real objects."""
    name = f"wisdom_fuzz_{secrets.token_hex(4)}"
    await ensure_database(server_url, name)
    url = with_database(server_url, name)
    await migrate_database(url)
    conn = await asyncpg.connect(url)
    try:
        await seed(conn)
    finally:
        await conn.close()
    yield url
    conn = await asyncpg.connect(server_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def fuzz_api(fuzz_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("fuzz-api") / "api.log"
    env = {
        "PAYMENT_PROVIDER": "dummy",
        "DUMMY_WEBHOOK_SECRET": DUMMY_WEBHOOK_SECRET,
        **GENEROUS_LIMITS,
    }
    with log.open("wb") as out:
        proc, url = _start(fuzz_database, out, env)
        try:
            _wait_ready(proc, url)
            yield url
        finally:
            _stop(proc)


@pytest.fixture(scope="session")
async def role_ids(fuzz_database: str) -> dict[str, uuid.UUID]:
    conn = await asyncpg.connect(fuzz_database)
    try:
        rows = await conn.fetch(
            "SELECT user_id, email FROM app.profiles WHERE email = ANY($1::text[])",
            list(DEMO_USERS.values()),
        )
    finally:
        await conn.close()
    by_email = {row["email"]: uuid.UUID(str(row["user_id"])) for row in rows}
    return {role: by_email[email] for role, email in DEMO_USERS.items()}


@pytest.fixture(scope="session")
def role_headers(role_ids: dict[str, uuid.UUID]) -> dict[str, dict[str, str]]:
    token_settings = Settings(environment="test", jwt_secret=TEST_JWT_SECRET)
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for role, user_id in role_ids.items():
        token, _ = create_access_token(token_settings, user_id, role)
        headers[role] = {"Authorization": f"Bearer {token}"}
    assert set(headers) == set(ROLES)
    return headers
