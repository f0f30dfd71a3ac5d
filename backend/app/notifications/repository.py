"""SQL of notifications."""

import uuid
from typing import Any

from app.db import Connection


async def insert_notification(
    conn: Connection,
    *,
    user_id: uuid.UUID,
    kind: str,
    title: str,
    body: str,
    link: str,
    data: dict[str, Any],
) -> int:
    notification_id: int = await conn.fetchval(
        """INSERT INTO app.notifications (user_id, kind, title, body, link, data)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""",
        user_id,
        kind,
        title[:200],
        body[:2000],
        link[:500],
        data,
    )
    return notification_id
