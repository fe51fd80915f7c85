"""The tagger never crashes and never returns offsets outside the text, whatever the input."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.records import Article, StatedDate
from dateline.temporal import ASSIGNS, REQUIRES, extract_timexes, iter_timexes, reresolve, timexes_batch

WORDS = ["Monday", "Jan.", "8", "2017", "May", "last", "year", "ago", "two", "weeks", "the", "next", "day", "1990s",
         "third-quarter", "at", "10", "a.m.", "Christmas", "now", "-", ",", ".", "\n", "’", "İ", "ﬁ", "\x00", "$",
         "that", "following", "earlier", "later", "In", "1998", "quarter", "weekend", "Q3", "GMT", "1500"]  # fmt: skip


def _check(text: str, anchor: date | None) -> None:
    out = extract_timexes(text, anchor)
    last_end = -1
    for t in out:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.start >= last_end
        last_end = t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.none() | st.dates())
def test_robustness_any_text(text: str, anchor: date | None) -> None:
    _check(text, anchor)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.none() | st.dates())
def test_robustness_date_like_word_salad(words: list[str], anchor: date | None) -> None:
    _check(" ".join(words), anchor)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\x00\x01", "İİİ Monday İ", "ﬁrst quarter"])
def test_robustness_edge_texts(text: str) -> None:
    _check(text, date(2017, 1, 9))


def test_robustness_five_megabyte_document() -> None:
    para = (
        "U.S. officials said Monday that the raid took place near a small town along the Euphrates River valley, "
        "to the north of the city, deep in the heart of the territory, according to the officials and activist "
        "groups. The troops, who landed on helicopters, spent about 90 minutes in the area, then left carrying "
        "captives, according to witnesses quoted by a website which monitors activity in that province. A U.S. "
        "official said forces intercepted a vehicle thought to be carrying senior members in May 2015.\n\n"
    )
    text = (para * (5_000_000 // len(para) + 1))[:5_000_000]
    out = extract_timexes(text, date(2017, 1, 9))
    assert len(out) > 20_000
    assert all(0 <= t.start < t.end <= len(text) for t in out)


@settings(max_examples=100, deadline=None)
@given(st.dates(), st.dates())
def test_robustness_reresolve_any_anchor(a: date, b: date) -> None:
    for t in extract_timexes("He said Monday that on Jan. 8 last year, the day before, two weeks ago.", a):
        moved = reresolve(t, b)
        assert (moved.start, moved.end, moved.text, moved.type) == (t.start, t.end, t.text, t.type)
        assert reresolve(moved, a).value == t.value


def test_robustness_iter_and_batch_adapters() -> None:
    arts = [Article("a", "It happened Sunday.", StatedDate(2017, 1, 9)), Article("b", "No dates here.", None)]
    assert [(i, [t.value for t in ts]) for i, ts in iter_timexes(arts)] == [("a", ["2017-01-08"]), ("b", [])]
    batch = pa.RecordBatch.from_pydict(
        {
            "id": ["a", "b", "c"],
            "stated_date": ["2017-01-09", None, "2017-01"],
            "text": ["It happened Sunday.", None, "in May"],
        }
    )
    out = timexes_batch(batch)
    assert out.schema.names == ["id", "stated_date", "text", "timexes"]
    rows = out.column("timexes").to_pylist()
    assert rows[0][0]["value"] == "2017-01-08" and rows[0][0]["anchor"] == "2017-01-09"
    assert rows[1] == []
    assert REQUIRES == ("id", "stated_date", "text") and ASSIGNS == ("timexes",)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.dates())
def test_robustness_forms_do_not_depend_on_the_anchor(words: list[str], anchor: date) -> None:
    """Date checking tags once without an anchor and re-resolves: that must equal tagging with it."""
    text = " ".join(words)
    with_anchor = extract_timexes(text, anchor)
    without = extract_timexes(text, None)
    assert [(t.start, t.end, t.form) for t in with_anchor] == [(t.start, t.end, t.form) for t in without]
    assert [t.value for t in with_anchor] == [reresolve(t, anchor).value for t in without]
