"""Within-article speaker resolution: from a statement's source span to a typed ``Speaker``.

The article is read once, in order. Noun phrases that name people or institutions build a small
discourse model of entities; every statement's source is analyzed (``mentions.analyze``) and linked:
names by surname (inflected or transliterated), descriptions by role („der Minister“ → the last
minister), pronouns, relative pronouns and possessives to the nearest agreeing, salient entity. When
the evidence is not clear, the speaker stays unknown: a wrong speaker is worse than none.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator, Set
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from zitat.document import Speaker, Statement, char_spans, fold_quotes, line_breaks, sentence_index
from zitat.speakers import lexicon
from zitat.speakers.frames import Subjects, is_speaker_mention
from zitat.speakers.identity import name_skeleton
from zitat.speakers.mentions import Mention, analyze
from zitat.text.grammar import CONTINUATION_REACH, CONTINUING_FORMS, MENTION_PHRASE_TAGS, has_konjunktiv

PRONOUN_WINDOW = 3  # sentences back a pronoun may reach
PLACE_PREPOSITIONS = frozenset({"aus", "in", "im"})  # „Ophir aus Buffalo“: where someone is from
SPEAKING_TYPES = ("person", "organization", "government", "group", "anonymous")


@dataclass
class Entity:
    """One real-world speaker candidate of the article and all its mentions."""

    index: int
    type: str
    mentions: list[Mention] = field(default_factory=list)
    members: list[Entity] = field(default_factory=list)
    spoke: bool = False
    known: dict[str, str | None] = field(default_factory=dict, repr=False)  # best() per attribute

    def best(self, attr: str) -> str | None:
        """The most informative value of an attribute over all mentions (longest name, first role …)."""
        if attr not in self.known:
            values = [getattr(m, attr) for m in self.mentions if getattr(m, attr)]
            if attr == "name":
                self.known[attr] = max(values, key=lambda v: (len(v.split()), len(v)), default=None)
            else:
                self.known[attr] = values[0] if values else None
        return self.known[attr]

    @property
    def gender(self) -> str:
        genders = {m.gender for m in self.mentions} - {"unknown"}
        return genders.pop() if len(genders) == 1 else "unknown"

    @property
    def grammar(self) -> str | None:
        grammars = {m.grammar for m in self.mentions} - {None}
        return grammars.pop() if len(grammars) == 1 else None

    @property
    def number(self) -> str | None:
        return "pl" if self.type == "group" else self.best("number")

    @property
    def last(self) -> int:
        return self.mentions[-1].start


class Discourse:
    """The discourse model of one document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sent_of = sentence_index(doc)
        self.entities: list[Entity] = []
        # indexes that keep resolution linear in the article's length: entities by recency (the one
        # mentioned last at the end), by surname skeleton and by role
        self.recent: dict[int, Entity] = {}
        self.by_surname: dict[str, list[Entity]] = {}
        self.by_role: dict[str | None, list[Entity]] = {}
        self.by_token: dict[int, Entity] = {}
        self.name_words: set[str] = set()
        self.institutions: dict[str, Entity] = {}

    def add(self, mention: Mention) -> Entity | None:
        """Link a name, description or institution mention to an entity (new or known)."""
        if mention.kind in ("none", "pronoun", "relative", "possessive"):
            return None
        if mention.kind == "group" and mention.members:
            members = [self.add(member) or _transient(member) for member in mention.members]
            group = Entity(len(self.entities), "group", [mention], members)
            self.entities.append(group)
            self.recent[group.index] = group
            return group
        entity = self._known(mention) if mention.kind != "anonymous" else None
        if entity is None:
            entity = Entity(len(self.entities), mention.type)
            self.entities.append(entity)
        self.attach(entity, mention)
        return entity

    def attach(self, entity: Entity, mention: Mention) -> None:
        had_role = entity.best("role") is not None
        entity.mentions.append(mention)
        entity.known.clear()
        self.recent.pop(entity.index, None)
        self.recent[entity.index] = entity
        if mention.surname:
            same = self.by_surname.setdefault(name_skeleton(mention.surname), [])
            if entity not in same:
                same.append(entity)
        if mention.role and not had_role:
            self.by_role.setdefault(lexicon.role_of(mention.role), []).append(entity)
        if mention.kind == "name" and mention.surname:
            self.name_words.update(mention.surname.split())
        if mention.kind == "institution" and mention.name:
            self.institutions.setdefault(mention.name.lower(), entity)
        if entity.type in ("unknown", "anonymous") and mention.type not in ("unknown", "anonymous"):
            entity.type = mention.type
        for i in mention.tokens:
            self.by_token[i] = entity

    def _known(self, mention: Mention) -> Entity | None:
        if mention.kind == "name" and mention.surname:
            return self._by_name(mention)
        if mention.kind == "institution" and mention.name:
            if " " not in mention.name and lexicon.is_generic_institution(mention.name):
                # „der Konzern“: the named one before it („der Volkswagen-Konzern“), else nobody known
                named = self._named_institution(mention.name)
                if named is not None:
                    # the generic noun describes the named institution; it never becomes its name
                    mention.descriptor, mention.name = mention.name, None
                    return named
                mention.type = "unknown"
            # „die Polizei“, „ein Feuerwehrsprecher“ after „die Berliner Polizei“, „die Berliner Feuerwehr“
            return self.institutions.get(mention.name.lower()) or self._named_institution(
                mention.name, mention.country
            )
        if mention.kind == "description" and mention.role and mention.definite:
            return self._by_role(mention) or self._unroled_person(mention)
        return None

    def _unroled_person(self, mention: Mention) -> Entity | None:
        """„Donald Trump hat … Der US-Präsident teilte …“: a definite role right after a named person who
        has no role yet is that person (the last one named within the sentence before)."""
        sentence = self.sent_of[mention.start]
        for entity in self.within(sentence, 1):
            if entity.type == "person" and entity.best("surname"):
                fits = entity.best("role") is None and _gender_fits(entity, mention.gender)
                return entity if fits else None
        return None

    def _by_name(self, mention: Mention) -> Entity | None:
        surname = name_skeleton(mention.surname or "")
        for entity in reversed(self.by_surname.get(surname, [])):
            for known in entity.mentions:
                if known.surname and name_skeleton(known.surname) == surname and _same_first(known, mention):
                    return entity
        return None

    def _named_institution(self, head: str, country: str | None = None) -> Entity | None:
        """The last institution whose fuller name ends in ``head`` („Volkswagen-Konzern“ for „Konzern“), or
        that was introduced by such a noun („der Sender CNN“ for „der Sender“), of the same country where
        one is given („des israelischen Militärs“ is not „US-Militär“)."""
        ending = head.lower()
        for entity in reversed(self.recent.values()):
            name = (entity.best("name") or "").lower()
            descriptor = (entity.best("descriptor") or "").lower()
            fuller = (name != ending and name.endswith(ending)) or descriptor.endswith(ending)
            same_country = country is None or entity.best("country") == country
            if entity.type in ("organization", "government") and fuller and same_country:
                return entity
        return None

    def _by_role(self, mention: Mention) -> Entity | None:
        """„der Minister“ after „Außenminister Sergej Lawrow“: the most recent entity with that role."""
        role = lexicon.role_of(mention.role or "")
        for entity in reversed(self.by_role.get(role, [])):
            if _gender_fits(entity, mention.gender):
                return entity
        return None

    def within(self, sentence: int, reach: int) -> Iterator[Entity]:
        """Entities mentioned at most ``reach`` sentences before ``sentence``, the latest first."""
        for entity in reversed(self.recent.values()):
            if sentence - self.sent_of[entity.last] > reach:
                return
            yield entity

    def antecedent(self, mention: Mention, sentence: int) -> Entity | None:
        """The entity a pronoun or possessive refers to, or None when no candidate is clearly best."""
        candidates = [
            e for e in self.within(sentence, PRONOUN_WINDOW) if e.last < mention.start and _agrees(e, mention)
        ]
        if not candidates:
            return None
        nearest = max(self.sent_of[e.last] for e in candidates)
        # speakers of earlier statements stay in focus; otherwise the subject (first mention) of the sentence
        pool = [e for e in candidates if self.sent_of[e.last] == nearest]
        speakers = [e for e in candidates if e.spoke]
        if speakers and not any(e.spoke for e in pool) and len(pool) > 1:
            return max(speakers, key=lambda e: e.last)
        pool.sort(
            key=lambda e: (not e.spoke, min(m.start for m in e.mentions if self.sent_of[m.start] == nearest))
        )
        return pool[0]

    def recent_speaker(self, mention: Mention, sentence: int) -> Entity | None:
        """A pronoun no agreeing entity claims: the last person who spoke, if nothing contradicts it."""
        if mention.number == "pl" or mention.kind != "pronoun":
            return None
        unfit = {"m": "female", "f": "male"}.get(mention.grammar or "")
        for entity in self.within(sentence, PRONOUN_WINDOW + 2):
            if entity.spoke and entity.type == "person" and entity.gender != unfit:
                return entity
        return None

    def described_person(self, mention: Mention, sentence: int) -> Entity | None:
        """The named person a definite description points back to: the same role if one has it, else
        the same party or organization, else the last person who spoke, else the last one named."""
        by_role = self._by_role(mention) if mention.role else None
        if by_role is not None and by_role.best("surname"):
            return by_role  # an unnamed one with that role („die CDU-Politikerin“ before) waits for a name
        candidates = [
            e
            for e in self.within(sentence, PRONOUN_WINDOW + 2)
            if e.type == "person" and e.best("surname") and _gender_fits(e, mention.gender)
        ]
        if mention.affiliation:
            same = [e for e in candidates if e.best("affiliation") == mention.affiliation]
            candidates = same or candidates
        speakers = [e for e in candidates if e.spoke]
        return max(speakers or candidates, key=lambda e: e.last, default=by_role)

    def clause_subject(self, token: int) -> Entity | None:
        """The entity named last before ``token`` in its sentence („Die Armee hat nach eigenen Angaben …“)."""
        sentence = self.sent_of[token]
        for i in range(token - 1, -1, -1):
            if self.sent_of[i] != sentence:
                return None
            entity = self.by_token.get(i)
            if entity is not None and entity.type in SPEAKING_TYPES and not self._oblique(i, entity):
                return entity
        return None

    def _oblique(self, i: int, entity: Entity) -> bool:
        """The phrase of entity at token i is a genitive attribute („im Norden des Landes“): not the
        clause's subject."""
        start = i
        while start > 0 and self.by_token.get(start - 1) is entity:
            start -= 1
        first, before = self.doc[start], self.doc[start - 1] if start else None
        return first.lower_ in ("des", "eines") or (
            first.lower_ == "der" and before is not None and before.tag_ == "NN"
        )

    def introduced_person(self, sentence: int) -> Entity | None:
        """The named person mentioned last in this sentence or the one before."""
        for entity in self.within(sentence, 1):
            if self.sent_of[entity.last] <= sentence and entity.type == "person" and entity.best("surname"):
                return entity
        return None

    def relative_antecedent(self, mention: Mention) -> Entity | None:
        """„Lawrow, der sagte“: the closest agreeing noun phrase before the comma, a person if any."""
        i = mention.start - 1
        while i >= 0 and (self.doc[i].text in (",", "(", "–", "-") or self.doc[i].tag_ == "PTKVZ"):
            i -= 1
        stop = max(-1, i - 8)
        found: list[Entity] = []
        while i > stop and self.doc[i].tag_ in MENTION_PHRASE_TAGS | {"APPR", "APPRART"}:
            entity = self.by_token.get(i)
            if entity is not None and entity not in found and _relative_agrees(entity, mention):
                found.append(entity)
            i -= 1
        persons = [e for e in found if e.type in ("person", "anonymous")]
        return next(iter(persons or found), None)


def _relative_agrees(entity: Entity, mention: Mention) -> bool:
    """Agreement for a relative pronoun, whose antecedent stands right before it."""
    if entity.type == "unknown" and entity.best("surname"):
        return mention.number != "pl"  # „Lawrow, der sagte“: a bare name right before is the speaker
    if entity.type == "anonymous" and entity.number == "pl":
        return mention.grammar is None  # „Demonstranten, die skandierten“
    if entity.type in ("person", "anonymous"):
        wanted = {"m": "male", "f": "female"}.get(mention.grammar or "")
        return mention.number != "pl" and (wanted is None or entity.gender in ("unknown", wanted))
    if entity.type == "group":
        return mention.grammar is None
    return entity.grammar in (None, mention.grammar) if mention.grammar else entity.grammar in (None, "f")


def _same_first(known: Mention, mention: Mention) -> bool:
    if known.first and mention.first:
        return name_skeleton(known.first)[:3] == name_skeleton(mention.first)[:3]
    return True


def _gender_fits(entity: Entity, gender: str) -> bool:
    return gender == "unknown" or entity.gender in ("unknown", gender)


def _agrees(entity: Entity, mention: Mention) -> bool:
    """Number and gender agreement of a pronoun with an entity; persons agree by natural gender."""
    if entity.type == "anonymous" and not entity.spoke:
        return False
    number = entity.number or ("pl" if entity.type == "group" else "sg")
    if mention.number and number != mention.number:
        return False
    if mention.number is None and mention.grammar is None and number == "sg" and entity.type == "person":
        # plain "sie"/"die" with unknown number: only a woman by evidence qualifies
        return entity.gender == "female"
    if number == "pl":
        return mention.grammar is None
    if entity.type == "person":
        wanted = {"m": "male", "f": "female"}.get(mention.grammar or "")
        return (
            wanted is not None
            and entity.gender in ("unknown", wanted)
            and (entity.gender != "unknown" or mention.grammar == "m" or entity.spoke)
        )
    return entity.grammar is not None and entity.grammar == (mention.grammar or "f")


def verb_number(doc: Doc, statement: Statement, source: tuple[int, ...]) -> str | None:
    """Singular or plural from the statement's finite verb („sagte“ vs „sagten“), if it has one; the
    verb is looked for at the cue and next to ``source``, the span the speaker is resolved from."""
    near = list(statement.cue)
    if source:
        end = source[-1]
        # then the verb next to the source, then the verb closing a relative clause („die … sprachen“)
        near += [end + 1, source[0] - 1, *range(end + 2, min(end + 12, len(doc)))]
    for i in near:
        # the tagger sometimes takes a plural finite verb for an infinitive („Kritiker bemängeln“)
        if 0 <= i < len(doc) and doc[i].tag_ in ("VVFIN", "VAFIN", "VMFIN", "VVINF", "VAINF", "VMINF"):
            text = doc[i].lower_
            # third person singular never ends in -n except „kann“: sagten, bemängeln, seien
            if text == "sind" or (text.endswith("n") and not text.endswith("nn")):
                return "pl"
            return "sg"
    return None


def frame_subjects(doc: Doc) -> Subjects:
    """Finds the subjects of the document's frames (for attribution steps that need a cue's subject)."""
    return Subjects(
        doc, {i: p for p in _phrases(doc) for i in p}, {tok.text for tok in doc if tok.tag_ == "NE"}
    )


def _phrases(doc: Doc) -> list[list[int]]:
    """Noun phrases of the text (runs of article, adjective and noun tags, particles inside names)."""
    phrases: list[list[int]] = []
    current: list[int] = []
    for tok in doc:
        # an article after a noun starts a new phrase, except a genitive after a role („Sprecherin des Amts“)
        new_phrase = tok.tag_ == "ART" and current and doc[current[-1]].tag_ == "NN"
        new_phrase = new_phrase and not (
            tok.lower_ in ("des", "der") and lexicon.role_of(doc[current[-1]].lemma_)
        )
        inside = tok.tag_ in MENTION_PHRASE_TAGS and not new_phrase
        particle = tok.lower_ in lexicon.NAME_PARTICLES and current and _name_follows(doc, tok.i)
        if (inside or particle) and not tok.is_sent_start:
            current.append(tok.i)
            continue
        if current:
            phrases.append(current)
        current = [tok.i] if tok.tag_ in MENTION_PHRASE_TAGS else []
    if current:
        phrases.append(current)
    phrases = [p for p in phrases if any(doc[i].tag_ in ("NN", "NE", "FM") for i in p)]
    return _join_coordinated(doc, phrases)


def _name_follows(doc: Doc, i: int) -> bool:
    """Particles („von der“) followed by a capitalized word, right after a name: part of the name."""
    j = i
    while j < len(doc) and doc[j].lower_ in lexicon.NAME_PARTICLES:
        j += 1
    return j < len(doc) and doc[j].text[:1].isupper() and doc[i - 1].tag_ in ("NE", "FM")


def _join_coordinated(doc: Doc, phrases: list[list[int]]) -> list[list[int]]:
    """„Merkel und Macron“ is one (group) phrase when both sides are names."""
    joined: list[list[int]] = []
    for phrase in phrases:
        prev = joined[-1] if joined else None
        if prev is None or phrase[0] - prev[-1] != 2:
            joined.append(phrase)
            continue
        between = doc[prev[-1] + 1]
        names_joined = between.lower_ == "und" and doc[prev[-1]].tag_ == "NE"
        names_joined = names_joined and doc[phrase[-1]].tag_ == "NE"
        # „der deutsche Innenminister, Wolfgang Schäuble“: a role and its name in apposition
        apposition = between.text == "," and bool(lexicon.role_of(doc[prev[-1]].lemma_))
        apposition = apposition and doc[phrase[0]].lower_ in lexicon.first_names()
        # „Eren Güvercin, deutscher Autor mit …“: a name and the role after it, without article
        role_after = between.text == "," and any(doc[i].tag_ == "NE" for i in prev)
        role_after = role_after and doc[phrase[0]].tag_ in ("ADJA", "NN")
        role_after = role_after and any(lexicon.role_of(doc[i].lemma_ or doc[i].text) for i in phrase)
        if names_joined or apposition or role_after:
            joined[-1] = [*prev, prev[-1] + 1, *phrase]
        else:
            joined.append(phrase)
    return joined


def resolve_speakers(doc: Doc) -> None:
    """Fill ``speaker`` of every statement in ``doc._.statements`` (needs sentences and STTS tags)."""
    statements: list[Statement] = doc._.statements or []
    if not statements:
        return
    article = Discourse(doc)
    phrases = _phrases(doc)
    sources = _speaker_sources(article, statements, {i: p for p in phrases for i in p})
    source_tokens = {i for source in sources.values() for i in source}
    # names inside a quotation are what someone talked about, not who talks next („…“, sagte er)
    quoted = {i for s in statements if s.form == "Direct" for i in s.message}
    events: list[tuple[int, int, Statement | list[int]]] = [
        (p[0], 1, p) for p in phrases if not source_tokens.intersection(p) and p[0] not in quoted
    ]
    events += [(sources[id(s)][0] if sources[id(s)] else _anchor(s), 0, s) for s in statements]
    resolved = Resolutions()
    by_source: dict[tuple[int, ...], Entity | None] = {}
    for _, _, item in sorted(events, key=lambda e: (e[0], e[1])):
        if isinstance(item, Statement):
            source = sources[id(item)]
            # statements sharing one source span (a quote and its paraphrase) share its entity
            if not source or source not in by_source:
                entity = _resolve_statement(article, item, source, resolved)
                by_source[source] = entity
            resolved.add(item, by_source[source] if source else entity)
        else:
            article.add(analyze(doc, item, known=article.name_words, as_source=False))
    _first_person_in_quotes(doc, statements, resolved)
    _paragraph_speakers(article, statements, resolved)
    speakers: dict[int, Speaker] = {}  # statements of one entity share one Speaker object
    for stmt in statements:
        entity = resolved.entity.get(id(stmt))
        if entity is None:
            stmt.speaker = _speaker(doc, None, stmt)
            continue
        if id(entity) not in speakers:
            speakers[id(entity)] = _speaker(doc, entity, stmt)
        stmt.speaker = speakers[id(entity)]
    doc._.statements = fold_quotes(statements)


def _speaker_sources(
    article: Discourse, statements: list[Statement], phrase_at: dict[int, list[int]]
) -> dict[int, tuple[int, ...]]:
    """The span each statement's speaker is resolved from: its source, or, where the tagger gave none or
    one that names nobody („Anfang März“), the subject of its frame („…“, sagte Lang)."""
    doc = article.doc
    sources: dict[int, tuple[int, ...]] = {}
    subjects = Subjects(doc, phrase_at, {tok.text for tok in doc if tok.tag_ == "NE"})
    # the tokens of a source replaced by its frame's subject, for the continuations whose source holds them
    subject_of: dict[int, tuple[int, ...]] = {}
    for stmt in sorted(statements, key=_anchor):
        source = _with_head_before_place(
            doc, stmt, _whole_phrase(doc, stmt.source), phrase_at, subjects.names
        )
        if source and stmt.cue and max(source) > max(stmt.cue):
            # „Er erklärte MDR SACHSEN-ANHALT, …“: a subject before the verb makes the phrase after it an
            # object, whatever the tagger took for the source
            subject = subjects.of_cue(stmt)
            if subject and max(subject) < min(stmt.cue):
                source = tuple(subject)
                subject_of.update(dict.fromkeys(stmt.source, source))
        elif not stmt.cue and (held := [subject_of[i] for i in stmt.source if i in subject_of]):
            source = held[0]
        if not source or _names_nobody(doc, source):
            found = subjects.of_cue(stmt) or subjects.of_colon(stmt)
            if found:
                source = tuple(found)
                if len(found) == 1 and doc[found[0]].tag_ not in ("NN", "NE", "PPER"):
                    article.name_words.add(doc[found[0]].text)  # a surname the tagger missed („Lang“)
            elif source and _bare_dative(doc, source):
                source = ()  # who was told is never who spoke: the statement goes on as one without source
        sources[id(stmt)] = source
    return sources


def _whole_phrase(doc: Doc, source: tuple[int, ...]) -> tuple[int, ...]:
    """A source the tagger cut to its article („laut [der] von der Hamas kontrollierten Behörde“,
    „laut [dem] zunächst internen Papier“): the noun phrase it opens, to the noun its attributes agree
    with, and that noun's genitive complement („einem kürzlich ergangenen Urteil des höchsten Gerichts“);
    also a source cut after the article of its genitive („[Angaben des] von der Hamas kontrollierten
    Gesundheitsministeriums“)."""
    article = source[-1] if source else -1
    if not source or len(source) > 3 or doc[article].tag_ != "ART":
        return source
    end = min(doc[article].sent.end, article + 12)
    head = next(
        (
            k
            for k in range(article + 1, end)
            if doc[k].tag_ in ("NN", "NE")
            and doc[k - 1].tag_ in ("ADJA", "ART")
            and (doc[k - 1].tag_ == "ADJA" or k - 1 == article)
        ),
        None,
    )
    if head is None:
        return source
    first = head  # the attributes right before the noun; a prepositional phrase before them is left out
    while first - 1 > article and doc[first - 1].tag_ in ("ADJA", "ADV"):
        first -= 1
    last = head
    if last + 1 < end and doc[last + 1].lower_ in ("des", "der"):
        # the genitive complement: article, attributes and noun
        k = last + 2
        while k < end and doc[k].tag_ in ("ADJA", "ADV"):
            k += 1
        if k < end and doc[k].tag_ in ("NN", "NE"):
            last = k
    return (*source, *range(first, last + 1))


def _with_head_before_place(
    doc: Doc, stmt: Statement, source: tuple[int, ...], phrase_at: dict[int, list[int]], names: Set[str]
) -> tuple[int, ...]:
    """„Ophir aus Buffalo sagte“ tagged as [Buffalo]: a source right after a place preposition is the
    place; the phrase before the preposition is who speaks."""
    if not source or source[0] < 2:
        return source
    preposition = source[0] - 1
    if doc[preposition].lower_ not in PLACE_PREPOSITIONS or preposition in stmt.cue:
        return source
    before = doc[preposition - 1]
    head = phrase_at.get(before.i) or ([before.i] if before.is_title and before.text in names else None)
    if head is None or (before.tag_ not in ("NE", "NN") and before.text not in names):
        return source
    return (*head, preposition, *source)


def _bare_dative(doc: Doc, source: tuple[int, ...]) -> bool:
    """„sagte er dem STANDARD“: a dative without a preposition is who was told, not who spoke."""
    before = doc[source[0] - 1] if source[0] else None
    return doc[source[0]].lower_ in ("dem", "einem") and (
        before is None or before.tag_ not in ("APPR", "APPRART")
    )


def _source_words(doc: Doc, source: tuple[int, ...]) -> set[str]:
    """The source's words and their lemmas, lower-cased („demnach“, „eigenen“/„eigen“)."""
    return {doc[i].lemma_.lower() for i in source} | {doc[i].lower_ for i in source}


def _names_nobody(doc: Doc, source: tuple[int, ...]) -> bool:
    """A tagged source that is a time, place or thing, not who speaks („einem ruhigen Vormittag“)."""
    words = _source_words(doc, source)
    if words & lexicon.SOURCE_ADVERBS or "eigen" in words:
        return False
    if _bare_dative(doc, source):
        return True
    mention = analyze(doc, source)
    return mention.kind == "description" and mention.type == "unknown" and not is_speaker_mention(mention)


def _first_person_in_quotes(doc: Doc, statements: list[Statement], resolved: Resolutions) -> None:
    """„Ich habe ihm gesagt, …“ inside someone's quote: „ich“ and „wir“ are the quote's speaker."""
    for stmt in statements:
        if resolved.entity.get(id(stmt)) is not None or not stmt.source:
            continue
        if not {doc[i].lower_ for i in stmt.source} & lexicon.FIRST_PERSON:
            continue
        enclosing = [
            outer
            for outer in statements
            if outer is not stmt and stmt.source[0] in outer.message and resolved.entity.get(id(outer))
        ]
        if enclosing:
            innermost = min(enclosing, key=lambda outer: len(outer.message))
            resolved.entity[id(stmt)] = resolved.entity[id(innermost)]


def _paragraph_speakers(article: Discourse, statements: list[Statement], resolved: Resolutions) -> None:
    """A statement still without speaker goes on with the speaker of the statement before it in its
    paragraph: news paragraphs report one voice („Leavitt schloss nicht aus, dass … Die USA würden nicht
    tatenlos zusehen …“); a frameless one that opens its paragraph takes the speaker of the statement
    after it. Not an interview's question, nor a passive frame („… wird nicht ausgeschlossen“, „hieß
    es“), which names nobody on purpose."""
    doc = article.doc
    breaks = line_breaks(doc)

    def paragraph(stmt: Statement) -> int:
        return bisect_right(breaks, _anchor(stmt))

    ordered = sorted(statements, key=_anchor)
    for k, stmt in enumerate(ordered):
        entity = resolved.entity.get(id(stmt))
        if (entity is not None and entity.type != "unknown") or (stmt.addressee and not stmt.cue):
            continue
        if _passive(doc, stmt.cue):
            continue
        previous = resolved.before(_anchor(stmt))
        while previous is not None:
            found = resolved.entity.get(id(previous))
            if paragraph(previous) != paragraph(stmt):
                break
            if found is not None and found.type != "unknown":
                resolved.entity[id(stmt)] = found
                break
            previous = resolved.before(_anchor(previous))
        following = ordered[k + 1] if k + 1 < len(ordered) else None
        if resolved.entity.get(id(stmt)) is None and not stmt.cue and following is not None:
            # a quote that opens a paragraph, its speaker named in the next sentence („„…“ Das sagte X.“)
            found = resolved.entity.get(id(following))
            if paragraph(following) == paragraph(stmt) and found is not None:
                resolved.entity[id(stmt)] = found if found.type != "unknown" else None


def _passive(doc: Doc, cue: tuple[int, ...]) -> bool:
    """„wird nicht ausgeschlossen“, „wurde betont“, „hieß es“: a frame without agent."""
    lemmas = {doc[i].lemma_.lower() for i in cue}
    participle = any(doc[i].tag_ == "VVPP" for i in cue)
    return "heißen" in lemmas or (participle and "werden" in lemmas)


class Resolutions:
    """The statements resolved so far and their entities, findable by position."""

    def __init__(self) -> None:
        self.entity: dict[int, Entity | None] = {}
        # (anchor, end, order added), sorted: of statements sharing an anchor (a cue that names an act and
        # frames a quote) the one ending last comes last, whatever their addresses in memory
        self._anchors: list[tuple[int, int, int]] = []
        self._statements: list[Statement] = []

    def add(self, stmt: Statement, entity: Entity | None) -> None:
        self.entity[id(stmt)] = entity
        insort(self._anchors, (_anchor(stmt), max(stmt.message, default=-1), len(self._statements)))
        self._statements.append(stmt)

    def before(self, anchor: int) -> Statement | None:
        """The resolved statement starting last before ``anchor``."""
        k = bisect_left(self._anchors, (anchor, -1, -1))
        return self._statements[self._anchors[k - 1][2]] if k else None


def _anchor(statement: Statement) -> int:
    return min(statement.cue or statement.message or (0,))


def _resolve_statement(
    article: Discourse, stmt: Statement, source: tuple[int, ...], resolved: Resolutions
) -> Entity | None:
    doc = article.doc
    if not source:
        return _continuation(article, stmt, resolved)
    mention = analyze(doc, source, verb_number(doc, stmt, source), article.name_words)
    sentence = article.sent_of[mention.start] if mention.tokens else 0
    lemmas = _source_words(doc, source)
    if lemmas & lexicon.SOURCE_ADVERBS:
        # „demnach“, „danach“: the source the previous statement named
        return _previous_speaker(article, stmt, resolved, reach=3)
    if _the_report(doc, source, mention):
        # „den Angaben zufolge“, „im Bericht heißt es“: the report the previous statement's source gave
        previous = _previous_speaker(article, stmt, resolved, reach=3)
        if previous is not None:
            return previous
    if "eigen" in lemmas and mention.kind not in ("name", "institution"):
        # „nach eigenen Angaben“: the subject of the clause speaks for itself
        return article.clause_subject(source[0]) or _previous_speaker(article, stmt, resolved, reach=2)
    if mention.kind in ("pronoun", "possessive"):
        entity = article.antecedent(mention, sentence) or article.recent_speaker(mention, sentence)
    elif mention.kind == "relative":
        entity = article.relative_antecedent(mention)
    elif _refers_back(doc, mention) and (found := article.described_person(mention, sentence)):
        entity = found
    else:
        entity = article.add(mention)
        mention = Mention((), "none")  # already attached
    if entity is not None:
        if entity.type == "unknown" and entity.best("surname"):
            entity.type = "person"  # a name that speaks is a person
        if mention.tokens:
            _learn_gender(entity, mention)
            article.attach(entity, mention)
        entity.spoke = True
    return entity


def _the_report(doc: Doc, source: tuple[int, ...], mention: Mention) -> bool:
    """A definite report, paper or statement that names nobody („den Angaben“, „im Bericht“, „Den
    Recherchen“): the one just mentioned."""
    if mention.kind not in ("anonymous", "description") or mention.type not in ("anonymous", "unknown"):
        return False
    head = doc[source[-1]]
    lemma = (head.lemma_ or head.text).lower()
    if head.tag_ != "NN" or not (lemma in lexicon.SOURCE_NOUNS or lexicon.is_unnamed_source(lemma)):
        return False
    before = source[0] - 1
    determiners = [doc[i] for i in (before, *source) if i >= 0 and doc[i].tag_ in ("ART", "APPRART", "PDAT")]
    return any(t.tag_ != "ART" or not t.lower_.startswith("ein") for t in determiners)


def _refers_back(doc: Doc, mention: Mention) -> bool:
    """„der CDU-Politiker“, „der 48-Jährige“, „die Ministerin“: a definite description of one person
    that names nobody, so it points back to someone named before."""
    if mention.kind != "description" or not mention.definite or mention.number == "pl":
        return False
    ages = any(doc[i].lower_.endswith(("jährige", "jähriger")) for i in mention.tokens)
    return ages or (mention.type == "person" and (mention.role is not None or mention.human))


def _learn_gender(entity: Entity, mention: Mention) -> None:
    """A resolved „er“ is evidence that the person is male (and „sie“ + singular verb, female)."""
    if entity.type == "person" and mention.kind == "pronoun" and mention.number == "sg":
        mention.gender = {"m": "male", "f": "female"}.get(mention.grammar or "", "unknown")


def _continuation(article: Discourse, stmt: Statement, resolved: Resolutions) -> Entity | None:
    """A statement without source continues the previous speaker only when its form says so."""
    if stmt.addressee and not stmt.cue:
        return None  # an interview's question to someone („Frage: …“) is not the last speaker's
    cue_lemmas = {article.doc[i].lemma_.lower() for i in stmt.cue}
    if "heißen" in cue_lemmas:
        # „…, hieß es.“ right after someone's statements goes on with that source
        return _previous_speaker(article, stmt, resolved, reach=2)
    if stmt.cue and stmt.form == "Direct":
        # a quote whose frame names nobody („Seine Schlussfolgerung: „…““) is the last speaker's
        return _previous_speaker(article, stmt, resolved, reach=2)
    if stmt.cue and stmt.form not in CONTINUING_FORMS and not has_konjunktiv(article.doc, stmt.cue):
        # a frame in Konjunktiv without source („Die Gewerkschaften würden nicht verlangen, dass …“) is
        # itself reported: it goes on with the last speaker
        return None
    # a quote or Konjunktiv sentence without a frame goes on with the last speaker, or with the person
    # the sentence before introduced („Salcher, Direktor der Schule, ist zufrieden. „Das Team …““)
    previous = _previous_speaker(article, stmt, resolved, reach=CONTINUATION_REACH)
    if previous is not None:
        return previous
    return article.introduced_person(article.sent_of[_anchor(stmt)])


def _previous_speaker(
    article: Discourse, stmt: Statement, resolved: Resolutions, reach: int
) -> Entity | None:
    """The speaker of the closest statement before this one, if it lies at most ``reach`` sentences back;
    a statement that found nobody is looked through, as a link of the same chain."""
    anchor = _anchor(stmt)
    previous = resolved.before(anchor)
    while previous is not None:
        # counted from where the previous statement ends: a long quote does not put its speaker out of reach
        previous_end = max((*previous.message, *previous.cue, *previous.source), default=_anchor(previous))
        if article.sent_of[anchor] - article.sent_of[min(previous_end, anchor)] > reach:
            return None
        entity = resolved.entity[id(previous)]
        if entity is not None and entity.type != "unknown":
            return entity
        anchor = _anchor(previous)
        previous = resolved.before(anchor)
    return None


def _speaker(doc: Doc, entity: Entity | None, stmt: Statement) -> Speaker:
    if entity is None:
        mentions = char_spans(doc, stmt.source) if stmt.source else []
        return Speaker(type="unknown", mentions=mentions)
    members = [_speaker(doc, member, stmt) for member in entity.members]
    # an entity of unknown type (a generic „der Konzern“ that points nowhere) names nobody
    name = entity.best("name") if entity.type != "unknown" else None
    if members and not name:
        name = " und ".join(m.name for m in members if m.name) or None
    # a person the text never names („der Taxifahrer“, a „die Ministerin“ that points to nobody) is an
    # anonymous source
    kind = "anonymous" if entity.type == "person" and not name else entity.type
    return Speaker(
        id=f"e{entity.index}" if entity.index >= 0 else None,
        name=name,
        type=kind,
        role=entity.best("role"),
        gender=entity.gender if kind in ("person", "anonymous") else "unknown",
        affiliation=entity.best("affiliation"),
        country=entity.best("country"),
        members=members,
        mentions=[span for m in entity.mentions for span in char_spans(doc, sorted(m.tokens))],
    )


def _transient(mention: Mention) -> Entity:
    """A group member that names no entity of its own (e.g. an unresolvable pronoun)."""
    return Entity(-1, mention.type, [mention])


class SpeakerResolver:
    """spaCy component: ``nlp.add_pipe("zitat_speakers", after="zitat")``."""

    def __call__(self, doc: Doc) -> Doc:
        resolve_speakers(doc)
        return doc


@Language.factory("zitat_speakers")
def make_speaker_resolver(nlp: Language, name: str) -> SpeakerResolver:
    return SpeakerResolver()
