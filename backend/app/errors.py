"""The one error type of the API and its handlers: every error is {"error": code, "detail": text}."""

import logging
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.responses import JSONResponse


class AppError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.headers = headers
        self.extra = extra or {}


class BadRequest(AppError):
    status_code = 400
    code = "bad_request"


class Unauthorized(AppError):
    status_code = 401
    code = "unauthorized"


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class PayloadTooLarge(AppError):
    status_code = 413
    code = "payload_too_large"


class UnsupportedMediaType(AppError):
    status_code = 415
    code = "unsupported_media_type"


class Unprocessable(AppError):
    status_code = 422
    code = "validation_error"


class TooManyRequests(AppError):
    status_code = 429
    code = "rate_limited"


class ServiceUnavailable(AppError):
    status_code = 503
    code = "service_unavailable"


_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
}


def error_body(code: str, detail: str, **extra: Any) -> dict[str, Any]:
    return {"error": code, "detail": detail, **extra}


def error_response(exc: AppError) -> JSONResponse:
    """The response for an error, for an endpoint that must still commit what it wrote (an
    audit entry, a revoked session) before answering with it: returning this commits, raising
    the error would roll the transaction back."""
    return JSONResponse(
        error_body(exc.code, exc.message, **exc.extra),
        status_code=exc.status_code,
        headers=exc.headers,
    )


async def _app_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)  # noqa: S101 - registered for AppError only
    return error_response(exc)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)  # noqa: S101
    detail = exc.detail if isinstance(exc.detail, str) else "Request failed"
    if exc.status_code == 404 and detail == "Not Found":
        detail = "No such route"
    code = _STATUS_CODES.get(exc.status_code, "error")
    return JSONResponse(
        error_body(code, detail), status_code=exc.status_code, headers=getattr(exc, "headers", None)
    )


def _field_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc if p not in ("body", "query", "path", "header"))


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)  # noqa: S101
    fields = [
        {"field": _field_path(tuple(e.get("loc", ()))), "message": e.get("msg", "")}
        for e in exc.errors()
    ]
    summary = "; ".join(f"{f['field'] or 'body'}: {f['message']}" for f in fields[:5])
    return JSONResponse(
        error_body("validation_error", summary or "Invalid request", fields=fields), status_code=422
    )


log = logging.getLogger("wisdom.errors")

# What the database (or asyncpg, converting an argument) refused in a value, by the SQLSTATE
# class of the error; anything else of class 22 ("data exception") is a value not valid there.
_DATA_ERROR_DETAILS: tuple[tuple[type[Exception], str], ...] = (
    (asyncpg.exceptions.NumericValueOutOfRangeError, "A number is outside the range allowed"),
    (asyncpg.exceptions.DatetimeFieldOverflowError, "A date or time is outside the range allowed"),
    (asyncpg.exceptions.CharacterNotInRepertoireError, "A text contains a NUL character"),
    (asyncpg.exceptions.UntranslatableCharacterError, "A text contains a NUL character"),
    (asyncpg.exceptions.StringDataRightTruncationError, "A text is longer than allowed"),
)
_OUT_OF_RANGE_MARKERS = ("out of int", "out of range", "overflow")


def _data_error_detail(exc: Exception) -> str:
    for kind, detail in _DATA_ERROR_DETAILS:
        if isinstance(exc, kind):
            return detail
    # asyncpg's own refusal to encode an argument ("invalid input for query argument $1: ...
    # (value out of int32 range)"): the same class, without a SQLSTATE of its own.
    if any(marker in str(exc) for marker in _OUT_OF_RANGE_MARKERS):
        return "A number or date is outside the range allowed"
    return "A value is not valid for this field"


async def _invalid_value(request: Request, exc: Exception) -> JSONResponse:
    """A value that passed the request's schema but not the database (a number beyond integer
    or bigint, a date past year 9999 in UTC, a NUL in text read from a file name, ...), or an
    OverflowError from arithmetic on it: the client's input, so 422 rather than 500. Logged, as
    each one is a bound a schema could state."""
    detail = (
        "A number or date is outside the range allowed"
        if isinstance(exc, OverflowError)
        else _data_error_detail(exc)
    )
    log.warning(
        "input refused: %s",
        type(exc).__name__,
        extra={"path": request.url.path, "reason": str(exc)[:200]},
    )
    return JSONResponse(error_body("validation_error", detail), status_code=422)


async def _database_unavailable(_: Request, __: Exception) -> JSONResponse:
    # The pool drops the broken connection; the client may retry shortly.
    return JSONResponse(
        error_body("service_unavailable", "The database is unavailable, try again"),
        status_code=503,
        headers={"Retry-After": "2"},
    )


DB_CONNECTION_ERRORS: tuple[type[Exception], ...] = (
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.InterfaceError,
    asyncpg.exceptions.CannotConnectNowError,
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.ConnectionFailureError,
    # A connection whose server went away mid-operation refuses the next command (e.g. the
    # request's COMMIT) with this before it notices it is closed: the same outage, not a bug.
    asyncpg.exceptions.InternalClientError,
    ConnectionError,
    OSError,
)


# What a 422 really looks like: the error envelope, with `fields` when the request did not
# match its schema (_validation_error) and without it when a service refused the values (e.g.
# invalid_month). FastAPI's generated document would otherwise promise its own
# {"detail": [...]} shape for every 422.
VALIDATION_ERROR_SCHEMA: dict[str, Any] = {
    "title": "ValidationErrorBody",
    "type": "object",
    "required": ["error", "detail"],
    "properties": {
        "error": {"type": "string"},
        "detail": {"type": "string"},
        "fields": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}


def _document_error_envelope(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            components = schema.get("components", {}).get("schemas", {})
            if "HTTPValidationError" in components:
                components["HTTPValidationError"] = VALIDATION_ERROR_SCHEMA
                components.pop("ValidationError", None)
        return app.openapi_schema or generate()

    app.openapi = openapi  # type: ignore[method-assign]


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(asyncpg.exceptions.DataError, _invalid_value)
    app.add_exception_handler(OverflowError, _invalid_value)
    for exc_type in DB_CONNECTION_ERRORS:
        app.add_exception_handler(exc_type, _database_unavailable)
    _document_error_envelope(app)
