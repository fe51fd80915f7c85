"""Date clues read from text: dateline, weekday+date pairs, stamps, furniture, tense, and the tagger's forms."""

from __future__ import annotations

import pytest

from dateline.dating.signals import (
    _tense_from_context,
    boilerplate_spans,
    clues_from_timexes,
    date_line_clues,
    dateline_clues,
    stamp_clues,
    text_clues,
    weekday_date_clues,
)
from dateline.records import Timex


@pytest.mark.parametrize(
    ("text", "month", "day", "year"),
    [
        ("BEIRUT, Jan. 9 (AP) \u2014 The raid took place on Sunday.", 1, 9, None),
        ("WASHINGTON, March 3, 2015 (Reuters) - Officials said.", 3, 3, 2015),
        ("PARIS, 14 July - Crowds gathered.", 7, 14, None),
        # after a title line and a blank line (the second line was never read before: the pattern was anchored)
        ("Pope chosen\n\nBEIRUT, Jan. 9 (AP) \u2014 The raid took place on Sunday.", 1, 9, None),
        ("Argentine cardinal chosen\nVATICAN CITY (March 13, 2013)\u2014Cardinal Bergoglio was elected.", 3, 13, 2013),
    ],
)
def test_signals_dateline_reads_month_day_and_year(text: str, month: int, day: int, year: int | None) -> None:
    (clue,) = dateline_clues(text, "a")
    assert (clue.kind, clue.month, clue.day, clue.year) == ("dateline", month, day, year)


@pytest.mark.parametrize(
    "text",
    [
        "BEIRUT \u2014 The raid took place on Sunday.",
        "The talks ended on Jan. 9 - late.",
        "A title\nA first line.\nA second line.\nThe third line.\nPARIS, 14 July - Crowds gathered.",  # too far down
    ],
)
def test_signals_dateline_needs_a_date_at_the_top(text: str) -> None:
    assert dateline_clues(text, "a") == []


@pytest.mark.parametrize(
    ("text", "weekday", "month", "day", "year"),
    [
        ("The raid on Sunday, Jan. 8 killed 25 people.", 6, 1, 8, None),
        ("It opened on Tuesday (March 3) in Rome.", 1, 3, 3, None),
        ("The vote on Friday, 6 May 2016 was close.", 4, 5, 6, 2016),
    ],
)
def test_signals_weekday_date_pairs(text: str, weekday: int, month: int, day: int, year: int | None) -> None:
    (clue,) = weekday_date_clues(text, "a")
    assert (clue.weekday, clue.month, clue.day, clue.year) == (weekday, month, day, year)


def test_signals_weekday_contradicting_year_keeps_month_and_day() -> None:
    """'Monday, 6 May 2016' (a Friday): a typo in the weekday or the year; only the month and day are sure."""
    (clue,) = weekday_date_clues("The vote on Monday, 6 May 2016 was close.", "a")
    assert (clue.kind, clue.weekday, clue.month, clue.day, clue.year) == ("monthday", None, 5, 6, None)


def test_signals_a_date_in_running_text_is_no_stamp() -> None:
    assert stamp_clues("The meeting on March 3, 2015 was long.", "a") == []


@pytest.mark.parametrize(
    ("text", "kind", "iso"),
    [
        ("Published: 9 January 2017\nThe raid ...", "published", (2017, 1, 9)),
        ("Last updated on Jan. 10, 2017 at 10:00", "updated", (2017, 1, 10)),
        ("Posted 2016-02-29 by staff", "published", (2016, 2, 29)),
        ("Posted on 06/29/2016 | About Istanbul", "published", (2016, 6, 29)),
        ("Posted on 29/06/2016 | About Istanbul", "published", (2016, 6, 29)),
        ("By Staff  July 6, 2014 5:47 PM EDT\nThe fire spread.", "published", (2014, 7, 6)),
    ],
)
def test_signals_publication_stamps(text: str, kind: str, iso: tuple[int, int, int]) -> None:
    (clue,) = stamp_clues(text, "a")
    assert clue.kind == kind
    assert (clue.year, clue.month, clue.day) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Raid kills leader\n\nWednesday, June 29, 2016\nThe raid took place on Sunday.", (2016, 6, 29)),
        ("Raid kills leader\n14 Mar, 2013\nThe raid took place on Sunday.", (2013, 3, 14)),
        ("Raid kills leader\nThis Article is From Apr 26, 2015\nThe raid took place.", (2015, 4, 26)),
        ("Raid kills leader\nBy Mark Chandler | 22 March 2016 | 3 min read\nThe raid took place.", (2016, 3, 22)),
    ],
)
def test_signals_a_date_line_near_the_top_is_the_byline_date(text: str, iso: tuple[int, int, int]) -> None:
    (clue,) = date_line_clues(text, "a")
    assert (clue.kind, clue.year, clue.month, clue.day) == ("published", *iso)
    # read once, as the stamp: not also as a weekday+date or as a date the text mentions
    same = [c for c in text_clues(text, [], "a") if c.start is not None and c.start < clue.end and clue.start < c.end]
    assert [c.kind for c in same] == ["published"]


@pytest.mark.parametrize(
    "text",
    [
        "Raid kills leader\nThe raid of June 29, 2016 was the third one in the province this year, officials said.",
        "Raid kills leader\nJune 29\nThe raid took place on Sunday.",  # no year
        "One\nTwo\nThree\nFour\nWednesday, June 29, 2016\nThe raid.",  # too far down
        "Raid kills leader\n\u00a9 June 29, 2016 Daily Planet\nThe raid took place.",  # page furniture
    ],
)
def test_signals_no_date_line(text: str) -> None:
    from dateline.dating.signals import boilerplate_spans

    assert date_line_clues(text, "a", boilerplate_spans(text)) == []
    assert not any(c.kind == "published" for c in text_clues(text, [], "a"))


@pytest.mark.parametrize(
    "line",
    ["Copyright 2015 The Associated Press. All rights reserved.", "\u00a9 2024 Latin Times", "File photo: protesters in 2012"],
)
def test_signals_boilerplate_lines_are_found(line: str) -> None:
    text = "The raid took place in October 2015.\n" + line
    spans = boilerplate_spans(text)
    assert spans == [(text.index(line), len(text))]


def test_signals_clues_inside_boilerplate_are_ignored() -> None:
    text = "The raid took place in October 2015.\nCopyright 2012 AP."
    timexes = [
        Timex(23, 35, "October 2015", "DATE", "2015-10", form="=2015-10"),
        Timex(47, 51, "2012", "DATE", "2012", form="=2012"),
    ]
    clues = text_clues(text, timexes, "a")
    assert [c.text for c in clues] == ["October 2015"]


@pytest.mark.parametrize(
    ("sentence", "target", "tense"),
    [
        ("A U.S. soldier died in another raid in the town of Hawija in October 2015 that freed 70.", "October 2015", "past"),
        ("The talks will resume on Jan. 8 in Geneva.", "Jan. 8", "future"),
        ("The plant, which opened in May 2015, is to close.", "May 2015", "past"),
        ("The United Nations meets on Jan. 8.", "Jan. 8", None),
        ("The pope has announced that he is going to resign on February 28, 2013.", "February 28, 2013", "future"),
        ("Officials said the bridge is about to reopen on May 3.", "May 3", "future"),
    ],
)
def test_signals_tense_from_the_sentence(sentence: str, target: str, tense: str | None) -> None:
    i = sentence.index(target)
    assert _tense_from_context(sentence, i, i + len(target)) == tense


@pytest.mark.parametrize(
    ("form", "text", "kind", "fields"),
    [
        ("=2015-10", "October 2015", "month", (2015, 10, None, None)),
        ("=2017-01-08", "Jan. 8, 2017", "date", (2017, 1, 8, None)),
        ("=2015", "2015", "year", (2015, None, None, None)),
        ("md:01-08:p", "Jan. 8", "monthday", (None, 1, 8, None)),
        ("wd:7:p", "Sunday", "weekday", (None, None, None, 6)),
        ("m:08:n", "August", "monthname", (None, 8, None, None)),
    ],
)
def test_signals_tagger_forms_become_clues(form: str, text: str, kind: str, fields: tuple) -> None:
    tx = Timex(0, len(text), text, "DATE", "X", form=form)
    (clue,) = clues_from_timexes([tx], text, "a")
    assert clue.kind == kind
    assert (clue.year, clue.month, clue.day, clue.weekday) == fields


@pytest.mark.parametrize("form", ["sh:-1:D:D", "sh:0:Y:Y", "=PAST_REF", "=P2W"])
def test_signals_anchor_relative_forms_say_nothing(form: str) -> None:
    tx = Timex(0, 9, "yesterday", "DATE", "X", form=form)
    assert clues_from_timexes([tx], "yesterday", "a") == []


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("The quake came days after the 11th anniversary of the disaster in March 2011.", 2022),
        ("Crowds marked the fiftieth anniversary of the 1967 war on Monday.", 2017),
        ("It was the 100th anniversary in 2021 of the founding.", None),  # the year is not the event's
        ("The 25th anniversary of the firm was celebrated.", None),  # no year
    ],
)
def test_signals_anniversary_adds_the_count_to_the_year(text: str, year: int | None) -> None:
    from dateline.dating.signals import anniversary_clues

    got = anniversary_clues(text, "a")
    assert [c.year for c in got] == ([year] if year else [])
    assert all(c.kind == "anniversary" and c.start is not None for c in got)


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("The quake came days after the 11th anniversary of the disaster in March 2011.", (2022, 3, None)),
        ("Marchers recalled the 50th anniversary of the March 7, 1965, march in Selma.", (2015, 3, 7)),
        ("It was the tenth anniversary of the 11 September 2001 attacks.", (2011, 9, 11)),
        ("Voters marked the 20th anniversary of the Feb. 29, 2000 vote.", (2020, 2, 29)),
        ("Voters marked the 21st anniversary of the Feb. 29, 2000 vote.", (2021, 2, None)),  # no Feb. 29 in 2021
        ("They marked the 50th anniversary of the march in 1963.", (2013, None, None)),  # a march, not March
    ],
)
def test_signals_anniversary_keeps_the_old_events_month_and_day(text: str, fields: tuple) -> None:
    from dateline.dating.signals import anniversary_clues

    (clue,) = anniversary_clues(text, "a")
    assert (clue.year, clue.month, clue.day) == fields


@pytest.mark.parametrize(
    ("text", "target", "tense"),
    [
        ("He served as president from 1976 until 2008.", "2008", "past"),
        ("The jets will be delivered in 2014.", "2014", "future"),
        ("The dollar could fall below 100 yen by 1993.", "1993", "future"),
        ("The plant opened in 1993.", "1993", "past"),
    ],
)
def test_signals_tense_of_ranges_deadlines_and_passive_futures(text: str, target: str, tense: str) -> None:
    from dateline.dating.signals import _tense_from_context

    i = text.index(target)
    assert _tense_from_context(text, i, i + len(target)) == tense
