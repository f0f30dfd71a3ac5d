"""Reviews of a service."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from app.db import Conn
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.reviews import service
from app.reviews.schemas import ReviewCreate, ReviewOut, ReviewPage, ReviewUpdate
from app.security import CurrentUser, OptionalUser

router = APIRouter(tags=["reviews"])


@router.get("/services/{service_id}/reviews", response_model=ReviewPage)
async def list_reviews(
    service_id: uuid.UUID,
    conn: Conn,
    viewer: OptionalUser,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> ReviewPage:
    return await service.list_reviews(conn, service_id, viewer, cursor, limit)


@router.post(
    "/services/{service_id}/reviews", response_model=ReviewOut, status_code=status.HTTP_201_CREATED
)
async def post_review(
    service_id: uuid.UUID, body: ReviewCreate, conn: Conn, user: CurrentUser
) -> ReviewOut:
    return await service.post_review(conn, service_id, user, body)


@router.patch("/services/{service_id}/reviews/{review_id}", response_model=ReviewOut)
async def edit_review(
    service_id: uuid.UUID, review_id: uuid.UUID, body: ReviewUpdate, conn: Conn, user: CurrentUser
) -> ReviewOut:
    return await service.edit_review(conn, service_id, review_id, user, body)
