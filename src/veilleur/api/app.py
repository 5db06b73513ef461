"""The application factory: routes, error handlers, security headers."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import StoreError, default_url
from .state import AppState, ExtractorFactory

log = logging.getLogger("veilleur.api")

MAX_BODY_BYTES = 2 * 1024 * 1024  # an article is tens of KB; 2 MB leaves room for a batch

# Pages use only our own bundled files: no inline script may run even if escaping failed.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def _validation_message(exc: RequestValidationError) -> str:
    errs = exc.errors()
    if not errs:
        return "invalid request"
    e = errs[0]
    loc = " ".join(str(x) for x in e.get("loc", ()))
    return f"{loc}: {e.get('msg', 'invalid')}".strip()


def create_app(store_url: str | None = None, api_key: str | None = None, *,
               max_body: int = MAX_BODY_BYTES, extractor: ExtractorFactory | None = None) -> FastAPI:
    """The veilleur web app over the store at ``store_url`` (default ``$VEILLEUR_DB``, else ./veilleur.db).

    ``api_key`` protects ``POST /api/documents`` (default ``$VEILLEUR_API_KEY``); with no key,
    writes are refused (403). ``extractor``: a factory for the pipeline (default ``veilleur.load``),
    called once, on the first write.
    """
    key = api_key if api_key is not None else os.environ.get("VEILLEUR_API_KEY") or None
    state = AppState(store_url or default_url(), key or None, max_body)
    if extractor is not None:
        state.extractor_factory = extractor

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(title="veilleur", version=__version__, lifespan=lifespan,
                  description="Sourced event records from French news: events, stories, documents with "
                              "evidence spans, arms flows and sanctions links. Writes need the API key.")
    app.state.veilleur = state

    from ..web.pages import mount as mount_pages
    from . import routes, write

    app.include_router(routes.router)
    app.include_router(write.router)
    app.include_router(write.alias)
    mount_pages(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if not request.url.path.startswith(("/docs", "/redoc")):  # Swagger UI needs its inline bootstrap
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        if _wants_html(request):
            from ..web.pages import error_page

            return error_page(request, exc.status_code, detail)
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        msg = _validation_message(exc)
        if _wants_html(request):
            from ..web.pages import error_page

            return error_page(request, 422, msg)
        return JSONResponse({"detail": msg}, status_code=422)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("store error: %s", exc)
        return JSONResponse({"detail": "the store is unavailable"}, status_code=503)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        # logged on the server; the client gets no stack trace, no paths, no SQL
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse({"detail": "internal server error"}, status_code=500)

    return app
