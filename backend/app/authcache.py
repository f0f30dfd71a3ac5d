"""Who a signed-in caller is, remembered between requests while PostgreSQL can say when it changes.

Every signed-in request used to read the caller's profile and session (role, name, disabled,
session ended) in a round trip of its own. This process remembers the answers, and forgets them
on the events that change them:

- Triggers on app.profiles (role, email, display name, disabled, deleted) and app.auth_sessions
  (ended, deleted) send NOTIFY wisdom_auth with the user id on commit, whichever process or
  script made the change (migrations/sql/11_auth_events.sql); this process LISTENs on one
  dedicated connection and drops that user's entries.
- A successful write through this process under /auth/, /me or /admin/ (the routes that
  change accounts and sessions) empties the cache at once (PublicCacheMiddleware calls
  after_write()), so a caller sees the effect of their own logout or a change an admin just
  made without waiting for the notification.
- Only while the LISTEN connection is up: before it is in place, and from the moment it breaks
  until it is back, nothing is remembered and every request reads the database.
- An entry lives at most AUTH_CACHE_SECONDS (default 30; 0 turns the cache off), and only found
  (active) callers are stored; refusals are never remembered.
"""

import asyncio
import logging
import time
import uuid
from typing import Any

import asyncpg

from app.errors import DB_CONNECTION_ERRORS
from app.security import AuthUser

log = logging.getLogger("wisdom.authcache")

CHANNEL = "wisdom_auth"
MAX_USERS = 20_000
CHECK_SECONDS = 5.0
AUTH_WRITE_PREFIXES = ("/auth/", "/me/", "/admin/")
LISTEN_ERRORS: tuple[type[BaseException], ...] = (
    *DB_CONNECTION_ERRORS,
    asyncpg.PostgresError,
    OSError,
    TimeoutError,
)

_Entries = dict[uuid.UUID, dict[uuid.UUID | None, tuple[float, AuthUser]]]


class AuthCache:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._users: _Entries = {}
        # Bumped by every invalidation: an answer read before one is not stored after it.
        self.generation = 0
        self.listening = False
        self._task: asyncio.Task[None] | None = None

    # --- lookups -------------------------------------------------------------------------------

    def get(self, user_id: uuid.UUID, session_id: uuid.UUID | None) -> AuthUser | None:
        if not self.listening:
            return None
        entry = self._users.get(user_id, {}).get(session_id)
        if entry is None or entry[0] <= time.monotonic():
            return None
        return entry[1]

    def put(self, user: AuthUser, generation: int) -> None:
        """Remember `user` as read when self.generation was `generation`."""
        if not self.listening or generation != self.generation:
            return
        if len(self._users) >= MAX_USERS:
            for old in list(self._users)[: MAX_USERS // 4]:
                del self._users[old]
        sessions = self._users.setdefault(user.id, {})
        sessions[user.session_id] = (time.monotonic() + self.seconds, user)

    def forget(self, user_id: uuid.UUID) -> None:
        self.generation += 1
        self._users.pop(user_id, None)

    def clear(self) -> None:
        self.generation += 1
        self._users.clear()

    def after_write(self, path: str) -> None:
        """A successful write through this process: the ones that can change who a caller is
        (sign-out, password, the own account, an admin's decision) take effect for this
        process's next request without waiting for their notification."""
        if path == "/me" or path.startswith(AUTH_WRITE_PREFIXES):
            self.clear()

    # --- the listening connection ------------------------------------------------------------

    def start(self, dsn: str) -> None:
        if self.seconds > 0 and self._task is None:
            self._task = asyncio.create_task(self._listen(dsn), name="auth-cache-listen")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        self._stop_trusting()

    def _stop_trusting(self) -> None:
        self.listening = False
        self.clear()

    async def _listen(self, dsn: str) -> None:
        delay = 0.2
        while True:
            try:
                conn: asyncpg.Connection[Any] = await asyncpg.connect(dsn, timeout=5)
            except LISTEN_ERRORS as exc:
                log.warning("auth cache: database unreachable", extra={"error": str(exc)})
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
                continue
            try:
                await self._serve(conn)
                delay = 0.2
            except LISTEN_ERRORS as exc:
                log.warning("auth cache: listening connection lost", extra={"error": str(exc)})
            finally:
                self._stop_trusting()
                conn.terminate()

    async def _serve(self, conn: "asyncpg.Connection[Any]") -> None:
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _: lost.set())
        await conn.add_listener(CHANNEL, self._on_notification)
        self.clear()  # whatever changed while nobody listened
        self.listening = True
        while not lost.is_set():
            try:
                await asyncio.wait_for(lost.wait(), CHECK_SECONDS)
            except TimeoutError:
                # A half-open connection delivers nothing and raises nothing: ask it.
                await asyncio.wait_for(conn.fetchval("SELECT 1"), timeout=5)

    def _on_notification(self, _conn: object, _pid: int, _channel: str, payload: object) -> None:
        try:
            self.forget(uuid.UUID(str(payload)))
        except ValueError:
            self.clear()  # '*' (a TRUNCATE) or anything unexpected: forget everyone
