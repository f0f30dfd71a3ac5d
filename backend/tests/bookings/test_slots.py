"""Availability (weekly hours, exceptions, rules) and the free slots it gives, correct across
daylight-saving changes in Stockholm."""

import calendar
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import asyncpg
import httpx

from app.bookings import availability
from app.bookings.slots import (
    STOCKHOLM,
    DayException,
    Rules,
    Span,
    free_starts,
    local_instant,
    open_spans,
)
from tests.bookings.helpers import (
    at,
    bookable_teacher,
    local_day,
    open_for_bookings,
    order_slot,
)
from tests.conftest import MakeUser
from tests.marketplace_helpers import published_service

HOUR = timedelta(hours=1)
MORNINGS = Rules({day: [Span(9 * 60, 12 * 60)] for day in range(1, 8)})


def _by_local_day(starts: list[datetime]) -> dict[date, list[str]]:
    days: dict[date, list[str]] = defaultdict(list)
    for start in starts:
        days[start.astimezone(STOCKHOLM).date()].append(start.astimezone(UTC).strftime("%H:%M"))
    return dict(days)


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() % 7))


# --- the slot math itself, on the 2027 changes (28 March and 31 October) ----------------------


def test_mornings_move_an_hour_in_utc_at_the_spring_change() -> None:
    now = datetime(2027, 3, 1, tzinfo=UTC)
    starts = free_starts(
        MORNINGS,
        date(2027, 3, 26),
        date(2027, 3, 29),
        HOUR,
        timedelta(0),
        [],
        now,
        now + 60 * HOUR * 24,
    )
    assert _by_local_day(starts) == {
        date(2027, 3, 26): ["08:00", "09:00", "10:00"],
        date(2027, 3, 27): ["08:00", "09:00", "10:00"],
        date(2027, 3, 28): ["07:00", "08:00", "09:00"],
        date(2027, 3, 29): ["07:00", "08:00", "09:00"],
    }
    assert {s.astimezone(STOCKHOLM).strftime("%H:%M") for s in starts} == {
        "09:00",
        "10:00",
        "11:00",
    }
    assert starts[0].astimezone(STOCKHOLM).isoformat() == "2027-03-26T09:00:00+01:00"
    assert starts[-1].astimezone(STOCKHOLM).isoformat() == "2027-03-29T11:00:00+02:00"


def test_mornings_move_back_at_the_autumn_change() -> None:
    now = datetime(2027, 10, 1, tzinfo=UTC)
    starts = free_starts(
        MORNINGS,
        date(2027, 10, 30),
        date(2027, 11, 1),
        HOUR,
        timedelta(0),
        [],
        now,
        now + 60 * HOUR * 24,
    )
    assert _by_local_day(starts) == {
        date(2027, 10, 30): ["07:00", "08:00", "09:00"],
        date(2027, 10, 31): ["08:00", "09:00", "10:00"],
        date(2027, 11, 1): ["08:00", "09:00", "10:00"],
    }


def test_hours_across_the_changing_night_are_as_long_as_they_really_are() -> None:
    night = Rules({7: [Span(60, 5 * 60)]})  # Sundays 01:00-05:00
    now = datetime(2027, 1, 1, tzinfo=UTC)
    later = now + timedelta(days=365)
    spring = free_starts(
        night, date(2027, 3, 28), date(2027, 3, 28), HOUR, timedelta(0), [], now, later
    )
    # 01:00 CET .. 05:00 CEST is three real hours.
    assert [s.astimezone(STOCKHOLM).isoformat() for s in spring] == [
        "2027-03-28T01:00:00+01:00",
        "2027-03-28T03:00:00+02:00",
        "2027-03-28T04:00:00+02:00",
    ]
    autumn = free_starts(
        night, date(2027, 10, 31), date(2027, 10, 31), HOUR, timedelta(0), [], now, later
    )
    # 01:00 CEST .. 05:00 CET is five real hours; 02:00 comes twice.
    assert [s.astimezone(STOCKHOLM).isoformat() for s in autumn] == [
        "2027-10-31T01:00:00+02:00",
        "2027-10-31T02:00:00+02:00",
        "2027-10-31T02:00:00+01:00",
        "2027-10-31T03:00:00+01:00",
        "2027-10-31T04:00:00+01:00",
    ]
    # A wall-clock time the spring change skips is read as the hour after it.
    assert local_instant(date(2027, 3, 28), 150) == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)


def test_exceptions_close_days_and_hours_and_add_extra_ones() -> None:
    day = date(2027, 5, 3)
    rules = Rules(
        {1: [Span(9 * 60, 17 * 60)]},
        {
            day: [DayException("closed", Span(12 * 60, 13 * 60))],
            day + timedelta(days=7): [DayException("closed", None)],
            day + timedelta(days=14): [
                DayException("closed", None),
                DayException("extra", Span(18 * 60, 20 * 60)),
            ],
            day + timedelta(days=1): [DayException("extra", Span(10 * 60, 11 * 60))],
        },
    )
    assert open_spans(rules, day) == [Span(540, 720), Span(780, 1020)]
    assert open_spans(rules, day + timedelta(days=7)) == []
    assert open_spans(rules, day + timedelta(days=14)) == [Span(1080, 1200)]
    assert open_spans(rules, day + timedelta(days=1)) == [Span(600, 660)]


def test_a_buffer_spaces_the_starts_and_keeps_busy_time_free() -> None:
    now = datetime(2027, 5, 1, tzinfo=UTC)
    day = date(2027, 5, 3)
    # 09:00-09:45 taken, blocked until 10:00 by its buffer.
    busy = [(local_instant(day, 9 * 60), local_instant(day, 10 * 60))]
    starts = free_starts(
        MORNINGS,
        day,
        day,
        timedelta(minutes=45),
        timedelta(minutes=15),
        busy,
        now,
        now + 30 * 24 * HOUR,
    )
    # Starts every hour (45 + 15); 09:00 is taken.
    assert [s.astimezone(STOCKHOLM).strftime("%H:%M") for s in starts] == ["10:00", "11:00"]
    later = [(local_instant(day, 9 * 60), local_instant(day, 10 * 60 + 1))]
    assert [
        s.astimezone(STOCKHOLM).strftime("%H:%M")
        for s in free_starts(
            MORNINGS,
            day,
            day,
            timedelta(minutes=45),
            timedelta(minutes=15),
            later,
            now,
            now + 30 * 24 * HOUR,
        )
    ] == ["11:00"]


# --- through the database and the API ---------------------------------------------------------


async def test_the_slot_service_across_the_2027_spring_change(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    service = await bookable_teacher(
        client,
        teacher,
        weekly=[{"weekday": d, "start": "09:00", "end": "12:00"} for d in range(1, 8)],
    )
    listed = await availability.list_slots(
        db,
        teacher.id,
        service["id"],
        None,
        date(2027, 3, 27),
        date(2027, 3, 29),
        now=datetime(2027, 3, 20, tzinfo=UTC),
    )
    assert listed.accepts_bookings and listed.duration_minutes == 60
    assert [s.start_utc.strftime("%d %H:%M") for s in listed.slots] == [
        "27 08:00", "27 09:00", "27 10:00",
        "28 07:00", "28 08:00", "28 09:00",
        "29 07:00", "29 08:00", "29 09:00",
    ]  # fmt: skip
    assert {s.start.strftime("%H:%M") for s in listed.slots} == {"09:00", "10:00", "11:00"}
    assert listed.slots[0].start.isoformat() == "2027-03-27T09:00:00+01:00"
    assert listed.slots[-1].end.isoformat() == "2027-03-29T12:00:00+02:00"


async def test_slots_over_the_next_daylight_saving_change(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    today = local_day(0)
    change = min(
        d
        for year in (today.year, today.year + 1)
        for d in (_last_sunday(year, 3), _last_sunday(year, 10))
        if d > today + timedelta(days=2)
    )
    teacher = await make_user("teacher")
    service = await bookable_teacher(
        client,
        teacher,
        weekly=[{"weekday": d, "start": "09:00", "end": "12:00"} for d in range(1, 8)],
    )
    response = await client.get(
        f"/teachers/{teacher.id}/slots",
        params={
            "service_id": service["id"],
            "from": (change - timedelta(days=1)).isoformat(),
            "to": (change + timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["time_zone"] == "Europe/Stockholm" and body["accepts_bookings"] is True
    slots = body["slots"]
    assert len(slots) == 9
    assert [s["start"][11:] for s in slots[:3]] == ["09:00:00+02:00", "10:00:00+02:00", "11:00:00+02:00"] if change.month == 10 else ["09:00:00+01:00", "10:00:00+01:00", "11:00:00+01:00"]  # fmt: skip
    before = slots[0]["start_utc"]
    after = slots[-3]["start_utc"]
    assert before.endswith("Z") and after.endswith("Z")
    # The day before the change and the day after it: the same 09:00 local, an hour apart in UTC.
    expected = ("07:00", "08:00") if change.month == 10 else ("08:00", "07:00")
    assert (before[11:16], after[11:16]) == expected
    assert slots[-1]["end"][11:] == ("12:00:00+01:00" if change.month == 10 else "12:00:00+02:00")


async def test_availability_needs_a_teacher(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    student = await make_user("student")
    assert (await client.get("/me/availability")).status_code == 401
    assert (await client.put("/me/availability", json={})).status_code == 401
    assert (await client.get("/me/availability", headers=student.headers)).status_code == 403
    put = await client.put("/me/availability", json={}, headers=student.headers)
    assert put.status_code == 403 and put.json()["error"] == "teacher_required"
    exception = {"date": local_day(3).isoformat(), "kind": "closed"}
    assert (await client.post("/me/availability/exceptions", json=exception)).status_code == 401
    forbidden = await client.post(
        "/me/availability/exceptions", json=exception, headers=student.headers
    )
    assert forbidden.status_code == 403


async def test_a_teacher_saves_and_reads_their_availability(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    fresh = await client.get("/me/availability", headers=teacher.headers)
    assert fresh.status_code == 200
    assert fresh.json()["accepts_bookings"] is False and fresh.json()["weekly"] == []
    weekly = [
        {"weekday": 1, "start": "09:00", "end": "12:00"},
        {"weekday": 1, "start": "13:00", "end": "17:30"},
        {"weekday": 5, "start": "18:00", "end": "24:00"},
    ]
    saved = await open_for_bookings(
        client, teacher, weekly=weekly, buffer_minutes=10, cancellation_window_hours=48
    )
    assert saved["accepts_bookings"] is True and saved["weekly"] == weekly
    assert saved["buffer_minutes"] == 10 and saved["cancellation_window_hours"] == 48
    assert saved["time_zone"] == "Europe/Stockholm"
    again = await open_for_bookings(client, teacher, weekly=weekly[:1])
    assert again["weekly"] == weekly[:1]
    got = (await client.get("/me/availability", headers=teacher.headers)).json()
    assert got["weekly"] == weekly[:1] and got["buffer_minutes"] == 0


async def test_bad_availability_is_refused(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    teacher = await make_user("teacher")
    bad = [
        {"weekly": [{"weekday": 1, "start": "09:00", "end": "12:00"}, {"weekday": 1, "start": "11:00", "end": "13:00"}]},
        {"weekly": [{"weekday": 2, "start": "12:00", "end": "09:00"}]},
        {"weekly": [{"weekday": 8, "start": "09:00", "end": "12:00"}]},
        {"weekly": [{"weekday": 1, "start": "9:00", "end": "12:00"}]},
        {"weekly": [{"weekday": 1, "start": "24:00", "end": "24:00"}]},
        {"buffer_minutes": -5},
        {"max_days_ahead": 0},
        {"meeting_url": "ftp://example.se"},
        {"time_zone": "Europe/London"},
    ]  # fmt: skip
    for body in bad:
        response = await client.put("/me/availability", json=body, headers=teacher.headers)
        assert response.status_code == 422, body
        assert response.json()["error"] == "validation_error"
    got = (await client.get("/me/availability", headers=teacher.headers)).json()
    assert got["accepts_bookings"] is False


async def test_exceptions_are_added_listed_and_deleted_by_their_teacher(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    await open_for_bookings(client, teacher)
    path = "/me/availability/exceptions"
    day_off = await client.post(
        path,
        json={"date": local_day(3).isoformat(), "kind": "closed", "note": "Ledig"},
        headers=teacher.headers,
    )
    assert day_off.status_code == 201, day_off.text
    assert day_off.json()["start"] is None and day_off.json()["note"] == "Ledig"
    extra = await client.post(
        path,
        json={"date": local_day(4).isoformat(), "kind": "extra", "start": "18:00", "end": "20:00"},
        headers=teacher.headers,
    )
    assert extra.status_code == 201 and extra.json()["end"] == "20:00"
    listed = (await client.get("/me/availability", headers=teacher.headers)).json()
    assert [e["id"] for e in listed["exceptions"]] == [day_off.json()["id"], extra.json()["id"]]

    foreign = await client.delete(f"{path}/{day_off.json()['id']}", headers=other.headers)
    assert foreign.status_code == 404
    deleted = await client.delete(f"{path}/{day_off.json()['id']}", headers=teacher.headers)
    assert deleted.status_code == 204
    gone = await client.delete(f"{path}/{day_off.json()['id']}", headers=teacher.headers)
    assert gone.status_code == 404

    bad = [
        {"date": local_day(-1).isoformat(), "kind": "closed"},
        {"date": local_day(900).isoformat(), "kind": "closed"},
        {"date": local_day(3).isoformat(), "kind": "extra"},
        {"date": local_day(3).isoformat(), "kind": "closed", "start": "10:00"},
        {"date": local_day(3).isoformat(), "kind": "holiday"},
    ]
    for body in bad:
        response = await client.post(path, json=body, headers=teacher.headers)
        assert response.status_code == 422, body


async def test_slots_follow_exceptions_bookings_and_notice(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await bookable_teacher(client, teacher, buffer_minutes=30)
    day = local_day(5)

    async def starts(on: date) -> list[str]:
        response = await client.get(
            f"/teachers/{teacher.id}/slots",
            params={"service_id": service["id"], "from": on.isoformat(), "to": on.isoformat()},
        )
        assert response.status_code == 200, response.text
        return [s["start"][11:16] for s in response.json()["slots"]]

    # 10-16 with 60 minutes and a 30-minute buffer: a start every 90 minutes.
    assert await starts(day) == ["10:00", "11:30", "13:00", "14:30"]
    taken = await order_slot(client, buyer, service["id"], at(5, 13))
    assert taken.status_code == 201, taken.text
    assert await starts(day) == ["10:00", "11:30", "14:30"]

    await client.post(
        "/me/availability/exceptions",
        json={"date": day.isoformat(), "kind": "closed", "start": "10:00", "end": "11:00"},
        headers=teacher.headers,
    )
    # 11-16 left: 11:00, 12:30 and 14:00 would start, but the hold 13-14 (+30) blocks the last two.
    assert await starts(day) == ["11:00"]
    await client.post(
        "/me/availability/exceptions",
        json={"date": (day + timedelta(days=1)).isoformat(), "kind": "closed"},
        headers=teacher.headers,
    )
    assert await starts(day + timedelta(days=1)) == []
    await client.post(
        "/me/availability/exceptions",
        json={"date": (day + timedelta(days=1)).isoformat(), "kind": "extra", "start": "19:00", "end": "20:00"},
        headers=teacher.headers,
    )  # fmt: skip
    assert await starts(day + timedelta(days=1)) == ["19:00"]

    # Notice: a teacher who needs 3 days' notice offers nothing sooner.
    await open_for_bookings(client, teacher, min_notice_minutes=3 * 24 * 60)
    assert await starts(local_day(1)) == []
    assert await starts(local_day(5)) != []


async def test_slot_requests_that_make_no_sense(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    other = await make_user("teacher")
    service = await bookable_teacher(client, teacher)
    others = await published_service(client, other, kind="reading")
    package = await published_service(client, teacher, kind="package", duration_minutes=45)
    path = f"/teachers/{teacher.id}/slots"

    unknown = await client.get(path, params={"service_id": str(teacher.id)})
    assert unknown.status_code == 404
    foreign = await client.get(path, params={"service_id": others["id"]})
    assert foreign.status_code == 404
    not_bookable = await client.get(path, params={"service_id": package["id"]})
    assert not_bookable.status_code == 422 and not_bookable.json()["error"] == "not_bookable"
    too_long = await client.get(
        path,
        params={"service_id": service["id"], "from": local_day(1).isoformat(), "to": local_day(90).isoformat()},
    )  # fmt: skip
    assert too_long.status_code == 422 and too_long.json()["error"] == "range_too_long"
    backwards = await client.get(
        path,
        params={"service_id": service["id"], "from": local_day(5).isoformat(), "to": local_day(1).isoformat()},
    )  # fmt: skip
    assert backwards.status_code == 422
    assert (await client.get(path)).status_code == 422

    # A teacher without availability: the service is listed with no slots.
    none = await client.get(f"/teachers/{other.id}/slots", params={"service_id": others["id"]})
    assert none.status_code == 200
    assert none.json()["accepts_bookings"] is False and none.json()["slots"] == []
