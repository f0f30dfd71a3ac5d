"""Teachers: the public directory and profiles, applying to teach, certifications."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.db import Conn
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from app.security import CurrentUser, TeacherUser
from app.teachers import service
from app.teachers.schemas import (
    Application,
    ApplicationCreate,
    Certification,
    CertificationCreate,
    TeacherCard,
    TeacherProfile,
)

router = APIRouter(tags=["teachers"])
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]


@router.get("/teachers", response_model=Page[TeacherCard])
async def list_teachers(
    conn: Conn,
    q: Annotated[str | None, Query(max_length=100, description="search in name and bio")] = None,
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[TeacherCard]:
    return await service.list_teachers(conn, query=q, cursor=cursor, limit=limit)


@router.get("/teachers/me/certifications", response_model=list[Certification])
async def my_certifications(conn: Conn, teacher: TeacherUser) -> list[Certification]:
    return await service.my_certifications(conn, teacher.id)


@router.post("/teachers/me/certifications", status_code=201, response_model=Certification)
async def add_certification(
    body: CertificationCreate, conn: Conn, teacher: TeacherUser
) -> Certification:
    return await service.add_certification(
        conn,
        teacher,
        title=body.title,
        issuer=body.issuer,
        year=body.year,
        document_media_id=body.document_media_id,
    )


@router.delete(
    "/teachers/me/certifications/{certification_id}", status_code=204, response_class=Response
)
async def delete_certification(
    certification_id: uuid.UUID, conn: Conn, teacher: TeacherUser
) -> Response:
    await service.delete_certification(conn, teacher, certification_id)
    return Response(status_code=204)


@router.get("/teachers/{teacher_id}", response_model=TeacherProfile)
async def get_teacher(teacher_id: uuid.UUID, conn: Conn) -> TeacherProfile:
    return await service.get_teacher(conn, teacher_id)


@router.post("/teacher-applications", status_code=201, response_model=Application)
async def apply(body: ApplicationCreate, conn: Conn, user: CurrentUser) -> Application:
    return await service.apply(conn, user, motivation=body.motivation, credentials=body.credentials)


@router.get("/teacher-applications/mine", response_model=list[Application])
async def my_applications(conn: Conn, user: CurrentUser) -> list[Application]:
    return await service.my_applications(conn, user.id)
