"""Password rules (8 to 128 characters, not one of the 3,000 most common) and argon2id work
off the event loop."""

import asyncio
from functools import cache
from pathlib import Path

from app.errors import Unprocessable
from app.security import hash_password, verify_dummy_password, verify_password

MIN_LENGTH = 8
MAX_LENGTH = 128
COMMON_PASSWORDS_FILE = Path(__file__).with_name("data") / "common-passwords.txt"


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def check_password_policy(password: str) -> None:
    """422 for a password that is too short, too long or too common (case-insensitive)."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise Unprocessable(
            f"The password must be {MIN_LENGTH} to {MAX_LENGTH} characters long",
            code="password_length",
        )
    if password.lower() in common_passwords():
        raise Unprocessable(
            "This password is among the most common ones; choose another",
            code="password_too_common",
        )


# argon2id takes tens of milliseconds of CPU and 64 MiB: run it in a worker thread so the event
# loop keeps serving other requests meanwhile.
async def hash_async(password: str) -> str:
    return await asyncio.to_thread(hash_password, password)


async def verify_async(stored_hash: str | None, password: str) -> bool:
    """Verify against the stored hash, or against the dummy hash when there is none, so an
    unknown account costs the same work as a wrong password."""
    if stored_hash is None:
        return await asyncio.to_thread(verify_dummy_password, password)
    return await asyncio.to_thread(verify_password, stored_hash, password)
