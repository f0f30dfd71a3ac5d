"""create_app(): the API with its routers, middleware and error handlers."""

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from app.admin.router import router as admin_router
from app.apidocs import install_api_docs
from app.appconfig.router import router as appconfig_router
from app.auth.router import router as auth_router
from app.authcache import AuthCache
from app.bodylimit import install_body_limit
from app.bookings.jobs import run_booking_worker
from app.bookings.router import router as bookings_router
from app.community.router import router as community_router
from app.config import Settings, get_settings
from app.courses.router import router as courses_router
from app.covers.router import router as covers_router
from app.db import FairGate, create_pool
from app.edge import EdgeMiddleware
from app.errors import install_error_handlers
from app.feed.broker import FeedBroker
from app.feed.cache import FeedCache
from app.feed.router import router as feed_router
from app.feed.stream import ActivitySource
from app.health.router import router as health_router
from app.invalidation import ChangeListener
from app.mail.worker import run_mail_worker
from app.media.router import router as media_router
from app.messages.router import router as messages_router
from app.messages.stream import MessageSource
from app.notifications.router import router as notifications_router
from app.observability import configure_logging
from app.orders.router import router as orders_router
from app.payments.jobs import run_reconcile_worker
from app.payments.payouts_router import router as payouts_router
from app.payments.router import router as payments_router
from app.pgserver import resolve_database_url
from app.privacy.router import router as privacy_router
from app.profiles.router import router as profiles_router
from app.ratelimit import RateLimiter
from app.responses import JSONResponse
from app.reviews.router import router as reviews_router
from app.routing import index_routes
from app.seminars.jobs import run_seminar_worker
from app.seminars.router import router as seminars_router
from app.services.router import router as services_router
from app.sfu.router import router as sfu_router
from app.shutdown import on_exit_signal
from app.teachers.router import router as teachers_router


def start_background_tasks(pool: asyncpg.Pool, settings: Settings) -> list[asyncio.Task[None]]:
    if not settings.run_background_tasks:
        return []
    return [
        asyncio.create_task(run_mail_worker(pool, settings), name="mail-worker"),
        asyncio.create_task(run_seminar_worker(pool, settings), name="seminar-jobs"),
        asyncio.create_task(run_booking_worker(pool, settings), name="booking-jobs"),
        asyncio.create_task(run_reconcile_worker(pool, settings), name="payment-reconcile"),
    ]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_json)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        dsn = await resolve_database_url(settings)
        app.state.pool = await create_pool(dsn, settings)
        background = start_background_tasks(app.state.pool, settings)
        app.state.change_listener.start(dsn)
        # Everything built at startup (routes, schemas, pydantic validators: ~200,000 objects)
        # lives as long as the process. Frozen, the collector stops walking it: a full
        # collection took ~70 ms, a pause for every request in flight.
        gc.collect()
        gc.freeze()
        # One LISTEN connection per process for every event stream (started by the first one).
        app.state.feed_broker = FeedBroker(dsn, app.state.pool, [ActivitySource(), MessageSource()])
        restore_signals = on_exit_signal(app.state.feed_broker.end_streams)
        try:
            yield
        finally:
            restore_signals()
            await app.state.feed_broker.close()
            await app.state.change_listener.close()
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
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json" if settings.api_docs_enabled else None,
    )
    if settings.api_docs_enabled:
        install_api_docs(app)
    app.state.settings = settings
    app.state.rate_limiter = RateLimiter.from_settings(settings)
    app.state.change_listener = ChangeListener()
    app.state.auth_cache = AuthCache(settings.auth_cache_seconds, app.state.change_listener)
    app.state.feed_cache = FeedCache(settings.feed_cache_seconds, app.state.change_listener)
    app.state.db_gate = FairGate(settings.db_pool_max_size)
    install_error_handlers(app)
    install_body_limit(app)
    app.add_middleware(
        EdgeMiddleware, settings=settings, also_tell=[app.state.auth_cache, app.state.feed_cache]
    )

    app.include_router(health_router)
    app.include_router(appconfig_router)
    app.include_router(courses_router)
    app.include_router(media_router)
    app.include_router(covers_router)
    app.include_router(auth_router)
    app.include_router(profiles_router)
    app.include_router(teachers_router)
    app.include_router(admin_router)
    app.include_router(seminars_router)
    app.include_router(sfu_router)
    app.include_router(feed_router)
    app.include_router(community_router)
    app.include_router(messages_router)
    app.include_router(notifications_router)
    app.include_router(services_router)
    app.include_router(bookings_router)
    app.include_router(reviews_router)
    app.include_router(orders_router)
    app.include_router(payments_router)
    app.include_router(payouts_router)
    app.include_router(privacy_router)
    index_routes(app)
    return app
