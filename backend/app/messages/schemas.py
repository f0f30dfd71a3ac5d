import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

MessageBody = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)
]


class Peer(BaseModel):
    """The other person of a conversation (or a blocked user), as others see them."""

    id: uuid.UUID
    display_name: str
    avatar_media_id: uuid.UUID | None
    role: Literal["student", "teacher", "admin"]


class LastMessage(BaseModel):
    id: int
    sender_id: uuid.UUID
    body: str
    created_at: datetime


class Conversation(BaseModel):
    id: uuid.UUID
    peer: Peer
    last_message: LastMessage | None
    unread_count: int
    last_message_at: datetime | None
    created_at: datetime


class ConversationPage(BaseModel):
    items: list[Conversation]
    next_cursor: str | None = None


class ConversationCreate(BaseModel):
    """Open (or find) the conversation with this user."""

    model_config = ConfigDict(extra="forbid")

    user_id: uuid.UUID


class Message(BaseModel):
    # Message ids share the feed's id space (see the event stream's Last-Event-ID).
    id: int
    conversation_id: uuid.UUID
    sender_id: uuid.UUID
    recipient_id: uuid.UUID
    body: str
    read_at: datetime | None
    hidden: bool  # hidden for moderation: only its sender still sees it
    created_at: datetime


class MessagePage(BaseModel):
    items: list[Message]
    next_cursor: str | None = None


class MessageCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: MessageBody


class MessageEvent(BaseModel):
    """The data of the event stream's `message` events (sent to the receiver only)."""

    id: int
    conversation_id: uuid.UUID
    sender: Peer
    body: str
    created_at: datetime


class ReadResult(BaseModel):
    conversation_id: uuid.UUID
    marked: int
    unread_count: int


class Block(BaseModel):
    user: Peer
    created_at: datetime


class BlockPage(BaseModel):
    items: list[Block]
    next_cursor: str | None = None


class BlockCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: uuid.UUID
