"""Live seminars: scheduling, seats, the waitlist, attendance and reminders.

Capacity: every change of a seminar's seats, waitlist or status first locks the seminar's row
(SELECT ... FOR UPDATE). Whoever holds that lock reads the final seat count, so concurrent
registrations and orders queue up behind each other and the last seats go to exactly as many
callers as there are seats; the rest get 409 (or, for a payment that arrives after its hold ran
out and the seat went to someone else, a refund and the first place on the waitlist: see
seat_paid_order).

Holds: ordering a paid seat holds it (hold_seat, the order kind's on_created) for as long as the
order's checkout lasts, as a booking holds its slot: a buyer of a full seminar is refused with
409 before paying, never charged and refunded. A hold past its time follows its order's
extended checkout, or ends (_refresh_holds, run under the lock before every count); the order's
cancel or expiry releases it at once (release_order_hold), the seminar job's sweep otherwise,
and either way the seat goes to the waitlist.

Waitlist: when a seat frees (a registration given up, a refund, more capacity), the first in the
queue gets it. A free seminar seats them at once; a paid one holds the seat for them for
OFFER_HOLD (at most until the seminar ends), and only they may buy it meanwhile. An offer that
runs out passes to the next in line (pass_on_expired_offers, run by the reminder job).
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from app.audit.service import record as audit_record
from app.db import Connection
from app.errors import BadRequest, Conflict, Forbidden, NotFound, Unprocessable
from app.feed.service import record_activity
from app.mail.service import queue_mail
from app.notifications.service import notify
from app.orders import service as orders_service
from app.pagination import DEFAULT_LIMIT, decode_cursor, encode_cursor, split_page
from app.profiles import service as profiles_service
from app.security import AuthUser
from app.seminars import repository, texts
from app.seminars.schemas import (
    FellowAttendee,
    FellowAttendeePage,
    HostAttendee,
    HostAttendeePage,
    RegistrationOut,
    SeminarCreate,
    SeminarDetail,
    SeminarOut,
    SeminarPage,
    SeminarUpdate,
    ViewerState,
    WaitlistEntryOut,
)

CURRENCY = "SEK"
OFFER_HOLD = timedelta(hours=1)
OPEN_STATUSES = ("scheduled", "live")
REMINDERS = (("24h", timedelta(hours=24)), ("1h", timedelta(hours=1)))
# Notifications of every seminar notice use this kind; data.type says which notice it is.
NOTIFICATION_KIND = "seminar_reminder"


def utcnow() -> datetime:
    return datetime.now(UTC)


def room_name(seminar_id: uuid.UUID) -> str:
    """The LiveKit room of a seminar."""
    return f"seminar-{seminar_id}"


def seminar_id_of_room(name: str) -> uuid.UUID | None:
    prefix, _, rest = name.partition("-")
    if prefix != "seminar":
        return None
    try:
        return uuid.UUID(rest)
    except ValueError:
        return None


# --- reading ---------------------------------------------------------------------------------


async def _display_names(conn: Connection, user_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = await profiles_service.get_rows(conn, user_ids)
    return {user_id: row["display_name"] for user_id, row in rows.items()}


def _to_out(row: Any, names: dict[uuid.UUID, str]) -> SeminarOut:
    taken = row["seats_taken"]
    return SeminarOut(
        id=row["id"],
        host_id=row["host_id"],
        host_display_name=names.get(row["host_id"], ""),
        title=row["title"],
        description=row["description"],
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        duration_minutes=int((row["ends_at"] - row["starts_at"]).total_seconds() // 60),
        capacity=row["capacity"],
        seats_taken=taken,
        seats_held=row["seats_held"],
        seats_left=max(0, row["capacity"] - taken - row["seats_offered"] - row["seats_held"]),
        price_cents=row["price_cents"],
        currency=row["currency"],
        is_free=row["price_cents"] == 0,
        allow_speaking=row["allow_speaking"],
        status=row["status"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        cover_media_id=row["cover_media_id"],
    )


async def _seminar_out(conn: Connection, seminar_id: uuid.UUID) -> SeminarOut:
    row = await repository.get_seminar(conn, seminar_id)
    if row is None:
        raise NotFound("No such seminar", code="seminar_not_found")
    return _to_out(row, await _display_names(conn, [row["host_id"]]))


async def _viewer_state(conn: Connection, seminar: SeminarOut, user: AuthUser) -> ViewerState:
    seat = await repository.get_attendee(conn, seminar.id, user.id)
    entry = await repository.get_active_entry(conn, seminar.id, user.id)
    state = ViewerState(
        is_host=seminar.host_id == user.id,
        seated=seat is not None and seat["status"] == "seated",
    )
    if entry is not None:
        state.waitlist_status = entry["status"]
        state.waitlist_position = await repository.entry_position(conn, entry["id"])
        state.offer_expires_at = entry["offer_expires_at"]
    if seat is not None and seat["status"] == "held":
        hold = await repository.get_hold(conn, seminar.id, user.id)
        if hold is not None and hold["hold_expires_at"] > utcnow():
            state.hold_order_id = hold["order_id"]
            state.hold_expires_at = hold["hold_expires_at"]
    return state


async def get_seminar(
    conn: Connection, seminar_id: uuid.UUID, viewer: AuthUser | None
) -> SeminarDetail:
    seminar = await _seminar_out(conn, seminar_id)
    detail = SeminarDetail(**seminar.model_dump())
    if viewer is not None:
        detail.viewer = await _viewer_state(conn, seminar, viewer)
    return detail


async def list_seminars(
    conn: Connection,
    *,
    teacher_id: uuid.UUID | None,
    free: bool | None,
    starts_from: datetime | None,
    cursor: str | None,
    limit: int = DEFAULT_LIMIT,
    now: datetime | None = None,
) -> SeminarPage:
    """Seminars that have not ended (nor been canceled), the soonest first."""
    key = decode_cursor(cursor)
    after = None
    if key is not None:
        try:
            after = (datetime.fromisoformat(key["s"]), uuid.UUID(key["id"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise BadRequest("Invalid cursor", code="invalid_cursor") from exc
    rows = await repository.list_seminars(
        conn,
        now=now or utcnow(),
        teacher_id=teacher_id,
        free=free,
        starts_from=starts_from,
        after=after,
        limit=limit + 1,
    )
    page, more = split_page(rows, limit)
    names = await _display_names(conn, [r["host_id"] for r in page])
    items = [_to_out(r, names) for r in page]
    next_cursor = None
    if more:
        last = page[-1]
        next_cursor = encode_cursor({"s": last["starts_at"].isoformat(), "id": str(last["id"])})
    return SeminarPage(items=items, next_cursor=next_cursor)


# --- the host's side -------------------------------------------------------------------------


async def _lock(conn: Connection, seminar_id: uuid.UUID) -> Any:
    seminar = await repository.lock_seminar(conn, seminar_id)
    if seminar is None:
        raise NotFound("No such seminar", code="seminar_not_found")
    return seminar


def _require_host(seminar: Any, user: AuthUser, *, admin_too: bool = False) -> None:
    if seminar["host_id"] == user.id or (admin_too and user.is_admin):
        return
    raise Forbidden("Only the seminar's host can do this", code="not_host")


def _require_future(starts_at: datetime, now: datetime) -> None:
    if starts_at <= now:
        raise Unprocessable("starts_at must be in the future", code="starts_in_past")


async def create_seminar(
    conn: Connection, host: AuthUser, data: SeminarCreate, now: datetime | None = None
) -> SeminarOut:
    _require_future(data.starts_at, now or utcnow())
    seminar_id = await repository.insert_seminar(
        conn,
        host_id=host.id,
        title=data.title,
        description=data.description,
        starts_at=data.starts_at,
        ends_at=data.starts_at + timedelta(minutes=data.duration_minutes),
        capacity=data.capacity,
        price_cents=data.price_cents,
        currency=CURRENCY,
        allow_speaking=data.allow_speaking,
    )
    await record_activity(
        conn,
        actor_id=host.id,
        kind="seminar_created",
        subject_type="seminar",
        subject_id=seminar_id,
        subject_title=data.title,
        summary=f"Live {texts.swedish_time(data.starts_at)}. {data.description}".strip(),
    )
    return await _seminar_out(conn, seminar_id)


async def update_seminar(
    conn: Connection,
    user: AuthUser,
    seminar_id: uuid.UUID,
    data: SeminarUpdate,
    now: datetime | None = None,
) -> SeminarOut:
    now = now or utcnow()
    seminar = await _lock(conn, seminar_id)
    _require_host(seminar, user)
    if seminar["status"] != "scheduled":
        raise Conflict(
            f"A seminar that is {seminar['status']} cannot be edited", code="not_editable"
        )
    seated = await repository.count_seated(conn, seminar_id)
    offered = await repository.count_active_offers(conn, seminar_id, now, None)
    await _refresh_holds(conn, seminar_id, now)
    held = await repository.count_held(conn, seminar_id, now, None)
    if data.capacity is not None and data.capacity < seated + offered + held:
        raise Conflict(
            f"{seated + offered + held} seats are taken, offered or held by checkouts; "
            "capacity cannot be lower",
            code="capacity_below_seats",
        )
    if data.price_cents is not None and data.price_cents != seminar["price_cents"]:
        waiting = await repository.next_waiting(conn, seminar_id)
        if seated or offered or waiting is not None:
            raise Conflict(
                "The price cannot change once someone holds a seat or waits for one",
                code="price_locked",
            )
    starts_at, ends_at = _new_times(seminar, data)
    start_moved = starts_at != seminar["starts_at"]
    if start_moved:
        _require_future(starts_at, now)
    await repository.update_seminar(
        conn,
        seminar_id,
        title=data.title,
        description=data.description,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=data.capacity,
        price_cents=data.price_cents,
        allow_speaking=data.allow_speaking,
    )
    if start_moved:
        # Reminders are due again for the new time; everyone seated hears about it now.
        await repository.forget_reminders(conn, seminar_id)
        seated_ids = [r["user_id"] for r in await repository.seated_attendees(conn, seminar_id)]
        message = partial(
            texts.rescheduled, title=data.title or seminar["title"], starts_at=starts_at
        )
        await _tell(conn, seated_ids, seminar_id, "rescheduled", message)
    if data.capacity is not None and data.capacity > seminar["capacity"]:
        await _fill_free_seats(conn, await _lock(conn, seminar_id), now)
    return await _seminar_out(conn, seminar_id)


def _new_times(seminar: Any, data: SeminarUpdate) -> tuple[datetime, datetime]:
    """The start and end after the update: a new start keeps the duration unless one is given."""
    starts_at = data.starts_at or seminar["starts_at"]
    duration = (
        timedelta(minutes=data.duration_minutes)
        if data.duration_minutes is not None
        else seminar["ends_at"] - seminar["starts_at"]
    )
    return starts_at, starts_at + duration


async def cancel_seminar(
    conn: Connection,
    user: AuthUser,
    seminar_id: uuid.UUID,
    reason: str,
    now: datetime | None = None,
) -> SeminarOut:
    """Cancel: every seat is released, every paid seat refunded through the marketplace, the
    waitlist closed, and everyone seated told by mail. One transaction: if a refund fails, the
    whole cancellation is rolled back and can be retried."""
    current = await repository.get_seminar(conn, seminar_id)
    if current is None:
        raise NotFound("No such seminar", code="seminar_not_found")
    _require_host(current, user, admin_too=True)
    # Orders before the seminar: payment and refund events lock in that order too.
    for seat in await repository.seated_attendees(conn, seminar_id):
        if seat["order_id"] is not None:
            await orders_service.lock_order(conn, seat["order_id"])
    seminar = await _lock(conn, seminar_id)
    if seminar["status"] not in OPEN_STATUSES or seminar["ends_at"] <= (now or utcnow()):
        raise Conflict(f"The seminar is already {seminar['status']}", code="not_cancelable")
    # Status first: the refunds' on_refunded hooks then find nothing to pass on to the waitlist.
    await repository.set_status(conn, seminar_id, "canceled")
    await repository.close_waitlist(conn, seminar_id)
    await repository.release_all_holds(conn, seminar_id)
    seats = await repository.seated_attendees(conn, seminar_id)
    await repository.cancel_all_seats(conn, seminar_id)
    paid = [s for s in seats if s["order_id"] is not None]
    for seat in paid:
        await _refund(conn, seat["order_id"], "Seminariet är inställt")
    for refunded, group in ((True, paid), (False, [s for s in seats if s["order_id"] is None])):
        message = partial(
            texts.canceled,
            title=seminar["title"],
            starts_at=seminar["starts_at"],
            reason=reason,
            refunded=refunded,
        )
        await _tell(conn, [s["user_id"] for s in group], seminar_id, "canceled", message)
    await audit_record(
        conn,
        "seminar.cancel",
        actor_id=user.id,
        object_type="seminar",
        object_id=str(seminar_id),
        meta={"seats": len(seats), "refunded_orders": [str(s["order_id"]) for s in paid]},
    )
    return await _seminar_out(conn, seminar_id)


async def _refund(conn: Connection, order_id: uuid.UUID, reason: str) -> None:
    """Everything paid for a seat back, through the marketplace, as the platform (the order's
    refund then reaches release_paid_seat, which finds the seat already released)."""
    await orders_service.refund_order(conn, order_id, None, None, reason)


# --- seats and the waitlist ------------------------------------------------------------------


def _require_open_for(seminar: Any, user_id: uuid.UUID, now: datetime) -> None:
    """A seat or a waitlist place can be had while the seminar has not ended, by anyone but its
    host."""
    if seminar["host_id"] == user_id:
        raise Forbidden("You host this seminar", code="own_seminar")
    if seminar["status"] == "canceled":
        raise Conflict("The seminar was canceled", code="seminar_canceled")
    if seminar["status"] not in OPEN_STATUSES or seminar["ends_at"] <= now:
        raise Conflict("The seminar is over", code="seminar_over")


async def _seats_free(
    conn: Connection, seminar: Any, now: datetime, for_user: uuid.UUID | None = None
) -> int:
    """Seats nobody has, nor holds as a waitlist offer or for a checkout in progress (an offer
    to or a hold of for_user counts as free for them). The seminar's row must be locked: holds
    past their time are settled first."""
    await _refresh_holds(conn, seminar["id"], now)
    seated = await repository.count_seated(conn, seminar["id"])
    offered = await repository.count_active_offers(conn, seminar["id"], now, for_user)
    held = await repository.count_held(conn, seminar["id"], now, for_user)
    return int(seminar["capacity"]) - seated - offered - held


def _full(seminar_id: uuid.UUID) -> Conflict:
    waitlist = f"/seminars/{seminar_id}/waitlist"
    return Conflict(
        "The seminar is full (every seat is taken or held by a buyer paying now): join the "
        f"waitlist with POST {waitlist} to get the next seat that frees",
        code="seminar_full",
        extra={"waitlist": waitlist},
    )


async def _order_hold_until(conn: Connection, order_id: uuid.UUID | None) -> datetime | None:
    """Until when a pending order still holds its seat; None once it is no longer pending."""
    if order_id is None:
        return None
    try:
        order = await orders_service.get_order(conn, order_id)
    except NotFound:
        return None
    return order.checkout_expires_at if order.status == "pending" else None


async def _refresh_holds(conn: Connection, seminar_id: uuid.UUID, now: datetime) -> int:
    """Holds past their time (the seminar row must be locked) follow their order's extended
    checkout, or end. Returns how many ended (their seats are free for the waitlist)."""
    released = 0
    for row in await repository.lapsed_holds(conn, seminar_id, now):
        until = await _order_hold_until(conn, row["order_id"])
        if until is not None and until > now:
            await repository.extend_hold(conn, row["id"], until)
        elif await repository.release_hold(conn, row["id"]):
            released += 1
    return released


def _registration(seat: Any, refunded: bool = False) -> RegistrationOut:
    return RegistrationOut(
        seminar_id=seat["seminar_id"],
        user_id=seat["user_id"],
        status=seat["status"],
        order_id=seat["order_id"],
        created_at=seat["created_at"],
        refunded=refunded,
    )


async def _seated(conn: Connection, seminar_id: uuid.UUID, user_id: uuid.UUID) -> Any:
    """The user's seat, or None when they have none (or gave it up)."""
    seat = await repository.get_attendee(conn, seminar_id, user_id)
    return seat if seat is not None and seat["status"] == "seated" else None


async def _mark_queue_entry(
    conn: Connection, seminar_id: uuid.UUID, user_id: uuid.UUID, status: str
) -> None:
    entry = await repository.get_active_entry(conn, seminar_id, user_id)
    if entry is not None:
        await repository.set_entry_status(conn, entry["id"], status)


async def register(
    conn: Connection, user: AuthUser, seminar_id: uuid.UUID, now: datetime | None = None
) -> RegistrationOut:
    """Take a seat in a free seminar."""
    now = now or utcnow()
    seminar = await _lock(conn, seminar_id)
    _require_open_for(seminar, user.id, now)
    if seminar["price_cents"] > 0:
        raise Conflict(
            "This seminar is paid: buy a seat with POST /orders (item_kind seminar)",
            code="payment_required",
        )
    if await _seated(conn, seminar_id, user.id) is not None:
        raise Conflict("You already have a seat in this seminar", code="already_registered")
    if await _seats_free(conn, seminar, now) <= 0:
        raise _full(seminar_id)
    seat = await repository.upsert_seat(conn, seminar_id, user.id, None)
    await _mark_queue_entry(conn, seminar_id, user.id, "seated")
    return _registration(seat)


async def unregister(
    conn: Connection, user: AuthUser, seminar_id: uuid.UUID, now: datetime | None = None
) -> RegistrationOut:
    """Give up a seat; it goes to the first on the waitlist. A bought seat is refunded in full
    through the marketplace, which is possible until the seminar starts."""
    now = now or utcnow()
    seat = await _seated(conn, seminar_id, user.id)
    if seat is not None and seat["order_id"] is not None:
        # The order before the seminar: payment and refund events lock in that order too.
        await orders_service.lock_order(conn, seat["order_id"])
    seminar = await _lock(conn, seminar_id)
    seat = await _seated(conn, seminar_id, user.id)
    if seat is None:
        raise NotFound("You have no seat in this seminar", code="not_registered")
    if seminar["status"] not in OPEN_STATUSES or seminar["ends_at"] <= now:
        raise Conflict("The seminar is over", code="seminar_over")
    paid = seat["order_id"] is not None
    if paid and now >= seminar["starts_at"]:
        raise Conflict(
            "A bought seat can be given up (and refunded) only before the seminar starts",
            code="refund_window_closed",
        )
    canceled = await repository.cancel_seat(conn, seminar_id, user.id)
    if paid:
        await _refund(conn, seat["order_id"], "Platsen avbokad av deltagaren")
    await _fill_free_seats(conn, seminar, now)
    return _registration(canceled, refunded=paid)


async def _entry_out(conn: Connection, entry: Any) -> WaitlistEntryOut:
    return WaitlistEntryOut(
        seminar_id=entry["seminar_id"],
        status=entry["status"],
        position=await repository.entry_position(conn, entry["id"]),
        offered_at=entry["offered_at"],
        offer_expires_at=entry["offer_expires_at"],
        created_at=entry["created_at"],
    )


async def join_waitlist(
    conn: Connection, user: AuthUser, seminar_id: uuid.UUID, now: datetime | None = None
) -> WaitlistEntryOut:
    """Queue for a seat of a full seminar."""
    now = now or utcnow()
    seminar = await _lock(conn, seminar_id)
    _require_open_for(seminar, user.id, now)
    await _fill_free_seats(conn, seminar, now)  # seats of lapsed holds go to those already queued
    if await _seated(conn, seminar_id, user.id) is not None:
        raise Conflict("You already have a seat in this seminar", code="already_registered")
    if await repository.get_active_entry(conn, seminar_id, user.id) is not None:
        raise Conflict("You are already on the waitlist", code="already_waiting")
    if await _seats_free(conn, seminar, now) > 0:
        raise Conflict(
            "Seats are still available: register (free) or buy one (paid)",
            code="seats_available",
        )
    entry = await repository.insert_entry(conn, seminar_id, user.id, 0)
    return await _entry_out(conn, entry)


async def leave_waitlist(
    conn: Connection, user: AuthUser, seminar_id: uuid.UUID, now: datetime | None = None
) -> None:
    now = now or utcnow()
    seminar = await _lock(conn, seminar_id)
    entry = await repository.get_active_entry(conn, seminar_id, user.id)
    if entry is None:
        raise NotFound("You are not on the waitlist", code="not_waiting")
    await repository.set_entry_status(conn, entry["id"], "left")
    if entry["status"] == "offered":
        await _fill_free_seats(conn, seminar, now)


async def _fill_free_seats(conn: Connection, seminar: Any, now: datetime) -> int:
    """Give free seats to the waitlist in order (the seminar row must be locked). Expired offers
    end first. Returns how many were seated or offered."""
    seminar_id = seminar["id"]
    await repository.expire_offers(conn, seminar_id, now)
    if seminar["status"] not in OPEN_STATUSES or seminar["ends_at"] <= now:
        return 0
    served = 0
    for _ in range(max(0, await _seats_free(conn, seminar, now))):
        entry = await repository.next_waiting(conn, seminar_id)
        if entry is None:
            break
        if seminar["price_cents"] == 0:
            await repository.upsert_seat(conn, seminar_id, entry["user_id"], None)
            await repository.set_entry_status(conn, entry["id"], "seated")
            message = partial(
                texts.seat_granted, title=seminar["title"], starts_at=seminar["starts_at"]
            )
            await _tell(conn, [entry["user_id"]], seminar_id, "seat_granted", message)
        else:
            expires_at = min(now + OFFER_HOLD, seminar["ends_at"])
            await repository.offer_seat(conn, entry["id"], now, expires_at)
            message = partial(
                texts.seat_offered,
                title=seminar["title"],
                starts_at=seminar["starts_at"],
                expires_at=expires_at,
            )
            await _tell(conn, [entry["user_id"]], seminar_id, "seat_offered", message)
        served += 1
    return served


async def pass_on_expired_offers(conn: Connection, now: datetime | None = None) -> int:
    """Offers that ran out, and seats held by checkouts that ran out unpaid, go to the next in
    line; returns how many seats were passed on."""
    now = now or utcnow()
    passed = 0
    seminar_ids = set(await repository.seminars_with_expired_offers(conn, now))
    seminar_ids.update(await repository.seminars_with_lapsed_holds(conn, now))
    for seminar_id in sorted(seminar_ids):
        passed += await _fill_free_seats(conn, await _lock(conn, seminar_id), now)
    return passed


async def list_attendees(
    conn: Connection,
    user: AuthUser,
    seminar_id: uuid.UUID,
    cursor: str | None,
    limit: int = DEFAULT_LIMIT,
) -> HostAttendeePage | FellowAttendeePage:
    """Who is seated: the host (and admins) see emails and attendance; a seated attendee sees
    the others' names only; anyone else gets 403."""
    seminar = await repository.get_seminar(conn, seminar_id)
    if seminar is None:
        raise NotFound("No such seminar", code="seminar_not_found")
    as_host = seminar["host_id"] == user.id or user.is_admin
    if not as_host and await _seated(conn, seminar_id, user.id) is None:
        raise Forbidden("Only the host and seated attendees see who attends", code="not_attendee")
    key = decode_cursor(cursor)
    after = None
    if key is not None:
        try:
            after = (datetime.fromisoformat(key["c"]), uuid.UUID(key["id"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise BadRequest("Invalid cursor", code="invalid_cursor") from exc
    rows, more = split_page(
        await repository.list_attendees(conn, seminar_id, after, limit + 1), limit
    )
    next_cursor = None
    if more:
        next_cursor = encode_cursor(
            {"c": rows[-1]["created_at"].isoformat(), "id": str(rows[-1]["id"])}
        )
    profiles = await profiles_service.get_rows(conn, [r["user_id"] for r in rows])
    if not as_host:
        return FellowAttendeePage(
            items=[
                FellowAttendee(
                    user_id=r["user_id"], display_name=profiles[r["user_id"]]["display_name"]
                )
                for r in rows
            ],
            next_cursor=next_cursor,
        )
    return HostAttendeePage(
        items=[
            HostAttendee(
                user_id=r["user_id"],
                display_name=profiles[r["user_id"]]["display_name"],
                email=profiles[r["user_id"]]["email"],
                paid=r["order_id"] is not None,
                order_id=r["order_id"],
                joined_at=r["joined_at"],
                left_at=r["left_at"],
                registered_at=r["created_at"],
            )
            for r in rows
        ],
        next_cursor=next_cursor,
    )


async def has_seat_with_host(conn: Connection, user_id: uuid.UUID, host_id: uuid.UUID) -> bool:
    """Whether the user holds a seat in a (not canceled) seminar of host_id."""
    return await repository.has_seat_with_host(conn, user_id, host_id)


# --- the marketplace's side (called by app.seminars.fulfilment) ------------------------------


@dataclass(frozen=True)
class SeatQuote:
    host_id: uuid.UUID
    title: str
    price_cents: int
    currency: str


async def quote_seat(
    conn: Connection, buyer_id: uuid.UUID, seminar_id: uuid.UUID, now: datetime | None = None
) -> SeatQuote:
    """What a seat costs, or why it cannot be bought now: 409 seminar_full when every seat is
    taken or held. Takes the seminar's lock, which the order's transaction keeps until hold_seat
    has held the seat (locking it only then would deadlock concurrent orders: inserting an
    order takes a key-share lock on the seminar row first)."""
    now = now or utcnow()
    seminar = await _lock(conn, seminar_id)
    _require_open_for(seminar, buyer_id, now)
    if seminar["price_cents"] == 0:
        raise Conflict(
            f"This seminar is free: register with POST /seminars/{seminar_id}/register",
            code="free_seminar",
        )
    if await _seated(conn, seminar_id, buyer_id) is not None:
        raise Conflict("You already have a seat in this seminar", code="already_registered")
    await _fill_free_seats(conn, seminar, now)  # seats of lapsed holds go to the queue first
    if await _seats_free(conn, seminar, now, for_user=buyer_id) <= 0:
        raise _full(seminar_id)
    return SeatQuote(
        seminar["host_id"], seminar["title"], seminar["price_cents"], seminar["currency"]
    )


async def hold_seat(
    conn: Connection,
    seminar_id: uuid.UUID,
    buyer_id: uuid.UUID,
    order_id: uuid.UUID,
    until: datetime,
    now: datetime | None = None,
) -> None:
    """A new pending order of a seat holds it until `until` (its checkout's expiry), under the
    seminar's lock that quote_seat took in the same transaction; 409 seminar_full (with the
    waitlist's address) when no seat is left, which rolls the order back: nobody is charged for
    a seat that is not there."""
    now = now or utcnow()
    seminar = await _lock(conn, seminar_id)
    if await _seats_free(conn, seminar, now, for_user=buyer_id) <= 0:
        raise _full(seminar_id)
    if await repository.hold_seat(conn, seminar_id, buyer_id, order_id, until) is None:
        raise Conflict("You already have a seat in this seminar", code="already_registered")


async def release_order_hold(
    conn: Connection, seminar_id: uuid.UUID, order_id: uuid.UUID, now: datetime | None = None
) -> None:
    """The order ended unpaid (canceled, or its checkout expired): its held seat is free again
    and goes to the first on the waitlist."""
    now = now or utcnow()
    seminar = await _lock(conn, seminar_id)
    if await repository.release_hold_of_order(conn, order_id):
        await _fill_free_seats(conn, seminar, now)


async def seat_paid_order(
    conn: Connection,
    seminar_id: uuid.UUID,
    buyer_id: uuid.UUID,
    order_id: uuid.UUID,
    now: datetime | None = None,
) -> str:
    """The order of a seat was just paid: seat the buyer, under the seminar's lock.

    When the seat cannot be had, the payment is refunded in full through the marketplace:
    'full' (the order's hold ran out before the payment arrived and the seat went to someone
    else; the buyer also goes first on the waitlist and is told), 'closed' (canceled or over meanwhile) and
    'duplicate' (already seated through another order). 'seated' also when this order already
    holds the seat (a repeated event)."""
    now = now or utcnow()
    seminar = await _lock(conn, seminar_id)
    outcome = await _try_seat(conn, seminar, buyer_id, order_id, now)
    if outcome == "seated":
        return outcome
    await repository.release_hold_of_order(conn, order_id)
    await _refund(conn, order_id, _REFUND_REASONS[outcome])
    if outcome == "full":
        await _queue_first(conn, seminar, buyer_id)
    return outcome


_REFUND_REASONS = {
    "full": "Platsen hann ta slut före betalningen",
    "closed": "Seminariet är inställt eller avslutat",
    "duplicate": "Platsen var redan köpt",
}


async def _try_seat(
    conn: Connection, seminar: Any, buyer_id: uuid.UUID, order_id: uuid.UUID, now: datetime
) -> str:
    seat = await _seated(conn, seminar["id"], buyer_id)
    if seat is not None:
        return "seated" if seat["order_id"] == order_id else "duplicate"
    if seminar["status"] not in OPEN_STATUSES or seminar["ends_at"] <= now:
        return "closed"
    if await _seats_free(conn, seminar, now, for_user=buyer_id) <= 0:
        return "full"
    await repository.upsert_seat(conn, seminar["id"], buyer_id, order_id)
    await _mark_queue_entry(conn, seminar["id"], buyer_id, "seated")
    return "seated"


async def _queue_first(conn: Connection, seminar: Any, user_id: uuid.UUID) -> None:
    """A buyer who paid but lost the last seat: first on the waitlist (ahead of those who only
    waited), and told so."""
    entry = await repository.get_active_entry(conn, seminar["id"], user_id)
    if entry is None:
        await repository.insert_entry(conn, seminar["id"], user_id, 1)
    else:
        await repository.raise_priority(conn, entry["id"])
    message = partial(texts.lost_last_seat, title=seminar["title"])
    await _tell(conn, [user_id], seminar["id"], "lost_last_seat", message)


async def release_paid_seat(
    conn: Connection, seminar_id: uuid.UUID, order_id: uuid.UUID, now: datetime | None = None
) -> None:
    """The seat's order was refunded: the seat (if still held) goes to the waitlist."""
    now = now or utcnow()
    seminar = await _lock(conn, seminar_id)
    if await repository.cancel_seat_of_order(conn, order_id) is not None:
        await _fill_free_seats(conn, seminar, now)


# --- LiveKit -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class JoinGrant:
    """Who may enter a seminar's room, and as what."""

    seminar_id: uuid.UUID
    title: str
    role: str  # host | attendee
    may_speak: bool
    starts_at: datetime
    ends_at: datetime

    @property
    def room(self) -> str:
        return room_name(self.seminar_id)


async def join_grant(
    conn: Connection,
    user: AuthUser,
    seminar_id: uuid.UUID,
    *,
    early: timedelta,
    now: datetime | None = None,
) -> JoinGrant:
    """The host and seated attendees, from `early` before the start until the end; 403 with
    the reason otherwise."""
    now = now or utcnow()
    seminar = await repository.get_seminar(conn, seminar_id)
    if seminar is None:
        raise NotFound("No such seminar", code="seminar_not_found")
    is_host = seminar["host_id"] == user.id
    if not is_host and await _seated(conn, seminar_id, user.id) is None:
        raise Forbidden(
            "Only the host and attendees with a seat can join this seminar", code="not_seated"
        )
    if seminar["status"] == "canceled":
        raise Forbidden("The seminar was canceled", code="seminar_canceled")
    if seminar["status"] == "ended" or now >= seminar["ends_at"]:
        raise Forbidden("The seminar has ended", code="seminar_ended")
    opens_at = seminar["starts_at"] - early
    if now < opens_at:
        raise Forbidden(
            f"The room opens at {opens_at.isoformat()} ({int(early.total_seconds() // 60)} "
            "minutes before the start)",
            code="room_not_open",
            extra={"opens_at": opens_at.isoformat()},
        )
    return JoinGrant(
        seminar_id=seminar_id,
        title=seminar["title"],
        role="host" if is_host else "attendee",
        may_speak=is_host or seminar["allow_speaking"],
        starts_at=seminar["starts_at"],
        ends_at=seminar["ends_at"],
    )


async def room_started(conn: Connection, seminar_id: uuid.UUID) -> None:
    await repository.mark_live(conn, seminar_id)


async def room_finished(conn: Connection, seminar_id: uuid.UUID, at: datetime) -> None:
    await repository.mark_room_closed(conn, seminar_id, at)
    await repository.close_attendance(conn, seminar_id, at)


async def participant_joined(
    conn: Connection, seminar_id: uuid.UUID, user_id: uuid.UUID, at: datetime
) -> bool:
    return await repository.mark_joined(conn, seminar_id, user_id, at)


async def participant_left(
    conn: Connection, seminar_id: uuid.UUID, user_id: uuid.UUID, at: datetime
) -> bool:
    return await repository.mark_left(conn, seminar_id, user_id, at)


# --- reminders ---------------------------------------------------------------------------------


async def send_due_reminders(conn: Connection, now: datetime | None = None) -> int:
    """Queue the 24-hour and 1-hour reminders that are due (each once per attendee: the log row
    is written before the mail, in the caller's transaction). Returns how many were queued."""
    now = now or utcnow()
    sent = 0
    for kind, lead in REMINDERS:
        # The 24-hour reminder covers starts from 24 h down to 1 h ahead; nearer, the 1-hour one.
        window_start = now + (timedelta(hours=1) if kind == "24h" else timedelta(0))
        rows = await repository.claim_due_reminders(conn, kind, window_start, now + lead)
        contacts = await profiles_service.get_rows(
            conn, [r["user_id"] for r in rows] + [r["host_id"] for r in rows]
        )
        for row in rows:
            person, host = contacts.get(row["user_id"]), contacts.get(row["host_id"])
            if person is None:
                continue
            message = texts.reminder(
                kind,
                person["display_name"],
                row["title"],
                host["display_name"] if host is not None else "värden",
                row["starts_at"],
                now,
            )
            await _deliver(conn, person, row["seminar_id"], "reminder", message)
            sent += 1
    return sent


# --- telling people ----------------------------------------------------------------------------


async def _deliver(
    conn: Connection, person: Any, seminar_id: uuid.UUID, notice: str, message: texts.Message
) -> None:
    """A mail and an in-app notification, in the caller's transaction."""
    await queue_mail(
        conn,
        to=person["email"],
        subject=message.subject,
        body=message.body,
        user_id=person["user_id"],
        kind=f"seminar_{notice}",
    )
    await notify(
        conn,
        person["user_id"],
        NOTIFICATION_KIND,
        message.title,
        message.notice,
        link=f"/seminars/{seminar_id}",
        data={"type": notice, "seminar_id": str(seminar_id)},
    )


async def _tell(
    conn: Connection,
    user_ids: list[uuid.UUID],
    seminar_id: uuid.UUID,
    notice: str,
    build: Callable[..., texts.Message],
) -> None:
    """Send each user the message build(display_name) by mail and as a notification."""
    if not user_ids:
        return
    contacts = await profiles_service.get_rows(conn, user_ids)
    for user_id in user_ids:
        person = contacts.get(user_id)
        if person is not None:
            await _deliver(conn, person, seminar_id, notice, build(person["display_name"]))


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    """Seats, waitlist entries, reminders sent, and the seminars the user hosts."""
    return await repository.export_rows(conn, user_id)


async def erasure_blockers(conn: Connection, user_id: uuid.UUID) -> list[str]:
    """What must be settled before the account can go: upcoming seminars with attendees."""
    hosted = await repository.count_upcoming_hosted_with_attendees(conn, user_id)
    return [f"{hosted} upcoming seminar(s) with attendees: cancel them first"] if hosted else []


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    """Give up the user's seats and waitlist places; upcoming seminars they host (none with
    attendees, see erasure_blockers) are canceled; past ones stay, under the anonymised
    profile, for the orders that bought seats."""
    await repository.delete_participation_of_user(conn, user_id)
    await repository.cancel_upcoming_hosted(conn, user_id)
