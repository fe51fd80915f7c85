"""The event timeline of a story: the normalized dates its copies mention, merged across copies."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from dateline.records import Article, DateEstimate, Timex
from dateline.stories.config import DEFAULT_STORY_CONFIG, StoryConfig
from dateline.stories.sentences import Sentence, split_sentences

__all__ = ["build_timeline", "value_interval"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HAS_YEAR = re.compile(r"\b\d{4}\b")


def value_interval(value: str) -> tuple[str, str, str] | None:
    """The days a TIMEX3 value covers, as ``(lo, hi, granularity)``, or None when it names no fixed time.

    >>> value_interval("2015-05")
    ('2015-05-01', '2015-05-31', 'month')
    >>> value_interval("2017-01-08T14:00")
    ('2017-01-08', '2017-01-08', 'day')
    >>> value_interval("PRESENT_REF") is None
    True
    """
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d.isoformat(), d.isoformat(), "day"
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            last = calendar.monthrange(y, mo)[1]
            return date(y, mo, 1).isoformat(), date(y, mo, last).isoformat(), "month"
        if m := _YEAR.match(value):
            y = int(m[1])
            return date(y, 1, 1).isoformat(), date(y, 12, 31).isoformat(), "year"
        if m := _WEEK.match(value):
            lo = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            hi = date.fromisocalendar(int(m[1]), int(m[2]), 7)
            return lo.isoformat(), hi.isoformat(), "week"
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            last = calendar.monthrange(y, 3 * q)[1]
            return date(y, 3 * q - 2, 1).isoformat(), date(y, 3 * q, last).isoformat(), "quarter"
    except ValueError:
        return None
    return None


def _sentence_of(sentences: Sequence[Sentence], start: int, end: int) -> Sentence | None:
    for s in sentences:
        if s.start <= start < s.end or (s.start < end <= s.end):
            return s
    return None


def _for_timeline(timex: Timex, estimate: DateEstimate | None) -> Timex | None:
    """The timex as the timeline should read it, or None when it cannot be trusted.

    A copy whose stated date was judged ``wrong`` had its relative expressions ("Sunday", "Jan. 8")
    resolved against a wrong anchor. With the tagger's anchor-free reading (``form``) they are
    resolved again against the estimated date; without it only mentions that name their year stay.
    """
    if estimate is None or estimate.verdict != "wrong" or timex.anchor is None:
        return timex
    if timex.form:
        from dateline.temporal import is_anchor_relative, reresolve

        if not is_anchor_relative(timex):
            return timex
        if estimate.estimated_date:
            try:
                return reresolve(timex, date.fromisoformat(estimate.estimated_date))
            except ValueError:
                return None
        return None
    return timex if _HAS_YEAR.search(timex.text) else None


def build_timeline(
    articles: Sequence[Article],
    timexes: Mapping[str, Sequence[Timex]],
    estimates: Mapping[str, DateEstimate] | None = None,
    *,
    config: StoryConfig = DEFAULT_STORY_CONFIG,
) -> list[dict[str, Any]]:
    """Merge the dated mentions of all copies into one list of events, in date order.

    Each event is ``{"date", "lo", "hi", "granularity", "article_ids", "count", "mentions"}``,
    where ``date`` is the TIMEX3 value with any time of day dropped and each mention is
    ``{"article_id", "text", "start", "end", "value", "sentence", "sentence_start", "sentence_end"}``
    (offsets into that article's text). Mentions that name no fixed time (``PRESENT_REF``,
    ``XXXX-01-08``), durations and sets are left out. Relative mentions ("Sunday") of a copy whose
    stated date was judged ``wrong`` are resolved again against its estimated date when the
    tagger's ``form`` is known, and left out otherwise.
    """
    events: dict[str, dict[str, Any]] = {}
    for article in articles:
        estimate = estimates.get(article.id) if estimates else None
        sentences: list[Sentence] | None = None
        for tx in sorted(timexes.get(article.id, ()), key=lambda t: (t.start, t.end)):
            if tx.type not in config.timeline_types:
                continue
            read = _for_timeline(tx, estimate)
            if read is None:
                continue
            tx = read
            span = value_interval(tx.value)
            if span is None:
                continue
            lo, hi, gran = span
            key = tx.value.split("T", 1)[0]
            if sentences is None:
                sentences = split_sentences(article.text)
            sent = _sentence_of(sentences, tx.start, tx.end)
            ev = events.setdefault(
                key, {"date": key, "lo": lo, "hi": hi, "granularity": gran, "article_ids": [], "mentions": []}
            )
            if article.id not in ev["article_ids"]:
                ev["article_ids"].append(article.id)
            ev["mentions"].append(
                {
                    "article_id": article.id,
                    "text": tx.text,
                    "start": tx.start,
                    "end": tx.end,
                    "value": tx.value,
                    "sentence": sent.text if sent else tx.text,
                    "sentence_start": sent.start if sent else tx.start,
                    "sentence_end": sent.end if sent else tx.end,
                }
            )
    out = sorted(events.values(), key=lambda e: (e["lo"], e["hi"], e["date"]))
    for ev in out:
        ev["count"] = len(ev["mentions"])
    return out
