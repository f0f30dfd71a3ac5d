"""Reviews of services by their buyers."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class ReviewCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rating: int = Field(ge=1, le=5)
    body: str = Field(default="", max_length=4000)


class ReviewUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rating: int | None = Field(default=None, ge=1, le=5)
    body: str | None = Field(default=None, max_length=4000)


class ReviewOut(BaseModel):
    id: uuid.UUID
    service_id: uuid.UUID
    author_id: uuid.UUID
    author_name: str
    rating: int
    body: str
    created_at: datetime
    updated_at: datetime


class ReviewPage(BaseModel):
    average: float | None
    count: int
    items: list[ReviewOut]
    next_cursor: str | None = None
