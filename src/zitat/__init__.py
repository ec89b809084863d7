"""zitat: who said what, to whom, and how, in German news."""

from zitat.document import DocumentMeta, Speaker, Statement
from zitat.extraction import extract
from zitat.pipeline import load, process_text, process_tokens
from zitat.store import open_archive as open
from zitat.version import __version__

__all__ = [
    "DocumentMeta",
    "Speaker",
    "Statement",
    "__version__",
    "extract",
    "load",
    "open",
    "process_text",
    "process_tokens",
]
