"""Courses for students: the catalogue, enrollment, lessons, quizzes, progress ("Mina kurser")
and certificates. The studio's endpoints are in studio_router.py."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from app.courses import service
from app.courses.certificate_pdf import render_certificate
from app.courses.schemas import (
    Access,
    Certificate,
    CertificateVerification,
    CourseDetail,
    CourseFilters,
    CourseSummary,
    Enrollment,
    FreeConsumed,
    LessonContent,
    LessonSummary,
    ModuleSummary,
    MyCourse,
    Progress,
    QuizPublic,
    QuizResult,
    QuizSubmission,
)
from app.courses.studio_router import router as studio_router
from app.courses.verify_page import verification_html
from app.db import Conn
from app.htmlpages import HTMLPage
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from app.querymodel import query_model
from app.responses import RawJSONResponse
from app.security import AppSettings, CurrentUser, OptionalUser

router = APIRouter(tags=["courses"])
router.include_router(studio_router)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]


course_filters, COURSE_FILTERS_DOC = query_model(CourseFilters)


# Fixed paths first: /courses/{course_id} would otherwise claim them.
@router.get(
    "/courses",
    response_model=Page[CourseSummary],
    response_class=RawJSONResponse,
    openapi_extra=COURSE_FILTERS_DOC,
)
async def list_courses(
    conn: Conn, filters: Annotated[CourseFilters, Depends(course_filters)]
) -> RawJSONResponse:
    query = service.catalogue_query(
        teacher_id=filters.teacher,
        level=filters.level,
        price=filters.price,
        intro=filters.intro,
        text=filters.q,
        cursor=filters.cursor,
        limit=filters.limit,
        category=filters.category,
    )
    return RawJSONResponse(await service.catalogue_json(conn, query))


@router.get(
    "/courses/intro-first", response_model=Page[CourseSummary], response_class=RawJSONResponse
)
async def intro_first(
    conn: Conn, cursor: str | None = None, limit: Limit = DEFAULT_LIMIT
) -> RawJSONResponse:
    return RawJSONResponse(await service.intro_first_json(conn, cursor=cursor, limit=limit))


@router.get("/courses/free-consumed", response_model=FreeConsumed)
async def free_consumed(conn: Conn, user: CurrentUser) -> FreeConsumed:
    return await service.free_consumed(conn, user.id)


@router.get("/courses/modules/{module_id}/lessons", response_model=list[LessonSummary])
async def module_lessons(
    module_id: uuid.UUID, conn: Conn, user: OptionalUser
) -> list[LessonSummary]:
    return await service.list_module_lessons(conn, module_id, user)


@router.get("/courses/{course_id}", response_model=CourseDetail)
async def get_course(course_id: uuid.UUID, conn: Conn, user: OptionalUser) -> CourseDetail:
    return await service.course_detail(conn, course_id, user)


@router.get("/courses/{course_id}/modules", response_model=list[ModuleSummary])
async def course_modules(
    course_id: uuid.UUID, conn: Conn, user: OptionalUser
) -> list[ModuleSummary]:
    return await service.list_modules(conn, course_id, user)


@router.post(
    "/courses/{course_id}/enroll",
    response_model=Enrollment,
    status_code=201,
    responses={200: {"description": "Already enrolled: the existing enrollment"}},
)
async def enroll(
    course_id: uuid.UUID, conn: Conn, user: CurrentUser, response: Response
) -> Enrollment:
    enrollment, created = await service.enroll_free(conn, course_id, user)
    if not created:
        response.status_code = 200
    return enrollment


@router.get("/courses/{course_id}/enrollment", response_model=Enrollment)
async def get_enrollment(course_id: uuid.UUID, conn: Conn, user: CurrentUser) -> Enrollment:
    return await service.get_enrollment(conn, course_id, user)


@router.delete("/courses/{course_id}/enrollment", status_code=204)
async def leave_course(course_id: uuid.UUID, conn: Conn, user: CurrentUser) -> Response:
    await service.leave_course(conn, course_id, user)
    return Response(status_code=204)


@router.get("/courses/{course_id}/access", response_model=Access)
async def course_access(course_id: uuid.UUID, conn: Conn, user: OptionalUser) -> Access:
    return await service.course_access(conn, course_id, user)


@router.get("/courses/{course_id}/progress", response_model=Progress)
async def course_progress(course_id: uuid.UUID, conn: Conn, user: CurrentUser) -> Progress:
    return await service.course_progress(conn, course_id, user)


@router.get("/me/courses", response_model=Page[MyCourse])
async def my_courses(
    conn: Conn, user: CurrentUser, cursor: str | None = None, limit: Limit = DEFAULT_LIMIT
) -> Page[MyCourse]:
    return await service.my_courses(conn, user, cursor, limit)


@router.get("/lessons/{lesson_id}", response_model=LessonContent)
async def read_lesson(lesson_id: uuid.UUID, conn: Conn, user: CurrentUser) -> LessonContent:
    return await service.read_lesson(conn, lesson_id, user)


@router.post("/lessons/{lesson_id}/complete", response_model=Progress)
async def complete_lesson(lesson_id: uuid.UUID, conn: Conn, user: CurrentUser) -> Progress:
    return await service.complete_lesson(conn, lesson_id, user)


@router.get("/quizzes/{quiz_id}", response_model=QuizPublic)
async def read_quiz(quiz_id: uuid.UUID, conn: Conn, user: CurrentUser) -> QuizPublic:
    return await service.read_quiz(conn, quiz_id, user)


@router.post("/quizzes/{quiz_id}/submit", response_model=QuizResult)
async def submit_quiz(
    quiz_id: uuid.UUID, body: QuizSubmission, conn: Conn, user: CurrentUser
) -> QuizResult:
    return await service.submit_quiz(conn, quiz_id, user, body)


@router.get(
    "/certificates/verify/{code}",
    response_model=CertificateVerification,
    responses={200: {"content": {"text/html": {}}}},
)
async def verify_certificate(code: str, request: Request, conn: Conn) -> Response:
    """JSON for apps; a small HTML page when a browser opens the link printed on the PDF."""
    found = await service.verify_certificate(conn, code)
    if "text/html" in request.headers.get("accept", ""):
        return HTMLPage(verification_html(found))
    return Response(found.model_dump_json(), media_type="application/json")


@router.get(
    "/certificates/{certificate_id}.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def certificate_pdf(
    certificate_id: uuid.UUID, conn: Conn, user: CurrentUser, settings: AppSettings
) -> Response:
    row = await service.own_certificate(conn, certificate_id, user)
    pdf = render_certificate(row, service.verify_url(settings.api_base_url, row["code"]))
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="kursintyg-{row["code"]}.pdf"'},
    )


@router.get("/certificates/{certificate_id}", response_model=Certificate)
async def get_certificate(
    certificate_id: uuid.UUID, conn: Conn, user: CurrentUser, settings: AppSettings
) -> Certificate:
    row = await service.own_certificate(conn, certificate_id, user)
    return service.to_certificate(row, settings.api_base_url)
