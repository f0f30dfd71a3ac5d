"""Services: the marketplace's catalogue and a teacher's own services."""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, status

from app.db import Conn
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.responses import RawJSONResponse
from app.security import CurrentUser, OptionalUser, TeacherUser
from app.services import service
from app.services.schemas import (
    Delivery,
    ServiceCreate,
    ServiceKind,
    ServiceOut,
    ServicePage,
    ServiceUpdate,
)

router = APIRouter(tags=["services"])


@router.post("/services", response_model=ServiceOut, status_code=status.HTTP_201_CREATED)
async def create_service(body: ServiceCreate, conn: Conn, teacher: TeacherUser) -> ServiceOut:
    return await service.create_service(conn, teacher, body)


@router.get("/services", response_model=ServicePage, response_class=RawJSONResponse)
async def list_services(
    conn: Conn,
    viewer: OptionalUser,
    status: Literal["draft", "active", "archived"] = "active",
    teacher_id: uuid.UUID | None = None,
    kind: ServiceKind | None = None,
    delivery: Delivery | None = None,
    min_price: Annotated[int | None, Query(ge=0)] = None,
    max_price: Annotated[int | None, Query(ge=0)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> RawJSONResponse:
    query = service.catalogue_query(
        viewer,
        status=status,
        teacher_id=teacher_id,
        kind=kind,
        delivery=delivery,
        min_price=min_price,
        max_price=max_price,
        text=q,
        cursor=cursor,
        limit=limit,
    )
    return RawJSONResponse(await service.list_services_json(conn, query))


@router.get("/services/{service_id}", response_model=ServiceOut)
async def get_service(service_id: uuid.UUID, conn: Conn, viewer: OptionalUser) -> ServiceOut:
    return await service.get_service(conn, service_id, viewer)


@router.patch("/services/{service_id}", response_model=ServiceOut)
async def update_service(
    service_id: uuid.UUID, body: ServiceUpdate, conn: Conn, user: CurrentUser
) -> ServiceOut:
    return await service.update_service(conn, service_id, user, body)


@router.post("/services/{service_id}/publish", response_model=ServiceOut)
async def publish_service(service_id: uuid.UUID, conn: Conn, user: CurrentUser) -> ServiceOut:
    return await service.publish_service(conn, service_id, user)


@router.post("/services/{service_id}/archive", response_model=ServiceOut)
async def archive_service(service_id: uuid.UUID, conn: Conn, user: CurrentUser) -> ServiceOut:
    return await service.archive_service(conn, service_id, user)
