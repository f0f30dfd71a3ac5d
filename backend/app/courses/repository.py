"""SQL of courses, modules, lessons, enrollments, progress, quizzes and certificates."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from app import sqljson
from app.db import Connection
from app.pagination import MAX_LIMIT
from app.sqlshape import Where, page_size

# A course as lists and pages show it, with its teacher's name and lesson totals.
_COURSE = """c.id, c.teacher_id, p.display_name AS teacher_name, c.title, c.summary, c.description,
             c.level, c.category, c.price_cents, c.currency, c.is_intro, c.status,
             c.published_at, c.created_at, c.updated_at, c.cover_media_id, c.badge,
             (SELECT count(*) FROM app.lessons l WHERE l.course_id = c.id)::int AS lesson_count,
             (SELECT coalesce(sum(l.duration_minutes), 0) FROM app.lessons l
              WHERE l.course_id = c.id)::int AS total_minutes"""

_LESSON_SUMMARY = """l.id, l.course_id, l.module_id, l.title, l.position, l.duration_minutes,
                     l.media_id, q.id AS quiz_id"""


# ---- catalogue --------------------------------------------------------------------------------

_CATALOGUE_ORDER = "c.published_at DESC, c.id DESC"

# One course as JSON text in CourseSummary's shape (c: app.courses with the teacher_name, t: the
# course's lesson_count and total_minutes).
_SUMMARY_JSON = sqljson.json_object(
    [
        ("id", sqljson.uuid("c.id")),
        ("title", sqljson.text("c.title")),
        ("summary", sqljson.text("c.summary")),
        ("level", sqljson.text("c.level")),
        ("category", sqljson.text("c.category")),
        ("price_cents", sqljson.integer("c.price_cents")),
        ("currency", sqljson.text("c.currency")),
        ("free", sqljson.boolean("c.price_cents = 0")),
        ("is_intro", sqljson.boolean("c.is_intro")),
        ("status", sqljson.text("c.status")),
        ("published_at", sqljson.timestamp("c.published_at")),
        (
            "teacher",
            sqljson.json_object(
                [
                    ("id", sqljson.uuid("c.teacher_id")),
                    ("display_name", sqljson.text("c.teacher_name")),
                ]
            ),
        ),
        ("lesson_count", sqljson.integer("t.lesson_count")),
        ("total_minutes", sqljson.integer("t.total_minutes")),
        ("cover_media_id", sqljson.uuid("c.cover_media_id")),
        ("badge", sqljson.text("c.badge")),
    ]
)


def _page_json_sql(where: str, order: str, limit: str) -> str:
    """One row for a page of published courses: `items`, their JSON array in CourseSummary's
    shape (text); `has_more`; and when it is true, `last_intro`, `last_time` and `last_id`, the
    last item's is_intro, published_at and id. The lesson totals are counted for the page's
    rows only (after the LIMIT)."""
    items = sqljson.json_array(_SUMMARY_JSON, order)
    return f"""WITH page AS (
               SELECT c.id, c.teacher_id, p.display_name AS teacher_name, c.title, c.summary,
                      c.level, c.category, c.price_cents, c.currency, c.is_intro, c.status,
                      c.published_at, c.cover_media_id, c.badge
               FROM app.courses c JOIN app.profiles p ON p.user_id = c.teacher_id
               WHERE {where}
               ORDER BY {order}
               LIMIT {limit} + 1),
           last AS (SELECT * FROM page c ORDER BY {order} OFFSET {limit} - 1 LIMIT 1)
           SELECT (SELECT {items}
                   FROM (SELECT * FROM page c ORDER BY {order} LIMIT {limit}) c
                   CROSS JOIN LATERAL (
                       SELECT count(*)::int AS lesson_count,
                              coalesce(sum(l.duration_minutes), 0)::int AS total_minutes
                       FROM app.lessons l WHERE l.course_id = c.id) t) AS items,
                  (SELECT count(*) FROM page) > {limit} AS has_more,
                  (SELECT is_intro FROM last) AS last_intro,
                  (SELECT published_at FROM last) AS last_time,
                  (SELECT id FROM last) AS last_id"""  # noqa: S608 - fixed fragments


@dataclass(frozen=True)
class CatalogueQuery:
    """A catalogue page of `limit` published courses: every filter is optional (None means
    any); `after` is the published_at and id of the last item of the previous page."""

    teacher_id: uuid.UUID | None
    level: str | None
    free: bool | None
    intro: bool | None
    pattern: str | None
    after: tuple[datetime, uuid.UUID] | None
    limit: int
    category: str | None = None

    def where(self) -> Where:
        """The filters this query sets (see app.sqlshape: one plan per shape)."""
        where = Where("c.status = 'published'")
        if self.teacher_id is not None:
            where.add("c.teacher_id = {}", self.teacher_id)
        if self.level is not None:
            where.add("c.level = {}", self.level)
        if self.free is not None:
            where.add("c.price_cents = 0" if self.free else "c.price_cents > 0")
        if self.intro is not None:
            where.add("c.is_intro" if self.intro else "NOT c.is_intro")
        if self.pattern is not None:
            pattern = where.param(self.pattern)
            where.add(f"c.title ILIKE {pattern} OR c.summary ILIKE {pattern}")
        if self.after is not None:
            where.add("(c.published_at, c.id) < ({}, {}::uuid)", *self.after)
        if self.category is not None:
            where.add("c.category = {}", self.category)
        return where


async def list_published(conn: Connection, query: CatalogueQuery) -> list[Any]:
    """The page's rows newest first, and one more when more follow."""
    where = query.where()
    return await conn.fetch(
        f"""WITH page AS (
               SELECT c.id FROM app.courses c
               WHERE {where.sql}
               ORDER BY {_CATALOGUE_ORDER}
               LIMIT {page_size(query.limit, MAX_LIMIT)} + 1)
            SELECT {_COURSE}
            FROM page JOIN app.courses c ON c.id = page.id
            JOIN app.profiles p ON p.user_id = c.teacher_id
            ORDER BY c.published_at DESC, c.id DESC""",  # noqa: S608 - fixed fragments, no values
        *where.args,
    )


async def catalogue_page_json(conn: Connection, query: CatalogueQuery) -> asyncpg.Record:
    """A catalogue page as one row (see _page_json_sql)."""
    where = query.where()
    sql = _page_json_sql(where.sql, _CATALOGUE_ORDER, page_size(query.limit, MAX_LIMIT))
    row = await conn.fetchrow(sql, *where.args)
    assert row is not None  # noqa: S101 - a query of scalar subqueries always returns a row
    return row


# Introduction courses first, then newest first; the keyset ($1-$3) is the last item's
# is_intro (0 or 1), published_at and id.
_INTRO_FIRST_WHERE = """c.status = 'published'
              AND ($1::int IS NULL
                   OR (c.is_intro::int, c.published_at, c.id) < ($1, $2::timestamptz, $3::uuid))"""
_INTRO_FIRST_ORDER = "c.is_intro::int DESC, c.published_at DESC, c.id DESC"
_INTRO_FIRST_PAGE_JSON = _page_json_sql(_INTRO_FIRST_WHERE, _INTRO_FIRST_ORDER, "$4")


async def intro_first_page_json(
    conn: Connection, *, after: tuple[int, datetime, uuid.UUID] | None, limit: int
) -> asyncpg.Record:
    """Published courses, introduction courses first, then newest first: a page as one row
    (see _page_json_sql)."""
    row = await conn.fetchrow(
        _INTRO_FIRST_PAGE_JSON,
        after[0] if after else None,
        after[1] if after else None,
        after[2] if after else None,
        limit,
    )
    assert row is not None  # noqa: S101 - a query of scalar subqueries always returns a row
    return row


async def get_course(conn: Connection, course_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        f"""SELECT {_COURSE}
            FROM app.courses c JOIN app.profiles p ON p.user_id = c.teacher_id
            WHERE c.id = $1""",  # noqa: S608 - a fixed column list, no values
        course_id,
    )


async def lock_course(conn: Connection, course_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT id, teacher_id, title, summary, status, published_at, price_cents, is_intro
           FROM app.courses WHERE id = $1 FOR UPDATE""",
        course_id,
    )


async def list_modules(conn: Connection, course_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        """SELECT m.id, m.course_id, m.title, m.position,
                  (SELECT count(*) FROM app.lessons l WHERE l.module_id = m.id)::int AS lesson_count
           FROM app.course_modules m WHERE m.course_id = $1
           ORDER BY m.position, m.created_at, m.id""",
        course_id,
    )


async def get_module(conn: Connection, module_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT m.id, m.course_id, m.title, m.position,
                  (SELECT count(*) FROM app.lessons l WHERE l.module_id = m.id)::int AS lesson_count
           FROM app.course_modules m WHERE m.id = $1""",
        module_id,
    )


async def list_course_lessons(conn: Connection, course_id: uuid.UUID) -> list[Any]:
    """Lesson summaries (no content) in reading order: lessons without a module first, then
    module by module."""
    return await conn.fetch(
        f"""SELECT {_LESSON_SUMMARY}
            FROM app.lessons l
            LEFT JOIN app.course_modules m ON m.id = l.module_id
            LEFT JOIN app.quizzes q ON q.lesson_id = l.id
            WHERE l.course_id = $1
            ORDER BY m.position NULLS FIRST, m.created_at, m.id, l.position, l.created_at, l.id""",  # noqa: S608 - a fixed column list, no values
        course_id,
    )


async def list_module_lessons(conn: Connection, module_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        f"""SELECT {_LESSON_SUMMARY}
            FROM app.lessons l LEFT JOIN app.quizzes q ON q.lesson_id = l.id
            WHERE l.module_id = $1
            ORDER BY l.position, l.created_at, l.id""",  # noqa: S608 - a fixed column list, no values
        module_id,
    )


async def get_lesson(conn: Connection, lesson_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT l.id, l.course_id, l.module_id, l.title, l.content_md, l.position,
                  l.duration_minutes, l.media_id, l.created_at, l.updated_at,
                  q.id AS quiz_id
           FROM app.lessons l LEFT JOIN app.quizzes q ON q.lesson_id = l.id
           WHERE l.id = $1""",
        lesson_id,
    )


async def courses_using_media(conn: Connection, media_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await conn.fetch(
        "SELECT DISTINCT course_id FROM app.lessons WHERE media_id = $1", media_id
    )
    return [r["course_id"] for r in rows]


# ---- studio -------------------------------------------------------------------------------------


async def list_studio_courses(
    conn: Connection,
    *,
    teacher_id: uuid.UUID | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Any]:
    return await conn.fetch(
        f"""SELECT {_COURSE}
            FROM app.courses c JOIN app.profiles p ON p.user_id = c.teacher_id
            WHERE ($1::uuid IS NULL OR c.teacher_id = $1)
              AND ($2::timestamptz IS NULL OR (c.created_at, c.id) < ($2, $3::uuid))
            ORDER BY c.created_at DESC, c.id DESC
            LIMIT $4""",  # noqa: S608 - a fixed column list, no values
        teacher_id,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )


async def insert_course(
    conn: Connection,
    *,
    teacher_id: uuid.UUID,
    title: str,
    summary: str,
    description: str,
    level: str,
    price_cents: int,
    is_intro: bool,
    category: str = "other",
    badge: str | None = None,
) -> uuid.UUID:
    course_id: uuid.UUID = await conn.fetchval(
        """INSERT INTO app.courses (teacher_id, title, summary, description, level, price_cents,
                                    is_intro, category, badge)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id""",
        teacher_id,
        title,
        summary,
        description,
        level,
        price_cents,
        is_intro,
        category,
        badge,
    )
    return course_id


async def update_course(
    conn: Connection,
    course_id: uuid.UUID,
    *,
    title: str | None,
    summary: str | None,
    description: str | None,
    level: str | None,
    price_cents: int | None,
    is_intro: bool | None,
    category: str | None = None,
    set_badge: bool = False,
    badge: str | None = None,
) -> None:
    """Change the given fields (None keeps a field as it is; the badge changes, to none too,
    when set_badge)."""
    await conn.execute(
        """UPDATE app.courses SET title = coalesce($2, title), summary = coalesce($3, summary),
                  description = coalesce($4, description), level = coalesce($5, level),
                  price_cents = coalesce($6, price_cents), is_intro = coalesce($7, is_intro),
                  category = coalesce($8, category),
                  badge = CASE WHEN $9 THEN $10 ELSE badge END
           WHERE id = $1""",
        course_id,
        title,
        summary,
        description,
        level,
        price_cents,
        is_intro,
        category,
        set_badge,
        badge,
    )


async def set_course_status(conn: Connection, course_id: uuid.UUID, status: str) -> None:
    """Publishing keeps the first publication time (the catalogue's order)."""
    await conn.execute(
        """UPDATE app.courses SET status = $2,
                  published_at = CASE WHEN $2 = 'published' THEN coalesce(published_at, now())
                                      ELSE published_at END
           WHERE id = $1""",
        course_id,
        status,
    )


async def delete_course(conn: Connection, course_id: uuid.UUID) -> None:
    await conn.execute("DELETE FROM app.courses WHERE id = $1", course_id)


async def count_enrollments(conn: Connection, course_id: uuid.UUID) -> int:
    count: int = await conn.fetchval(
        "SELECT count(*) FROM app.enrollments WHERE course_id = $1", course_id
    )
    return count


async def count_lessons(conn: Connection, course_id: uuid.UUID) -> int:
    count: int = await conn.fetchval(
        "SELECT count(*) FROM app.lessons WHERE course_id = $1", course_id
    )
    return count


async def next_module_position(conn: Connection, course_id: uuid.UUID) -> int:
    position: int = await conn.fetchval(
        "SELECT coalesce(max(position) + 1, 0) FROM app.course_modules WHERE course_id = $1",
        course_id,
    )
    return position


async def make_room_for_module(conn: Connection, course_id: uuid.UUID, position: int) -> None:
    await conn.execute(
        """UPDATE app.course_modules SET position = position + 1
           WHERE course_id = $1 AND position >= $2""",
        course_id,
        position,
    )


async def insert_module(
    conn: Connection, course_id: uuid.UUID, title: str, position: int
) -> uuid.UUID:
    module_id: uuid.UUID = await conn.fetchval(
        """INSERT INTO app.course_modules (course_id, title, position) VALUES ($1, $2, $3)
           RETURNING id""",
        course_id,
        title,
        position,
    )
    return module_id


async def update_module(conn: Connection, module_id: uuid.UUID, title: str | None) -> None:
    await conn.execute(
        "UPDATE app.course_modules SET title = coalesce($2, title) WHERE id = $1",
        module_id,
        title,
    )


async def delete_module(conn: Connection, module_id: uuid.UUID) -> None:
    await conn.execute("DELETE FROM app.course_modules WHERE id = $1", module_id)


async def next_lesson_position(conn: Connection, module_id: uuid.UUID) -> int:
    position: int = await conn.fetchval(
        "SELECT coalesce(max(position) + 1, 0) FROM app.lessons WHERE module_id = $1", module_id
    )
    return position


async def make_room_for_lesson(conn: Connection, module_id: uuid.UUID, position: int) -> None:
    await conn.execute(
        "UPDATE app.lessons SET position = position + 1 WHERE module_id = $1 AND position >= $2",
        module_id,
        position,
    )


async def insert_lesson(
    conn: Connection,
    *,
    course_id: uuid.UUID,
    module_id: uuid.UUID,
    title: str,
    content_md: str,
    media_id: uuid.UUID | None,
    duration_minutes: int,
    position: int,
) -> uuid.UUID:
    lesson_id: uuid.UUID = await conn.fetchval(
        """INSERT INTO app.lessons (course_id, module_id, title, content_md, media_id,
                                    duration_minutes, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""",
        course_id,
        module_id,
        title,
        content_md,
        media_id,
        duration_minutes,
        position,
    )
    return lesson_id


async def update_lesson(
    conn: Connection,
    lesson_id: uuid.UUID,
    *,
    title: str | None,
    content_md: str | None,
    duration_minutes: int | None,
    set_media: bool,
    media_id: uuid.UUID | None,
) -> None:
    """Change the given fields; media_id is written only when set_media (None removes it)."""
    await conn.execute(
        """UPDATE app.lessons SET title = coalesce($2, title),
                  content_md = coalesce($3, content_md),
                  duration_minutes = coalesce($4, duration_minutes),
                  media_id = CASE WHEN $5 THEN $6::uuid ELSE media_id END
           WHERE id = $1""",
        lesson_id,
        title,
        content_md,
        duration_minutes,
        set_media,
        media_id,
    )


async def move_lesson(
    conn: Connection, lesson_id: uuid.UUID, module_id: uuid.UUID, position: int
) -> None:
    await conn.execute(
        "UPDATE app.lessons SET module_id = $2, position = $3 WHERE id = $1",
        lesson_id,
        module_id,
        position,
    )


async def delete_lesson(conn: Connection, lesson_id: uuid.UUID) -> None:
    await conn.execute("DELETE FROM app.lessons WHERE id = $1", lesson_id)


async def set_module_positions(
    conn: Connection, course_id: uuid.UUID, module_ids: list[uuid.UUID]
) -> None:
    await conn.execute(
        """UPDATE app.course_modules m SET position = u.ord - 1
           FROM unnest($2::uuid[]) WITH ORDINALITY AS u(id, ord)
           WHERE m.id = u.id AND m.course_id = $1""",
        course_id,
        module_ids,
    )


async def set_lesson_places(
    conn: Connection,
    course_id: uuid.UUID,
    lesson_ids: list[uuid.UUID],
    module_ids: list[uuid.UUID],
    positions: list[int],
) -> None:
    await conn.execute(
        """UPDATE app.lessons l SET module_id = u.module_id, position = u.position
           FROM unnest($2::uuid[], $3::uuid[], $4::int[]) AS u(id, module_id, position)
           WHERE l.id = u.id AND l.course_id = $1""",
        course_id,
        lesson_ids,
        module_ids,
        positions,
    )


# ---- quizzes ------------------------------------------------------------------------------------


async def get_quiz(conn: Connection, quiz_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT q.id, q.lesson_id, l.course_id, q.title, q.pass_mark_percent, q.updated_at
           FROM app.quizzes q JOIN app.lessons l ON l.id = q.lesson_id WHERE q.id = $1""",
        quiz_id,
    )


async def get_quiz_of_lesson(conn: Connection, lesson_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT q.id, q.lesson_id, l.course_id, q.title, q.pass_mark_percent, q.updated_at
           FROM app.quizzes q JOIN app.lessons l ON l.id = q.lesson_id WHERE q.lesson_id = $1""",
        lesson_id,
    )


async def list_questions(conn: Connection, quiz_id: uuid.UUID) -> list[Any]:
    return await conn.fetch(
        """SELECT id, position, prompt, options, correct_options FROM app.quiz_questions
           WHERE quiz_id = $1 ORDER BY position, id""",
        quiz_id,
    )


async def upsert_quiz(
    conn: Connection, lesson_id: uuid.UUID, title: str, pass_mark_percent: int
) -> uuid.UUID:
    quiz_id: uuid.UUID = await conn.fetchval(
        """INSERT INTO app.quizzes (lesson_id, title, pass_mark_percent) VALUES ($1, $2, $3)
           ON CONFLICT (lesson_id) DO UPDATE
               SET title = EXCLUDED.title, pass_mark_percent = EXCLUDED.pass_mark_percent
           RETURNING id""",
        lesson_id,
        title,
        pass_mark_percent,
    )
    return quiz_id


async def replace_questions(
    conn: Connection, quiz_id: uuid.UUID, questions: list[tuple[str, list[str], list[int]]]
) -> None:
    await conn.execute("DELETE FROM app.quiz_questions WHERE quiz_id = $1", quiz_id)
    await conn.executemany(
        """INSERT INTO app.quiz_questions (quiz_id, position, prompt, options, correct_options)
           VALUES ($1, $2, $3, $4, $5)""",
        [
            (quiz_id, position, prompt, options, correct)
            for position, (prompt, options, correct) in enumerate(questions)
        ],
    )


async def delete_quiz_of_lesson(conn: Connection, lesson_id: uuid.UUID) -> bool:
    deleted = await conn.fetchval(
        "DELETE FROM app.quizzes WHERE lesson_id = $1 RETURNING id", lesson_id
    )
    return deleted is not None


async def insert_attempt(
    conn: Connection,
    *,
    quiz_id: uuid.UUID,
    user_id: uuid.UUID,
    answers: dict[str, list[int]],
    score_percent: int,
    passed: bool,
) -> Any:
    return await conn.fetchrow(
        """INSERT INTO app.quiz_attempts (quiz_id, user_id, answers, score_percent, passed)
           VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at""",
        quiz_id,
        user_id,
        answers,
        score_percent,
        passed,
    )


async def best_attempt(conn: Connection, quiz_id: uuid.UUID, user_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT score_percent, passed, created_at FROM app.quiz_attempts
           WHERE quiz_id = $1 AND user_id = $2
           ORDER BY passed DESC, score_percent DESC, created_at DESC LIMIT 1""",
        quiz_id,
        user_id,
    )


# ---- enrollment ---------------------------------------------------------------------------------


async def lock_free_enrollments(conn: Connection, user_id: uuid.UUID) -> None:
    """Serialise a student's free enrollments until the transaction ends, so two concurrent
    requests cannot both see the last free slot (an advisory lock keyed by the user)."""
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended('app.enrollments.free:' || $1::uuid::text, 0))",
        user_id,
    )


async def count_free_enrollments(conn: Connection, user_id: uuid.UUID) -> int:
    count: int = await conn.fetchval(
        "SELECT count(*) FROM app.enrollments WHERE user_id = $1 AND source = 'free'", user_id
    )
    return count


async def get_enrollment(conn: Connection, user_id: uuid.UUID, course_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT id, user_id, course_id, source, order_id, created_at FROM app.enrollments
           WHERE user_id = $1 AND course_id = $2""",
        user_id,
        course_id,
    )


async def insert_enrollment(
    conn: Connection,
    user_id: uuid.UUID,
    course_id: uuid.UUID,
    source: str,
    order_id: uuid.UUID | None,
) -> Any:
    """The new enrollment, or None when the student was already enrolled."""
    return await conn.fetchrow(
        """INSERT INTO app.enrollments (user_id, course_id, source, order_id)
           VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, course_id) DO NOTHING
           RETURNING id, user_id, course_id, source, order_id, created_at""",
        user_id,
        course_id,
        source,
        order_id,
    )


async def upgrade_to_purchase(
    conn: Connection, user_id: uuid.UUID, course_id: uuid.UUID, order_id: uuid.UUID
) -> None:
    """A free enrollment in a course that was bought after all becomes a purchase (and stops
    using a free slot)."""
    await conn.execute(
        """UPDATE app.enrollments SET source = 'purchase', order_id = $3
           WHERE user_id = $1 AND course_id = $2 AND source = 'free'""",
        user_id,
        course_id,
        order_id,
    )


async def delete_enrollment(conn: Connection, user_id: uuid.UUID, course_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """DELETE FROM app.enrollments WHERE user_id = $1 AND course_id = $2
           RETURNING id, source""",
        user_id,
        course_id,
    )


async def delete_enrollment_of_order(conn: Connection, order_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        "DELETE FROM app.enrollments WHERE order_id = $1 RETURNING id, user_id, course_id",
        order_id,
    )


async def list_my_courses(
    conn: Connection, user_id: uuid.UUID, after: tuple[datetime, uuid.UUID] | None, limit: int
) -> list[Any]:
    """The student's enrollments, newest first, with each course's progress and certificate."""
    return await conn.fetch(
        f"""SELECT {_COURSE}, e.id AS enrollment_id, e.source, e.created_at AS enrolled_at,
                   (SELECT count(*) FROM app.lesson_progress lp
                    WHERE lp.user_id = e.user_id AND lp.course_id = c.id)::int AS lessons_done,
                   (SELECT max(lp.completed_at) FROM app.lesson_progress lp
                    WHERE lp.user_id = e.user_id AND lp.course_id = c.id) AS last_completed_at,
                   cert.id AS certificate_id
            FROM app.enrollments e
            JOIN app.courses c ON c.id = e.course_id
            JOIN app.profiles p ON p.user_id = c.teacher_id
            LEFT JOIN app.certificates cert ON cert.user_id = e.user_id AND cert.course_id = c.id
            WHERE e.user_id = $1
              AND ($2::timestamptz IS NULL OR (e.created_at, e.id) < ($2, $3::uuid))
            ORDER BY e.created_at DESC, e.id DESC
            LIMIT $4""",  # noqa: S608 - a fixed column list, no values
        user_id,
        after[0] if after else None,
        after[1] if after else None,
        limit,
    )


# ---- progress and certificates ------------------------------------------------------------------


async def insert_progress(
    conn: Connection, user_id: uuid.UUID, lesson_id: uuid.UUID, course_id: uuid.UUID
) -> None:
    await conn.execute(
        """INSERT INTO app.lesson_progress (user_id, lesson_id, course_id) VALUES ($1, $2, $3)
           ON CONFLICT (user_id, lesson_id) DO NOTHING""",
        user_id,
        lesson_id,
        course_id,
    )


async def course_progress(conn: Connection, user_id: uuid.UUID, course_id: uuid.UUID) -> Any:
    """Lessons and quizzes of a course, and which of them the student has done."""
    return await conn.fetchrow(
        """SELECT
             (SELECT count(*) FROM app.lessons WHERE course_id = $2)::int AS lessons_total,
             (SELECT coalesce(array_agg(lp.lesson_id ORDER BY lp.completed_at), '{}')
              FROM app.lesson_progress lp JOIN app.lessons l ON l.id = lp.lesson_id
              WHERE lp.user_id = $1 AND l.course_id = $2) AS completed_lesson_ids,
             (SELECT count(*) FROM app.quizzes q JOIN app.lessons l ON l.id = q.lesson_id
              WHERE l.course_id = $2)::int AS quizzes_total,
             (SELECT coalesce(array_agg(DISTINCT a.quiz_id), '{}')
              FROM app.quiz_attempts a JOIN app.quizzes q ON q.id = a.quiz_id
              JOIN app.lessons l ON l.id = q.lesson_id
              WHERE a.user_id = $1 AND a.passed AND l.course_id = $2) AS passed_quiz_ids,
             (SELECT max(lp.completed_at) FROM app.lesson_progress lp
              WHERE lp.user_id = $1 AND lp.course_id = $2) AS last_completed_at""",
        user_id,
        course_id,
    )


async def get_certificate_of(conn: Connection, user_id: uuid.UUID, course_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT id, user_id, course_id, code, student_name, course_title, teacher_name, issued_at
           FROM app.certificates WHERE user_id = $1 AND course_id = $2""",
        user_id,
        course_id,
    )


async def insert_certificate(
    conn: Connection,
    *,
    user_id: uuid.UUID,
    course_id: uuid.UUID,
    code: str,
    student_name: str,
    course_title: str,
    teacher_name: str,
) -> Any:
    """The new certificate, or None when the student already has one for the course."""
    return await conn.fetchrow(
        """INSERT INTO app.certificates (user_id, course_id, code, student_name, course_title,
                                         teacher_name)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, course_id) DO NOTHING
           RETURNING id, user_id, course_id, code, student_name, course_title, teacher_name,
                     issued_at""",
        user_id,
        course_id,
        code,
        student_name,
        course_title,
        teacher_name,
    )


async def get_certificate(conn: Connection, certificate_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """SELECT id, user_id, course_id, code, student_name, course_title, teacher_name, issued_at
           FROM app.certificates WHERE id = $1""",
        certificate_id,
    )


async def get_certificate_by_code(conn: Connection, code: str) -> Any:
    return await conn.fetchrow(
        """SELECT id, user_id, course_id, code, student_name, course_title, teacher_name, issued_at
           FROM app.certificates WHERE code = $1""",
        code,
    )


async def enrolled_with_teacher(
    conn: Connection, student_id: uuid.UUID, teacher_id: uuid.UUID
) -> bool:
    found: bool = await conn.fetchval(
        """SELECT EXISTS (SELECT 1 FROM app.enrollments e JOIN app.courses c ON c.id = e.course_id
                          WHERE e.user_id = $1 AND c.teacher_id = $2)""",
        student_id,
        teacher_id,
    )
    return found


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    tables = {
        "enrollments": "SELECT * FROM app.enrollments WHERE user_id = $1 ORDER BY created_at",
        "lesson_progress": "SELECT * FROM app.lesson_progress WHERE user_id = $1 ORDER BY completed_at",
        "quiz_attempts": "SELECT * FROM app.quiz_attempts WHERE user_id = $1 ORDER BY created_at",
        "certificates": "SELECT * FROM app.certificates WHERE user_id = $1 ORDER BY issued_at",
        "courses": "SELECT * FROM app.courses WHERE teacher_id = $1 ORDER BY created_at",
    }
    return {name: await conn.fetch(sql, user_id) for name, sql in tables.items()}


async def delete_learning_of_user(conn: Connection, user_id: uuid.UUID) -> None:
    for table in ("quiz_attempts", "lesson_progress", "certificates", "enrollments"):
        await conn.execute(f"DELETE FROM app.{table} WHERE user_id = $1", user_id)  # noqa: S608 - fixed table names


async def orders_with_purchase_enrollments(
    conn: Connection, order_ids: list[uuid.UUID]
) -> set[uuid.UUID]:
    rows = await conn.fetch(
        """SELECT DISTINCT order_id FROM app.enrollments
           WHERE source = 'purchase' AND order_id = ANY($1::uuid[])""",
        order_ids,
    )
    return {r["order_id"] for r in rows}


async def archive_courses_of_teacher(conn: Connection, teacher_id: uuid.UUID) -> None:
    await conn.execute(
        "UPDATE app.courses SET status = 'archived' WHERE teacher_id = $1 AND status <> 'archived'",
        teacher_id,
    )
