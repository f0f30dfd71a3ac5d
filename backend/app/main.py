"""create_app(): the API with its routers, middleware and error handlers."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.admin.router import router as admin_router
from app.appconfig.router import router as appconfig_router
from app.auth.router import router as auth_router
from app.config import Settings, get_settings
from app.db import create_pool
from app.errors import install_error_handlers
from app.health.router import router as health_router
from app.mail.worker import run_mail_worker
from app.observability import RequestIdMiddleware, configure_logging
from app.pgserver import resolve_database_url
from app.profiles.router import router as profiles_router
from app.ratelimit import RateLimiter
from app.responses import JSONResponse
from app.teachers.router import router as teachers_router


def start_background_tasks(pool: asyncpg.Pool, settings: Settings) -> list[asyncio.Task[None]]:
    if not settings.run_background_tasks:
        return []
    return [asyncio.create_task(run_mail_worker(pool, settings), name="mail-worker")]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_json)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        dsn = await resolve_database_url(settings)
        app.state.pool = await create_pool(dsn, settings)
        background = start_background_tasks(app.state.pool, settings)
        try:
            yield
        finally:
            for task in background:
                task.cancel()
            await asyncio.gather(*background, return_exceptions=True)
            await app.state.pool.close()

    app = FastAPI(
        title="Wisdom API",
        version="0.1.0",
        description="Wisdom by SoulWisdom: courses, services, live seminars and community.",
        lifespan=lifespan,
        default_response_class=JSONResponse,
    )
    app.state.settings = settings
    app.state.rate_limiter = RateLimiter.from_settings(settings)
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
    app.include_router(appconfig_router)
    app.include_router(auth_router)
    app.include_router(profiles_router)
    app.include_router(teachers_router)
    app.include_router(admin_router)
    return app
