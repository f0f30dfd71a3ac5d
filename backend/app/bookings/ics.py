"""iCalendar (RFC 5545) files for booking mails: an invitation (METHOD:REQUEST) when a session is
booked, moved or changed, a cancellation (METHOD:CANCEL) when it is called off. The UID is the
booking's id and SEQUENCE its change counter, so a calendar updates the one event it has."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

PRODID = "-//SoulWisdom//Wisdom//SV"
UID_DOMAIN = "wisdom.soulwisdom.se"
MAX_LINE_OCTETS = 75


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    start: datetime
    end: datetime
    summary: str
    description: str
    location: str
    url: str
    organizer: Person
    attendee: Person


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _text(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _param(value: str) -> str:
    """A parameter value (CN=...): quoted, without the characters a quoted value cannot hold."""
    return '"' + value.replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and a space, never
    splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = MAX_LINE_OCTETS if not out else MAX_LINE_OCTETS - 1
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def build(
    event: CalendarEvent, method: Literal["REQUEST", "CANCEL"], stamp: datetime | None = None
) -> bytes:
    stamp = stamp or datetime.now(UTC)
    canceled = method == "CANCEL"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:{event.uid}@{UID_DOMAIN}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(event.start)}",
        f"DTEND:{_utc(event.end)}",
        f"SUMMARY:{_text(event.summary)}",
        f"DESCRIPTION:{_text(event.description)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines += [
        f"ORGANIZER;CN={_param(event.organizer.name)}:mailto:{event.organizer.email}",
        f"ATTENDEE;CN={_param(event.attendee.name)};ROLE=REQ-PARTICIPANT;"
        f"PARTSTAT={'DECLINED' if canceled else 'ACCEPTED'}:mailto:{event.attendee.email}",
        f"STATUS:{'CANCELLED' if canceled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()
