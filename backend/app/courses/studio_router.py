"""The teacher's studio: create and edit courses, modules, lessons and quizzes, reorder,
publish. Teachers for their own courses, admins for every course; students get 403."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.courses import studio
from app.courses.schemas import (
    CourseCreate,
    CourseDetail,
    CourseOrder,
    CourseSummary,
    CourseUpdate,
    LessonCreate,
    LessonUpdate,
    LinkTarget,
    ModuleCreate,
    ModuleSummary,
    ModuleUpdate,
    QuizIn,
    QuizStudio,
    StudioLesson,
)
from app.db import Conn
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from app.security import TeacherUser

router = APIRouter(prefix="/studio", tags=["studio"])


@router.get("/courses", response_model=Page[CourseSummary])
async def list_courses(
    conn: Conn,
    user: TeacherUser,
    teacher_id: uuid.UUID | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[CourseSummary]:
    return await studio.list_courses(conn, user, teacher_id, cursor, limit)


@router.post("/courses", response_model=CourseDetail, status_code=201)
async def create_course(body: CourseCreate, conn: Conn, user: TeacherUser) -> CourseDetail:
    return await studio.create_course(conn, user, body)


@router.get("/courses/{course_id}", response_model=CourseDetail)
async def get_course(course_id: uuid.UUID, conn: Conn, user: TeacherUser) -> CourseDetail:
    return await studio.get_course(conn, course_id, user)


@router.get("/courses/{course_id}/link-targets", response_model=list[LinkTarget])
async def link_targets(course_id: uuid.UUID, conn: Conn, user: TeacherUser) -> list[LinkTarget]:
    """What the course's lessons may link to: its teacher's published courses, active services
    and seminars not yet over (`wisdom:<kind>/<id>` in a lesson's Markdown)."""
    return await studio.link_targets(conn, course_id, user)


@router.patch("/courses/{course_id}", response_model=CourseDetail)
async def update_course(
    course_id: uuid.UUID, body: CourseUpdate, conn: Conn, user: TeacherUser
) -> CourseDetail:
    return await studio.update_course(conn, course_id, user, body)


@router.delete("/courses/{course_id}", status_code=204)
async def delete_course(course_id: uuid.UUID, conn: Conn, user: TeacherUser) -> Response:
    await studio.delete_course(conn, course_id, user)
    return Response(status_code=204)


@router.post("/courses/{course_id}/publish", response_model=CourseDetail)
async def publish(course_id: uuid.UUID, conn: Conn, user: TeacherUser) -> CourseDetail:
    return await studio.publish_course(conn, course_id, user)


@router.post("/courses/{course_id}/unpublish", response_model=CourseDetail)
async def unpublish(course_id: uuid.UUID, conn: Conn, user: TeacherUser) -> CourseDetail:
    return await studio.unpublish_course(conn, course_id, user)


@router.put("/courses/{course_id}/order", response_model=CourseDetail)
async def reorder(
    course_id: uuid.UUID, body: CourseOrder, conn: Conn, user: TeacherUser
) -> CourseDetail:
    return await studio.reorder(conn, course_id, user, body)


@router.post("/courses/{course_id}/modules", response_model=ModuleSummary, status_code=201)
async def create_module(
    course_id: uuid.UUID, body: ModuleCreate, conn: Conn, user: TeacherUser
) -> ModuleSummary:
    return await studio.create_module(conn, course_id, user, body)


@router.patch("/modules/{module_id}", response_model=ModuleSummary)
async def update_module(
    module_id: uuid.UUID, body: ModuleUpdate, conn: Conn, user: TeacherUser
) -> ModuleSummary:
    return await studio.update_module(conn, module_id, user, body)


@router.delete("/modules/{module_id}", status_code=204)
async def delete_module(module_id: uuid.UUID, conn: Conn, user: TeacherUser) -> Response:
    await studio.delete_module(conn, module_id, user)
    return Response(status_code=204)


@router.post("/modules/{module_id}/lessons", response_model=StudioLesson, status_code=201)
async def create_lesson(
    module_id: uuid.UUID, body: LessonCreate, conn: Conn, user: TeacherUser
) -> StudioLesson:
    return await studio.create_lesson(conn, module_id, user, body)


@router.get("/lessons/{lesson_id}", response_model=StudioLesson)
async def get_lesson(lesson_id: uuid.UUID, conn: Conn, user: TeacherUser) -> StudioLesson:
    return await studio.get_lesson(conn, lesson_id, user)


@router.patch("/lessons/{lesson_id}", response_model=StudioLesson)
async def update_lesson(
    lesson_id: uuid.UUID, body: LessonUpdate, conn: Conn, user: TeacherUser
) -> StudioLesson:
    return await studio.update_lesson(conn, lesson_id, user, body)


@router.delete("/lessons/{lesson_id}", status_code=204)
async def delete_lesson(lesson_id: uuid.UUID, conn: Conn, user: TeacherUser) -> Response:
    await studio.delete_lesson(conn, lesson_id, user)
    return Response(status_code=204)


@router.get("/lessons/{lesson_id}/quiz", response_model=QuizStudio)
async def get_quiz(lesson_id: uuid.UUID, conn: Conn, user: TeacherUser) -> QuizStudio:
    return await studio.get_quiz(conn, lesson_id, user)


@router.put("/lessons/{lesson_id}/quiz", response_model=QuizStudio)
async def put_quiz(lesson_id: uuid.UUID, body: QuizIn, conn: Conn, user: TeacherUser) -> QuizStudio:
    return await studio.put_quiz(conn, lesson_id, user, body)


@router.delete("/lessons/{lesson_id}/quiz", status_code=204)
async def delete_quiz(lesson_id: uuid.UUID, conn: Conn, user: TeacherUser) -> Response:
    await studio.delete_quiz(conn, lesson_id, user)
    return Response(status_code=204)
