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


DCT = date(2017, 1, 9)  # a Monday


@pytest.mark.parametrize(
    ("text", "expression", "typ", "value"),
    [
        ("Officials said two weeks ago that the talks failed.", "two weeks ago", "DATE", "2016-W52"),
        ("Sales rose last year.", "last year", "DATE", "2016"),
        ("It will open in August.", "August", "DATE", "2017-08"),
        ("He met them this week.", "this week", "DATE", "2017-W02"),
        ("Prices fell in the 1990s.", "the 1990s", "DATE", "199"),
        ("The firm said earlier this month that it would cut jobs.", "earlier this month", "DATE", "2017-01"),
        ("Profit rose in the fourth quarter of 2016.", "the fourth quarter of 2016", "DATE", "2016-Q4"),
        ("The company reported third-quarter earnings.", "third-quarter", "DATE", "2016-Q3"),
        ("Q3 2016 results were weak.", "Q3 2016", "DATE", "2016-Q3"),
        ("They shopped on Christmas Eve.", "Christmas Eve", "DATE", "2016-12-24"),
        ("They met on Thanksgiving.", "Thanksgiving", "DATE", "2016-11-24"),
        ("Independence Day 2016 was hot.", "Independence Day 2016", "DATE", "2016-07-04"),
        ("He served five years in prison.", "five years", "DURATION", "P5Y"),
        ("for the past three years", "the past three years", "DURATION", "P3Y"),
        ("The meeting is held every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        ("The index rose 5 percent a year.", "a year", "SET", "P1Y"),
        ("It happened at 10 a.m. Monday.", "10 a.m. Monday", "TIME", "2017-01-09T10:00"),
        ("It happened last night.", "last night", "TIME", "2017-01-08TNI"),
        ("Now the markets are calm.", "Now", "DATE", "PRESENT_REF"),
        ("The 20th century ended.", "The 20th century", "DATE", "19"),
        ("in late 2015", "late 2015", "DATE", "2015"),
        ("results for FY2017 were weak", "FY2017", "DATE", "2017"),
        ("Profit rose in fiscal 2016.", "fiscal 2016", "DATE", "2016"),
        ("It was nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
        ("He spoke on Sunday, Jan. 8.", "Sunday, Jan. 8", "DATE", "2017-01-08"),
        ("Published 01/08/2017 by AP", "01/08/2017", "DATE", "2017-01-08"),
        ("Published 13/01/2017 by AP", "13/01/2017", "DATE", "2017-01-13"),
        ("Am 9.1.2017 in Berlin", "9.1.2017", "DATE", "2017-01-09"),
        ("Updated 2017-01-09 10:32 GMT", "2017-01-09 10:32", "TIME", "2017-01-09T10:32"),
        ("The blast hit at 1500 GMT.", "1500 GMT", "TIME", "2017-01-09T15:00"),
        ("He died at 22:29 hours.", "22:29 hours", "TIME", "2017-01-09T22:29"),
        ("It's Monday, October 2, 6 a.m. here.", "Monday, October 2", "DATE", "2017-10-02"),
        ("the swine flu pandemic of 2009-2010", "2010", "DATE", "2010"),
        ("the 2012-13 season", "2012", "DATE", "2012"),
        ("Over the weekend, prices fell.", "the weekend", "DATE", "2017-W01-WE"),
        ("by the end of the month", "the end of the month", "DATE", "2017-01"),
        ("in the second half of 2016", "the second half of 2016", "DATE", "2016-H2"),
        ("It ended in 1986. He scored 90 seconds later.", "90 seconds later", "DATE", "2017-01-09"),
        ("The vote is scheduled for Friday.", "Friday", "DATE", "2017-01-13"),
        ("The deal closed Friday.", "Friday", "DATE", "2017-01-06"),
        ("The vote is set for Friday.", "Friday", "DATE", "2017-01-13"),
        ("He was expected to arrive Friday.", "Friday", "DATE", "2017-01-13"),
    ],
)  # fmt: skip
def test_extract_expression_value(text: str, expression: str, typ: str, value: str) -> None:
    found = {t.text: (t.type, t.value) for t in extract_timexes(text, DCT)}
    assert found.get(expression) == (typ, value), found


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("On Jan. 5 he arrived. He left the day before.", "the day before", "2017-01-04"),
        ("On Jan. 5 he arrived. The next day he came back.", "The next day", "2017-01-06"),
        ("The raid took place Sunday. The next day officials confirmed it.", "The next day", "2017-01-09"),
        ("In 2012 the plant opened. The following year it closed.", "The following year", "2013"),
        (
            "In 2012 the plant opened. The following year it closed. A year later it reopened.",
            "A year later",
            "2014",
        ),
        (
            "Profit rose in the third quarter of 1989. A year earlier it fell. The quarter was good.",
            "The quarter",
            "1989-Q3",
        ),
    ],
)
def test_extract_anaphora_follow_the_reference_time(text: str, expression: str, value: str) -> None:
    assert _values(text, DCT)[expression] == value


def test_extract_anaphora_of_an_absolute_date_are_absolute() -> None:
    for anchor in (None, DCT):
        t = {
            x.text: x
            for x in extract_timexes("In 2012 the plant opened. That year it hired 50 people.", anchor)
        }
        assert (t["That year"].value, t["That year"].form) == ("2012", "=2012")
        assert not is_anchor_relative(t["That year"])


def test_extract_anaphora_move_with_the_anchor() -> None:
    t = {x.text: x for x in extract_timexes("The raid took place Sunday. The next day officials spoke.", DCT)}
    assert is_anchor_relative(t["The next day"])
    assert reresolve(t["The next day"], date(2015, 3, 20)).value == "2015-03-16"


@pytest.mark.parametrize(
    "text",
    [
        "The 1,500 workers went home.",
        "He drove 2000 miles.",
        "The shares cost $1998 each.",
        "A 6-year-old boy and his 35-year-old mother.",
        "Flight 1549 landed in the river.",
        "Messi scored late in the second half of extra time.",
        "You may go. We march on.",
        "Prices may fall. Markets spring back.",
    ],
)
def test_extract_numbers_and_words_that_only_look_like_dates(text: str) -> None:
    assert [t.text for t in extract_timexes(text, DCT) if t.type == "DATE"] == []


@pytest.mark.parametrize(
    ("text", "expression", "tense"),
    [("Officials said Monday.", "Monday", "past"), ("The vote will be held Friday.", "Friday", "future"),
     ("The summit opens Friday.", "Friday", "future"), ("Talks in Geneva on Friday.", "Friday", None)],
)  # fmt: skip
def test_extract_weekday_tense_is_exposed(text: str, expression: str, tense: str | None) -> None:
    t = {x.text: x for x in extract_timexes(text, DCT)}
    assert timex_tense(t[expression]) == tense


@pytest.mark.parametrize("text", ["Winds of up to 241 km per hour.", "It drove at 150 miles an hour."])
def test_extract_speeds_are_not_sets(text: str) -> None:
    assert extract_timexes(text, DCT) == []


def test_extract_clock_after_a_full_date_is_absolute() -> None:
    text = "Wednesday, October 13, 2010; 8:58 PM"
    for anchor in (None, DCT):
        t = {x.text: x for x in extract_timexes(text, anchor)}
        assert (t["8:58 PM"].value, t["8:58 PM"].form) == ("2010-10-13T20:58", "=2010-10-13T20:58")


def test_extract_datetime_anchor_counts_as_its_day() -> None:
    from datetime import datetime

    t = extract_timexes("Officials said Monday.", datetime(2017, 1, 9, 15, 30))[0]
    assert (t.value, t.anchor) == ("2017-01-09", "2017-01-09")
    assert reresolve(t, datetime(2015, 3, 20, 1, 0)).value == "2015-03-16"


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # the year after a clock time and its day belongs to it (it was left out, and the day got the anchor's year)
        ("The fire began at 10 p.m. on Jan. 8, 2017 in the old town.", "10 p.m. on Jan. 8, 2017", "2017-01-08T22:00"),
        ("It started at 22:17 UTC on December 18, 2023, near the town.", "22:17 UTC on December 18, 2023", "2023-12-18T22:17"),
    ],
)
def test_extract_clock_time_with_a_dated_day(text: str, expression: str, value: str) -> None:
    assert _values(text, date(2023, 12, 19)).get(expression) == value


def test_extract_clock_time_leaves_a_number_that_is_no_year() -> None:
    found = _values("At 9 a.m. on Jan. 8, 12 people were hurt.", date(2023, 12, 19))
    assert "9 a.m. on Jan. 8" in found and not any("12" in k for k in found)
