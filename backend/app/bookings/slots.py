"""Slot math: a teacher's hours in Stockholm wall-clock time turned into the instants a session
may start. Pure functions (no database), so daylight-saving changes can be tested directly.

Hours are minutes after local midnight (1440 = the midnight that ends the day). Each open span
of a day is converted to UTC on its own date, so 09:00-12:00 is 08:00Z-11:00Z in winter and
07:00Z-10:00Z in summer, and a span across the change itself is as long as it really is.
Start times step from the span's start by the session's duration plus the buffer, in real time.
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TIME_ZONE = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(TIME_ZONE)
MINUTES_PER_DAY = 1440


@dataclass(frozen=True, order=True)
class Span:
    """Local minutes [start, end) of one day."""

    start: int
    end: int


@dataclass(frozen=True)
class DayException:
    kind: str  # 'closed' (span None: the whole day) or 'extra'
    span: Span | None


@dataclass(frozen=True)
class Rules:
    """A teacher's weekly hours (ISO weekday 1-7 -> spans) and exceptions by local date."""

    weekly: Mapping[int, Sequence[Span]]
    exceptions: Mapping[date, Sequence[DayException]] = field(default_factory=dict)


def minutes_of(text: str) -> int:
    """'09:30' -> 570; '24:00' -> 1440."""
    hours, _, minutes = text.partition(":")
    return int(hours) * 60 + int(minutes)


def clock_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def local_date(moment: datetime) -> date:
    return moment.astimezone(STOCKHOLM).date()


def local_instant(day: date, minute: int) -> datetime:
    """The UTC instant of a Stockholm wall-clock time; minute 1440 is the next midnight.

    A time the spring change skips (02:00-03:00) is read with the offset before the change, so
    it lands an hour later (02:30 -> 03:30 CEST); a time the autumn change repeats is its first
    occurrence (summer time)."""
    day = day + timedelta(days=minute // MINUTES_PER_DAY)
    minute %= MINUTES_PER_DAY
    local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=STOCKHOLM)
    return local.astimezone(UTC)


def merge(spans: Iterable[Span]) -> list[Span]:
    """Overlapping or touching spans joined, in order."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


def subtract(spans: Iterable[Span], cuts: Iterable[Span]) -> list[Span]:
    """What is left of spans once the cuts are taken out."""
    left = merge(spans)
    for cut in merge(cuts):
        pieces: list[Span] = []
        for span in left:
            if cut.end <= span.start or span.end <= cut.start:
                pieces.append(span)
                continue
            if span.start < cut.start:
                pieces.append(Span(span.start, cut.start))
            if cut.end < span.end:
                pieces.append(Span(cut.end, span.end))
        left = pieces
    return left


def open_spans(rules: Rules, day: date) -> list[Span]:
    """The hours open on a local date: the weekday's hours unless a 'closed' exception takes
    the day (or some hours) off, plus any 'extra' hours of that date."""
    exceptions = rules.exceptions.get(day, ())
    weekly: list[Span] = list(rules.weekly.get(day.isoweekday(), ()))
    if any(e.kind == "closed" and e.span is None for e in exceptions):
        weekly = []
    cuts = [e.span for e in exceptions if e.kind == "closed" and e.span is not None]
    extra = [e.span for e in exceptions if e.kind == "extra" and e.span is not None]
    return merge([*subtract(weekly, cuts), *extra])


def day_starts(
    rules: Rules, day: date, duration: timedelta, buffer: timedelta
) -> Iterator[datetime]:
    """Every start time the rules offer on a local date (UTC), busy or not."""
    step = duration + buffer
    for span in open_spans(rules, day):
        start = local_instant(day, span.start)
        end = local_instant(day, span.end)
        moment = start
        while moment + duration <= end:
            yield moment
            moment += step


def is_free(
    start: datetime,
    duration: timedelta,
    buffer: timedelta,
    busy: Iterable[tuple[datetime, datetime]],
) -> bool:
    """Whether [start, start + duration + buffer) overlaps no busy [from, until) range: the same
    test the database's exclusion constraint makes on insert."""
    until = start + duration + buffer
    return all(not (taken_from < until and start < taken_until) for taken_from, taken_until in busy)


def free_starts(
    rules: Rules,
    first_day: date,
    last_day: date,
    duration: timedelta,
    buffer: timedelta,
    busy: Sequence[tuple[datetime, datetime]],
    earliest: datetime,
    latest: datetime,
) -> list[datetime]:
    """The free start times from first_day to last_day (local dates, inclusive) that lie
    between earliest and latest."""
    found: list[datetime] = []
    day = first_day
    while day <= last_day:
        for start in day_starts(rules, day, duration, buffer):
            if earliest <= start <= latest and is_free(start, duration, buffer, busy):
                found.append(start)
        day += timedelta(days=1)
    return found


def is_offered_start(rules: Rules, start: datetime, duration: timedelta, buffer: timedelta) -> bool:
    """Whether the rules offer this exact start time (busy or not)."""
    return start in set(day_starts(rules, local_date(start), duration, buffer))
