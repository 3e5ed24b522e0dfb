"""The FastAPI application: ``create_app(settings)``.

Routes under ``/api/v1`` (``/health`` and ``/openapi.json`` at the root); every
response carries ``X-Protocol: 1``; errors are ``{"error": {"code", "message",
"field"}}``; bodies above ``settings.max_body_bytes`` are refused with ``413``;
answers of 1 KiB and more are gzip-encoded for clients that accept it.  The app
checks at start that the database schema is at the Alembic head.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from starlette.middleware.gzip import GZipMiddleware

from sync.records.schema import PROTOCOL_VERSION
from sync.server.api import auth, devices, files, public, records, sync, users
from sync.server import journal as journals
from sync.server.journal import Journal
from sync.server.db import Database
from sync.server.errors import install_error_handlers
from sync.server.middleware import AccessLogMiddleware, BodyLimitMiddleware
from sync.server.migrate import check_at_head
from sync.server.passwords import Passwords
from sync.server.settings import ServerSettings

API_PREFIX = "/api/v1"


def api_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX)
    router.include_router(public.schema_router)
    router.include_router(auth.router)
    router.include_router(users.router)
    router.include_router(devices.router)
    router.include_router(sync.router)
    router.include_router(records.router)
    router.include_router(files.router)
    return router


def create_app(settings: ServerSettings, *, database: Database | None = None) -> FastAPI:
    """The server on ``settings`` (or on ``database``, which the caller then disposes)."""
    db = database or Database(settings.database_url)
    if database is None and journals.journal_of(db) is None:
        # The server's own database journals every verified op (a caller that hands
        # in a database decides about its journal itself).
        journals.attach(db, Journal(settings.journal_dir))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        check_at_head(db)
        yield
        if database is None:
            db.dispose()

    app = FastAPI(
        title="Porpiang sync server",
        version=f"protocol {PROTOCOL_VERSION}",
        description="Accounts, areas and the store of record of the Baan Por Piang "
                    "programme. Errors: {\"error\": {\"code\", \"message\", \"field\"}}.",
        lifespan=lifespan,
    )
    app.state.settings, app.state.db = settings, db
    app.state.passwords = Passwords(settings.passwords)
    install_error_handlers(app)
    app.include_router(public.health_router)
    app.include_router(api_router())
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(AccessLogMiddleware)
    return app
