"""The rule baseline: quotation marks, verbs of saying, the subjunctive, „laut X“ and friends.

It works on STTS tags, lemmas and mood only (no parser), so sources are found as the noun phrase next
to the cue. It is the floor that the trained model must beat, and a readable statement of the
annotation conventions (SpkAtt-2023): direct messages include their quotation marks; the frame is the
rest of the attributing sentence without its final punctuation; indirect speech continues over
following subjunctive sentences (IndirectFreeIndirect) and evidential „soll“ sentences (FreeIndirect);
a Reported statement is its whole sentence, without cue or frame.

Modules: ``quotes``, ``clauses`` (verbs, moods, frames), ``phrases`` (noun phrases, sources,
addressees), ``extractor`` (the rules in order).
"""

from zitat.attribution.rules.extractor import RuleExtractor

__all__ = ["RuleExtractor"]
