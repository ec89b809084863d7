"""PySpark's worker daemon with zitat's pipeline loaded first: the model once per executor, not per worker.

PySpark forks every Python worker from one daemon process per executor. Run as that daemon
(``spark.python.daemon.module=zitat.spark.daemon``), this module imports zitat, loads the pipeline
(``pipeline.load`` caches it) and runs it once on a short text, so that every worker forked from it
starts with the model in memory (shared copy-on-write) instead of importing spaCy and reading the
model files itself. ``ZITAT_SPARK_MODEL`` names the model to load (default: the package's default;
``none`` loads nothing). If loading fails the daemon still starts: the workers then load the model
themselves, as without this module.
"""

from __future__ import annotations

import os
import sys

MODEL_VARIABLE = "ZITAT_SPARK_MODEL"  # set by zitat.spark.job.run_extract to the job's model
WARM_UP_TEXT = (
    "„Wir prüfen die Vorschläge“, sagte die Ministerin am Montag in Berlin. "
    "Der Sprecher erklärte, man werde die Antworten abwarten."
)


def preload(model: str) -> None:
    from zitat.pipeline import load

    load(model)(WARM_UP_TEXT)


def main() -> None:
    from pyspark import daemon

    model = os.environ.get(MODEL_VARIABLE, "")
    if model.lower() != "none":
        try:
            from zitat.attribution.registry import DEFAULT_MODEL

            preload(model or DEFAULT_MODEL)
        except Exception as exc:  # the workers load it themselves; the job must not fail here
            print(f"zitat.spark.daemon: model not preloaded ({type(exc).__name__}: {exc})", file=sys.stderr)
    daemon.manager()


if __name__ == "__main__":
    main()
