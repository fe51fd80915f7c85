"""The main job end to end: outputs, counts, incremental runs and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.io.writers import ARTICLE_FIELDS, REJECT_FIELDS, STORY_FIELDS
from dateline.pipeline import run_pipeline

RAID = (
    "Members of an elite force carried out a ground raid near the river town of Qasr al-Nahr on Sunday, "
    "officials said Monday. The troops landed on helicopters, spent about 90 minutes in the area and left "
    "with captives, according to witnesses quoted by the local monitoring site Nahr Watch. Colonel Amal Idris, "
    "a spokeswoman for the coalition, confirmed the operation near Qasr al-Nahr on March 5 but declined to give "
    "details. The Observatory for Civil Rights said 19 fighters were killed in the raid."
)
QUAKE = (
    "A magnitude 6.1 earthquake struck the hill district of Varanel early on Tuesday, damaging 340 homes and "
    "cutting power to the provincial capital, the national seismology office said. Rescue teams from Porto Lume "
    "reached the worst-hit villages by afternoon. Governor Ilse Maren said two people were hurt."
)


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_pipeline_writes_every_output_with_all_fields(tmp_path):
    data = _jsonl(tmp_path / "in.jsonl", [
        {"id": "raid-1", "date": "2023-03-06", "text": RAID, "title": "Raid near Qasr al-Nahr"},
        {"id": "quake-1", "date": "2023-03-07", "text": QUAKE},
        {"id": "bad", "date": "2023-02-30", "text": "impossible"},
        {"id": "empty", "text": ""},
    ])
    summary = run_pipeline([str(data)], tmp_path / "out", db=str(tmp_path / "s.duckdb"))
    assert (summary.read, summary.accepted, summary.rejected) == (4, 2, 2)
    assert summary.rejects_by_reason == {"impossible_date": 1, "empty_text": 1}
    out = tmp_path / "out"
    articles = _read(out / "articles.jsonl")
    assert [a["id"] for a in articles] == ["raid-1", "quake-1"]
    assert all(list(a) == list(ARTICLE_FIELDS) for a in articles)
    assert articles[0]["origin"] == {"file": str(data), "line": 1}
    assert articles[0]["date_verdict"] in {"consistent", "wrong", "insufficient_evidence"}
    assert articles[0]["story_id"] != articles[1]["story_id"]
    rejects = _read(out / "rejects.jsonl")
    assert [(r["line"], r["reason"]) for r in rejects] == [(3, "impossible_date"), (4, "empty_text")]
    assert all(list(r) == list(REJECT_FIELDS) for r in rejects)
    stories = _read(out / "stories.jsonl")
    assert all(list(s) == list(STORY_FIELDS) for s in stories)
    assert {s["story_id"] for s in stories} == {a["story_id"] for a in articles}
    assert pq.read_table(out / "articles.parquet").num_rows == 2
    assert pq.read_table(out / "rejects.parquet").num_rows == 2
    assert pq.read_table(out / "stories.parquet").num_rows == len(stories)


def test_pipeline_incremental_batch_joins_stored_story(tmp_path):
    db = str(tmp_path / "s.duckdb")
    first = _jsonl(tmp_path / "a.jsonl", [{"id": "raid-1", "date": "2023-03-06", "text": RAID},
                                          {"id": "quake-1", "date": "2023-03-07", "text": QUAKE}])
    run_pipeline([str(first)], tmp_path / "out1", db=db)
    story = {a["id"]: a["story_id"] for a in _read(tmp_path / "out1" / "articles.jsonl")}
    copy = RAID.replace("Members of an elite force", "An elite unit's members") + " The coalition gave no more details."
    second = _jsonl(tmp_path / "b.jsonl", [{"id": "raid-2", "date": "2021-08-01", "text": copy}])
    summary = run_pipeline([str(second)], tmp_path / "out2", db=db)
    (row,) = _read(tmp_path / "out2" / "articles.jsonl")
    assert summary.new_articles == 1 and summary.stored_articles == 3
    assert row["story_id"] == story["raid-1"]  # stable id of the stored story
    (s,) = _read(tmp_path / "out2" / "stories.jsonl")
    assert s["article_ids"] == ["raid-1", "raid-2"]


def test_pipeline_rerun_adds_nothing_and_gives_same_output(tmp_path):
    db = str(tmp_path / "s.duckdb")
    data = _jsonl(tmp_path / "a.jsonl", [{"id": "raid-1", "date": "2023-03-06", "text": RAID},
                                         {"id": "quake-1", "date": "2023-03-07", "text": QUAKE}])
    run_pipeline([str(data)], tmp_path / "out", db=db)
    before = (tmp_path / "out" / "articles.jsonl").read_text()
    again = run_pipeline([str(data)], tmp_path / "out", db=db)
    assert again.new_articles == 0 and again.stored_articles == 2
    assert (tmp_path / "out" / "articles.jsonl").read_text() == before


def test_pipeline_cli_run_and_strict(tmp_path):
    data = _jsonl(tmp_path / "in.jsonl", [{"id": "q", "date": "2023-03-07", "text": QUAKE},
                                          {"id": "bad", "date": "2023-13-01", "text": QUAKE}])
    runner = CliRunner()
    ok = runner.invoke(cli, ["run", str(data), "--out", str(tmp_path / "o"), "--db", str(tmp_path / "s.duckdb"),
                             "--json", "--quiet"])
    assert ok.exit_code == 0, ok.output
    summary = json.loads(ok.output)
    assert summary["accepted"] + summary["rejected"] == summary["read"] == 2
    strict = runner.invoke(cli, ["run", str(data), "--out", str(tmp_path / "o2"), "--db",
                                 str(tmp_path / "s2.duckdb"), "--strict", "--quiet"])
    assert strict.exit_code == 1
    assert f"{data}:2: impossible_date" in strict.output and "YYYY-MM-DD" in strict.output
    assert not (tmp_path / "o2").exists()


@pytest.mark.parametrize("column", ["body"])
def test_pipeline_cli_summary_says_how_to_fix_each_kind_of_reject(tmp_path, column):
    data = tmp_path / "in.csv"
    data.write_text(f'id,{column}\n1,"{QUAKE}"\n', encoding="utf-8")
    out = tmp_path / "o"
    res = CliRunner().invoke(cli, ["run", str(data), "--out", str(out), "--db", str(tmp_path / "s.duckdb")])
    assert res.exit_code == 0, res.output
    said = " ".join(res.stderr.split())  # the console wraps long lines
    assert "1 rejected as empty_text" in said and "--field text=COLUMN" in said
    assert f"with file and line: {out / 'rejects.jsonl'}" in said


@pytest.mark.parametrize("bad", ["date", "=x", "date="])
def test_pipeline_cli_field_needs_key_and_column(tmp_path, bad):
    data = _jsonl(tmp_path / "in.jsonl", [{"text": QUAKE}])
    result = CliRunner().invoke(cli, ["run", str(data), "--out", str(tmp_path / "o"), "--field", bad])
    assert result.exit_code == 2 and "FIELD=COLUMN" in result.output


def test_pipeline_flags_a_stated_date_after_the_crawl_day(tmp_path):
    from dateline.config import load_config

    data = _jsonl(tmp_path / "in.jsonl", [
        {"id": "raid-1", "date": "2023-03-06", "text": RAID},
        {"id": "raid-2", "date": "2031-03-06", "text": RAID},  # a misparsed day, after the crawl
        {"id": "quake-1", "date": "2023-03-09", "text": QUAKE},
    ])  # fmt: skip
    config = load_config(dating={"latest": "2023-03-08"})
    run_pipeline([str(data)], tmp_path / "out", db=str(tmp_path / "s.duckdb"), config=config)
    by_id = {a["id"]: a for a in _read(tmp_path / "out" / "articles.jsonl")}
    late = by_id["raid-2"]
    assert late["date_verdict"] == "wrong" and late["date_confidence"] == 1.0
    assert late["evidence"][0]["kind"] == "latest"
    assert late["estimated_date"] is not None and late["estimated_date"] <= "2023-03-08"
    assert late["date_interval"][1] is not None and late["date_interval"][1] <= "2023-03-08"
    # a day after the crawl's day is within the tolerance of time zones and late stamps
    assert all(e["kind"] != "latest" for e in by_id["quake-1"]["evidence"])
    assert by_id["raid-1"]["date_verdict"] != "wrong"


def test_pipeline_without_a_crawl_day_uses_the_day_of_the_run(tmp_path):
    data = _jsonl(tmp_path / "in.jsonl", [{"id": "far", "date": "2999-01-01", "text": QUAKE}])
    run_pipeline([str(data)], tmp_path / "out", db=str(tmp_path / "s.duckdb"))
    (far,) = _read(tmp_path / "out" / "articles.jsonl")
    assert far["date_verdict"] == "wrong" and far["evidence"][0]["kind"] == "latest"
