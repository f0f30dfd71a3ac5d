"""Reviews: a buyer with a paid order of a service reviews it once (1-5 and a text) and may
edit the review later; anyone reads a service's reviews with their average."""

import uuid
from datetime import datetime
from typing import Any

from app.db import Connection
from app.errors import BadRequest, Conflict, Forbidden, NotFound
from app.feed.service import record_activity
from app.orders.service import paid_order_for_service
from app.pagination import decode_cursor, encode_cursor, split_page
from app.reviews import repository
from app.reviews.schemas import ReviewCreate, ReviewOut, ReviewPage, ReviewUpdate
from app.security import AuthUser
from app.services.service import get_service


async def post_review(
    conn: Connection, service_id: uuid.UUID, author: AuthUser, body: ReviewCreate
) -> ReviewOut:
    service = await get_service(conn, service_id, author)
    order_id = await paid_order_for_service(conn, author.id, service_id)
    if order_id is None:
        raise Forbidden("Only buyers with a paid order can review", code="no_paid_order")
    review_id = await repository.insert_review(
        conn,
        order_id=order_id,
        service_id=service_id,
        author_id=author.id,
        rating=body.rating,
        body=body.body,
    )
    if review_id is None:
        raise Conflict("You have reviewed this service already", code="already_reviewed")
    await record_activity(
        conn,
        actor_id=author.id,
        kind="review_posted",
        subject_type="review",
        subject_id=review_id,
        subject_title=service.title,
        summary=f"{body.rating}/5 {body.body}"[:1000],
    )
    return await _load(conn, review_id)


async def _load(conn: Connection, review_id: uuid.UUID) -> ReviewOut:
    row = await repository.get_review(conn, review_id)
    if row is None:
        raise NotFound("No such review")
    return ReviewOut(**dict(row))


async def edit_review(
    conn: Connection,
    service_id: uuid.UUID,
    review_id: uuid.UUID,
    author: AuthUser,
    body: ReviewUpdate,
) -> ReviewOut:
    review = await _load(conn, review_id)
    if review.service_id != service_id:
        raise NotFound("No such review")
    if review.author_id != author.id:
        raise Forbidden("Only its author can edit a review", code="not_author")
    await repository.update_review(conn, review_id, body.rating, body.body)
    return await _load(conn, review_id)


def _after_key(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    try:
        return datetime.fromisoformat(str(key["t"])), uuid.UUID(str(key["id"]))
    except (KeyError, ValueError) as exc:
        raise BadRequest("Invalid cursor", code="invalid_cursor") from exc


async def list_reviews(
    conn: Connection,
    service_id: uuid.UUID,
    viewer: AuthUser | None,
    cursor: str | None,
    limit: int,
) -> ReviewPage:
    await get_service(conn, service_id, viewer)
    stats = await repository.summary(conn, service_id)
    rows = await repository.page(conn, service_id, _after_key(cursor), limit + 1)
    items, more = split_page(rows, limit)
    reviews = [ReviewOut(**dict(r)) for r in items]
    next_cursor = (
        encode_cursor({"t": reviews[-1].created_at.isoformat(), "id": str(reviews[-1].id)})
        if more
        else None
    )
    return ReviewPage(
        average=stats["average"], count=stats["count"], items=reviews, next_cursor=next_cursor
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    return {"service_reviews": await repository.export_rows(conn, user_id)}


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    await repository.delete_of_author(conn, user_id)
