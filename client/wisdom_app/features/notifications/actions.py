"""Notifications: the list, the bell's unread count, marking them read, and where a tapped
notification leads."""

import contextlib

from wisdom_app.api import Json
from wisdom_app.components import show_message
from wisdom_app.errors import ApiError
from wisdom_app.state import AppState, Remote

# Where a notification of each kind leads when its data names nothing more precise.
PLACE_OF_KIND = {
    "reply": "/",  # the wall is on HOME
    "reaction": "/",
    "message": "/messages",
    "seminar_reminder": "/seminars",
    "booking": "/bookings",
    "certificate": "/profile",  # Profil lists the certificates
    "teacher_approved": "/studio",
    "teacher_rejected": "/profile",
}


async def load_notifications(state: AppState, notifications: Remote) -> None:
    await notifications.load(lambda: _page_with_count(state))


async def _page_with_count(state: AppState) -> Json:
    page = await state.api.notifications()
    state.unread_notifications = int(page.get("unread_count", 0))
    return page


async def refresh_unread_count(state: AppState) -> None:
    """Read the bell's number anew; it keeps the last one while the API is away."""
    with contextlib.suppress(ApiError):
        state.unread_notifications = await state.api.unread_notification_count()


async def mark_all_read(state: AppState, notifications: Remote) -> None:
    try:
        result = await state.api.mark_notifications_read()
        state.unread_notifications = int(result.get("unread_count", 0))
    except ApiError as exc:
        show_message(exc.message)
    await load_notifications(state, notifications)


async def open_notification(state: AppState, notifications: Remote, note: Json) -> str | None:
    """Mark the notification read and find the page it is about: the route to open, or None
    when it is about nothing the app shows (it is read all the same)."""
    if not note.get("read_at"):
        await _mark_read(state, notifications, note)
    try:
        return await target_route(state, note)
    except ApiError as exc:
        show_message(exc.message)
        return None


async def _mark_read(state: AppState, notifications: Remote, note: Json) -> None:
    try:
        result = await state.api.mark_notifications_read([int(note["id"])])
    except ApiError as exc:  # the page still opens; the dot stays until it is read
        show_message(exc.message)
        return
    state.unread_notifications = int(result.get("unread_count", 0))
    notifications.value = [
        {**n, "read_at": n.get("read_at") or "now"} if n.get("id") == note["id"] else n for n in notifications.items
    ]


def leads_somewhere(note: Json) -> bool:
    return str(note.get("kind")) in PLACE_OF_KIND or bool((note.get("data") or {}).get("order_id"))


async def target_route(state: AppState, note: Json) -> str | None:
    kind = str(note.get("kind", ""))
    data = note.get("data") or {}
    if kind == "message" and data.get("conversation_id"):
        return f"/messages/{data['conversation_id']}"
    if kind in ("order_paid", "order_refunded") and data.get("order_id"):
        return route_of_order(await state.api.order(str(data["order_id"])))
    if kind == "teacher_approved":
        # Now a teacher: the profile read anew puts Studio in the navigation.
        state.profile = await state.api.me()
    return PLACE_OF_KIND.get(kind)


def route_of_order(order: Json) -> str:
    """An order's item: the course's page, the seminars, or Mina bokningar for a service (a
    booked time, or a package's credits)."""
    if order.get("course_id"):
        return f"/courses/{order['course_id']}"
    if order.get("seminar_id"):
        return "/seminars"
    return "/bookings"
