"""Services: teachers create, edit, publish and archive what they sell; anyone browses the
active ones. Drafts are visible only to their teacher and admins."""

import uuid
from datetime import datetime
from typing import Any

from app import sqljson
from app.db import Connection
from app.errors import BadRequest, Forbidden, NotFound, Unauthorized, Unprocessable
from app.feed.service import record_activity
from app.pagination import decode_cursor, encode_cursor, split_page
from app.security import AuthUser
from app.services import repository
from app.services.schemas import ServiceCreate, ServiceOut, ServicePage, ServiceUpdate


def _can_manage(user: AuthUser | None, teacher_id: uuid.UUID) -> bool:
    return user is not None and (user.is_admin or user.id == teacher_id)


async def create_service(conn: Connection, teacher: AuthUser, body: ServiceCreate) -> ServiceOut:
    service_id = await repository.insert_service(
        conn,
        teacher_id=teacher.id,
        title=body.title.strip(),
        description=body.description,
        kind=body.kind,
        duration_minutes=body.duration_minutes,
        delivery=body.delivery,
        price_cents=body.price_cents,
        currency=body.currency,
    )
    return await _load(conn, service_id)


async def _load(conn: Connection, service_id: uuid.UUID) -> ServiceOut:
    row = await repository.get_service(conn, service_id)
    if row is None:
        raise NotFound("No such service")
    return ServiceOut(**dict(row))


async def get_service(
    conn: Connection, service_id: uuid.UUID, viewer: AuthUser | None
) -> ServiceOut:
    """A service as the viewer may see it: drafts only for their teacher and admins (404 else)."""
    service = await _load(conn, service_id)
    if service.status == "draft" and not _can_manage(viewer, service.teacher_id):
        raise NotFound("No such service")
    return service


async def _lock_managed(conn: Connection, service_id: uuid.UUID, user: AuthUser) -> Any:
    row = await repository.lock_service(conn, service_id)
    if row is None:
        raise NotFound("No such service")
    if not _can_manage(user, row["teacher_id"]):
        if row["status"] == "draft":
            raise NotFound("No such service")
        raise Forbidden("Only the service's teacher can change it", code="not_owner")
    return row


async def update_service(
    conn: Connection, service_id: uuid.UUID, user: AuthUser, body: ServiceUpdate
) -> ServiceOut:
    await _lock_managed(conn, service_id, user)
    await repository.update_fields(
        conn,
        service_id,
        title=body.title.strip() if body.title is not None else None,
        description=body.description,
        kind=body.kind,
        duration_minutes=body.duration_minutes,
        delivery=body.delivery,
        price_cents=body.price_cents,
    )
    return await _load(conn, service_id)


async def publish_service(conn: Connection, service_id: uuid.UUID, user: AuthUser) -> ServiceOut:
    """Make a draft (or an archived service) active. The first publication goes to the feed."""
    row = await _lock_managed(conn, service_id, user)
    if row["status"] != "active":
        await repository.set_status(conn, service_id, "active")
    service = await _load(conn, service_id)
    if row["published_at"] is None:
        await record_activity(
            conn,
            actor_id=service.teacher_id,
            kind="service_published",
            subject_type="service",
            subject_id=service.id,
            subject_title=service.title,
            summary=service.description[:300],
        )
    return service


async def set_package_terms(
    conn: Connection,
    service_id: uuid.UUID,
    user: AuthUser,
    sessions_count: int,
    valid_months: int,
) -> ServiceOut:
    """N sessions valid for M months on the teacher's own service of kind package (the bookings
    domain sells and uses them; orders already placed keep the terms they were placed with)."""
    await _lock_managed(conn, service_id, user)
    if (await _load(conn, service_id)).kind != "package":
        raise Unprocessable(
            "Only a service of kind package has package terms", code="not_a_package"
        )
    await repository.set_package_terms(conn, service_id, sessions_count, valid_months)
    return await _load(conn, service_id)


async def archive_service(conn: Connection, service_id: uuid.UUID, user: AuthUser) -> ServiceOut:
    """Archived services stay readable (old orders point at them) but cannot be bought."""
    row = await _lock_managed(conn, service_id, user)
    if row["status"] != "archived":
        await repository.set_status(conn, service_id, "archived")
    return await _load(conn, service_id)


def _like_pattern(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _after_key(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    try:
        return datetime.fromisoformat(str(key["t"])), uuid.UUID(str(key["id"]))
    except (KeyError, ValueError) as exc:
        raise BadRequest("Invalid cursor", code="invalid_cursor") from exc


def catalogue_query(
    viewer: AuthUser | None,
    *,
    status: str,
    teacher_id: uuid.UUID | None,
    kind: str | None,
    delivery: str | None,
    min_price: int | None,
    max_price: int | None,
    text: str | None,
    cursor: str | None,
    limit: int,
) -> repository.CatalogueQuery:
    """Active services for everyone; drafts and archived ones only for their own teacher (an
    admin sees all of them)."""
    if min_price is not None and max_price is not None and min_price > max_price:
        raise Unprocessable("min_price must not exceed max_price", code="invalid_price_range")
    if status != "active":
        if viewer is None:
            raise Unauthorized("Sign in to list drafts or archived services")
        if not viewer.is_admin:
            if teacher_id is not None and teacher_id != viewer.id:
                raise Forbidden("You can only list your own drafts and archived services")
            teacher_id = viewer.id
    return repository.CatalogueQuery(
        status=status,
        teacher_id=teacher_id,
        kind=kind,
        delivery=delivery,
        min_price=min_price,
        max_price=max_price,
        text_pattern=_like_pattern(text),
        after=_after_key(cursor),
        limit=limit,
    )


def _next_cursor(created_at: datetime, service_id: uuid.UUID) -> str:
    return encode_cursor({"t": created_at.isoformat(), "id": str(service_id)})


async def list_services(conn: Connection, query: repository.CatalogueQuery) -> ServicePage:
    """A catalogue page as models (a teacher's profile page); GET /services sends
    list_services_json's bytes, the same JSON."""
    page, more = split_page(await repository.list_services(conn, query), query.limit)
    items = [ServiceOut(**dict(r)) for r in page]
    next_cursor = _next_cursor(items[-1].created_at, items[-1].id) if more else None
    return ServicePage(items=items, next_cursor=next_cursor)


async def list_services_json(conn: Connection, query: repository.CatalogueQuery) -> bytes:
    """GET /services: a ServicePage as JSON bytes built by PostgreSQL, byte for byte what
    FastAPI writes for list_services' model."""
    row = await repository.services_page_json(conn, query)
    next_cursor = _next_cursor(row["last_time"], row["last_id"]) if row["has_more"] else None
    return sqljson.page_json(row["items"], next_cursor)


async def get_for_order(conn: Connection, service_id: uuid.UUID) -> ServiceOut | None:
    """The service as an order sees it (any status); None when it does not exist."""
    row = await repository.get_service(conn, service_id)
    return ServiceOut(**dict(row)) if row else None


# get_for_order's query (one row or none, the service's id as $1), for a domain that reads more
# with it in one statement: it selects from it as a subquery and reads the service's columns of
# its row with for_order_of().
FOR_ORDER_SQL = repository.SERVICE_BY_ID


def for_order_of(row: Any) -> ServiceOut:
    """The service of a row that holds FOR_ORDER_SQL's columns (and any others)."""
    return ServiceOut(**{name: row[name] for name in ServiceOut.model_fields})


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    return {"services": await repository.export_rows(conn, user_id)}


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    """The teacher's services are archived (orders keep pointing at them)."""
    await repository.archive_of_teacher(conn, user_id)
