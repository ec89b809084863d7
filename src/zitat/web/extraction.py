"""Turning a request's text or HTML into an article and its statements (the JSON contract), in a child
process that a timeout or a stopping server can end."""

from __future__ import annotations

import multiprocessing
import signal
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from zitat.document import DocumentMeta
from zitat.errors import InputError, ZitatError
from zitat.ingest.article import Article, Failure
from zitat.ingest.readers import InputProblem, check_text, html_article, read_bytes
from zitat.web.i18n import translate
from zitat.web.limits import DEFAULT_EXTRACT_TIMEOUT, DEFAULT_MAX_CHARS

META_FIELDS = ("title", "url", "published", "outlet", "author")

# loading the pipeline in a fresh process (about 2 s) does not count against the timeout
STARTUP_SECONDS = 300.0
WARM_UP = "„Wir sind bereit“, sagte sie am Montag."


class ExtractionRefused(ZitatError):
    """An extraction the server will not (or could not) finish: ``status`` is the HTTP answer and
    ``key`` with ``params`` the message in the catalogue (``zitat.web.i18n``)."""

    def __init__(self, status: int, key: str, **params: Any) -> None:
        super().__init__(translate("en", key, **params))
        self.status = status
        self.key = key
        self.params = params


def article_from_upload(data: bytes, name: str) -> Article:
    """The first article in an uploaded or pasted input (text, HTML or JSONL, sniffed as by ``extract``)."""
    for item in read_bytes(data, name, name):
        if isinstance(item, Failure):
            raise InputError(name, item.reason)
        return item
    raise InputError(name, "no article found")


def article_from_fields(fields: dict[str, Any], doc_id: str) -> Article:
    """An article from an API request: ``text`` or ``html`` plus optional metadata fields."""
    try:
        if fields.get("html"):
            article = html_article(fields["html"], "request", doc_id)
        else:
            article = Article(check_text(fields.get("text") or ""), DocumentMeta(id=doc_id), "request")
    except InputProblem as problem:
        raise InputError("request", str(problem)) from None
    for name in META_FIELDS:
        if fields.get(name) is not None:
            setattr(article.meta, name, fields[name])
    if fields.get("id"):
        article.meta.id = fields["id"]
    return article


def serve_extractions(connection: Connection, model: str) -> None:
    """The child process: load the pipeline, say so, then answer each article with ``("ok", json)``,
    ``("input", problem)`` or ``("error", reason)`` until the server hangs up."""
    from zitat.extraction import extract_json
    from zitat.pipeline import load

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the server ends this
    load(model)
    extract_json(WARM_UP, model)  # the first text pays for lazy set-up (0.2 s): not a request's timeout
    connection.send(("ready", None))
    while True:
        try:
            article = connection.recv()
        except (EOFError, OSError):
            return
        try:
            connection.send(("ok", extract_json(article, model)))
        except InputError as exc:
            connection.send(("input", exc.problem))
        except Exception as exc:  # a bug: the server answers 500 and logs it, the worker goes on
            connection.send(("error", f"{type(exc).__name__}: {exc}".splitlines()[0]))


class ExtractionWorker:
    """Extracts one document at a time in a child process (the pipeline's state is shared, and a
    process, unlike a thread, can be ended): a text above ``max_chars`` is refused with 413, one that
    takes longer than ``timeout`` seconds ends the child (and the memory it grew) with 503, and
    ``stop`` ends it at once so a stopping server does not wait for an extraction. A new child starts
    for the next request."""

    def __init__(
        self,
        model: str,
        *,
        timeout: float = DEFAULT_EXTRACT_TIMEOUT,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> None:
        self.model = model
        self.timeout = timeout
        self.max_chars = max_chars
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._ready = False
        self._stopping = False

    def check_size(self, article: Article) -> None:
        if len(article.text) > self.max_chars:
            raise ExtractionRefused(413, "error.too_long", chars=len(article.text), limit=self.max_chars)

    def start(self) -> None:
        """Start the child now (it loads the pipeline while the server starts), unless it runs."""
        with self._lock:
            self._spawn()

    def _spawn(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._connection is not None:
            return self._connection
        if self._stopping:
            raise ExtractionRefused(503, "error.stopping")
        # spawn, not fork: forking a server that runs threads can copy a lock some thread holds
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=serve_extractions, args=(theirs, self.model), daemon=True, name="zitat-extract"
        )
        process.start()
        theirs.close()  # the child's end: when the child dies, reading ours ends instead of waiting
        self._process, self._connection, self._ready = process, ours, False
        return ours

    def _receive(self, connection: Connection, seconds: float) -> tuple[str, Any] | None:
        """The child's next answer, or None when it did not come in time; 503 when the child died."""
        try:
            if not connection.poll(seconds):
                return None
            answer: tuple[str, Any] = connection.recv()
            return answer
        except (EOFError, OSError):
            self._end()
            raise ExtractionRefused(
                503, "error.stopping" if self._stopping else "error.worker_died"
            ) from None

    def extract(self, article: Article) -> dict[str, Any]:
        self.check_size(article)
        # waiting for the extractions ahead counts too: a queue behind a long text is refused in time
        if not self._lock.acquire(timeout=self.timeout):
            raise ExtractionRefused(503, "error.busy", seconds=f"{self.timeout:g}")
        try:
            connection = self._spawn()
            if not self._ready:
                if self._receive(connection, STARTUP_SECONDS) is None:
                    self._end()
                    raise ExtractionRefused(503, "error.worker_died")
                self._ready = True
            connection.send(article)
            answer = self._receive(connection, self.timeout)
            if answer is None:
                self._end()  # the child may be deep in a long text: ending it is the only way to stop it
                raise ExtractionRefused(503, "error.timeout", seconds=f"{self.timeout:g}")
        finally:
            self._lock.release()
        kind, value = answer
        if kind == "input":
            raise InputError("request", value)
        if kind == "error":
            raise RuntimeError(f"extraction failed: {value}")
        result: dict[str, Any] = value
        return result

    def _end(self) -> None:
        process, self._process, self._ready = self._process, None, False
        if process is not None and process.is_alive():
            process.kill()
            process.join(5)
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def stop(self) -> None:
        """End the child now and for good, also while an extraction runs (called from a signal handler:
        takes no lock); the waiting request and any later one answer 503."""
        self._stopping = True
        process = self._process
        if process is not None and process.pid is not None:
            process.kill()
