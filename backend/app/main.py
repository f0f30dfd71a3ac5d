"""create_app(): the API with its routers, middleware and error handlers."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.config import Settings, get_settings
from app.db import create_pool
from app.errors import install_error_handlers
from app.health.router import router as health_router
from app.observability import RequestIdMiddleware, configure_logging
from app.pgserver import resolve_database_url
from app.responses import JSONResponse


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_json)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        dsn = await resolve_database_url(settings)
        app.state.pool = await create_pool(dsn, settings)
        try:
            yield
        finally:
            await app.state.pool.close()

    app = FastAPI(
        title="Wisdom API",
        version="0.1.0",
        description="Wisdom by SoulWisdom: courses, services, live seminars and community.",
        lifespan=lifespan,
        default_response_class=JSONResponse,
    )
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=False,
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=["X-Request-ID", "Retry-After"],
    )
    app.add_middleware(RequestIdMiddleware)

    app.include_router(health_router)
    return app
