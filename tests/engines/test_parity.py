"""The Spark engine gives the same rows as the local engine on the same input.

The fixture is 200 articles: the Wikinews articles of ../shared/data (CC-BY) plus copies of some of them
made with wire-copy edits (truncation, a new lead, dropped paragraphs), so that stories have several
copies and the cluster-level date check runs.
"""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import pytest

from dateline.config import load_config
from dateline.engines.local import LocalEngine
from dateline.engines.spark import SparkEngine
from dateline.pipeline import run_pipeline

pytestmark = pytest.mark.spark


WIKINEWS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "dated-news" / "wikinews-semeval2015.jsonl"


def _fixture(tmp_path):
    if not WIKINEWS.exists():
        pytest.skip("needs ../shared/data/dated-news/wikinews-semeval2015.jsonl beside the repo")
    src = WIKINEWS
    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(7)
    out = [{"id": r["id"], "date": r["date"], "title": r["title"], "text": r["text"]} for r in rows]
    k = 0
    while len(out) < 200:
        r = rows[rng.randrange(len(rows))]
        paras = [p for p in r["text"].split("\n") if p.strip()] or [r["text"]]
        words = " ".join(paras).split()
        cut = words[: max(40, int(len(words) * rng.uniform(0.5, 0.9)))]
        text = "In a report published on its site, a partner outlet said: " + " ".join(cut)
        shift = rng.choice([0, 0, 1, 400])
        date = r["date"] if shift == 0 else f"{int(r['date'][:4]) + (shift // 365)}{r['date'][4:]}"
        out.append({"id": f"copy-{k}", "date": date, "title": None, "text": text})
        k += 1
    path = tmp_path / "parity.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in out), encoding="utf-8")
    return path


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("neighbours_fire", [False, True], ids=["defaults", "neighbour-clues"])
def test_parity_spark_equals_local(tmp_path, spark, monkeypatch, neighbours_fire):
    data = _fixture(tmp_path)
    config = load_config()
    if neighbours_fire:
        # 200 articles are too few to calibrate the neighbours clue at the defaults; a loose threshold
        # makes it fire, so that the clues computed on the driver reach the Spark groups
        config = dataclasses.replace(
            config, dating=dataclasses.replace(config.dating, neighbour_confirmed=0.0, neighbour_alpha=0.3)
        )
    local = run_pipeline([str(data)], tmp_path / "local", db=str(tmp_path / "local.duckdb"), config=config)
    monkeypatch.setattr("dateline.pipeline._engine", lambda name: SparkEngine(session=spark))
    remote = run_pipeline([str(data)], tmp_path / "spark", db=str(tmp_path / "spark.duckdb"), config=config,
                          engine="spark")
    assert local.accepted == remote.accepted == 200
    a = _rows(tmp_path / "local" / "articles.jsonl")
    b = _rows(tmp_path / "spark" / "articles.jsonl")
    for x in a + b:
        x["origin"]["file"] = x["origin"]["file"].rsplit("/", 1)[-1]
    assert a == b
    sa = sorted(_rows(tmp_path / "local" / "stories.jsonl"), key=lambda s: s["story_id"])
    sb = sorted(_rows(tmp_path / "spark" / "stories.jsonl"), key=lambda s: s["story_id"])
    assert sa == sb
    assert any(len(s["article_ids"]) > 1 for s in sa), "the fixture should hold multi-copy stories"
    fired = any(e["kind"] == "neighbours" for x in a for e in x["evidence"] or ())
    assert fired == neighbours_fire
    assert LocalEngine.name == "local" and SparkEngine.name == "spark"
