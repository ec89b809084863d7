"""Group commits: the archive's writer stores many documents per transaction, each in its own savepoint."""

from __future__ import annotations

import time

from zitat.errors import EnvironmentFault
from zitat.store.database import Database

# Documents are grouped into one commit every half second (each in its own savepoint, so each is
# still all or nothing): a commit per document costs more than storing it, FTS5 segments above all.
GROUP_COMMIT_SECONDS = 0.5
GROUP_COMMIT_DOCUMENTS = 200


class StoreBatch:
    """An open transaction that the writer commits every ``GROUP_COMMIT_SECONDS`` or so many documents."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.pending = 0
        self.started = 0.0

    def __enter__(self) -> StoreBatch:
        self._begin()
        return self

    def _begin(self) -> None:
        self.db.begin()
        self.pending, self.started = 0, time.monotonic()

    def document_done(self) -> None:
        self.pending += 1
        if self.pending >= GROUP_COMMIT_DOCUMENTS or time.monotonic() - self.started >= GROUP_COMMIT_SECONDS:
            self.db.commit()
            self._begin()

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        if isinstance(error, EnvironmentFault):
            self.db.abandon()  # the disk or server failed: the documents since the last commit are lost
            return
        try:
            # every document in it is whole (a failed one was undone by its savepoint), also on Ctrl-C
            self.db.commit()
        except EnvironmentFault:
            self.db.abandon()
            raise
