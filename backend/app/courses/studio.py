"""The teacher's studio: courses, modules, lessons and quizzes. Teachers manage their own
courses, admins every course; another teacher gets 403 for a published course (they can see
it) and 404 for a draft (they cannot)."""

import uuid
from typing import Any

import asyncpg

from app.courses import lesson_refs, repository
from app.courses.schemas import (
    CourseCreate,
    CourseDetail,
    CourseOrder,
    CourseSummary,
    CourseUpdate,
    LessonCreate,
    LessonLink,
    LessonUpdate,
    LinkTarget,
    ModuleCreate,
    ModuleSummary,
    ModuleUpdate,
    QuestionStudio,
    QuizIn,
    QuizStudio,
    StudioLesson,
)
from app.courses.service import detail_of, manages, time_id_cursor, to_module, to_summary
from app.db import Connection
from app.errors import Conflict, Forbidden, NotFound, Unprocessable
from app.feed.service import record_activity
from app.media import service as media
from app.pagination import Page, encode_cursor, split_page
from app.security import AuthUser


async def managed_course(
    conn: Connection, course_id: uuid.UUID, user: AuthUser, *, lock: bool = False
) -> Any:
    """The course if the caller manages it. lock: hold the course row until commit, so studio
    changes to one course (positions, publishing) happen one at a time."""
    if lock:
        await repository.lock_course(conn, course_id)
    course = await repository.get_course(conn, course_id)
    if course is None:
        raise NotFound("No such course", code="course_not_found")
    if not manages(course, user):
        if course["status"] == "published":
            raise Forbidden("Only the course's teacher may change it", code="not_course_teacher")
        raise NotFound("No such course", code="course_not_found")
    return course


async def managed_module(conn: Connection, module_id: uuid.UUID, user: AuthUser) -> tuple[Any, Any]:
    module = await repository.get_module(conn, module_id)
    if module is None:
        raise NotFound("No such module", code="module_not_found")
    course = await managed_course(conn, module["course_id"], user, lock=True)
    return module, course


async def managed_lesson(conn: Connection, lesson_id: uuid.UUID, user: AuthUser) -> tuple[Any, Any]:
    lesson = await repository.get_lesson(conn, lesson_id)
    if lesson is None:
        raise NotFound("No such lesson", code="lesson_not_found")
    course = await managed_course(conn, lesson["course_id"], user, lock=True)
    return lesson, course


def _check_intro_is_free(price_cents: int, is_intro: bool) -> None:
    if is_intro and price_cents != 0:
        raise Unprocessable(
            "An introduction course is always free: set price_cents to 0",
            code="intro_must_be_free",
        )


# ---- courses ------------------------------------------------------------------------------------


async def list_courses(
    conn: Connection, user: AuthUser, teacher_id: uuid.UUID | None, cursor: str | None, limit: int
) -> Page[CourseSummary]:
    """The caller's courses in every status, newest first; admins see everyone's (or one
    teacher's with teacher_id)."""
    if not user.is_admin:
        teacher_id = user.id
    rows = await repository.list_studio_courses(
        conn, teacher_id=teacher_id, after=time_id_cursor(cursor), limit=limit + 1
    )
    page, more = split_page(rows, limit)
    next_cursor = None
    if more:
        next_cursor = encode_cursor(
            {"t": page[-1]["created_at"].isoformat(), "i": str(page[-1]["id"])}
        )
    return Page[CourseSummary](items=[to_summary(r) for r in page], next_cursor=next_cursor)


async def get_course(conn: Connection, course_id: uuid.UUID, user: AuthUser) -> CourseDetail:
    return await detail_of(conn, await managed_course(conn, course_id, user))


async def create_course(conn: Connection, user: AuthUser, body: CourseCreate) -> CourseDetail:
    _check_intro_is_free(body.price_cents, body.is_intro)
    course_id = await repository.insert_course(
        conn,
        teacher_id=user.id,
        title=body.title,
        summary=body.summary,
        description=body.description,
        level=body.level,
        price_cents=body.price_cents,
        is_intro=body.is_intro,
        category=body.category,
        badge=body.badge,
    )
    return await get_course(conn, course_id, user)


async def update_course(
    conn: Connection, course_id: uuid.UUID, user: AuthUser, body: CourseUpdate
) -> CourseDetail:
    course = await managed_course(conn, course_id, user, lock=True)
    price = body.price_cents if body.price_cents is not None else course["price_cents"]
    intro = body.is_intro if body.is_intro is not None else course["is_intro"]
    _check_intro_is_free(price, intro)
    await repository.update_course(
        conn,
        course_id,
        title=body.title,
        summary=body.summary,
        description=body.description,
        level=body.level,
        price_cents=body.price_cents,
        is_intro=body.is_intro,
        category=body.category,
        set_badge="badge" in body.model_fields_set,
        badge=body.badge,
    )
    return await get_course(conn, course_id, user)


async def delete_course(conn: Connection, course_id: uuid.UUID, user: AuthUser) -> None:
    """Delete a course nobody has enrolled in or ordered; otherwise unpublish it instead."""
    await managed_course(conn, course_id, user, lock=True)
    if await repository.count_enrollments(conn, course_id):
        raise Conflict(
            "Students are enrolled in this course: unpublish it instead",
            code="course_has_students",
        )
    try:
        await repository.delete_course(conn, course_id)
    except asyncpg.ForeignKeyViolationError as exc:
        raise Conflict(
            "This course has orders: unpublish it instead", code="course_has_orders"
        ) from exc


async def publish_course(conn: Connection, course_id: uuid.UUID, user: AuthUser) -> CourseDetail:
    """Publish a course that has lessons; the first publication goes on the feed."""
    course = await managed_course(conn, course_id, user, lock=True)
    if await repository.count_lessons(conn, course_id) == 0:
        raise Conflict("Add a lesson before publishing", code="course_has_no_lessons")
    if course["status"] != "published":
        await repository.set_course_status(conn, course_id, "published")
        if course["published_at"] is None:
            await record_activity(
                conn,
                actor_id=course["teacher_id"],
                kind="course_published",
                subject_type="course",
                subject_id=course_id,
                subject_title=course["title"],
                summary=course["summary"],
            )
    return await get_course(conn, course_id, user)


async def unpublish_course(conn: Connection, course_id: uuid.UUID, user: AuthUser) -> CourseDetail:
    """Back to draft: gone from the catalogue; enrolled students keep their access."""
    await managed_course(conn, course_id, user, lock=True)
    await repository.set_course_status(conn, course_id, "draft")
    return await get_course(conn, course_id, user)


async def reorder(
    conn: Connection, course_id: uuid.UUID, user: AuthUser, body: CourseOrder
) -> CourseDetail:
    """Put modules and lessons in the given order in one step (lessons may change module).
    The body must name every module and every lesson of the course exactly once."""
    await managed_course(conn, course_id, user, lock=True)
    module_ids = [m.id for m in body.modules]
    lesson_ids = [lid for m in body.modules for lid in m.lesson_ids]
    existing_modules = {m["id"] for m in await repository.list_modules(conn, course_id)}
    existing_lessons = {r["id"] for r in await repository.list_course_lessons(conn, course_id)}
    if len(set(module_ids)) != len(module_ids) or set(module_ids) != existing_modules:
        raise Unprocessable(
            "List every module of the course exactly once", code="order_modules_mismatch"
        )
    if len(set(lesson_ids)) != len(lesson_ids) or set(lesson_ids) != existing_lessons:
        raise Unprocessable(
            "List every lesson of the course exactly once", code="order_lessons_mismatch"
        )
    await repository.set_module_positions(conn, course_id, module_ids)
    await repository.set_lesson_places(
        conn,
        course_id,
        lesson_ids,
        [m.id for m in body.modules for _ in m.lesson_ids],
        [pos for m in body.modules for pos in range(len(m.lesson_ids))],
    )
    return await get_course(conn, course_id, user)


# ---- modules ------------------------------------------------------------------------------------


async def create_module(
    conn: Connection, course_id: uuid.UUID, user: AuthUser, body: ModuleCreate
) -> ModuleSummary:
    await managed_course(conn, course_id, user, lock=True)
    end = await repository.next_module_position(conn, course_id)
    position = end if body.position is None else min(body.position, end)
    if position < end:
        await repository.make_room_for_module(conn, course_id, position)
    module_id = await repository.insert_module(conn, course_id, body.title.strip(), position)
    return to_module(await repository.get_module(conn, module_id))


async def update_module(
    conn: Connection, module_id: uuid.UUID, user: AuthUser, body: ModuleUpdate
) -> ModuleSummary:
    await managed_module(conn, module_id, user)
    await repository.update_module(conn, module_id, body.title.strip())
    return to_module(await repository.get_module(conn, module_id))


async def delete_module(conn: Connection, module_id: uuid.UUID, user: AuthUser) -> None:
    """Delete a module with its lessons (and their quizzes and progress)."""
    await managed_module(conn, module_id, user)
    await repository.delete_module(conn, module_id)


# ---- lessons ------------------------------------------------------------------------------------


def to_studio_lesson(row: Any, links: list[LessonLink] | None = None) -> StudioLesson:
    return StudioLesson(
        id=row["id"],
        course_id=row["course_id"],
        module_id=row["module_id"],
        title=row["title"],
        content_md=row["content_md"],
        position=row["position"],
        duration_minutes=row["duration_minutes"],
        media_id=row["media_id"],
        quiz_id=row["quiz_id"],
        updated_at=row["updated_at"],
        links=links or [],
    )


async def link_targets(conn: Connection, course_id: uuid.UUID, user: AuthUser) -> list[LinkTarget]:
    course = await managed_course(conn, course_id, user)
    return await lesson_refs.link_targets(conn, course["teacher_id"])


async def _studio_lesson(conn: Connection, lesson_id: uuid.UUID) -> StudioLesson:
    row = await repository.get_lesson(conn, lesson_id)
    return to_studio_lesson(row, await lesson_refs.links_of(conn, lesson_id))


async def _check_lesson_media(
    conn: Connection, media_id: uuid.UUID, course: Any, user: AuthUser
) -> None:
    """Lesson media is audio or video the course's teacher (or the acting admin) uploaded."""
    found = await media.get_media(conn, media_id)
    if found is None or found.owner_id not in (course["teacher_id"], user.id):
        raise Unprocessable("No such media among your uploads", code="media_not_found")
    if not found.content_type.startswith(("audio/", "video/")):
        raise Unprocessable(
            f"Lesson media must be audio or video, not {found.content_type}",
            code="media_not_audio_or_video",
        )


async def get_lesson(conn: Connection, lesson_id: uuid.UUID, user: AuthUser) -> StudioLesson:
    lesson = await repository.get_lesson(conn, lesson_id)
    if lesson is None:
        raise NotFound("No such lesson", code="lesson_not_found")
    await managed_course(conn, lesson["course_id"], user)
    return await _studio_lesson(conn, lesson_id)


async def create_lesson(
    conn: Connection, module_id: uuid.UUID, user: AuthUser, body: LessonCreate
) -> StudioLesson:
    module, course = await managed_module(conn, module_id, user)
    if body.media_id is not None:
        await _check_lesson_media(conn, body.media_id, course, user)
    end = await repository.next_lesson_position(conn, module_id)
    position = end if body.position is None else min(body.position, end)
    if position < end:
        await repository.make_room_for_lesson(conn, module_id, position)
    lesson_id = await repository.insert_lesson(
        conn,
        course_id=module["course_id"],
        module_id=module_id,
        title=body.title.strip(),
        content_md=body.content_md,
        media_id=body.media_id,
        duration_minutes=body.duration_minutes,
        position=position,
    )
    await lesson_refs.store(conn, lesson_id, course, body.content_md)
    return await _studio_lesson(conn, lesson_id)


async def update_lesson(
    conn: Connection, lesson_id: uuid.UUID, user: AuthUser, body: LessonUpdate
) -> StudioLesson:
    lesson, course = await managed_lesson(conn, lesson_id, user)
    set_media = "media_id" in body.model_fields_set
    if set_media and body.media_id is not None:
        await _check_lesson_media(conn, body.media_id, course, user)
    await repository.update_lesson(
        conn,
        lesson_id,
        title=body.title.strip() if body.title is not None else None,
        content_md=body.content_md,
        duration_minutes=body.duration_minutes,
        set_media=set_media,
        media_id=body.media_id,
    )
    if body.content_md is not None:
        await lesson_refs.store(conn, lesson_id, course, body.content_md)
    if body.module_id is not None or body.position is not None:
        await _move_lesson(conn, lesson, course, body.module_id, body.position)
    return await _studio_lesson(conn, lesson_id)


async def _move_lesson(
    conn: Connection,
    lesson: Any,
    course: Any,
    module_id: uuid.UUID | None,
    position: int | None,
) -> None:
    target = module_id or lesson["module_id"]
    if target is None:
        raise Unprocessable("Say which module the lesson goes to", code="module_required")
    module = await repository.get_module(conn, target)
    if module is None or module["course_id"] != course["id"]:
        raise Unprocessable("No such module in this course", code="module_not_found")
    end = await repository.next_lesson_position(conn, target)
    if target == lesson["module_id"]:
        end -= 1  # the lesson itself is already counted
    place = end if position is None else min(position, end)
    siblings = [
        r["id"]
        for r in await repository.list_module_lessons(conn, target)
        if r["id"] != lesson["id"]
    ]
    siblings.insert(place, lesson["id"])
    await repository.set_lesson_places(
        conn, course["id"], siblings, [target] * len(siblings), list(range(len(siblings)))
    )


async def delete_lesson(conn: Connection, lesson_id: uuid.UUID, user: AuthUser) -> None:
    await managed_lesson(conn, lesson_id, user)
    await repository.delete_lesson(conn, lesson_id)


# ---- quizzes ------------------------------------------------------------------------------------


async def _quiz_studio(conn: Connection, quiz: Any) -> QuizStudio:
    questions = await repository.list_questions(conn, quiz["id"])
    return QuizStudio(
        id=quiz["id"],
        lesson_id=quiz["lesson_id"],
        title=quiz["title"],
        pass_mark_percent=quiz["pass_mark_percent"],
        questions=[
            QuestionStudio(
                id=q["id"],
                position=q["position"],
                prompt=q["prompt"],
                options=q["options"],
                multiple=len(q["correct_options"]) > 1,
                correct_options=sorted(q["correct_options"]),
            )
            for q in questions
        ],
    )


async def get_quiz(conn: Connection, lesson_id: uuid.UUID, user: AuthUser) -> QuizStudio:
    await get_lesson(conn, lesson_id, user)
    quiz = await repository.get_quiz_of_lesson(conn, lesson_id)
    if quiz is None:
        raise NotFound("This lesson has no quiz", code="quiz_not_found")
    return await _quiz_studio(conn, quiz)


async def put_quiz(
    conn: Connection, lesson_id: uuid.UUID, user: AuthUser, body: QuizIn
) -> QuizStudio:
    """Create the lesson's quiz or replace its questions (earlier passes still count)."""
    await managed_lesson(conn, lesson_id, user)
    quiz_id = await repository.upsert_quiz(conn, lesson_id, body.title, body.pass_mark_percent)
    await repository.replace_questions(
        conn,
        quiz_id,
        [(q.prompt.strip(), q.options, sorted(q.correct_options)) for q in body.questions],
    )
    return await _quiz_studio(conn, await repository.get_quiz(conn, quiz_id))


async def delete_quiz(conn: Connection, lesson_id: uuid.UUID, user: AuthUser) -> None:
    await managed_lesson(conn, lesson_id, user)
    if not await repository.delete_quiz_of_lesson(conn, lesson_id):
        raise NotFound("This lesson has no quiz", code="quiz_not_found")
