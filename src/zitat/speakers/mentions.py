"""What a mention says about its entity: kind, name in the nominative, role, type, gender, number.

A mention is a token span: a statement's source, or a noun phrase found in the text (candidate
antecedents for pronouns). Only STTS tags and lemmas are used, so this runs at tagger speed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from zitat.speakers import lexicon
from zitat.text.grammar import NOUN_TAGS

# role nouns of those who speak for an institution
SPOKESPERSON_ENDINGS = ("sprecherinnen", "sprecherin", "sprechers", "sprecher")


@dataclass
class Mention:
    """One mention and everything it states about its entity."""

    tokens: tuple[int, ...]
    kind: str  # name | description | institution | pronoun | relative | possessive | group | anonymous | none
    type: str = "unknown"
    name: str | None = None
    first: str | None = None
    surname: str | None = None
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    gender: str = "unknown"  # natural gender: evidence only
    grammar: str | None = None  # grammatical gender for pronoun agreement: m, f, n
    number: str | None = None  # sg | pl
    definite: bool = True
    human: bool = False  # a noun naming a person without a role („der Mann“)
    descriptor: str | None = None  # a generic noun before an institution's name („Sender“ CNN)
    members: list[Mention] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.tokens[0]


def _is_name_token(tok: Token, known: Set[str]) -> bool:
    """NE, or a capitalized noun that is a known first name („Mark“), follows one („Joe Biden“) or
    was seen in a name of this article before."""
    if _hyphenated_role(tok):
        return False
    if tok.tag_ in ("NE", "FM"):
        return tok.text[:1].isupper()
    if tok.tag_ != "NN":
        return tok.text in known and tok.is_title  # a surname the tagger took for an adjective („Lang“)
    names = lexicon.first_names()
    previous = tok.nbor(-1) if tok.i > 0 else None
    after_first_name = previous is not None and previous.lower_ in names and lexicon.role_of(tok.text) is None
    return tok.lower_ in names or tok.text in known or after_first_name


def _name_run(doc: Doc, ids: Sequence[int], known: Set[str]) -> list[int]:
    """The last run of name tokens in ``ids``, with particles inside („Ursula von der Leyen“)."""
    run: list[int] = []
    best: list[int] = []
    k = 0
    while k < len(ids):
        tok = doc[ids[k]]
        if (
            (_is_name_token(tok, known) and not _place_adjective(doc, ids, k))
            or (run and tok.text[:1].isupper() and tok.tag_ == "NN" and _after_particle(doc, ids[k]))
            or (tok.text.lower() in lexicon.NAME_PARTICLES and _particle_leads_to_name(doc, ids, k, known))
            or (run and _foreign_function_word(doc, ids, k))
        ):
            run.append(ids[k])
        else:
            if run:
                best = run
            run = []
        k += 1
    return run or best


def _foreign_function_word(doc: Doc, ids: Sequence[int], k: int) -> bool:
    """„for“, „and“, „of“ inside a foreign name („European Center for Constitutional and Human Rights“)."""
    tok = doc[ids[k]]
    following = doc[ids[k + 1]] if k + 1 < len(ids) else None
    return (
        tok.tag_ == "FM"
        and tok.text.islower()
        and following is not None
        and following.tag_ in ("FM", "NE")
        and following.text[:1].isupper()
    )


def _place_adjective(doc: Doc, ids: Sequence[int], k: int) -> bool:
    """„Berner“, „Kiewer“, „Walliser“ before a noun: an adjective of a place, not a name."""
    tok = doc[ids[k]]
    following = doc[ids[k + 1]] if k + 1 < len(ids) else None
    return (
        tok.text.endswith("er")
        and tok.text[:1].isupper()
        and following is not None
        and following.tag_ in ("NN", "TRUNC")
        and tok.lower_ not in lexicon.first_names()
    )


def _after_particle(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].text.lower() in lexicon.NAME_PARTICLES


def _particle_leads_to_name(doc: Doc, ids: Sequence[int], k: int, known: Set[str]) -> bool:
    """„von der“ between a name and a capitalized word („Ursula von der Leyen“): part of the name,
    not a preposition („Kritik von der Opposition“)."""
    j = k
    while j < len(ids) and doc[ids[j]].text.lower() in lexicon.NAME_PARTICLES:
        j += 1
    if j == k or j >= len(ids) or not doc[ids[j]].text[:1].isupper():
        return False
    chain_start = k
    while chain_start > 0 and doc[ids[chain_start - 1]].text.lower() in lexicon.NAME_PARTICLES:
        chain_start -= 1
    nxt = doc[ids[j]]
    preposition = (
        nxt.lower_ in lexicon.first_names() or nxt.text.isupper() or lexicon.institution_type(nxt.text)
    )
    if doc[ids[chain_start]].text.lower() in lexicon.ARTICLES or preposition:
        return False  # „der Nato“, „von Albrecht Conze“, „von HRW“: article or preposition, not a particle
    if nxt.text in known or (j - chain_start >= 2 and nxt.tag_ in NOUN_TAGS):
        return True
    start = ids[k]
    while start > 0 and doc[start - 1].lower_ in lexicon.NAME_PARTICLES:
        start -= 1
    return start > 0 and (
        doc[start - 1].tag_ in ("NE", "FM") or doc[start - 1].lower_ in lexicon.first_names()
    )


def _nominative_name(doc: Doc, run: Sequence[int]) -> list[str]:
    """Name words with a genitive -s removed from the last one when the tagger's lemma drops it."""
    words = [doc[i].text for i in run]
    last = doc[run[-1]]
    s_final = last.lemma_.endswith(("s", "x", "z", "ß"))  # „Deiss“: no genitive -s after a sibilant
    if (
        last.text.endswith("s")
        and last.lemma_ == last.text[:-1]
        and not s_final
        and _genitive_context(doc, run)
    ):
        words[-1] = last.lemma_
    return words


def _genitive_context(doc: Doc, run: Sequence[int]) -> bool:
    """„Putins Sprecher“, „Selenskyjs Worten“, „des Ministers Lawrows“: a genitive name."""
    after = run[-1] + 1
    before = run[0] - 1
    # „Putins Sprecher“: a genitive name ends in -s (or an apostrophe); „Marjorie Taylor Greene“ does not
    genitive_ending = doc[run[-1]].text.endswith(("s", "x", "z", "'", "’"))
    followed_by_noun = (
        genitive_ending
        and after < len(doc)
        and (doc[after].tag_ in ("NN", "ADJA", "ART") or _hyphenated_role(doc[after]))
    )
    after_genitive_article = before >= 0 and doc[before].lower_ in ("des", "eines")
    # „des Ministers Lawrows“, but not „Gouverneur Ron DeSantis“: a role before the name is genitive too
    after_genitive_role = before >= 0 and doc[before].tag_ == "NN" and doc[before].text.endswith("s")
    return followed_by_noun or after_genitive_article or after_genitive_role


def _segments(doc: Doc, ids: Sequence[int]) -> tuple[list[int], list[int]]:
    """Split a source span into the head phrase and appositions; relative clauses are dropped
    (their words still count as anonymity markers, see ``analyze``)."""
    head: list[int] = []
    apposition: list[int] = []
    clause: list[int] = []
    part = head
    for i in ids:
        tok = doc[i]
        if tok.text == ",":
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            is_clause = nxt is not None and (nxt.tag_ in ("PRELS", "PRELAT") or nxt.tag_.startswith("V"))
            part = clause if is_clause or part is clause else apposition
            continue
        part.append(i)
    return head, apposition


def _genitive_complement(doc: Doc, ids: list[int]) -> tuple[list[int], list[int]]:
    """„die Sprecherin | des Ministeriums“: split at an article that follows a noun."""
    seen_noun = False
    for k, i in enumerate(ids):
        tok = doc[i]
        if tok.tag_ == "ART" and seen_noun and not _particle_in_name(doc, ids, k):
            return ids[:k], ids[k:]
        seen_noun = seen_noun or tok.tag_ in NOUN_TAGS
    return ids, []


def _particle_in_name(doc: Doc, ids: Sequence[int], k: int) -> bool:
    return k > 0 and doc[ids[k - 1]].text.lower() in lexicon.NAME_PARTICLES


def _noun_lemma(tok: Token) -> str:
    """The nominative singular in the text's spelling („NATO-Generalsekretärs“ → „NATO-Generalsekretär“)."""
    lemma = tok.lemma_
    if lemma and tok.text.lower().startswith(lemma.lower()):
        return tok.text[: len(lemma)]
    return lemma if lemma and lemma[:1].isupper() else tok.text


def _role_and_places(mention: Mention, doc: Doc, ids: Sequence[int]) -> None:
    """Role noun, country (adjective or prefix) and affiliation (compound prefix) of a phrase."""
    for i in ids:
        tok = doc[i]
        low = tok.lemma_.lower()
        if tok.tag_ == "ADJA" and low in lexicon.COUNTRY_ADJECTIVES:
            mention.country = lexicon.COUNTRY_ADJECTIVES[low]
        if tok.tag_ == "NN" and low in lexicon.PERSON_NOUNS:
            mention.human = True
            mention.gender = lexicon.PERSON_NOUNS[low]
            mention.grammar = "m" if mention.gender == "male" else "f"
        elif tok.tag_ == "NN" and lexicon.is_person_noun(low):
            mention.human = True
        role_noun = tok.tag_ == "NN" or _hyphenated_role(tok)
        if not role_noun or lexicon.role_of(tok.lemma_ or tok.text) is None:
            continue
        mention.role = _noun_lemma(tok)
        if lexicon.feminine_role(tok.text):
            mention.gender, mention.grammar = "female", "f"
        prefix, dash, _ = tok.text.partition("-")
        if dash:
            place = lexicon.COUNTRY_PREFIXES.get(prefix.lower())
            if place:
                mention.country = place
            elif prefix.isupper() or lexicon.institution_type(prefix):
                mention.affiliation = prefix


def _institution_name(doc: Doc, ids: Sequence[int]) -> str | None:
    """The nominative name of an institution phrase („des Weißen Hauses“ → „Weißes Haus“)."""
    content = [i for i in ids if doc[i].tag_ in ("ADJA", "NN", "NE", "FM")]
    if not content:
        return None
    lemmas = tuple(doc[i].lemma_.lower() for i in content)
    for words, name in lexicon.FIXED_NAMES.items():
        if lemmas[-len(words) :] == words:
            return name
    if any(doc[i].tag_ in ("ADJA", "NE") and doc[i].text[:1].isupper() for i in content[:-1]):
        return _nominative(doc, _proper_part(doc, ids))  # „Neue Osnabrücker Zeitung“
    nouns = [doc[i] for i in content if doc[i].tag_ != "ADJA"]
    if not nouns:
        return None
    last = nouns[-1]
    head = (
        last.text if last.tag_ in ("NE", "FM") and not _genitive_context(doc, [last.i]) else _noun_lemma(last)
    )
    return head


# the strong nominative ending of an adjective before a noun of each gender („Statistisches Landesamt“)
ADJECTIVE_ENDINGS = {"m": "er", "f": "e", "n": "es"}
OBLIQUE_ARTICLES = frozenset({"des", "dem", "den", "eines", "einem", "einen"})
# a web site as a source: „Ambrosiainfo.de“, „tagesschau.de“
WEBSITE = re.compile(r"(?P<name>[\w-]+)\.(?:de|at|ch|lu|li|com|org|net|eu|info)")
SINGULAR_ARTICLES = frozenset({"des", "dem", "ein", "eines", "einem", "einen"})
DEFINITE_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des"})


def _nominative(doc: Doc, ids: Sequence[int]) -> str:
    """A name phrase read in the nominative when it stands in an oblique case („des Statistischen
    Landesamtes“ → „Statistisches Landesamt“); place adjectives in -er („Berliner“) do not inflect."""
    words = [doc[i].text for i in ids]
    last = doc[ids[-1]]
    gender = lexicon.noun_gender(last.lemma_ or last.text) if last.tag_ == "NN" else None
    before = doc[ids[0] - 1].lower_ if ids[0] > 0 else ""
    # „laut Statistischem Bundesamt“: a strong dative adjective without article
    strong_dative = doc[ids[0]].tag_ == "ADJA" and doc[ids[0]].text.endswith("em")
    oblique = before in OBLIQUE_ARTICLES or (before == "der" and gender == "f") or strong_dative
    if not oblique:
        return " ".join(words)
    words[-1] = _noun_lemma(last)
    if gender is None:
        return " ".join(words)
    for k, i in enumerate(ids[:-1]):
        tok = doc[i]
        lemma = tok.lemma_.lower()
        inflected = lemma and tok.text.lower().startswith(lemma) and tok.text.lower() != lemma
        if tok.tag_ == "ADJA" and inflected and not tok.text.endswith("er"):
            words[k] = tok.text[: len(tok.lemma_)] + ADJECTIVE_ENDINGS[gender]
    return " ".join(words)


def _with_name_complement(
    doc: Doc, name: str | None, head: Sequence[int], main: Sequence[int], complement: Sequence[int]
) -> str | None:
    """An institution's name with the complement that names it: „Verband der Feuerwehren NRW“,
    „Regierung des Kantons Wallis“, „Institut für Arbeitsschutz“ (not „Polizei der Stadt“)."""
    if not name:
        return name
    if complement and any(doc[i].tag_ in ("NE", "FM") for i in complement):
        return " ".join([name, *(doc[i].text for i in complement)])
    rest = [i for i in head if i > main[-1]] if main else []
    if rest and doc[rest[0]].lower_ == "für" and len(rest) > 1:
        return " ".join([name, *(doc[i].text for i in rest)])
    return name


def _has_anonymity_marker(doc: Doc, ids: Sequence[int]) -> bool:
    for i in ids:
        low = doc[i].lemma_.lower() or doc[i].lower_
        if doc[i].lower_ in lexicon.ANONYMITY_WORDS or low in lexicon.ANONYMITY_WORDS:
            return True
        if doc[i].tag_ == "NN" and low.endswith(lexicon.ANONYMOUS_SUFFIXES):
            return True
    return False


def _coordinated(doc: Doc, ids: Sequence[int]) -> list[list[int]] | None:
    """Parts of „Biden und von der Leyen“ when both sides are noun phrases."""
    parts: list[list[int]] = [[]]
    for i in ids:
        if doc[i].tag_ == "KON" and doc[i].lower_ in ("und", "sowie", "&"):
            parts.append([])
        elif doc[i].text != ",":
            parts[-1].append(i)
    if len(parts) < 2 or not all(any(doc[i].tag_ in NOUN_TAGS for i in part) for part in parts):
        return None
    return parts


def analyze(
    doc: Doc,
    ids: Sequence[int],
    verb_number: str | None = None,
    known: Set[str] = frozenset(),
    as_source: bool = True,
) -> Mention:
    """Everything a token span tells about its entity.

    ``verb_number`` is the number of its verb; ``known`` holds the name words of the article so far
    (the tagger often takes rare surnames for common nouns); ``as_source``: the span is a statement's
    source, not just a noun phrase of the text."""
    all_ids = sorted(ids)
    ids, bracketed = _without_brackets(doc, ids)
    ids = [i for i in ids if not doc[i].is_punct or doc[i].text == ","]
    while ids and doc[ids[-1]].text == ",":
        ids.pop()
    if not ids:
        return Mention((), "none")
    mention = _analyze_phrase(doc, ids, verb_number, known, as_source)
    if bracketed and mention.kind == "name" and mention.affiliation is None:
        # „Nancy Faeser (SPD)“, „Thomas Matter (ZH)“: party or canton, not part of the name
        mention.affiliation = " ".join(doc[i].text for i in bracketed)
    if bracketed and mention.tokens:
        mention.tokens = tuple(i for i in all_ids if not doc[i].is_punct or doc[i].text == ",")
    return mention


def _after_source_noun(doc: Doc, ids: list[int]) -> list[int]:
    """„Angaben des Statistischen Landesamtes“, „Schätzungen von Experten“: who gave them speaks."""
    for k, i in enumerate(ids[:4]):
        tok = doc[i]
        if tok.tag_ == "NN":
            rest = ids[k + 1 :]
            if (
                (tok.lemma_ or tok.text).lower() in lexicon.SOURCE_NOUNS
                and len(rest) > 1
                and doc[rest[0]].lower_ in ("des", "der", "von", "vom", "eines", "einer")
            ):
                return rest[1:] if doc[rest[0]].lower_ in ("von", "vom") else rest
            break
    return ids


def _without_brackets(doc: Doc, ids: Sequence[int]) -> tuple[list[int], list[int]]:
    """The span without its parenthesized parts, and the words inside them."""
    outside: list[int] = []
    inside: list[int] = []
    depth = 0
    for i in ids:
        text = doc[i].text
        if text == "(":
            depth += 1
        elif text == ")":
            depth = max(0, depth - 1)
        elif depth:
            inside.append(i)
        else:
            outside.append(i)
    return outside, inside


def _analyze_phrase(
    doc: Doc, ids: list[int], verb_number: str | None, known: Set[str], as_source: bool
) -> Mention:
    ids = _after_source_noun(doc, ids)
    first = doc[ids[0]]
    if site := WEBSITE.fullmatch(doc[ids[-1]].text):
        # „laut Umweltbundesamt.de“: the institution behind the site, else the site as an organization
        kind = lexicon.institution_type(site["name"])
        name = site["name"] if kind else doc[ids[-1]].text
        return Mention(tuple(ids), "institution", type=kind or "organization", name=name)
    if len(ids) == 1 or (len(ids) <= 2 and first.tag_ in ("PPER", "PRELS", "PPOSAT", "PIS")):
        pronoun = _pronoun(doc, ids[0], verb_number)
        if pronoun is not None:
            return pronoun
    head, apposition = _segments(doc, ids)
    parts = _coordinated(doc, head)
    if parts is not None:
        members = [analyze(doc, part, known=known, as_source=as_source) for part in parts]
        return Mention(tuple(ids), "group", type="group", number="pl", members=members)
    mention = _phrase(doc, head, apposition, verb_number, known, as_source)
    mention.tokens = tuple(ids)
    if mention.kind != "name" and _has_anonymity_marker(doc, ids):
        mention.kind, mention.type = "anonymous", "anonymous"
    return mention


def _pronoun(doc: Doc, i: int, verb_number: str | None) -> Mention | None:
    tok = doc[i]
    low = tok.lower_
    if tok.tag_ == "PPER" and low in lexicon.PERSONAL_PRONOUNS:
        grammar, number = lexicon.PERSONAL_PRONOUNS[low]
        if low == "sie":
            number = verb_number
            grammar = "f" if number == "sg" else None
        return Mention((i,), "pronoun", grammar=grammar, number=number)
    if tok.tag_ in ("PRELS", "PDS") and low in lexicon.RELATIVE_PRONOUNS:
        grammar, number = lexicon.RELATIVE_PRONOUNS[low]
        return Mention((i,), "relative", grammar=grammar, number=verb_number or number)
    if tok.tag_ in ("PPOSAT", "PPOSS"):
        stem = "sein" if low.startswith("sein") else "ihr" if low.startswith("ihr") else None
        if stem is not None:
            grammar, number = lexicon.POSSESSIVE_STEMS[stem]
            return Mention((i,), "possessive", grammar=grammar, number=number)
    if low in lexicon.INDEFINITE_PEOPLE:
        # „Viele bezweifeln, …“, „Manche befürchten, …“: unnamed people
        return Mention((i,), "anonymous", type="anonymous", number="pl", definite=False)
    if low in lexicon.UNRESOLVABLE_PRONOUNS or tok.tag_ in ("PPER", "PIS", "PDS", "PRF"):
        return Mention((i,), "none")
    return None


def _phrase(
    doc: Doc,
    head: list[int],
    apposition: list[int],
    verb_number: str | None,
    known: Set[str],
    as_source: bool,
) -> Mention:
    main, complement = _genitive_complement(doc, _before_preposition(doc, head, known))
    run = _name_run(doc, main, known)
    # „…, die Vertretung der Muslime in Österreich“: a place in the apposition's own complement names nobody
    named_apposition = _name_run(doc, _before_preposition(doc, apposition, known), known)
    if named_apposition and (not run or _is_genitive_name(doc, run)):
        run = named_apposition  # „der Oberrabbiner Israels, Yona Metzger“: the apposition names him
    mention = Mention(tuple(head), "description", number=verb_number)
    mention.definite = not any(doc[i].lower_.startswith("ein") and doc[i].tag_ == "ART" for i in main)
    _role_and_places(mention, doc, main)
    if complement:
        _complement(mention, doc, complement)
    if mention.role is None and apposition and run:
        # „Henk Meijer, Laborleiter der Emsland Stärke GmbH“: the role in apposition
        role_part, role_complement = _genitive_complement(doc, _before_preposition(doc, apposition, known))
        _role_and_places(mention, doc, role_part)
        if role_complement and mention.role:
            _complement(mention, doc, role_complement)
    kind = _head_institution(doc, main) if mention.role is None else None
    # „Staatsrat Mathias Reynard“: a first name and a surname make a person, whatever the noun before
    person_name = any(doc[i].lower_ in lexicon.first_names() for i in run[:-1])
    if run and kind and not person_name:
        # „der Radiosender, Radio Vatikan“, „die Friedrich-Schiller-Universität Jena“: a named institution
        words = run if run == named_apposition else _proper_part(doc, main)
        noun = max((i for i in main if doc[i].tag_ == "NN" and i < run[0]), default=None)
        if noun is not None and words[0] == noun and _names_kind_only(doc, noun, run):
            # „der Sender CNN“, „die Menschenrechtsorganisation Human Rights Watch“: the name is CNN; „der
            # Sender“ later refers to it
            mention.descriptor, words = _noun_lemma(doc[noun]), run
        mention.kind, mention.type, mention.name = "institution", kind, " ".join(doc[i].text for i in words)
        return mention
    # „Österreichs Sportdirektor“: a country's genitive before a noun is the place, never the speaker
    place_genitive = bool(run) and lexicon.institution_type(doc[run[-1]].lemma_) == "government"
    if run and not (
        main
        and (run[0] > main[0] or place_genitive)
        and _genitive_context(doc, run)
        and _is_modifier(doc, run, main)
    ):
        return _named(doc, mention, run, main, as_source)
    nouns = [i for i in main if doc[i].tag_ in NOUN_TAGS]
    if not nouns:
        return mention
    head_tok = doc[nouns[-1]]
    lemma = _noun_lemma(head_tok)
    if mention.role is None or lexicon.institution_type(lemma):
        name = _institution_name(doc, main)
        kind = lexicon.institution_type(lemma) or lexicon.institution_type(name or "")
        if kind:
            mention.kind, mention.type = "institution", kind
            mention.name = _with_name_complement(doc, name, head, main, complement)
            # the noun decides where it can: „der Bundesregierung“ is a feminine genitive, not masculine
            mention.grammar = lexicon.noun_gender(lemma) or _article_gender(doc, main)
            return mention
        if _source_compound(mention, lemma):
            return mention
    # „laut eines Sprechers“: a singular article outweighs a plural-looking form and the verb's number
    singular = any(doc[i].lower_ in SINGULAR_ARTICLES for i in main if i < head_tok.i)
    plural = not singular and (mention.number == "pl" or (mention.number is None and _looks_plural(head_tok)))
    definite = any(_is_definite_determiner(doc[i]) for i in main if i < head_tok.i)
    people = lexicon.is_group_noun(lemma) or mention.role or mention.human
    if plural and definite and head_tok.text.lower() in lexicon.PARTY_PLURALS:
        # „die Grünen“, „die Sozialdemokraten“: the party speaks
        mention.kind, mention.type, mention.name = "institution", "organization", head_tok.text
    elif plural and (people or (as_source and lexicon.is_people_plural(head_tok.text))):
        mention.number, mention.gender = "pl", "unknown"
        if definite:
            # „die Ermittler“, „die MDR-Moderatoren“: particular people the text describes but never names
            mention.kind, mention.type, mention.name = "group", "group", _group_label(doc, main)
        else:
            # „Kritiker“, „Experten“, „einige Politiker“, „Andere Passanten“: unnamed people
            mention.kind, mention.type = "anonymous", "anonymous"
    elif mention.role and (institution := _spoken_for(doc, mention, head_tok)):
        # „ein Feuerwehrsprecher“, „der Sprecher der Berliner Polizei“: an unnamed spokesperson's words
        # are the institution's, the speaker a researcher counts
        # (its grammar stays the phrase's: „die Sprecherin des Ministeriums, die …“)
        mention.kind, mention.type, mention.name = "institution", institution[1], institution[0]
        mention.role, mention.gender = None, "unknown"
    elif mention.role or mention.human:
        mention.type = "person" if mention.definite else "anonymous"
        mention.number = "sg"
        if mention.gender == "unknown" and mention.definite and _article_gender(doc, main) == "m":
            mention.gender, mention.grammar = "male", "m"
    elif lexicon.is_unnamed_source(lemma) or lexicon.is_unnamed_source(head_tok.text):
        mention.kind, mention.type = "anonymous", "anonymous"  # „laut Medienberichten“, „Andere Posts“
    return mention


def _names_kind_only(doc: Doc, noun: int, run: Sequence[int]) -> bool:
    """A generic institution noun right before a name that is no place („Sender CNN“, but „Land Tirol“,
    „Stadt Wien“ are names whole)."""
    generic = lexicon.is_generic_institution(_noun_lemma(doc[noun]))
    return generic and run[0] == noun + 1 and lexicon.institution_type(doc[run[-1]].text) != "government"


def _is_definite_determiner(tok: Token) -> bool:
    return tok.tag_ in ("PDAT", "PPOSAT") or (tok.tag_ == "ART" and tok.lower_ in DEFINITE_ARTICLES)


def _group_label(doc: Doc, main: Sequence[int]) -> str:
    """„den Schweizer Sicherheitspolitikern“ → „Schweizer Sicherheitspolitiker“: the description without
    its determiners and lower-case adjectives, its head in the nominative plural."""
    # lower-case adjectives („die zuständigen Ermittler“) describe; place adjectives („Schweizer“) name
    tags = ("NN", "NE", "TRUNC", "KON")
    words = [doc[i] for i in main if doc[i].tag_ in tags or (doc[i].tag_ == "ADJA" and doc[i].is_title)]
    while words and words[0].tag_ == "KON":
        words.pop(0)
    head = words[-1]
    text = head.text
    lemma = head.lemma_ or ""
    if text.endswith("n") and text[:-1] == lemma and lemma.endswith(("er", "el")):
        text = lemma  # a dative plural („Ermittlern“)
    return " ".join([*(w.text for w in words[:-1]), text])


def _spoken_for(doc: Doc, mention: Mention, head: Token) -> tuple[str, str] | None:
    """The institution an unnamed spokesperson speaks for, with its type: the compound's first part
    („Feuerwehrsprecher“, „Regierungs-Sprecherin“) or the genitive („Sprecher der Polizei“)."""
    low = head.text.lower()
    suffix = next((x for x in SPOKESPERSON_ENDINGS if low.endswith(x)), None)
    if suffix is None:
        return None
    prefix = head.text[: -len(suffix)].rstrip("-")
    for name in (mention.affiliation, prefix, prefix[:-1] if prefix.endswith("s") else None):
        kind = lexicon.institution_type(name) if name else None
        # „Sprecherin des Ministeriums“: which ministry only the article's context could say
        if name and kind and name.lower() not in lexicon.GENERIC_INSTITUTIONS:
            return name[:1].upper() + name[1:], kind
    return None


def _before_preposition(doc: Doc, ids: list[int], known: Set[str]) -> list[int]:
    """„Ein Regierungssprecher | in Berlin“: a prepositional phrase is no part of the speaker's name."""
    for k, i in enumerate(ids):
        tok = doc[i]
        if k and tok.tag_ in ("APPR", "APPRART") and not _particle_leads_to_name(doc, ids, k, known):
            return ids[:k]
    return ids


def _complement(mention: Mention, doc: Doc, complement: Sequence[int]) -> None:
    """„Sprecherin des Ministeriums“ names the affiliation; „Vorsitzender der Generalstabschefs“ the role."""
    name = _institution_name(doc, complement)
    if (name and lexicon.institution_type(name)) or any(doc[i].tag_ == "NE" for i in complement):
        mention.affiliation = mention.affiliation or name
    elif mention.role and doc[complement[0]].lower_ in ("des", "der"):
        mention.role += " " + " ".join(doc[i].text for i in complement)


def _is_genitive_name(doc: Doc, run: Sequence[int]) -> bool:
    last = doc[run[-1]]
    return last.text.endswith("s") and last.lemma_ == last.text[:-1] and _genitive_context(doc, run)


def _proper_part(doc: Doc, ids: Sequence[int]) -> list[int]:
    """The phrase from its first capitalized word on, articles and lower-case adjectives dropped."""
    start = next((k for k, i in enumerate(ids) if doc[i].tag_ != "ART" and doc[i].text[:1].isupper()), 0)
    return [i for i in ids[start:] if doc[i].tag_ != "ART"]


def _head_institution(doc: Doc, main: Sequence[int]) -> str | None:
    nouns = [i for i in main if doc[i].tag_ == "NN"]
    return lexicon.institution_type(_noun_lemma(doc[nouns[-1]])) if nouns else None


def _source_compound(mention: Mention, lemma: str) -> bool:
    """„Polizeiangaben“, „Zeugenaussagen“: the speaker is the first part of the compound."""
    low = lemma.lower()
    suffix = next((s for s in lexicon.SOURCE_SUFFIXES if low.endswith(s) and len(low) > len(s) + 2), None)
    if suffix is None:
        return False
    stem = lemma[: -len(suffix)].rstrip("-s").capitalize()
    kind = lexicon.institution_type(stem)
    if kind:
        mention.kind, mention.type, mention.name = "institution", kind, stem
    elif lexicon.is_group_noun(stem.removesuffix("n")):
        mention.kind, mention.type, mention.number = "group", "group", "pl"
    return mention.kind != "description"


def _is_modifier(doc: Doc, run: Sequence[int], main: Sequence[int]) -> bool:
    """A genitive name before the head noun („Putins Sprecher“) names the affiliation, not the speaker."""
    return any(i > run[-1] and (doc[i].tag_ == "NN" or _hyphenated_role(doc[i])) for i in main)


def _hyphenated_role(tok: Token) -> bool:
    """„AfD-Chef“, „SPD-Politikerin“: a role compound the tagger took for a name."""
    return "-" in tok.text and lexicon.role_of(tok.text) is not None


def _named(doc: Doc, mention: Mention, run: list[int], main: Sequence[int], as_source: bool) -> Mention:
    names = lexicon.first_names()
    first_given = next((k for k, i in enumerate(run[:-1]) if doc[i].lower_ in names), 0)
    run = run[first_given:]  # „Commander Randy Henderson“, „Sir Richard Branson“: titles go
    words = _nominative_name(doc, run)
    mention.name = " ".join(words)
    modifiers = [i for i in main if i < run[0] and doc[i].tag_ == "NE" and _genitive_context(doc, [i])]
    if modifiers:
        mention.affiliation = mention.affiliation or doc[modifiers[-1]].lemma_
    # „ÖVP Burgenland“, „SPD Berlin“: a party or institution acronym with its place
    acronym = lexicon.institution_type(words[0]) if len(words) > 1 and words[0].isupper() else None
    kind = lexicon.institution_type(mention.name) or lexicon.foreign_institution(words) or acronym
    if kind and mention.role is None:
        mention.kind, mention.type = "institution", kind
        mention.grammar = _article_gender(doc, main)
        return mention
    if mention.role is None and mention.name.isupper() and len(mention.name) > 1:  # NATO, SPIEGEL, STANDARD
        mention.kind, mention.type = "institution", "organization"
        return mention
    given = [w for w in words[:-1] if w.lower() in names]
    # a bare surname that says nothing is a person only when it speaks („Baden“, „Bayern“ are places)
    evidence = (
        as_source or given or mention.role or (len(words) > 1 and all(doc[i].tag_ == "NE" for i in run))
    )
    mention.kind, mention.type, mention.number = "name", "person" if evidence else "unknown", "sg"
    if given:
        mention.first = given[0]
        name_gender = lexicon.first_names()[given[0].lower()]
        if mention.gender == "unknown":
            mention.gender = name_gender
    mention.surname = _surname(words)
    if mention.gender == "unknown" and mention.type == "person":
        mention.gender = _relative_clause_gender(doc, run[-1])
    if mention.gender != "unknown":
        mention.grammar = "f" if mention.gender == "female" else "m"
    return mention


def _relative_clause_gender(doc: Doc, last: int) -> str:
    """„Annika Poestges, die im Haus zuständig ist“: the relative pronoun right after a person's name
    says the gender the name alone does not."""
    if last + 2 < len(doc) and doc[last + 1].text == "," and doc[last + 2].tag_ == "PRELS":
        return {"die": "female", "der": "male"}.get(doc[last + 2].lower_, "unknown")
    return "unknown"


def _surname(words: Sequence[str]) -> str:
    """„von der Leyen“ keeps its particles; otherwise the last word."""
    k = len(words) - 1
    while k > 0 and words[k - 1].lower() in lexicon.NAME_PARTICLES:
        k -= 1
    return " ".join(words[k:])


def _article_gender(doc: Doc, ids: Sequence[int]) -> str | None:
    """Grammatical gender from a nominative article (der/die/das, ein/eine)."""
    for i in ids:
        low = doc[i].lower_
        if doc[i].tag_ == "ART":
            if low == "der" and i > 0 and doc[i - 1].tag_ in ("APPR", "APPRART"):
                return None  # „von der Nato“: dative feminine, not masculine
            return {"der": "m", "die": "f", "das": "n", "ein": None, "eine": "f"}.get(low)
    return None


def _looks_plural(tok: Token) -> bool:
    """A role noun whose form adds -en/-e/-innen/-er to its lemma („Experten“, „Beamte“)."""
    text, lemma = tok.text.lower(), (tok.lemma_ or tok.text).lower()
    if text.endswith("innen"):
        return True
    return text != lemma and text.startswith(lemma) and text[len(lemma) :] in ("n", "en", "e", "er", "s")
