"""The web app's words in English and German: a message catalogue, the language of a request (from
``?lang=``, the ``lang`` cookie or Accept-Language) and ``t(key)`` for the templates.

Linguistic labels (Direct, Indirect, …; Speech, Thought, Writing) stay in the SpkAtt scheme in both
languages; the legends explain them in the reader's language.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from jinja2 import pass_context
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LANGUAGES = ("en", "de")
DEFAULT_LANGUAGE = "en"
COOKIE = "lang"
COOKIE_SECONDS = 365 * 24 * 3600

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        # errors of extraction (pages and API) and of forms
        "error.too_long": "the text has {chars} characters, more than the limit of {limit}: "
        "send a shorter text or split it (zitat serve --max-chars sets the limit)",
        "error.timeout": "extraction took longer than {seconds} s and was stopped: send a shorter text "
        "(zitat serve --extract-timeout sets the limit)",
        "error.busy": "other extractions kept the server busy for {seconds} s: try again later",
        "error.stopping": "the server is stopping: try again when it is back",
        "error.worker_died": "the extraction process ended unexpectedly: try again",
        "error.token": "wrong API token",
        "error.date": "{value} is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY",
        "error.confidence": "{value} is not a number from 0 to 1",
        "error.month": "{value} is not a month: write YYYY-MM",
        "error.gender": "{value} is not a gender: choose one of {choices}",
        "error.medium": "{value} is not a medium: choose one of {choices}",
        "error.title": "Error {status}",
        "error.back": "Back to the overview",
        # frame of every page
        "nav.skip": "Skip to content",
        "nav.main": "Main",
        "nav.overview": "Overview",
        "nav.search": "Search",
        "nav.speakers": "Speakers",
        "nav.clusters": "Clusters",
        "nav.analyze": "Analyze",
        "cluster.trace": "Trace across outlets",
        "cluster.trace_short": "trace",
        "nav.language": "Language",
        "footer.tagline": "who said what, to whom, and how",
        "pager.label": "Pages",
        "pager.previous": "Previous",
        "pager.next": "Next",
        "pager.page": "Page {page} of {pages}",
        # statements and their marks
        "role.message": "message",
        "role.cue": "cue",
        "role.source": "source",
        "role.addressee": "addressee",
        "tip.statement": "{id} {role} · speaker: {speaker} · form: {form} · medium: {medium}",
        "legend.roles": "How statements are marked",
        "legend.message": "shaded, in numbered brackets",
        "legend.cue": "bold, solid underline",
        "legend.source": "double underline",
        "legend.addressee": "dotted underline, italic",
        "legend.heading": "Labels",
        "legend.labels": "What the labels mean",
        "legend.forms": "Form: how the words are given",
        "legend.media": "Medium: spoken, thought or written",
        "form.Direct": "direct speech: the words as said, in quotation marks („Wir sind bereit“, sagte sie.)",
        "form.Indirect": "indirect speech: in a reported clause, often in the subjunctive (Sie sagte, "
        "sie sei bereit.)",
        "form.FreeIndirect": "free indirect: reported without a speech verb, e.g. by „soll“ (Der Minister "
        "soll zurücktreten wollen.)",
        "form.IndirectFreeIndirect": "continued indirect: sentences in the subjunctive that go on with an "
        "indirect statement without a new speech verb (… Man sei bereit.)",
        "form.Reported": "reported: a speech act is named, its content only summarized (Sie kritisierte "
        "die Reform.)",
        "medium.Speech": "speech: said aloud",
        "medium.Thought": "thought: thought, believed, felt",
        "medium.Writing": "writing: written (a letter, a post, a report)",
        "medium.ST": "speech or thought (the text does not tell which)",
        "medium.SW": "speech or writing (the text does not tell which)",
        "medium.TW": "thought or writing (the text does not tell which)",
        "statement.inside": "inside {id}",
        "statement.speaker": "Speaker",
        "statement.cue": "Cue",
        "statement.to": "To",
        "statement.none": "No statements found.",
        "reading.text": "Text",
        "reading.statements": "Statements ({n})",
        "hit.confidence": "the model's confidence",
        "meta.by": "by {author}",
        "meta.dated": "dated „{date}“",
        "meta.source": "source",
        # speaker types and genders
        "type.person": "person",
        "type.organization": "organization",
        "type.government": "government",
        "type.group": "group",
        "type.anonymous": "anonymous",
        "type.unknown": "unknown",
        "gender.female": "female",
        "gender.male": "male",
        "gender.unknown": "unknown",
        # overview
        "overview.title": "Overview",
        "overview.documents": "Documents",
        "overview.statements": "Statements",
        "overview.speakers": "Speakers",
        "overview.anonymous": "Anonymous sources",
        "overview.forms": "Forms",
        "overview.media": "Media",
        "overview.gender": "Gender",
        "overview.genders_note": "People: each person speaker counts once. Statements: each of their "
        "statements counts once (the share of voice, as the Gender Gap Tracker counts quotes).",
        "chart.months": "Statements per month",
        "chart.top_speakers": "Top speakers",
        "chart.forms": "Statements by form",
        "chart.media": "Statements by medium",
        "chart.genders": "Statements of person speakers, by gender",
        "chart.speaker_genders": "Person speakers, by gender",
        # research pages (issue #23): facets, chips, timelines, browsing
        "nav.articles": "Articles",
        "nav.outlets": "Outlets",
        "filters.correct.one": "Please correct the marked field.",
        "filters.correct.other": "Please correct the marked fields.",
        "search.sort.relevance": "best match first",
        "search.gender": "Gender",
        "search.medium": "Medium",
        "search.month": "Month",
        "search.month_placeholder": "YYYY-MM",
        "search.timeline": "Statements per month (click a column to see its month)",
        "overview.narrow": "Narrow the overview",
        "overview.show": "Show",
        "overview.click_hint": "Click a column or a bar to see its statements.",
        "overview.gender_months": "Gender shares over time",
        "overview.gender_months_in": "Gender shares over time in {outlet}",
        "overview.outlet_hint": "Choose an outlet above to see its shares alone.",
        "chart.gender_months": "Gender shares of person speakers' statements per month",
        "downloads.all": "Download all statements",
        "downloads.article": "Download this article's statements",
        "downloads.speaker": "Download this speaker's statements",
        "analyze.download": "Download the statements",
        "speaker.search": "Search within this speaker's statements",
        "facets.label": "Facets",
        "facet.speaker": "Speaker",
        "facet.type": "Speaker type",
        "facet.gender": "Gender (person speakers)",
        "facet.outlet": "Outlet",
        "facet.author": "Author",
        "facet.form": "Form",
        "facet.medium": "Medium",
        "facet.month": "Month",
        "filter.q": "Words",
        "filter.speaker": "Speaker",
        "filter.type": "Speaker type",
        "filter.gender": "Gender",
        "filter.outlet": "Outlet",
        "filter.author": "Author",
        "filter.form": "Form",
        "filter.medium": "Medium",
        "filter.month": "Month",
        "filter.since": "Since",
        "filter.until": "Until",
        "filter.min_confidence": "Confidence ≥",
        "filter.document": "Article",
        "chips.label": "Active filters",
        "chips.remove": "Remove this filter",
        "chips.remove_named": "Remove filter {name}: {value}",
        "switch.show": "Show speakers known only by a mention („ein Sprecher“, „sie“)",
        "switch.hide": "Hide speakers known only by a mention („ein Sprecher“, „sie“)",
        "syntax.title": "Search syntax",
        "syntax.words": "both words, each as the start of a word (klima finds „Klimaschutz“)",
        "syntax.phrase": "these words in this order",
        "syntax.or": "either word",
        "syntax.not": 'without „gipfel“ (also -"kalter krieg")',
        "syntax.notes": "Case and umlaut spelling do not matter („Müller“ = „mueller“). With a query, the "
        "best matches come first.",
        "articles.title": "Articles",
        "articles.q": "Words in title or text",
        "articles.speaker": "Quoting speaker",
        "articles.total.one": "{n} article, newest first.",
        "articles.total.other": "{n} articles, newest first.",
        "articles.article": "Article",
        "articles.date": "Date",
        "articles.none": "No articles match.",
        "sources.outlets": "Outlets",
        "sources.authors": "Authors",
        "sources.total.outlets.one": "{n} outlet, by number of statements.",
        "sources.total.outlets.other": "{n} outlets, by number of statements.",
        "sources.total.authors.one": "{n} author, by number of statements.",
        "sources.total.authors.other": "{n} authors, by number of statements.",
        "sources.none": "None yet.",
        "source.outlets": "Outlet",
        "source.authors": "Author",
        "source.articles": "Articles",
        # search
        "search.title": "Search",
        "search.heading": "Search statements",
        "search.q": "Words in the message",
        "search.order": "Order",
        "search.sort.newest": "newest first",
        "search.sort.oldest": "oldest first",
        "search.sort.confidence": "most confident first",
        "search.submit": "Search",
        "search.more": "More filters",
        "search.more_set": "More filters ({n} set)",
        "search.speaker": "Speaker",
        "search.type": "Speaker type",
        "search.form": "Form",
        "search.any": "any",
        "search.outlet": "Outlet",
        "search.author": "Author",
        "search.since": "Since",
        "search.until": "Until",
        "search.date_placeholder": "YYYY-MM-DD",
        "search.confidence": "Confidence ≥",
        "search.correct.one": "Please correct the marked field and search again.",
        "search.correct.other": "Please correct the marked fields and search again.",
        "search.total": "{n} statement(s).",
        "search.download": "Download all",
        "search.jsonl": "JSON lines",
        "search.none": "No statements match.",
        # speakers
        "speakers.title": "Speakers",
        "speakers.name": "Name",
        "speakers.find": "Find",
        "speakers.speaker": "Speaker",
        "speakers.none": "No speakers.",
        "speaker.type": "Type",
        "speaker.gender": "Gender",
        "speaker.roles": "Roles seen",
        "speaker.statements": "Statements",
        "speaker.seen": "Seen",
        "speaker.outlets": "Outlets",
        "speaker.review": "Review name variants: merge or split this speaker",
        "speaker.over_time": "Statements over time",
        "speaker.co": "Other speakers in the same articles",
        "speaker.articles.one": "{n} article",
        "speaker.articles.other": "{n} articles",
        "speaker.all": "All statements",
        # speaker review
        "review.title": "Review: {name}",
        "review.back": "Back to the speaker",
        "review.statements": "{n} statement(s)",
        "review.key": "Key",
        "review.variants": "Name variants counted for this speaker",
        "review.name": "Name",
        "review.why": "Why it counts here",
        "review.articles": "Articles",
        "review.mentions": "Latest mentions",
        "review.link.own": "its own key",
        "review.link.merge": "merged by a review",
        "review.link.surname": "same surname (automatic)",
        "review.no_statements": "No statements.",
        "review.split": "Split a variant off",
        "review.split_legend": "Its statements become a speaker of their own, also in later ingests",
        "review.note": "Note (optional)",
        "review.token": "API token",
        "review.split_submit": "Split off",
        "review.nothing_to_split": "Every statement of this speaker has its own key: there is no variant "
        "to split off.",
        "review.merge": "Merge another speaker into this one",
        "review.other": "Speaker (id or name)",
        "review.merge_submit": "Merge into {name}",
        "review.similar": "Speakers with a similar name",
        "review.done.merge": "Merged.",
        "review.done.split": "Split off.",
        "review.done.nothing": "They already were one speaker.",
        # analyze
        "analyze.title": "Analyze",
        "analyze.heading": "Analyze a text",
        "analyze.paste": "Paste German news text (or HTML)",
        "analyze.upload": "…or upload a file (.txt, .html)",
        "analyze.keep": "Keep it?",
        "analyze.store": "Store in the archive",
        "analyze.token": "API token (if the server requires one)",
        "analyze.submit": "Analyze",
        "analyze.stored": "Stored: {n} new document(s)",
        "analyze.open": "open it",
        "analyze.result": "Result: {n} statement(s)",
        # API reference
        "docs.machine": "Machine-readable",
        "docs.token": "Write endpoints need Authorization: Bearer TOKEN when the server runs with "
        "ZITAT_API_TOKEN.",
        "docs.parameter": "Parameter",
        "docs.in": "In",
        "docs.required": "Required",
        "docs.description": "Description",
        "docs.yes": "yes",
        "docs.no": "no",
        "docs.body": "Body: JSON, see in the schema:",
        "docs.responses": "Responses",
        # statement clusters (zitat cluster): the list and one cluster
        "clusters.title": "Statement clusters",
        "clusters.intro": "One utterance carried by several articles: verbatim, shortened or lightly "
        "paraphrased.",
        "clusters.speaker": "Speaker",
        "clusters.flag": "Flag",
        "clusters.any": "any",
        "clusters.find": "Find",
        "clusters.canonical": "Canonical wording",
        "clusters.statements": "Statements",
        "clusters.outlets": "Outlets",
        "clusters.first": "First",
        "clusters.flags": "Flags",
        "clusters.none": "No clusters.",
        "clusters.unavailable": "this archive has no statement clusters",
        "clusters.not_yet": "the archive has no clusters yet: run zitat cluster --db … first",
        "flag.misquote": "possible misquote",
        "flag.misattribution": "possible misattribution",
        "cluster.title": "Cluster {id}",
        "cluster.heading.one": "One statement across {n} outlet",
        "cluster.heading.other": "One statement across {n} outlets",
        "cluster.counts": "{statements} statement(s) in {documents} document(s), {publications} "
        "publication(s)",
        "cluster.first": "First appearance",
        "cluster.undated": "undated",
        "cluster.unknown_outlet": "unknown outlet",
        "cluster.unknown_speaker": "unknown",
        "cluster.credited": "credited to {speaker}",
        "cluster.timeline": "Timeline",
        "cluster.date": "Date",
        "cluster.publications": "Publications",
        "cluster.outlets": "Outlets",
        "cluster.outlet_first": "{outlet}: {n} (first {date})",
        "cluster.speakers": "Credited to",
        "cluster.names_nobody": "names nobody",
        "cluster.variants": "Variants",
        "cluster.against": "Against the canonical wording:",
        "cluster.removed": "left out",
        "cluster.added": "added or changed",
        "cluster.canonical": "canonical",
        "cluster.statements": "Statements",
        "cluster.first_published": "First published",
        "cluster.speaker": "Speaker",
        "cluster.form": "Form",
        "cluster.message": "Message",
        "cluster.altered": "words differ from the earliest direct quote",
        "cluster.unknown": "no cluster {id}",
    },
    "de": {
        "error.too_long": "Der Text hat {chars} Zeichen, mehr als die Grenze von {limit}: "
        "bitte einen kürzeren Text senden oder ihn teilen (zitat serve --max-chars setzt die Grenze)",
        "error.timeout": "Die Analyse dauerte länger als {seconds} s und wurde abgebrochen: bitte einen "
        "kürzeren Text senden (zitat serve --extract-timeout setzt die Grenze)",
        "error.busy": "Andere Analysen haben den Server {seconds} s lang belegt: "
        "bitte später erneut versuchen",
        "error.stopping": "Der Server wird gerade beendet: bitte erneut versuchen, wenn er wieder läuft",
        "error.worker_died": "Der Analyseprozess endete unerwartet: bitte erneut versuchen",
        "error.token": "Falsches API-Token",
        "error.date": "{value} ist kein Datum: bitte JJJJ, JJJJ-MM, JJJJ-MM-TT oder TT.MM.JJJJ schreiben",
        "error.confidence": "{value} ist keine Zahl von 0 bis 1",
        "error.month": "{value} ist kein Monat: bitte JJJJ-MM schreiben",
        "error.gender": "{value} ist kein Geschlecht: bitte eines von {choices} wählen",
        "error.medium": "{value} ist kein Medium: bitte eines von {choices} wählen",
        "error.title": "Fehler {status}",
        "error.back": "Zurück zur Übersicht",
        "nav.skip": "Zum Inhalt springen",
        "nav.main": "Hauptmenü",
        "nav.overview": "Übersicht",
        "nav.search": "Suche",
        "nav.speakers": "Sprecher",
        "nav.clusters": "Zitat-Spuren",
        "nav.analyze": "Analysieren",
        "cluster.trace": "Über die Medien verfolgen",
        "cluster.trace_short": "verfolgen",
        "nav.language": "Sprache",
        "footer.tagline": "wer was zu wem wie gesagt hat",
        "pager.label": "Seiten",
        "pager.previous": "Zurück",
        "pager.next": "Weiter",
        "pager.page": "Seite {page} von {pages}",
        "role.message": "Aussage",
        "role.cue": "Redeeinleitung",
        "role.source": "Quelle",
        "role.addressee": "Adressat",
        "tip.statement": "{id} {role} · Sprecher: {speaker} · Form: {form} · Medium: {medium}",
        "legend.roles": "Wie Aussagen markiert sind",
        "legend.message": "schattiert, in nummerierten Klammern",
        "legend.cue": "fett, durchgehend unterstrichen",
        "legend.source": "doppelt unterstrichen",
        "legend.addressee": "gepunktet unterstrichen, kursiv",
        "legend.heading": "Bezeichnungen",
        "legend.labels": "Was die Bezeichnungen bedeuten",
        "legend.forms": "Form: wie die Worte wiedergegeben sind",
        "legend.media": "Medium: gesprochen, gedacht oder geschrieben",
        "form.Direct": "direkte Rede: wörtlich, in Anführungszeichen („Wir sind bereit“, sagte sie.)",
        "form.Indirect": "indirekte Rede: im Nebensatz, oft im Konjunktiv (Sie sagte, sie sei bereit.)",
        "form.FreeIndirect": "frei indirekt: ohne Redeverb wiedergegeben, etwa mit „soll“ (Der Minister "
        "soll zurücktreten wollen.)",
        "form.IndirectFreeIndirect": "fortgesetzte indirekte Rede: Sätze im Konjunktiv, die eine indirekte "
        "Aussage ohne neues Redeverb weiterführen (… Man sei bereit.)",
        "form.Reported": "Redebericht: ein Sprechakt wird genannt, sein Inhalt nur zusammengefasst (Sie "
        "kritisierte die Reform.)",
        "medium.Speech": "Speech: gesprochen",
        "medium.Thought": "Thought: gedacht, geglaubt, empfunden",
        "medium.Writing": "Writing: geschrieben (Brief, Beitrag, Bericht)",
        "medium.ST": "gesprochen oder gedacht (der Text lässt es offen)",
        "medium.SW": "gesprochen oder geschrieben (der Text lässt es offen)",
        "medium.TW": "gedacht oder geschrieben (der Text lässt es offen)",
        "statement.inside": "in {id}",
        "statement.speaker": "Sprecher",
        "statement.cue": "Redeeinleitung",
        "statement.to": "An",
        "statement.none": "Keine Aussagen gefunden.",
        "reading.text": "Text",
        "reading.statements": "Aussagen ({n})",
        "hit.confidence": "die Sicherheit des Modells",
        "meta.by": "von {author}",
        "meta.dated": "datiert „{date}“",
        "meta.source": "Quelle",
        "type.person": "Person",
        "type.organization": "Organisation",
        "type.government": "Regierung",
        "type.group": "Gruppe",
        "type.anonymous": "anonym",
        "type.unknown": "unbekannt",
        "gender.female": "weiblich",
        "gender.male": "männlich",
        "gender.unknown": "unbekannt",
        "overview.title": "Übersicht",
        "overview.documents": "Dokumente",
        "overview.statements": "Aussagen",
        "overview.speakers": "Sprecher",
        "overview.anonymous": "Anonyme Quellen",
        "overview.forms": "Formen",
        "overview.media": "Medien",
        "overview.gender": "Geschlecht",
        "overview.genders_note": "Personen: jede sprechende Person zählt einmal. Aussagen: jede ihrer "
        "Aussagen zählt einmal (der Anteil an den Stimmen, wie der Gender Gap Tracker Zitate zählt).",
        "chart.months": "Aussagen pro Monat",
        "chart.top_speakers": "Häufigste Sprecher",
        "chart.forms": "Aussagen nach Form",
        "chart.media": "Aussagen nach Medium",
        "chart.genders": "Aussagen von Personen, nach Geschlecht",
        "chart.speaker_genders": "Sprechende Personen, nach Geschlecht",
        "nav.articles": "Artikel",
        "nav.outlets": "Zeitungen und Sender",
        "filters.correct.one": "Bitte das markierte Feld korrigieren.",
        "filters.correct.other": "Bitte die markierten Felder korrigieren.",
        "search.sort.relevance": "beste Treffer zuerst",
        "search.gender": "Geschlecht",
        "search.medium": "Medium (gesprochen, gedacht, geschrieben)",
        "search.month": "Monat",
        "search.month_placeholder": "JJJJ-MM",
        "search.timeline": "Aussagen pro Monat (eine Säule anklicken, um ihren Monat zu sehen)",
        "overview.narrow": "Übersicht eingrenzen",
        "overview.show": "Anzeigen",
        "overview.click_hint": "Eine Säule oder einen Balken anklicken, um die Aussagen dazu zu sehen.",
        "overview.gender_months": "Geschlechteranteile im Zeitverlauf",
        "overview.gender_months_in": "Geschlechteranteile im Zeitverlauf: {outlet}",
        "overview.outlet_hint": "Oben eine Zeitung oder einen Sender wählen, um nur deren Anteile zu sehen.",
        "chart.gender_months": "Geschlechteranteile an den Aussagen von Personen pro Monat",
        "downloads.all": "Alle Aussagen herunterladen",
        "downloads.article": "Die Aussagen dieses Artikels herunterladen",
        "downloads.speaker": "Die Aussagen dieses Sprechers herunterladen",
        "analyze.download": "Die Aussagen herunterladen",
        "speaker.search": "In den Aussagen dieses Sprechers suchen",
        "facets.label": "Facetten",
        "facet.speaker": "Sprecher",
        "facet.type": "Sprechertyp",
        "facet.gender": "Geschlecht (Personen)",
        "facet.outlet": "Zeitung/Sender",
        "facet.author": "Autor",
        "facet.form": "Form",
        "facet.medium": "Medium",
        "facet.month": "Monat",
        "filter.q": "Wörter",
        "filter.speaker": "Sprecher",
        "filter.type": "Sprechertyp",
        "filter.gender": "Geschlecht",
        "filter.outlet": "Zeitung/Sender",
        "filter.author": "Autor",
        "filter.form": "Form",
        "filter.medium": "Medium",
        "filter.month": "Monat",
        "filter.since": "Seit",
        "filter.until": "Bis",
        "filter.min_confidence": "Sicherheit ≥",
        "filter.document": "Artikel",
        "chips.label": "Aktive Filter",
        "chips.remove": "Diesen Filter entfernen",
        "chips.remove_named": "Filter {name}: {value} entfernen",
        "switch.show": "Sprecher zeigen, die nur erwähnt werden („ein Sprecher“, „sie“)",
        "switch.hide": "Sprecher ausblenden, die nur erwähnt werden („ein Sprecher“, „sie“)",
        "syntax.title": "Suchsyntax",
        "syntax.words": "beide Wörter, jeweils als Wortanfang (klima findet „Klimaschutz“)",
        "syntax.phrase": "diese Wörter in dieser Reihenfolge",
        "syntax.or": "eines der beiden Wörter",
        "syntax.not": 'ohne „gipfel“ (auch -"kalter krieg")',
        "syntax.notes": "Groß- und Kleinschreibung und die Schreibung von Umlauten spielen keine Rolle "
        "(„Müller“ = „mueller“). Mit Suchwörtern kommen die besten Treffer zuerst.",
        "articles.title": "Artikel",
        "articles.q": "Wörter in Titel oder Text",
        "articles.speaker": "Zitierter Sprecher",
        "articles.total.one": "{n} Artikel, neueste zuerst.",
        "articles.total.other": "{n} Artikel, neueste zuerst.",
        "articles.article": "Artikel",
        "articles.date": "Datum",
        "articles.none": "Keine passenden Artikel.",
        "sources.outlets": "Zeitungen und Sender",
        "sources.authors": "Autoren",
        "sources.total.outlets.one": "{n} Zeitung oder Sender, nach Zahl der Aussagen.",
        "sources.total.outlets.other": "{n} Zeitungen und Sender, nach Zahl der Aussagen.",
        "sources.total.authors.one": "{n} Autor, nach Zahl der Aussagen.",
        "sources.total.authors.other": "{n} Autoren, nach Zahl der Aussagen.",
        "sources.none": "Noch keine.",
        "source.outlets": "Zeitung/Sender",
        "source.authors": "Autor",
        "source.articles": "Artikel",
        "search.title": "Suche",
        "search.heading": "Aussagen suchen",
        "search.q": "Wörter in der Aussage",
        "search.order": "Reihenfolge",
        "search.sort.newest": "neueste zuerst",
        "search.sort.oldest": "älteste zuerst",
        "search.sort.confidence": "sicherste zuerst",
        "search.submit": "Suchen",
        "search.more": "Weitere Filter",
        "search.more_set": "Weitere Filter ({n} gesetzt)",
        "search.speaker": "Sprecher",
        "search.type": "Sprechertyp",
        "search.form": "Form",
        "search.any": "alle",
        "search.outlet": "Medium (Zeitung, Sender)",
        "search.author": "Autor",
        "search.since": "Seit",
        "search.until": "Bis",
        "search.date_placeholder": "TT.MM.JJJJ",
        "search.confidence": "Sicherheit ≥",
        "search.correct.one": "Bitte das markierte Feld korrigieren und erneut suchen.",
        "search.correct.other": "Bitte die markierten Felder korrigieren und erneut suchen.",
        "search.total": "{n} Aussage(n).",
        "search.download": "Alle herunterladen",
        "search.jsonl": "JSON-Zeilen",
        "search.none": "Keine passenden Aussagen.",
        "speakers.title": "Sprecher",
        "speakers.name": "Name",
        "speakers.find": "Finden",
        "speakers.speaker": "Sprecher",
        "speakers.none": "Keine Sprecher.",
        "speaker.type": "Typ",
        "speaker.gender": "Geschlecht",
        "speaker.roles": "Gesehene Rollen",
        "speaker.statements": "Aussagen",
        "speaker.seen": "Zeitraum",
        "speaker.outlets": "Medien",
        "speaker.review": "Namensvarianten prüfen: Sprecher zusammenführen oder trennen",
        "speaker.over_time": "Aussagen im Zeitverlauf",
        "speaker.co": "Andere Sprecher in denselben Artikeln",
        "speaker.articles.one": "{n} Artikel",
        "speaker.articles.other": "{n} Artikel",
        "speaker.all": "Alle Aussagen",
        "review.title": "Prüfen: {name}",
        "review.back": "Zurück zum Sprecher",
        "review.statements": "{n} Aussage(n)",
        "review.key": "Schlüssel",
        "review.variants": "Namensvarianten, die diesem Sprecher zugerechnet werden",
        "review.name": "Name",
        "review.why": "Warum sie hier zählt",
        "review.articles": "Artikel",
        "review.mentions": "Letzte Erwähnungen",
        "review.link.own": "eigener Schlüssel",
        "review.link.merge": "bei einer Prüfung zusammengeführt",
        "review.link.surname": "gleicher Nachname (automatisch)",
        "review.no_statements": "Keine Aussagen.",
        "review.split": "Eine Variante abtrennen",
        "review.split_legend": "Ihre Aussagen werden ein eigener Sprecher, auch bei späteren Importen",
        "review.note": "Notiz (optional)",
        "review.token": "API-Token",
        "review.split_submit": "Abtrennen",
        "review.nothing_to_split": "Jede Aussage dieses Sprechers hat den eigenen Schlüssel: es gibt keine "
        "Variante zum Abtrennen.",
        "review.merge": "Einen anderen Sprecher hier zusammenführen",
        "review.other": "Sprecher (ID oder Name)",
        "review.merge_submit": "Mit {name} zusammenführen",
        "review.similar": "Sprecher mit ähnlichem Namen",
        "review.done.merge": "Zusammengeführt.",
        "review.done.split": "Abgetrennt.",
        "review.done.nothing": "Sie waren schon ein Sprecher.",
        "analyze.title": "Analysieren",
        "analyze.heading": "Einen Text analysieren",
        "analyze.paste": "Deutschen Nachrichtentext (oder HTML) einfügen",
        "analyze.upload": "…oder eine Datei hochladen (.txt, .html)",
        "analyze.keep": "Behalten?",
        "analyze.store": "Im Archiv speichern",
        "analyze.token": "API-Token (falls der Server eines verlangt)",
        "analyze.submit": "Analysieren",
        "analyze.stored": "Gespeichert: {n} neue(s) Dokument(e)",
        "analyze.open": "öffnen",
        "analyze.result": "Ergebnis: {n} Aussage(n)",
        "docs.machine": "Maschinenlesbar",
        "docs.token": "Schreibende Endpunkte verlangen Authorization: Bearer TOKEN, wenn der Server mit "
        "ZITAT_API_TOKEN läuft.",
        "docs.parameter": "Parameter",
        "docs.in": "In",
        "docs.required": "Pflicht",
        "docs.description": "Beschreibung",
        "docs.yes": "ja",
        "docs.no": "nein",
        "docs.body": "Body: JSON, siehe im Schema:",
        "docs.responses": "Antworten",
        "clusters.title": "Zitat-Spuren",
        "clusters.intro": "Eine Äußerung, die mehrere Artikel wiedergeben: wörtlich, gekürzt oder leicht "
        "umformuliert.",
        "clusters.speaker": "Sprecher",
        "clusters.flag": "Hinweis",
        "clusters.any": "alle",
        "clusters.find": "Finden",
        "clusters.canonical": "Maßgebliche Fassung",
        "clusters.statements": "Aussagen",
        "clusters.outlets": "Medien",
        "clusters.first": "Zuerst",
        "clusters.flags": "Hinweise",
        "clusters.none": "Keine Zitat-Spuren.",
        "clusters.unavailable": "Dieses Archiv hat keine Zitat-Spuren",
        "clusters.not_yet": "Das Archiv hat noch keine Zitat-Spuren: zuerst zitat cluster --db … ausführen",
        "flag.misquote": "mögliches Falschzitat",
        "flag.misattribution": "mögliche falsche Zuschreibung",
        "cluster.title": "Zitat-Spur {id}",
        "cluster.heading.one": "Eine Aussage in {n} Medium",
        "cluster.heading.other": "Eine Aussage in {n} Medien",
        "cluster.counts": "{statements} Aussage(n) in {documents} Dokument(en), {publications} "
        "Veröffentlichung(en)",
        "cluster.first": "Erstes Erscheinen",
        "cluster.undated": "ohne Datum",
        "cluster.unknown_outlet": "unbekanntes Medium",
        "cluster.unknown_speaker": "unbekannt",
        "cluster.credited": "zugeschrieben: {speaker}",
        "cluster.timeline": "Zeitverlauf",
        "cluster.date": "Datum",
        "cluster.publications": "Veröffentlichungen",
        "cluster.outlets": "Medien",
        "cluster.outlet_first": "{outlet}: {n} (zuerst {date})",
        "cluster.speakers": "Zugeschrieben",
        "cluster.names_nobody": "nennt niemanden",
        "cluster.variants": "Fassungen",
        "cluster.against": "Verglichen mit der maßgeblichen Fassung:",
        "cluster.removed": "weggelassen",
        "cluster.added": "hinzugefügt oder geändert",
        "cluster.canonical": "maßgeblich",
        "cluster.statements": "Aussagen",
        "cluster.first_published": "Zuerst veröffentlicht",
        "cluster.speaker": "Sprecher",
        "cluster.form": "Form",
        "cluster.message": "Aussage",
        "cluster.altered": "Wortlaut weicht vom frühesten direkten Zitat ab",
        "cluster.unknown": "Keine Zitat-Spur {id}",
    },
}


MONTH_NAMES = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
}  # fmt: skip
# short names for narrow places (a chart's axis); English's are its names above
MONTH_ABBREVIATIONS = {
    "en": MONTH_NAMES["en"],
    "de": ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"),
}
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def format_number(language: str, value: int) -> str:
    """1,234,567 in English, 1.234.567 in German."""
    text = f"{value:,}"
    return text.replace(",", ".") if language == "de" else text


def format_date(language: str, value: str) -> str:
    """An ISO date (or month, or year) as the language writes it: „7. Dezember 2026“ and „Dezember
    2026“ in German, „7 Dec 2026“ and „Dec 2026“ in English; anything else as it is."""
    found = ISO_DATE.fullmatch(value)
    if found is None or not 1 <= int(found[2] or 1) <= 12:
        return value
    year, month, day = found[1], found[2], found[3]
    if month is None:
        return year
    name = MONTH_NAMES.get(language, MONTH_NAMES[DEFAULT_LANGUAGE])[int(month) - 1]
    if day is None:
        return f"{name} {year}"
    return f"{int(day)}. {name} {year}" if language == "de" else f"{int(day)} {name} {year}"


def format_short_month(language: str, month: str) -> str:
    """A month (``YYYY-MM``) as a chart's axis names it: „Mär 2020“ in German, „Mar 2020“ in English."""
    names = MONTH_ABBREVIATIONS.get(language, MONTH_ABBREVIATIONS[DEFAULT_LANGUAGE])
    return f"{names[int(month[5:7]) - 1]} {month[:4]}"


def translate(language: str, key: str, **params: Any) -> str:
    """The message ``key`` in ``language`` (English when it has none), with ``params`` filled in;
    whole numbers are written the language's way. A key with a count ``n`` may come as ``key.one``
    and ``key.other``."""
    catalogue = MESSAGES.get(language, MESSAGES[DEFAULT_LANGUAGE])
    if key not in MESSAGES[DEFAULT_LANGUAGE] and "n" in params:
        key += ".one" if params["n"] == 1 else ".other"
    text = catalogue.get(key) or MESSAGES[DEFAULT_LANGUAGE][key]
    shown = {name: format_number(language, v) if type(v) is int else v for name, v in params.items()}
    return text.format(**shown)


def accepted_language(header: str) -> str | None:
    """The first of our languages in an Accept-Language header, by quality (``de-AT,de;q=0.9,en;q=0.8``)."""
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, quality = part.strip().partition(";")
        try:
            weight = float(quality.strip().removeprefix("q=")) if quality else 1.0
        except ValueError:
            weight = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and weight > 0:
            ranked.append((-weight, position, primary))
    return min(ranked)[2] if ranked else None


def request_language(request: Request) -> str:
    """``?lang=`` (the switch), else the ``lang`` cookie it set, else the browser's Accept-Language."""
    for chosen in (request.query_params.get("lang"), request.cookies.get(COOKIE)):
        if chosen in LANGUAGES:
            return chosen
    return accepted_language(request.headers.get("accept-language", "")) or DEFAULT_LANGUAGE


def language_url(request: Request, language: str) -> str:
    """This page in ``language``: its address with ``lang`` set (the other parameters kept)."""
    kept = [(name, value) for name, value in request.query_params.multi_items() if name != "lang"]
    return f"{request.url.path}?{urlencode([*kept, ('lang', language)])}"


@pass_context
def template_translate(context: Any, key: str, **params: Any) -> str:
    """``t(key, …)`` in the templates: the message in the language of the page's request."""
    return translate(request_language(context["request"]), key, **params)


@pass_context
def template_number(context: Any, value: Any) -> str:
    """``{{ n | number }}`` in the templates: a count written the page's language's way."""
    if type(value) is not int:
        return "–" if value is None else str(value)
    return format_number(request_language(context["request"]), value)


def format_share(language: str, share: float) -> str:
    """0.123 as „12.3 %“ in English, „12,3 %“ in German."""
    text = f"{share * 100:.1f} %"
    return text.replace(".", ",") if language == "de" else text


def format_value(language: str, value: float) -> str:
    """A count (1,234 / 1.234) or another number (2.5 / 2,5), the language's way."""
    if float(value).is_integer():
        return format_number(language, int(value))
    text = f"{value:g}"
    return text.replace(".", ",") if language == "de" else text


@pass_context
def template_percent(context: Any, share: float | None) -> str:
    """``{{ share | percent }}`` in the templates: a share written the page's language's way."""
    return "–" if share is None else format_share(request_language(context["request"]), share)


@pass_context
def template_date(context: Any, value: str | None) -> str:
    """``{{ date | date }}`` in the templates: an ISO date written the page's language's way."""
    return "–" if not value else format_date(request_language(context["request"]), value)


class LanguageCookieMiddleware:
    """Remembers a language chosen with ``?lang=`` in a cookie, so the switch holds on later pages, and
    tells caches that answers differ by Accept-Language and cookie."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chosen = Request(scope).query_params.get("lang")
        added = [(b"vary", b"Accept-Language, Cookie")]
        if chosen in LANGUAGES:
            cookie = f"{COOKIE}={chosen}; Path=/; Max-Age={COOKIE_SECONDS}; SameSite=Lax"
            added.append((b"set-cookie", cookie.encode()))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *added]
            await send(message)

        await self.app(scope, receive, send_with_headers)
