"""SQL of what lesson texts refer to (app.lesson_refs) and of the items a lesson may link to."""

import uuid
from typing import Any

from app.db import Connection

# The items a lesson may link to, with whether a student can open them now: a published
# course, an active service, a seminar not yet over and not canceled.
_ITEMS = """
    SELECT 'course' AS kind, c.id, c.title, c.teacher_id AS owner_id,
           c.status = 'published' AS available, c.published_at AS at
    FROM app.courses c
    UNION ALL
    SELECT 'service', s.id, s.title, s.teacher_id, s.status = 'active', s.published_at
    FROM app.services s
    UNION ALL
    SELECT 'seminar', m.id, m.title, m.host_id,
           m.status IN ('scheduled', 'live') AND m.ends_at > now(), m.starts_at
    FROM app.seminars m"""


async def replace_refs(
    conn: Connection, lesson_id: uuid.UUID, course_id: uuid.UUID, refs: list[tuple[str, uuid.UUID]]
) -> None:
    await conn.execute("DELETE FROM app.lesson_refs WHERE lesson_id = $1", lesson_id)
    if refs:
        await conn.executemany(
            """INSERT INTO app.lesson_refs (lesson_id, course_id, kind, target_id)
               VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING""",
            [(lesson_id, course_id, kind, target) for kind, target in refs],
        )


async def owned_items(
    conn: Connection, owner_id: uuid.UUID, links: list[tuple[str, uuid.UUID]]
) -> set[tuple[str, uuid.UUID]]:
    """Which of the (kind, id) pairs are items of this owner."""
    rows = await conn.fetch(
        f"""SELECT i.kind, i.id FROM ({_ITEMS}) i
            JOIN unnest($2::text[], $3::uuid[]) AS wanted(kind, id)
              ON wanted.kind = i.kind AND wanted.id = i.id
            WHERE i.owner_id = $1""",  # noqa: S608 - fixed fragments
        owner_id,
        [kind for kind, _ in links],
        [item for _, item in links],
    )
    return {(r["kind"], r["id"]) for r in rows}


async def linked_items(conn: Connection, lesson_id: uuid.UUID) -> list[Any]:
    """The items the lesson links to that still exist, with their title and availability."""
    return await conn.fetch(
        f"""SELECT i.kind, i.id, i.title, i.available FROM app.lesson_refs r
            JOIN ({_ITEMS}) i ON i.kind = r.kind AND i.id = r.target_id
            WHERE r.lesson_id = $1
            ORDER BY i.kind, i.title, i.id""",  # noqa: S608 - fixed fragments
        lesson_id,
    )


async def link_targets(conn: Connection, owner_id: uuid.UUID) -> list[Any]:
    """The owner's items a student can open now: what a lesson's magic link may point at."""
    return await conn.fetch(
        f"""SELECT i.kind, i.id, i.title FROM ({_ITEMS}) i
            WHERE i.owner_id = $1 AND i.available
            ORDER BY i.kind, i.at DESC NULLS LAST, i.id""",  # noqa: S608 - fixed fragments
        owner_id,
    )


async def courses_embedding(conn: Connection, media_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await conn.fetch(
        "SELECT DISTINCT course_id FROM app.lesson_refs WHERE kind = 'media' AND target_id = $1",
        media_id,
    )
    return [r["course_id"] for r in rows]
