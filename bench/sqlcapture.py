"""The database ceiling: the SQL that an endpoint really sends, captured from the app with
asyncpg's query logger, written out as a pgbench script (the same statements, in the same order,
with the captured parameters as literals) and run by pgbench on the same server.

Reads run as they are. Writes run inside BEGIN ... ROLLBACK so the database is the same before
every transaction (no commit flush; see docs/performance.md); each pgbench client replays its own
captured run (`\\if :client_id = n`), so clients do not queue on one another's row locks or
unique keys the way copies of a single run would."""

import datetime
import decimal
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
import orjson

_PARAM = re.compile(r"\$(\d+)")
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
_PGBENCH_VARIABLE = re.compile(r"(?<!:):[A-Za-z0-9_]")
_TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.I)


@dataclass(frozen=True)
class Statement:
    query: str
    args: tuple[Any, ...]
    returned: tuple[Any, ...] = ()  # the row a single-row statement gave back


class QueryRecorder:
    """Collects what the app's connection runs while enabled."""

    def __init__(self) -> None:
        self.statements: list[Statement] = []
        self.transaction_control = 0  # BEGIN, COMMIT, ...: counted, not replayed
        self.enabled = False

    def note(self, query: str, args: tuple[Any, ...], result: Any) -> None:
        if not self.enabled:
            return
        if _TRANSACTION_CONTROL.match(query):
            self.transaction_control += 1
            return
        rows: tuple[Any, ...] = ()
        if isinstance(result, list) and len(result) == 1:
            rows = (result[0],)
        elif isinstance(result, asyncpg.Record):
            rows = (result,)
        self.statements.append(Statement(query, args, rows))

    def take(self) -> list[Statement]:
        taken, self.statements = self.statements, []
        self.transaction_control = 0
        return taken

    def round_trips(self) -> tuple[int, int]:
        """(statements, transaction control statements) noted since the last take()."""
        return len(self.statements), self.transaction_control


RECORDER = QueryRecorder()


class RecordingConnection(asyncpg.Connection):  # type: ignore[misc]
    """A connection that tells RECORDER every statement with its arguments and result."""

    async def execute(self, query: str, *args: Any, timeout: float | None = None) -> str:
        result: str = await super().execute(query, *args, timeout=timeout)
        RECORDER.note(query, args, None)
        return result

    async def fetch(self, query: str, *args: Any, **kwargs: Any) -> list[Any]:
        result: list[Any] = await super().fetch(query, *args, **kwargs)
        RECORDER.note(query, args, result)
        return result

    async def fetchrow(self, query: str, *args: Any, **kwargs: Any) -> Any:
        result = await super().fetchrow(query, *args, **kwargs)
        RECORDER.note(query, args, result)
        return result

    async def fetchval(
        self,
        query: str,
        *args: Any,
        column: int = 0,
        timeout: float | None = None,
    ) -> Any:
        # fetchval goes through fetchrow's machinery only internally; record the whole row.
        row = await super().fetchrow(query, *args, timeout=timeout)
        RECORDER.note(query, args, row)
        return None if row is None else row[column]


def _quote(text: str) -> str:
    """A string literal. pgbench reads `:name` as a variable even inside quotes (and prepared
    mode turns it into a parameter), so colons are spelled chr(58)."""
    parts = ["'" + part.replace("'", "''") + "'" for part in text.split(":")]
    return parts[0] if len(parts) == 1 else "(" + " || chr(58) || ".join(parts) + ")"


def literal(value: Any) -> str:
    """A parameter value as SQL text (the placeholder's own ::type cast still applies)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | decimal.Decimal):
        return repr(value) if not isinstance(value, decimal.Decimal) else str(value)
    if isinstance(value, datetime.datetime):
        return _quote(value.isoformat()) + ("::timestamptz" if value.tzinfo else "::timestamp")
    if isinstance(value, datetime.date | datetime.time):
        return _quote(value.isoformat())
    if isinstance(value, datetime.timedelta):
        return _quote(f"{value.total_seconds()} seconds")
    if isinstance(value, bytes | bytearray | memoryview):
        return _quote("\\x" + bytes(value).hex())
    if isinstance(value, list | tuple):
        if all(not isinstance(v, dict | list) for v in value):
            inner = ",".join(
                "NULL" if v is None else '"' + str(v).replace('"', '\\"') + '"' for v in value
            )
            return _quote("{" + inner + "}")
        return _quote(orjson.dumps(value).decode()) + "::jsonb"
    if isinstance(value, dict):
        return _quote(orjson.dumps(value).decode()) + "::jsonb"
    if isinstance(value, str | uuid.UUID):
        return _quote(str(value))
    return _quote(str(value))


def inline(statement: Statement, produced: dict[Any, str] | None = None) -> str:
    """The statement with its $n placeholders replaced by literals, on one line for pgbench;
    a value that an earlier RETURNING produced becomes that pgbench variable."""
    produced = produced or {}

    def replace(match: re.Match[str]) -> str:
        value = statement.args[int(match.group(1)) - 1]
        key = _produced_key(value)
        if key is not None and key in produced:
            return ":" + produced[key]
        return literal(value)

    query = " ".join(statement.query.split())
    if _PGBENCH_VARIABLE.search(query):
        raise ValueError(f"pgbench would read a variable in: {query[:200]}")
    return _PARAM.sub(replace, query) + ";"


def _produced_key(value: Any) -> str | None:
    """Only ids are carried from one statement to the next (never counts or statuses)."""
    return str(value) if isinstance(value, uuid.UUID) else None


def _lines(statements: Sequence[Statement], prefix: str) -> list[str]:
    """The statements in order. An id that first appeared in a statement's result (an INSERT's
    RETURNING, or the SELECT that reads a row just inserted) and that later statements use is
    stored with \\gset, so the replay works on the rows it created itself, not the captured
    ones."""
    seen: set[str] = set()
    producer: dict[str, tuple[int, str]] = {}  # id -> (statement index, column)
    for index, statement in enumerate(statements):
        seen.update(k for k in map(_produced_key, statement.args) if k is not None)
        for row in statement.returned:
            for column, value in row.items():
                key = _produced_key(value)
                if key is not None and key not in seen and _IDENTIFIER.fullmatch(column):
                    producer[key] = (index, column)
                    seen.add(key)
    used = {
        key
        for index, statement in enumerate(statements)
        for key in map(_produced_key, statement.args)
        if key is not None and key in producer and producer[key][0] < index
    }
    stored = {producer[key][0] for key in used}
    variables = {key: f"{prefix}r{producer[key][0]}_{producer[key][1]}" for key in used}
    lines = []
    for index, statement in enumerate(statements):
        line = inline(statement, {k: v for k, v in variables.items() if producer[k][0] < index})
        if index in stored:
            line = line[:-1] + f" \\gset {prefix}r{index}_"
        lines.append(line)
    return lines


def read_script(statements: Sequence[Statement]) -> str:
    return "\n".join(_lines(statements, "")) + "\n"


def write_script(runs: Sequence[Sequence[Statement]]) -> str:
    """One captured run per pgbench client, each inside BEGIN ... ROLLBACK."""
    lines = ["BEGIN;"]
    for index, statements in enumerate(runs):
        lines.append(f"\\if :client_id = {index}" if index == 0 else f"\\elif :client_id = {index}")
        lines.extend(_lines(statements, f"c{index}"))
    lines.append("\\endif")
    lines.append("ROLLBACK;")
    return "\n".join(lines) + "\n"
