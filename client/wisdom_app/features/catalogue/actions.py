"""The course catalogue: its filters (also read from the address, e.g. /courses?intro=true),
a page of courses that match them, the next page ("Visa fler") and the teachers to filter by."""

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from wisdom_app import formatting as fmt
from wisdom_app.components import show_message
from wisdom_app.errors import ApiError
from wisdom_app.features.covers.actions import with_cover_urls
from wisdom_app.state import AppState, Remote

LEVEL_KEYS = ("beginner", "intermediate", "advanced")
PRICE_KEYS = ("free", "paid")
PAGE_SIZE = 20  # courses per page ("Visa fler" fetches the next)


@dataclass(frozen=True)
class Filters:
    """What the catalogue is narrowed to; an empty value (or False) means "all"."""

    q: str = ""
    category: str = ""
    level: str = ""
    price: str = ""  # "free" or "paid"
    intro: bool = False  # free introduction courses only
    teacher: str = ""  # a teacher's id

    @property
    def active(self) -> bool:
        return self != Filters()

    @property
    def count(self) -> int:
        """How many filters besides the search text are set (shown on the phone's filter button)."""
        return sum(1 for value in (self.category, self.level, self.price, self.intro, self.teacher) if value)

    def with_(self, **changes: Any) -> "Filters":
        return replace(self, **changes)

    def params(self) -> dict[str, Any]:
        """The query of GET /courses; unset filters are left out."""
        return {
            "q": self.q or None,
            "category": self.category or None,
            "level": self.level or None,
            "price": self.price or None,
            "intro": True if self.intro else None,
            "teacher": self.teacher or None,
        }

    def route(self) -> str:
        """The catalogue's address with these filters (what HOME and teacher pages link to)."""
        query = {k: ("true" if v is True else v) for k, v in asdict(self).items() if v}
        return "/courses" + (f"?{urlencode(query)}" if query else "")


def filters_from_route(route: str | None) -> Filters:
    """The filters in an address such as /courses?intro=true&level=beginner; unknown or
    malformed values are ignored (the address may have been typed or shared)."""
    query = parse_qs(urlparse(route or "").query)

    def first(key: str) -> str:
        return (query.get(key) or [""])[0].strip()

    return Filters(
        q=first("q")[:100],
        category=first("category") if first("category") in fmt.CATEGORIES else "",
        level=first("level") if first("level") in LEVEL_KEYS else "",
        price=first("price") if first("price") in PRICE_KEYS else "",
        intro=first("intro").lower() in ("true", "1"),
        teacher=first("teacher"),
    )


async def load_courses(
    state: AppState, courses: Remote, filters: Filters, current: Callable[[], bool] = lambda: True
) -> None:
    """The first page of courses matching the filters. An answer for filters changed meanwhile
    (current() is False) is dropped: the newer request fills the list. What was shown stays
    while the new page loads; a failure keeps its Swedish message in the Remote."""
    courses.loading = True
    courses.error = ""
    try:
        page = await state.api.courses(limit=PAGE_SIZE, **filters.params())
    except ApiError as exc:
        if current():
            courses.error = exc.message
            courses.loading = False
        return
    if not current():
        return
    courses.next_cursor = page.get("next_cursor")
    courses.value = with_cover_urls(state, list(page.get("items", [])))
    courses.loaded = True
    courses.loading = False


async def load_more_courses(state: AppState, courses: Remote, filters: Filters) -> None:
    """The next page, added under the courses shown. Dropped if the list was loaded anew
    meanwhile (other filters): its cursor belongs to the old list."""
    cursor = courses.next_cursor
    if not cursor or courses.loading:
        return
    shown = courses.value
    try:
        page = await state.api.courses(cursor, limit=PAGE_SIZE, **filters.params())
    except ApiError as exc:
        show_message(exc.message)
        return
    if courses.value is not shown or courses.next_cursor != cursor:
        return
    courses.next_cursor = page.get("next_cursor")
    courses.value = [*courses.items, *with_cover_urls(state, page.get("items", []))]


async def load_teachers(state: AppState, teachers: Remote) -> None:
    """The teachers to filter by (the first page, by name); without them the filter is hidden."""
    await teachers.load(lambda: state.api.teachers())
