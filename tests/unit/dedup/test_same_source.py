"""Two texts of one source that are not rewrites of each other are linked as one event's reports only when they
share a specific detail, a precise figure, a day of the month or a weekday (``same_source``): one outlet rarely
reports an event twice in two texts, while one desk's developments of a saga share its names and words."""

from __future__ import annotations

import pytest
from test_link import MERGER, QUAKE, SAME_EVENT

from dateline.dedup import DedupConfig, StoryIndex, group_articles
from dateline.dedup.text import source_hashes
from dateline.records import Article

# the same event's report with a detail the quake's report names too ("Tuesday")
SAME_EVENT_TUESDAY = SAME_EVENT.replace("after the earthquake", "after Tuesday's earthquake")


def _joined(q: Article, r: Article, config: DedupConfig | None = None) -> bool:
    res = group_articles([q, r, Article(id="m", text=MERGER)], config=config or DedupConfig())
    assert res.story_id["m"] not in (res.story_id["q"], res.story_id["r"])
    return res.story_id["q"] == res.story_id["r"]


def test_source_hashes_key_each_source_and_leave_the_unknown_at_zero():
    keys = source_hashes(["korrin times", "", "korrin times", "ostland post"])
    assert keys.dtype.name == "uint64"
    assert keys[1] == 0 and keys[0] == keys[2] != keys[3] and keys[0] != 0


@pytest.mark.parametrize(
    ("source_q", "source_r", "joined"),
    [("Korrin Times", "Ostland Post", True), ("Korrin Times", "korrin times ", False), (None, "Korrin Times", True)],
)
def test_two_texts_of_one_source_sharing_no_detail_stay_apart(source_q, source_r, joined):
    q = Article(id="q", text=QUAKE, source=source_q)
    r = Article(id="r", text=SAME_EVENT, source=source_r)
    assert _joined(q, r) is joined


def test_the_host_of_the_url_is_the_source_when_the_record_names_none():
    q = Article(id="q", text=QUAKE, url="https://www.korrintimes.example/news/1")
    r = Article(id="r", text=SAME_EVENT, url="https://korrintimes.example/news/2")
    other = Article(id="r", text=SAME_EVENT, url="https://ostlandpost.example/2")
    assert not _joined(q, r)
    assert _joined(q, other)


def test_one_source_texts_that_share_a_detail_or_are_copies_are_linked():
    q = Article(id="q", text=QUAKE, source="Korrin Times")
    assert _joined(q, Article(id="r", text=SAME_EVENT_TUESDAY, source="Korrin Times"))
    assert _joined(q, Article(id="r", text=QUAKE + " Schools stay closed.", source="Korrin Times"))
    copies_only = DedupConfig(same_source="copies")
    assert not _joined(q, Article(id="r", text=SAME_EVENT_TUESDAY, source="Korrin Times"), copies_only)
    assert _joined(q, Article(id="r", text=QUAKE + " Schools stay closed.", source="Korrin Times"), copies_only)


@pytest.mark.parametrize(("detail", "joined"), [("the hospital treated 14 people", False), ("the 6.1 quake", True)])
def test_a_short_number_is_no_specific_detail_a_precise_figure_is(detail, joined):
    # a strong-link bar out of reach: in a batch of three every shared term is rare, and the pair would be a rewrite
    weak_only = DedupConfig(story_strong=0.95)
    q = Article(id="q", text=QUAKE.replace("dozens of people", "14 people"), source="Korrin Times")
    r = Article(id="r", text=f"{SAME_EVENT} Officials said {detail}.", source="Korrin Times")
    assert _joined(q, r, weak_only) is joined
    assert _joined(q, Article(id="r", text=r.text, source="Ostland Post"), weak_only)


def test_same_source_any_links_them_as_texts_of_two_sources():
    q = Article(id="q", text=QUAKE, source="Korrin Times")
    r = Article(id="r", text=SAME_EVENT, source="Korrin Times")
    assert _joined(q, r, DedupConfig(same_source="any"))


def test_same_source_setting_is_checked():
    from dateline.errors import ConfigError

    with pytest.raises(ConfigError, match="dedup.same_source"):
        DedupConfig(same_source="never")


@pytest.mark.parametrize("stored_source", [True, False])
def test_index_compares_a_new_record_with_the_stored_source(stored_source):
    import duckdb

    con = duckdb.connect()
    try:
        ix = StoryIndex(con)
        ix.add([Article(id="q", text=QUAKE, source="Korrin Times"), Article(id="m", text=MERGER)])
        if not stored_source:
            con.execute("UPDATE dedup_docs SET source_key = NULL")  # records stored before sources were
        res = ix.add([Article(id="r", text=SAME_EVENT, source="Korrin Times")])
        stored = dict(con.execute("SELECT id, story_id FROM dedup_docs").fetchall())
    finally:
        con.close()
    assert (res.story_id["r"] == stored["q"]) is not stored_source
