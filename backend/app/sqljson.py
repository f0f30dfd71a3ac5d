"""SQL fragments that make PostgreSQL write JSON exactly as FastAPI's response models would.

Hot list endpoints let PostgreSQL build a page's JSON and send the bytes unchanged
(app.responses.RawJSONResponse). These fragments produce the same bytes as Pydantic's
`model_dump_json()` of the route's response model: compact separators, keys in the model's
field order, strings escaped alike (PostgreSQL's and Pydantic's JSON escapes are the same), UUIDs
in lowercase hex with hyphens, and timestamps in UTC with a `Z` and six digits of microseconds
only when they are not zero (to_json() of a timestamptz would write `+00:00` and trim zeros).

Only fixed SQL text goes in: keys are checked identifiers, values are column expressions of the
calling query; no value is ever formatted into SQL.
"""

import re

import orjson

_KEY = re.compile(r"[a-z_][a-z0-9_]*")


def text(expr: str) -> str:
    """A text expression as a JSON string, escaped (null for NULL)."""
    return f"coalesce(to_json(({expr})::text)::text, 'null')"


def uuid(expr: str) -> str:
    """A uuid expression as a JSON string (its text form never needs escaping)."""
    return f"""coalesce('"' || ({expr})::text || '"', 'null')"""


def integer(expr: str) -> str:
    """An int or bigint expression as a JSON number (not for numeric: Pydantic writes a Decimal
    as a string)."""
    return f"coalesce(({expr})::text, 'null')"


def boolean(expr: str) -> str:
    """A boolean expression as true or false (a boolean cast to text is 'true' or 'false')."""
    return f"coalesce(({expr})::text, 'null')"


def timestamp(expr: str) -> str:
    """A timestamptz expression as Pydantic writes a datetime: "2026-01-02T03:04:05.000100Z",
    "2026-01-02T03:04:05Z" when there are no microseconds, null for NULL."""
    utc = f"({expr}) AT TIME ZONE 'UTC'"
    # The colons are quoted literals ("HH24":"MI") so that the text has no `:name` that
    # pgbench (bench/) would take for one of its variables; to_char writes the same.
    return (
        f"""coalesce('"' || replace(to_char({utc}, 'YYYY-MM-DD"T"HH24":"MI":"SS.US'), '.000000', '')"""
        """ || 'Z"', 'null')"""
    )


def json_object(fields: list[tuple[str, str]]) -> str:
    """A JSON object as text, keys in the given order; each value an expression that is
    already JSON text (text(), uuid(), integer(), boolean(), timestamp() or a nested json_object())."""
    parts = []
    for i, (key, expr) in enumerate(fields):
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a plain key: {key!r}")
        parts.append(f"""'{"{" if i == 0 else ","}"{key}":' || {expr}""")
    return "(" + " || ".join(parts) + " || '}')"


def json_array(item: str, order_by: str) -> str:
    """An aggregate: the query's rows as a JSON array of `item` (JSON text), `[]` for none."""
    return f"'[' || coalesce(string_agg({item}, ',' ORDER BY {order_by}), '') || ']'"


def page_json(items: str, next_cursor: str | None) -> bytes:
    """The pagination envelope (app.pagination.Page) around items that are JSON already."""
    return b'{"items":' + items.encode() + b',"next_cursor":' + orjson.dumps(next_cursor) + b"}"
