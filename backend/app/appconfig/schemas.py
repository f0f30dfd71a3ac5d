import uuid
from datetime import datetime

from pydantic import BaseModel, Field


class ConfigEntry(BaseModel):
    key: str
    value: int
    description: str
    updated_by: uuid.UUID | None
    updated_at: datetime


class ConfigList(BaseModel):
    items: list[ConfigEntry]


class ConfigPatch(BaseModel):
    """Settings to change, by key: {"values": {"free_course_limit": 5}}."""

    values: dict[str, int] = Field(min_length=1, max_length=20)


class FreeCourseLimit(BaseModel):
    free_course_limit: int
