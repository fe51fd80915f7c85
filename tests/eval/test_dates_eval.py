"""Gate for date checking on development data (../shared/data/dated-news, never TEST/).

Correctly dated articles get half of their stated dates moved (``dateline eval dates``), in two modes: ``solo``
(a seeded sample, each article checked on its own text: the text evidence alone; ``baseline_dates.json``) and
``cluster`` (whole files, grouped into stories and each story's copies checked together, as ``dateline run``
does; ``baseline_dates_cluster.json``). The metrics must stay at or above the floors (at or below the ceilings)
pinned in each baseline, within ``EPSILON``. The baseline also pins a SHA-256 of each data file: a changed corpus is refused until the
baseline is re-pinned.

Re-pin (after an intended improvement, giving the reason in the commit):

    DATELINE_REPIN=1 pytest tests/eval/test_dates_eval.py

A re-pin never lowers a floor (or raises a ceiling) unless ``DATELINE_ALLOW_REGRESSION=1`` is set too.
Each pinned bound leaves room for one article's worth of change (1/n of the count it is a share of), because
the temporal tagger it builds on is developed alongside; anything beyond that fails.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from dateline.dating.evaluate import evaluate_dates

pytestmark = pytest.mark.eval

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / ".." / "shared" / "data" / "dated-news"
BASELINE = HERE / "baseline_dates.json"
BASELINE_CLUSTER = HERE / "baseline_dates_cluster.json"
EPSILON = 0.0005
FILES = ("wikinews-semeval2015.jsonl", "tbaq-gold.jsonl", "reuters21578.jsonl")
SAMPLE = 500  # per file: keeps the gate near half a minute on 2 cores
# mode -> (baseline file, articles per file or None for all, copies of a story checked together)
MODES = {
    "solo": (BASELINE, SAMPLE, False),
    # whole files, so that the copies of a story stay together (about two minutes on 2 cores)
    "cluster": (BASELINE_CLUSTER, None, True),
}
SEED = 11
FRACTION = 0.5
# metric path -> "floor" (higher is better) or "ceiling" (lower is better)
GATED = {
    "false_flag_rate": "ceiling",
    "detection.precision": "floor",
    "detection.by_bucket.31-364.recall": "floor",
    "detection.by_bucket.365-3650.recall": "floor",
    "interval_coverage_flagged": "floor",
    "estimate_accuracy_flagged.same_year": "floor",
}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _get(report: dict, dotted: str) -> float:
    cur = report
    for part in dotted.split("."):
        cur = cur[part]
    return float(cur or 0.0)


@pytest.fixture(scope="module", params=list(MODES))
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def report(mode: str) -> dict:
    paths = [DATA / f for f in FILES]
    missing = [p for p in paths if not p.exists()]
    if missing:
        pytest.skip(f"needs {missing[0].name} in ../shared/data/dated-news beside the repo")
    _, sample, cluster = MODES[mode]
    return evaluate_dates(paths, seed=SEED, fraction=FRACTION, sample=sample, cluster=cluster)


def _count(report: dict, dotted: str) -> int:
    """How many articles the metric at ``dotted`` is a share of."""
    if dotted == "false_flag_rate":
        return int(report["n_untouched"])
    if dotted.startswith("detection.by_bucket."):
        return int(report["detection"]["by_bucket"][dotted.split(".")[2]]["n"])
    flagged = sum(
        round((b["recall"] or 0) * b["n"]) for b in report["detection"]["by_bucket"].values()
    )
    return max(flagged, 1)


def _repin(report: dict, old: dict | None, mode: str) -> None:
    allow = os.environ.get("DATELINE_ALLOW_REGRESSION") == "1"
    bounds = {}
    for key, kind in GATED.items():
        n = _count(report, key)
        slack = 1.0 / n if n else 0.0
        got = _get(report, key)
        new = round(max(got - slack, 0.0) if kind == "floor" else min(got + slack, 1.0), 4)
        if old and not allow and key in old["bounds"]:
            prev = old["bounds"][key]["value"]
            new = max(new, prev) if kind == "floor" else min(new, prev)
        bounds[key] = {"kind": kind, "value": new}
    baseline, sample, _ = MODES[mode]
    baseline.write_text(
        json.dumps(
            {
                "command": "DATELINE_REPIN=1 pytest tests/eval/test_dates_eval.py",
                "mode": mode,
                "sample_per_file": sample,
                "seed": SEED,
                "fraction": FRACTION,
                "sha256": {f: _sha256(DATA / f) for f in FILES},
                "bounds": bounds,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


def test_dates_eval_gate(report: dict, mode: str) -> None:
    baseline, sample, _ = MODES[mode]
    old = json.loads(baseline.read_text("utf-8")) if baseline.exists() else None
    if os.environ.get("DATELINE_REPIN") == "1" or old is None:
        _repin(report, old, mode)
        old = json.loads(baseline.read_text("utf-8"))
    for f in FILES:
        assert _sha256(DATA / f) == old["sha256"][f], (
            f"{f} changed since the baseline was pinned; check the data, then re-pin with DATELINE_REPIN=1"
        )
    assert (old["sample_per_file"], old["seed"], old["fraction"]) == (sample, SEED, FRACTION)
    failures = []
    for key, bound in old["bounds"].items():
        got = _get(report, key)
        if bound["kind"] == "floor" and got < bound["value"] - EPSILON:
            failures.append(f"{key}: {got:.4f} < floor {bound['value']:.4f}")
        if bound["kind"] == "ceiling" and got > bound["value"] + EPSILON:
            failures.append(f"{key}: {got:.4f} > ceiling {bound['value']:.4f}")
    assert not failures, "date checking regressed: " + "; ".join(failures)


def test_dates_eval_false_flags_stay_at_most_one_percent(report: dict) -> None:
    assert report["false_flag_rate"] <= 0.01
