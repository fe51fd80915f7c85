"""Copies of a series (or a grouping mistake) do not lend each other their dates."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.dating import check_cluster, estimate_date
from dateline.dating.config import DatingConfig
from dateline.records import Article, StatedDate

COUNCIL = "The harbour council voted on Monday, {day}, to extend the ferry contract, its chairwoman said on Monday."


def _art(aid: str, stated: str, text: str) -> Article:
    return Article(id=aid, text=text, stated_date=StatedDate.parse(stated))


@pytest.mark.parametrize("far", ["2023-03-20", "2023-05-15"])
def test_cluster_series_keeps_each_confirmed_date(far):
    a = _art("a", "2023-03-06", COUNCIL.format(day="March 6, 2023"))
    month, day = int(far[5:7]), int(far[8:])
    name = ["", "January", "February", "March", "April", "May", "June", "July", "August"][month]
    b = _art("b", far, COUNCIL.format(day=f"{name} {day}, 2023"))
    undated_claim = _art("c", "2023-10-02", "The harbour council extended the ferry contract.")
    assert estimate_date(a).verdict == estimate_date(b).verdict == "consistent"
    result = check_cluster([a, b, undated_claim])
    assert result["a"].verdict == "consistent" and result["b"].verdict == "consistent"
    assert result["c"].verdict != "wrong"


def test_cluster_series_one_unchecked_claim_does_not_flag_another():
    a = _art("a", "2023-03-06", "The harbour council extended the ferry contract.")
    b = _art("b", "2021-07-01", "The harbour council extended the ferry contract, members said.")
    result = check_cluster([a, b])
    assert result["a"].verdict != "wrong" and result["b"].verdict != "wrong"


@pytest.mark.parametrize("crowd", [3, 6])
def test_cluster_crowd_of_unchecked_dates_does_not_flag(crowd):
    # copies whose own texts say nothing about their dates: however many agree, they are untrusted
    target = _art("t", "2023-03-06", "The harbour council extended the ferry contract.")
    others = [
        _art(f"o{i}", "2021-07-01", f"The harbour council extended the ferry contract ({i}).")
        for i in range(crowd)
    ]
    result = check_cluster([target, *others])
    assert result["t"].verdict == "insufficient_evidence"
    assert "wrong" not in {result[o.id].verdict for o in others}


def test_cluster_majority_day_speaks_despite_a_follow_up():
    # three copies confirm March 6, one follow-up confirms April 3: the majority's day still speaks for a
    # copy whose own text says nothing, and the follow-up keeps its own date
    copies = [_art(f"c{i}", "2023-03-06", COUNCIL.format(day="March 6, 2023") + f" ({i})") for i in range(3)]
    follow_up = _art("f", "2023-04-03", COUNCIL.format(day="April 3, 2023"))
    bare = _art("b", "2024-05-20", "The harbour council extended the ferry contract.")
    result = check_cluster([*copies, follow_up, bare])
    assert result["f"].verdict == "consistent"
    assert result["b"].verdict == "wrong"
    assert abs((date.fromisoformat(result["b"].estimated_date) - date(2023, 3, 6)).days) <= 1


@pytest.mark.parametrize("stated", ["2023-03-06", "2023-03-10"])
def test_cluster_copies_flag_a_date_two_weeks_early(stated):
    # two copies confirm March 20 in their texts; a copy that says nothing of its date but is stated ten or
    # fourteen days before it is wrong under the near-shift prior (a page never precedes what it reports),
    # and not without it
    copies = [_art(f"c{i}", "2023-03-20", COUNCIL.format(day="March 20, 2023") + f" ({i})") for i in range(2)]
    bare = _art("b", stated, "The harbour council extended the ferry contract.")
    result = check_cluster([*copies, bare])
    assert result["b"].verdict == "wrong"
    assert abs((date.fromisoformat(result["b"].estimated_date) - date(2023, 3, 20)).days) <= 1
    uniform_only = check_cluster([*copies, bare], config=DatingConfig(near_shifts=False))
    assert uniform_only["b"].verdict == "insufficient_evidence"


@pytest.mark.parametrize("stated", ["2023-03-16", "2023-03-20"])
def test_cluster_a_late_copy_is_not_flagged_for_being_late(stated):
    # the same copy stated ten or fourteen days after the story: a late copy or a follow-up, not an error
    copies = [_art(f"c{i}", "2023-03-06", COUNCIL.format(day="March 6, 2023") + f" ({i})") for i in range(2)]
    bare = _art("b", stated, "The harbour council extended the ferry contract.")
    assert check_cluster([*copies, bare])["b"].verdict == "insufficient_evidence"


def test_cluster_url_month_leaves_the_day_to_the_copies():
    copies = [_art(f"c{i}", "2023-03-20", COUNCIL.format(day="March 20, 2023") + f" ({i})") for i in range(2)]
    page = _art("p", "2023-03-06", "The harbour council extended the ferry contract.")
    page.url = "https://news.example.org/2023/03/harbour-ferry-contract"
    assert estimate_date(page).verdict == "consistent"  # its URL confirms the month only
    result = check_cluster([*copies, page])
    assert result["p"].verdict == "wrong"
    assert result["p"].estimated_date == "2023-03-20"


def test_cluster_url_month_of_another_year_is_not_overturned():
    copies = [_art(f"c{i}", "2023-03-06", COUNCIL.format(day="March 6, 2023") + f" ({i})") for i in range(2)]
    page = _art("p", "2021-07-01", "The harbour council extended the ferry contract.")
    page.url = "https://news.example.org/2021/07/harbour-ferry-contract"
    result = check_cluster([*copies, page])
    assert result["p"].verdict == "consistent"
    assert result["p"].estimated_date == "2021-07-01"


def test_cluster_copy_lends_a_since_bound_as_a_bound():
    # "the highest since October 1997" in one copy says publication is after October 1997, not near it; the
    # other copies must read it the same way (lent before without its bound, it pulled them towards 1997)
    from dateline.dating.estimate import _copy_clues, own_check

    b = _art("b", "2023-03-06", "Prices rose to the highest since October 1997, the ministry said on Monday, March 6, 2023.")
    own = own_check(b)
    lent = [c for c in _copy_clues(b, own.estimate, own.clues, DatingConfig()) if c.kind == "month"]
    assert [(c.year, c.month, c.bound) for c in lent] == [(1997, 10, "lower")]
    assert lent[0].weight == pytest.approx(0.5 * next(c.weight for c in own.clues if c.kind == "month"))
