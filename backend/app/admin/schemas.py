import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from app.courses.schemas import MyCourse
from app.profiles.schemas import AdminUser, Role
from app.teachers.schemas import ApplicationForReview, CertificationForReview, RejectRequest

__all__ = [
    "AdminUser",
    "ApplicationForReview",
    "AuditEntry",
    "AuditPage",
    "CertificationForReview",
    "MyCourse",
    "RejectRequest",
    "UserUpdate",
]


class UserUpdate(BaseModel):
    """What an admin changes on a user; omitted fields stay as they are."""

    model_config = ConfigDict(extra="forbid")

    role: Role | None = None
    # true: the account is disabled and every session of it ends at once.
    disabled: bool | None = None


class AuditEntry(BaseModel):
    id: int
    actor_id: uuid.UUID | None
    subject_user_id: uuid.UUID | None
    action: str
    object_type: str
    object_id: str
    ip: str | None
    meta: dict[str, Any]
    created_at: datetime


class AuditPage(BaseModel):
    items: list[AuditEntry]
    next_cursor: str | None = None
