"""Group commits: the archive's writer stores many documents per transaction, each in its own savepoint.

A lost server connection takes the open transaction with it. The batch keeps the work done since the
last commit, reconnects with waits doubling each time and does that work again, so every document is
stored once; only when the server stays away does the loss reach the caller.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

from zitat.errors import EnvironmentFault
from zitat.store.database import ConnectionLost, Database

# Documents are grouped into one commit every half second (each in its own savepoint, so each is
# still all or nothing): a commit per document costs more than storing it, FTS5 segments above all.
GROUP_COMMIT_SECONDS = 0.5
GROUP_COMMIT_DOCUMENTS = 200
# long enough for a server restart or a failover, short enough that a dead server is reported soon
RECONNECT_SECONDS = 30.0
RECONNECT_ATTEMPTS = 5

T = TypeVar("T")


def backoff(total: float, attempts: int = RECONNECT_ATTEMPTS) -> tuple[float, ...]:
    """``attempts`` waits, each twice the one before, that add up to ``total`` seconds (none for 0)."""
    if total <= 0:
        return ()
    first = total / (2**attempts - 1)
    return tuple(first * 2**n for n in range(attempts))


class Tally(Protocol):
    """What the batch's user counts as it goes: marked at each commit, set back to the mark (and told
    of the reconnect) when the uncommitted work is done again."""

    def checkpoint(self) -> None: ...

    def rewind(self) -> None: ...


class StoreBatch:
    """An open transaction that the writer commits every ``GROUP_COMMIT_SECONDS`` or so many documents.

    ``forget`` drops what the archive cached from the uncommitted transaction (speaker ids);
    ``delays`` are the waits before each reconnect attempt after a lost connection."""

    def __init__(
        self,
        db: Database,
        forget: Callable[[], None] = lambda: None,
        tally: Tally | None = None,
        delays: Sequence[float] = backoff(RECONNECT_SECONDS),
    ) -> None:
        self.db = db
        self.forget = forget
        self.tally = tally
        self.delays = tuple(delays)
        self.uncommitted: list[Callable[[], None]] = []
        self.started = 0.0

    def __enter__(self) -> StoreBatch:
        self._begin()
        return self

    def _begin(self) -> None:
        self.db.begin()
        self.started = time.monotonic()

    def _commit(self) -> None:
        self.db.commit()
        self.uncommitted.clear()
        if self.tally is not None:
            self.tally.checkpoint()
        self._begin()

    def add(self, work: Callable[[], None]) -> None:
        """Do ``work`` (store one document or record a failure) in the open transaction, to be done
        again should the connection be lost before it is committed; commit when it is time."""
        self.uncommitted.append(work)
        try:
            work()
        except ConnectionLost as lost:
            self._recover(lost, iter(self.delays))  # does ``work`` again with the rest
        if (
            len(self.uncommitted) >= GROUP_COMMIT_DOCUMENTS
            or time.monotonic() - self.started >= GROUP_COMMIT_SECONDS
        ):
            self.guard(self._commit)

    def guard(self, action: Callable[[], T]) -> T:
        """``action()``; after a lost connection, once reconnected and the uncommitted work done again,
        ``action()`` again (a read, or a commit)."""
        attempts = iter(self.delays)
        while True:
            try:
                return action()
            except ConnectionLost as lost:
                self._recover(lost, attempts)

    def _recover(self, lost: ConnectionLost, attempts: Iterator[float]) -> None:
        """Reconnect and redo the uncommitted work, waiting before each attempt; when no attempt is
        left, the loss as one line."""
        last = lost
        for delay in attempts:
            time.sleep(delay)
            try:
                self.db.reconnect()
                self.forget()
                if self.tally is not None:
                    self.tally.rewind()
                self._begin()
                # a commit whose answer was lost may have succeeded: its documents are duplicates now
                for work in self.uncommitted:
                    work()
                return
            except ConnectionLost as again:
                last = again
        tried = f"{len(self.delays)} reconnects in {sum(self.delays):g} s failed ({last.reason})"
        raise EnvironmentFault(f"{lost}, and {tried}" if self.delays else str(lost)) from lost

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        if isinstance(error, EnvironmentFault):
            self.db.abandon()  # the disk or server failed: the documents since the last commit are lost
            return
        try:
            # every document in it is whole (a failed one was undone by its savepoint), also on Ctrl-C
            if error is None:
                self.guard(self.db.commit)
            else:
                self.db.finish()  # no reconnecting on Ctrl-C
        except EnvironmentFault:
            self.db.abandon()
            raise
