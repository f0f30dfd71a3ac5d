from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class Notification(BaseModel):
    id: int
    kind: str
    title: str
    body: str
    link: str
    data: dict[str, Any]
    read_at: datetime | None
    created_at: datetime


class NotificationPage(BaseModel):
    items: list[Notification]
    next_cursor: str | None = None
    unread_count: int


class MarkRead(BaseModel):
    """Which notifications to mark read: these ids, or all of them when ids is left out."""

    ids: list[int] | None = Field(default=None, min_length=1, max_length=500)


class ReadResult(BaseModel):
    marked: int
    unread_count: int
