"""Who a signed-in caller is, remembered between requests while PostgreSQL can say when it changes.

Every signed-in request used to read the caller's profile and session (role, name, disabled,
session ended) in a round trip of its own. This process remembers the answers, and forgets them
on the events that change them:

- Triggers on app.profiles (role, email, display name, disabled, deleted) and app.auth_sessions
  (ended, deleted) send NOTIFY wisdom_auth with the user id on commit, whichever process or
  script made the change (migrations/sql/11_auth_events.sql); this process listens
  (app/invalidation.py, one connection for every cache) and drops that user's entries.
- A successful write through this process under /auth/, /me or /admin/ (the routes that
  change accounts and sessions) empties the cache at once (app.edge calls
  after_write()), so a caller sees the effect of their own logout or a change an admin just
  made without waiting for the notification.
- Only while the LISTEN connection is up: before it is in place, and from the moment it breaks
  until it is back, nothing is remembered and every request reads the database.
- An entry lives at most AUTH_CACHE_SECONDS (default 30; 0 turns the cache off), and only found
  (active) callers are stored; refusals are never remembered.
"""

import time
import uuid

from app.identity import AuthUser
from app.invalidation import ChangeListener

CHANNEL = "wisdom_auth"
MAX_USERS = 20_000
AUTH_WRITE_PREFIXES = ("/auth/", "/me/", "/admin/")

_Entries = dict[uuid.UUID, dict[uuid.UUID | None, tuple[float, AuthUser]]]


class AuthCache:
    def __init__(self, seconds: float, listener: ChangeListener) -> None:
        self.seconds = seconds
        self._listener = listener
        self._users: _Entries = {}
        # Bumped by every invalidation: an answer read before one is not stored after it.
        self.generation = 0
        if seconds > 0:
            listener.subscribe(CHANNEL, self._on_change, self.clear)

    @property
    def trusted(self) -> bool:
        return self.seconds > 0 and self._listener.listening

    def get(self, user_id: uuid.UUID, session_id: uuid.UUID | None) -> AuthUser | None:
        if not self.trusted:
            return None
        entry = self._users.get(user_id, {}).get(session_id)
        if entry is None or entry[0] <= time.monotonic():
            return None
        return entry[1]

    def put(self, user: AuthUser, generation: int) -> None:
        """Remember `user` as read when self.generation was `generation`."""
        if not self.trusted or generation != self.generation:
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

    def _on_change(self, payload: str) -> None:
        try:
            self.forget(uuid.UUID(payload))
        except ValueError:
            self.clear()  # '*' (a TRUNCATE) or anything unexpected: forget everyone
