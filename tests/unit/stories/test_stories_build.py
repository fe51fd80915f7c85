"""build_story: first copy, date spread, timeline and version diff, on hand-built records."""

from __future__ import annotations

import json

import pytest

from dateline.config import load_config
from dateline.records import Article, DateEstimate, StatedDate, Story, Timex
from dateline.stories import StoryConfig, build_story, first_copy, story_to_json, story_to_record

ORIGIN = (
    "Members of an elite force raided a town on Sunday, officials said Monday. "
    "The raid took place near the river valley, according to the officials. "
    "The official said there were no American casualties."
)
COPY = (
    "Members of an elite force raided a town on Sunday, officials said on Monday. "
    "The raid took place near the river valley, according to activists. "
    "The group is also known by another name in the region."
)


def _art(aid: str, text: str, stated: str | None) -> Article:
    return Article(
        id=aid, text=text, stated_date=StatedDate.parse(stated) if stated else None, source=f"src-{aid}"
    )


def _est(verdict: str, day: str | None, conf: float = 0.8) -> DateEstimate:
    return DateEstimate(verdict=verdict, estimated_date=day, interval=(day, day), confidence=conf)


@pytest.mark.parametrize(
    ("estimates", "expected"),
    [
        # the wrong copy has the earliest stated date but cannot be the first copy
        ({"a": _est("consistent", "2017-01-09"), "b": _est("wrong", "2017-01-09")}, "a"),
        ({"a": _est("consistent", "2017-01-10"), "b": _est("consistent", "2017-01-09")}, "b"),
        # tie on the date: higher confidence, then smaller id
        ({"a": _est("consistent", "2017-01-09", 0.5), "b": _est("consistent", "2017-01-09", 0.9)}, "b"),
        ({"a": _est("consistent", "2017-01-09"), "b": _est("consistent", "2017-01-09")}, "a"),
        # no estimate at all: stated dates of copies not judged wrong
        ({}, "b"),
    ],
)
def test_build_first_copy_is_earliest_credible(estimates: dict[str, DateEstimate], expected: str) -> None:
    arts = [_art("a", ORIGIN, "2017-01-09"), _art("b", COPY, "2015-03-20")]
    assert first_copy(arts, estimates).id == expected  # type: ignore[union-attr]
    assert first_copy(list(reversed(arts)), estimates).id == expected  # type: ignore[union-attr]


def test_build_story_fields_and_diff() -> None:
    arts = [_art("b", COPY, "2015-03-20"), _art("a", ORIGIN, "2017-01-09")]
    ests = {"a": _est("consistent", "2017-01-09"), "b": _est("wrong", "2017-01-09")}
    tx = {
        "a": [
            Timex(
                ORIGIN.index("Sunday"),
                ORIGIN.index("Sunday") + 6,
                "Sunday",
                "DATE",
                "2017-01-08",
                "2017-01-09",
            )
        ],
        "b": [
            Timex(
                COPY.index("Sunday"), COPY.index("Sunday") + 6, "Sunday", "DATE", "2015-03-15", "2015-03-20"
            )
        ],
    }
    story = build_story("s1", arts, ests, tx, config=StoryConfig())
    assert isinstance(story, Story)
    assert story.article_ids == ["a", "b"]
    assert story.first_copy_id == "a"
    assert story.date_spread == ("2017-01-09", "2017-01-09")
    assert [v["article_id"] for v in story.versions] == ["a", "b"]
    copy = story.versions[1]
    assert copy["verdict"] == "wrong" and copy["stated_date"] == "2015-03-20" and copy["source"] == "src-b"
    assert [s["text"] for s in copy["dropped"]] == ["The official said there were no American casualties."]
    assert [s["text"] for s in copy["added"]] == ["The group is also known by another name in the region."]
    added = copy["added"][0]
    assert COPY[added["start"] : added["end"]] == added["text"]
    # "according to activists" is reworded; "said on Monday" is close enough to count as unchanged
    assert [c["copy"]["text"] for c in copy["changed"]] == [
        "The raid took place near the river valley, according to activists."
    ]
    # the wrong copy's "Sunday" was resolved against a wrong anchor: only the origin's mention counts
    assert [e["date"] for e in story.timeline] == ["2017-01-08"]
    assert story.timeline[0]["mentions"][0]["sentence"].startswith("Members of an elite force")


def test_build_story_order_independent() -> None:
    arts = [_art("a", ORIGIN, "2017-01-09"), _art("b", COPY, "2017-01-10"), _art("c", COPY + " More.", None)]
    s1 = story_to_json(build_story("s", arts, {}, {}))
    s2 = story_to_json(build_story("s", list(reversed(arts)), {}, {}))
    assert s1 == s2
    assert s1["date_spread"] == ["2017-01-09", "2017-01-10"]


def test_build_story_to_json_contract_fields() -> None:
    story = build_story("s", [_art("a", ORIGIN, "2017-01")], {}, {})
    row = story_to_json(story)
    assert list(row) == ["story_id", "article_ids", "first_copy_id", "date_spread", "timeline", "versions"]
    assert row["date_spread"] == ["2017-01-01", "2017-01-31"]
    json.dumps(row)
    rec = story_to_record(story)
    assert json.loads(rec["versions"]) == row["versions"]


@pytest.mark.parametrize("texts", [("",), ("<script>alert(1)</script>",)])
def test_build_story_degenerate_texts(texts: tuple[str, ...]) -> None:
    arts = [_art(f"x{i}", t, None) for i, t in enumerate(texts * 2)]
    story = build_story("s", arts, {}, {})
    assert story.first_copy_id == "x0"
    assert story.date_spread == (None, None)


def test_build_config_defaults_match_toml() -> None:
    assert load_config().stories == StoryConfig()


def test_build_timeline_reresolves_wrong_copy_against_estimate() -> None:
    from datetime import date

    from dateline.temporal import extract_timexes

    text = "The raid took place Sunday, officials said Monday. It was the biggest since May 2015."
    wrong = _art("b", text, "2015-03-20")
    right = _art("a", text.replace("It was", "Back then it was"), "2017-01-09")
    tx = {
        "b": extract_timexes(wrong.text, date(2015, 3, 20)),
        "a": extract_timexes(right.text, date(2017, 1, 9)),
    }
    ests = {"a": _est("consistent", "2017-01-09"), "b": _est("wrong", "2017-01-09")}
    story = build_story("s", [wrong, right], ests, tx)
    dates = {e["date"]: sorted(e["article_ids"]) for e in story.timeline}
    # the wrong copy's "Sunday" now reads as 2017-01-08, merged with the right copy's mention
    assert dates.get("2017-01-08") == ["a", "b"]
    assert not any(d.startswith("2015-03") for d in dates)
    assert dates.get("2015-05") == ["a", "b"]


def test_build_iter_stories_streams_json_rows() -> None:
    from dateline.stories import iter_stories

    groups = [
        ("s1", [_art("a", ORIGIN, "2017-01-09"), _art("b", COPY, None)]),
        ("s2", [_art("c", COPY, None)]),
    ]
    rows = list(iter_stories(iter(groups), {}, {}))
    assert [r["story_id"] for r in rows] == ["s1", "s2"]
    assert rows[0]["first_copy_id"] == "a" and rows[1]["article_ids"] == ["c"]
