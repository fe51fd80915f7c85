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


def test_scan_lead_keys_are_the_word_terms_of_the_first_tokens():
    text = "Quake hits Tarvello: 6.1 magnitude, the mayor of Korrin said"
    sigs = compute_signatures([text, "the of"], config=DedupConfig(story_lead_tokens=4))
    want = sorted(token_hash(w) for w in ("quake", "hits", "tarvello"))  # "6.1" is a number: not a lead word
    assert sigs.lead_key[sigs.lead_off[0] : sigs.lead_off[1]].tolist() == want
    assert sigs.lead_off[2] == sigs.lead_off[1]  # stopwords only: no lead words
    off = compute_signatures([text], config=DedupConfig(story_lead_min_cosine=0))
    assert off.lead_key.shape[0] == 0 and off.lead_off.tolist() == [0, 0]


def test_lead_cosines_weigh_the_shared_lead_words():
    sigs = compute_signatures(["alpha beta gamma", "gamma beta alpha", "delta epsilon zeta", "the of"])
    ones = np.ones(sigs.term_hash.shape[0])
    a, b = np.array([0, 0, 0, 1]), np.array([1, 2, 3, 2])
    cos = lead_cosines(a, b, sigs.lead_key, sigs.lead_off, sigs.term_hash, sigs.term_off, ones)
    assert cos.tolist() == pytest.approx([1.0, 0.0, -1.0, 0.0])
    # a rare shared word counts more than a common one
    sigs2 = compute_signatures(["alpha beta", "alpha gamma", "delta beta"])
    w = np.where(sigs2.term_hash == token_hash("alpha"), 4.0, 1.0)
    rare, common = lead_cosines(np.array([0, 0]), np.array([1, 2]), sigs2.lead_key, sigs2.lead_off,
                                sigs2.term_hash, sigs2.term_off, w)  # fmt: skip
    assert rare > common > 0


@pytest.mark.parametrize(
    ("text", "bar", "joined"),
    [(FOLLOW_UP, 0.08, False), (FOLLOW_UP, 0.0, True), (SAME_EVENT, 0.08, True)],
)
def test_link_weak_link_needs_leads_that_share_the_news(text, bar, joined):
    # leads of a dozen tokens, the first sentence of these short texts: the follow-up opens with other news
    cfg = DedupConfig(story_lead_tokens=12, story_lead_min_cosine=bar)
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
        ix = StoryIndex(con, config=DedupConfig(story_lead_tokens=12))
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
        con.execute("ALTER TABLE dedup_docs DROP COLUMN lead")  # as a store made before leads has it
        ix = StoryIndex(con, config=DedupConfig(story_lead_tokens=12))
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'dedup_docs'").fetchall()]  # fmt: skip
        assert cols[-1] == "lead"
        res = ix.add([Article(id="f", text=FOLLOW_UP), Article(id="r", text=SAME_EVENT)])
        stored = dict(con.execute("SELECT id, story_id FROM dedup_docs").fetchall())
        nulls = dict(con.execute("SELECT id, lead IS NULL FROM dedup_docs").fetchall())
    finally:
        con.close()
    assert nulls == {"q": True, "f": False, "r": False}
    assert res.story_id["r"] == stored["q"]
