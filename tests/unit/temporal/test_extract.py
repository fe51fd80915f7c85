"""Spec of the temporal tagger's extraction: what is found, with which value, for a given anchor."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.records import Timex
from dateline.temporal import (
    extract_timexes,
    is_anchor_relative,
    reresolve,
    timex_tense,
)

SEED_2017 = (
    "Members of an elite U.S. force have carried out a ground operation in eastern Syria, U.S. officials said Monday.\n\n"
    "The raid took place Sunday near a small town along the Euphrates River valley.\n\n"
    "\u201cThe Coalition can confirm a U.S. operation in the vicinity of Deir al-Zour on Jan. 8.\u201d\n\n"
    "The most successful capture was that of Abu Sayyaf, a top financier, in May 2015. "
    "A U.S. soldier died in another raid in October 2015."
)


def _values(text: str, anchor: date | None) -> dict[str, str]:
    return {t.text: t.value for t in extract_timexes(text, anchor)}


@pytest.mark.parametrize(
    ("expression", "value"),
    [("Monday", "2017-01-09"), ("Sunday", "2017-01-08"), ("Jan. 8", "2017-01-08"), ("May 2015", "2015-05"),
     ("October 2015", "2015-10")],
)  # fmt: skip
def test_extract_seed_expressions(expression: str, value: str) -> None:
    assert _values(SEED_2017, date(2017, 1, 9))[expression] == value


@pytest.mark.parametrize(
    ("expression", "value"),
    [("Monday", "2015-03-16"), ("Sunday", "2015-03-15"), ("Jan. 8", "2015-01-08"), ("May 2015", "2015-05"),
     ("October 2015", "2015-10")],
)  # fmt: skip
def test_extract_reresolve_seed_against_other_anchor(expression: str, value: str) -> None:
    timexes = {t.text: t for t in extract_timexes(SEED_2017, date(2017, 1, 9))}
    moved = reresolve(timexes[expression], date(2015, 3, 20))
    assert moved.value == value
    assert moved.anchor == "2015-03-20"
    assert (moved.start, moved.end) == (timexes[expression].start, timexes[expression].end)


@pytest.mark.parametrize(
    ("expression", "relative", "tense"),
    [("Monday", True, "past"), ("Sunday", True, "past"), ("Jan. 8", True, None), ("May 2015", False, None)],
)
def test_extract_relative_and_tense(expression: str, relative: bool, tense: str | None) -> None:
    timexes = {t.text: t for t in extract_timexes(SEED_2017, date(2017, 1, 9))}
    assert is_anchor_relative(timexes[expression]) is relative
    assert timex_tense(timexes[expression]) == tense


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [("The deal was signed Jan. 8 in Paris.", "Jan. 8", "XXXX-01-08"), ("He said Monday.", "Monday", "XXXX-WXX-1"),
     ("It happened last year.", "last year", "PAST_REF"), ("They met in May 2015.", "May 2015", "2015-05")],
)  # fmt: skip
def test_extract_without_anchor_is_underspecified(text: str, expression: str, value: str) -> None:
    assert _values(text, None)[expression] == value


def test_extract_returns_timex_records() -> None:
    out = extract_timexes(SEED_2017, date(2017, 1, 9))
    assert all(isinstance(t, Timex) for t in out)
    assert all(SEED_2017[t.start : t.end] == t.text for t in out)
