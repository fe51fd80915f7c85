"""Evaluation of the temporal tagger and its TempEval-3 scorer on ../shared/data/tempeval3.

The scorer must reproduce the official TempEval-3 figures for HeidelTime on the training set
(reference/train-scores-official.md) to within 0.5 points. The tagger's own scores on the
training set (where it was developed) and on the held-out platinum set are gated by floors.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dateline.temporal import extract_timexes
from dateline.temporal.scoring import score_docs, score_timeml
from dateline.temporal.timeml import iter_timeml_files, read_timeml, tag_timeml

pytestmark = pytest.mark.eval

TE3 = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "tempeval3"
COLUMNS = ("strict P", "strict R", "strict F1", "relaxed P", "relaxed R", "relaxed F1",
           "type acc", "type F1", "value acc", "value F1")  # fmt: skip


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"needs {path} (the shared TempEval-3 data beside the repo)")
    return path


def _official() -> dict[str, dict[str, float]]:
    table = _need(TE3 / "reference" / "train-scores-official.md").read_text("utf-8")
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 12 and re.fullmatch(r"\d+", cells[1]):
            rows[cells[0]] = {
                "#sys": float(cells[1]),
                **{k: float(v) for k, v in zip(COLUMNS, cells[2:], strict=True)},
            }
    return rows


def _flat(result: dict) -> dict[str, float]:
    return {
        "#sys": result["system"],
        "strict P": result["strict"]["precision"], "strict R": result["strict"]["recall"],
        "strict F1": result["strict"]["f1"], "relaxed P": result["relaxed"]["precision"],
        "relaxed R": result["relaxed"]["recall"], "relaxed F1": result["relaxed"]["f1"],
        "type acc": result["type"]["accuracy"], "type F1": result["type"]["f1"],
        "value acc": result["value"]["accuracy"], "value F1": result["value"]["f1"],
    }  # fmt: skip


@pytest.mark.parametrize("subset", ["TimeBank", "AQUAINT"])
def test_timex_eval_scorer_reproduces_official_heideltime(subset: str) -> None:
    official = _official()[f"HeidelTime+TT {subset}"]
    ours = _flat(
        score_timeml(_need(TE3 / "train" / subset), _need(TE3 / "reference" / "heideltime-train" / subset))
    )
    assert ours["#sys"] == official["#sys"]
    for column in COLUMNS:
        assert abs(ours[column] - official[column]) <= 0.5, (column, ours[column], official[column])


def _score_tagger(folder: Path) -> dict:
    pairs = []
    for path in iter_timeml_files(_need(folder)):
        doc = read_timeml(path)
        pairs.append((doc.timexes, extract_timexes(doc.text, doc.dct)))
    return score_docs(pairs)


@pytest.mark.parametrize(("subset", "relaxed", "value"), [("TimeBank", 92.0, 78.5), ("AQUAINT", 92.5, 75.0)])
def test_timex_eval_train_floor(subset: str, relaxed: float, value: float) -> None:
    result = _score_tagger(TE3 / "train" / subset)
    assert result["relaxed"]["f1"] >= relaxed
    assert result["value"]["f1"] >= value


def test_timex_eval_platinum_roundtrip(tmp_path: Path) -> None:
    """Held out: tag platinum-input through TimeML files and score against platinum (never tuned on)."""
    written = tag_timeml(_need(TE3 / "TEST" / "platinum-input"), tmp_path)
    assert len(written) == 20
    result = score_timeml(_need(TE3 / "TEST" / "platinum"), tmp_path)
    assert result["gold"] == 138
    assert result["missing"] == []
    # measured 91.79 / 82.09 (benchmarks/results/timex_tempeval.md); HeidelTime: 90.71 / 78.07
    assert result["relaxed"]["f1"] >= 91.0
    assert result["value"]["f1"] >= 81.5
