"""Direct messages between two users, and blocks.

Who may write to whom:
- teachers and admins may write to anyone;
- a student may write to a teacher (or admin) they bought from, are enrolled with or hold a
  seminar seat with, and may always answer someone who has written to them;
- nobody writes to a user who blocked them, nor to a user they blocked themselves.

Only the two people of a conversation ever see it (everyone else gets 404, admins too: they
see a reported message's text in the moderation queue). A new message notifies its receiver and
is pushed to the receiver's event streams once the transaction commits.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.courses import service as courses
from app.db import Connection
from app.errors import BadRequest, Forbidden, NotFound, Unprocessable
from app.feed import service as feed
from app.messages import repository
from app.messages.schemas import (
    Block,
    BlockPage,
    Conversation,
    ConversationPage,
    LastMessage,
    Message,
    MessageEvent,
    MessagePage,
    Peer,
    ReadResult,
)
from app.notifications import service as notifications
from app.orders import service as orders
from app.pagination import decode_cursor, encode_cursor, split_page
from app.profiles import service as profiles
from app.security import AuthUser
from app.seminars import service as seminars

STREAM_SOURCE = "message"  # the event stream's name for direct messages
SELLER_ROLES = ("teacher", "admin")


def _peer(row: Any) -> Peer:
    return Peer(
        id=row["user_id"],
        display_name=row["display_name"],
        avatar_media_id=row["avatar_media_id"],
        role=row["role"],
    )


async def peers(conn: Connection, user_ids: list[uuid.UUID]) -> dict[uuid.UUID, Peer]:
    rows = await profiles.get_rows(conn, user_ids)
    return {user_id: _peer(row) for user_id, row in rows.items()}


def _pair(a: uuid.UUID, b: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    return (a, b) if a < b else (b, a)


def _time_id_cursor(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    try:
        return datetime.fromisoformat(str(key["t"])), uuid.UUID(str(key["id"]))
    except (KeyError, ValueError) as exc:
        raise BadRequest("Invalid cursor", code="invalid_cursor") from exc


def _id_cursor(cursor: str | None) -> int | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    value = key.get("id")
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadRequest("Invalid cursor", code="invalid_cursor")
    return value


# --- who may write to whom --------------------------------------------------------------------


async def _recipient(conn: Connection, user: AuthUser, user_id: uuid.UUID) -> Any:
    if user_id == user.id:
        raise Unprocessable("You cannot write to yourself", code="own_account")
    row = await profiles.get_row(conn, user_id)
    if row is None or row["disabled_at"] is not None:
        raise NotFound("No such user", code="user_not_found")
    return row


async def _check_not_blocked(conn: Connection, sender_id: uuid.UUID, peer_id: uuid.UUID) -> None:
    blocks = await repository.blocks_between(conn, sender_id, peer_id)
    if blocks["blocked_me"]:
        raise Forbidden("This user does not accept messages from you", code="blocked")
    if blocks["blocked_by_me"]:
        raise Forbidden("You have blocked this user; unblock them to write", code="blocked_by_you")


async def _is_customer_of(conn: Connection, student_id: uuid.UUID, teacher_id: uuid.UUID) -> bool:
    return (
        await orders.has_paid_order_between(conn, student_id, teacher_id)
        or await courses.is_enrolled_with_teacher(conn, student_id, teacher_id)
        or await seminars.has_seat_with_host(conn, student_id, teacher_id)
    )


async def _check_may_write(
    conn: Connection, sender: AuthUser, peer: Any, conversation_id: uuid.UUID | None
) -> None:
    await _check_not_blocked(conn, sender.id, peer["user_id"])
    if sender.is_teacher:
        return
    if conversation_id is not None and await repository.has_written(
        conn, conversation_id, peer["user_id"]
    ):
        return  # answering someone who wrote first
    if peer["role"] in SELLER_ROLES and await _is_customer_of(conn, sender.id, peer["user_id"]):
        return
    raise Forbidden(
        "Students can write to teachers they bought from, are enrolled with or have a seat with",
        code="messaging_not_allowed",
    )


# --- conversations ----------------------------------------------------------------------------


def _to_conversation(row: Any, people: dict[uuid.UUID, Peer]) -> Conversation:
    last = None
    if row["last_id"] is not None:
        last = LastMessage(
            id=row["last_id"],
            sender_id=row["last_sender_id"],
            body=row["last_body"],
            created_at=row["last_created_at"],
        )
    return Conversation(
        id=row["id"],
        peer=people[row["peer_id"]],
        last_message=last,
        unread_count=row["unread_count"],
        last_message_at=row["last_message_at"],
        created_at=row["created_at"],
    )


async def list_conversations(
    conn: Connection, user: AuthUser, cursor: str | None, limit: int
) -> ConversationPage:
    after = _time_id_cursor(cursor)
    rows = await repository.list_conversations(conn, user.id, after, limit + 1)
    page, more = split_page(rows, limit)
    people = await peers(conn, [r["peer_id"] for r in page])
    next_cursor = None
    if more:
        last = page[-1]
        next_cursor = encode_cursor(
            {"t": last["last_message_at"].isoformat(), "id": str(last["id"])}
        )
    return ConversationPage(
        items=[_to_conversation(r, people) for r in page], next_cursor=next_cursor
    )


async def get_conversation(
    conn: Connection, user: AuthUser, conversation_id: uuid.UUID
) -> Conversation:
    row = await repository.get_conversation_view(conn, user.id, conversation_id)
    if row is None:
        raise NotFound("No such conversation", code="conversation_not_found")
    return _to_conversation(row, await peers(conn, [row["peer_id"]]))


async def open_conversation(
    conn: Connection, user: AuthUser, peer_id: uuid.UUID
) -> tuple[Conversation, bool]:
    """The conversation with peer, created when the caller may write to them; the flag says
    whether it is new."""
    peer = await _recipient(conn, user, peer_id)
    low, high = _pair(user.id, peer_id)
    existing = await repository.get_conversation_of_pair(conn, low, high)
    await _check_may_write(conn, user, peer, existing["id"] if existing else None)
    if existing is None:
        await repository.insert_conversation(conn, low, high)
        existing = await repository.get_conversation_of_pair(conn, low, high)
        assert existing is not None  # noqa: S101 - inserted (or raced in) just above
        created = True
    else:
        created = False
    return await get_conversation(conn, user, existing["id"]), created


async def _own_conversation(conn: Connection, user: AuthUser, conversation_id: uuid.UUID) -> Any:
    row = await repository.get_conversation(conn, conversation_id)
    if row is None or user.id not in (row["user_a_id"], row["user_b_id"]):
        raise NotFound("No such conversation", code="conversation_not_found")
    return row


def _other(row: Any, user_id: uuid.UUID) -> uuid.UUID:
    peer_id: uuid.UUID = row["user_b_id"] if row["user_a_id"] == user_id else row["user_a_id"]
    return peer_id


# --- messages ---------------------------------------------------------------------------------


def _to_message(row: Any) -> Message:
    return Message(
        id=row["id"],
        conversation_id=row["conversation_id"],
        sender_id=row["sender_id"],
        recipient_id=row["recipient_id"],
        body=row["body"],
        read_at=row["read_at"],
        hidden=row["hidden_at"] is not None,
        created_at=row["created_at"],
    )


async def list_messages(
    conn: Connection, user: AuthUser, conversation_id: uuid.UUID, cursor: str | None, limit: int
) -> MessagePage:
    await _own_conversation(conn, user, conversation_id)
    before_id = _id_cursor(cursor)
    rows = await repository.list_messages(
        conn, conversation_id, user.id, user.is_admin, before_id, limit + 1
    )
    page, more = split_page(rows, limit)
    next_cursor = encode_cursor({"id": page[-1]["id"]}) if more else None
    return MessagePage(items=[_to_message(r) for r in page], next_cursor=next_cursor)


async def send_message(
    conn: Connection, user: AuthUser, conversation_id: uuid.UUID, body: str
) -> Message:
    conversation = await _own_conversation(conn, user, conversation_id)
    peer = await _recipient(conn, user, _other(conversation, user.id))
    await _check_may_write(conn, user, peer, conversation_id)
    row = await repository.insert_message(conn, conversation_id, user.id, peer["user_id"], body)
    await repository.touch_conversation(conn, conversation_id, row["created_at"])
    await notifications.notify_unless_unread(
        conn,
        peer["user_id"],
        "message",
        ("conversation_id", str(conversation_id)),
        f"Nytt meddelande från {user.display_name}",
        body=" ".join(body.split())[:300],
        link=f"/conversations/{conversation_id}",
        about=user.id,
    )
    await feed.publish_event(conn, STREAM_SOURCE, row["id"], receiver_id=peer["user_id"])
    return _to_message(row)


async def mark_read(conn: Connection, user: AuthUser, conversation_id: uuid.UUID) -> ReadResult:
    await _own_conversation(conn, user, conversation_id)
    marked = await repository.mark_read(conn, conversation_id, user.id)
    # Read here, read on the bell too: the conversation's "new message" notification.
    await notifications.mark_read_about(
        conn, user.id, "message", ("conversation_id", str(conversation_id))
    )
    return ReadResult(conversation_id=conversation_id, marked=marked, unread_count=0)


# --- blocks -----------------------------------------------------------------------------------


async def block_user(conn: Connection, user: AuthUser, blocked_id: uuid.UUID) -> tuple[Block, bool]:
    if blocked_id == user.id:
        raise Unprocessable("You cannot block yourself", code="own_account")
    row = await profiles.get_row(conn, blocked_id)
    if row is None:
        raise NotFound("No such user", code="user_not_found")
    block = await repository.insert_block(conn, user.id, blocked_id)
    return Block(user=_peer(row), created_at=block["created_at"]), block["created"]


async def unblock_user(conn: Connection, user: AuthUser, blocked_id: uuid.UUID) -> None:
    if not await repository.delete_block(conn, user.id, blocked_id):
        raise NotFound("You have not blocked this user", code="block_not_found")


async def list_blocks(
    conn: Connection, user: AuthUser, cursor: str | None, limit: int
) -> BlockPage:
    after = _time_id_cursor(cursor)
    rows = await repository.list_blocks(conn, user.id, after, limit + 1)
    page, more = split_page(rows, limit)
    people = await peers(conn, [r["blocked_id"] for r in page])
    next_cursor = None
    if more:
        last = page[-1]
        next_cursor = encode_cursor(
            {"t": last["created_at"].isoformat(), "id": str(last["blocked_id"])}
        )
    items = [
        Block(user=people[r["blocked_id"]], created_at=r["created_at"])
        for r in page
        if r["blocked_id"] in people
    ]
    return BlockPage(items=items, next_cursor=next_cursor)


# --- for moderation (community) and the event stream ------------------------------------------


@dataclass(frozen=True)
class MessageRef:
    id: int
    sender_id: uuid.UUID
    hidden: bool


@dataclass(frozen=True)
class ModerationView:
    body: str
    hidden: bool
    removed: bool


async def lock_message_for_report(conn: Connection, user: AuthUser, message_id: int) -> MessageRef:
    """A message the user may report (one of its conversation's two people, and not hidden from
    them), locked until the transaction ends; 404 otherwise."""
    row = await repository.lock_message(conn, message_id)
    if row is None or user.id not in (row["sender_id"], row["recipient_id"]):
        raise NotFound("No such message", code="message_not_found")
    if row["hidden_at"] is not None and row["sender_id"] != user.id:
        raise NotFound("No such message", code="message_not_found")
    return MessageRef(row["id"], row["sender_id"], row["hidden_at"] is not None)


async def lock_for_moderation(conn: Connection, message_id: int) -> None:
    """Lock a message for an admin's decision on it (until the transaction ends)."""
    await repository.lock_message(conn, message_id)


async def set_moderation(conn: Connection, message_id: int, *, hidden: bool, removed: bool) -> None:
    await repository.set_moderation(conn, message_id, hidden, removed)


async def moderation_views(conn: Connection, message_ids: list[int]) -> dict[int, ModerationView]:
    """Reported messages as an admin reviews them."""
    if not message_ids:
        return {}
    rows = await repository.messages_by_ids(conn, message_ids)
    return {
        r["id"]: ModerationView(r["body"], r["hidden_at"] is not None, r["removed_at"] is not None)
        for r in rows
    }


async def message_events(conn: Connection, rows: list[Any]) -> list[tuple[Any, str]]:
    """Stream events' JSON for message rows, with each row (for its receiver)."""
    people = await peers(conn, [r["sender_id"] for r in rows])
    out = []
    for r in rows:
        sender = people.get(r["sender_id"])
        if sender is None:
            continue
        event = MessageEvent(
            id=r["id"],
            conversation_id=r["conversation_id"],
            sender=sender,
            body=r["body"],
            created_at=r["created_at"],
        )
        out.append((r, event.model_dump_json()))
    return out


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    """The user's conversations with every message in them, and whom they blocked."""
    return await repository.export_rows(conn, user_id)


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    """Remove the user's conversations (both sides' messages) and blocks either way."""
    await repository.delete_all_of_user(conn, user_id)
