"""The neighbours clue: stated dates of similar articles of other stories, calibrated on the crawl."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from dateline.dating import check_cluster
from dateline.dating.config import DatingConfig
from dateline.dating.estimate import crawl_checks
from dateline.dating.neighbours import find_neighbours, neighbour_clues
from dateline.records import Article, StatedDate

_WORDS = ["Varnholt", "Quessary", "Lindqvist", "Obrenova", "Taskaran", "Meridel", "Porthaven", "Kelvaro",
          "Zanbury", "Ostrava", "Helmsdal", "Corvane", "Birkeland", "Sauvelle", "Drummore", "Altamira"]  # fmt: skip


def _crawl(n_topics: int = 30, per_topic: int = 6, seed: int = 3) -> list[Article]:
    """Topics (each its own rare names) in their own month, years apart; most articles name their day."""
    rng = random.Random(seed)
    out = []
    for t in range(n_topics):
        names = [f"{w}{t}" for w in rng.sample(_WORDS, 4)]
        base = date(1990 + t % 25, 1 + t % 12, 10)
        for j in range(per_topic):
            day = base + timedelta(days=rng.randint(0, 20))
            words = " ".join(rng.sample(names, 4))
            dated = j < per_topic - 1
            when = f" on {day.strftime('%B')} {day.day}, {day.year}" if dated else ""
            text = (f"{names[0]} and {names[1]} met{when} to discuss the {names[2]} accord. "
                    f"officials in {names[3]} said talks with {words} would go on.")  # fmt: skip
            out.append(Article(id=f"t{t}-{j}", text=text, stated_date=StatedDate(day.year, day.month, day.day)))
    return out


def test_find_neighbours_skips_the_same_story() -> None:
    arts = _crawl(n_topics=3, per_topic=4)
    story_of = {a.id: a.id.split("-")[0] for a in arts}
    nb = find_neighbours(arts, {a.id: "one" for a in arts})
    assert nb.index.shape[0] == 0  # everything in one story: no neighbours at all
    nb = find_neighbours(arts, story_of)
    for i, a in enumerate(arts):
        idx, cos = nb.of(i)
        assert all(story_of[arts[j].id] != story_of[a.id] for j in idx)
        assert list(cos) == sorted(cos, reverse=True)


def test_small_crawls_give_no_clue() -> None:
    arts = _crawl(n_topics=4, per_topic=4)
    story_of = {a.id: a.id for a in arts}
    nb = find_neighbours(arts, story_of)
    extra, info = neighbour_clues(arts, nb, {a.id: ("consistent", 0.99) for a in arts}, DatingConfig())
    assert extra == {}
    assert info["confirmed"] < 99 and math.isnan(info["threshold"])


def test_a_moved_date_without_text_clues_is_flagged_by_its_neighbours() -> None:
    arts = _crawl()
    # the undated-text report of topic 7 gets a stated date six years off; every story is one article
    moved = next(a for a in arts if a.id == "t7-5")
    true = moved.stated_date
    assert true is not None
    moved.stated_date = StatedDate(true.year + 6, true.month, true.day)
    config = DatingConfig(neighbour_alpha=0.02)
    checks = crawl_checks(arts, {a.id: a.id for a in arts}, config=config)
    flagged = {aid for aid, oc in checks.items() if any(c.kind == "neighbours" for c in oc.clues)}
    assert "t7-5" in flagged
    assert len(flagged) <= 1 + math.ceil(0.02 * len(arts))  # alpha bounds the correct dates beyond the threshold
    # those correct ones name their day, which outweighs the clue: only the moved date is called wrong
    wrong = {a.id for a in arts if check_cluster([a], config=config, own_checks=checks)[a.id].verdict == "wrong"}
    assert wrong == {"t7-5"}
    est = check_cluster([moved], config=config, own_checks=checks)["t7-5"]
    assert est == checks["t7-5"].estimate  # a story of one: its own check, neighbours clue included
    assert est.verdict == "wrong"
    assert est.estimated_date is not None
    gap = abs((date.fromisoformat(est.estimated_date) - true.anchor()).days)
    assert gap <= 31
    assert any(e.kind == "neighbours" for e in est.evidence)
    # without the crawl, the same text says nothing
    alone = check_cluster([moved], config=config)["t7-5"]
    assert alone.verdict == "insufficient_evidence"
