"""Request size limit, security headers, bearer tokens and error answers that never leak a traceback."""

from __future__ import annotations

import hmac
import logging
from typing import Any

from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("zitat.web")

DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024

# no inline script or style anywhere: even a missed escape cannot run code
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def error_body(status: int, message: str, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": {"status": status, "message": message}}
    if details:
        body["error"]["details"] = details
    return body


class LimitsMiddleware:
    """Answers 413 for bodies above the limit (by Content-Length, or counted while streaming) and
    adds the security headers to every response."""

    def __init__(self, app: ASGIApp, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body_bytes):
            await self.too_large(scope, receive, send)
            return
        received = 0
        rejected = False

        async def limited_receive() -> Message:
            nonlocal received, rejected
            message = await receive()
            if message["type"] == "http.request" and not rejected:
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    # answer now and tell the app the client left, so it stops reading
                    rejected = True
                    await self.too_large(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def send_with_headers(message: Message) -> None:
            if rejected:
                return  # the 413 has been sent; whatever the app answers to the disconnect is dropped
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, limited_receive, send_with_headers)

    async def too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit_mb = self.max_body_bytes / 1024 / 1024
        response = JSONResponse(
            error_body(413, f"request body too large (limit {limit_mb:g} MB)"), status_code=413
        )
        response.headers.update({k.decode(): v.decode() for k, v in SECURITY_HEADERS})
        await response(scope, receive, send)


def token_matches(given: str, expected: str | None) -> bool:
    """True when no token is required or ``given`` is it (compared in constant time)."""
    return not expected or hmac.compare_digest(given.encode(), expected.encode())


def check_bearer(request: Request, token: str | None) -> None:
    """Raise 401 unless ``token`` is unset or the request carries it as a bearer token."""
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if token and (scheme.lower() != "bearer" or not token_matches(given.strip(), token)):
        raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


def validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    details = [
        {"where": ".".join(str(p) for p in err.get("loc", ())), "problem": err.get("msg", "invalid")}
        for err in exc.errors()
    ]
    first = details[0] if details else {"where": "request", "problem": "invalid"}
    return f"invalid request: {first['where']}: {first['problem']}", details


async def unexpected_handler(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse(error_body(500, "internal error"), status_code=500)
