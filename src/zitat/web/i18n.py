"""The web app's words in English and German: a message catalogue, the language of a request (from
``?lang=``, the ``lang`` cookie or Accept-Language) and ``t(key)`` for the templates.

Linguistic labels (Direct, Indirect, …; Speech, Thought, Writing) stay in the SpkAtt scheme in both
languages; the legends explain them in the reader's language.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LANGUAGES = ("en", "de")
DEFAULT_LANGUAGE = "en"
COOKIE = "lang"
COOKIE_SECONDS = 365 * 24 * 3600

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "error.too_long": "the text has {chars} characters, more than the limit of {limit}: "
        "send a shorter text or split it (zitat serve --max-chars sets the limit)",
        "error.timeout": "extraction took longer than {seconds} s and was stopped: send a shorter text "
        "(zitat serve --extract-timeout sets the limit)",
        "error.busy": "other extractions kept the server busy for {seconds} s: try again later",
        "error.stopping": "the server is stopping: try again when it is back",
        "error.worker_died": "the extraction process ended unexpectedly: try again",
    },
    "de": {
        "error.too_long": "Der Text hat {chars} Zeichen, mehr als die Grenze von {limit}: "
        "bitte einen kürzeren Text senden oder ihn teilen (zitat serve --max-chars setzt die Grenze)",
        "error.timeout": "Die Analyse dauerte länger als {seconds} s und wurde abgebrochen: bitte einen "
        "kürzeren Text senden (zitat serve --extract-timeout setzt die Grenze)",
        "error.busy": "Andere Analysen haben den Server {seconds} s lang belegt: "
        "bitte später erneut versuchen",
        "error.stopping": "Der Server wird gerade beendet: bitte erneut versuchen, wenn er wieder läuft",
        "error.worker_died": "Der Analyseprozess endete unerwartet: bitte erneut versuchen",
    },
}


def format_number(language: str, value: int) -> str:
    """1,234,567 in English, 1.234.567 in German."""
    text = f"{value:,}"
    return text.replace(",", ".") if language == "de" else text


def translate(language: str, key: str, **params: Any) -> str:
    """The message ``key`` in ``language`` (English when it has none), with ``params`` filled in;
    whole numbers are written the language's way."""
    catalogue = MESSAGES.get(language, MESSAGES[DEFAULT_LANGUAGE])
    text = catalogue.get(key) or MESSAGES[DEFAULT_LANGUAGE][key]
    shown = {name: format_number(language, v) if type(v) is int else v for name, v in params.items()}
    return text.format(**shown)


def accepted_language(header: str) -> str | None:
    """The first of our languages in an Accept-Language header, by quality (``de-AT,de;q=0.9,en;q=0.8``)."""
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, quality = part.strip().partition(";")
        try:
            weight = float(quality.strip().removeprefix("q=")) if quality else 1.0
        except ValueError:
            weight = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and weight > 0:
            ranked.append((-weight, position, primary))
    return min(ranked)[2] if ranked else None


def request_language(request: Request) -> str:
    """``?lang=`` (the switch), else the ``lang`` cookie it set, else the browser's Accept-Language."""
    for chosen in (request.query_params.get("lang"), request.cookies.get(COOKIE)):
        if chosen in LANGUAGES:
            return chosen
    return accepted_language(request.headers.get("accept-language", "")) or DEFAULT_LANGUAGE


@pass_context
def template_translate(context: Any, key: str, **params: Any) -> str:
    """``t(key, …)`` in the templates: the message in the language of the page's request."""
    return translate(request_language(context["request"]), key, **params)


class LanguageCookieMiddleware:
    """Remembers a language chosen with ``?lang=`` in a cookie, so the switch holds on later pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        chosen = Request(scope).query_params.get("lang") if scope["type"] == "http" else None
        if chosen not in LANGUAGES:
            await self.app(scope, receive, send)
            return
        cookie = f"{COOKIE}={chosen}; Path=/; Max-Age={COOKIE_SECONDS}; SameSite=Lax".encode()

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie)]
            await send(message)

        await self.app(scope, receive, send_with_cookie)
