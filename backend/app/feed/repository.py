"""SQL of the activity feed."""

import uuid

from app.db import Connection


async def insert_activity(
    conn: Connection,
    *,
    actor_id: uuid.UUID | None,
    kind: str,
    subject_type: str,
    subject_id: uuid.UUID,
    subject_title: str,
    summary: str,
    visibility: str,
) -> int:
    activity_id: int = await conn.fetchval(
        """INSERT INTO app.activities (actor_id, kind, subject_type, subject_id, subject_title,
                                       summary, visibility)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""",
        actor_id,
        kind,
        subject_type,
        subject_id,
        subject_title[:200],
        summary[:1000],
        visibility,
    )
    return activity_id
