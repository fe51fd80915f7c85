"""Highlight segments and the chart spec."""

from __future__ import annotations

from typing import Any

import pytest

from dateline.web.charts import story_chart
from dateline.web.highlight import highlight_segments


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], [("abcdef", None)]),
        ([{"start": 0, "end": 2, "kind": "evidence"}], [("ab", "evidence"), ("cdef", None)]),
        # overlapping: the earlier one wins, and on a tie the first listed
        (
            [
                {"start": 1, "end": 3, "kind": "evidence"},
                {"start": 1, "end": 3, "kind": "timex"},
                {"start": 2, "end": 5},
            ],
            [("a", None), ("bc", "evidence"), ("def", None)],
        ),
        # bad offsets are skipped
        ([{"start": 4, "end": 99}, {"start": None, "end": 2}, {"start": 3, "end": 3}], [("abcdef", None)]),
    ],
)
def test_highlight_segments(spans: list[dict[str, Any]], expected: list[tuple[str, str | None]]) -> None:
    segs = highlight_segments("abcdef", spans)
    assert [(s["text"], s["kind"]) for s in segs] == expected
    assert "".join(s["text"] for s in segs) == "abcdef"


def test_highlight_chart_spec_has_copies_and_events() -> None:
    pytest.importorskip("altair")
    story = {
        "versions": [
            {"article_id": "a", "source": "x", "stated_date": "2017-01", "estimated_date": "2017-01-09",
             "verdict": "consistent", "is_first_copy": True},
            {"article_id": "b", "stated_date": "2015-03-20", "estimated_date": None, "verdict": "wrong"},
        ],
        "timeline": [{"date": "2015-05", "lo": "2015-05-01", "hi": "2015-05-31", "count": 1,
                      "mentions": [{"sentence": "In May 2015 it happened."}]}],
    }  # fmt: skip
    spec = story_chart(story)
    rows = spec["data"]["values"]
    kinds = sorted((r["kind"], r["date"]) for r in rows)
    assert kinds == [
        ("estimated date", "2017-01-09"),
        ("event mentioned", "2015-05-01"),
        ("stated date", "2015-03-20"),
        ("stated date", "2017-01-15"),
    ]


def test_highlight_chart_template_plus_data_is_the_full_spec() -> None:
    pytest.importorskip("altair")
    from dateline.web.charts import chart_data, chart_template, fill_template

    story = {
        "versions": [{"article_id": "a", "stated_date": "2017-01-09", "is_first_copy": True}],
        "timeline": [],
    }
    assert fill_template(chart_template(), chart_data(story)) == story_chart(story)
    assert "data" not in chart_template() or not chart_template()["data"].get("values")
