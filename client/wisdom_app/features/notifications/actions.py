"""Notifications: the list, and marking them read."""

from wisdom_app.components import show_message
from wisdom_app.errors import ApiError
from wisdom_app.state import AppState, Remote


async def load_notifications(state: AppState, notifications: Remote) -> None:
    await notifications.load(state.api.notifications)


async def mark_all_read(state: AppState, notifications: Remote) -> None:
    try:
        await state.api.mark_notifications_read()
    except ApiError as exc:
        show_message(exc.message)
    await load_notifications(state, notifications)
