"""The activity feed: what happened on the platform. Any domain records an activity here, in
its own transaction, so the feed never shows something that was rolled back."""

import uuid

from app.db import Connection
from app.feed import repository


async def record_activity(
    conn: Connection,
    *,
    actor_id: uuid.UUID | None,
    kind: str,
    subject_type: str,
    subject_id: uuid.UUID,
    subject_title: str,
    summary: str = "",
    visibility: str = "public",
) -> int:
    """Add an activity (kinds and subject types are fixed by app.activities' CHECKs)."""
    return await repository.insert_activity(
        conn,
        actor_id=actor_id,
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        subject_title=subject_title,
        summary=summary,
        visibility=visibility,
    )
