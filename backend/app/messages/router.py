"""Conversations, direct messages and blocks of the signed-in user."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from app.db import Conn
from app.messages import service
from app.messages.schemas import (
    Block,
    BlockCreate,
    BlockPage,
    Conversation,
    ConversationCreate,
    ConversationPage,
    Message,
    MessageCreate,
    MessagePage,
    ReadResult,
)
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.ratelimit import RateLimiter, get_rate_limiter
from app.security import AppSettings, CurrentUser

router = APIRouter(tags=["messages"])
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Limiter = Annotated[RateLimiter, Depends(get_rate_limiter)]


@router.get("/conversations", response_model=ConversationPage)
async def list_conversations(
    conn: Conn, user: CurrentUser, cursor: str | None = None, limit: Limit = DEFAULT_LIMIT
) -> ConversationPage:
    return await service.list_conversations(conn, user, cursor, limit)


@router.post(
    "/conversations",
    response_model=Conversation,
    status_code=201,
    responses={200: {"model": Conversation, "description": "The conversation already existed"}},
)
async def open_conversation(
    body: ConversationCreate, response: Response, conn: Conn, user: CurrentUser
) -> Conversation:
    conversation, created = await service.open_conversation(conn, user, body.user_id)
    response.status_code = 201 if created else 200
    return conversation


@router.get("/conversations/{conversation_id}", response_model=Conversation)
async def get_conversation(
    conversation_id: uuid.UUID, conn: Conn, user: CurrentUser
) -> Conversation:
    return await service.get_conversation(conn, user, conversation_id)


@router.get("/conversations/{conversation_id}/messages", response_model=MessagePage)
async def list_messages(
    conversation_id: uuid.UUID,
    conn: Conn,
    user: CurrentUser,
    cursor: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> MessagePage:
    return await service.list_messages(conn, user, conversation_id, cursor, limit)


@router.post("/conversations/{conversation_id}/messages", response_model=Message, status_code=201)
async def send_message(
    conversation_id: uuid.UUID,
    body: MessageCreate,
    conn: Conn,
    user: CurrentUser,
    settings: AppSettings,
    limiter: Limiter,
) -> Message:
    await limiter.hit(settings.message_rate_limit, "message-send", str(user.id))
    return await service.send_message(conn, user, conversation_id, body.body)


@router.post("/conversations/{conversation_id}/read", response_model=ReadResult)
async def mark_read(conversation_id: uuid.UUID, conn: Conn, user: CurrentUser) -> ReadResult:
    return await service.mark_read(conn, user, conversation_id)


@router.get("/blocks", response_model=BlockPage)
async def list_blocks(
    conn: Conn, user: CurrentUser, cursor: str | None = None, limit: Limit = DEFAULT_LIMIT
) -> BlockPage:
    return await service.list_blocks(conn, user, cursor, limit)


@router.post(
    "/blocks",
    response_model=Block,
    status_code=201,
    responses={200: {"model": Block, "description": "The user was already blocked"}},
)
async def block_user(body: BlockCreate, response: Response, conn: Conn, user: CurrentUser) -> Block:
    block, created = await service.block_user(conn, user, body.user_id)
    response.status_code = 201 if created else 200
    return block


@router.delete("/blocks/{user_id}", status_code=204)
async def unblock_user(user_id: uuid.UUID, conn: Conn, user: CurrentUser) -> Response:
    await service.unblock_user(conn, user, user_id)
    return Response(status_code=204)
