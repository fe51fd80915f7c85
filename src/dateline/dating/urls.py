"""Dates outside the text: the page address (``Article.url``) and htmldate's findings (``html_date_signals``).

A date in a URL path (``/2019/06/16/``, ``/2008/sep/15/``, ``2016-05-03``, ``20190616``, ``/20-12-2016/``) or an
epoch-millisecond id (``...-1.1720926157015``) is strong publication evidence: a publisher writes it when the page
is made. htmldate reads the URL first too. Every date is checked for plausibility (``is_valid_date``: a real day
between ``MIN_DATE`` and today) before it counts. The clues carry no offsets (they are not in the text).

>>> url_date("https://www.680news.com/2019/06/15/magnitude-7-4-earthquake/")
(datetime.date(2019, 6, 15), 'day')
>>> url_date("https://example.org/2015/03/germanwings-plane-crashes.html")
(datetime.date(2015, 3, 1), 'month')
>>> url_date("https://example.org/news/story-1608930/") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from dateline.dating.clues import Clue

__all__ = ["MIN_DATE", "html_signal_clues", "is_valid_date", "url_clues", "url_date"]

MIN_DATE = date(1995, 1, 1)  # htmldate's default lower bound: few web pages are older
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_SEP = r"[/_.\-]"
# (pattern, precision); tried in order, the first plausible match wins
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # 2019/06/16, 2016-05-03, 2013_03_13, 2013-03/15, with a 2- or 1-digit month and day
    # (after a slash, "/2016/11/6-9-magnitude-quake" is a month and a slug, not a day)
    (re.compile(rf"(?<![\d])(?P<y>(?:199|20[0-9])\d){_SEP}(?P<m>[01]?\d)(?P<s2>{_SEP})(?P<d>[0-3]?\d)(?![\d])"), "day"),
    # 2008/sep/15
    (re.compile(rf"(?<![\d])(?P<y>(?:199|20[0-9])\d){_SEP}{_MON}{_SEP}(?P<d>[0-3]?\d)(?![\d])"), "day"),
    # 2013/0415 (year, then month and day together)
    (re.compile(r"(?<![\d])(?P<y>(?:199|20[0-9])\d)/(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d])"), "day"),
    # september-9-2023, march-30-2021
    (re.compile(rf"{_MON}{_SEP}(?P<d>[0-3]?\d){_SEP}(?P<y>(?:199|20[0-9])\d)(?![\d])"), "day"),
    # 23-jun-2023
    (re.compile(rf"(?<![\d])(?P<d>[0-3]?\d){_SEP}{_MON}{_SEP}(?P<y>(?:199|20[0-9])\d)(?![\d])"), "day"),
    # 20190616, 200507070517 (with a clock time), idCNL6N0PS5HK20140717
    (re.compile(r"(?<![\d])(?P<y>(?:199|20[0-9])\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:[0-2]\d[0-5]\d(?:[0-5]\d)?)?(?![\d])"), "day"),
    # 20-12-2016 or 12-20-2016 (only when the order is clear)
    (re.compile(rf"(?<![\d])(?P<a>[0-3]?\d){_SEP}(?P<b>[0-3]?\d){_SEP}(?P<y>(?:199|20[0-9])\d)(?![\d])"), "dmy"),
    # 09152008 (only when the order is clear)
    (re.compile(r"(?<![\d])(?P<a>[0-3]\d)(?P<b>[0-3]\d)(?P<y>(?:199|20[0-9])\d)(?![\d])"), "dmy"),
    # 2019/06, 2016-05 (a month)
    (re.compile(rf"(?<![\d])(?P<y>(?:199|20[0-9])\d){_SEP}(?P<m>[01]?\d)(?![\d])"), "month"),
    # 2023/december
    (re.compile(rf"(?<![\d])(?P<y>(?:199|20[0-9])\d){_SEP}{_MON}(?![a-z])"), "month"),
]
_EPOCH_MS = re.compile(r"(?<![\d])(?P<pre>1|10)?(?P<ms>1\d{12})(?![\d])")
_YEAR_SEGMENT = re.compile(r"/(?P<y>(?:199|20[0-9])\d)(?=/)")


def is_valid_date(d: date, *, latest: date | None = None) -> bool:
    """A plausible publication day for a web page: on or after ``MIN_DATE`` and not after ``latest`` (today)."""
    return MIN_DATE <= d <= (latest or date.today())


def _day(y: int, m: int, d: int, latest: date | None) -> date | None:
    try:
        out = date(y, m, d)
    except ValueError:
        return None
    return out if is_valid_date(out, latest=latest) else None


def _month_num(name: str) -> int:
    return _MONTHS[name[:3]]


def _from_match(m: re.Match[str], how: str, latest: date | None) -> tuple[date, str] | None:
    g = m.groupdict()
    y = int(g["y"])
    if how == "dmy":
        a, b = int(g["a"]), int(g["b"])
        first = _day(y, b, a, latest)  # day first (European)
        second = _day(y, a, b, latest)  # month first (US)
        if first and second and first != second:
            return None  # 05-06-2019: either order works, so the URL says nothing sure
        either = first or second
        return (either, "day") if either else None
    month = _month_num(g["mon"]) if g.get("mon") else int(g["m"])
    if how == "month":
        start = _day(y, month, 1, latest)
        return (start, "month") if start else None
    if g.get("s2") == "/" and m.string[m.end() : m.end() + 1] == "-":
        return None
    day = _day(y, month, int(g["d"]), latest)
    return (day, "day") if day else None


def url_date(url: str | None, *, latest: date | None = None) -> tuple[date, str] | None:
    """The publication date a URL's path or query states, and its precision (``day``, ``month`` or ``year``).

    ``latest`` is the last plausible day (today by default). The host is not read. Epoch-millisecond ids
    (13 digits, optionally behind a ``1`` or ``10`` prefix as some publishers write them) count as a day (UTC).
    None when the URL names no plausible date.
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    rest = unquote(parts.path + ("?" + parts.query if parts.query else "")).lower()
    for rx, how in _PATTERNS:
        for m in rx.finditer(rest):
            got = _from_match(m, how, latest)
            if got is not None:
                return got
    for m in _EPOCH_MS.finditer(rest):
        ts = datetime.fromtimestamp(int(m.group("ms")) / 1000.0, tz=UTC).date()
        if is_valid_date(ts, latest=latest):
            return ts, "day"
    for m in _YEAR_SEGMENT.finditer(rest + "/"):
        jan1 = _day(int(m.group("y")), 1, 1, latest)
        if jan1 is not None:
            return jan1, "year"
    return None


def url_clues(url: str | None, article_id: str, *, weight: float = 1.0, latest: date | None = None) -> list[Clue]:
    """The URL's date as a clue of kind ``url`` (no text offsets), or nothing.

    >>> c = url_clues("https://x.org/2019/06/16/quake/", "a")[0]
    >>> (c.kind, c.year, c.month, c.day, c.start)
    ('url', 2019, 6, 16, None)
    """
    found = url_date(url, latest=latest)
    if found is None or url is None:
        return []
    d, precision = found
    return [
        Clue(
            "url",
            url,
            None,
            None,
            article_id,
            None,
            d.year,
            d.month if precision in ("day", "month") else None,
            d.day if precision == "day" else None,
            weight=weight,
        )
    ]


def html_signal_clues(
    signals: Iterable[Mapping[str, Any]] | None, article_id: str, *, weight: float = 1.0,
    latest: date | None = None,
) -> list[Clue]:
    """htmldate's dates (``{"kind": "html_original"|"html_updated", "value": ISO, ...}``) as clues.

    Malformed, implausible or unknown signals are skipped.

    >>> [c.kind for c in html_signal_clues([{"kind": "html_original", "value": "2019-06-16"}], "a")]
    ['html_original']
    """
    out: list[Clue] = []
    for s in signals or ():
        kind = s.get("kind")
        value = s.get("value")
        if kind not in ("html_original", "html_updated") or not isinstance(value, str):
            continue
        try:
            d = date.fromisoformat(value.strip()[:10])
        except ValueError:
            continue
        if not is_valid_date(d, latest=latest):
            continue
        text = f"{kind.replace('_', ' ')} date {d.isoformat()} ({s.get('source') or 'html'})"
        out.append(Clue(kind, text, None, None, article_id, None, d.year, d.month, d.day, weight=weight))
    return out
