import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel


class FeedActor(BaseModel):
    id: uuid.UUID
    display_name: str
    avatar_media_id: uuid.UUID | None
    role: Literal["student", "teacher", "admin"]


class FeedItem(BaseModel):
    """One activity as a client shows it (also the data of the stream's `activity` events)."""

    id: int
    kind: str
    subject_type: str
    subject_id: uuid.UUID
    subject_title: str
    summary: str
    visibility: Literal["public", "members"]
    hidden: bool  # only admins and the actor ever see hidden items
    created_at: datetime
    actor: FeedActor | None


class FeedPage(BaseModel):
    items: list[FeedItem]
    next_cursor: str | None = None
