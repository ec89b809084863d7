"""Errors that the CLI reports as one clear line (never a traceback)."""


class ZitatError(Exception):
    """A user-facing problem: bad input, a missing file, an unknown model."""

    exit_code = 1


class EnvironmentFault(ZitatError):
    """The machine, not the input, failed: a full disk, a read-only or locked archive, a lost database
    server. What was stored is kept; the same command run again completes the rest."""

    exit_code = 74  # EX_IOERR (sysexits.h): scripts can tell it from bad input (1) and bugs (70)


class InputError(ZitatError):
    """One input could not be read or is not a German news text."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class NotFound(ZitatError):
    """No speaker, correction or other archive entry matches what was asked for."""
