"""The framework ceilings: what FastAPI costs for the API's own routes, without the API's work.

Two apps, served by the same server with the API's settings:

    BENCH_PAYLOADS=payloads.json uvicorn --factory bench.bare_app:create_app
    BENCH_PAYLOADS=payloads.json uvicorn --factory bench.bare_app:create_shaped_app

`create_app` (the *bare* ceiling): one route per target with no parameters and no
dependencies, returning the JSON the real endpoint returned (captured from it) through the same
orjson response class. It is the most any FastAPI endpoint can do on this machine.

`create_shaped_app` (the *shaped* ceiling): for each measured route of the API, a route with
the very same signature: the same query, path, header and body parameters, the same
dependencies (the connection, the caller from the bearer token, the settings, the rate
limiter), the same response model. Only the pool hands out a placeholder instead of a
connection, the caller comes
from a stand-in cache that knows every token's user, and the endpoint's body returns the
captured answer instead of doing its work. No middleware. What the API reaches against it is
what its middleware, its SQL and its endpoint code cost on top of FastAPI doing the same
parsing, validation and dependency solving.
"""

import inspect
import os
import uuid
from pathlib import Path
from typing import Any

import orjson
from app.config import get_settings
from app.db import FairGate
from app.identity import AuthUser
from app.main import create_app as create_api
from app.ratelimit import RateLimiter
from app.responses import JSONResponse, RawJSONResponse
from fastapi import FastAPI, Request
from fastapi.routing import APIRoute, iter_route_contexts

# name: the API route whose shape is measured (method, path).
TARGETS: dict[str, tuple[str, str]] = {
    "services": ("GET", "/services"),
    "feed": ("GET", "/feed"),
    "courses": ("GET", "/courses"),
    "login": ("POST", "/auth/login"),
    "order": ("POST", "/orders"),
    "create_session": ("POST", "/payments/stripe/create-session"),
    "webhook": ("POST", "/webhooks/stripe"),
}


def _payloads() -> dict[str, Any]:
    loaded: dict[str, Any] = orjson.loads(Path(os.environ["BENCH_PAYLOADS"]).read_bytes())
    return loaded


def create_app() -> FastAPI:
    payloads = _payloads()
    app = FastAPI(default_response_class=JSONResponse, openapi_url=None)

    @app.get("/bare/{name}")
    async def read(name: str) -> JSONResponse:
        return JSONResponse(payloads[name])

    @app.post("/bare/{name}")
    async def write(name: str, request: Request) -> JSONResponse:
        await request.body()  # read the body as a real endpoint does
        return JSONResponse(payloads[name])

    return app


class _EveryoneKnown:
    """Stands in for app.authcache.AuthCache: every verified token's user is remembered (the
    API's cache answers the same for the benchmark's few callers after their first request)."""

    generation = 0

    def get(self, user_id: uuid.UUID, session_id: uuid.UUID | None) -> AuthUser:
        return AuthUser(user_id, "student", "bench@example.com", "Bench", session_id)

    def put(self, user: AuthUser, generation: int) -> None:
        pass


class _NoDatabase:
    """Stands in for the pool (app.state.pool) and for its connections: acquiring gives this
    object, and so does starting a transaction on it, so the API's own connection dependency
    (app.db) runs as it does in the API, gate and all, without a database. (Not FastAPI's
    dependency_overrides: with any override in place, FastAPI analyses every dependency's
    signature again on every request, which would make the ceiling far too low.)"""

    def acquire(self) -> "_NoDatabase":
        return self

    def transaction(self) -> "_NoDatabase":
        return self

    async def __aenter__(self) -> "_NoDatabase":
        return self

    async def __aexit__(self, *_: object) -> None:
        return None


def _route(api: FastAPI, method: str, path: str) -> APIRoute:
    for context in iter_route_contexts(api.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and context.path == path and method in route.methods:
            return route
    raise LookupError(f"no route {method} {path}")


def _answering(route: APIRoute, payload: Any) -> Any:
    """An endpoint with `route`'s signature that returns `payload` as the real one would:
    raw JSON bytes for a RawJSONResponse route, else the response model's instance (which
    FastAPI then validates and serializes through the route's response model)."""
    if route.response_class is RawJSONResponse:
        body = orjson.dumps(payload)

        async def raw(**params: Any) -> Any:
            return RawJSONResponse(body)

        endpoint = raw
    else:
        model = route.response_model
        answer = model.model_validate(payload) if model is not None else payload

        async def modelled(**params: Any) -> Any:
            request = params.get("request")
            if isinstance(request, Request):
                await request.body()  # the webhook reads its raw body itself
            return answer

        endpoint = modelled
    endpoint.__signature__ = inspect.signature(route.endpoint)  # type: ignore[attr-defined]
    return endpoint


def create_shaped_app() -> FastAPI:
    payloads = _payloads()
    settings = get_settings()
    api = create_api(settings)  # only to read its routes: its lifespan never runs here
    app = FastAPI(default_response_class=JSONResponse, openapi_url=None)
    app.state.settings = settings
    app.state.auth_cache = _EveryoneKnown()
    app.state.rate_limiter = RateLimiter.from_settings(settings)
    app.state.pool = _NoDatabase()
    app.state.db_gate = FairGate(settings.db_pool_max_size)
    for name, (method, path) in TARGETS.items():
        route = _route(api, method, path)
        app.add_api_route(
            f"/shaped/{name}",
            _answering(route, payloads[name]),
            methods=[method],
            response_model=route.response_model,
            response_class=route.response_class,
            status_code=route.status_code,
        )
    return app
