"""Dates outside the text: the page address (``Article.url``) and htmldate's findings (``html_date_signals``).

A date in a URL path (``/2019/06/16/``, ``/2008/sep/15/``, ``2016-05-03``, ``20190616``, ``/20-12-2016/``), an
epoch-millisecond id (``...-1.1720926157015``) or a social post's id that holds its creation time (Mastodon,
Twitter/X, Bluesky, TikTok) is strong publication evidence: a publisher writes it when the page is made.
htmldate reads the URL first too. Every date is checked for plausibility (``is_valid_date``: a real day
between ``MIN_DATE`` and today) before it counts. The clues carry no offsets (they are not in the text).

>>> url_date("https://www.680news.com/2019/06/15/magnitude-7-4-earthquake/")
(datetime.date(2019, 6, 15), 'day')
>>> url_date("https://example.org/2015/03/germanwings-plane-crashes.html")
(datetime.date(2015, 3, 1), 'month')
>>> url_date("https://example.org/news/story-1608930/") is None
True
>>> url_date("https://mastodon.example/@reporter/109291556044801234")
(datetime.date(2022, 11, 5), 'day')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from dateline.dating.clues import Clue
from dateline.dating.config import clock_today

__all__ = ["MIN_DATE", "html_signal_clues", "is_valid_date", "social_post_day", "url_clues", "url_date"]

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
# ids that hold their creation time: Mastodon (/@user/ID, /users/user/statuses/ID: milliseconds << 16), Twitter/X
# (/user/status/ID: milliseconds since its epoch << 22), Bluesky (/profile/handle/post/TID: microseconds << 10,
# in sortable base32), TikTok (/@user/video/ID: seconds << 32)
_MASTODON_ID = re.compile(r"/(?:@[\w.\-]+|users/[\w.\-]+/statuses)/(?P<id>\d{15,19})(?![\d])")
_TWITTER_ID = re.compile(r"/status(?:es)?/(?P<id>\d{15,20})(?![\d])")
_TWITTER_HOSTS = ("twitter.com", "x.com")
_TWITTER_EPOCH_MS = 1288834974657
_BLUESKY_TID = re.compile(r"/profile/[^/]+/post/(?P<tid>[2-7a-z]{13})(?![2-7a-z])")
_B32_SORT = "234567abcdefghijklmnopqrstuvwxyz"
_TIKTOK_ID = re.compile(r"/@[\w.\-]+/(?:video|photo)/(?P<id>\d{18,20})(?![\d])")
_SOCIAL_SINCE = {
    "mastodon": date(2016, 3, 1), "twitter": date(2010, 11, 4), "bluesky": date(2023, 1, 1), "tiktok": date(2016, 9, 1),
}  # fmt: skip


def is_valid_date(d: date, *, latest: date | None = None) -> bool:
    """A plausible publication day for a web page: on or after ``MIN_DATE`` and not after ``latest`` (today)."""
    return MIN_DATE <= d <= (latest or clock_today())


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


def _day_in_month(rest: str, month: date, latest: date | None) -> tuple[date, str] | None:
    """The day of ``month`` (a path's year and month) that an id in the URL names, or None.

    Some sites end the address with an id that starts with the date, year in 2 digits
    (``/2019/03/slug-190315015927391``: 15 March), or that is the time in seconds since 1970. Either counts only
    when it falls in the path's month, so an unrelated number rarely does.

    >>> _day_in_month("/news/2019/03/slug-190315015927391.html", date(2019, 3, 1), None)
    (datetime.date(2019, 3, 15), 'day')
    >>> _day_in_month("/news/2017/08/slug/1503039256_776386.html", date(2017, 8, 1), None)
    (datetime.date(2017, 8, 18), 'day')
    >>> _day_in_month("/news/2019/04/slug-190315015927391.html", date(2019, 4, 1), None) is None
    True
    """
    yymm = f"{month.year % 100:02d}{month.month:02d}"
    for m in re.finditer(rf"(?<![\d]){yymm}(?P<d>[0-3]\d)\d{{0,9}}(?![\d])", rest):
        day = _day(month.year, month.month, int(m.group("d")), latest)
        if day is not None:
            return day, "day"
    for m in re.finditer(r"(?<![\d])1\d{9}(?![\d])", rest):
        day = datetime.fromtimestamp(int(m.group()), tz=UTC).date()
        if (day.year, day.month) == (month.year, month.month) and is_valid_date(day, latest=latest):
            return day, "day"
    return None


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
                if got[1] == "month":  # an id may name the day
                    return _day_in_month(rest, got[0], latest) or got
                return got
    posted = social_post_day(url, latest=latest)
    if posted is not None:
        return posted, "day"
    for m in _EPOCH_MS.finditer(rest):
        ts = datetime.fromtimestamp(int(m.group("ms")) / 1000.0, tz=UTC).date()
        if is_valid_date(ts, latest=latest):
            return ts, "day"
    for m in _YEAR_SEGMENT.finditer(rest + "/"):
        jan1 = _day(int(m.group("y")), 1, 1, latest)
        if jan1 is not None:
            return jan1, "year"
    return None


def social_post_day(url: str, *, latest: date | None = None) -> date | None:
    """The day (UTC) a social post was made, from the id in its address, or None.

    Mastodon ids are milliseconds since 1970 shifted left by 16 bits; Twitter/X ids (on twitter.com or x.com)
    milliseconds since 2010-11-04 shifted left by 22; Bluesky record keys are microseconds shifted left by 10,
    written in sortable base32; TikTok ids (on tiktok.com) seconds shifted left by 32. A day before the platform
    existed, or after ``latest``, is no day.

    >>> social_post_day("https://twitter.com/somebody/status/1106374454277050593")
    datetime.date(2019, 3, 15)
    >>> social_post_day("https://bsky.app/profile/someone.bsky.social/post/3kx7ekw7t222b")
    datetime.date(2024, 7, 14)
    >>> social_post_day("https://example.org/status/1106374454277050593") is None
    True
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    path = parts.path
    found: list[tuple[str, float]] = []  # (platform, seconds since 1970)
    if host == "bsky.app" or host.endswith(".bsky.app"):
        for m in _BLUESKY_TID.finditer(path.lower()):
            value = 0
            for ch in m.group("tid"):
                value = value * 32 + _B32_SORT.index(ch)
            found.append(("bluesky", (value >> 10) / 1e6))
    elif host == "tiktok.com" or host.endswith(".tiktok.com"):
        found += [("tiktok", float(int(m.group("id")) >> 32)) for m in _TIKTOK_ID.finditer(path)]
    elif any(host == h or host.endswith("." + h) for h in _TWITTER_HOSTS):
        found += [("twitter", ((int(m.group("id")) >> 22) + _TWITTER_EPOCH_MS) / 1e3) for m in _TWITTER_ID.finditer(path)]
    else:
        found += [("mastodon", (int(m.group("id")) >> 16) / 1e3) for m in _MASTODON_ID.finditer(path)]
    for platform, secs in found:
        try:
            day = datetime.fromtimestamp(secs, tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            continue
        if day >= _SOCIAL_SINCE[platform] and is_valid_date(day, latest=latest):
            return day
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
