"""Services: the marketplace's catalogue and a teacher's own services."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status

from app.db import Conn
from app.querymodel import query_model
from app.responses import RawJSONResponse
from app.security import CurrentUser, OptionalUser, TeacherUser
from app.services import service
from app.services.schemas import (
    ServiceCreate,
    ServiceFilters,
    ServiceOut,
    ServicePage,
    ServiceUpdate,
)

router = APIRouter(tags=["services"])


@router.post("/services", response_model=ServiceOut, status_code=status.HTTP_201_CREATED)
async def create_service(body: ServiceCreate, conn: Conn, teacher: TeacherUser) -> ServiceOut:
    return await service.create_service(conn, teacher, body)


service_filters, SERVICE_FILTERS_DOC = query_model(ServiceFilters)


@router.get(
    "/services",
    response_model=ServicePage,
    response_class=RawJSONResponse,
    openapi_extra=SERVICE_FILTERS_DOC,
)
async def list_services(
    conn: Conn,
    viewer: OptionalUser,
    filters: Annotated[ServiceFilters, Depends(service_filters)],
) -> RawJSONResponse:
    query = service.catalogue_query(
        viewer,
        status=filters.status,
        teacher_id=filters.teacher_id,
        kind=filters.kind,
        delivery=filters.delivery,
        min_price=filters.min_price,
        max_price=filters.max_price,
        text=filters.q,
        cursor=filters.cursor,
        limit=filters.limit,
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
