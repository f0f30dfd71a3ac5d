"""The framework ceiling: a bare FastAPI app whose endpoints return the same JSON as the real
ones (captured from them), rendered by the same orjson response class, with no database, no
authentication and no middleware. Served by uvicorn with the API's settings:

    BENCH_PAYLOADS=payloads.json uvicorn --factory bench.bare_app:create_app
"""

import os
from pathlib import Path
from typing import Any

import orjson
from app.responses import JSONResponse
from fastapi import FastAPI, Request


def create_app() -> FastAPI:
    payloads: dict[str, Any] = orjson.loads(Path(os.environ["BENCH_PAYLOADS"]).read_bytes())
    app = FastAPI(default_response_class=JSONResponse, openapi_url=None)

    @app.get("/bare/{name}")
    async def read(name: str) -> JSONResponse:
        return JSONResponse(payloads[name])

    @app.post("/bare/{name}")
    async def write(name: str, request: Request) -> JSONResponse:
        await request.body()  # read the body as a real endpoint does
        return JSONResponse(payloads[name])

    return app
