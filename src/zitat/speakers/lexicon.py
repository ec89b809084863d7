"""Word lists for speaker resolution: pronouns, role nouns, organizations, countries, anonymity markers.

Everything is matched on lower-cased lemmas or forms. Role nouns are matched as compound suffixes, so
„Außenminister“, „US-Verteidigungsminister“ and „Ministerin“ all contain the role „minister“.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Grammatical features are (gender, number); gender "m", "f", "n" or None for any, number "sg"/"pl"/None.
Agreement = tuple[str | None, str | None]

PERSONAL_PRONOUNS: dict[str, Agreement] = {
    "er": ("m", "sg"),
    "sie": (None, None),  # feminine singular or plural: the verb decides
    "es": ("n", "sg"),
}
RELATIVE_PRONOUNS: dict[str, Agreement] = {
    "der": ("m", "sg"),
    "die": (None, None),
    "das": ("n", "sg"),
    "welcher": ("m", "sg"),
    "welche": (None, None),
    "welches": ("n", "sg"),
}
POSSESSIVE_STEMS: dict[str, Agreement] = {"sein": ("m", "sg"), "ihr": (None, None)}
FIRST_PERSON = frozenset({"ich", "wir", "mir", "mich", "uns"})
UNRESOLVABLE_PRONOUNS = frozenset({"man", "ich", "wir", "du", "ihr", "jemand", "niemand", "einer"})
# indefinite pronouns for several unnamed people
INDEFINITE_PEOPLE = frozenset({"viele", "manche", "einige", "mehrere", "etliche", "andere", "alle"})

# Role and function nouns (masculine base form; the feminine adds -in, compounds are matched by suffix).
ROLE_NOUNS = (
    *_words(
        """
        minister präsident sprecher chef kanzler sekretär vorsitzende vorsitzender direktor leiter
        botschafter general kommissar abgeordnete abgeordneter bürgermeister gouverneur senator
        berater beauftragte beauftragter beamte beamter beamtin bearbeiter angestellte diplomat
        richter anwalt polizist offizier kommandeur kommandant trainer autor forscher
        wissenschaftler professor arzt journalist korrespondent reporter manager geschäftsführer
        gründer aktivist politiker premier könig königin papst bischof kardinal experte analyst
        ökonom sprecherin staatssekretär vize kandidat mitarbeiter vertreter funktionär oberhaupt
        herrscher regent ermittler staatsanwalt verteidiger ombudsmann vorstand inhaber
        gewerkschafter parlamentarier delegierte unterhändler vermittler beobachter kritiker zeuge
        augenzeuge bewohner anwohner demonstrant teilnehmer spieler sänger schauspieler regisseur
        ärztin ärzte soldat mediziner virologe historiker pfarrer imam rabbiner scheich fürst prinz
        prinzessin herzog oppositionsführer anführer staatsrat nationalrat ständerat landrat
        """
    ),
)
# Nouns naming a collective of people; in the plural they make a group speaker.
GROUP_NOUNS = (
    *_words(
        """
        experte beobachter kritiker demonstrant anwohner bewohner forscher analyst diplomat beamte
        beamter politiker teilnehmer ärzte arzt zeuge augenzeuge ermittler wissenschaftler aktivist
        abgeordnete soldat mitarbeiter vertreter ökonom mediziner virologe wähler bürger eltern
        schüler studenten befragte
        """
    ),
)
ANONYMITY_WORDS = frozenset(
    {
        "anonym",
        "ungenannt",
        "namentlich",
        "unbekannt",
        "insider",
        "informant",
        "quelle",
        "kreise",
        "kreis",
        "vertraut",
        "eingeweiht",
        "informiert",
        "namen",
    }
)
# Nouns naming a person without a role, with the natural gender they state.
PERSON_NOUNS: dict[str, str] = {"mann": "male", "frau": "female", "junge": "male", "täter": "male"}
# Nouns naming people by what they do or are, without a role („der Taxifahrer“, „Nutzerinnen“);
# compounds match by ending, so only endings of five letters or more (or a whole word) are listed.
PERSON_ENDINGS = _words(
    """
    fahrer nutzer passant zuschauer besucher nachbar kunde kundin schüler lehrer mutter vater
    tochter bruder schwester freund freundin kollege kollegin betroffene betroffener angehörige
    angehöriger einwohner urlauber tourist landwirt unternehmer händler pfleger pflegerin sportler
    athlet student studentin rentner rentnerin patient patientin helfer helferin arbeiter
    arbeitnehmer arbeitgeber eigentümer mieter vermieter käufer verkäufer mitglied anhänger gegner
    befürworter gläubige gläubiger insasse passagier reisende reisender bürgerin überlebende
    überlebender
    """
)
PERSON_WORDS = frozenset(_words("user fan gast sohn opfer wirt wirtin bauer bäuerin"))
# Plural endings of nouns for people by what they do („Menschenrechtler“, „Moderatoren“, „Islamisten“):
# a plural source of a speech verb ending so is people, though the lists above lack the noun.
PEOPLE_PLURAL_ENDINGS = (
    *("ler", "lerinnen", "isten", "istinnen", "anten", "antinnen", "oren", "orinnen", "eure"),
    *("logen", "loginnen", "nomen", "nominnen"),
)
# Parties named by their members in the plural („die Grünen warnten“, „die Sozialdemokraten forderten“).
PARTY_PLURALS = frozenset(
    _words("grünen sozialdemokraten christdemokraten freidemokraten liberalen demokraten republikaner linken")
)
# Nouns for unnamed sources that are no person: reports, posts, messages and the like; with no name
# behind them the source is anonymous („laut Medienberichten“, „Andere Posts behaupteten“).
UNNAMED_SOURCE_ENDINGS = _words(
    """
    angaben angabe berichte berichten bericht recherchen recherche ermittlungen meldung meldungen
    mitteilung informationen posts beiträge kommentare dokument dokumente papier unterlagen kreise
    kreisen quelle quellen insider personal
    """
)
# „Polizeiangaben“, „Zeugenaussagen“: nouns of reporting whose first part names the speaker.
# Adverbs that, as a statement's source, point back to the source named before („Demnach …“).
SOURCE_ADVERBS = frozenset({"demnach", "danach", "wonach", "dazu", "hiernach", "darin"})
# Institution nouns that alone name no institution („der Konzern“, „das Unternehmen“): they refer to
# one named before, or to nobody the archive could count.
GENERIC_INSTITUTIONS = frozenset(
    _words(
        """
        konzern unternehmen firma organisation zeitung blatt magazin sender behörde ministerium
        institut verband verein agentur nachrichtenagentur gruppe partei gericht beobachtungsstelle
        stiftung gewerkschaft einrichtung initiative netzwerk kommission
        """
    )
)
# compounds of these name a kind too („Terrororganisation“, „Fernsehsender“), not one institution; other
# endings make names („Bundesagentur“, „Landeskommission“)
GENERIC_INSTITUTION_ENDINGS = ("organisation", "sender", "konzern", "unternehmen", "zeitung", "magazin")
# Nouns for what a source gave („Angaben des Ministeriums“): the speaker is their complement.
SOURCE_NOUNS = frozenset(
    _words(
        """
        angabe angaben schätzung schätzungen erkenntnis erkenntnisse recherche recherchen bericht
        berichte information informationen einschätzung mitteilung aussage aussagen darstellung
        sicht ansicht meinung auffassung zahl zahlen daten urteil beschluss erklärung stellungnahme
        studie umfrage papier
        """
    )
)
SOURCE_SUFFIXES = ("angaben", "angabe", "aussagen", "aussage", "berichten", "berichte", "bericht")
# Lemma suffixes of nouns naming a circle of unnamed insiders („aus Regierungskreisen“).
ANONYMOUS_SUFFIXES = ("kreis", "kreise", "quelle", "insider")

GOVERNMENT_WORDS = (
    *_words(
        """
        regierung ministerium kreml pentagon kanzleramt außenamt präsidialamt präsidialverwaltung
        élysée elysee senat parlament bundestag bundesrat kongress duma behörde amt polizei
        staatsanwaltschaft armee militär streitkräfte bundeswehr ministerrat kabinett gericht
        verfassungsgericht verwaltung stadtverwaltung landesregierung bundesregierung generalstab
        geheimdienst staatsführung staatsmedien landesamt bundesamt bezirksamt landratsamt
        landesanstalt bundesanstalt bundesagentur staatsrat stadtrat gemeinderat gemeinde kanton
        staatsschutz nachrichtendienst verfassungsschutz feuerwehr kommando rathaus wetterdienst
        justiz land bundesland freistaat stadt landkreis bezirk
        """
    ),
    "weißes haus",
    "auswärtiges amt",
    "downing street",
    "weiße haus",
    "weißen haus",
)
ORGANIZATION_WORDS = (
    *_words(
        """
        nato uno un eu kommission partei konzern unternehmen firma gewerkschaft verband verein
        organisation stiftung institut agentur zeitung sender bank gruppe bündnis allianz fraktion
        rat who opec iaea ezb imf iwf g7 g20 fifa uefa dfb ioc spd cdu csu fdp afd grünen linke bsw
        övp spö fpö neos svp glp evp bzö kpö wifo ihs
        hamas hisbollah taliban unicef amnesty greenpeace reuters dpa afp ap ard zdf bbc cnn tass
        interfax ria osze wto ukrinform gazprom siemens volkswagen vw bmw google apple microsoft
        meta facebook twitter amazon tesla lufthansa bahn ministerpräsidentenkonferenz
        opposition blatt magazin
        kirche universität klinik krankenhaus schule städtetag landkreistag initiative netzwerk
        beobachtungsstelle gemeinschaft vertretung komitee committee kampagne bewegung
        """
    ),
    "vereinte nationen",
    "vereinten nationen",
    "deutsche bahn",
)
# Countries and capitals speaking as states („Moskau erklärte“), and the adjectives naming them.
COUNTRY_ADJECTIVES: dict[str, str] = {
    "russisch": "Russland",
    "ukrainisch": "Ukraine",
    "amerikanisch": "USA",
    "us-amerikanisch": "USA",
    "deutsch": "Deutschland",
    "französisch": "Frankreich",
    "britisch": "Großbritannien",
    "chinesisch": "China",
    "italienisch": "Italien",
    "spanisch": "Spanien",
    "polnisch": "Polen",
    "türkisch": "Türkei",
    "israelisch": "Israel",
    "iranisch": "Iran",
    "japanisch": "Japan",
    "österreichisch": "Österreich",
    "schweizerisch": "Schweiz",
    "niederländisch": "Niederlande",
    "belgisch": "Belgien",
    "schwedisch": "Schweden",
    "finnisch": "Finnland",
    "norwegisch": "Norwegen",
    "dänisch": "Dänemark",
    "ungarisch": "Ungarn",
    "tschechisch": "Tschechien",
    "griechisch": "Griechenland",
    "indisch": "Indien",
    "pakistanisch": "Pakistan",
    "syrisch": "Syrien",
    "irakisch": "Irak",
    "afghanisch": "Afghanistan",
    "ägyptisch": "Ägypten",
    "saudisch": "Saudi-Arabien",
    "palästinensisch": "Palästina",
    "libanesisch": "Libanon",
    "nordkoreanisch": "Nordkorea",
    "südkoreanisch": "Südkorea",
    "kanadisch": "Kanada",
    "mexikanisch": "Mexiko",
    "brasilianisch": "Brasilien",
    "argentinisch": "Argentinien",
    "australisch": "Australien",
    "belarussisch": "Belarus",
    "weißrussisch": "Belarus",
    "georgisch": "Georgien",
    "serbisch": "Serbien",
    "kroatisch": "Kroatien",
    "rumänisch": "Rumänien",
    "bulgarisch": "Bulgarien",
    "portugiesisch": "Portugal",
    "irisch": "Irland",
    "litauisch": "Litauen",
    "lettisch": "Lettland",
    "estnisch": "Estland",
    "moldauisch": "Moldau",
    "kenianisch": "Kenia",
    "nigerianisch": "Nigeria",
    "südafrikanisch": "Südafrika",
}
COUNTRY_PREFIXES: dict[str, str] = {
    "us": "USA",
    "uk": "Großbritannien",
    "ukraine": "Ukraine",
    "russland": "Russland",
    "bundes": "Deutschland",
}
COUNTRIES = frozenset(
    [c.lower() for c in COUNTRY_ADJECTIVES.values()]
    + [
        "usa",
        "vereinigte staaten",
        "vereinigten staaten",
        "großbritannien",
        "moskau",
        "kiew",
        "kyjiw",
        "washington",
        "peking",
        "berlin",
        "paris",
        "london",
        "teheran",
        "ankara",
        "jerusalem",
        "brüssel",
        "minsk",
        "warschau",
        "tokio",
        "rom",
        "wien",
        "bern",
        "damaskus",
        "riad",
        "pjöngjang",
        "seoul",
        # German states speak as governments too („Bayern fordert …“)
        "bayern",
        "baden-württemberg",
        "berlin",
        "brandenburg",
        "bremen",
        "hamburg",
        "hessen",
        "sachsen",
        "mecklenburg-vorpommern",
        "niedersachsen",
        "nordrhein-westfalen",
        "rheinland-pfalz",
        "saarland",
        "sachsen-anhalt",
        "schleswig-holstein",
        "thüringen",
    ]
)
# Multi-word names whose inflected forms are brought back to the nominative.
FIXED_NAMES: dict[tuple[str, ...], str] = {
    ("weiß", "haus"): "Weißes Haus",
    ("auswärtig", "amt"): "Auswärtiges Amt",
    ("vereint", "nation"): "Vereinte Nationen",
    ("vereinigt", "staat"): "Vereinigte Staaten",
    ("europäisch", "union"): "Europäische Union",
    ("europäisch", "kommission"): "Europäische Kommission",
}
ARTICLES = frozenset({"der", "den", "die", "le", "la"})
NAME_PARTICLES = frozenset(
    {"von", "van", "de", "da", "di", "del", "der", "den", "zu", "bin", "al", "el", "le", "la"}
)


@cache
def first_names() -> dict[str, str]:
    """Bundled first names (``data/first_names.txt``) mapped to "female" or "male"."""
    names: dict[str, str] = {}
    text = resources.files("zitat.speakers").joinpath("data/first_names.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        gender, sep, rest = line.partition(":")
        if line.startswith("#") or not sep:
            continue
        for name in rest.split():
            names[name.lower()] = gender.strip()
    return names


class Endings:
    """Which of a list's endings a word ends in, the first listed winning.

    Looks the word's own suffixes up instead of testing every ending: a new word costs a few dict
    lookups rather than hundreds of ``endswith`` calls (each worker pays this for every new lemma).
    """

    def __init__(self, endings: Iterable[tuple[str, str]]) -> None:
        self._rank: dict[str, tuple[int, str]] = {}
        for rank, (ending, value) in enumerate(endings):
            self._rank.setdefault(ending, (rank, value))

    def first(self, word: str) -> str | None:
        """The value of the earliest listed ending of ``word`` (a lower-cased form), else None."""
        found = [self._rank[word[k:]] for k in range(len(word)) if word[k:] in self._rank]
        return min(found)[1] if found else None


# every role with its feminine singular and plural, in the list's order: the first listed role wins
ROLE_ENDINGS = Endings(
    (ending, role) for role in ROLE_NOUNS for ending in (role, role + "in", role + "innen")
)
GROUP_ENDINGS = Endings((ending, noun) for noun in GROUP_NOUNS for ending in (noun, noun + "innen"))
PERSON_NOUN_ENDINGS = Endings((ending, noun) for noun in PERSON_ENDINGS for ending in (noun, noun + "innen"))
UNNAMED_SOURCE_SUFFIXES = Endings((ending, ending) for ending in UNNAMED_SOURCE_ENDINGS)
# compounds („Landesregierung“) only of endings longer than 4 letters: „amt“ would match „insgesamt“
INSTITUTION_ENDINGS = Endings(
    [(word, "government") for word in GOVERNMENT_WORDS if len(word) > 4]
    + [(word, "organization") for word in ORGANIZATION_WORDS if len(word) > 4]
)


@lru_cache(maxsize=65536)
def role_of(lemma: str) -> str | None:
    """The role noun a (compound) noun ends in, e.g. "minister" for „US-Verteidigungsministerin“."""
    return ROLE_ENDINGS.first(lemma.lower())


def feminine_role(form: str) -> bool:
    """„Sprecherin“, „Ministerinnen“: the feminine suffix of a role noun is evidence of gender."""
    low = form.lower()
    return role_of(low) is not None and (low.endswith("in") or low.endswith("innen"))


@lru_cache(maxsize=65536)
def noun_gender(lemma: str) -> str | None:
    """Grammatical gender from a noun's suffix where that decides it (die Regierung, das Ministerium)."""
    low = lemma.lower()
    if low.endswith(("ung", "ion", "tät", "schaft", "ei", "heit", "keit", "behörde", "partei")):
        return "f"
    if low.endswith(("ium", "amt", "haus", "institut", "büro")):
        return "n"
    return None


# words that make an English (or international) name an organization's („Human Rights Watch“)
FOREIGN_ORGANIZATION_WORDS = frozenset(
    _words(
        """
        center centre council committee foundation institute association agency organization organisation
        union league forum alliance group fund watch network office bureau commission society project
        coalition federation corporation company inc ltd llc gmbh ag times post news journal press
        """
    )
)


def foreign_institution(words: Sequence[str]) -> str | None:
    """ "organization" for a name holding a word like „Center“, „Watch“, „Foundation“."""
    return "organization" if any(w.lower() in FOREIGN_ORGANIZATION_WORDS for w in words[1:]) else None


@lru_cache(maxsize=65536)
def is_generic_institution(lemma: str) -> bool:
    """„Sender“, „Menschenrechtsorganisation“, „Nachrichtenagentur“: a noun for a kind of institution."""
    low = lemma.lower()
    return low in GENERIC_INSTITUTIONS or low.endswith(GENERIC_INSTITUTION_ENDINGS)


@lru_cache(maxsize=65536)
def is_people_plural(form: str) -> bool:
    """„Menschenrechtler“, „MDR-Moderatoren“: a plural form that names people by its ending."""
    return form.lower().endswith(PEOPLE_PLURAL_ENDINGS)


@lru_cache(maxsize=65536)
def is_person_noun(lemma: str) -> bool:
    """„Taxifahrer“, „Nutzerin“, „Gast“: a noun for a person who has no role."""
    low = lemma.lower()
    return low in PERSON_WORDS or PERSON_NOUN_ENDINGS.first(low) is not None


@lru_cache(maxsize=65536)
def is_unnamed_source(lemma: str) -> bool:
    """„Medienberichte“, „Warnmeldung“, „Posts“: a noun for a source that names nobody."""
    return UNNAMED_SOURCE_SUFFIXES.first(lemma.lower()) is not None


@lru_cache(maxsize=65536)
def is_group_noun(lemma: str) -> bool:
    return GROUP_ENDINGS.first(lemma.lower()) is not None


@lru_cache(maxsize=65536)
def institution_type(name: str) -> str | None:
    """ "government" or "organization" for a known institution, country or capital, else None."""
    low = name.lower()
    kind = INSTITUTION_ENDINGS.first(low)
    if low in COUNTRIES or low in GOVERNMENT_WORDS or kind == "government":
        return "government"
    return "organization" if low in ORGANIZATION_WORDS else kind
