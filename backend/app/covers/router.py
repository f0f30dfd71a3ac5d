"""PUT /courses/{id}/cover, /services/{id}/cover, /seminars/{id}/cover: set or remove a cover."""

import uuid

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from app.covers import service
from app.db import Conn
from app.security import TeacherUser

router = APIRouter(tags=["covers"])


class CoverIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # A picture uploaded with POST /media?purpose=cover by the item's owner; null removes it.
    media_id: uuid.UUID | None


class CoverOut(BaseModel):
    cover_media_id: uuid.UUID | None


@router.put("/courses/{course_id}/cover", response_model=CoverOut)
async def set_course_cover(
    course_id: uuid.UUID, body: CoverIn, conn: Conn, user: TeacherUser
) -> CoverOut:
    return CoverOut(
        cover_media_id=await service.set_cover(conn, "courses", course_id, user, body.media_id)
    )


@router.put("/services/{service_id}/cover", response_model=CoverOut)
async def set_service_cover(
    service_id: uuid.UUID, body: CoverIn, conn: Conn, user: TeacherUser
) -> CoverOut:
    return CoverOut(
        cover_media_id=await service.set_cover(conn, "services", service_id, user, body.media_id)
    )


@router.put("/seminars/{seminar_id}/cover", response_model=CoverOut)
async def set_seminar_cover(
    seminar_id: uuid.UUID, body: CoverIn, conn: Conn, user: TeacherUser
) -> CoverOut:
    return CoverOut(
        cover_media_id=await service.set_cover(conn, "seminars", seminar_id, user, body.media_id)
    )
