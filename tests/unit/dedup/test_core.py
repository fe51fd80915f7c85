"""group_articles: copies and rewrites join, templated look-alikes and other events stay apart."""

from __future__ import annotations

import re

import dedup_texts as fx
import pytest

from dateline.dedup import DedupConfig, group_articles, make_id
from dateline.records import Article, StatedDate


def _arts(*texts: str, stated: list[str | None] | None = None) -> list[Article]:
    stated = stated or [None] * len(texts)
    return [
        Article(id=f"a{i}", text=t, stated_date=StatedDate.parse(s) if s else None)
        for i, (t, s) in enumerate(zip(texts, stated, strict=True))
    ]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_core_rewrite_joins_the_story(order):
    texts = [fx.FLOOD_AP, fx.FLOOD_REWRITE]
    res = group_articles(_arts(*(texts[i] for i in order), fx.UNRELATED))
    assert res.story_id["a0"] == res.story_id["a1"]
    assert res.story_id["a2"] != res.story_id["a0"]


@pytest.mark.parametrize("days", [(0, 1), (0, 2), (1, 2)])
def test_core_templated_reports_of_different_days_stay_apart(days):
    texts = [fx.MARKET_TEMPLATE.format(**fx.MARKET_DAYS[d]) for d in days]
    res = group_articles(_arts(*texts))
    assert res.story_id["a0"] != res.story_id["a1"]
    assert res.dup_group_id["a0"] != res.dup_group_id["a1"]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_core_independent_report_of_the_same_event_joins(order):
    # another outlet's own report: other words, no shared sentence, the event's rare names in common
    texts = [fx.FLOOD_AP, fx.FLOOD_OTHER_OUTLET]
    res = group_articles(_arts(*(texts[i] for i in order), fx.UNRELATED, fx.QUAKE))
    assert res.story_id["a0"] == res.story_id["a1"]
    assert len({res.story_id[k] for k in ("a0", "a2", "a3")}) == 3
    edge = next(e for e in res.edges if {e.a, e.b} == {"a0", "a1"})
    assert edge.level == "story" and edge.evidence["story_score"] < DedupConfig().story_strong


def _republished(text: str, sites: int) -> list[str]:
    """``text`` as ``sites`` other sites carry it: each with its own navigation line and footer."""
    return [f"Site{k} News | Home | World | Local\n{text}\nCopyright Site{k} News. All rights reserved." for k in range(sites)]


@pytest.mark.parametrize(("copies_once", "joined"), [(True, True), (False, False)])
def test_core_other_outlets_report_joins_a_story_that_many_sites_republished(copies_once, joined):
    # AP's flood report carried by 7 sites, and another outlet's own report: the copies are one look-alike
    # of the other report, not seven that fill its background. Forty other records (another desk's market
    # reports) make a crawl of the batch: in a dozen records, 8 copies would make the flood's names common words.
    texts = [fx.FLOOD_OTHER_OUTLET, fx.FLOOD_AP, *_republished(fx.FLOOD_AP, 7), fx.UNRELATED, fx.QUAKE]
    res = group_articles(_arts(*texts, *(fx.market_day(k) for k in range(40))), config=DedupConfig(copies_once=copies_once))
    assert len({res.story_id[f"a{i}"] for i in range(1, 9)}) == 1, "the copies are one story either way"
    assert (res.story_id["a0"] == res.story_id["a1"]) is joined
    assert len({res.story_id[k] for k in ("a1", "a9", "a10")}) == 3
    assert len({res.story_id[f"a{i}"] for i in range(11, 51)}) == 40, "and the market reports stay apart"


@pytest.mark.parametrize(("mode", "joined"), [("events", True), ("rewrites", False)])
def test_core_rewrites_mode_keeps_other_outlets_reports_apart(mode, joined):
    # AP's report, its rewrite, its copy with site chrome, and another outlet's own report of the flood
    cfg = DedupConfig(story_links=mode)
    texts = [fx.FLOOD_AP, fx.FLOOD_REWRITE, fx.FLOOD_OTHER_OUTLET, fx.QUAKE, fx.QUAKE_COPY_WITH_BOILERPLATE]
    res = group_articles(_arts(*texts), config=cfg)
    assert res.story_id["a0"] == res.story_id["a1"], "a rewrite of one text is one story in both modes"
    assert res.story_id["a3"] == res.story_id["a4"], "so is a copy"
    assert (res.story_id["a2"] == res.story_id["a0"]) is joined
    if mode == "rewrites":
        assert all(e.level == "dup" or e.score >= cfg.story_strong for e in res.edges), "no weak link"


@pytest.mark.parametrize("margin", [1.0])
def test_core_weak_link_must_stand_out_from_its_background(margin):
    res = group_articles(_arts(fx.FLOOD_AP, fx.FLOOD_OTHER_OUTLET, fx.UNRELATED), config=DedupConfig(story_weak_margin=margin))
    assert res.story_id["a0"] != res.story_id["a1"]


@pytest.mark.parametrize("n_days", [4, 10])
def test_core_many_templated_look_alikes_stay_apart(n_days):
    res = group_articles(_arts(*(fx.market_day(k) for k in range(n_days))))
    assert len(set(res.story_id.values())) == n_days


@pytest.mark.parametrize("other", [fx.FLOOD_OTHER_YEAR])
def test_core_same_place_other_event_stays_apart(other):
    res = group_articles(_arts(fx.FLOOD_AP, other))
    assert res.story_id["a0"] != res.story_id["a1"]


@pytest.mark.parametrize("copy", [fx.QUAKE_COPY_WITH_BOILERPLATE])
def test_core_copy_with_boilerplate_is_a_near_duplicate(copy):
    res = group_articles(_arts(fx.QUAKE, copy))
    assert res.dup_group_id["a0"] == res.dup_group_id["a1"]
    assert res.story_id["a0"] == res.story_id["a1"]
    assert any(e.level == "dup" for e in res.edges)


@pytest.mark.parametrize("n_pages", [4])
def test_core_shared_site_boilerplate_does_not_link_pages(n_pages):
    chrome = "\nHome | World | Business | Sports\nRelated stories: Heat wave grips the capital, Markets rally again\n" \
             "Sign up for our newsletter to get the top stories every morning\nCopyright 2023 Example Daily. All rights reserved."
    arts = [Article(id=f"p{i}", text=t + chrome, url=f"https://example-daily.com/{i}")
            for i, t in enumerate([fx.QUAKE, fx.UNRELATED, fx.FLOOD_OTHER_YEAR, fx.MARKET_TEMPLATE.format(**fx.MARKET_DAYS[0])][:n_pages])]
    res = group_articles(arts)
    assert len(set(res.story_id.values())) == n_pages


@pytest.mark.parametrize("stated", [["2021-05-03", "2009-01-01"], [None, None], ["2021-05", "2021-05-03"]])
def test_core_stated_dates_never_change_the_grouping(stated):
    res = group_articles(_arts(fx.FLOOD_AP, fx.FLOOD_REWRITE, fx.MARKET_TEMPLATE.format(**fx.MARKET_DAYS[0]),
                               stated=[*stated, None]))
    base = group_articles(_arts(fx.FLOOD_AP, fx.FLOOD_REWRITE, fx.MARKET_TEMPLATE.format(**fx.MARKET_DAYS[0])))
    assert res.story_id == base.story_id and res.dup_group_id == base.dup_group_id


@pytest.mark.parametrize("prefix", ["s", "d"])
def test_core_ids_are_short_stable_and_from_the_founder(prefix):
    res = group_articles(_arts(fx.QUAKE, fx.QUAKE_COPY_WITH_BOILERPLATE, fx.UNRELATED))
    ids = res.story_id if prefix == "s" else res.dup_group_id
    assert all(re.fullmatch(rf"{prefix}-[0-9a-f]{{16}}", v) for v in ids.values())
    assert ids["a1"] == make_id(prefix, "a0")
    assert ids["a2"] == make_id(prefix, "a2")  # a singleton has its own id


@pytest.mark.parametrize("n", [0, 1])
def test_core_empty_and_single_batches(n):
    res = group_articles(_arts(*[fx.QUAKE] * n))
    assert len(res.story_id) == n


@pytest.mark.parametrize("dup", ["a0"])
def test_core_duplicate_ids_are_refused(dup):
    with pytest.raises(ValueError, match="unique"):
        group_articles([Article(id=dup, text="x"), Article(id=dup, text="y")])


@pytest.mark.parametrize("seed_names", [("000_ce07ce798a255723.txt", "001_3b029256879389f1.txt")])
def test_core_seed_pair_is_one_story(seeds_dir, seed_names):
    arts = [Article(id=n, text=(seeds_dir / n).read_text("utf-8")) for n in seed_names]
    res = group_articles(arts, config=DedupConfig())
    assert res.story_id[seed_names[0]] == res.story_id[seed_names[1]]
