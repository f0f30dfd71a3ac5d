"""/health, the error envelope, request ids and CORS."""

import re

import httpx
from fastapi import FastAPI
from pydantic import BaseModel

from app.config import Settings
from app.errors import Conflict
from app.main import create_app


async def test_health_reports_database_and_migration(client: httpx.AsyncClient) -> None:
    r = await client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["migration"].endswith(".sql")


async def test_unknown_route_gets_the_error_envelope(client: httpx.AsyncClient) -> None:
    r = await client.get("/no/such/route")
    assert r.status_code == 404
    assert r.json() == {"error": "not_found", "detail": "No such route"}


async def test_wrong_method_gets_the_error_envelope(client: httpx.AsyncClient) -> None:
    r = await client.delete("/health")
    assert r.status_code == 405
    assert r.json()["error"] == "method_not_allowed"


class _Probe(BaseModel):
    email: str
    age: int


def _probe_app(settings: Settings) -> FastAPI:
    app = create_app(settings)

    @app.post("/probe")
    async def probe(body: _Probe) -> dict[str, str]:
        if body.age > 100:
            raise Conflict("Too old for this probe")
        return {"ok": body.email}

    return app


async def test_validation_and_app_errors_use_the_envelope(settings: Settings) -> None:
    transport = httpx.ASGITransport(app=_probe_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        r = await c.post("/probe", json={"email": "a@b.se", "age": "many"})
        assert r.status_code == 422
        body = r.json()
        assert body["error"] == "validation_error"
        assert body["fields"][0]["field"] == "age"
        assert "age" in body["detail"]
        r = await c.post("/probe", json={"email": "a@b.se", "age": 101})
        assert r.status_code == 409
        assert r.json() == {"error": "conflict", "detail": "Too old for this probe"}


async def test_every_response_carries_a_request_id(client: httpx.AsyncClient) -> None:
    r1 = await client.get("/health")
    r2 = await client.get("/nope")
    assert len(r1.headers["x-request-id"]) == 32
    assert r1.headers["x-request-id"] != r2.headers["x-request-id"]
    echoed = await client.get("/health", headers={"X-Request-ID": "trace-123"})
    assert echoed.headers["x-request-id"] == "trace-123"
    garbage = await client.get("/health", headers={"X-Request-ID": "bad id\twith spaces"})
    assert garbage.headers["x-request-id"] != "bad id\twith spaces"


async def test_cors_allows_configured_origins_only(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    origin = settings.cors_origins[0]
    ok = await client.options(
        "/health", headers={"Origin": origin, "Access-Control-Request-Method": "GET"}
    )
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == origin
    bad = await client.options(
        "/health",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in bad.headers


async def test_openapi_is_served(client: httpx.AsyncClient) -> None:
    r = await client.get("/openapi.json")
    assert r.status_code == 200
    assert "/health" in r.json()["paths"]
    docs = await client.get("/docs")
    assert docs.status_code == 200


async def test_docs_pages_load_nothing_from_the_internet(client: httpx.AsyncClient) -> None:
    """/docs and /redoc work offline: every script, style and icon they name is served here."""
    for page in ("/docs", "/redoc"):
        html = (await client.get(page)).text
        assets = re.findall(r'(?:src|href)=["\']([^"\']+)["\']', html)
        assert assets, f"{page} names no assets"
        remote = [a for a in assets if a.startswith(("http:", "https:", "//"))]
        assert remote == [], f"{page} loads from the internet: {remote}"
        for asset in assets:
            served = await client.get(asset)
            assert served.status_code == 200, asset
            assert len(served.content) > 100, asset
