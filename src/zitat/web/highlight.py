"""Statements drawn into their text as properly nested, escaped HTML.

Roles of different statements overlap freely (a nested statement's cue sits inside the outer
message, a discontinuous message wraps around its own cue), so the text is cut at every span
boundary and the open elements are closed and reopened as needed, the way HTML parsers reconstruct
formatting elements. Every piece of text goes through ``escape``: article text is untrusted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from zitat.web.i18n import DEFAULT_LANGUAGE, translate

# the frame is the whole attributing clause; marking it too would bury the other roles
HIGHLIGHT_ROLES = ("message", "source", "cue", "addressee")
ROLE_RANK = {role: rank for rank, role in enumerate(HIGHLIGHT_ROLES)}


@dataclass(frozen=True)
class Mark:
    """One span of one role of one statement."""

    start: int
    end: int
    statement: int  # index into the statement list
    role: str

    def sort_key(self) -> tuple[int, int, int, int]:
        # outer elements first: earlier start, then longer, then message before the other roles
        return (self.start, -self.end, ROLE_RANK[self.role], self.statement)


def speaker_label(statement: dict[str, Any]) -> str:
    """The name of the speaker, else the source as written, else a dash."""
    speaker = statement.get("speaker") or {}
    source = statement.get("source") or {}
    return speaker.get("name") or source.get("text") or "–"


def describe(statement: dict[str, Any], role: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The hover/focus text of one highlighted role: speaker, their role, form and medium."""
    speaker = statement.get("speaker") or {}
    who = speaker_label(statement)
    if speaker.get("role"):
        who += f" ({speaker['role']})"
    return translate(
        language,
        "tip.statement",
        id=statement["id"],
        role=translate(language, f"role.{role}"),
        speaker=who,
        form=statement.get("form") or "?",
        medium=statement.get("medium") or "?",
    )


def collect_marks(text: str, statements: Sequence[dict[str, Any]]) -> list[Mark]:
    marks = []
    for index, statement in enumerate(statements):
        for role in HIGHLIGHT_ROLES:
            for span in (statement.get(role) or {}).get("spans", []):
                start, end = max(0, int(span["start"])), min(len(text), int(span["end"]))
                # a message that runs to the end of its paragraph may hold the line break: its closing
                # bracket belongs to the last word, not to the start of the next paragraph
                while end > start and text[end - 1].isspace():
                    end -= 1
                if start < end:
                    marks.append(Mark(start, end, index, role))
    return sorted(marks, key=Mark.sort_key)


class _Writer:
    """Emits the HTML; remembers which statements already have their focusable anchor."""

    def __init__(self, statements: Sequence[dict[str, Any]], language: str) -> None:
        self.statements = statements
        self.language = language
        self.parts: list[str] = []
        self.anchored: set[int] = set()

    def open(self, mark: Mark, at: int) -> None:
        statement = self.statements[mark.statement]
        sid = str(statement["id"])
        classes = f"hl hl-{mark.role}" + ("" if at == mark.start else " hl-cont")
        details = describe(statement, mark.role, self.language)
        attrs = f' class="{classes}" data-s="{escape(sid)}" title="{escape(details)}"'
        if mark.statement not in self.anchored:
            # one tab stop per statement, at its first piece: focus shows the same details as hover
            self.anchored.add(mark.statement)
            attrs += f' id="t-{escape(sid)}" tabindex="0"'
        self.parts.append(f"<span{attrs}>")
        if mark.role == "message" and at == mark.start:
            self.parts.append(f'<span class="br" aria-hidden="true">⟦{escape(sid)} </span>')

    def close(self, mark: Mark, at: int) -> None:
        if mark.role == "message" and at == mark.end:
            self.parts.append('<span class="br" aria-hidden="true">⟧</span>')
        self.parts.append("</span>")


def highlight(text: str, statements: Sequence[dict[str, Any]], language: str = DEFAULT_LANGUAGE) -> Markup:
    """``text`` as HTML with the roles of ``statements`` (JSON contract shape) marked up; the details
    shown on hover in ``language``."""
    marks = collect_marks(text, statements)
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    writer = _Writer(statements, language)
    stack: list[Mark] = []
    for a, b in pairwise(cuts):
        wanted = [m for m in marks if m.start <= a and m.end >= b]  # already in nesting order
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        for mark in reversed(stack[keep:]):
            writer.close(mark, a)
        for mark in wanted[keep:]:
            writer.open(mark, a)
        stack = wanted
        writer.parts.append(str(escape(text[a:b])))
    for mark in reversed(stack):
        writer.close(mark, len(text))
    return Markup("".join(writer.parts))
