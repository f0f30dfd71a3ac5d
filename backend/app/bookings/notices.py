"""Mails (with a calendar file) and in-app notifications about a booking, to both sides.

Everything is queued in the caller's transaction, so nothing is sent for a change that rolls
back. Notifications have kind 'booking'; data.type says which notice it is.
"""

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Literal

from app.bookings import ics, repository, texts
from app.db import Connection
from app.mail.service import attachment, queue_mail
from app.notifications.service import notify
from app.profiles import service as profiles_service

NOTIFICATION_KIND = "booking"
MAIL_KIND = "booking"
Refund = Literal["money", "credit", "none", "free"]


def free_cancellation_until(row: Any) -> datetime:
    start: datetime = row["starts_at"]
    return start - timedelta(hours=row["cancellation_window_hours"])


class _Parties:
    def __init__(self, row: Any, people: dict[uuid.UUID, Any]) -> None:
        self.row = row
        self.student = people[row["student_id"]]
        self.teacher = people[row["teacher_id"]]
        self.session = texts.Session(
            title=row["title"],
            student=self.student["display_name"],
            teacher=self.teacher["display_name"],
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            meeting_url=row["meeting_url"],
            location=row["location"],
            free_cancellation_until=free_cancellation_until(row),
        )

    def other_than(self, person: Any) -> uuid.UUID:
        """The other party of the booking: the one a message to `person` is about."""
        other = self.teacher if person["user_id"] == self.student["user_id"] else self.student
        return uuid.UUID(str(other["user_id"]))

    def event(self) -> ics.CalendarEvent:
        s = self.session
        place = s.location or s.meeting_url
        return ics.CalendarEvent(
            uid=str(self.row["id"]),
            sequence=self.row["sequence"],
            start=s.starts_at,
            end=s.ends_at,
            summary=f"{s.title} ({s.teacher} och {s.student})",
            description=f"Bokad via Wisdom by SoulWisdom. {texts.when(s)}.",
            location=place,
            url=s.meeting_url,
            organizer=ics.Person(s.teacher, self.teacher["email"]),
            attendee=ics.Person(s.student, self.student["email"]),
        )


async def _load(conn: Connection, booking_id: uuid.UUID) -> _Parties:
    row = await repository.get_booking(conn, booking_id)
    people = await profiles_service.get_rows(conn, [row["student_id"], row["teacher_id"]])
    return _Parties(row, people)


async def _tell(
    conn: Connection,
    person: Any,
    message: texts.Message,
    parties: _Parties,
    notice_type: str,
    calendar: Literal["REQUEST", "CANCEL"] | None,
) -> None:
    files = []
    if calendar is not None:
        name = "avbokning.ics" if calendar == "CANCEL" else "bokning.ics"
        files.append(attachment(name, "text/calendar", ics.build(parties.event(), calendar)))
    await queue_mail(
        conn,
        to=person["email"],
        subject=message.subject[:300],
        body=message.body,
        user_id=person["user_id"],
        kind=MAIL_KIND,
        attachments=files,
        about=parties.other_than(person),
    )
    await notify(
        conn,
        person["user_id"],
        NOTIFICATION_KIND,
        message.title[:200],
        message.notice[:2000],
        link=f"/bookings/{parties.row['id']}",
        data={"booking_id": str(parties.row["id"]), "type": notice_type},
        about=parties.other_than(person),
    )


async def booked(conn: Connection, booking_id: uuid.UUID) -> None:
    p = await _load(conn, booking_id)
    await _tell(conn, p.student, texts.booked_student(p.session), p, "booked", "REQUEST")
    await _tell(conn, p.teacher, texts.booked_teacher(p.session), p, "booked", "REQUEST")


async def canceled(
    conn: Connection, booking_id: uuid.UUID, by_teacher: bool, refund: Refund, reason: str
) -> None:
    p = await _load(conn, booking_id)
    to_student = texts.canceled_student(p.session, by_teacher, refund, reason)
    to_teacher = texts.canceled_teacher(p.session, by_teacher, refund, reason)
    await _tell(conn, p.student, to_student, p, "canceled", "CANCEL")
    await _tell(conn, p.teacher, to_teacher, p, "canceled", "CANCEL")


async def rescheduled(
    conn: Connection, booking_id: uuid.UUID, old_start: datetime, by_teacher: bool
) -> None:
    p = await _load(conn, booking_id)
    by = p.session.teacher if by_teacher else p.session.student
    for person in (p.student, p.teacher):
        message = texts.rescheduled(p.session, person["display_name"], old_start, by)
        await _tell(conn, person, message, p, "rescheduled", "REQUEST")


async def details_changed(conn: Connection, booking_id: uuid.UUID) -> None:
    p = await _load(conn, booking_id)
    await _tell(conn, p.student, texts.details_changed(p.session), p, "updated", "REQUEST")


async def _student_only(
    conn: Connection,
    booking_id: uuid.UUID,
    notice_type: str,
    make: Callable[[texts.Session], texts.Message],
) -> None:
    p = await _load(conn, booking_id)
    await _tell(conn, p.student, make(p.session), p, notice_type, None)


async def slot_lost(conn: Connection, booking_id: uuid.UUID) -> None:
    await _student_only(conn, booking_id, "slot_lost", texts.slot_lost)


async def refund_granted(conn: Connection, booking_id: uuid.UUID, refund: Refund) -> None:
    await _student_only(
        conn, booking_id, "refund_granted", lambda s: texts.refund_granted(s, refund)
    )
