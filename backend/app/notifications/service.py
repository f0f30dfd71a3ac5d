"""Notifications for one user. Any domain calls notify() inside its own transaction."""

import uuid
from typing import Any

from app.db import Connection
from app.notifications import repository


async def notify(
    conn: Connection,
    user_id: uuid.UUID,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    data: dict[str, Any] | None = None,
) -> int:
    """Store a notification (kinds are fixed by app.notifications' CHECK)."""
    return await repository.insert_notification(
        conn, user_id=user_id, kind=kind, title=title, body=body, link=link, data=data or {}
    )
