import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Locale = Literal["sv", "en"]
Role = Literal["student", "teacher", "admin"]


class Profile(BaseModel):
    """The signed-in user's own profile."""

    id: uuid.UUID
    email: str
    display_name: str
    role: Role
    bio: str
    locale: Locale
    # Set with PUT /me/avatar once media uploads exist; null until then.
    avatar_media_id: uuid.UUID | None
    created_at: datetime


class ProfileUpdate(BaseModel):
    """Fields to change; omitted ones stay as they are."""

    model_config = ConfigDict(extra="forbid")

    display_name: DisplayName | None = None
    bio: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] | None = None
    locale: Locale | None = None


class AdminUser(BaseModel):
    """A user as the admin list shows it."""

    id: uuid.UUID
    email: str
    display_name: str
    role: Role
    locale: Locale
    avatar_media_id: uuid.UUID | None
    disabled: bool
    disabled_at: datetime | None
    created_at: datetime


class TeacherCard(BaseModel):
    """A teacher in the public directory."""

    id: uuid.UUID
    display_name: str
    bio: str
    avatar_media_id: uuid.UUID | None
