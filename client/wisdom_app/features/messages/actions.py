"""Conversations and their messages."""

import contextlib

from wisdom_app.components import show_message
from wisdom_app.errors import ApiError
from wisdom_app.features.notifications import actions as notifications
from wisdom_app.state import AppState, Remote


async def load_conversations(state: AppState, conversations: Remote) -> None:
    """The list, read anew: what was unread on the stream is now seen."""
    state.unread_messages = 0
    await conversations.load(state.api.conversations)


async def load_conversation(state: AppState, conversation: Remote, conversation_id: str) -> None:
    """The conversation itself: who the other person is (the chat's title)."""
    await conversation.load(lambda: state.api.conversation(conversation_id))


async def load_messages(state: AppState, messages: Remote, conversation_id: str) -> None:
    await messages.load(lambda: state.api.messages(conversation_id))
    if messages.loaded:
        with contextlib.suppress(ApiError):  # being marked read later is harmless
            await state.api.mark_conversation_read(conversation_id)
            # The conversation's notification is read with it: the bell counts one fewer.
            await notifications.refresh_unread_count(state)


async def send_message(state: AppState, conversation_id: str, text: str) -> bool:
    """Send; False (and a message on screen) when it did not go."""
    try:
        await state.api.send_message(conversation_id, text)
    except ApiError as exc:
        show_message(exc.message)
        return False
    return True
