"""Everything the API does to a request before routing, in one ASGI layer.

In order, as the separate layers did it before (each a module of its own, which keeps its
rules and its documentation):

1. the payment settings of this app for the request (app.payments.context);
2. the request id: the client's X-Request-ID when sane, else a new one, on the response and on
   every log line, and the access log line (app.observability);
3. CORS (Starlette's CORSMiddleware, only for requests that carry an Origin header: for the
   others it does nothing);
4. the public page cache: anonymous catalogue pages served from this process's cache, and any
   successful write emptying it and telling the other per-process caches (app.publiccache);
5. NUL characters refused in the URL and in JSON bodies (app.inputguard);
6. the size limit on request bodies (app.bodylimit).

One layer instead of six: per request one call, one receive wrapper and one send wrapper where
there were six calls and up to nine wrappers (the six layers cost about 44 µs per request on
the benchmark machine; see docs/performance.md).
"""

import logging
import time
from collections.abc import Sequence

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.bodylimit import SCOPE_KEY, BodyTooLarge, declared_length, too_large_response
from app.config import Settings
from app.inputguard import (
    BODY_DETAIL,
    URL_DETAIL,
    JsonNulScanner,
    NulInBody,
    is_json,
    nul_response,
    url_has_nul,
)
from app.observability import access_log, request_id_from, request_id_var
from app.payments.context import settings_in_use
from app.publiccache import (
    MAX_BODY_BYTES,
    SAFE_METHODS,
    Entry,
    PublicCache,
    WriteAware,
    cacheable,
    replay,
)


class EdgeMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings, also_tell: Sequence[WriteAware]) -> None:
        self.app = app
        self.settings = settings
        self.max_bytes = settings.request_body_max_bytes
        self.cache = PublicCache(settings.public_cache_seconds)
        self.write_aware: list[WriteAware] = [self.cache, *also_tell]
        self.cors = CORSMiddleware(
            self._guarded,
            allow_origins=settings.cors_origins,
            allow_credentials=False,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["X-Request-ID", "Retry-After"],
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with settings_in_use(self.settings):
            if scope["type"] != "http":
                await self.app(scope, receive, send)
                return
            await self._with_request_id(scope, receive, send)

    async def _with_request_id(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = False
        raw_id = None
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                raw_id = value
            elif name == b"origin":
                origin = True
        rid = request_id_from(raw_id)
        token = request_id_var.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            if origin:
                await self.cors(scope, receive, send_with_id)
            else:
                await self._guarded(scope, receive, send_with_id)
        finally:
            if access_log.isEnabledFor(logging.INFO):
                access_log.info(
                    "request",
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status,
                        "ms": round((time.perf_counter() - started) * 1000, 2),
                    },
                )
            request_id_var.reset(token)

    async def _guarded(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The public cache, then the input guard and the body limit around the app."""
        write = scope["method"] not in SAFE_METHODS
        key = None
        if not write and self.cache.seconds > 0 and cacheable(scope):
            key = (scope["path"], scope["query_string"])
            entry = self.cache.get(key)
            if entry is not None:
                await replay(entry, send)
                return
        if url_has_nul(scope):
            await nul_response(URL_DETAIL)(scope, receive, send)
            return
        await self._app_guarded(scope, receive, send, write, key)

    async def _app_guarded(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        write: bool,
        key: tuple[str, bytes] | None,
    ) -> None:
        scope[SCOPE_KEY] = self.max_bytes
        scanner = JsonNulScanner() if is_json(scope) else None
        received = 0
        start: Message = {}
        # The cache's fill (key set): what the page answered, kept when it is a whole 200 of
        # this size and no write happened in this process meanwhile.
        fill_started = time.monotonic()
        generation = self.cache.generation
        chunks: list[bytes] = []
        size = 0

        async def guarded_receive() -> Message:
            nonlocal received
            limit: int | None = scope.get(SCOPE_KEY)
            if limit is not None and received == 0 and (declared_length(scope) or 0) > limit:
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                body = message.get("body", b"")
                if scanner is not None and scanner.feed(body):
                    raise NulInBody
                if limit is not None:
                    received += len(body)
                    if received > limit:
                        raise BodyTooLarge(limit)
            return message

        async def watching_send(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
                if write and message["status"] < 400:
                    for cache in self.write_aware:
                        cache.after_write(scope["path"])
                if key is not None:
                    message = {
                        **message,
                        "headers": [*message.get("headers", []), (b"x-cache", b"miss")],
                    }
            elif (
                key is not None
                and message["type"] == "http.response.body"
                and start["status"] == 200
            ):
                size += len(message.get("body", b""))
                if size <= MAX_BODY_BYTES:
                    chunks.append(message.get("body", b""))
                complete = not message.get("more_body", False)
                if complete and size <= MAX_BODY_BYTES and generation == self.cache.generation:
                    entry = Entry(
                        fill_started + self.cache.seconds,
                        200,
                        list(start.get("headers", [])),
                        b"".join(chunks),
                    )
                    self.cache.put(key, entry)
            await send(message)

        try:
            await self.app(scope, guarded_receive, watching_send)
        except BodyTooLarge as exc:
            # Read outside an endpoint: answer here unless a response has already begun.
            if start:
                raise
            await too_large_response(exc)(scope, receive, send)
        except NulInBody:
            if start:
                raise
            await nul_response(BODY_DETAIL)(scope, receive, send)
