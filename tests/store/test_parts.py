"""Small parts of the archive: text folding, speaker identity, the progress line, URL redaction, stdin."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from zitat.document import Speaker
from zitat.ingest.article import Article
from zitat.ingest.sources import InputSet
from zitat.store.database import redact
from zitat.store.progress import Progress
from zitat.store.records import speaker_row
from zitat.store.search_syntax import Term, parse_query
from zitat.text.folding import fold


def test_fold_spells_out_umlauts_and_drops_accents() -> None:
    assert fold("Müller MÜLLER Straße Öztürk café") == "mueller mueller strasse oeztuerk cafe"
    query = parse_query("„Klima-Schutz“, Bürger!")
    assert query.groups == ((Term(("klima", "schutz")),), (Term(("buerger",)),))


def test_speaker_identity_prefers_resolution_then_id_then_name_then_mention() -> None:
    speaker_key = pytest.importorskip("zitat.speakers").speaker_key
    merkel = {"id": "Q567", "name": "Angela Merkel", "type": "person", "gender": "female"}
    resolved = speaker_row(merkel, "Merkel")
    assert resolved is not None and resolved.gender == "female"
    assert resolved.key == speaker_key(Speaker(name="Angela Merkel", type="person"))
    group = {
        "name": "Merkel und Scholz",
        "type": "group",
        "members": [merkel, {"name": "Olaf Scholz", "type": "person"}],
    }
    assert speaker_row(group, "Merkel und Scholz").key.startswith("group:")  # type: ignore[union-attr]
    # people described but never named („die Ermittler“) stay out of speaker lists, like a bare mention
    described = speaker_row({"id": "e3", "name": "Ermittler", "type": "group"}, "die Ermittler")
    assert described is not None and described.key == "mention:group:ermittler"
    unresolvable = speaker_row({"id": "sp-7", "name": "die Regierung", "type": "unknown"}, "die Regierung")
    assert unresolvable is not None and unresolvable.key == "sp-7"
    # resolution's entity numbers (e0, e1, …) hold within one article only
    local = speaker_row({"id": "e2", "type": "anonymous"}, "ein Sprecher der Regierung")
    assert local is not None and local.key == "mention:anonymous:ein sprecher der regierung"
    named = speaker_row({"name": "Olaf  Scholz", "type": "unknown"}, "Scholz")
    assert named is not None and named.key == "name:olaf scholz"
    anonymous = speaker_row({"type": "anonymous"}, "ein Sprecher")
    assert (
        anonymous is not None
        and anonymous.key == "mention:anonymous:ein sprecher"
        and anonymous.name == "ein Sprecher"
    )
    mention = speaker_row(None, "Die Ministerin")
    assert mention is not None and mention.key == "name:die ministerin" and mention.type == "unknown"
    assert (
        speaker_row(None, "er") is None
        and speaker_row(None, "Sie") is None
        and speaker_row(None, None) is None
    )


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_shows_rate_share_and_eta() -> None:
    stream = FakeTerminal()
    progress = Progress(total_bytes=1000, stream=stream)
    progress.started -= 10  # ten seconds in
    for position in (100, 200, 250):
        progress.update(position)
    line = progress.line(progress.started + 10)
    assert line == "zitat: 3 documents  0.3 docs/s  25%  ETA 0:00:30"
    progress.finish()
    assert stream.getvalue().endswith("\n") and "\r" in stream.getvalue()


def test_progress_without_known_size_has_no_eta() -> None:
    progress = Progress(total_bytes=None, stream=io.StringIO())
    progress.update(0)
    assert "ETA" not in progress.line(progress.started + 1)


def test_passwords_are_redacted_from_urls() -> None:
    assert (
        redact("postgresql://zitat:geheim@db.example:5432/news")
        == "postgresql://zitat:***@db.example:5432/news"
    )
    assert redact("postgresql://zitat@db.example/news") == "postgresql://zitat@db.example/news"


def test_standard_input_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    line = json.dumps(
        {"id": "x", "text": "Der Minister sagte am Montag, die Lage sei ernst und die Zeit knapp."}
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line.encode() + b"\n")))
    inputs = InputSet(["-"])
    assert inputs.total_bytes is None
    [(item, _)] = list(inputs)
    assert isinstance(item, Article) and item.meta.id == "x" and item.source == "<stdin>:1"


def test_empty_folder_is_a_failure(tmp_path: Path) -> None:
    [(failure, _)] = list(InputSet([str(tmp_path)]))
    assert getattr(failure, "reason", "") == "folder contains no files"
