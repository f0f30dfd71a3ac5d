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
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


def install_body_limit(app: FastAPI, max_bytes: int) -> None:
    """Add the limit (innermost of the middleware, so its answers get the request id and CORS
    headers like any other)."""
    app.add_exception_handler(BodyTooLarge, _body_too_large)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_bytes)


def _too_large_response(exc: BodyTooLarge) -> JSONResponse:
    return JSONResponse(
        error_body("payload_too_large", exc.detail, max_bytes=exc.max_bytes), status_code=413
    )


async def _body_too_large(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BodyTooLarge)  # noqa: S101 - registered for BodyTooLarge only
    return _too_large_response(exc)


def own_body_limit(request: Request) -> None:
    """Lift the general limit for this request: the endpoint streams the body itself and
    enforces its own limit (uploads). Call before reading the body."""
    request.scope[SCOPE_KEY] = None


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope[SCOPE_KEY] = self.max_bytes
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            limit: int | None = scope.get(SCOPE_KEY)
            if limit is None:
                return await receive()
            if received == 0 and (_declared_length(scope) or 0) > limit:
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge as exc:
            # Read outside an endpoint (e.g. by a middleware): answer here unless a response
            # has already begun.
            if started:
                raise
            await _too_large_response(exc)(scope, receive, send)
