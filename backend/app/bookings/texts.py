"""The Swedish texts of booking mails and notifications, with times in Stockholm time."""

from dataclasses import dataclass
from datetime import datetime

from app.mail.swedish import SIGNATURE, Message, clock, swedish_time


@dataclass(frozen=True)
class Session:
    """What the texts say about one booked session."""

    title: str
    student: str
    teacher: str
    starts_at: datetime
    ends_at: datetime
    meeting_url: str
    location: str
    free_cancellation_until: datetime


def when(session: Session) -> str:
    return f"{swedish_time(session.starts_at)}–{clock(session.ends_at)} (svensk tid)"


def _where(session: Session) -> str:
    lines = []
    if session.meeting_url:
        lines.append(f"Länk till mötet: {session.meeting_url}")
    if session.location:
        lines.append(f"Plats: {session.location}")
    if not lines:
        lines.append("Läraren skickar länk eller plats före sessionen.")
    return "\n".join(lines)


def _calendar_note() -> str:
    return "Kalenderfilen i bilagan lägger in sessionen i din kalender."


def booked_student(s: Session) -> Message:
    return Message(
        subject=f"Bokat: {s.title}, {swedish_time(s.starts_at)}",
        body=(
            f"Hej {s.student}!\n\nDin session ”{s.title}” med {s.teacher} är bokad:\n"
            f"{when(s)}\n\n{_where(s)}\n\n"
            f"Du kan avboka kostnadsfritt fram till {swedish_time(s.free_cancellation_until)}. "
            f"{_calendar_note()}{SIGNATURE}"
        ),
        title=f"Bokat: {s.title}",
        notice=f"{swedish_time(s.starts_at)} med {s.teacher}.",
    )


def booked_teacher(s: Session) -> Message:
    return Message(
        subject=f"Ny bokning: {s.title}, {swedish_time(s.starts_at)}",
        body=(
            f"Hej {s.teacher}!\n\n{s.student} har bokat ”{s.title}”:\n{when(s)}\n\n"
            f"{_where(s)}\n\n{_calendar_note()}{SIGNATURE}"
        ),
        title=f"Ny bokning: {s.title}",
        notice=f"{s.student}, {swedish_time(s.starts_at)}.",
    )


def _refund_line(refund: str) -> str:
    return {
        "money": "Hela beloppet betalas tillbaka till dig.",
        "credit": "Sessionen har lagts tillbaka i ditt paket.",
        "none": (
            "Avbokningen gjordes efter gränsen för kostnadsfri avbokning, så ingen "
            "återbetalning görs. Läraren kan ändå välja att betala tillbaka."
        ),
        "free": "Sessionen var kostnadsfri.",
    }[refund]


def canceled_student(s: Session, by_teacher: bool, refund: str, reason: str) -> Message:
    who = f"{s.teacher} har ställt in" if by_teacher else "Du har avbokat"
    why = f"\nOrsak: {reason}" if reason else ""
    return Message(
        subject=f"Avbokat: {s.title}, {swedish_time(s.starts_at)}",
        body=(
            f"Hej {s.student}!\n\n{who} sessionen ”{s.title}” {when(s)}.{why}\n\n"
            f"{_refund_line(refund)}{SIGNATURE}"
        ),
        title=f"Avbokat: {s.title}",
        notice=f"{swedish_time(s.starts_at)}. {_refund_line(refund)}",
    )


def canceled_teacher(s: Session, by_teacher: bool, refund: str, reason: str) -> Message:
    who = "Du har ställt in" if by_teacher else f"{s.student} har avbokat"
    why = f"\nOrsak: {reason}" if reason else ""
    outcome = {
        "money": "Eleven får hela beloppet tillbaka.",
        "credit": "Eleven har fått tillbaka sessionen i sitt paket.",
        "none": (
            "Avbokningen kom efter gränsen för kostnadsfri avbokning: ingen återbetalning. "
            "Du kan betala tillbaka ändå under Bokningar."
        ),
        "free": "Sessionen var kostnadsfri.",
    }[refund]
    return Message(
        subject=f"Avbokat: {s.title}, {swedish_time(s.starts_at)}",
        body=(
            f"Hej {s.teacher}!\n\n{who} sessionen ”{s.title}” med {s.student} {when(s)}.{why}\n\n"
            f"{outcome}\nTiden är ledig att boka igen.{SIGNATURE}"
        ),
        title=f"Avbokat: {s.title}",
        notice=f"{s.student}, {swedish_time(s.starts_at)}.",
    )


def rescheduled(s: Session, name: str, old_start: datetime, by: str) -> Message:
    return Message(
        subject=f"Ny tid: {s.title}, {swedish_time(s.starts_at)}",
        body=(
            f"Hej {name}!\n\n{by} har flyttat sessionen ”{s.title}” från "
            f"{swedish_time(old_start)} till:\n{when(s)}\n\n{_where(s)}\n\n"
            f"Kalenderfilen i bilagan uppdaterar händelsen i din kalender.{SIGNATURE}"
        ),
        title=f"Ny tid: {s.title}",
        notice=f"Flyttad till {swedish_time(s.starts_at)}.",
    )


def details_changed(s: Session) -> Message:
    return Message(
        subject=f"Uppdaterad: {s.title}, {swedish_time(s.starts_at)}",
        body=(
            f"Hej {s.student}!\n\n{s.teacher} har uppdaterat var sessionen ”{s.title}” "
            f"{when(s)} äger rum:\n\n{_where(s)}{SIGNATURE}"
        ),
        title=f"Uppdaterad: {s.title}",
        notice=_where(s),
    )


def slot_lost(s: Session) -> Message:
    return Message(
        subject=f"Tiden hann bokas av någon annan: {s.title}",
        body=(
            f"Hej {s.student}!\n\nDin betalning för ”{s.title}” {when(s)} kom fram efter att "
            "reservationen av tiden hade gått ut, och tiden hann bokas av någon annan. Hela "
            f"beloppet betalas tillbaka till dig. Välj gärna en ny tid.{SIGNATURE}"
        ),
        title=f"Tiden hann bokas: {s.title}",
        notice="Betalningen återbetalas. Välj gärna en ny tid.",
    )


def refund_granted(s: Session, refund: str) -> Message:
    what = (
        "Hela beloppet betalas tillbaka till dig."
        if refund == "money"
        else "Sessionen har lagts tillbaka i ditt paket."
    )
    return Message(
        subject=f"Återbetalning: {s.title}",
        body=(
            f"Hej {s.student}!\n\n{s.teacher} har valt att kompensera dig för sessionen "
            f"”{s.title}” {when(s)}. {what}{SIGNATURE}"
        ),
        title=f"Återbetalning: {s.title}",
        notice=what,
    )
