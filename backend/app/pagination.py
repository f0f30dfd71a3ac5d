"""Keyset pagination with an opaque cursor.

A cursor is the sort key of the last item of a page, as base64url JSON; clients pass it back
unchanged. A list endpoint fetches limit + 1 rows to know whether there is a next page.
"""

import base64
import binascii
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

import orjson
from pydantic import BaseModel

from app.errors import BadRequest

T = TypeVar("T")
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(key: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(key, default=str)).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> dict[str, Any] | None:
    """The sort key inside a cursor; 400 for anything a client did not get from us."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = orjson.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise BadRequest("Invalid cursor", code="invalid_cursor") from exc
    if not isinstance(key, dict):
        raise BadRequest("Invalid cursor", code="invalid_cursor")
    return key


def split_page(rows: Sequence[T], limit: int) -> tuple[list[T], bool]:
    """The page's rows and whether more follow (rows were fetched with limit + 1)."""
    return list(rows[:limit]), len(rows) > limit
