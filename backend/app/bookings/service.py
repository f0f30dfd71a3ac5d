"""Bookings: sessions with a teacher at a time, paid through the marketplace or with a package
credit; cancellation with the teacher's window, rescheduling, attendance.

Life of a booking:
    POST /orders {service_id, slot_start}  -> 'held' (the order's checkout time)
        paid                               -> 'booked'
        checkout expired / order canceled  -> 'expired' (the slot is free again)
    POST /bookings {use_credit: true}      -> 'booked' at once, one credit used
    'booked' -> 'canceled' | 'completed' | 'no_show'

No two holds or bookings of one teacher overlap (the buffer after each session included): the
exclusion constraint bookings_no_overlap refuses the second insert or move, also when requests
arrive at the same moment; that refusal is answered 409 slot_taken.

Locks: a change that involves a paid booking's order locks the order first, then the booking,
the same order in which the marketplace's hooks (which run with the order locked) reach
bookings, so the two never wait on each other in a circle.
"""

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import asyncpg

from app.audit.service import record
from app.bookings import availability, holds, notices, repository
from app.bookings.availability import BookingRules, ServiceForOrder
from app.bookings.schemas import (
    BookingCreate,
    BookingOut,
    BookingPage,
    BookingUpdate,
    Credit,
    CreditPage,
    PackageTermsIn,
    PackageTermsOut,
    Party,
)
from app.bookings.slots import STOCKHOLM
from app.db import Connection
from app.errors import BadRequest, Conflict, Forbidden, NotFound, Unprocessable
from app.orders import service as orders_service
from app.orders.schemas import REFUNDABLE_STATUSES, Order
from app.pagination import decode_cursor, encode_cursor, split_page
from app.profiles import service as profiles_service
from app.security import AuthUser
from app.services import service as services_service
from app.services.schemas import ServiceOut

Role = Literal["student", "teacher"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def _slot_taken() -> Conflict:
    return Conflict("This time has just been taken; choose another one", code="slot_taken")


# --- reading ----------------------------------------------------------------------------------


def _to_out(row: Any, names: Mapping[uuid.UUID, str]) -> BookingOut:
    return BookingOut(
        id=row["id"],
        status=row["status"],
        service_id=row["service_id"],
        title=row["title"],
        student=Party(id=row["student_id"], display_name=names.get(row["student_id"], "")),
        teacher=Party(id=row["teacher_id"], display_name=names.get(row["teacher_id"], "")),
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        starts_at_local=row["starts_at"].astimezone(STOCKHOLM),
        ends_at_local=row["ends_at"].astimezone(STOCKHOLM),
        delivery=row["delivery"],
        meeting_url=row["meeting_url"],
        location=row["location"],
        order_id=row["order_id"],
        package_id=row["package_id"],
        hold_expires_at=row["hold_expires_at"],
        cancellation_window_hours=row["cancellation_window_hours"],
        free_cancellation_until=notices.free_cancellation_until(row),
        refunded=row["refunded"],
        canceled_at=row["canceled_at"],
        canceled_by=row["canceled_by"],
        cancel_reason=row["cancel_reason"],
        booked_at=row["booked_at"],
        sequence=row["sequence"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


async def _names(conn: Connection, user_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = await profiles_service.get_rows(conn, user_ids)
    return {user_id: row["display_name"] for user_id, row in rows.items()}


async def _booking_out(conn: Connection, booking_id: uuid.UUID) -> BookingOut:
    row = await repository.get_booking(conn, booking_id)
    return _to_out(row, await _names(conn, [row["student_id"], row["teacher_id"]]))


def _is_party(row: Any, user: AuthUser) -> bool:
    return user.is_admin or user.id in (row["student_id"], row["teacher_id"])


def _acts_as_teacher(row: Any, user: AuthUser) -> bool:
    return user.is_admin or user.id == row["teacher_id"]


async def get_booking(conn: Connection, booking_id: uuid.UUID, viewer: AuthUser) -> BookingOut:
    """A booking for its student, its teacher or an admin; 404 for everyone else."""
    row = await repository.get_booking(conn, booking_id)
    if row is None or not _is_party(row, viewer):
        raise NotFound("No such booking", code="booking_not_found")
    return _to_out(row, await _names(conn, [row["student_id"], row["teacher_id"]]))


def _after_key(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    try:
        return datetime.fromisoformat(str(key["t"])), uuid.UUID(str(key["id"]))
    except (KeyError, ValueError) as exc:
        raise BadRequest("Invalid cursor", code="invalid_cursor") from exc


async def list_bookings(
    conn: Connection,
    viewer: AuthUser,
    role: Role | None,
    status: str | None,
    starts_from: datetime | None,
    cursor: str | None,
    limit: int,
) -> BookingPage:
    """The viewer's own bookings (as student, as teacher, or both), by start time."""
    rows = await repository.list_for_user(
        conn,
        user_id=viewer.id,
        as_student=role in (None, "student"),
        as_teacher=role in (None, "teacher"),
        status=status,
        starts_from=starts_from,
        after=_after_key(cursor),
        limit=limit + 1,
    )
    page, more = split_page(rows, limit)
    ids = [r["student_id"] for r in page] + [r["teacher_id"] for r in page]
    names = await _names(conn, ids)
    items = [_to_out(r, names) for r in page]
    next_cursor = (
        encode_cursor({"t": items[-1].starts_at.isoformat(), "id": str(items[-1].id)})
        if more
        else None
    )
    return BookingPage(items=items, next_cursor=next_cursor)


# --- taking a slot ----------------------------------------------------------------------------


def _taking_bookings(rules: BookingRules | None) -> BookingRules:
    if rules is None:
        raise Conflict("This teacher does not take bookings yet", code="not_taking_bookings")
    return rules


async def _rules_or_conflict(conn: Connection, teacher_id: uuid.UUID) -> BookingRules:
    return _taking_bookings(await availability.booking_rules(conn, teacher_id))


async def _insert(
    conn: Connection,
    service: ServiceOut,
    rules: BookingRules,
    student_id: uuid.UUID,
    start: datetime,
    *,
    now: datetime,
    order: Order | None = None,
    package_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Take the time: release lapsed holds in its range, then insert (a hold for an order, a
    booking for a credit). 409 slot_taken when the database finds it taken."""
    end = start + timedelta(minutes=service.duration_minutes)
    blocked_until = end + rules.buffer
    await holds.release_lapsed_holds(conn, now, rules.teacher_id, start, blocked_until)
    try:
        return await repository.insert_booking(
            conn,
            order_id=order.id if order else None,
            package_id=package_id,
            service_id=service.id,
            student_id=student_id,
            teacher_id=rules.teacher_id,
            title=service.title,
            starts_at=start,
            ends_at=end,
            blocked_until=blocked_until,
            status="held" if order else "booked",
            hold_expires_at=order.checkout_expires_at if order else None,
            cancellation_window_hours=rules.cancellation_window_hours,
            delivery=service.delivery,
            meeting_url=rules.meeting_url if service.delivery == "online" else "",
            location=rules.location if service.delivery == "in_person" else "",
        )
    except asyncpg.ExclusionViolationError as exc:
        raise _slot_taken() from exc


async def book_with_credit(
    conn: Connection, student: AuthUser, body: BookingCreate, now: datetime | None = None
) -> BookingOut:
    """Book a session with a credit from the student's package with this teacher (the one that
    expires first), in one transaction with the booking itself."""
    now = now or utcnow()
    if not body.use_credit:
        raise Unprocessable(
            "To pay for a session, place an order: POST /orders with service_id and slot_start",
            code="use_order",
        )
    service = await services_service.get_for_order(conn, body.service_id)
    if service is None or service.status == "draft":
        raise NotFound("No such service", code="service_not_found")
    if service.teacher_id == student.id:
        raise Forbidden("You cannot book your own service", code="own_item")
    if service.status != "active":
        raise Conflict("This service is archived", code="item_unavailable")
    availability.require_bookable(service)
    rules = await _rules_or_conflict(conn, service.teacher_id)
    duration = timedelta(minutes=service.duration_minutes)
    await availability.check_start(conn, rules, body.slot_start, duration, now)
    package = _first_usable(
        await repository.lock_active_packages(conn, student.id, service.teacher_id),
        service.duration_minutes,
        now,
    )
    if package is None:
        raise Conflict(
            "You have no valid package credit with this teacher for a session this long",
            code="no_credit",
        )
    await repository.use_credit(conn, package["id"])
    booking_id = await _insert(
        conn, service, rules, student.id, body.slot_start, now=now, package_id=package["id"]
    )
    await notices.booked(conn, booking_id)
    return await _booking_out(conn, booking_id)


def _first_usable(packages: list[Any], minutes: int, now: datetime) -> Any | None:
    for package in packages:
        if (
            package["expires_at"] > now
            and package["credits_used"] < package["credits_total"]
            and package["session_minutes"] >= minutes
        ):
            return package
    return None


# --- the marketplace's hooks (app.orders.kinds.service) ---------------------------------------


async def service_for_order(conn: Connection, service_id: uuid.UUID) -> ServiceForOrder | None:
    """The service an order is about to buy (any status; None when there is none) with its
    teacher's booking rules, in one round trip: what check_order and on_order_created need."""
    return await availability.service_for_order(conn, service_id)


async def check_order(
    conn: Connection,
    item: ServiceForOrder,
    slot_start: datetime | None,
    now: datetime | None = None,
) -> None:
    """What an order of a service needs (its quote): a package needs its terms and no time; a
    reading, coaching or session of a teacher who takes bookings needs an offered start time.
    Services of a teacher without availability are sold without a time, as before."""
    now = now or utcnow()
    service = item.service
    if service.kind == "package":
        if slot_start is not None:
            raise Unprocessable(
                "A package is bought without a time; book its sessions with POST /bookings",
                code="slot_not_allowed",
            )
        if service.sessions_count is None or service.valid_months is None:
            raise Conflict(
                "The teacher has not set this package's terms yet", code="package_not_ready"
            )
        return
    rules = item.rules
    if rules is None:
        if slot_start is not None:
            raise Conflict(
                "This teacher does not take bookings of times yet", code="not_taking_bookings"
            )
        return
    if slot_start is None:
        raise Unprocessable(
            f"Choose a time: slot_start from GET /teachers/{service.teacher_id}/slots",
            code="slot_required",
        )
    duration = timedelta(minutes=service.duration_minutes)
    await availability.check_start(conn, rules, slot_start, duration, now)


async def on_order_created(
    conn: Connection,
    order: Order,
    slot_start: datetime | None,
    now: datetime | None = None,
    *,
    item: ServiceForOrder | None = None,
) -> None:
    """A new pending order: hold its slot until the checkout expires, or record the package's
    terms (credits come with the payment). `item` is the order's service and its teacher's
    rules when the caller has just read them (the order's quote); otherwise they are read
    here."""
    now = now or utcnow()
    if order.service_id is None:
        return
    if item is None or item.service.id != order.service_id:
        item = await service_for_order(conn, order.service_id)
    if item is None:
        return
    service = item.service
    if service.kind == "package":
        assert service.sessions_count is not None and service.valid_months is not None  # noqa: S101 - check_order refused it otherwise
        await repository.insert_pending_package(
            conn,
            order_id=order.id,
            service_id=service.id,
            student_id=order.buyer_id,
            teacher_id=service.teacher_id,
            title=service.title,
            credits_total=service.sessions_count,
            session_minutes=service.duration_minutes,
            valid_months=service.valid_months,
        )
        return
    if slot_start is None:
        return
    rules = _taking_bookings(item.rules)
    await _insert(conn, service, rules, order.buyer_id, slot_start, now=now, order=order)


async def _confirm(conn: Connection, booking_id: uuid.UUID) -> bool:
    """held/expired -> booked; False when the time went to someone else meanwhile. A savepoint
    keeps the refused update from aborting the payment's transaction."""
    try:
        async with conn.transaction():
            await repository.confirm(conn, booking_id)
    except asyncpg.ExclusionViolationError:
        return False
    return True


async def on_order_paid(conn: Connection, order: Order, now: datetime | None = None) -> None:
    """The order was paid: its package's credits become usable, or its hold becomes a booking.
    A payment that arrives after its hold lapsed still books the time if it is free; if someone
    else took it (or it has passed), the payment is refunded in full and the buyer told."""
    now = now or utcnow()
    row = await repository.activate_package_or_lock_booking(conn, order.id, order.paid_at or now)
    if row is None or row["status"] not in ("held", "expired"):
        return
    if row["status"] == "expired":
        await holds.release_lapsed_holds(
            conn, now, row["teacher_id"], row["starts_at"], row["blocked_until"]
        )
    if row["starts_at"] > now and await _confirm(conn, row["id"]):
        await notices.booked(conn, row["id"])
        return
    await repository.expire_hold(conn, row["id"])
    if order.amount_cents > 0:
        await orders_service.refund_order(
            conn, order.id, None, None, "Tiden hann bokas av någon annan före betalningen"
        )
        await repository.set_refunded(conn, row["id"])
    await notices.slot_lost(conn, row["id"])


async def on_order_refunded(conn: Connection, order: Order, fully: bool) -> None:
    """A full refund takes back what the order gave: the package's remaining credits, or the
    booked session (canceled, both sides told). A partial refund is a gesture: nothing changes."""
    if not fully:
        return
    if await repository.set_package_status(conn, order.id, "revoked", ["pending", "active"]):
        return
    row = await repository.lock_by_order(conn, order.id)
    if row is None:
        return
    if row["status"] == "booked":
        reason = "Beställningen har återbetalats"
        await repository.set_canceled(conn, row["id"], None, reason, refunded=True)
        await notices.canceled(conn, row["id"], True, "money", reason)
    else:
        await repository.set_refunded(conn, row["id"])


async def on_order_ended(conn: Connection, order: Order) -> None:
    """The order ended unpaid (checkout expired or canceled): its hold frees the slot, its
    package will never be paid."""
    await repository.set_package_status(conn, order.id, "canceled", ["pending"])
    row = await repository.lock_by_order(conn, order.id)
    if row is not None and row["status"] == "held":
        await repository.expire_hold(conn, row["id"])


# --- changing a booking -----------------------------------------------------------------------


async def _lock_for_change(conn: Connection, booking_id: uuid.UUID, actor: AuthUser) -> Any:
    """The booking, locked after its order (see the module's note on locks); 404 for anyone
    who is not a party."""
    row = await repository.get_booking(conn, booking_id)
    if row is None or not _is_party(row, actor):
        raise NotFound("No such booking", code="booking_not_found")
    if row["order_id"] is not None:
        await orders_service.lock_order(conn, row["order_id"])
    return await repository.lock_booking(conn, booking_id)


def _require_booked(row: Any, now: datetime) -> None:
    if row["status"] == "held":
        raise Conflict(
            "The booking waits for its payment: cancel its order instead "
            f"(POST /orders/{row['order_id']}/cancel)",
            code="booking_not_confirmed",
        )
    if row["status"] != "booked":
        raise Conflict(f"The booking is {row['status']}", code="booking_not_active")
    if row["starts_at"] <= now:
        raise Conflict("The session has already started", code="booking_started")


def _within_free_window(row: Any, now: datetime) -> bool:
    return now <= notices.free_cancellation_until(row)


async def _what_to_give_back(conn: Connection, row: Any) -> notices.Refund:
    """'credit' for a package booking, 'money' while the order has a payment left to refund,
    'free' when nothing was (or is still) paid."""
    if row["package_id"] is not None:
        return "credit"
    order = await orders_service.get_order(conn, row["order_id"])
    if order.status not in REFUNDABLE_STATUSES or order.refunded_cents >= order.amount_cents:
        return "free"
    return "money"


async def _give_back(conn: Connection, row: Any, reason: str) -> notices.Refund:
    """The credit back to its package, or the order's payment refunded in full."""
    refund = await _what_to_give_back(conn, row)
    if refund == "credit":
        await repository.return_credit(conn, row["package_id"])
    elif refund == "money":
        await orders_service.refund_order(
            conn, row["order_id"], None, None, reason or "Avbokad session"
        )
    return refund


async def cancel_booking(
    conn: Connection,
    booking_id: uuid.UUID,
    actor: AuthUser,
    reason: str = "",
    now: datetime | None = None,
) -> BookingOut:
    """Cancel a booked session. The student gets everything back (money or credit) up to
    cancellation_window_hours before the start, nothing later; when the teacher (or an admin)
    cancels, the student always gets everything back."""
    now = now or utcnow()
    row = await _lock_for_change(conn, booking_id, actor)
    _require_booked(row, now)
    by_teacher = _acts_as_teacher(row, actor)
    give_back = by_teacher or _within_free_window(row, now)
    reason = reason.strip()
    await repository.set_canceled(conn, booking_id, actor.id, reason, refunded=give_back)
    refund: notices.Refund = await _give_back(conn, row, reason) if give_back else "none"
    await notices.canceled(conn, booking_id, by_teacher, refund, reason)
    await record(
        conn,
        "booking.cancel",
        actor_id=actor.id,
        subject_user_id=row["student_id"],
        object_type="booking",
        object_id=str(booking_id),
        meta={"by_teacher": by_teacher, "refund": refund, "starts_at": row["starts_at"]},
    )
    return await _booking_out(conn, booking_id)


async def grant_refund(
    conn: Connection, booking_id: uuid.UUID, actor: AuthUser, now: datetime | None = None
) -> BookingOut:
    """The teacher gives back what a late cancellation (or a no-show) kept: the payment in
    full, or the credit."""
    row = await _lock_for_change(conn, booking_id, actor)
    if not _acts_as_teacher(row, actor):
        raise Forbidden("Only the teacher can grant a refund", code="not_teacher")
    if row["status"] not in ("canceled", "no_show"):
        raise Conflict(
            "Only a canceled or no-show booking can be refunded this way; cancel it as the "
            "teacher to refund it in full",
            code="booking_not_refundable",
        )
    if row["refunded"]:
        raise Conflict("This booking has already been refunded", code="already_refunded")
    if await _what_to_give_back(conn, row) == "free":
        raise Conflict("Nothing was paid for this session", code="nothing_to_refund")
    await repository.set_refunded(conn, booking_id)
    refund = await _give_back(conn, row, "Återbetalning beviljad av läraren")
    await notices.refund_granted(conn, booking_id, refund)
    await record(
        conn,
        "booking.refund_granted",
        actor_id=actor.id,
        subject_user_id=row["student_id"],
        object_type="booking",
        object_id=str(booking_id),
        meta={"refund": refund},
    )
    return await _booking_out(conn, booking_id)


async def reschedule_booking(
    conn: Connection,
    booking_id: uuid.UUID,
    actor: AuthUser,
    slot_start: datetime,
    now: datetime | None = None,
) -> BookingOut:
    """Move a booked session to another free start time, without paying again. The student may
    move it while free cancellation lasts; the teacher at any time before it starts."""
    now = now or utcnow()
    row = await _lock_for_change(conn, booking_id, actor)
    _require_booked(row, now)
    by_teacher = _acts_as_teacher(row, actor)
    if not by_teacher and not _within_free_window(row, now):
        raise Conflict(
            f"Sessions can be moved until {row['cancellation_window_hours']} hours before "
            "they start; ask the teacher",
            code="reschedule_window_passed",
        )
    if slot_start == row["starts_at"]:
        raise Unprocessable("The session already starts at this time", code="same_time")
    rules = await _rules_or_conflict(conn, row["teacher_id"])
    duration = row["ends_at"] - row["starts_at"]
    await availability.check_start(conn, rules, slot_start, duration, now)
    end = slot_start + duration
    await holds.release_lapsed_holds(conn, now, row["teacher_id"], slot_start, end + rules.buffer)
    try:
        await repository.move(conn, booking_id, slot_start, end, end + rules.buffer)
    except asyncpg.ExclusionViolationError as exc:
        raise _slot_taken() from exc
    await notices.rescheduled(conn, booking_id, row["starts_at"], by_teacher)
    return await _booking_out(conn, booking_id)


async def mark_attendance(
    conn: Connection,
    booking_id: uuid.UUID,
    actor: AuthUser,
    status: Literal["completed", "no_show"],
    now: datetime | None = None,
) -> BookingOut:
    """After the start, the teacher marks the session completed (which also fulfils its paid
    order) or the student a no-show."""
    now = now or utcnow()
    row = await _lock_for_change(conn, booking_id, actor)
    if not _acts_as_teacher(row, actor):
        raise Forbidden("Only the teacher can mark attendance", code="not_teacher")
    if row["status"] != "booked":
        raise Conflict(f"The booking is {row['status']}", code="booking_not_active")
    if row["starts_at"] > now:
        raise Conflict("The session has not started yet", code="booking_not_started")
    await repository.set_attendance(conn, booking_id, status)
    if status == "completed" and row["order_id"] is not None:
        order = await orders_service.get_order(conn, row["order_id"])
        if order.status == "paid":
            await orders_service.fulfil_order(conn, order.id, actor)
    return await _booking_out(conn, booking_id)


async def update_place(
    conn: Connection, booking_id: uuid.UUID, actor: AuthUser, body: BookingUpdate
) -> BookingOut:
    """The teacher sets the meeting link or the place; the student gets an updated invitation."""
    row = await _lock_for_change(conn, booking_id, actor)
    if not _acts_as_teacher(row, actor):
        raise Forbidden("Only the teacher can change where the session is", code="not_teacher")
    if row["status"] not in ("held", "booked"):
        raise Conflict(f"The booking is {row['status']}", code="booking_not_active")
    await repository.update_place(
        conn,
        booking_id,
        body.meeting_url.strip() if body.meeting_url is not None else None,
        body.location.strip() if body.location is not None else None,
    )
    if row["status"] == "booked":
        await notices.details_changed(conn, booking_id)
    return await _booking_out(conn, booking_id)


# --- packages and credits ---------------------------------------------------------------------


async def set_package_terms(
    conn: Connection, service_id: uuid.UUID, user: AuthUser, body: PackageTermsIn
) -> PackageTermsOut:
    """N sessions valid for M months, on the teacher's own service of kind package. Orders
    already placed keep the terms they were placed with."""
    service = await services_service.set_package_terms(
        conn, service_id, user, body.sessions_count, body.valid_months
    )
    return PackageTermsOut(
        service_id=service.id,
        sessions_count=body.sessions_count,
        valid_months=body.valid_months,
        session_minutes=service.duration_minutes,
    )


async def list_credits(
    conn: Connection,
    student: AuthUser,
    usable_only: bool,
    cursor: str | None,
    limit: int,
    now: datetime | None = None,
) -> CreditPage:
    """The student's packages (newest first) with the credits left in each."""
    now = now or utcnow()
    key = decode_cursor(cursor)
    after = None
    if key is not None:
        try:
            after = (datetime.fromisoformat(str(key["t"])), uuid.UUID(str(key["id"])))
        except (KeyError, ValueError) as exc:
            raise BadRequest("Invalid cursor", code="invalid_cursor") from exc
    rows = await repository.list_packages(conn, student.id, usable_only, now, after, limit + 1)
    page, more = split_page(rows, limit)
    names = await _names(conn, [r["teacher_id"] for r in page])
    items = [
        Credit(
            package_id=r["id"],
            order_id=r["order_id"],
            service_id=r["service_id"],
            title=r["title"],
            teacher=Party(id=r["teacher_id"], display_name=names.get(r["teacher_id"], "")),
            credits_total=r["credits_total"],
            credits_used=r["credits_used"],
            credits_left=r["credits_total"] - r["credits_used"],
            session_minutes=r["session_minutes"],
            status=r["status"],
            activated_at=r["activated_at"],
            expires_at=r["expires_at"],
            usable=r["status"] == "active"
            and r["expires_at"] > now
            and r["credits_used"] < r["credits_total"],
        )
        for r in page
    ]
    next_cursor = (
        encode_cursor({"t": page[-1]["created_at"].isoformat(), "id": str(page[-1]["id"])})
        if more
        else None
    )
    return CreditPage(
        items=items,
        next_cursor=next_cursor,
        usable_credits=await repository.usable_credit_total(conn, student.id, now),
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    """Booking rules and hours (teachers), session packages and bookings (either side)."""
    return await repository.export_rows(conn, user_id)


async def erasure_blockers(conn: Connection, user_id: uuid.UUID) -> list[str]:
    """Booked sessions still to come, and packages sold with credits left, must be settled
    (canceled or refunded) before the account can go."""
    now = utcnow()
    blockers = []
    upcoming = await repository.count_upcoming_booked(conn, user_id, now)
    if upcoming:
        blockers.append(f"{upcoming} upcoming booked session(s): cancel them first")
    sold = await repository.count_sold_packages_with_credits(conn, user_id, now)
    if sold:
        blockers.append(f"{sold} sold session package(s) with credits left: refund them first")
    return blockers


async def writings_of(conn: Connection, user_id: uuid.UUID) -> list[str]:
    """What the user wrote that the other party's mail quotes: cancellation reasons."""
    return await repository.cancel_reasons_by(conn, user_id)


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    """Forget the user's bookings and packages (either side) and booking rules; the orders
    that paid for them stay, pseudonymised, with orders."""
    await repository.delete_all_of_user(conn, user_id)


async def delete_for_orders(conn: Connection, order_ids: list[uuid.UUID]) -> None:
    """purge-retained: bookings and packages of orders about to be deleted."""
    if order_ids:
        await repository.delete_for_orders(conn, order_ids)
