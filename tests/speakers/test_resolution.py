"""Within-article speaker resolution on hand-written sentences, one test per case type."""

from __future__ import annotations

import pytest

import zitat
from zitat.document import Speaker, Statement
from zitat.speakers import SpeakerResolver, resolve_speakers
from zitat.speakers.evaluation import marked_doc


def speaker_of(marked: str) -> Speaker:
    """The resolved speaker of the last ``[[source]]``/``{{cue}}`` statement of the text."""
    doc = marked_doc(marked)
    resolve_speakers(doc)
    speaker = doc._.statements[-1].speaker
    assert speaker is not None
    return speaker


def test_personal_pronoun_takes_the_named_antecedent_with_role_country_and_gender():
    speaker = speaker_of(
        "Der russische Außenminister Sergej Lawrow kritisierte die NATO. [[Er]] {{sagte}}, die Lage sei ernst."
    )
    assert (speaker.name, speaker.type, speaker.gender) == ("Sergej Lawrow", "person", "male")
    assert (speaker.role, speaker.country) == ("Außenminister", "Russland")


def test_feminine_pronoun_skips_the_man_in_the_same_sentence():
    speaker = speaker_of(
        "Kanzlerin Angela Merkel traf Emmanuel Macron. [[Sie]] {{sagte}}, es gebe Fortschritte."
    )
    assert speaker.name == "Angela Merkel"
    assert speaker.gender == "female"


def test_plural_pronoun_refers_to_a_coordinated_pair():
    speaker = speaker_of("Joe Biden und Olaf Scholz trafen sich. [[Sie]] {{sagten}}, man sei sich einig.")
    assert speaker.type == "group"
    assert [m.name for m in speaker.members] == ["Joe Biden", "Olaf Scholz"]


def test_pronoun_without_a_plausible_antecedent_stays_unknown():
    speaker = speaker_of("Der Bericht erschien am Montag. [[Er]] {{sagte}}, alles sei gut.")
    assert (speaker.name, speaker.type) == (None, "unknown")


def test_relative_pronoun_agrees_in_gender_with_its_antecedent():
    speaker = speaker_of("Lob kam von Angela Merkel, [[die]] {{sagte}}, sie sei beeindruckt.")
    assert speaker.name == "Angela Merkel"
    described = speaker_of("Die Ministerin Anna Berg, [[die]] {{sagte}}, alles laufe nach Plan, blieb ruhig.")
    assert (described.name, described.gender) == ("Anna Berg", "female")


def test_an_unnamed_spokesperson_speaks_for_the_institution():
    said = speaker_of("Die Sprecherin der Berliner Polizei, [[die]] {{sagte}}, alles laufe nach Plan.")
    assert (said.name, said.type) == ("Berliner Polizei", "government")
    speaker = speaker_of("Die Berliner Feuerwehr rückte aus. Es brenne, {{sagte}} [[ein Feuerwehrsprecher]].")
    assert (speaker.name, speaker.type) == ("Berliner Feuerwehr", "government")
    named = speaker_of("Es brenne, {{sagte}} [[Feuerwehrsprecher Jan Beck]].")
    assert (named.name, named.type) == ("Jan Beck", "person")


def test_possessive_resolves_like_a_pronoun():
    speaker = speaker_of(
        "Außenministerin Annalena Baerbock reiste ab. [[Ihren]] {{Angaben}} zufolge war es gut."
    )
    assert speaker.name == "Annalena Baerbock"
    assert (
        speaker_of("Der Bericht liegt vor. [[Seinen]] {{Angaben}} zufolge ist alles gut.").type == "unknown"
    )


def test_surname_links_to_the_full_name_and_collects_all_mentions():
    text = (
        "Der russische Präsident Wladimir Putin hielt eine Rede. Später {{sagte}} [[Putin]], alles sei gut."
    )
    doc = marked_doc(text)
    resolve_speakers(doc)
    speaker = doc._.statements[-1].speaker
    assert speaker.name == "Wladimir Putin"
    assert [doc.text[s:e] for s, e in speaker.mentions] == ["Der russische Präsident Wladimir Putin", "Putin"]


def test_inflected_names_come_back_in_the_nominative():
    assert (
        speaker_of("Wladimir Putin sprach. [[Putins]] {{Worten}} zufolge ist alles gut.").name
        == "Wladimir Putin"
    )
    genitive = speaker_of(
        "„Wir sind bereit“, {{sagte}} [[des russischen Außenministers Sergej Lawrow]] zufolge ein Diplomat."
    )
    assert (genitive.name, genitive.role) == ("Sergej Lawrow", "Außenminister")


def test_genitive_name_before_the_head_is_the_affiliation_not_the_speaker():
    speaker = speaker_of("[[Putins Sprecher Dmitri Peskow]] {{sagte}}, das sei falsch.")
    assert (speaker.name, speaker.role, speaker.affiliation) == ("Dmitri Peskow", "Sprecher", "Putin")


def test_description_links_to_the_last_entity_with_that_role():
    speaker = speaker_of(
        "US-Verteidigungsminister Lloyd Austin reiste nach Kiew. [[Der Minister]] {{sagte}}, man helfe weiter."
    )
    assert (speaker.name, speaker.country) == ("Lloyd Austin", "USA")


def test_role_with_genitive_complement_and_apposition():
    speaker = speaker_of(
        "[[Der Vorsitzende der Generalstabschefs, Mark Milley]], {{sagte}}, die Lage sei stabil."
    )
    assert speaker.name == "Mark Milley"
    assert speaker.role == "Vorsitzende der Generalstabschefs"
    nato = speaker_of("[[NATO-Generalsekretär Jens Stoltenberg]] {{sagte}} das.")
    assert (nato.role, nato.affiliation, nato.gender) == ("NATO-Generalsekretär", "NATO", "male")


@pytest.mark.parametrize(
    "marked",
    [
        "Das {{sagte}} [[ein hochrangiger Beamter, der anonym bleiben wollte]].",
        "[[Ein hochrangiger Beamter der US-Regierung]] {{sagte}}, die Lieferung sei beschlossen.",
        "Das {{erfuhr}} die Zeitung [[aus Regierungskreisen]].",
        "[[Eine mit den Plänen vertraute Person]] {{sagte}}, die Entscheidung falle im Mai.",
    ],
)
def test_unnamed_officials_and_circles_are_anonymous(marked: str):
    speaker = speaker_of(marked)
    assert (speaker.type, speaker.name) == ("anonymous", None)


def test_no_source_stays_unknown_but_a_continuation_keeps_its_speaker():
    assert speaker_of("Ein Bericht erschien. Es {{hieß}}, [[]] man prüfe das.").type == "unknown"
    doc = marked_doc("„Wir sind bereit“, {{sagte}} [[Olaf Scholz]]. Man werde {{helfen}} [[]].")
    doc._.statements[-1].form = "IndirectFreeIndirect"
    resolve_speakers(doc)
    assert doc._.statements[-1].speaker.name == "Olaf Scholz"


def test_coordinated_speakers_become_a_group_with_members_in_their_fullest_form():
    speaker = speaker_of(
        "Joe Biden traf Ursula von der Leyen. [[Biden und von der Leyen]] {{sagten}}, man helfe."
    )
    assert speaker.type == "group"
    assert [(m.name, m.gender) for m in speaker.members] == [
        ("Joe Biden", "male"),
        ("Ursula von der Leyen", "female"),
    ]
    assert speaker_of("[[Die Experten]] {{warnten}} vor den Folgen.").type == "group"


@pytest.mark.parametrize(
    ("marked", "kind", "name"),
    [
        ("[[Der Kreml]] {{erklärte}}, die Vorwürfe seien haltlos.", "government", "Kreml"),
        ("[[Das Weiße Haus]] {{teilte}} mit, der Präsident sei gesund.", "government", "Weißes Haus"),
        ("[[Moskau]] {{wies}} die Vorwürfe zurück.", "government", "Moskau"),
        ("[[Die Nato]] {{erklärte}}, sie werde ihre Präsenz verstärken.", "organization", "Nato"),
        ("Das {{meldeten}} [[Polizeiangaben]].", "government", "Polizei"),
    ],
)
def test_institutions_and_states(marked: str, kind: str, name: str):
    speaker = speaker_of(marked)
    assert (speaker.type, speaker.name, speaker.gender) == (kind, name, "unknown")


def test_gender_is_never_guessed_from_a_bare_surname():
    assert speaker_of("„Nein“, {{sagte}} [[Lawrow]].").gender == "unknown"


def test_component_fills_speakers_in_a_pipeline():
    doc = marked_doc("[[Olaf Scholz]] {{sagte}}, man helfe.")
    assert SpeakerResolver()(doc) is doc
    assert doc._.statements[0].speaker.name == "Olaf Scholz"


@pytest.mark.parametrize(
    ("marked", "name"),
    [
        # an evidential adverb points back to the source named before
        (
            "[[Die Polizei]] {{teilte}} am Montag mit, zwei Männer seien festgenommen worden. "
            "[[Demnach]] {{hätten}} sie Geld gestohlen.",
            "Polizei",
        ),
        # „nach eigenen Angaben“: the subject of its clause
        ("Die israelische Armee hat {{nach}} [[eigenen Angaben]] zwei Raketen abgefangen.", "Armee"),
        # a definite description of one person that names nobody: the person named before
        (
            "FDP-Generalsekretär Bijan Djir-Sarai steht unter Druck. "
            "Er habe davon nichts gewusst, {{sagte}} [[der 48-Jährige]].",
            "Bijan Djir-Sarai",
        ),
        (
            "CDU-Chef Friedrich Merz sprach in Berlin. Das sei ein Fehler, {{sagte}} [[der CDU-Politiker]].",
            "Friedrich Merz",
        ),
        # whoever gave the „Angaben“ speaks
        (
            "{{Nach}} [[Angaben des Statistischen Landesamtes]] sank die Zahl der Betriebe.",
            "Statistisches Landesamt",
        ),
        # an institution keeps the complement that names it
        (
            "[[Der Verband der Feuerwehren NRW]] {{kritisierte}}, das Land habe Gutachten versäumt.",
            "Verband der Feuerwehren NRW",
        ),
        # a place adjective before the role is no name
        (
            "„Das ist falsch“, {{sagte}} [[der Berner Gesundheitsdirektor Pierre Alain Schnegg]].",
            "Pierre Alain Schnegg",
        ),
    ],
)
def test_sources_that_point_back_or_describe_their_speaker(marked: str, name: str):
    assert speaker_of(marked).name == name


def test_a_party_in_brackets_is_the_affiliation_not_part_of_the_name():
    speaker = speaker_of("[[Innenministerin Nancy Faeser (SPD)]] {{sagte}}, die Lage sei ernst.")
    assert (speaker.name, speaker.affiliation) == ("Nancy Faeser", "SPD")


def test_a_quote_without_frame_goes_on_with_the_speaker_of_the_quote_before():
    doc = zitat.extract(
        "Der Schulleiter Norbert Salcher bestätigte ein leeres Haus: „Es war sehr ruhig. In Summe 14 von 75.“ "
        "Die Betreuung fiel aus. „Das Team war dennoch komplett da.“"
    )
    quotes = [s for s in doc._.statements if s.form == "Direct"]
    assert [s.speaker.name for s in quotes] == ["Norbert Salcher", "Norbert Salcher"]


def test_ich_in_a_statement_inside_a_quote_is_the_quote_s_speaker():
    doc = zitat.extract("„Ich habe ihm gesagt, dass das nicht geht“, sagte Olaf Scholz am Montag.")
    names = {s.speaker.name for s in doc._.statements if s.speaker}
    assert names == {"Olaf Scholz"}


@pytest.mark.parametrize(
    "marked",
    [
        "Im Süden sind {{laut}} [[libanesischen Angaben]] zwei Menschen getötet worden.",
        "[[Mehreren Medienberichten]] {{zufolge}} kassiert der Boxer 100 Millionen.",
        "[[Andere Posts]] {{behaupteten}}, das Virus sei eine Biowaffe.",
        "[[Medizinisches Personal vor Ort]] {{teilte mit}}, es seien Zelte getroffen worden.",
        "„Ich habe sie gesehen“, {{sagt}} [[ein Taxifahrer]].",
    ],
)
def test_sources_that_name_nobody_are_anonymous_not_unknown(marked: str):
    speaker = speaker_of(marked)
    assert (speaker.type, speaker.name) == ("anonymous", None)


@pytest.mark.parametrize(
    ("marked", "name"),
    [
        # the tagger takes „Lang“ for an adjective and tags no source
        ("Die Grünen sprachen. „Wir hatten klare Positionen“, {{sagte}} [[]] Lang.", "Lang"),
        ("Vor einiger Zeit {{hatte}} [[]] Trump bereits bestätigt, dass er Einsätze genehmige.", "Trump"),
        # coordinated verbs: the subject stands at the start of the sentence
        (
            "Mario Voigt kam. Voigt bedankt sich für die Frage und {{sagt}} [[]] dann: „Es geht um Prinzipien.“",
            "Mario Voigt",
        ),
        # a time phrase tagged as the source names nobody; the frame's subject does
        (
            "Der Minister Sergej Lawrow {{erklärte}} [[Anfang März]]: „Wir zählen nicht darauf.“",
            "Sergej Lawrow",
        ),
    ],
)
def test_a_frame_without_a_usable_source_gets_its_subject(marked: str, name: str):
    assert speaker_of(marked).name == name


def test_a_frame_subject_is_never_a_dative_or_prepositional_phrase():
    assert speaker_of("„Das geht nicht“, {{sagte}} [[]] dem Sender ein Sprecher.").name is None
    assert speaker_of("In dem Papier {{heißt}} es [[]], die Lage sei angespannt.").type == "unknown"


def test_a_subject_before_the_cue_beats_a_source_the_tagger_found_after_it():
    # the phrase after the verb is whom it was said to („erklärte MDR SACHSEN-ANHALT“)
    speaker = speaker_of(
        "Die Ministerin Anna Berg besuchte die Baustelle. Sie {{erklärte}} [[MDR SACHSEN-ANHALT]] im "
        "Interview, die Arbeiten lägen im Plan."
    )
    assert speaker.name == "Anna Berg"
    # the sentences that go on reporting it keep that subject
    doc = zitat.extract(
        "Steffen Kauert leitet die Außenstelle der Autobahn GmbH. Er erklärte MDR SACHSEN-ANHALT im "
        "Interview, bei hohen Temperaturen dehne der Beton sich aus. Das führe zu erhöhter Spannung."
    )
    assert [s.speaker.name for s in doc._.statements] == ["Steffen Kauert", "Steffen Kauert"]


def test_hiess_es_right_after_a_statement_goes_on_with_its_source():
    doc = marked_doc(
        "„Giftstoffe gibt es nur in der Nähe“, {{sagte}} [[der Feuerwehrsprecher Tim Kahl]]. "
        "Verletzte gebe es nicht, {{hieß}} es [[]]."
    )
    resolve_speakers(doc)
    assert doc._.statements[-1].speaker.name == "Tim Kahl"


def test_a_person_the_text_never_names_is_an_anonymous_source():
    speaker = speaker_of("„Ich habe sie gesehen“, {{sagt}} [[der Taxifahrer]].")
    assert (speaker.type, speaker.name) == ("anonymous", None)
    speaker = speaker_of("[[Die Bürgermeisterin]] {{kündigte}} an, die Schulen zu sanieren.")
    assert (speaker.type, speaker.role, speaker.gender) == ("anonymous", "Bürgermeisterin", "female")


@pytest.mark.parametrize(
    ("marked", "name", "role"),
    [
        ("[[Österreichs Sportdirektor]] {{spricht}} von Manipulation.", None, "Sportdirektor"),
        ("[[Thüringens AfD-Chef]] {{empfiehlt}} den Firmen, still zu sein.", None, "AfD-Chef"),
    ],
)
def test_a_place_in_the_genitive_before_a_role_is_no_name(marked: str, name: str | None, role: str):
    speaker = speaker_of(marked)
    assert (speaker.name, speaker.role) == (name, role)


def test_a_strong_dative_institution_comes_back_in_the_nominative():
    speaker = speaker_of("Die Zahl sei {{laut}} [[Statistischem Bundesamt]] gestiegen.")
    assert (speaker.type, speaker.name) == ("government", "Statistisches Bundesamt")


def test_a_quote_after_a_colon_frame_without_verb_is_the_named_person_s():
    doc = marked_doc(
        "„Die Schulen bleiben zu“, {{sagte}} [[Franz Webhofer]]. "
        "Für Schulleiter Norbert Salcher eh kein Thema: „Wir fahren zum Wandertag nach Sillian.“"
    )
    quote = next(t.i for t in doc if t.text == "Wir") - 1
    doc._.statements.append(Statement(message=tuple(range(quote, len(doc))), form="Direct"))
    resolve_speakers(doc)
    assert doc._.statements[-1].speaker.name == "Norbert Salcher"


def test_er_skips_a_feminine_institution_in_the_genitive():
    speaker = speaker_of(
        "Gegen die Politik der Bundesregierung sprach sich Hannes Gnauck (AfD) aus. "
        "[[Er]] {{forderte}}, mit Russland zu verhandeln."
    )
    assert speaker.name == "Hannes Gnauck"


def test_a_source_cut_to_its_article_is_read_as_the_whole_phrase():
    speaker = speaker_of(
        "{{Laut}} [[der]] von der Hamas kontrollierten Gesundheitsbehörde kamen neun Menschen ums Leben."
    )
    assert (speaker.type, speaker.name) == ("government", "Gesundheitsbehörde")


def test_a_relative_pronoun_after_a_name_tells_the_gender_sie_needs():
    speaker = speaker_of(
        "Doch Annika Poestges, die im Haus für die Öffentlichkeit zuständig ist, ist überzeugt. "
        "„Man kann mit kostenfreien Programmen starten“, {{regt}} [[sie]] an."
    )
    assert (speaker.name, speaker.gender) == ("Annika Poestges", "female")


def test_a_definite_role_after_a_named_person_without_role_is_that_person():
    speaker = speaker_of(
        "Donald Trump hat erneut ein Bild verbreitet. Der US-Präsident teilte einen Eintrag. "
        "„Ich habe es gepostet“, {{sagte}} [[er]]."
    )
    assert (speaker.name, speaker.role) == ("Donald Trump", "US-Präsident")


def test_a_dative_taken_for_the_source_is_who_was_told():
    speaker = speaker_of("„Wir sind bereit“, {{sagte}} Werner Faymann [[dem STANDARD]].")
    assert speaker.name == "Werner Faymann"


def test_an_outlet_in_capitals_asking_in_an_interview_is_an_organization():
    speaker = speaker_of("[[STANDARD]] {{fragte}}, wer in Österreich arm sei.")
    assert (speaker.type, speaker.name) == ("organization", "STANDARD")


def test_a_name_after_a_role_is_the_speaker_not_a_genitive_modifier():
    speaker = speaker_of(
        "„Das ist falsch“, sagte Yotam Ophir. [[Die ehemalige US-Abgeordnete Marjorie Taylor]] {{schrieb}}, "
        "das Virus sei eine Biowaffe."
    )
    assert (speaker.type, speaker.name, speaker.role) == ("person", "Marjorie Taylor", "US-Abgeordnete")


def test_a_source_after_a_place_preposition_is_the_place_of_the_one_before():
    speaker = speaker_of(
        "Der Forscher Yotam Ophir lehrt in den USA. Ophir aus [[Buffalo]] {{sagte}}, das sei ein Versuch."
    )
    assert speaker.name == "Yotam Ophir"


def test_a_place_in_an_apposition_s_complement_is_not_the_speaker():
    speaker = speaker_of(
        "[[Die Islamische Glaubensgemeinschaft (IGGÖ), die Vertretung der Muslime in Österreich]], "
        "{{hält fest}}, dass sie die Forderungen mit Besorgnis sehe."
    )
    assert (speaker.type, speaker.name) == ("organization", "Islamische Glaubensgemeinschaft")


def test_a_definite_role_prefers_a_named_person_to_an_unnamed_one_with_that_role():
    speaker = speaker_of(
        "Die CDU-Politikerin ist neu im Amt. Julia Klöckner reagierte mit Abwehr. "
        "[[Die CDU-Politikerin]] {{wies}} die Vorwürfe zurück."
    )
    assert speaker.name == "Julia Klöckner"


def test_a_singular_article_keeps_a_spokesperson_in_the_genitive_singular():
    speaker = speaker_of("Laut [[eines Sprechers der Berliner Polizei]] {{liegen}} keine Erkenntnisse vor.")
    assert (speaker.name, speaker.type) == ("Berliner Polizei", "government")


@pytest.mark.parametrize(
    ("marked", "kind", "name"),
    [
        ("[[Die Sozialdemokraten]] {{mahnten}} an, mehr Geld zu geben.", "organization", "Sozialdemokraten"),
        ("[[Die Grünen]] {{forderten}} einen Untersuchungsausschuss.", "organization", "Grünen"),
        ("[[Die MDR-Moderatoren]] {{versprachen}}, das Zitat zu prüfen.", "group", "MDR-Moderatoren"),
        ("Das {{teilten}} [[den zuständigen Ermittlern]] zufolge die Zeugen mit.", "group", "Ermittler"),
        ("[[Die Menschenrechtler]] {{werfen}} der Armee Folter vor.", "group", "Menschenrechtler"),
        ("[[Kritiker]] {{warfen}} ihm Blasphemie vor.", "anonymous", None),
        ("[[Schweizer Sicherheitspolitiker]] {{verlangen}} Gegenmaßnahmen.", "anonymous", None),
        ("Es seien Meteoriten, {{nach}} Meinung von [[Astronomen]].", "anonymous", None),
    ],
)
def test_plural_sources_a_party_described_people_or_unnamed_people(marked: str, kind: str, name: str | None):
    speaker = speaker_of(marked)
    assert (speaker.type, speaker.name) == (kind, name)


def test_a_generic_institution_noun_refers_to_the_institution_it_introduced():
    speaker = speaker_of(
        "Der Sender CNN berichtete, Sinwar halte sich in Tunneln auf. "
        "[[Der Sender]] {{berichtete}} ferner, er sei krank."
    )
    assert (speaker.name, speaker.type) == ("CNN", "organization")
    organization = speaker_of(
        "Die Terrororganisation Hamas griff an. Die Menschenrechtsorganisation Human Rights Watch legte einen "
        "Bericht vor. [[Die Organisation]] {{teilte}} mit, Kämpfer hätten Geiseln gefoltert."
    )
    assert organization.name == "Human Rights Watch"


def test_the_report_just_mentioned_speaks_for_its_source():
    speaker = speaker_of(
        "Der Sender CNN {{berichtete}} [[]], Sinwar sei in Tunneln. [[Den Angaben]] {{zufolge}} ist er krank."
    )
    assert speaker.name == "CNN"


def test_a_source_cut_after_its_genitive_article_is_completed():
    speaker = speaker_of(
        "{{Laut}} [[Angaben des]] von der Hamas kontrollierten Gesundheitsministeriums starben 100 Menschen."
    )
    assert (speaker.name, speaker.type) == ("Gesundheitsministerium", "government")


def test_a_continuation_looks_through_a_statement_that_found_nobody():
    doc = marked_doc(
        "„Wir sind bereit“, {{sagte}} [[Nora Back]]. [[Die Gewerkschaften]] {{würden}} nicht verlangen, "
        "dass die Regierung alles zurückziehe. Man {{wolle}} einen Dialog [[]]."
    )
    doc._.statements[-1].form = "IndirectFreeIndirect"
    resolve_speakers(doc)
    assert doc._.statements[-1].speaker.name == "Nora Back"


def test_a_statement_without_speaker_goes_on_with_the_voice_of_its_paragraph():
    doc = marked_doc(
        "[[Leavitt]] {{schloss}} nicht aus, dass es weitere Aktionen gibt. Man [[]] {{werde}} nicht "
        "zusehen. In Kreisen der Regierung [[]] {{wurde bestätigt}}, dass es so sei."
    )
    resolve_speakers(doc)
    continued, passive = doc._.statements[1:]
    assert continued.speaker.name == "Leavitt"
    assert passive.speaker.type == "unknown"  # a passive frame names nobody on purpose


@pytest.mark.parametrize(
    ("marked", "kind", "name"),
    [
        ("{{Laut}} [[Umweltbundesamt.de]] sollte man Handschuhe tragen.", "government", "Umweltbundesamt"),
        (
            "Das [[European Center for Constitutional and Human Rights]] {{erklärte}}, das sei rechtswidrig.",
            "organization",
            "European Center for Constitutional and Human Rights",
        ),
        ("[[Human Rights Watch]] {{erklärte}}, die Lage sei ernst.", "organization", "Human Rights Watch"),
        ("[[Die ÖVP Burgenland]] {{kritisierte}} den Plan.", "organization", "ÖVP Burgenland"),
        ("{{Laut}} [[Wifo]] wächst die Wirtschaft kaum.", "organization", "Wifo"),
        ("Die Pflanze breitet sich {{laut}} [[Ambrosiainfo.de]] aus.", "organization", "Ambrosiainfo.de"),
    ],
)
def test_web_sites_and_foreign_names_of_organizations(marked: str, kind: str, name: str):
    speaker = speaker_of(marked)
    assert (speaker.type, speaker.name) == (kind, name)


def test_own_statements_and_places_that_speak_as_governments():
    speaker = speaker_of(
        "Das israelische Militär hat im Norden des Landes {{nach}} [[eigenen Angaben]] Beschuss abgewehrt."
    )
    assert speaker.name == "Militär"  # not the genitive „des Landes“
    land = speaker_of("Inzwischen {{informierte}} [[das Land Tirol]], dass der Betrieb wieder anläuft.")
    assert (land.name, land.type) == ("Land Tirol", "government")


def test_a_quote_opening_a_paragraph_takes_the_speaker_named_after_it():
    doc = marked_doc("„Wir schaffen das.“ {{}}[[]] Das {{sagte}} [[Angela Merkel]] am Montag.")
    resolve_speakers(doc)
    assert doc._.statements[0].speaker.name == "Angela Merkel"
