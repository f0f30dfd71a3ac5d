import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.courses.schemas import CourseSummary
from app.profiles.schemas import TeacherCard
from app.seminars.schemas import SeminarOut
from app.services.schemas import ServiceOut

ApplicationStatus = Literal["pending", "approved", "rejected"]
CertificationStatus = Literal["pending", "verified", "rejected"]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class ApplicationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    motivation: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=10, max_length=4000)
    ]
    # Training, years of practice, links: free text, optional.
    credentials: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = ""


class Application(BaseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    motivation: str
    credentials: str
    status: ApplicationStatus
    reject_reason: str
    reviewed_at: datetime | None
    created_at: datetime


class Applicant(BaseModel):
    id: uuid.UUID
    display_name: str
    email: str
    role: str


class ApplicationForReview(Application):
    """An application as admins see it: with the applicant and the reviewer."""

    applicant: Applicant
    reviewed_by: uuid.UUID | None


class RejectRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class CertificationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    issuer: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    year: int = Field(ge=1900, le=2100)
    # A scan of the certificate (a picture or PDF the teacher uploaded with POST /media) for the
    # admin who reviews it; optional.
    document_media_id: uuid.UUID | None = None


class Certification(BaseModel):
    """A certification as its teacher sees it (any status)."""

    id: uuid.UUID
    title: str
    issuer: str
    year: int
    # A scan of the certificate the teacher attached, or null.
    document_media_id: uuid.UUID | None
    status: CertificationStatus
    reject_reason: str
    reviewed_at: datetime | None
    created_at: datetime


class CertificationForReview(Certification):
    teacher_id: uuid.UUID
    teacher_display_name: str
    reviewed_by: uuid.UUID | None


class PublicCertification(BaseModel):
    """A verified certification on a public teacher profile."""

    id: uuid.UUID
    title: str
    issuer: str
    year: int
    document_media_id: uuid.UUID | None
    verified_at: datetime


class TeacherProfile(TeacherCard):
    """A teacher's public page: who they are, their verified certifications and what they
    offer: the first PROFILE_LIST_LIMIT active services, published courses and upcoming
    seminars (the full lists page through /services?teacher_id=, /courses?teacher= and
    /seminars?teacher=)."""

    certifications: list[PublicCertification]
    services: list[ServiceOut]
    courses: list[CourseSummary]
    seminars: list[SeminarOut]


def certification_fields(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": row["title"],
        "issuer": row["issuer"],
        "year": row["year"],
        "document_media_id": row["document_media_id"],
        "status": row["status"],
        "reject_reason": row["reject_reason"],
        "reviewed_at": row["reviewed_at"],
        "created_at": row["created_at"],
    }


def application_fields(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "user_id": row["user_id"],
        "motivation": row["motivation"],
        "credentials": row["credentials"],
        "status": row["status"],
        "reject_reason": row["reject_reason"],
        "reviewed_at": row["reviewed_at"],
        "created_at": row["created_at"],
    }
