"""Courses: the catalogue, the teacher's studio, enrollment and learning (progress, quizzes,
certificates). Every function takes the request's connection first and never commits."""

import secrets
import uuid
from datetime import datetime
from typing import Any, Literal

import asyncpg

from app import sqljson
from app.appconfig.service import get_int
from app.courses import lesson_refs, repository
from app.courses.schemas import (
    Access,
    CertificateVerification,
    CourseDetail,
    CourseSummary,
    Enrollment,
    FreeConsumed,
    LessonContent,
    LessonSummary,
    MediaRef,
    ModuleSummary,
    ModuleWithLessons,
    MyCourse,
    Progress,
    QuestionPublic,
    QuestionResult,
    QuizPublic,
    QuizResult,
    QuizSubmission,
    Requirement,
    TeacherRef,
)
from app.courses.schemas import Certificate as CertificateOut
from app.db import Connection
from app.errors import AppError, BadRequest, Conflict, Forbidden, NotFound, Unprocessable
from app.media import service as media
from app.notifications.service import notify
from app.pagination import Page, decode_cursor, encode_cursor, split_page
from app.security import AuthUser

# Certificate codes: no 0/O or 1/I, so a code read off paper is typed back right.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# ---- shapes -------------------------------------------------------------------------------------


def to_summary(row: Any) -> CourseSummary:
    return CourseSummary(
        id=row["id"],
        title=row["title"],
        summary=row["summary"],
        level=row["level"],
        category=row["category"],
        price_cents=row["price_cents"],
        currency=row["currency"],
        free=row["price_cents"] == 0,
        is_intro=row["is_intro"],
        status=row["status"],
        published_at=row["published_at"],
        teacher=TeacherRef(id=row["teacher_id"], display_name=row["teacher_name"]),
        lesson_count=row["lesson_count"],
        total_minutes=row["total_minutes"],
        cover_media_id=row["cover_media_id"],
        badge=row["badge"],
    )


def to_lesson_summary(row: Any) -> LessonSummary:
    return LessonSummary(
        id=row["id"],
        module_id=row["module_id"],
        title=row["title"],
        position=row["position"],
        duration_minutes=row["duration_minutes"],
        has_media=row["media_id"] is not None,
        quiz_id=row["quiz_id"],
    )


def to_module(row: Any) -> ModuleSummary:
    return ModuleSummary(
        id=row["id"],
        course_id=row["course_id"],
        title=row["title"],
        position=row["position"],
        lesson_count=row["lesson_count"],
    )


def like_pattern(text: str | None) -> str | None:
    """An ILIKE pattern matching `text` anywhere, its own % and _ taken literally."""
    if text is None or not text.strip():
        return None
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _cursor_fields(cursor: str | None, *names: str) -> list[Any] | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    try:
        return [key[n] for n in names]
    except (KeyError, TypeError) as exc:
        raise BadRequest("Invalid cursor", code="invalid_cursor") from exc


def time_id_cursor(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    fields = _cursor_fields(cursor, "t", "i")
    if fields is None:
        return None
    try:
        return datetime.fromisoformat(fields[0]), uuid.UUID(fields[1])
    except (TypeError, ValueError) as exc:
        raise BadRequest("Invalid cursor", code="invalid_cursor") from exc


# ---- who may see and read what ------------------------------------------------------------------


def manages(course: Any, user: AuthUser | None) -> bool:
    """The course's teacher and admins manage a course (studio rights, content access)."""
    return user is not None and (user.is_admin or course["teacher_id"] == user.id)


AccessRole = Literal["enrolled", "teacher", "admin"]
Action = Literal["sign_in", "enroll", "buy", "unavailable"]


async def access_role(conn: Connection, course: Any, user: AuthUser | None) -> AccessRole | None:
    if user is None:
        return None
    if user.is_admin:
        return "admin"
    if course["teacher_id"] == user.id:
        return "teacher"
    if await repository.get_enrollment(conn, user.id, course["id"]) is not None:
        return "enrolled"
    return None


async def visible_course(conn: Connection, course_id: uuid.UUID, user: AuthUser | None) -> Any:
    """A course the caller may look at: published, or theirs to manage, or one they are
    enrolled in (an unpublished course stays open to its students); otherwise 404."""
    course = await repository.get_course(conn, course_id)
    if course is None:
        raise NotFound("No such course", code="course_not_found")
    if course["status"] == "published" or manages(course, user):
        return course
    if user is not None and await repository.get_enrollment(conn, user.id, course_id):
        return course
    raise NotFound("No such course", code="course_not_found")


async def free_consumed(conn: Connection, user_id: uuid.UUID) -> FreeConsumed:
    limit = await get_int(conn, "free_course_limit")
    consumed = await repository.count_free_enrollments(conn, user_id)
    return FreeConsumed(
        free_course_limit=limit, consumed=consumed, remaining=max(limit - consumed, 0)
    )


async def requirement(conn: Connection, course: Any, user: AuthUser | None) -> Requirement:
    free = course["price_cents"] == 0
    slots = None
    action: Action
    if user is None:
        action = "sign_in"
    elif course["status"] != "published":
        action = "unavailable"
    elif free:
        action = "enroll"
        slots = (await free_consumed(conn, user.id)).remaining
    else:
        action = "buy"
    return Requirement(
        action=action,
        course_id=course["id"],
        free=free,
        price_cents=course["price_cents"],
        currency=course["currency"],
        is_intro=course["is_intro"],
        free_slots_left=slots,
    )


async def enrollment_required(conn: Connection, course: Any, user: AuthUser | None) -> AppError:
    """The 403 for content the caller cannot read yet, saying what it takes."""
    need = await requirement(conn, course, user)
    how = {
        "sign_in": "Sign in and enroll in the course to read its lessons",
        "enroll": "Enroll in this free course (POST /courses/{id}/enroll) to read its lessons",
        "buy": "Buy the course (POST /orders with item_kind course) to read its lessons",
        "unavailable": "This course is not open for new students",
    }[need.action]
    return Forbidden(how, code="enrollment_required", extra=need.model_dump(mode="json"))


async def course_access(conn: Connection, course_id: uuid.UUID, user: AuthUser | None) -> Access:
    course = await visible_course(conn, course_id, user)
    role = await access_role(conn, course, user)
    return Access(
        course_id=course_id,
        access=role is not None,
        role=role,
        requirement=None if role else await requirement(conn, course, user),
    )


async def lesson_media_check(
    conn: Connection, media_id: uuid.UUID, user: AuthUser | None
) -> bool | None:
    """For the media domain: may the caller play a file used by lessons (as their audio or
    video, or embedded in their text)? None when no lesson uses it."""
    course_ids = await repository.courses_using_media(conn, media_id)
    course_ids += await lesson_refs.courses_embedding(conn, media_id)
    if not course_ids:
        return None
    for course_id in course_ids:
        course = await repository.get_course(conn, course_id)
        if course is not None and await access_role(conn, course, user):
            return True
    return False


# ---- catalogue ----------------------------------------------------------------------------------


def catalogue_query(
    *,
    teacher_id: uuid.UUID | None,
    level: str | None,
    price: str | None,
    intro: bool | None,
    text: str | None,
    cursor: str | None,
    limit: int,
    category: str | None = None,
) -> repository.CatalogueQuery:
    return repository.CatalogueQuery(
        teacher_id=teacher_id,
        level=level,
        free=None if price is None else price == "free",
        intro=intro,
        pattern=like_pattern(text),
        after=time_id_cursor(cursor),
        limit=limit,
        category=category,
    )


def _catalogue_cursor(published_at: datetime, course_id: uuid.UUID) -> str:
    return encode_cursor({"t": published_at.isoformat(), "i": str(course_id)})


async def list_catalogue(conn: Connection, query: repository.CatalogueQuery) -> Page[CourseSummary]:
    """A catalogue page as models (a teacher's profile page); GET /courses sends
    catalogue_json's bytes, the same JSON."""
    page, more = split_page(await repository.list_published(conn, query), query.limit)
    next_cursor = _catalogue_cursor(page[-1]["published_at"], page[-1]["id"]) if more else None
    return Page[CourseSummary](items=[to_summary(r) for r in page], next_cursor=next_cursor)


async def catalogue_json(conn: Connection, query: repository.CatalogueQuery) -> bytes:
    """GET /courses: a Page[CourseSummary] as JSON bytes built by PostgreSQL, byte for byte
    what FastAPI writes for list_catalogue's model."""
    row = await repository.catalogue_page_json(conn, query)
    next_cursor = _catalogue_cursor(row["last_time"], row["last_id"]) if row["has_more"] else None
    return sqljson.page_json(row["items"], next_cursor)


async def intro_first_json(conn: Connection, *, cursor: str | None, limit: int) -> bytes:
    """GET /courses/intro-first: published courses, introduction courses first, as the JSON of
    a Page[CourseSummary] built by PostgreSQL."""
    fields = _cursor_fields(cursor, "n", "t", "i")
    after = None
    if fields is not None:
        try:
            after = (int(fields[0]), datetime.fromisoformat(fields[1]), uuid.UUID(fields[2]))
        except (TypeError, ValueError) as exc:
            raise BadRequest("Invalid cursor", code="invalid_cursor") from exc
    row = await repository.intro_first_page_json(conn, after=after, limit=limit)
    next_cursor = None
    if row["has_more"]:
        next_cursor = encode_cursor(
            {
                "n": int(row["last_intro"]),
                "t": row["last_time"].isoformat(),
                "i": str(row["last_id"]),
            }
        )
    return sqljson.page_json(row["items"], next_cursor)


async def course_detail(
    conn: Connection, course_id: uuid.UUID, user: AuthUser | None
) -> CourseDetail:
    """A course with its modules and lesson titles (never lesson content)."""
    course = await visible_course(conn, course_id, user)
    return await detail_of(conn, course)


async def detail_of(conn: Connection, course: Any) -> CourseDetail:
    modules = await repository.list_modules(conn, course["id"])
    lessons = [
        to_lesson_summary(r) for r in await repository.list_course_lessons(conn, course["id"])
    ]
    by_module: dict[uuid.UUID, list[LessonSummary]] = {m["id"]: [] for m in modules}
    loose = []
    for lesson in lessons:
        if lesson.module_id in by_module:
            by_module[lesson.module_id].append(lesson)
        else:
            loose.append(lesson)
    return CourseDetail(
        **to_summary(course).model_dump(),
        description=course["description"],
        modules=[
            ModuleWithLessons(**to_module(m).model_dump(), lessons=by_module[m["id"]])
            for m in modules
        ],
        loose_lessons=loose,
    )


async def list_modules(
    conn: Connection, course_id: uuid.UUID, user: AuthUser | None
) -> list[ModuleSummary]:
    await visible_course(conn, course_id, user)
    return [to_module(r) for r in await repository.list_modules(conn, course_id)]


async def list_module_lessons(
    conn: Connection, module_id: uuid.UUID, user: AuthUser | None
) -> list[LessonSummary]:
    module = await repository.get_module(conn, module_id)
    if module is None:
        raise NotFound("No such module", code="module_not_found")
    await visible_course(conn, module["course_id"], user)
    return [to_lesson_summary(r) for r in await repository.list_module_lessons(conn, module_id)]


# ---- lessons and quizzes as students see them ---------------------------------------------------


async def _lesson_with_course(
    conn: Connection, lesson_id: uuid.UUID, user: AuthUser | None
) -> tuple[Any, Any]:
    lesson = await repository.get_lesson(conn, lesson_id)
    if lesson is None:
        raise NotFound("No such lesson", code="lesson_not_found")
    try:
        course = await visible_course(conn, lesson["course_id"], user)
    except NotFound as exc:
        raise NotFound("No such lesson", code="lesson_not_found") from exc
    return lesson, course


async def quiz_for_student(conn: Connection, quiz: Any, user: AuthUser) -> QuizPublic:
    questions = await repository.list_questions(conn, quiz["id"])
    best = await repository.best_attempt(conn, quiz["id"], user.id)
    return QuizPublic(
        id=quiz["id"],
        lesson_id=quiz["lesson_id"],
        title=quiz["title"],
        pass_mark_percent=quiz["pass_mark_percent"],
        questions=[
            QuestionPublic(
                id=q["id"],
                position=q["position"],
                prompt=q["prompt"],
                options=q["options"],
                multiple=len(q["correct_options"]) > 1,
            )
            for q in questions
        ],
        passed=bool(best and best["passed"]),
        best_score_percent=best["score_percent"] if best else None,
    )


async def read_lesson(conn: Connection, lesson_id: uuid.UUID, user: AuthUser) -> LessonContent:
    """A lesson's content for those with access; 403 saying what it takes for others."""
    lesson, course = await _lesson_with_course(conn, lesson_id, user)
    if await access_role(conn, course, user) is None:
        raise await enrollment_required(conn, course, user)
    media_ref = None
    if lesson["media_id"] is not None:
        found = await media.get_media(conn, lesson["media_id"])
        if found is not None:
            media_ref = MediaRef(
                id=found.id,
                content_type=found.content_type,
                size_bytes=found.size_bytes,
                url=found.url,
            )
    quiz = None
    if lesson["quiz_id"] is not None:
        quiz_row = await repository.get_quiz(conn, lesson["quiz_id"])
        quiz = await quiz_for_student(conn, quiz_row, user)
    progress = await repository.course_progress(conn, user.id, course["id"])
    return LessonContent(
        id=lesson["id"],
        course_id=lesson["course_id"],
        module_id=lesson["module_id"],
        title=lesson["title"],
        content_md=lesson["content_md"],
        position=lesson["position"],
        duration_minutes=lesson["duration_minutes"],
        media=media_ref,
        quiz=quiz,
        completed=lesson["id"] in progress["completed_lesson_ids"],
        updated_at=lesson["updated_at"],
        links=await lesson_refs.links_of(conn, lesson["id"]),
    )


async def _quiz_with_course(
    conn: Connection, quiz_id: uuid.UUID, user: AuthUser
) -> tuple[Any, Any]:
    quiz = await repository.get_quiz(conn, quiz_id)
    if quiz is None:
        raise NotFound("No such quiz", code="quiz_not_found")
    try:
        course = await visible_course(conn, quiz["course_id"], user)
    except NotFound as exc:
        raise NotFound("No such quiz", code="quiz_not_found") from exc
    return quiz, course


async def read_quiz(conn: Connection, quiz_id: uuid.UUID, user: AuthUser) -> QuizPublic:
    quiz, course = await _quiz_with_course(conn, quiz_id, user)
    if await access_role(conn, course, user) is None:
        raise await enrollment_required(conn, course, user)
    return await quiz_for_student(conn, quiz, user)


# ---- enrollment ---------------------------------------------------------------------------------


def to_enrollment(course_id: uuid.UUID, row: Any) -> Enrollment:
    if row is None:
        return Enrollment(course_id=course_id, enrolled=False)
    return Enrollment(
        course_id=course_id,
        enrolled=True,
        source=row["source"],
        order_id=row["order_id"],
        enrolled_at=row["created_at"],
    )


async def enroll_free(
    conn: Connection, course_id: uuid.UUID, user: AuthUser
) -> tuple[Enrollment, bool]:
    """Enroll in a free course within the free-course limit; (enrollment, newly created).
    Enrolling again returns the existing enrollment."""
    course = await repository.get_course(conn, course_id)
    if course is None or (course["status"] != "published" and not manages(course, user)):
        raise NotFound("No such course", code="course_not_found")
    if course["teacher_id"] == user.id:
        raise Conflict("You teach this course", code="own_course")
    if course["status"] != "published":
        raise Conflict("This course is not published", code="course_not_published")
    if course["price_cents"] > 0:
        raise Conflict(
            "This course is paid: buy it through POST /orders with item_kind course",
            code="course_not_free",
            extra={"price_cents": course["price_cents"], "currency": course["currency"]},
        )
    await repository.lock_free_enrollments(conn, user.id)
    existing = await repository.get_enrollment(conn, user.id, course_id)
    if existing is not None:
        return to_enrollment(course_id, existing), False
    quota = await free_consumed(conn, user.id)
    if quota.remaining <= 0:
        raise Conflict(
            f"You are already enrolled in {quota.consumed} free courses, the limit is "
            f"{quota.free_course_limit}",
            code="free_course_limit_reached",
            extra=quota.model_dump(),
        )
    row = await repository.insert_enrollment(conn, user.id, course_id, "free", None)
    return to_enrollment(course_id, row), True


async def leave_course(conn: Connection, course_id: uuid.UUID, user: AuthUser) -> None:
    """Leave a free course (frees a slot); a bought course is left by refunding its order."""
    existing = await repository.get_enrollment(conn, user.id, course_id)
    if existing is None:
        raise NotFound("You are not enrolled in this course", code="not_enrolled")
    if existing["source"] != "free":
        raise Conflict("A bought course is left by refunding its order", code="enrollment_not_free")
    await repository.delete_enrollment(conn, user.id, course_id)


async def get_enrollment(conn: Connection, course_id: uuid.UUID, user: AuthUser) -> Enrollment:
    await visible_course(conn, course_id, user)
    return to_enrollment(course_id, await repository.get_enrollment(conn, user.id, course_id))


async def is_enrolled(conn: Connection, user_id: uuid.UUID, course_id: uuid.UUID) -> bool:
    return await repository.get_enrollment(conn, user_id, course_id) is not None


async def course_for_order(conn: Connection, course_id: uuid.UUID, buyer_id: uuid.UUID) -> Any:
    """The course a buyer may order (published, paid, not theirs, not yet enrolled)."""
    course = await repository.get_course(conn, course_id)
    if course is None or course["status"] != "published":
        raise NotFound("No such course", code="course_not_found")
    if course["teacher_id"] == buyer_id:
        raise Forbidden("You cannot buy your own course", code="own_item")
    if course["price_cents"] == 0:
        raise Conflict(
            "This course is free: enroll through POST /courses/{id}/enroll", code="course_is_free"
        )
    if await is_enrolled(conn, buyer_id, course_id):
        raise Conflict("You are already enrolled in this course", code="already_enrolled")
    return course


async def enroll_purchase(
    conn: Connection, user_id: uuid.UUID, course_id: uuid.UUID, order_id: uuid.UUID
) -> None:
    """Enroll the buyer of a paid order (idempotent: a repeated call changes nothing)."""
    created = await repository.insert_enrollment(conn, user_id, course_id, "purchase", order_id)
    if created is None:
        await repository.upgrade_to_purchase(conn, user_id, course_id, order_id)


async def remove_purchase(conn: Connection, order_id: uuid.UUID) -> None:
    """Undo the enrollment a refunded order created."""
    await repository.delete_enrollment_of_order(conn, order_id)


async def my_courses(
    conn: Connection, user: AuthUser, cursor: str | None, limit: int
) -> Page[MyCourse]:
    """The caller's courses ("Mina kurser"), most recently enrolled first, with progress."""
    return await user_courses(conn, user.id, cursor, limit)


async def user_courses(
    conn: Connection, user_id: uuid.UUID, cursor: str | None, limit: int
) -> Page[MyCourse]:
    """A user's enrollments, most recent first, with progress (theirs, or an admin's view)."""
    rows = await repository.list_my_courses(conn, user_id, time_id_cursor(cursor), limit + 1)
    page, more = split_page(rows, limit)
    items = [
        MyCourse(
            course=to_summary(r),
            source=r["source"],
            enrolled_at=r["enrolled_at"],
            lessons_done=r["lessons_done"],
            lessons_total=r["lesson_count"],
            percent=percent(r["lessons_done"], r["lesson_count"]),
            last_completed_at=r["last_completed_at"],
            certificate_id=r["certificate_id"],
        )
        for r in page
    ]
    next_cursor = None
    if more:
        last = page[-1]
        next_cursor = encode_cursor(
            {"t": last["enrolled_at"].isoformat(), "i": str(last["enrollment_id"])}
        )
    return Page[MyCourse](items=items, next_cursor=next_cursor)


# ---- learning -----------------------------------------------------------------------------------


def percent(done: int, total: int) -> int:
    """Whole per cent rounded half up (2 of 3 is 67), as the app shows it: never 100 before all
    is done, nor 0 once something is. A quiz's pass mark is compared with this figure."""
    if total <= 0 or done <= 0:
        return 0
    if done >= total:
        return 100
    return min(99, max(1, (200 * done + total) // (2 * total)))


async def progress_of(conn: Connection, user_id: uuid.UUID, course_id: uuid.UUID) -> Progress:
    row = await repository.course_progress(conn, user_id, course_id)
    certificate = await repository.get_certificate_of(conn, user_id, course_id)
    done = len(row["completed_lesson_ids"])
    passed = len(row["passed_quiz_ids"])
    return Progress(
        course_id=course_id,
        lessons_total=row["lessons_total"],
        lessons_done=done,
        percent=percent(done, row["lessons_total"]),
        completed_lesson_ids=row["completed_lesson_ids"],
        quizzes_total=row["quizzes_total"],
        quizzes_passed=passed,
        passed_quiz_ids=row["passed_quiz_ids"],
        completed=row["lessons_total"] > 0
        and done >= row["lessons_total"]
        and passed >= row["quizzes_total"],
        last_completed_at=row["last_completed_at"],
        certificate_id=certificate["id"] if certificate else None,
    )


async def course_progress(conn: Connection, course_id: uuid.UUID, user: AuthUser) -> Progress:
    course = await visible_course(conn, course_id, user)
    if not await is_enrolled(conn, user.id, course_id):
        raise await enrollment_required(conn, course, user)
    return await progress_of(conn, user.id, course_id)


async def _must_be_student(conn: Connection, course: Any, user: AuthUser) -> None:
    """Progress and quiz attempts are kept for enrolled students only."""
    if not await is_enrolled(conn, user.id, course["id"]):
        raise await enrollment_required(conn, course, user)


async def complete_lesson(conn: Connection, lesson_id: uuid.UUID, user: AuthUser) -> Progress:
    _, course = await _lesson_with_course(conn, lesson_id, user)
    await _must_be_student(conn, course, user)
    await repository.insert_progress(conn, user.id, lesson_id, course["id"])
    await issue_certificate_if_complete(conn, user, course)
    return await progress_of(conn, user.id, course["id"])


def grade(questions: list[Any], submission: QuizSubmission) -> list[QuestionResult]:
    """A question is right when exactly its correct options were chosen; unanswered is wrong."""
    options_of = {q["id"]: len(q["options"]) for q in questions}
    chosen: dict[uuid.UUID, set[int]] = {}
    for answer in submission.answers:
        if answer.question_id not in options_of:
            raise Unprocessable(
                f"Question {answer.question_id} is not part of this quiz", code="unknown_question"
            )
        if answer.question_id in chosen:
            raise Unprocessable("Answer each question once", code="duplicate_answer")
        if any(not 0 <= i < options_of[answer.question_id] for i in answer.selected):
            raise Unprocessable(
                "selected must be indexes into the question's options", code="invalid_option"
            )
        chosen[answer.question_id] = set(answer.selected)
    return [
        QuestionResult(
            question_id=q["id"], correct=chosen.get(q["id"]) == set(q["correct_options"])
        )
        for q in questions
    ]


async def submit_quiz(
    conn: Connection, quiz_id: uuid.UUID, user: AuthUser, submission: QuizSubmission
) -> QuizResult:
    """Grade a submission on the server, keep the attempt, and issue the certificate when
    this completed the course."""
    quiz, course = await _quiz_with_course(conn, quiz_id, user)
    await _must_be_student(conn, course, user)
    questions = await repository.list_questions(conn, quiz_id)
    results = grade(questions, submission)
    correct = sum(r.correct for r in results)
    score = percent(correct, len(results))
    passed = len(results) > 0 and score >= quiz["pass_mark_percent"]
    await repository.insert_attempt(
        conn,
        quiz_id=quiz_id,
        user_id=user.id,
        answers={str(a.question_id): sorted(set(a.selected)) for a in submission.answers},
        score_percent=score,
        passed=passed,
    )
    certificate = await issue_certificate_if_complete(conn, user, course)
    return QuizResult(
        quiz_id=quiz_id,
        score_percent=score,
        pass_mark_percent=quiz["pass_mark_percent"],
        passed=passed,
        correct_count=correct,
        question_count=len(results),
        results=results,
        certificate_id=certificate["id"] if certificate else None,
    )


# ---- certificates -------------------------------------------------------------------------------


def new_certificate_code() -> str:
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3))


async def issue_certificate_if_complete(conn: Connection, user: AuthUser, course: Any) -> Any:
    """The student's certificate for the course: issued now when every lesson is done and
    every quiz passed, and the student is told; None while the course is incomplete."""
    existing = await repository.get_certificate_of(conn, user.id, course["id"])
    if existing is not None:
        return existing
    progress = await progress_of(conn, user.id, course["id"])
    if not progress.completed:
        return None
    row = None
    while row is None:  # a new code on the (astronomically rare) collision
        try:
            async with conn.transaction():
                row = await repository.insert_certificate(
                    conn,
                    user_id=user.id,
                    course_id=course["id"],
                    code=new_certificate_code(),
                    student_name=user.display_name[:80],
                    course_title=course["title"],
                    teacher_name=course["teacher_name"][:80],
                )
        except asyncpg.UniqueViolationError:
            continue
        if row is None:  # issued meanwhile by a concurrent request
            return await repository.get_certificate_of(conn, user.id, course["id"])
    await notify(
        conn,
        user.id,
        "certificate",
        "Ditt kursintyg är klart",
        f"Grattis! Du har slutfört kursen {course['title']}. Ladda ner ditt kursintyg.",
        link=f"/certificates/{row['id']}.pdf",
        data={
            "course_id": str(course["id"]),
            "certificate_id": str(row["id"]),
            "code": row["code"],
        },
    )
    return row


def to_certificate(row: Any, base_url: str) -> CertificateOut:
    return CertificateOut(
        id=row["id"],
        course_id=row["course_id"],
        code=row["code"],
        student_name=row["student_name"],
        course_title=row["course_title"],
        teacher_name=row["teacher_name"],
        issued_at=row["issued_at"],
        pdf_url=f"/certificates/{row['id']}.pdf",
        verify_url=verify_url(base_url, row["code"]),
    )


def verify_url(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/certificates/verify/{code}"


async def own_certificate(conn: Connection, certificate_id: uuid.UUID, user: AuthUser) -> Any:
    """A certificate for its student (and admins); 404 for everyone else."""
    row = await repository.get_certificate(conn, certificate_id)
    if row is None or (row["user_id"] != user.id and not user.is_admin):
        raise NotFound("No such certificate", code="certificate_not_found")
    return row


async def verify_certificate(conn: Connection, code: str) -> CertificateVerification:
    row = await repository.get_certificate_by_code(conn, code.strip().upper())
    if row is None:
        raise NotFound("No certificate has this code", code="certificate_not_found")
    return CertificateVerification(
        valid=True,
        code=row["code"],
        student_name=row["student_name"],
        course_title=row["course_title"],
        teacher_name=row["teacher_name"],
        issued_at=row["issued_at"],
    )


async def is_enrolled_with_teacher(
    conn: Connection, student_id: uuid.UUID, teacher_id: uuid.UUID
) -> bool:
    """Whether the student is enrolled in any course of the teacher (messages use it: a
    teacher's students may write to them)."""
    return await repository.enrolled_with_teacher(conn, student_id, teacher_id)


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    """Enrollments, progress, quiz attempts, certificates, and the courses the user teaches."""
    return await repository.export_rows(conn, user_id)


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    """Forget the user's learning; the courses they teach are archived (students who bought
    them keep reading them), under the anonymised profile."""
    await repository.delete_learning_of_user(conn, user_id)
    await repository.archive_courses_of_teacher(conn, user_id)


async def orders_backing_enrollments(
    conn: Connection, order_ids: list[uuid.UUID]
) -> set[uuid.UUID]:
    """Of these orders, those a bought course's enrollment still rests on."""
    if not order_ids:
        return set()
    return await repository.orders_with_purchase_enrollments(conn, order_ids)
