"""Smoke training on a few SpkAtt articles, so the training path cannot rot (skips without the data)."""

import argparse
import os
import shutil
from pathlib import Path

import pytest

from zitat.attribution import commands, training
from zitat.attribution.crf import STAGES, CrfExtractor

SHARED_DATA = Path(os.environ.get("ZITAT_SHARED_DATA", Path(__file__).parents[2] / ".." / "shared" / "data"))
TRAIN_DIR = SHARED_DATA / "spkatt-news" / "train"


@pytest.fixture(scope="module")
def few_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not TRAIN_DIR.is_dir():
        pytest.skip(f"SpkAtt training data not found at {TRAIN_DIR} (set ZITAT_SHARED_DATA)")
    folder = tmp_path_factory.mktemp("spkatt")
    for path in sorted(TRAIN_DIR.glob("*.json"))[:6]:
        shutil.copy(path, folder / path.name)
    return folder


def run_train(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    commands.register(parser.add_subparsers())
    args = parser.parse_args(["train", *argv])
    return args.func(args)


def test_train_writes_a_loadable_model(few_articles: Path, tmp_path: Path) -> None:
    assert run_train("--data", str(few_articles), "--out", str(tmp_path), "--iterations", "10") == 0
    assert all((tmp_path / f"{stage}.crfsuite").is_file() for stage in STAGES)
    example = training.load_example(sorted(few_articles.glob("*.json"))[0])
    statements = CrfExtractor(tmp_path).predict(example.article)
    assert all(s.message and s.form for s in statements)


def test_cross_validation_prints_a_table(few_articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_train("--data", str(few_articles), "--cv", "2", "--iterations", "5") == 0
    table = capsys.readouterr().out
    assert "| mean |" in table
    assert table.count("\n| 1 |") + table.count("\n| 2 |") == 2


def test_cross_validation_in_parallel_gives_the_same_scores(
    few_articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_train("--data", str(few_articles), "--cv", "2", "--iterations", "5") == 0
    serial = capsys.readouterr().out
    assert run_train("--data", str(few_articles), "--cv", "2", "--iterations", "5", "--jobs", "2") == 0
    assert capsys.readouterr().out == serial


def test_cross_validation_writes_held_out_predictions_that_score_the_same(
    few_articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zitat.spkatt.scorer import evaluate_dirs

    out = tmp_path / "cv-pred"
    assert (
        run_train("--data", str(few_articles), "--cv", "2", "--iterations", "5", "--predictions", str(out))
        == 0
    )
    assert sorted(p.name for p in out.glob("*.json")) == sorted(p.name for p in few_articles.glob("*.json"))
    report = evaluate_dirs(few_articles, out)
    assert not report.missing_predictions and sum(
        c.gold for c in report.forms.values()
    ) == report.full.pairs - sum(c.spurious for c in report.forms.values())


def test_bad_options_are_refused_before_tagging(few_articles: Path, tmp_path: Path) -> None:
    from zitat.errors import ZitatError

    a_file = tmp_path / "a-file"
    a_file.write_text("")
    with pytest.raises(ZitatError, match="--jobs must be at least 1"):
        run_train("--data", str(few_articles), "--cv", "2", "--jobs", "0")
    with pytest.raises(ZitatError, match="cannot create the folder"):
        run_train("--data", str(few_articles), "--cv", "2", "--predictions", str(a_file))
    with pytest.raises(ZitatError, match="cannot create the folder"):
        run_train("--data", str(few_articles), "--out", str(a_file / "model"))


def test_checksum_depends_on_the_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}")
    first = training.data_checksum([tmp_path / "a.json"])
    (tmp_path / "a.json").write_text("{ }")
    assert training.data_checksum([tmp_path / "a.json"]) != first
