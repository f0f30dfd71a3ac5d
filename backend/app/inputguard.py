"""Input that no endpoint accepts, refused before any endpoint sees it: NUL characters.

PostgreSQL cannot store U+0000 in text or jsonb, so a NUL in a path segment, a query parameter
or any string of a JSON body (`\\u0000`, keys included) would fail deep inside a query. This
layer answers 422 in the usual error envelope instead: for the URL before routing, for a JSON
body while it arrives (each chunk is scanned once, with a few bytes carried over to the next,
so nothing is buffered and a clean body costs one `bytes.find` per chunk). Uploads
(multipart) and other binary bodies are not scanned: a NUL in one of their text fields reaches
the database, whose refusal is answered 422 like the cases below.

The other half of hostile input (numbers beyond a column's range, dates past year 9999 in UTC)
is mapped to 422 by the error handlers (app/errors.py: asyncpg's DataError and OverflowError).
"""

import re

from starlette.exceptions import HTTPException
from starlette.types import Scope

from app.errors import error_body
from app.responses import JSONResponse

URL_DETAIL = "The URL contains a NUL character (%00), which no parameter accepts"
BODY_DETAIL = "The request body contains a NUL character (\\u0000), which no text field accepts"

# `\u0000` preceded by an even number of backslashes (an odd number escapes the backslash, and
# the text is the six characters \u0000, not NUL); or a raw NUL byte (invalid in JSON anyway).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000|\x00")
_ESCAPE = b"\\u0000"


class NulInBody(HTTPException):
    """An HTTPException so that FastAPI passes it on while reading a body (any other error
    there becomes a 400) and the error handlers render it in the usual envelope."""

    def __init__(self) -> None:
        super().__init__(status_code=422, detail=BODY_DETAIL)


def nul_response(detail: str) -> JSONResponse:
    return JSONResponse(error_body("validation_error", detail), status_code=422)


def is_json(scope: Scope) -> bool:
    """Whether FastAPI would parse the body as JSON (no Content-Type, application/json or
    application/*+json); webhooks read such bodies raw, and are scanned too."""
    for name, value in scope.get("headers") or ():
        if name == b"content-type":
            media = value.split(b";", 1)[0].strip().lower()
            return media == b"application/json" or (
                media.startswith(b"application/") and media.endswith(b"+json")
            )
    return True


def url_has_nul(scope: Scope) -> bool:
    query: bytes = scope.get("query_string", b"")
    return "\x00" in scope.get("path", "") or b"%00" in query or b"\x00" in query


class JsonNulScanner:
    """Finds a NUL escape in a body that arrives in chunks."""

    def __init__(self) -> None:
        self.tail = b""

    def feed(self, chunk: bytes) -> bool:
        data = self.tail + chunk
        found = (_ESCAPE in data or b"\x00" in data) and _JSON_NUL.search(data) is not None
        # Carry over what could begin an escape cut by the chunk's end: its last five bytes,
        # the run of backslashes before them and one byte more (for the look-behind).
        start = max(len(data) - 5, 0)
        while start > 0 and data[start - 1 : start] == b"\\":
            start -= 1
        self.tail = data[max(start - 1, 0) :]
        return found
