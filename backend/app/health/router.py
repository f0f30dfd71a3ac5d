"""GET /health: is the database reachable, and which migration is applied."""

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel

from app.db import get_pool
from app.errors import DB_CONNECTION_ERRORS
from app.migrate import current_version
from app.responses import JSONResponse

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    database: Literal["ok", "unreachable"]
    migration: str | None


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
async def health(request: Request) -> JSONResponse:
    try:
        async with get_pool(request).acquire(timeout=3) as conn:
            version = await current_version(conn)
    except DB_CONNECTION_ERRORS:  # includes TimeoutError (an OSError)
        body = Health(status="degraded", database="unreachable", migration=None)
        return JSONResponse(body.model_dump(), status_code=503)
    return JSONResponse(Health(status="ok", database="ok", migration=version).model_dump())
