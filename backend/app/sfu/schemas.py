"""Requests and responses of the LiveKit endpoints."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seminar_id: uuid.UUID


class TokenOut(BaseModel):
    ws_url: str = Field(description="the LiveKit server the app connects to")
    token: str = Field(description="LiveKit access token (JWT); valid until expires_at")
    room: str
    identity: str = Field(description="the caller's user id")
    name: str = Field(description="the caller's display name in the room")
    role: Literal["host", "attendee"]
    can_publish: bool = Field(description="host: audio and video; attendee: microphone only")
    expires_at: datetime = Field(description="join before this; a joined session stays alive")
    room_page_url: str = Field(
        description="the web room page with url, token and name (the seminar title) in the "
        "fragment, which browsers never send to a server"
    )


class WebhookAck(BaseModel):
    event: str
    handled: bool
