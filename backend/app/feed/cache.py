"""Feed pages shared by the viewers who see the same thing, until the feed changes.

What GET /feed shows depends on the viewer only through their class (anonymous: public items;
signed in: members' items too; admin: hidden items too) and, for a signed-in viewer, their
own hidden items (moderation hides an item from everyone but its author). So a page is kept per
(class, cursor, limit) and given to every viewer of that class who has no hidden items of their
own; the few who have get their page from the database.

The pages are forgotten:
- on NOTIFY wisdom_feed, sent by statement triggers on app.activities (any insert, update or
  delete) and on the profile columns the items show (name, avatar, role)
  (migrations/sql/12_feed_events.sql), whichever process or script made the change;
- after any successful write through this process (app.edge calls after_write);
- when the shared LISTEN connection (app/invalidation.py) is lost or regained; while it is down
  nothing is kept;
- after FEED_CACHE_SECONDS at the latest (default 10; 0 turns the cache off).
"""

import time
import uuid

from app.db import Connection
from app.invalidation import ChangeListener

CHANNEL = "wisdom_feed"
MAX_PAGES = 1024
MAX_VIEWERS = 50_000

PageKey = tuple[str, int | None, int]


class FeedCache:
    def __init__(self, seconds: float, listener: ChangeListener) -> None:
        self.seconds = seconds
        self._listener = listener
        self._pages: dict[PageKey, tuple[float, bytes]] = {}
        # Per viewer: whether they authored a hidden item, as read since the last change.
        self._hidden_authors: dict[uuid.UUID, bool] = {}
        # Bumped by every change: what was read before one is not stored after it.
        self.generation = 0
        if seconds > 0:
            listener.subscribe(CHANNEL, lambda _payload: self.clear(), self.clear)

    @property
    def trusted(self) -> bool:
        return self.seconds > 0 and self._listener.listening

    def get(self, key: PageKey) -> bytes | None:
        entry = self._pages.get(key) if self.trusted else None
        if entry is None or entry[0] <= time.monotonic():
            return None
        return entry[1]

    def put(self, key: PageKey, page: bytes, generation: int) -> None:
        if not self.trusted or generation != self.generation:
            return
        if len(self._pages) >= MAX_PAGES:
            for old in list(self._pages)[: MAX_PAGES // 4]:
                del self._pages[old]
        self._pages[key] = (time.monotonic() + self.seconds, page)

    async def has_hidden_items(self, conn: Connection, user_id: uuid.UUID) -> bool:
        """Whether the viewer authored an item that is hidden (remembered until a change)."""
        known = self._hidden_authors.get(user_id) if self.trusted else None
        if known is not None:
            return known
        generation = self.generation
        hidden: bool = await conn.fetchval(
            "SELECT EXISTS (SELECT 1 FROM app.activities "
            "WHERE actor_id = $1 AND hidden_at IS NOT NULL)",
            user_id,
        )
        if self.trusted and generation == self.generation:
            if len(self._hidden_authors) >= MAX_VIEWERS:
                self._hidden_authors.clear()
            self._hidden_authors[user_id] = hidden
        return hidden

    def clear(self) -> None:
        self.generation += 1
        self._pages.clear()
        self._hidden_authors.clear()

    def after_write(self, _path: str) -> None:
        self.clear()
