"""Direct messages on the event stream: each `message` event goes to its receiver only.
Wired into the feed's broker by app.main (the feed never imports this domain)."""

from collections.abc import Sequence
from typing import Any

from app.db import Connection
from app.feed.stream import StreamEvent
from app.messages import repository, service
from app.security import AuthUser


async def _events(conn: Connection, rows: list[Any]) -> list[StreamEvent]:
    return [
        StreamEvent(
            id=row["id"],
            event="message",
            data=data,
            audience="user",
            owner_id=row["recipient_id"],
        )
        for row, data in await service.message_events(conn, rows)
        if row["hidden_at"] is None
    ]


class MessageSource:
    name = service.STREAM_SOURCE

    async def load(self, conn: Connection, ids: Sequence[int]) -> list[StreamEvent]:
        return await _events(conn, await repository.messages_by_ids(conn, list(ids)))

    async def replay(
        self, conn: Connection, viewer: AuthUser | None, after_id: int, limit: int
    ) -> list[StreamEvent]:
        if viewer is None:
            return []
        return await _events(
            conn, await repository.messages_to_after(conn, viewer.id, after_id, limit)
        )

    async def since(self, conn: Connection, after_id: int, limit: int) -> list[StreamEvent]:
        return await _events(conn, await repository.messages_after(conn, after_id, limit))

    async def max_id(self, conn: Connection) -> int:
        return await repository.max_message_id(conn)
