"""Teachers: the public directory and profile pages, applications to teach (and their review)
and certifications (and their verification)."""

import uuid
from datetime import UTC, datetime
from typing import Any

from app.audit.service import record
from app.courses import service as courses
from app.db import Connection
from app.errors import BadRequest, Conflict, NotFound, Unprocessable
from app.feed.service import record_activity
from app.media import service as media
from app.notifications.service import notify
from app.pagination import Page, decode_cursor, encode_cursor, split_page
from app.profiles import service as profiles
from app.profiles.schemas import TeacherCard
from app.security import AuthUser
from app.seminars import service as seminars
from app.services import service as services
from app.teachers import repository
from app.teachers.schemas import (
    Applicant,
    Application,
    ApplicationForReview,
    Certification,
    CertificationForReview,
    PublicCertification,
    TeacherProfile,
    application_fields,
    certification_fields,
)

# How many services, courses and seminars a teacher's public page shows of each.
PROFILE_LIST_LIMIT = 20
# What a certification's document may be: a photo or scan, or a PDF.
DOCUMENT_TYPES = (*media.AVATAR_TYPES, "application/pdf")


def _queue_cursor(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    try:
        return datetime.fromisoformat(key["c"]), uuid.UUID(key["i"])
    except (KeyError, TypeError, ValueError) as exc:
        raise BadRequest("Invalid cursor", code="invalid_cursor") from exc


def _next_cursor(page: list[Any], more: bool) -> str | None:
    if not more:
        return None
    return encode_cursor({"c": page[-1]["created_at"].isoformat(), "i": str(page[-1]["id"])})


# --- the directory -------------------------------------------------------------------------


async def list_teachers(
    conn: Connection, *, query: str | None, cursor: str | None, limit: int
) -> Page[TeacherCard]:
    return await profiles.list_teachers(conn, query=query, cursor=cursor, limit=limit)


async def get_teacher(conn: Connection, teacher_id: uuid.UUID) -> TeacherProfile:
    row = await profiles.get_row(conn, teacher_id)
    if row is None or row["role"] != "teacher" or row["disabled_at"] is not None:
        raise NotFound("No such teacher", code="teacher_not_found")
    certifications = [
        PublicCertification(
            id=c["id"],
            title=c["title"],
            issuer=c["issuer"],
            year=c["year"],
            document_media_id=c["document_media_id"],
            verified_at=c["reviewed_at"],
        )
        for c in await repository.certifications_of(conn, teacher_id, verified_only=True)
    ]
    offered_services = await services.list_services(
        conn,
        services.catalogue_query(
            None,
            status="active",
            teacher_id=teacher_id,
            kind=None,
            delivery=None,
            min_price=None,
            max_price=None,
            text=None,
            cursor=None,
            limit=PROFILE_LIST_LIMIT,
        ),
    )
    offered_courses = await courses.list_catalogue(
        conn,
        courses.catalogue_query(
            teacher_id=teacher_id,
            level=None,
            price=None,
            intro=None,
            text=None,
            cursor=None,
            limit=PROFILE_LIST_LIMIT,
        ),
    )
    upcoming = await seminars.list_seminars(
        conn,
        teacher_id=teacher_id,
        free=None,
        starts_from=None,
        cursor=None,
        limit=PROFILE_LIST_LIMIT,
    )
    return TeacherProfile(
        id=row["user_id"],
        display_name=row["display_name"],
        bio=row["bio"],
        avatar_media_id=row["avatar_media_id"],
        certifications=certifications,
        services=offered_services.items,
        courses=offered_courses.items,
        seminars=upcoming.items,
    )


# --- applications --------------------------------------------------------------------------


async def apply(
    conn: Connection, user: AuthUser, *, motivation: str, credentials: str
) -> Application:
    if user.role != "student":
        raise Conflict("You are already a teacher", code="already_teacher")
    row = await repository.insert_application(conn, user.id, motivation, credentials)
    if row is None:
        raise Conflict(
            "You already have an application waiting for review", code="application_pending"
        )
    return Application(**application_fields(row))


async def my_applications(conn: Connection, user_id: uuid.UUID) -> list[Application]:
    return [
        Application(**application_fields(r))
        for r in await repository.applications_of(conn, user_id)
    ]


async def _for_review(conn: Connection, rows: list[Any]) -> list[ApplicationForReview]:
    people = await profiles.get_rows(conn, [r["user_id"] for r in rows])
    items = []
    for r in rows:
        p = people[r["user_id"]]
        applicant = Applicant(
            id=p["user_id"], display_name=p["display_name"], email=p["email"], role=p["role"]
        )
        items.append(
            ApplicationForReview(
                **application_fields(r), applicant=applicant, reviewed_by=r["reviewed_by"]
            )
        )
    return items


async def list_applications(
    conn: Connection, *, status: str | None, cursor: str | None, limit: int
) -> Page[ApplicationForReview]:
    rows = await repository.list_applications(
        conn, status=status, after=_queue_cursor(cursor), limit=limit + 1
    )
    page, more = split_page(rows, limit)
    return Page[ApplicationForReview](
        items=await _for_review(conn, page), next_cursor=_next_cursor(page, more)
    )


async def _lock_pending_application(conn: Connection, application_id: uuid.UUID) -> Any:
    row = await repository.lock_application(conn, application_id)
    if row is None:
        raise NotFound("No such application", code="application_not_found")
    if row["status"] != "pending":
        raise Conflict(f"This application was already {row['status']}", code="application_closed")
    return row


async def approve_application(
    conn: Connection, admin: AuthUser, application_id: uuid.UUID, ip: str | None
) -> ApplicationForReview:
    """Approve: the applicant becomes a teacher, the feed says so, the applicant is told."""
    application = await _lock_pending_application(conn, application_id)
    user_id = application["user_id"]
    applicant = await profiles.lock_row(conn, user_id)
    row = await repository.decide_application(conn, application_id, "approved", admin.id, "")
    new_role = "teacher" if applicant["role"] == "student" else applicant["role"]
    if new_role != applicant["role"]:
        await profiles.set_role(conn, user_id, new_role)
    name = applicant["display_name"]
    await record_activity(
        conn,
        actor_id=user_id,
        kind="teacher_approved",
        subject_type="profile",
        subject_id=user_id,
        subject_title=name,
        summary=f"{name} är ny lärare på Wisdom.",
    )
    await notify(
        conn,
        user_id,
        "teacher_approved",
        "Din läraransökan är godkänd",
        "Välkommen som lärare på Wisdom! Nu kan du skapa kurser, tjänster och seminarier.",
        link=f"/teachers/{user_id}",
        data={"application_id": str(application_id)},
    )
    await record(
        conn,
        "teacher_application.approve",
        actor_id=admin.id,
        subject_user_id=user_id,
        object_type="teacher_application",
        object_id=str(application_id),
        ip=ip,
        meta={"role_from": applicant["role"], "role_to": new_role},
    )
    return (await _for_review(conn, [row]))[0]


async def reject_application(
    conn: Connection, admin: AuthUser, application_id: uuid.UUID, reason: str, ip: str | None
) -> ApplicationForReview:
    application = await _lock_pending_application(conn, application_id)
    user_id = application["user_id"]
    row = await repository.decide_application(conn, application_id, "rejected", admin.id, reason)
    await notify(
        conn,
        user_id,
        "teacher_rejected",
        "Din läraransökan blev inte godkänd",
        reason,
        link="/teacher-applications/mine",
        data={"application_id": str(application_id)},
    )
    await record(
        conn,
        "teacher_application.reject",
        actor_id=admin.id,
        subject_user_id=user_id,
        object_type="teacher_application",
        object_id=str(application_id),
        ip=ip,
        meta={"reason": reason},
    )
    return (await _for_review(conn, [row]))[0]


# --- certifications ------------------------------------------------------------------------


async def add_certification(
    conn: Connection,
    teacher: AuthUser,
    *,
    title: str,
    issuer: str,
    year: int,
    document_media_id: uuid.UUID | None = None,
) -> Certification:
    if year > datetime.now(UTC).year:
        raise BadRequest("The year cannot be in the future", code="invalid_year")
    if document_media_id is not None:
        await _check_document(conn, document_media_id, teacher.id)
    row = await repository.insert_certification(
        conn, teacher.id, title, issuer, year, document_media_id
    )
    return Certification(**certification_fields(row))


async def _check_document(conn: Connection, media_id: uuid.UUID, teacher_id: uuid.UUID) -> None:
    """A certification's document is a picture or PDF the teacher uploaded themselves (someone
    else's file is refused as if unknown)."""
    found = await media.get_media(conn, media_id)
    if found is None or found.owner_id != teacher_id:
        raise Unprocessable("No such file of yours", code="document_not_found")
    if found.content_type not in DOCUMENT_TYPES:
        raise Unprocessable(
            "A certificate is a JPEG, PNG or WebP picture or a PDF", code="document_wrong_type"
        )


async def my_certifications(conn: Connection, teacher_id: uuid.UUID) -> list[Certification]:
    rows = await repository.certifications_of(conn, teacher_id, verified_only=False)
    return [Certification(**certification_fields(r)) for r in rows]


async def delete_certification(
    conn: Connection, teacher: AuthUser, certification_id: uuid.UUID
) -> None:
    if not await repository.delete_certification(conn, certification_id, teacher.id):
        raise NotFound("No such certification", code="certification_not_found")


async def _certifications_for_review(
    conn: Connection, rows: list[Any]
) -> list[CertificationForReview]:
    people = await profiles.get_rows(conn, [r["teacher_id"] for r in rows])
    return [
        CertificationForReview(
            **certification_fields(r),
            teacher_id=r["teacher_id"],
            teacher_display_name=people[r["teacher_id"]]["display_name"],
            reviewed_by=r["reviewed_by"],
        )
        for r in rows
    ]


async def list_certifications(
    conn: Connection, *, status: str | None, cursor: str | None, limit: int
) -> Page[CertificationForReview]:
    rows = await repository.list_certifications(
        conn, status=status, after=_queue_cursor(cursor), limit=limit + 1
    )
    page, more = split_page(rows, limit)
    return Page[CertificationForReview](
        items=await _certifications_for_review(conn, page), next_cursor=_next_cursor(page, more)
    )


async def review_certification(
    conn: Connection,
    admin: AuthUser,
    certification_id: uuid.UUID,
    *,
    verified: bool,
    reason: str,
    ip: str | None,
) -> CertificationForReview:
    row = await repository.lock_certification(conn, certification_id)
    if row is None:
        raise NotFound("No such certification", code="certification_not_found")
    if row["status"] != "pending":
        raise Conflict(
            f"This certification was already {row['status']}", code="certification_closed"
        )
    status = "verified" if verified else "rejected"
    row = await repository.decide_certification(
        conn, certification_id, status, admin.id, "" if verified else reason
    )
    await record(
        conn,
        "certification.verify" if verified else "certification.reject",
        actor_id=admin.id,
        subject_user_id=row["teacher_id"],
        object_type="teacher_certification",
        object_id=str(certification_id),
        ip=ip,
        meta={} if verified else {"reason": reason},
    )
    return (await _certifications_for_review(conn, [row]))[0]


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    return await repository.export_rows(conn, user_id)


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    await repository.delete_all_of_user(conn, user_id)
