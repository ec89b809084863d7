"""The web application: pages, JSON API, offline API docs, limits and error answers."""

from __future__ import annotations

import signal
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import anyio.to_thread
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from zitat import __version__
from zitat.attribution.registry import DEFAULT_MODEL
from zitat.document import FORMS, GENDERS, MEDIA, SPEAKER_TYPES
from zitat.web import api, browse, clusters, pages, research_api
from zitat.web.archive import ArchiveView
from zitat.web.extraction import ExtractionRefused, ExtractionWorker
from zitat.web.i18n import (
    LanguageCookieMiddleware,
    language_url,
    request_language,
    template_date,
    template_number,
    template_percent,
    template_translate,
    translate,
)
from zitat.web.limits import DEFAULT_CACHE_MB, DEFAULT_EXTRACT_TIMEOUT, DEFAULT_MAX_CHARS
from zitat.web.response_cache import ResponseCache
from zitat.web.security import (
    DEFAULT_MAX_BODY_BYTES,
    LimitsMiddleware,
    error_body,
    unexpected_handler,
    validation_message,
)

HERE = Path(__file__).parent


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain web link; ``javascript:``, ``data:`` and the like are never linked."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def make_templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    env.globals.update(
        safe_url=safe_url,
        version=__version__,
        t=template_translate,
        language=request_language,
        language_url=language_url,
        # the labels the legends explain (anything else is shown as it is)
        LABELS={"form": FORMS, "medium": MEDIA, "type": SPEAKER_TYPES, "gender": GENDERS},
    )
    env.filters.update(percent=template_percent, number=template_number, date=template_date)
    return Jinja2Templates(env=env)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", "")


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    headers = getattr(exc, "headers", None)
    if wants_json(request):
        return JSONResponse(error_body(exc.status_code, str(exc.detail)), exc.status_code, headers=headers)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": exc.status_code, "message": exc.detail}, exc.status_code, headers
    )


async def extraction_refused(request: Request, exc: Exception) -> Response:
    """413 for a text above the limit, 503 for a timeout or a stopping server, in the reader's language."""
    assert isinstance(exc, ExtractionRefused)
    message = translate(request_language(request), exc.key, **exc.params)
    return await http_error(request, StarletteHTTPException(exc.status, message))


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    message, details = validation_message(exc)
    if wants_json(request):
        return JSONResponse(error_body(422, message, details), 422)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": 422, "message": message}, 422
    )


def api_docs(request: Request) -> HTMLResponse:
    """The OpenAPI description as a plain page; the interactive Swagger UI would load from a CDN."""
    spec: dict[str, Any] = request.app.openapi()
    return request.app.state.templates.TemplateResponse(request, "docs.html", {"spec": spec})


@contextmanager
def stop_on_signals(worker: ExtractionWorker) -> Iterator[None]:
    """End the extraction child as soon as SIGTERM or SIGINT arrives, then let the server's own handler
    (uvicorn's, installed before the app starts) shut down as usual: the request that waited for the
    child answers 503 at once instead of holding the shutdown for as long as its text takes."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach only the main thread (a test client runs the app elsewhere)
        return
    previous: dict[int, Any] = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def stop(sig: int, frame: Any) -> None:
        worker.stop()
        handler = previous[sig]
        if callable(handler):
            handler(sig, frame)
        else:  # the default action (or none), as if this handler were not there
            signal.signal(sig, handler)
            signal.raise_signal(sig)

    for sig in previous:
        signal.signal(sig, stop)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def lifespan(threads: int | None) -> Any:
    """Start the extraction child with the app (it loads the pipeline meanwhile), end it with the app
    or at the first SIGTERM, and run at most ``threads`` requests at once in worker threads (``None``:
    anyio's 40).

    Searches and extractions run in these threads. With 4 instead of 40 per process, the search p95 at
    50 clients stayed steady instead of swinging (docs/benchmarks.md, Web); probably fewer threads
    contending for Python's lock.
    """

    @asynccontextmanager
    async def running(app: FastAPI) -> AsyncIterator[None]:
        if threads is not None:
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        worker: ExtractionWorker = app.state.extractor
        worker.start()
        with stop_on_signals(worker):
            try:
                yield
            finally:
                worker.stop()

    return running


def create_app(
    store: ArchiveView | None,
    *,
    model: str = DEFAULT_MODEL,
    api_token: str | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    threads: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    extract_timeout: float = DEFAULT_EXTRACT_TIMEOUT,
    cache_bytes: int = int(DEFAULT_CACHE_MB * 1024 * 1024),
) -> FastAPI:
    """The app over ``store`` (``None``: only extraction and Analyze work); texts to extract may have
    ``max_chars`` characters and take ``extract_timeout`` seconds; answers to GET requests are kept up
    to ``cache_bytes`` while the archive is unchanged (``zitat.web.response_cache``)."""
    app = FastAPI(
        lifespan=lifespan(threads),
        title="zitat",
        version=__version__,
        description="Who said what, to whom, and how, in German news: statements, speakers, documents.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.archive = store
    app.state.extractor = ExtractionWorker(model, timeout=extract_timeout, max_chars=max_chars)
    app.state.api_token = api_token or None
    app.state.templates = make_templates()
    # innermost: what the outer ones add (the language cookie, security headers) is added to kept
    # answers too, and never kept
    app.add_middleware(ResponseCache, store=store, max_bytes=cache_bytes)
    app.add_middleware(LanguageCookieMiddleware)
    app.add_middleware(LimitsMiddleware, max_body_bytes=max_body_bytes)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(ExtractionRefused, extraction_refused)
    app.add_exception_handler(Exception, unexpected_handler)
    app.add_api_route(
        "/docs", api_docs, methods=["GET"], include_in_schema=False, response_class=HTMLResponse
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(clusters.api_router)
    app.include_router(research_api.router)
    # before the pages: /articles/ (the list) would otherwise be taken for the article with id ""
    app.include_router(browse.router, include_in_schema=False)
    app.include_router(pages.router, include_in_schema=False)
    app.include_router(clusters.page_router, include_in_schema=False)
    return app
