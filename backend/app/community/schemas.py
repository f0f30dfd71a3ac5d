import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

ReactionKind = Literal["like", "love", "grateful", "insightful"]
ReportStatus = Literal["open", "restored", "removed"]
TargetType = Literal["post", "comment", "message"]

PostBody = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
CommentBody = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)
]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=1000)]


class Person(BaseModel):
    """Who wrote something, as others see them."""

    id: uuid.UUID
    display_name: str
    avatar_media_id: uuid.UUID | None
    role: Literal["student", "teacher", "admin"]


class ReactionState(BaseModel):
    reactions: dict[str, int]  # kind -> how many
    my_reactions: list[ReactionKind]


class Post(ReactionState):
    id: uuid.UUID
    author: Person
    body: str
    # A media object's id; the media store will check it once it exists (no foreign key yet).
    image_media_id: uuid.UUID | None
    pinned: bool
    pinned_at: datetime | None
    comment_count: int
    hidden: bool  # hidden after reports: only admins and the author see it
    removed: bool  # removed by an admin: only admins and the author see it
    created_at: datetime
    edited_at: datetime | None


class PostPage(BaseModel):
    items: list[Post]
    next_cursor: str | None = None


class PostCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: PostBody
    image_media_id: uuid.UUID | None = None


class PostUpdate(BaseModel):
    """Fields to change; send image_media_id: null to take the image away."""

    model_config = ConfigDict(extra="forbid")

    body: PostBody | None = None
    image_media_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _something(self) -> "PostUpdate":
        if not self.model_fields_set:
            raise ValueError("Give body or image_media_id")
        if "body" in self.model_fields_set and self.body is None:
            raise ValueError("body cannot be null")
        return self


class Comment(ReactionState):
    id: uuid.UUID
    post_id: uuid.UUID
    author: Person
    body: str
    hidden: bool
    removed: bool
    created_at: datetime
    edited_at: datetime | None


class CommentPage(BaseModel):
    items: list[Comment]
    next_cursor: str | None = None


class CommentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: CommentBody


class ReportCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class ReportReceipt(BaseModel):
    """What the reporter sees: their report was taken."""

    id: uuid.UUID
    target_type: TargetType
    target_id: str
    status: ReportStatus
    created_at: datetime


class ReportTarget(BaseModel):
    type: TargetType
    id: str  # a post's or comment's uuid, a message's number
    author: Person | None
    excerpt: str
    hidden: bool
    removed: bool
    open_reports: int


class Report(BaseModel):
    """A report as the admin's queue shows it."""

    id: uuid.UUID
    status: ReportStatus
    reason: str
    reporter: Person | None
    target: ReportTarget
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: uuid.UUID | None


class ReportPage(BaseModel):
    items: list[Report]
    next_cursor: str | None = None
