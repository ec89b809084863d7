"""How often the SpkAtt-2023 annotations follow the conventions the CRF model's decoding rules assume.

    .venv/bin/python benchmarks/spkatt_conventions.py --data ../shared/data/spkatt-news/train

Each rule of `zitat.attribution.crf` that fills in a part by convention is applied to the gold
statements (or their sentences) and compared with what the annotators marked. Counts, not scores:
the rules were kept or dropped by cross-validation (docs/benchmarks.md); this shows why they hold.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from zitat.attribution.crf.cues import messages_beside, messages_by_sentence, with_auxiliary, with_reflexive
from zitat.attribution.crf.drafts import Draft
from zitat.attribution.crf.evidential import evidential_message, evidential_source
from zitat.attribution.crf.messages import cue_clause_tail, is_quotation
from zitat.attribution.crf.roles import (
    agentless_passive,
    facing_addressee,
    object_addressee,
    subject_before_cue,
)
from zitat.attribution.training import Example, data_files, load_examples
from zitat.spkatt.format import SpkAttArticle, read_article
from zitat.spkatt.scorer import scored_statements
from zitat.text.grammar import ATTRIBUTION_PREPOSITIONS


def auxiliaries(ex: Example, counts: Counter[str]) -> None:
    """A participle cue's clause auxiliary: part of the gold cue?"""
    art = ex.article
    for gold in ex.statements:
        if not any(art.tags[i] == "VVPP" for i in gold.cue):
            continue
        bare = tuple(i for i in gold.cue if art.tags[i] != "VAFIN")
        added = set(with_auxiliary(art, bare)) - set(bare)
        if added:
            counts["auxiliary " + ("in" if added <= set(gold.cue) else "not in") + " the gold cue"] += 1


def reflexives(ex: Example, counts: Counter[str]) -> None:
    """A reflexive „sich“ next to the cue verb: part of the gold cue?"""
    art = ex.article
    for gold in ex.statements:
        bare = tuple(i for i in gold.cue if art.tags[i] != "PRF")
        added = set(with_reflexive(art, bare, set(gold.message))) - set(bare)
        if added:
            counts[
                "reflexive „sich“ " + ("in" if added <= set(gold.cue) else "not in") + " the gold cue"
            ] += 1


def addressees(ex: Example, counts: Counter[str]) -> None:
    """The noun phrase after „gegenüber“ in the cue's sentence, and the object of a verb like
    „auffordern“: the gold addressee?"""
    art = ex.article
    for gold in ex.statements:
        if not gold.message:
            continue
        draft = Draft(list(gold.message), gold.form, gold.cue, gold.source)
        phrase = set(facing_addressee(art, draft))
        if phrase:
            key = "is the addressee" if phrase <= set(gold.addressee) else "is not (or not all) the addressee"
            counts["„gegenüber“ phrase " + key] += 1
        phrase = set(object_addressee(art, draft))
        if phrase:
            key = "is" if phrase == set(gold.addressee) else "is not"
            counts[f"object of an addressee verb {key} the gold addressee"] += 1


def evidentials(ex: Example, counts: Counter[str]) -> None:
    """The noun phrase of „laut“, „nach“, „zufolge“: the gold source? Its clause without the phrase:
    the gold message?"""
    for gold in ex.statements:
        phrase = evidential_source(ex.article, gold.cue)
        if phrase:
            key = "is" if set(phrase) == set(gold.source) else "is not"
            counts[f"evidential cue's noun phrase {key} the gold source"] += 1
        message = evidential_message(ex.article, gold.cue, set()) if len(gold.cue) == 1 else []
        if message:
            key = "is" if set(message) == set(gold.message) else "is not"
            counts[f"evidential cue's clause {key} the gold message"] += 1


def prepositions(ex: Example, counts: Counter[str]) -> None:
    """Attribution prepositions the rule baseline reads as cues: gold cues?"""
    art = ex.article
    cues = {i for gold in ex.statements for i in gold.cue}
    for i, hints in enumerate(art.hints):
        if "r:cue" in hints and art.words[i].lower() in ATTRIBUTION_PREPOSITIONS:
            counts["rule-read preposition is " + ("a" if i in cues else "no") + " gold cue"] += 1


def frames(article: SpkAttArticle, counts: Counter[str]) -> None:
    """Tokens of a cue's sentence that belong to another statement's message: in the gold frame?"""
    top = [s for s in scored_statements(article) if not s.nested and s.parts["Message"]]
    drafts = [Draft(sorted(s.parts["Message"]), s.form) for s in top]
    offsets = article.sentence_offsets()
    sentence_of = [n for n, words in enumerate(article.sentences) for _ in words]
    by_sentence = messages_by_sentence(sentence_of, drafts)
    for statement, draft in zip(top, drafts, strict=True):
        if not statement.parts["Cue"]:
            continue
        n = sentence_of[min(statement.parts["Cue"])]
        sentence = range(offsets[n], offsets[n] + len(article.sentences[n]))
        draft.cue = (min(statement.parts["Cue"]),)
        for j in (messages_beside(draft, by_sentence, sentence_of) - set(draft.message)).intersection(
            sentence
        ):
            key = "in the frame" if j in statement.parts["Frame"] else "not in the frame"
            counts["other message's token " + key] += 1


def quotations(ex: Example, counts: Counter[str]) -> None:
    """A message from quotation mark to quotation mark (or ending in one it never opened): Direct?"""
    for gold in ex.statements:
        if gold.message and is_quotation(ex.article, gold.message):
            counts[
                "quotation message is " + ("a" if gold.form == "Direct" else "no") + " Direct statement"
            ] += 1


def subjects(ex: Example, counts: Counter[str]) -> None:
    """The noun phrase filling the clause before the cue: the gold source?"""
    for gold in ex.statements:
        if not gold.message:
            continue
        phrase = set(subject_before_cue(ex.article, Draft(list(gold.message), gold.form, gold.cue)))
        if phrase:
            counts[
                "noun phrase before the cue "
                + ("is" if phrase == set(gold.source) else "is not")
                + " the gold source"
            ] += 1


def passives(ex: Example, counts: Counter[str]) -> None:
    """A passive cue with no „von“ agent in its sentence: does the gold statement have a source?"""
    for gold in ex.statements:
        if gold.cue and agentless_passive(ex.article, Draft(list(gold.message), gold.form, gold.cue)):
            has = "with" if gold.source else "without"
            counts[f"passive cue without agent, gold statement {has} a source"] += 1


def sources(ex: Example, counts: Counter[str]) -> None:
    """Does a source share tokens with its own message? (Only a Reported act's message holds it.)"""
    for gold in ex.statements:
        if gold.source:
            kind = "Reported" if gold.form == "Reported" else "other forms'"
            inside = set(gold.source).intersection(gold.message)
            counts[f"{kind} source {'inside' if inside else 'outside'} the message"] += 1


def cue_clauses(ex: Example, counts: Counter[str]) -> None:
    """A sentence read whole as one cue-less statement: is the part `cue_clause_tail` splits off (after
    an indicative first clause, before a Konjunktiv I or „dass“ clause) a gold Indirect message?"""
    art = ex.article
    indirect = [set(gold.message) for gold in ex.statements if gold.form == "Indirect"]
    for sentence in art.sentences:
        tail = set(cue_clause_tail(art, Draft(list(sentence), "Reported")))
        if tail:
            held = any(2 * len(tail & message) > len(tail) for message in indirect)
            counts[f"split-off clause {'is' if held else 'is not'} (mostly) a gold Indirect message"] += 1


EXAMPLE_CHECKS = (
    auxiliaries,
    reflexives,
    addressees,
    evidentials,
    prepositions,
    sources,
    passives,
    subjects,
    quotations,
    cue_clauses,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/spkatt-news/train"))
    args = parser.parse_args()
    files = data_files(args.data)
    examples = load_examples(files)
    counts: Counter[str] = Counter()
    for path, ex in zip(files, examples, strict=True):
        for check in EXAMPLE_CHECKS:
            check(ex, counts)
        frames(read_article(path), counts)
    print(f"{len(examples)} articles")
    for key in sorted(counts):
        print(f"{counts[key]:6d}  {key}")


if __name__ == "__main__":
    main()
