"""Who may read a media object that is neither public nor the caller's own.

The media domain does not know what refers to a file; the domains that attach files (courses:
lesson audio and video; community: wall post images) register a reader check here. A check
answers True (may read), False (the file belongs to something the caller may not read: 403) or
None (not one of mine)."""

import importlib
import uuid
from collections.abc import Awaitable, Callable

from app.db import Connection
from app.security import AuthUser

ReaderCheck = Callable[[Connection, uuid.UUID, AuthUser | None], Awaitable[bool | None]]

# Modules that register a check when imported; imported on first use, so that media never
# imports those domains by name and nothing depends on main.py having imported them first.
CHECK_MODULES = ("app.courses.media_access", "app.community.media_access")

_checks: list[ReaderCheck] = []


def register_reader_check(check: ReaderCheck) -> None:
    if check not in _checks:
        _checks.append(check)


async def decide(conn: Connection, media_id: uuid.UUID, user: AuthUser | None) -> bool | None:
    """True if any registered check allows the caller, False if one refuses and none allows,
    None when no check claims the file."""
    for module in CHECK_MODULES:
        importlib.import_module(module)
    verdict: bool | None = None
    for check in _checks:
        answer = await check(conn, media_id, user)
        if answer:
            return True
        if answer is False:
            verdict = False
    return verdict
