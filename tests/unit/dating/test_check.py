"""``dateline check``, ``check_article``, the Arrow/iterator adapters and ``dateline eval dates``."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest
from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.dating import (
    ASSIGNS,
    REQUIRES,
    check_article,
    date_estimates_batch,
    estimate_date,
    iter_date_estimates,
)
from dateline.dating.evaluate import BUCKETS, evaluate_dates, make_cases, score_cases
from dateline.io.base import split_dated_text
from dateline.records import Article, DateEstimate, parse_stated_date

RATES = (
    "The central bank raised its main rate on Tuesday, March 3, 2015, its first move since June 2014, "
    "the governor said on Tuesday. Markets had expected the move since February 2015."
)
CONTRACT_FIELDS = {"date_verdict", "estimated_date", "date_interval", "date_confidence", "evidence"}


@pytest.mark.parametrize(
    ("header", "flag", "verdict", "stated"),
    [
        (" date 2015-03-03 \u2013 ", [], "consistent", "2015-03-03"),
        (" date 2009-07-21 \u2013 ", [], "wrong", "2009-07-21"),
        (" date 2009-07-21 \u2013 ", ["--date", "2015-03-03"], "consistent", "2015-03-03"),  # --date wins
        ("", [], "no_date", None),
    ],
)
def test_check_cli_json(tmp_path: Path, header: str, flag: list[str], verdict: str, stated: str | None) -> None:
    f = tmp_path / "a.txt"
    f.write_text(header + RATES, encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", str(f), "--json", *flag])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert CONTRACT_FIELDS <= set(out)
    assert out["date_verdict"] == verdict
    assert out["stated_date"] == stated
    for e in out["evidence"]:
        assert set(e) == {"kind", "text", "start", "end", "article_id", "implies", "weight"}


def test_check_cli_words_and_stdin() -> None:
    res = CliRunner().invoke(cli, ["check", "-", "--date", "2009-07-21"], input=RATES)
    assert res.exit_code == 0, res.output
    assert "WRONG" in res.output and "estimated date: 2015-03-0" in res.output


def test_check_cli_bad_date_is_exit_1(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(RATES, encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", str(f), "--date", "2015-02-30"])
    assert res.exit_code == 1


def test_check_cli_missing_db_checks_alone(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(" date 2015-03-03 " + RATES, encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", str(f), "--db", str(tmp_path / "none.duckdb"), "--json"])
    assert res.exit_code == 0, res.output
    assert not (tmp_path / "none.duckdb").exists()  # never creates a store
    assert json.loads(res.output)["matches"] == []


def test_check_article_to_json_matches_contract() -> None:
    res = check_article(Article(id="x", text=RATES, stated_date=parse_stated_date("2015-03-03")))
    j = res.to_json()
    assert j["id"] == "x" and j["date_verdict"] == "consistent"
    assert isinstance(j["date_interval"], list) and len(j["date_interval"]) == 2
    json.dumps(j)


def test_check_adapters_agree() -> None:
    arts = [Article(id=str(i), text=RATES, stated_date=parse_stated_date(d)) for i, d in enumerate(["2015-03-03", "2009-07-21"])]
    streamed = dict(iter_date_estimates(arts))
    batch = pa.RecordBatch.from_pylist(
        [{"id": a.id, "stated_date": a.stated_date.iso(), "text": a.text} for a in arts if a.stated_date]
    )
    out = date_estimates_batch(batch).to_pylist()
    assert [r["date_verdict"] for r in out] == [streamed["0"].verdict, streamed["1"].verdict] == ["consistent", "wrong"]
    assert set(REQUIRES) == {"id", "stated_date", "text"} and set(ASSIGNS) <= CONTRACT_FIELDS | {"evidence"}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_evaluate_shifts_follow_the_buckets(seed: int) -> None:
    recs = [{"id": str(i), "date": "2010-06-15", "text": "x", "title": None} for i in range(600)]
    cases = make_cases(recs, seed=seed, fraction=0.5)
    shifted = [c for c in cases if c.bucket is not None]
    assert 240 < len(shifted) < 360
    for c in shifted:
        lo, hi = next((lo, hi) for name, lo, hi in BUCKETS if name == c.bucket)
        assert lo <= abs(c.shift) <= hi
        assert (c.article.stated_date.iso() != "2010-06-15") and c.article.title is None
    assert {c.shift > 0 for c in shifted} == {True, False}
    assert {c.bucket for c in shifted} == {b for b, _, _ in BUCKETS}


def test_evaluate_scores_abstentions_as_misses_not_false_flags() -> None:
    recs = [{"id": str(i), "date": "2010-06-15", "text": "x", "title": None} for i in range(40)]
    cases = make_cases(recs, seed=3, fraction=0.5)
    results = [DateEstimate(verdict="insufficient_evidence") for _ in cases]
    rep = score_cases(cases, results)
    assert rep["detection"]["recall"] == 0.0
    assert rep["false_flag_rate"] == 0.0
    assert rep["abstention_rate"] == 1.0


def test_evaluate_cli_json(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    rows = [{"id": f"r{i}", "date": "2015-03-03", "text": RATES, "title": None, "timexes": ["answer"]} for i in range(20)]
    data.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    res = CliRunner().invoke(cli, ["eval", "dates", "--data", str(data), "--seed", "1", "--fraction", "0.5"])
    assert res.exit_code == 0, res.output
    rep = json.loads(res.output)
    assert rep["n_articles"] == 20
    assert rep["false_flag_rate"] == 0.0
    assert set(rep["detection"]["by_bucket"]) == {b for b, _, _ in BUCKETS}


def _seed_files() -> list[Path]:
    """The two seed records of ../shared/seeds (the test is skipped without them)."""
    seeds = Path(__file__).resolve().parents[3] / ".." / "shared" / "seeds"
    if not seeds.exists():
        pytest.skip("needs ../shared/seeds beside the repo")
    return sorted(seeds.glob("*.txt"))


def test_evaluate_cluster_mode_checks_copies_together(tmp_path: Path) -> None:
    texts = [split_dated_text(p.read_text("utf-8"))[1] for p in _seed_files()]
    # both seed texts at the first one's (correct) date; find a seed that moves only the second by a year or
    # more, to a date its own text can neither confirm nor refute
    recs = [{"id": f"s{i}", "date": "2017-01-09", "text": t, "title": None} for i, t in enumerate(texts)]

    def text_alone_misses(s: int) -> bool:
        first, second = make_cases(recs, seed=s, fraction=0.5)
        return (
            first.shift == 0 and abs(second.shift) >= 365 and estimate_date(second.article).verdict == "insufficient_evidence"
        )

    seed = next(s for s in range(500) if text_alone_misses(s))
    data = tmp_path / "seeds.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    solo = evaluate_dates([data], seed=seed, fraction=0.5, cluster=False)
    together = evaluate_dates([data], seed=seed, fraction=0.5)
    assert (solo["mode"], together["mode"]) == ("solo", "cluster")
    assert solo["detection"]["by_bucket"]["365-3650"]["recall"] == 0.0
    assert together["detection"]["by_bucket"]["365-3650"]["recall"] == 1.0
    assert together["false_flag_rate"] == 0.0
    assert together["estimate_accuracy_flagged"]["within_1"] == 1.0


def test_evaluate_one_crawl_groups_copies_across_files(tmp_path: Path) -> None:
    texts = [split_dated_text(p.read_text("utf-8"))[1] for p in _seed_files()]
    recs = [{"id": f"s{i}", "date": "2017-01-09", "text": t, "title": None} for i, t in enumerate(texts)]
    # each copy in a file of its own (the second after an unrelated article, as the shifts are seeded per file):
    # per file there is no other copy; as one crawl there is
    files = [[recs[0]], [{"id": "pad", "date": "2015-03-03", "text": RATES, "title": None}, recs[1]]]

    def moves_second_only(s: int) -> bool:
        (first,), (pad, second) = (make_cases(f, seed=s, fraction=0.5) for f in files)
        alone = estimate_date(second.article).verdict
        return first.shift == pad.shift == 0 and abs(second.shift) >= 365 and alone == "insufficient_evidence"

    seed = next(s for s in range(500) if moves_second_only(s))
    paths = []
    for i, rows in enumerate(files):
        paths.append(tmp_path / f"f{i}.jsonl")
        paths[-1].write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    apart = evaluate_dates(paths, seed=seed, fraction=0.5)
    together = evaluate_dates(paths, seed=seed, fraction=0.5, one_crawl=True)
    assert (apart["mode"], together["mode"]) == ("cluster", "one crawl")
    assert apart["detection"]["by_bucket"]["365-3650"]["recall"] == 0.0
    assert together["detection"]["by_bucket"]["365-3650"]["recall"] == 1.0
    assert together["files"]["f1.jsonl"]["detection"]["recall"] == 1.0
    assert together["false_flag_rate"] == 0.0


def test_evaluate_one_crawl_refuses_ids_shared_by_two_files(tmp_path: Path) -> None:
    rec = {"id": "same", "date": "2015-03-03", "text": RATES, "title": None}
    paths = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    for p in paths:
        p.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unique across the files"):
        evaluate_dates(paths, seed=1, one_crawl=True)


@pytest.mark.parametrize("story_links", [None, "rewrites"])
def test_check_cli_uses_the_stored_story_read_only(tmp_path: Path, story_links: str | None) -> None:
    first, second = _seed_files()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / first.name).write_bytes(first.read_bytes())
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    extra = []
    if story_links:  # a store built in another mode is read as it was built, with no --config for check
        (tmp_path / "c.toml").write_text(f'[dedup]\nstory_links = "{story_links}"\n', encoding="utf-8")
        extra = ["--config", str(tmp_path / "c.toml")]
    res = runner.invoke(cli, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--db", str(db), *extra])
    assert res.exit_code == 0, res.output
    before = db.stat().st_mtime_ns
    res = runner.invoke(cli, ["check", str(second), "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["matches"] and out["copies_used"] == [first.name]
    assert out["date_verdict"] == "wrong" and out["estimated_date"] in ("2017-01-08", "2017-01-09", "2017-01-10")
    assert any(e["article_id"] == first.name for e in out["evidence"])
    assert db.stat().st_mtime_ns == before


@pytest.mark.parametrize("stated", ["2015-03-20"])
def test_check_a_pasted_article_already_stored_is_not_its_own_witness(tmp_path: Path, stated: str) -> None:
    # the web UI checks a pasted text under the id "submitted": its stored self (same words, same stated date)
    # must not vouch for its stated date
    from dateline.store import open_store

    first, second = _seed_files()
    db = tmp_path / "s.duckdb"
    res = CliRunner().invoke(cli, ["run", str(first.parent), "--out", str(tmp_path / "out"), "--db", str(db)])
    assert res.exit_code == 0, res.output
    body = split_dated_text(second.read_text(encoding="utf-8"))[1]
    pasted = Article(id="submitted", text=body, stated_date=parse_stated_date(stated))
    with open_store(db, read_only=True) as store:
        result = check_article(pasted, con=store.con)
    assert result.copies == [first.name]
    assert (result.estimate.verdict, result.estimate.estimated_date) == ("wrong", "2017-01-09")


def test_check_cli_url_is_evidence(tmp_path: Path) -> None:
    f = tmp_path / "bridge.txt"
    f.write_text(" date 2017-03-02 - The bridge reopened after repairs, officials said.\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", str(f), "--json", "--url", "https://x.org/2019/06/17/bridge/"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert (out["date_verdict"], out["estimated_date"]) == ("wrong", "2019-06-17")
    (ev,) = [e for e in out["evidence"] if e["kind"] == "url"]
    assert ev["start"] is None and ev["end"] is None
    plain = json.loads(CliRunner().invoke(cli, ["check", str(f), "--json"]).output)
    assert plain["date_verdict"] == "insufficient_evidence"


def test_check_batch_reads_url_column() -> None:
    rows = [{"id": "a", "stated_date": "2017-03-02", "text": "The bridge reopened.", "url": "https://x.org/2019/06/17/b/"},
            {"id": "b", "stated_date": "2017-03-02", "text": "The bridge reopened.", "url": None}]
    out = date_estimates_batch(pa.RecordBatch.from_pylist(rows)).to_pylist()
    assert [r["date_verdict"] for r in out] == ["wrong", "insufficient_evidence"]
    assert out[0]["estimated_date"] == "2019-06-17"


def test_check_article_loads_url_of_stored_copies() -> None:
    from dateline.dating.check import _as_article

    art = _as_article({"id": "c", "text": "t", "stated_date": "2019-06-17", "url": "https://x.org/2019/06/17/",
                       "html_date_signals": '[{"kind": "html_original", "value": "2019-06-17"}]'})
    assert art is not None and art.url == "https://x.org/2019/06/17/"
    assert art.html_date_signals == [{"kind": "html_original", "value": "2019-06-17"}]


def test_evaluate_checks_every_file_against_one_crawl_day(tmp_path: Path, monkeypatch) -> None:
    # an evaluation that runs across midnight must not check its later files against the next day
    import datetime as dt

    import dateline.dating.config as dating_config
    import dateline.dating.evaluate as evaluate

    days = iter(dt.date(2030, 1, 1) + dt.timedelta(days=i) for i in range(100))
    monkeypatch.setattr(dating_config, "clock_today", lambda: next(days))
    seen: list[str] = []
    real = evaluate.check_by_story

    def spy(arts, *, config, **kw):
        seen.append(config.latest)
        return real(arts, config=config, **kw)

    monkeypatch.setattr(evaluate, "check_by_story", spy)
    paths = []
    for name in ("a", "b"):
        paths.append(tmp_path / f"{name}.jsonl")
        rec = {"id": name, "date": "2015-03-03", "text": RATES, "title": None}
        paths[-1].write_text(json.dumps(rec) + "\n", encoding="utf-8")
    evaluate_dates(paths, seed=1)
    assert seen == ["2030-01-01", "2030-01-01"]
