"""A tiny hand-built store for the report, web and browser tests (text written for these tests)."""

from __future__ import annotations

from pathlib import Path

from dateline.records import Article, StatedDate
from dateline.store import open_store

HOSTILE = '<script>alert("xss")</script><img src=x onerror=alert(1)>'

RAID = (
    "Members of an elite force carried out a ground raid in the east, officials said Monday. "
    "The raid took place Sunday near a small town along the river valley. "
    "The coalition can confirm an operation on Jan. 8. "
    "The official said there were no American casualties."
)
RAID_COPY = (
    "The coalition carried out a ground raid in the east, officials said Monday. "
    "The raid took place on Sunday near a small town along the river valley. "
    "The coalition can confirm an operation on Jan. 8. "
    "ISIL is another name for the Islamic State."
)
FLOOD = (
    "Heavy rain flooded the old harbour district on Tuesday, the city said. Nobody was hurt in 2016. "
    + HOSTILE
)
FLOOD_COPY = "Heavy rain flooded the harbour district on Tuesday, the city said. Nobody was hurt. " + HOSTILE


def _ev(text: str, needle: str, aid: str, implies: str) -> dict[str, object]:
    s = text.index(needle)
    return {"kind": "text_date", "text": needle, "start": s, "end": s + len(needle), "article_id": aid,
            "implies": implies, "weight": 1.0}  # fmt: skip


def _tx(text: str, needle: str, value: str, anchor: str) -> dict[str, object]:
    s = text.index(needle)
    return {
        "start": s,
        "end": s + len(needle),
        "text": needle,
        "type": "DATE",
        "value": value,
        "anchor": anchor,
    }


def build_store(path: Path, *, with_stories_rows: bool = False) -> Path:
    """Write a store with two 2-copy stories (one with a wrong date, one with hostile HTML) and a singleton."""
    arts = [
        Article("raid-a", RAID, StatedDate.parse("2017-01-09"), title="Raid in the east", source="paper-a",
                url="https://a.example/raid"),
        Article("raid-b", RAID_COPY, StatedDate.parse("2015-03-20"), title="Coalition raid", source="wire-b",
                url="https://b.example/raid"),
        Article("flood-a", FLOOD, StatedDate.parse("2016-05-03"), title="Flood " + HOSTILE, source=HOSTILE),
        Article("flood-b", FLOOD_COPY, None, title=None, source="paper-c"),
        Article("dir/lonely one.txt", "A story nobody copied, published on 2 June 2019.", StatedDate.parse("2019-06-02")),
    ]  # fmt: skip
    results = [
        {"id": "raid-a", "story_id": "st-raid", "dup_group_id": "raid-a", "date_verdict": "consistent",
         "estimated_date": "2017-01-09", "date_interval": ["2017-01-09", "2017-01-09"], "date_confidence": 0.9,
         "evidence": [_ev(RAID, "Jan. 8", "raid-a", "on or after 2017-01-08")],
         "timexes": [_tx(RAID, "Sunday", "2017-01-08", "2017-01-09"), _tx(RAID, "Jan. 8", "2017-01-08", "2017-01-09")]},
        {"id": "raid-b", "story_id": "st-raid", "dup_group_id": "raid-b", "date_verdict": "wrong",
         "estimated_date": "2017-01-09", "date_interval": ["2017-01-09", "2017-01-10"], "date_confidence": 0.8,
         "evidence": [_ev(RAID_COPY, "Jan. 8", "raid-b", "on or after 2017-01-08"),
                      _ev(RAID, "Jan. 8", "raid-a", "copy of a story dated 2017-01-09")],
         "timexes": [_tx(RAID_COPY, "Sunday", "2015-03-15", "2015-03-20")]},
        {"id": "flood-a", "story_id": "st-flood", "dup_group_id": "flood-a", "date_verdict": "consistent",
         "estimated_date": "2016-05-03", "date_interval": ["2016-05-03", "2016-05-03"], "date_confidence": 0.6,
         "evidence": [], "timexes": [_tx(FLOOD, "2016", "2016", "2016-05-03")]},
        {"id": "flood-b", "story_id": "st-flood", "dup_group_id": "flood-b", "date_verdict": "no_date",
         "estimated_date": None, "date_interval": [None, None], "date_confidence": 0.0, "evidence": [],
         "timexes": []},
        {"id": "dir/lonely one.txt", "story_id": "st-lonely", "dup_group_id": "dir/lonely one.txt", "date_verdict": "consistent",
         "estimated_date": "2019-06-02", "date_interval": ["2019-06-02", "2019-06-02"], "date_confidence": 0.9,
         "evidence": [], "timexes": []},
    ]  # fmt: skip
    store = open_store(path)
    try:
        store.add_articles(arts, "batch-1")
        store.put_results(results)
        if with_stories_rows:
            from dateline.web import queries

            stories = [queries.story_detail(store.con, sid, config=_cfg()) for sid in ("st-raid", "st-flood")]
            store.put_stories(
                [{k: v for k, v in s.items() if k not in ("articles", "size")} for s in stories if s]
            )
    finally:
        store.close()
    return path


def _cfg():  # type: ignore[no-untyped-def]
    from dateline.stories import StoryConfig

    return StoryConfig()
