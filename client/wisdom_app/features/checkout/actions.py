"""Buying: an order, its checkout page in the browser, and following the order until it is
paid or given up (also when the person comes back to the app from the browser)."""

import asyncio
import contextlib
from datetime import date, timedelta

from wisdom_app.api import Json
from wisdom_app.errors import ApiError
from wisdom_app.features.home.actions import load_my_courses
from wisdom_app.state import SLOT_DAYS, AppState

# Order statuses after which nothing changes by itself any more.
SETTLED_ORDER_STATUSES = {
    "paid",
    "fulfilled",
    "canceled",
    "refunded",
    "partially_refunded",
}
ORDER_POLL_SECONDS = 2.0
ORDER_WATCH_SECONDS = 30 * 60  # a checkout session lives at most this long


async def service_slots(state: AppState, service: Json, first_day: date, days: int = SLOT_DAYS) -> Json:
    """The free start times of a reading, coaching or session over `days` local days."""
    last_day = first_day + timedelta(days=days - 1)
    return await state.api.slots(
        str(service["teacher_id"]),
        str(service["id"]),
        first_day.isoformat(),
        last_day.isoformat(),
    )


async def buy_service(state: AppState, service: Json, slot_start: str | None = None) -> Json:
    """Order the service (a bookable one for the chosen start time, which the order holds
    until its checkout expires), open the checkout page, then follow the order until paid."""
    order = await state.api.create_order("service", str(service["id"]), slot_start)
    state.service_orders[str(service["id"])] = str(order["id"])
    return await _checkout(state, order)


async def usable_credits_for(state: AppState, service: Json) -> int:
    """How many package credits of the service's teacher can book a session this long."""
    credits = await state.api.credits()
    minutes = int(service.get("duration_minutes") or 0)
    return sum(
        int(c.get("credits_left", 0))
        for c in credits.get("items", [])
        if c.get("usable")
        and str((c.get("teacher") or {}).get("id")) == str(service.get("teacher_id"))
        and int(c.get("session_minutes", 0)) >= minutes
    )


async def buy_course(state: AppState, course: Json) -> Json:
    return await _checkout(state, await state.api.create_order("course", str(course["id"])))


async def buy_seminar(state: AppState, seminar: Json) -> Json:
    return await _checkout(state, await state.api.create_order("seminar", str(seminar["id"])))


async def _checkout(state: AppState, order: Json) -> Json:
    order_id = str(order["id"])
    state.orders[order_id] = order
    if order.get("status") == "pending":
        session = await state.api.create_checkout(order_id)
        await state.open_url(str(session["checkout_url"]))
        watch_order(state, order_id)
    return order


def watch_order(state: AppState, order_id: str) -> None:
    watchers = state.background.order_watchers
    if order_id not in watchers:
        task = asyncio.ensure_future(_poll_order(state, order_id))
        watchers[order_id] = task
        task.add_done_callback(lambda _: watchers.pop(order_id, None))


async def refresh_order(state: AppState, order_id: str) -> Json:
    order = await state.api.order(order_id)
    state.orders[order_id] = order
    return order


async def _poll_order(state: AppState, order_id: str) -> None:
    """Read the order every few seconds until it is settled (paid in the browser, or
    canceled/expired), for as long as a checkout session can live."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + ORDER_WATCH_SECONDS
    while loop.time() < deadline:
        await asyncio.sleep(ORDER_POLL_SECONDS)
        try:
            order = await refresh_order(state, order_id)
        except ApiError as exc:
            if exc.status in (401, 403, 404):
                return
            continue
        if order.get("status") in SETTLED_ORDER_STATUSES:
            if order.get("item_kind") == "course":
                await load_my_courses(state)
            return


def refresh_pending_orders(state: AppState) -> None:
    """Back in the app (from the browser): read pending orders at once."""
    for order_id, order in list(state.orders.items()):
        if order.get("status") not in SETTLED_ORDER_STATUSES:
            state.spawn(_refresh_order_quietly(state, order_id))


async def _refresh_order_quietly(state: AppState, order_id: str) -> None:
    with contextlib.suppress(ApiError):
        await refresh_order(state, order_id)
