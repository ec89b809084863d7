"""What the accurate model predicts, and its training targets from SpkAtt-2023 annotations.

Every statement has one anchor: its cue, or, for a statement without a cue (reported and free
indirect speech) or a second statement of a cue already taken, the first word of its message. The
cue pass tags anchors per word; one role pass per anchor then tags the statement's words (multi-label:
SpkAtt parts are token sets, possibly discontinuous) and classifies its form and medium.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zitat.spkatt.format import SpkAttArticle

# B/I: a cue; C: a later part of the last cue („teilte … mit“); A: the anchor of a statement without cue
CUE_TAGS = ("O", "B", "I", "C", "A")
ROLE_NAMES = ("message", "source", "addressee", "frame", "cue")
ROLE_KEYS = {"message": "Message", "source": "Source", "addressee": "Addr", "frame": "Frame", "cue": "Cue"}
FORM_NAMES = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")
MEDIUM_BITS = ("Speech", "Thought", "Writing")
MEDIUM_CODES = {"Speech": "S", "Thought": "T", "Writing": "W"}
CUE_MARK, ANCHOR_MARK = 1, 2  # marker ids added to the anchor's sub-tokens in the role pass


@dataclass
class Anchor:
    words: tuple[int, ...]
    mark: int  # CUE_MARK or ANCHOR_MARK


@dataclass
class Target:
    anchor: Anchor
    roles: dict[str, frozenset[int]]
    form: int  # index into FORM_NAMES, -1 unknown
    medium: tuple[float, float, float] | None


def medium_bits(stwr: str | None) -> tuple[float, float, float] | None:
    if not stwr or stwr not in {"Speech", "Thought", "Writing", "ST", "SW", "TW"}:
        return None
    if stwr in MEDIUM_BITS:
        return tuple(float(stwr == m) for m in MEDIUM_BITS)  # type: ignore[return-value]
    return tuple(float(MEDIUM_CODES[m] in stwr) for m in MEDIUM_BITS)  # type: ignore[return-value]


def medium_name(probs: Sequence[float]) -> str:
    """One medium, or the two-letter mixture where two bits are likely (SW: speech and writing)."""
    on = [m for m, p in zip(MEDIUM_BITS, probs, strict=True) if p >= 0.5]
    if not on:
        on = [MEDIUM_BITS[max(range(3), key=lambda k: probs[k])]]
    if len(on) == 1:
        return on[0]
    on = sorted(on, key=lambda m: -probs[MEDIUM_BITS.index(m)])[:2]
    code = "".join(sorted((MEDIUM_CODES[m] for m in on), key="STW".index))
    return code


def targets(article: SpkAttArticle) -> list[Target]:
    """The article's statements as anchors and role sets."""
    out: list[Target] = []
    taken: set[tuple[int, ...]] = set()
    anns = sorted(article.annotations, key=lambda a: (article.span(a["Message"]) or (10**9,))[0])
    for ann in anns:
        roles = {name: frozenset(article.span(ann.get(key, []))) for name, key in ROLE_KEYS.items()}
        cue = tuple(sorted(roles["cue"]))
        message = sorted(roles["message"])
        if cue and cue not in taken:
            anchor = Anchor(cue, CUE_MARK)
            taken.add(cue)
        elif message:
            anchor = Anchor((message[0],), ANCHOR_MARK)
        else:
            continue
        form = FORM_NAMES.index(ann["Form"]) if ann.get("Form") in FORM_NAMES else -1
        out.append(Target(anchor, roles, form, medium_bits(ann.get("STWR"))))
    return out


def cue_tags(n_words: int, anchors: Sequence[Anchor]) -> list[int]:
    """Per word an index into CUE_TAGS; the first anchor to claim a word keeps it."""
    tags = [0] * n_words
    for anchor in anchors:
        if anchor.mark == ANCHOR_MARK:
            if tags[anchor.words[0]] == 0:
                tags[anchor.words[0]] = CUE_TAGS.index("A")
            continue
        previous = None
        for k, word in enumerate(anchor.words):
            if tags[word] == 0:
                if k == 0:
                    tags[word] = CUE_TAGS.index("B")
                elif previous == word - 1:
                    tags[word] = CUE_TAGS.index("I")
                else:
                    tags[word] = CUE_TAGS.index("C")
            previous = word
    return tags


def decode_cue_tags(tags: Sequence[int], sentence_of: Sequence[int]) -> list[Anchor]:
    """Anchors from per-word tags (the inverse of ``cue_tags``; I without B starts a cue)."""
    anchors: list[Anchor] = []
    current: list[int] | None = None  # the cue that I extends
    last_cue: list[int] | None = None  # the cue that C joins
    for word, tag in enumerate(tags):
        name = CUE_TAGS[tag]
        if name == "A":
            anchors.append(Anchor((word,), ANCHOR_MARK))
            current = None
        elif (
            name == "B"
            or (name == "I" and current is None)
            or (name == "C" and (last_cue is None or sentence_of[last_cue[0]] != sentence_of[word]))
        ):
            current = [word]
            last_cue = current
            anchors.append(Anchor((), CUE_MARK))
            anchors[-1].words = current  # type: ignore[assignment]  # filled as the cue grows
        elif name in {"I", "C"}:
            target = current if name == "I" else last_cue
            assert target is not None
            target.append(word)
            current = target
        else:
            current = None
    return [Anchor(tuple(a.words), a.mark) for a in anchors]
