"""One local Spark session for all Spark tests, and hand-made German articles built from templates."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

SPEAKERS = (
    "Finanzministerin Anna Berger",
    "Oppositionsführer Karl Huber",
    "Bürgermeisterin Petra Lange",
    "der Sprecher der Feuerwehr",
    "Gewerkschaftschef Jonas Weber",
    "die Umweltministerin",
    "Verbandspräsident Klaus Richter",
    "die Polizei",
)
QUOTES = (
    "Wir werden die Schulden nicht erhöhen",
    "Das ist ein guter Tag für die Stadt",
    "Die Lage bleibt angespannt",
    "Wir brauchen mehr Geld für die Schulen",
    "Niemand wurde verletzt",
    "Die Verhandlungen sind gescheitert",
    "Wir lassen die Menschen nicht allein",
)
CLAUSES = (
    "die Regierung habe keinen Plan für die Zukunft",
    "man rechne mit weniger Aufträgen",
    "die Preise seien im Mai deutlich gestiegen",
    "das Hochwasser habe viele Keller überflutet",
    "der Streik werde bis Freitag dauern",
    "die Reform komme zu spät",
)
VERBS = ("erklärte", "betonte", "sagte", "kritisierte")
TOPICS = ("Haushalt", "Hochwasser", "Streik", "Stadtrat", "Energiepreise", "Schulen")
OUTLETS = ("Tagesblatt", "Rundschau", None)
FILLERS = (
    "Die Gespräche sollen am Freitag fortgesetzt werden.",
    "Am Abend kamen mehr als tausend Menschen auf den Marktplatz.",
    "Der Bericht liegt der Zeitung vor.",
)


def pick(options: tuple[Any, ...], index: int) -> Any:
    return options[index % len(options)]


def german_article(i: int) -> dict[str, Any]:
    """Article ``i``: direct and indirect speech, ``laut``, a statement-free filler, varied by ``i``."""
    topic, speaker, other = pick(TOPICS, i), pick(SPEAKERS, i), pick(SPEAKERS, i + 3)
    paragraphs = [
        f"Neues im Streit um {topic}",
        f"„{pick(QUOTES, i)}“, sagte {speaker} am Montag. {pick(FILLERS, i)}",
        f"{other[0].upper() + other[1:]} {pick(VERBS, i)}, {pick(CLAUSES, i)}. "
        f"Laut {pick(SPEAKERS, i + 5)} stiegen die Kosten um {i + 2} Prozent.",
    ]
    if i % 3 == 0:
        paragraphs.append(f"„{pick(QUOTES, i + 2)}“, fügte {speaker} hinzu. {pick(FILLERS, i + 1)}")
    article: dict[str, Any] = {"text": "\n\n".join(paragraphs), "title": f"{topic} {i}"}
    if i % 4:  # every fourth article has no id, so the reader's default id (file stem and line) is tested
        article["id"] = f"artikel-{i}"
    if outlet := pick(OUTLETS, i):
        article["outlet"] = outlet
        article["published"] = f"2024-05-{i % 28 + 1:02d}"
    return article


@pytest.fixture(scope="session")
def german_articles() -> list[dict[str, Any]]:
    return [german_article(i) for i in range(60)]


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A ``local[2,…]`` session shared by all tests (starting one takes seconds); tasks are retried as
    in a default local run."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        pytest.skip("Spark needs Java 17+ (Debian: apt-get install openjdk-17-jre-headless)")
    from zitat.spark.job import LOCAL_TASK_ATTEMPTS, create_session

    session = create_session(
        f"local[2,{LOCAL_TASK_ATTEMPTS}]",
        app_name="zitat-tests",
        config={
            "spark.ui.enabled": "false",
            "spark.sql.shuffle.partitions": "2",
            "spark.default.parallelism": "2",
            "spark.ui.showConsoleProgress": "false",
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
