"""The lead test of weak links: two reports of one event open with the same news; two developments of one saga,
naming the same people, open with their own (``story_lead_tokens``, ``story_lead_min_cosine``)."""

from __future__ import annotations

import numpy as np
import pytest
from test_link import MERGER, QUAKE, SAME_EVENT

from dateline.dedup import DedupConfig, group_articles
from dateline.dedup.kernels import lead_cosines
from dateline.dedup.signatures import compute_signatures, token_hash
from dateline.records import Article

# a later development of the quake's story: its own news first, then the quake's people and places
FOLLOW_UP = "Engineers reopened two bridges a month after the disaster, and traffic returned to the town centre. " + SAME_EVENT


def test_scan_lead_keys_are_the_word_terms_of_the_first_tokens_and_of_the_window_after():
    text = "Quake hits Tarvello: 6.1 magnitude, the mayor of Korrin said quake"
    sigs = compute_signatures([text, "the of"], config=DedupConfig(story_lead_tokens=4))
    want = sorted(token_hash(w) for w in ("quake", "hits", "tarvello"))  # "6.1" is a number: not a lead word
    assert sigs.lead_key[sigs.lead_off[0] : sigs.lead_off[1]].tolist() == want
    after = sorted(token_hash(w) for w in ("magnitude", "mayor"))  # tokens 5-8; stopwords are no words
    assert sigs.next_key[sigs.next_off[0] : sigs.next_off[1]].tolist() == after
    assert sigs.lead_off[2] == sigs.lead_off[1] and sigs.next_off[2] == sigs.next_off[1]  # stopwords only
    off = compute_signatures([text], config=DedupConfig(story_lead_min_cosine=0))
    assert off.lead_key.shape[0] == 0 and off.lead_off.tolist() == [0, 0] and off.next_key.shape[0] == 0


def _cos(sigs, a, b, weight=None):
    w = np.ones(sigs.term_hash.shape[0]) if weight is None else weight
    return lead_cosines(np.array(a), np.array(b), sigs.lead_key, sigs.lead_off, sigs.next_key, sigs.next_off,
                        sigs.term_hash, sigs.term_off, w).tolist()  # fmt: skip


def test_lead_cosines_weigh_the_shared_lead_words():
    sigs = compute_signatures(["alpha beta gamma", "gamma beta alpha", "delta epsilon zeta", "the of"])
    assert _cos(sigs, [0, 0, 0, 1], [1, 2, 3, 2]) == pytest.approx([1.0, 0.0, -1.0, 0.0])
    # a rare shared word counts more than a common one
    sigs2 = compute_signatures(["alpha beta", "alpha gamma", "delta beta"])
    rare, common = _cos(sigs2, [0, 0], [1, 2], np.where(sigs2.term_hash == token_hash("alpha"), 4.0, 1.0))
    assert rare > common > 0


def test_lead_cosines_find_a_lead_behind_page_furniture():
    # the second text opens with a banner as long as the lead; its news follows
    cfg = DedupConfig(story_lead_tokens=4)
    sigs = compute_signatures(["alpha beta gamma delta", "banner menu login signup alpha beta gamma delta"], config=cfg)
    assert _cos(sigs, [0], [1]) == pytest.approx([1.0])
    assert _cos(sigs, [1], [0]) == pytest.approx([1.0])


@pytest.mark.parametrize(
    ("text", "bar", "joined"),
    [(FOLLOW_UP, 0.12, False), (FOLLOW_UP, 0.0, True), (SAME_EVENT, 0.12, True)],
)
def test_link_weak_link_needs_leads_that_share_the_news(text, bar, joined):
    # leads of 8 tokens: the follow-up's first 16 tokens (its lead and the window after) are other news
    cfg = DedupConfig(story_lead_tokens=8, story_lead_min_cosine=bar)
    arts = [Article(id="q", text=QUAKE), Article(id="r", text=text), Article(id="m", text=MERGER)]
    res = group_articles(arts, config=cfg)
    assert (res.story_id["q"] == res.story_id["r"]) is joined
    assert res.story_id["m"] not in (res.story_id["q"], res.story_id["r"])


@pytest.mark.parametrize("stored_lead", [True, False])
def test_index_record_stored_without_lead_words_is_not_tested(stored_lead):
    import duckdb

    from dateline.dedup import StoryIndex

    con = duckdb.connect()
    try:
        ix = StoryIndex(con, config=DedupConfig(story_lead_tokens=8))
        ix.add([Article(id="q", text=QUAKE), Article(id="m", text=MERGER)])
        if not stored_lead:
            con.execute("UPDATE dedup_docs SET lead = NULL")  # records stored before leads were
        res = ix.add([Article(id="f", text=FOLLOW_UP)])
        stored = dict(con.execute("SELECT id, story_id FROM dedup_docs").fetchall())
    finally:
        con.close()
    assert (res.story_id["f"] == stored["q"]) is not stored_lead


def test_index_store_without_lead_column_gets_it():
    import duckdb

    from dateline.dedup import StoryIndex

    con = duckdb.connect()
    try:
        StoryIndex(con).add([Article(id="q", text=QUAKE)])
        for col in ("source_key", "lead_next", "lead"):  # as a store made before leads has it
            con.execute(f"ALTER TABLE dedup_docs DROP COLUMN {col}")
        ix = StoryIndex(con, config=DedupConfig(story_lead_tokens=8))
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'dedup_docs'").fetchall()]  # fmt: skip
        assert cols[-3:] == ["lead", "lead_next", "source_key"]
        res = ix.add([Article(id="f", text=FOLLOW_UP), Article(id="r", text=SAME_EVENT)])
        stored = dict(con.execute("SELECT id, story_id FROM dedup_docs").fetchall())
        nulls = dict(con.execute("SELECT id, lead IS NULL FROM dedup_docs").fetchall())
    finally:
        con.close()
    assert nulls == {"q": True, "f": False, "r": False}
    assert res.story_id["r"] == stored["q"]
