"""Query text that fits the request, so that PostgreSQL plans each shape once.

A list query written with optional filters (`$2::uuid IS NULL OR teacher_id = $2`) and a
parameter for the page size is one statement for every request, but not one plan: PostgreSQL
cannot use a partial index or stop an index scan after a page for a generic plan of it, so it
plans again on every execution (about 0.5 ms for a catalogue page, longer than running it).
Written from fixed fragments for the filters a request sets, with the page size as a number,
each shape is a statement of its own whose generic plan is as good as a custom one: PostgreSQL
plans it once per connection and asyncpg keeps it prepared.

Only fixed SQL goes into the text: fragments written in the code, and page sizes checked to be
integers within bounds. Every value a caller sends is a numbered parameter.
"""

from typing import Any


class Where:
    """A WHERE clause of fixed fragments, each with its values as numbered parameters.

    where = Where("s.status = 'active'")
    where.add("s.teacher_id = {}", teacher_id)         # s.teacher_id = $1
    where.add("(s.created_at, s.id) < ({}, {})", t, i) # ... < ($2, $3)
    await conn.fetch(f"SELECT ... WHERE {where.sql}", *where.args)
    """

    def __init__(self, *fragments: str) -> None:
        self._clauses = list(fragments)
        self.args: list[Any] = []

    def add(self, fragment: str, *values: Any) -> None:
        """Add `fragment`, a fixed text whose `{}` stand for `values` in order."""
        self._clauses.append(fragment.format(*(self.param(v) for v in values)))

    def param(self, value: Any) -> str:
        """A parameter for `value`: its reference ($n) for the query text."""
        self.args.append(value)
        return f"${len(self.args)}"

    @property
    def sql(self) -> str:
        return " AND ".join(f"({c})" for c in self._clauses) if self._clauses else "TRUE"


def page_size(limit: int, maximum: int) -> str:
    """A page size for the query text: an integer from 1 to `maximum` (anything else is a
    programming error: the routes validate the limit before it gets here)."""
    if type(limit) is not int or not 1 <= limit <= maximum:
        raise ValueError(f"page size out of range: {limit!r}")
    return str(limit)
