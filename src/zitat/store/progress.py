"""A progress line on standard error: documents, documents/s and, when the input size is known, ETA."""

from __future__ import annotations

import sys
import time
from typing import TextIO

TTY_INTERVAL = 0.25  # seconds between redraws on a terminal
LOG_INTERVAL = 10.0  # seconds between lines when stderr is a file or pipe


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class Progress:
    """Call ``update`` after every document and ``finish`` at the end."""

    def __init__(self, total_bytes: int | None, stream: TextIO | None = None) -> None:
        self.total_bytes = total_bytes
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.monotonic()
        self.last_shown = 0.0
        self.documents = 0
        self.done_bytes = 0

    def update(self, done_bytes: int) -> None:
        self.documents += 1
        self.done_bytes = done_bytes
        now = time.monotonic()
        if now - self.last_shown >= (TTY_INTERVAL if self.tty else LOG_INTERVAL):
            self.last_shown = now
            self._show(now)

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        parts = [f"{self.documents:,} documents", f"{self.documents / elapsed:.1f} docs/s"]
        if self.total_bytes:
            fraction = min(self.done_bytes / self.total_bytes, 1.0)
            parts.append(f"{fraction:.0%}")
            if fraction > 0:
                parts.append(f"ETA {_clock(elapsed * (1 - fraction) / fraction)}")
        return "zitat: " + "  ".join(parts)

    def _show(self, now: float) -> None:
        if self.tty:
            self.stream.write("\r\033[K" + self.line(now))
        else:
            self.stream.write(self.line(now) + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty and self.documents:
            self._show(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
