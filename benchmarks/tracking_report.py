"""The statement-tracking report of docs/tracking.md, from a clustered archive (``zitat cluster``).

    nice .venv/bin/python benchmarks/tracking_report.py ARCHIVE.db [--examples 5] > report.json

Prints one JSON object:
- ``statements``, ``clusters``, ``clusters_of_two_or_more``; ``several_outlets``: clusters (and their
  statements) published by at least two outlets, and how many of them only through occurrences of one
  stored text (agency copy carried verbatim) rather than through several texts;
- ``flows``: clusters published first by a mainstream outlet and later by an alternative one
  (``mainstream_to_alternative``, per alternative outlet) and the reverse, by the first publication date
  of each side (a tie on the day counts as ``same_day``);
- ``altered_quotes``: clusters with a possible misquote, the altered statements by outlet group of the
  earliest and the altered version, how many of them only extend the earliest quote (its words all in
  the later one, in order: the earliest was the shortened one), and examples of the others (document
  ids and at most 12 words of each wording from shortly before the first difference);
- ``misattributions``: clusters credited to two or more named speakers.

No article text is printed beyond those short snippets.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from zitat.store import open_archive
from zitat.store.database import Database
from zitat.tracking.summary import Member, altered_members, chronological
from zitat.tracking.update import members
from zitat.tracking.wording import altered_quote, word_diff

MAINSTREAM = {"sueddeutsche.de", "tagesspiegel.de", "zeit.de"}
ALTERNATIVE = {
    "anonymousnews.ru", "compact-online.de", "contra-magazin.com", "de.rt.com", "freiewelt.net",
    "journalistenwatch.com", "kopp-report.de", "politikstube.com", "pravda-tv.com", "rubikon.news",
}  # fmt: skip
SNIPPET_WORDS = 12


def group(outlet: str | None) -> str:
    if outlet in MAINSTREAM:
        return "mainstream"
    return "alternative" if outlet in ALTERNATIVE else "other"


def first_dates(found: list[Member]) -> dict[str, str]:
    """The first publication date of the cluster in each outlet group."""
    firsts: dict[str, str] = {}
    for member in found:
        for publication in member.publications:
            side = group(publication.outlet)
            if publication.published and (side not in firsts or publication.published < firsts[side]):
                firsts[side] = publication.published
    return firsts


def snippet(earlier: str, later: str) -> dict[str, str]:
    """At most ``SNIPPET_WORDS`` words of each wording, from shortly before their first difference."""
    pieces = word_diff(earlier, later)
    before = 0
    for kind, text in pieces:
        if kind != "same":
            break
        before += len(text.split())
    start = max(0, before - 4)
    return {
        "earlier": " ".join(earlier.split()[start : start + SNIPPET_WORDS]),
        "later": " ".join(later.split()[start : start + SNIPPET_WORDS]),
    }


def outlets_of(member: Member) -> set[str]:
    return {p.outlet or "unknown" for p in member.publications}


def side(member: Member) -> str:
    """The outlet group of a statement's first publication."""
    dated = sorted(member.publications, key=lambda p: (p.published is None, p.published or ""))
    return group(dated[0].outlet) if dated else "other"


def report(db: Database, examples: int) -> dict[str, Any]:
    statements = int(db.value("SELECT count(*) AS n FROM statements"))
    unclustered = int(db.value("SELECT count(*) AS n FROM statements WHERE cluster_id IS NULL"))
    totals = (
        db.row(
            "SELECT count(*) AS clusters, sum(CASE WHEN size >= 2 THEN 1 ELSE 0 END) AS multi, "
            "sum(CASE WHEN outlets >= 2 THEN 1 ELSE 0 END) AS several, "
            "sum(CASE WHEN outlets >= 2 THEN size ELSE 0 END) AS several_statements, "
            "sum(CASE WHEN outlets >= 2 AND documents = 1 THEN 1 ELSE 0 END) AS one_text, "
            "sum(CASE WHEN altered_quotes > 0 THEN 1 ELSE 0 END) AS misquote, "
            "sum(altered_quotes) AS altered, "
            "sum(CASE WHEN named_speakers > 1 THEN 1 ELSE 0 END) AS misattribution FROM clusters"
        )
        or {}
    )
    ids = [int(r["id"]) for r in db.rows("SELECT id FROM clusters WHERE outlets >= 2 OR altered_quotes > 0")]
    found = members(db, ids)
    flows: dict[str, Counter[str]] = {
        "mainstream_to_alternative": Counter(),
        "alternative_to_mainstream": Counter(),
    }
    same_day = 0
    flow_examples: dict[str, list[dict[str, Any]]] = {name: [] for name in flows}
    altered_groups: Counter[str] = Counter()
    longer_versions = 0
    altered_examples: list[dict[str, Any]] = []
    for cluster_id in sorted(found):
        cluster = found[cluster_id]
        firsts = first_dates(cluster)
        if "mainstream" in firsts and "alternative" in firsts:
            if firsts["mainstream"] == firsts["alternative"]:
                same_day += 1
            else:
                direction = (
                    "mainstream_to_alternative"
                    if firsts["mainstream"] < firsts["alternative"]
                    else "alternative_to_mainstream"
                )
                later = "alternative" if direction == "mainstream_to_alternative" else "mainstream"
                carriers = {o for m in cluster for o in outlets_of(m) if group(o) == later}
                flows[direction].update(carriers)
                flows[direction]["clusters"] += 1
                if len(flow_examples[direction]) < examples:
                    first = chronological(cluster)[0]
                    flow_examples[direction].append(
                        {
                            "cluster": cluster_id,
                            "first_document": first.document_id,
                            "first": " ".join((first.message or "").split()[:SNIPPET_WORDS]),
                            "carried_by": sorted(carriers),
                        }
                    )
        altered = altered_members(cluster)
        if altered:
            earliest = chronological(m for m in cluster if m.form == "Direct")[0]
            altered_groups.update(f"{side(earliest)} → {side(member)}" for member in altered)
            changed = [m for m in altered if altered_quote(m.message or "", earliest.message or "")]
            longer_versions += len(altered) - len(changed)
            if changed and len(altered_examples) < examples:
                member = changed[0]
                altered_examples.append(
                    {
                        "cluster": cluster_id,
                        "earliest_document": earliest.document_id,
                        "altered_document": member.document_id,
                        **snippet(earliest.message or "", member.message or ""),
                    }
                )
    return {
        "statements": statements,
        "unclustered": unclustered,
        "clusters": int(totals.get("clusters") or 0),
        "clusters_of_two_or_more": int(totals.get("multi") or 0),
        "several_outlets": {
            "clusters": int(totals.get("several") or 0),
            "statements": int(totals.get("several_statements") or 0),
            "clusters_from_one_text": int(totals.get("one_text") or 0),
        },
        "flows": {
            **{name: dict(counts.most_common()) for name, counts in flows.items()},
            "same_day": same_day,
            "examples": flow_examples,
        },
        "altered_quotes": {
            "clusters": int(totals.get("misquote") or 0),
            "statements": int(totals.get("altered") or 0),
            "longer_versions": longer_versions,
            "by_group": dict(altered_groups.most_common()),
            "examples": altered_examples,
        },
        "misattributions": int(totals.get("misattribution") or 0),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()
    if not args.archive.exists():
        print(f"no archive at {args.archive}", file=sys.stderr)
        return 1
    with open_archive(args.archive) as archive:
        print(json.dumps(report(archive.db, args.examples), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
