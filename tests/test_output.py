"""The JSON contract written piece by piece for long articles."""

from __future__ import annotations

import io
import json

import zitat
from zitat.output import document_json, write_document_json


def test_a_written_document_reads_back_as_its_contract() -> None:
    doc = zitat.extract(
        "„Wir sind bereit“, sagte Jens Stoltenberg. Er sagte, die Nato sei stark. "
        "„Wir handeln“, betonte Stoltenberg. Die Lage sei ernst, sagte die Sprecherin Anna Berg."
    )
    record = document_json(doc, "fast")
    speakers = [s["speaker"] for s in record["statements"]]
    assert speakers[0] is speakers[1]  # statements of one speaker share one object
    out = io.StringIO()
    write_document_json(record, out)
    assert json.loads(out.getvalue()) == record
    assert out.getvalue().startswith('{\n  "zitat_version"')  # indented, speakers on one line each
