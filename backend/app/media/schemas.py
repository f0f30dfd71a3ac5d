import uuid
from datetime import datetime

from pydantic import BaseModel


class MediaObject(BaseModel):
    id: uuid.UUID
    owner_id: uuid.UUID
    purpose: str
    content_type: str
    size_bytes: int
    original_name: str
    url: str
    created_at: datetime


class CleanupCandidate(BaseModel):
    key: str
    size: int
    modified_at: datetime
