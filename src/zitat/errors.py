"""Errors that the CLI reports as one clear line (never a traceback)."""


class ZitatError(Exception):
    """A user-facing problem: bad input, a missing file, an unknown model."""


class InputError(ZitatError):
    """One input could not be read or is not a German news text."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class NotFound(ZitatError):
    """No speaker, correction or other archive entry matches what was asked for."""
