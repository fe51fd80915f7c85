"""The date check as a spec: verdicts, estimates, intervals and evidence for hand-written articles and the seeds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dateline.dating import DEFAULT_DATING, check_cluster, estimate_date
from dateline.records import Article, StatedDate, parse_stated_date

SEEDS = Path(__file__).resolve().parents[3] / ".." / "shared" / "seeds"

RAID = (
    "Officials said Monday that special forces had raided a compound near the river on Sunday, Jan. 8. "
    "The last such raid was in October 2015, and an earlier one failed in May 2015."
)
RATES = (
    "The central bank raised its main rate on Tuesday, March 3, 2015, its first move since June 2014, "
    "the governor said on Tuesday. Markets had expected the move since February 2015."
)
HISTORY = (
    "Speaking on Tuesday, the mayor recalled the flood of March 5, 1946, and the fire of 1952, "
    "which destroyed the old market."
)


def _article(text: str, stated: str | None, aid: str = "a") -> Article:
    return Article(id=aid, text=text, stated_date=parse_stated_date(stated))


def _days(a: str | None, b: date) -> int:
    assert a is not None
    return abs((date.fromisoformat(a) - b).days)


@pytest.mark.parametrize(
    ("text", "stated", "verdict", "near"),
    [
        (RAID, "2015-03-20", "wrong", date(2017, 1, 9)),
        (RATES, "2015-03-03", "consistent", date(2015, 3, 3)),
        (RATES, "2009-07-21", "wrong", date(2015, 3, 3)),
    ],
)
def test_estimate_verdict_and_estimate(text: str, stated: str, verdict: str, near: date) -> None:
    est = estimate_date(_article(text, stated))
    assert est.verdict == verdict
    assert _days(est.estimated_date, near) <= 1


@pytest.mark.parametrize("stated", ["2015-03-03", "2015-03"])
def test_estimate_stated_date_or_month_is_checked_as_given(stated: str) -> None:
    est = estimate_date(_article(RATES, stated))
    assert est.verdict == "consistent"
    assert est.estimated_date is not None and est.estimated_date.startswith("2015-03")


def test_estimate_without_stated_date_is_no_date_but_still_estimates() -> None:
    est = estimate_date(_article(RATES, None))
    assert est.verdict == "no_date"
    assert _days(est.estimated_date, date(2015, 3, 3)) <= 1


@pytest.mark.parametrize("text", ["The cat sat on the mat, the owner said.", "Prices rose sharply, traders said."])
def test_estimate_text_without_dates_is_insufficient_evidence(text: str) -> None:
    est = estimate_date(_article(text, "2015-03-03"))
    assert est.verdict == "insufficient_evidence"
    assert est.estimated_date == "2015-03-03"


def test_estimate_history_dates_do_not_make_a_stated_date_wrong() -> None:
    est = estimate_date(_article(HISTORY, "2015-03-03"))
    assert est.verdict != "wrong"


def test_estimate_wrong_interval_holds_the_estimate_and_evidence_explains() -> None:
    est = estimate_date(_article(RAID, "2015-03-20"))
    lo, hi = est.interval
    assert (lo is None or lo <= est.estimated_date) and (hi is None or est.estimated_date <= hi)
    assert 0.5 <= est.confidence <= 1.0
    by_text = {e.text: e for e in est.evidence}
    assert by_text["October 2015"].implies == "on or after 2015-10-01"
    assert "Sunday" in by_text["Sunday, Jan. 8"].implies
    for e in est.evidence:
        assert RAID[e.start : e.end] == e.text and e.article_id == "a"


def test_estimate_dateline_pins_the_day() -> None:
    text = "BEIRUT, Jan. 9, 2017 (AP) \u2014 The raid took place on Sunday, officials said Monday."
    est = estimate_date(_article(text, "2015-03-20"))
    assert est.verdict == "wrong"
    assert _days(est.estimated_date, date(2017, 1, 9)) <= 1


def test_estimate_copyright_footer_is_ignored() -> None:
    text = RATES + "\nCopyright 2009 The News Agency. All rights reserved."
    est = estimate_date(_article(text, "2015-03-03"))
    assert est.verdict == "consistent"
    assert all("2009" not in e.text for e in est.evidence)


def test_cluster_copies_lend_their_checked_dates() -> None:
    good = _article(RATES, "2015-03-03", "good")
    short = _article("The bank raised its main rate on Tuesday, the governor said.", "2013-08-20", "copy")
    out = check_cluster([good, short])
    assert out["good"].verdict == "consistent"
    assert out["copy"].verdict == "wrong"
    assert _days(out["copy"].estimated_date, date(2015, 3, 3)) <= 1
    assert out["copy"].source == "cluster"
    assert any(e.article_id == "good" and e.kind == "copy" for e in out["copy"].evidence)


def _seed(prefix: str) -> Article:
    from dateline.io.readers import read_single_article

    if not SEEDS.exists():
        pytest.skip("needs ../shared/seeds beside the repo")
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return read_single_article(path)


def test_estimate_seed_000_is_consistent() -> None:
    est = estimate_date(_seed("000"))
    assert est.verdict == "consistent"
    assert est.estimated_date == "2017-01-09"


def test_estimate_seed_001_stated_date_is_not_supported() -> None:
    est = estimate_date(_seed("001"))
    assert est.verdict in ("wrong", "insufficient_evidence")
    texts = {e.text for e in est.evidence}
    assert {"Jan. 8", "October 2015", "May 2015", "Monday", "Sunday"} <= texts
    assert {e.implies for e in est.evidence if e.text == "October 2015"} == {"on or after 2015-10-01"}


def test_cluster_seed_001_is_wrong_and_dated_from_its_story() -> None:
    a, b = _seed("000"), _seed("001")
    out = check_cluster([a, b])
    assert out[a.id].verdict == "consistent"
    assert out[b.id].verdict == "wrong"
    assert _days(out[b.id].estimated_date, date(2017, 1, 9)) <= 1
    lo, hi = out[b.id].interval
    assert (lo is None or lo <= "2017-01-09") and (hi is None or "2017-01-09" <= hi)


def test_estimate_config_is_frozen_and_shipped_defaults_match() -> None:
    from dateline.config import load_config

    assert load_config().dating == DEFAULT_DATING
    with pytest.raises(AttributeError):
        DEFAULT_DATING.wrong_margin = 1.0  # type: ignore[misc]


def test_estimate_month_stated_date_keeps_its_month() -> None:
    assert StatedDate.parse("2015-03").is_month


# a quake report that recalls an older disaster (written for this test)
ANNIVERSARY = (
    "A strong earthquake shook the coast on Wednesday evening. The region was devastated by a quake and tsunami "
    "in 2011. Wednesday's quake came only days after the area marked the 11th anniversary of the disaster in "
    "March 2011."
)


@pytest.mark.parametrize(("stated", "verdicts"), [(None, {"no_date"}), ("2022-03-16", {"consistent"}),
                                                  ("2012-03-14", {"wrong", "insufficient_evidence"})])  # fmt: skip
def test_estimate_anniversary_says_which_year_it_is(stated: str | None, verdicts: set[str]) -> None:
    # the 2011 mentions are the old event the anniversary counts from, not a sign of a 2011-12 publication
    est = estimate_date(_article(ANNIVERSARY, stated))
    assert est.verdict in verdicts
    if stated is None:
        assert est.estimated_date is not None and est.estimated_date.startswith("2022")
        assert any(e.kind == "anniversary" and "2022" in e.implies for e in est.evidence)
        # the anniversary of a March event is marked around March (it was read as mid-June without the month)
        assert "2022-02-15" <= est.estimated_date <= "2022-04-15"


def test_estimate_days_tied_for_the_mode_go_to_the_one_nearest_the_median() -> None:
    # every Sunday of June 2019 fits the URL month and "on Sunday" alike; the first of them (June 2) was picked
    # before, the middle one is nearer any of them on average
    art = Article(id="a", text="A strong earthquake struck the islands on Sunday, officials said.",
                  url="https://example.org/2019/06/quake-strikes")  # fmt: skip
    est = estimate_date(art)
    assert est.estimated_date in ("2019-06-09", "2019-06-16", "2019-06-23")


def test_cluster_undated_copy_lends_the_month_of_its_url() -> None:
    # neither copy has a stated date; one URL names the month, the other text names only a weekday
    a = Article(id="a", text="A powerful earthquake struck early Monday, toppling buildings in the region.")
    b = Article(id="b", text="A powerful earthquake toppled buildings early Monday.",
                url="https://example.com/news/2023/02/earthquake-topples-buildings")  # fmt: skip
    assert estimate_date(a).estimated_date is None
    got = check_cluster([a, b])["a"]
    assert got.estimated_date is not None and got.estimated_date.startswith("2023-02")
    assert any(e.kind == "url" and e.article_id == "b" for e in got.evidence)


def test_cluster_undated_copy_takes_the_day_another_copy_pins() -> None:
    # the other copy's stamp names the day at a copy's low weight; the posterior median drifted years away
    a = Article(id="a", text="Djokovic beat Federer in the Wimbledon final on Sunday. He had also won the title in 2011.")
    b = Article(id="b", text="Published: 6 July 2014\nDjokovic beat Federer in the Wimbledon final on Sunday.")
    assert check_cluster([a, b])["a"].estimated_date == "2014-07-06"


def test_estimate_stated_date_after_the_crawl_day_is_wrong_and_dated_from_the_text() -> None:
    # the crawl was made on 2017-02-01: a page stated 2031-07-20 (a misparsed "20/07/31") cannot be that late
    config = replace(DEFAULT_DATING, latest="2017-02-01")
    est = estimate_date(_article(RAID, "2031-07-20"), config=config)
    assert est.verdict == "wrong" and est.confidence == 1.0
    assert _days(est.estimated_date, date(2017, 1, 9)) <= 1
    assert est.interval[1] is not None and est.interval[1] <= "2017-02-01"
    first = est.evidence[0]
    assert (first.kind, first.start, first.end, first.article_id) == ("latest", None, None, "a")
    assert first.implies.startswith("on or before 2017-02-01")
    # the text's own clues still come with it
    assert any(e.text == "Sunday, Jan. 8" for e in est.evidence)


def test_estimate_stated_date_after_the_crawl_day_without_clues_has_no_estimate() -> None:
    config = replace(DEFAULT_DATING, latest="2017-02-01")
    est = estimate_date(_article("The cat sat on the mat, the owner said.", "2017-03"), config=config)
    assert (est.verdict, est.estimated_date, est.interval) == ("wrong", None, (None, "2017-02-01"))


def test_estimate_stated_date_within_the_tolerance_of_the_crawl_day_is_not_ruled_out() -> None:
    # a page stated a day after the crawl's day (another time zone) is checked as usual
    config = replace(DEFAULT_DATING, latest="2015-03-02")
    est = estimate_date(_article(RATES, "2015-03-03"), config=config)
    assert est.verdict == "consistent"
    assert all(e.kind != "latest" for e in est.evidence)


def test_estimate_never_lies_after_the_crawl_day() -> None:
    # undated, the raid's text allows days well into 2017; crawled on 2017-01-10, none after that day
    free = estimate_date(_article(RAID, None))
    assert free.interval[1] is not None and free.interval[1] > "2017-01-10"
    est = estimate_date(_article(RAID, None), config=replace(DEFAULT_DATING, latest="2017-01-10"))
    assert (est.verdict, est.estimated_date, est.interval[1]) == ("no_date", "2017-01-09", "2017-01-10")
    # a text whose clues all lie after the crawl day gives no estimate at all
    early = estimate_date(_article(RAID, None), config=replace(DEFAULT_DATING, latest="2012-01-10"))
    assert (early.verdict, early.estimated_date) == ("no_date", None)


@pytest.mark.parametrize("bad", ["yesterday", "2017-13-01", "2017-02"])
def test_estimate_latest_must_be_a_day(bad: str) -> None:
    from dateline.errors import ConfigError

    with pytest.raises(ConfigError, match=r"dating\.latest"):
        replace(DEFAULT_DATING, latest=bad)


def test_estimate_a_clock_behind_the_release_day_is_not_believed(monkeypatch) -> None:
    # a container whose clock says 1970 must not take every modern page for a page from the future
    import datetime as dt

    import dateline.dating.config as dating_config

    class Epoch(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return dt.date(1970, 1, 1)

    monkeypatch.setattr(dating_config, "date", Epoch)
    assert dating_config.clock_today() == dating_config.CLOCK_FLOOR
    est = estimate_date(_article(RATES, "2015-03-03"))
    assert est.verdict == "consistent"
