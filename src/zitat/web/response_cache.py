"""Whole answers to GET requests for pages and API reads, kept while the archive stays as it was.

A search page costs its hits, count, facets and timeline (tens of milliseconds on 100,000 statements)
and its template (a few more); asked again, it costs a look-up here. An answer is kept under the
archive's data version (``zitat.web.archive.Versioned``), the address and the reader's language, and
only when it is a plain 200 without cookies; when the version changes, everything kept is dropped.
The version is taken before the app answers, so a kept answer is never older than the archive was
when its key was made.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zitat.errors import EnvironmentFault
from zitat.web.archive import Versioned
from zitat.web.i18n import request_language

MAX_ENTRY_SHARE = 16  # one answer may take at most this share of the cache (a huge list is not kept)
# not kept: files (served as they are), streamed exports of any size, and extraction (no archive)
UNCACHED_PREFIXES = ("/static/", "/api/statements/export", "/analyze", "/api/extract")

Key = tuple[str, str, str, str, str]


class ResponseCache:
    """ASGI middleware: GET answers of status 200 kept in memory, the most recently used first, up to
    ``max_bytes`` of bodies in all (0: keep nothing)."""

    def __init__(self, app: ASGIApp, store: Any, max_bytes: int) -> None:
        self.app = app
        self.store = store if isinstance(store, Versioned) else None
        self.max_bytes = max_bytes
        self.kept: OrderedDict[Key, tuple[int, list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self.size = 0
        self.version: str | None = None
        # answers are kept by the event loop's thread, but the app may be run by several (tests)
        self.lock = threading.Lock()

    def cacheable(self, scope: Scope) -> bool:
        return (
            self.store is not None
            and self.max_bytes > 0
            and scope["type"] == "http"
            and scope["method"] == "GET"
            and not scope["path"].startswith(UNCACHED_PREFIXES)
        )

    def key(self, scope: Scope, version: str) -> Key:
        request = Request(scope)
        query = scope.get("query_string", b"").decode("latin-1")
        return (version, request_language(request), request.headers.get("host", ""), scope["path"], query)

    def look_up(self, key: Key) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        with self.lock:
            if key[0] != self.version:  # the archive changed since the answers kept were made
                self.kept.clear()
                self.size = 0
                self.version = key[0]
            found = self.kept.get(key)
            if found is not None:
                self.kept.move_to_end(key)
            return found

    def keep(self, key: Key, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        with self.lock:
            if key[0] != self.version or key in self.kept:
                return
            self.kept[key] = (status, headers, body)
            self.size += len(body)
            while self.size > self.max_bytes:
                _, (_, _, dropped) = self.kept.popitem(last=False)
                self.size -= len(dropped)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.cacheable(scope):
            await self.app(scope, receive, send)
            return
        assert self.store is not None
        try:
            version = self.store.data_version()
        except EnvironmentFault:  # the archive cannot tell (its server is gone): answer as if not kept
            await self.app(scope, receive, send)
            return
        key = self.key(scope, version)
        found = self.look_up(key)
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        started: Message = {}
        chunks: list[bytes] = []
        size = 0
        keeping = True

        async def send_and_keep(message: Message) -> None:
            nonlocal size, keeping
            if message["type"] == "http.response.start":
                started.update(message)
                headers = message.get("headers", [])
                keeping = message["status"] == 200 and not any(name == b"set-cookie" for name, _ in headers)
            elif message["type"] == "http.response.body" and keeping:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                keeping = size <= self.max_bytes // MAX_ENTRY_SHARE
                if keeping and not message.get("more_body", False):
                    self.keep(key, started["status"], list(started.get("headers", [])), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, send_and_keep)
