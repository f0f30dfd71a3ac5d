"""What travels on the event stream (GET /feed/stream) and where it comes from.

Every event has a numeric id from one ordered id space: feed items use their activity id, direct
messages draw their ids from the same sequence (see 07_community.sql), so ids never collide and
a client's Last-Event-ID resumes both with "everything after this id".

A source is one kind of event. The feed's own source is activities; other domains (messages)
provide theirs and the application wires them into the broker (app.main), so the feed, a leaf
package, never imports them. Channel payloads are JSON: {"t": source name, "id": event id} plus
"to": the receiver's user id for events meant for one user only.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import asyncpg

from app.db import Connection
from app.feed import repository
from app.security import AuthUser

Audience = Literal["public", "members", "user"]


@dataclass(frozen=True)
class StreamEvent:
    id: int
    event: str  # the SSE event name: "activity", "message"
    data: str  # JSON text
    audience: Audience  # everyone, signed-in users, or owner_id only
    owner_id: uuid.UUID | None  # the actor (who also sees it when hidden) or the one receiver
    hidden: bool = False

    def visible_to(self, viewer: AuthUser | None) -> bool:
        if self.audience == "user":
            return viewer is not None and viewer.id == self.owner_id
        if viewer is None:
            return self.audience == "public" and not self.hidden
        return not self.hidden or viewer.is_admin or viewer.id == self.owner_id

    def encode(self) -> bytes:
        # JSON text never contains a raw newline, so one data line carries it whole.
        return f"id: {self.id}\nevent: {self.event}\ndata: {self.data}\n\n".encode()


class StreamSource(Protocol):
    """One kind of event on the stream."""

    name: str

    async def load(self, conn: Connection, ids: Sequence[int]) -> list[StreamEvent]:
        """The events with these ids (those that still exist), for live delivery."""
        ...

    async def replay(
        self, conn: Connection, viewer: AuthUser | None, after_id: int, limit: int
    ) -> list[StreamEvent]:
        """Events after an id that the viewer may see, oldest first (Last-Event-ID)."""
        ...

    async def since(self, conn: Connection, after_id: int, limit: int) -> list[StreamEvent]:
        """Every event after an id, oldest first (the broker's catch-up after reconnecting)."""
        ...

    async def max_id(self, conn: Connection) -> int:
        """The highest id so far (where the broker's catch-up starts)."""
        ...


def _activity_event(row: asyncpg.Record) -> StreamEvent:
    return StreamEvent(
        id=row["id"],
        event="activity",
        data=row["item"],
        audience="public" if row["visibility"] == "public" else "members",
        owner_id=row["actor_id"],
        hidden=row["hidden"],
    )


class ActivitySource:
    """Feed items: app.activities through app.activities_feed."""

    name = "activity"

    async def load(self, conn: Connection, ids: Sequence[int]) -> list[StreamEvent]:
        return [_activity_event(r) for r in await repository.feed_items_by_ids(conn, list(ids))]

    async def replay(
        self, conn: Connection, viewer: AuthUser | None, after_id: int, limit: int
    ) -> list[StreamEvent]:
        rows = await repository.feed_items_after(
            conn, viewer.id if viewer else None, bool(viewer and viewer.is_admin), after_id, limit
        )
        return [_activity_event(r) for r in rows]

    async def since(self, conn: Connection, after_id: int, limit: int) -> list[StreamEvent]:
        rows = await repository.unhidden_items_after(conn, after_id, limit)
        return [_activity_event(r) for r in rows]

    async def max_id(self, conn: Connection) -> int:
        return await repository.max_activity_id(conn)
