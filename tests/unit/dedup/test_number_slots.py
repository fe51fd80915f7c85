"""Number slots: a number keyed by the words on either side of it, and the weak-link check built on them
(templated reports of other days keep the words and change the figures; copies keep the figures)."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.dedup import DedupConfig, group_articles
from dateline.dedup.kernels import slot_agreement
from dateline.dedup.signatures import compute_signatures
from dateline.dedup.verify import slot_conflicts, strong_slot_conflicts
from dateline.records import Article

# hand-written daily estimates of one template, two different days
DAY1 = """Chicago Mercantile Exchange floor traders and commission house representatives are guesstimating
today's hog slaughter at about 295,000 to 302,000 head versus 293,000 week ago and 309,000 a year ago.
Cattle slaughter is guesstimated at about 123,000 to 126,000 head versus 121,000 week ago and 127,000 a year ago."""
DAY2 = """Chicago Mercantile Exchange floor traders and commission house representatives are guesstimating
today's hog slaughter at about 290,000 to 310,000 head versus 309,000 week ago and 328,000 a year ago.
Cattle slaughter is guesstimated at about 128,000 to 131,000 head versus 129,000 week ago and 127,000 a year ago."""
# a rewritten copy of DAY1 with OCR damage: "3O9,000" is no number any more, "293,000" read as "298,000"
COPY1 = """CME floor traders guess hog kill

Floor traders and commission house representatives at the Chicago Mercantile Exchange are guesstimating
today's hog slaughter at about 295,000 to 302,000 head versus 298,000 week ago and 3O9,000 a year ago."""


# one weekly template, two weeks: most words the same, this week's figures where last week's stood (last
# week's now given as the comparison), so the story score is strong
WEEK1 = """Gulf grain ships waiting

Port agents said 31 grain ships were waiting to load at the Gulf ports on Tuesday, against 27 a week earlier.
Ships loading numbered 22, against 25 a week earlier, and ships due within ten days numbered 44, against 40.
The agents said the Gulf elevators can load a combined 160 ships a month, and 75 barges a day, when the river is open."""
WEEK2 = """Gulf grain ships waiting

Port agents said 35 grain ships were waiting to load at the Gulf ports on Tuesday, against 31 a week earlier.
Ships loading numbered 24, against 22 a week earlier, and ships due within ten days numbered 47, against 44.
The agents said the Gulf elevators can load a combined 160 ships a month, and 75 barges a day, when the river is open."""
# an earnings table and its correction, which swapped every figure with its comparison
RESULTS = """Harbor Video Inc third quarter net

Shr five cts vs one ct. Net 162,300 vs 51,200. Revs 1,049,000 vs 479,500. Avg shrs 3,218,000 vs 4,351,000.
Nine mths: shr 14 cts vs four cts. Net 455,100 vs 170,800."""
CORRECTED = """Corrected - Harbor Video Inc third quarter net

Shr one ct vs five cts. Net 51,200 vs 162,300. Revs 479,500 vs 1,049,000. Avg shrs 4,351,000 vs 3,218,000.
Nine mths: shr four cts vs 14 cts. Net 170,800 vs 455,100."""


def _agreement(x: str, y: str) -> tuple[int, int]:
    s = compute_signatures([x, y])
    agree, differ = slot_agreement(np.array([0]), np.array([1]), s.slot_key, s.slot_off)
    return int(agree[0]), int(differ[0])


@pytest.mark.parametrize(
    ("x", "y", "want"),
    [
        # "about _ to" and "to _ head" give other numbers, "versus _ week" the same one
        ("slaughter at about 295,000 to 302,000 head versus 293,000 week ago",
         "slaughter at about 290,000 to 310,000 head versus 293,000 week ago", (1, 2)),
        # thousands commas and leading zeros do not make a number different
        ("payrolls rose by 130,000 in June 06", "payrolls rose by 130000 in June 6", (2, 0)),
        # the same number in another context is not aligned with it
        ("net profit 12.3 mln dlrs", "revenue of 12.3 billion", (0, 0)),
        ("net profit 12.3 mln dlrs", "net profit 12.8 mln dlrs", (0, 1)),
        # a context holding several numbers agrees when any of them is common
        ("at about 5 to 9 at about 7 to", "at about 7 to", (1, 0)),
        ("no numbers at all", "net profit 12.3 mln dlrs", (0, 0)),
        # years are left to the year check: "in 1987 the" is no slot ("in 1,987 the" is a number)
        ("sales in 1987 the", "sales in 1986 the", (0, 0)),
        ("sales in 1,987 the", "sales in 1,986 the", (0, 1)),
    ],
)  # fmt: skip
def test_kernels_slot_agreement_counts_aligned_numbers(x, y, want):
    assert _agreement(x, y) == want
    assert _agreement(y, x) == want


def test_kernels_slots_sorted_unique_and_capped():
    s = compute_signatures(["up 5 pct, up 5 pct, up 6 pct", "", "7 8 9"], slot_cap=2)
    assert s.slot_off.tolist()[0] == 0
    first = s.slot_key[s.slot_off[0] : s.slot_off[1]]
    assert first.tolist() == sorted(set(first.tolist()))
    assert s.slot_off[2] - s.slot_off[1] == 0
    assert s.slot_off[3] - s.slot_off[2] == 2  # capped at 2 of 3
    off = compute_signatures(["up 5 pct"], config=DedupConfig(number_slot_conflict=0, strong_slot_conflict=0))
    assert off.slot_key.shape[0] == 0 and off.slot_off.tolist() == [0, 0]


@pytest.mark.parametrize(
    ("agree", "differ", "least", "want"),
    [(0, 2, 2, True), (1, 2, 2, True), (2, 2, 2, False), (0, 1, 2, False), (0, 1, 1, True), (0, 5, 0, False)],
)
def test_verify_slot_conflicts_need_several_differing_slots_outnumbering_agreeing_ones(agree, differ, least, want):
    got = slot_conflicts(np.array([agree]), np.array([differ]), least)
    assert bool(got[0]) is want


@pytest.mark.parametrize(("least", "apart"), [(2, True), (0, False)])
def test_link_templated_reports_of_different_days_are_not_merged(least, apart):
    arts = [Article(id="d1", text=DAY1), Article(id="d2", text=DAY2)]
    res = group_articles(arts, config=DedupConfig(number_slot_conflict=least))
    assert (res.story_id["d1"] != res.story_id["d2"]) is apart


@pytest.mark.parametrize(
    ("agree", "differ", "numbers", "want"),
    [(2, 4, 0.6, True), (2, 2, 0.6, False), (3, 3, 0.6, False), (0, 6, 1.0, False), (0, 6, 0.89, True)],
)
def test_verify_strong_slot_conflicts_spare_the_same_numbers_reordered(agree, differ, numbers, want):
    got = strong_slot_conflicts(np.array([agree]), np.array([differ]), np.array([numbers]), 3)
    assert bool(got[0]) is want


@pytest.mark.parametrize(("least", "apart"), [(3, True), (0, False)])
def test_link_strong_score_of_next_weeks_template_is_not_a_link(least, apart):
    arts = [Article(id="w1", text=WEEK1), Article(id="w2", text=WEEK2)]
    cfg = DedupConfig(strong_slot_conflict=least)
    res = group_articles(arts, config=cfg)
    assert (res.story_id["w1"] != res.story_id["w2"]) is apart
    if not apart:  # a strong link, not a weak one: the weak-link slot check would refuse it
        (edge,) = res.edges
        assert edge.evidence["story_score"] >= cfg.story_strong
        assert (edge.evidence["number_slots_agree"], edge.evidence["number_slots_differ"]) == (2, 4)


def test_link_correction_that_swapped_figures_stays_with_its_report():
    res = group_articles([Article(id="r", text=RESULTS), Article(id="c", text=CORRECTED)])
    assert res.story_id["r"] == res.story_id["c"]
    (edge,) = res.edges
    assert edge.evidence["number_slots_agree"] == 0 and edge.evidence["number_agreement"] == 1.0


def test_link_copy_with_ocr_damaged_numbers_still_joins():
    arts = [Article(id="d1", text=DAY1), Article(id="d2", text=DAY2), Article(id="c", text=COPY1)]
    res = group_articles(arts)
    assert res.story_id["c"] == res.story_id["d1"] != res.story_id["d2"]
    (edge,) = [e for e in res.edges if {e.a, e.b} == {"d1", "c"}]
    assert edge.evidence["number_slots_agree"] == 2
    assert edge.evidence["number_slots_differ"] == 1


def test_index_templated_report_added_later_is_not_merged():
    import duckdb

    from dateline.dedup import StoryIndex

    con = duckdb.connect()
    try:
        ix = StoryIndex(con)
        ix.add([Article(id="d1", text=DAY1)])
        res = ix.add([Article(id="d2", text=DAY2), Article(id="c", text=COPY1)])
        stored = dict(con.execute("SELECT id, story_id FROM dedup_docs").fetchall())
    finally:
        con.close()
    assert res.story_id["c"] == stored["d1"]
    assert stored["d2"] != stored["d1"]


def test_index_store_without_slots_column_gets_it():
    import duckdb

    from dateline.dedup import StoryIndex

    con = duckdb.connect()
    try:
        # dedup_docs as stores made before number slots have it
        con.execute(
            "CREATE TABLE dedup_docs (doc_no BIGINT PRIMARY KEY, id VARCHAR NOT NULL, shingles INTEGER, sig BLOB, "
            "terms BLOB, flags BLOB, text_head VARCHAR, dup_group_id VARCHAR, story_id VARCHAR)"
        )
        ix = StoryIndex(con)
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'dedup_docs'").fetchall()]  # fmt: skip
        assert cols[-6:] == ["slots", "bg_event", "bg_lexical", "lead", "lead_next", "source_key"]
        ix.add([Article(id="d1", text=DAY1)])
        ix.add([Article(id="d2", text=DAY2), Article(id="c", text=COPY1)])
        stored = dict(con.execute("SELECT id, story_id FROM dedup_docs").fetchall())
    finally:
        con.close()
    assert stored["c"] == stored["d1"] != stored["d2"]


def test_index_stored_records_without_slots_still_join():
    import duckdb

    from dateline.dedup import StoryIndex

    con = duckdb.connect()
    try:
        ix = StoryIndex(con)
        ix.add([Article(id="d1", text=DAY1)])
        con.execute("UPDATE dedup_docs SET slots = NULL")  # a record stored before slots existed
        res = ix.add([Article(id="c", text=COPY1)])
        stored = dict(con.execute("SELECT id, story_id FROM dedup_docs").fetchall())
    finally:
        con.close()
    assert res.story_id["c"] == stored["d1"]
