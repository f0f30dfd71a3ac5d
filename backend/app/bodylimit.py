"""A size limit on request bodies (REQUEST_BODY_MAX_BYTES), checked while the body arrives.

Every body is limited, whatever its declared type: FastAPI reads a JSON endpoint's whole body
before parsing it, so without a limit one large request fills the process's memory. A body
whose Content-Length is already too large is refused before anything is read; a chunked one is
refused at the chunk that crosses the limit, so at most the limit plus one chunk is held. The
answer is 413 in the usual error envelope.

Uploads stream their bodies to disk under their own limit (MEDIA_MAX_BYTES): such an endpoint
calls `own_body_limit(request)` before it starts reading.
"""

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import Scope

from app.errors import error_body
from app.responses import JSONResponse

# The limit in force for this request (None: the endpoint enforces its own).
SCOPE_KEY = "wisdom.body_limit"


class BodyTooLarge(HTTPException):
    """An HTTPException so that FastAPI passes it on while reading a body (any other error
    there becomes a 400) and the error handlers render it as the usual 413 envelope."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(
            status_code=413,
            detail=f"The request body is larger than the limit of {max_bytes} bytes",
        )
        self.max_bytes = max_bytes


def install_body_limit(app: FastAPI) -> None:
    """Answer a body past the limit that an endpoint was reading (app.edge enforces it)."""
    app.add_exception_handler(BodyTooLarge, _body_too_large)


def too_large_response(exc: BodyTooLarge) -> JSONResponse:
    return JSONResponse(
        error_body("payload_too_large", exc.detail, max_bytes=exc.max_bytes), status_code=413
    )


async def _body_too_large(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BodyTooLarge)  # noqa: S101 - registered for BodyTooLarge only
    return too_large_response(exc)


def own_body_limit(request: Request) -> None:
    """Lift the general limit for this request: the endpoint streams the body itself and
    enforces its own limit (uploads). Call before reading the body."""
    request.scope[SCOPE_KEY] = None


def declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None
