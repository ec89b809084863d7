"""How long a text the web app extracts, for how long, and how much it keeps of its answers (``zitat
serve --max-chars``, ``--extract-timeout``, ``--cache-mb``); a module of its own so ``zitat --help``
shows them without the web extra."""

# zitat reads about 9,000 characters a second on one core (docs/benchmarks.md, "Long texts"): the
# longest text is done in about 20 s, well within the timeout, and a news article in well under 1 s
DEFAULT_MAX_CHARS = 200_000
DEFAULT_EXTRACT_TIMEOUT = 60.0
DEFAULT_CACHE_MB = 64.0  # answers kept per server process (zitat.web.response_cache)
