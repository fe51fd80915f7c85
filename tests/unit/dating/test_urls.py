"""Dates from the page, not its text: URL dates and htmldate's signals, read and used as evidence."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.dating import DatingConfig, estimate_date
from dateline.dating.urls import html_signal_clues, is_valid_date, url_clues, url_date
from dateline.records import Article, parse_stated_date

LATEST = date(2025, 1, 1)
PLAIN = "Officials said the bridge would reopen after repairs. Traffic was diverted to the old road."


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.680news.com/2019/06/15/magnitude-7-4-earthquake-hits/", (date(2019, 6, 15), "day")),
        ("https://x.org/news/2019/06/16", (date(2019, 6, 16), "day")),
        ("http://www.abc.net.au/news/2016-05-03/leicester-city-win/7378108", (date(2016, 5, 3), "day")),
        ("http://www.nwaonline.com/news/2015/apr/26/toll-at-1-394/", (date(2015, 4, 26), "day")),
        ("http://blog.example.com/2013_03_13_archive.html", (date(2013, 3, 13), "day")),
        ("https://m.example.com/USA/2013/0415/Two-explosions", (date(2013, 4, 15), "day")),
        ("http://allthingsd.com/20120806/we-are-on-mars/", (date(2012, 8, 6), "day")),
        ("http://cn.example.com/article/idCNL6N0PS5HK20140717", (date(2014, 7, 17), "day")),
        ("http://example.com/index.php?content=letters/200507070517", (date(2005, 7, 7), "day")),
        ("http://www.example.com/video/20-12-2016/136469-germany-0/", (date(2016, 12, 20), "day")),
        ("http://www.example.com/09152008_lehman_bankruptcy.asp", (date(2008, 9, 15), "day")),
        ("https://example.com/news/updates-september-9-2023/", (date(2023, 9, 9), "day")),
        ("https://gulfnews.com/opinion/what-we-know-1.1720926157015", (date(2024, 7, 14), "day")),
        ("https://www.example.com/news/ever-given-free/amp-11617130767630.html", (date(2021, 3, 30), "day")),
        ("https://example.org/2015/03/germanwings-plane-crashes.html", (date(2015, 3, 1), "month")),
        ("https://thediplomat.com/2016/11/6-9-magnitude-earthquake-strikes", (date(2016, 11, 1), "month")),
        ("https://www.example.se/en/news/2023/december/volcanic-eruption", (date(2023, 12, 1), "month")),
        ("https://www.example.com/news/2023/earthquake-kills-over-1700", (date(2023, 1, 1), "year")),
        ("https://example.com/2019/02/30/no-such-day", (date(2019, 2, 1), "month")),
    ],
)
def test_urls_url_date_reads_common_layouts(url: str, expected: tuple[date, str]) -> None:
    assert url_date(url, latest=LATEST) == expected


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://example.com/world-news/powerful-earthquake/1608930/",  # a plain id
        "https://2011sendaiearthquake.blogspot.com/",  # a year in the host only
        "https://example.com/article/05-06-2019/slug",  # day and month could be either way round
        "https://example.com/2031/01/05/from-the-future",  # after the latest plausible day
        "https://example.com/1989/01/05/before-the-web",  # before MIN_DATE
        "https://example.com/splinter-news-1797782400",  # 10 digits: not read as epoch seconds
    ],
)
def test_urls_url_date_rejects_ids_and_implausible_dates(url: str | None) -> None:
    assert url_date(url, latest=LATEST) is None


def test_urls_is_valid_date_bounds() -> None:
    assert is_valid_date(date(2019, 6, 16), latest=LATEST)
    assert not is_valid_date(date(1994, 12, 31), latest=LATEST)
    assert not is_valid_date(date(2025, 1, 2), latest=LATEST)


def test_urls_url_clues_have_no_offsets() -> None:
    (c,) = url_clues("https://x.org/2019/06/16/quake/", "a", weight=2.0, latest=LATEST)
    assert (c.kind, c.start, c.end, c.article_id, c.weight) == ("url", None, None, "a", 2.0)
    assert url_clues("https://x.org/about/", "a") == []


def _article(stated: str | None, url: str | None = None, signals: list[dict] | None = None) -> Article:
    return Article(id="p", text=PLAIN, stated_date=parse_stated_date(stated), url=url, html_date_signals=signals)


@pytest.mark.parametrize(
    ("stated", "url", "verdict", "estimate"),
    [
        ("2019-06-16", "https://x.org/2019/06/16/bridge/", "consistent", "2019-06-16"),
        ("2019-06-17", "https://x.org/2019/06/16/bridge/", "consistent", "2019-06-17"),  # within tolerance
        ("2017-03-02", "https://x.org/2019/06/16/bridge/", "wrong", "2019-06-16"),
        ("2019-05-01", "https://x.org/2019/06/16/bridge/", "wrong", "2019-06-16"),
        ("2019-06-20", "https://x.org/2019/06/bridge-reopens", "consistent", "2019-06-20"),
        ("2016-06-20", "https://x.org/2019/06/bridge-reopens", "wrong", None),
        (None, "https://x.org/2019/06/16/bridge/", "no_date", "2019-06-16"),
    ],
)
def test_urls_estimate_date_uses_url_date(stated: str | None, url: str, verdict: str, estimate: str | None) -> None:
    est = estimate_date(_article(stated, url))
    assert est.verdict == verdict
    if estimate is not None:
        assert est.estimated_date == estimate
    else:
        assert est.estimated_date is not None and est.estimated_date.startswith("2019-06")
    ev = [e for e in est.evidence if e.kind == "url"]
    assert len(ev) == 1 and ev[0].start is None and ev[0].end is None and "URL" in ev[0].implies
    if est.interval[0] and est.interval[1]:
        true = estimate or "2019-06-15"
        assert est.interval[0] <= true <= est.interval[1] or verdict == "consistent"


def test_urls_estimate_date_ignores_url_when_weight_is_zero() -> None:
    est = estimate_date(_article("2017-03-02", "https://x.org/2019/06/16/bridge/"), config=DatingConfig(url_weight=0))
    assert est.verdict == "insufficient_evidence"
    assert not est.evidence


def test_urls_html_signal_clues_skip_malformed() -> None:
    signals = [
        {"kind": "html_original", "value": "2019-06-16", "source": "htmldate"},
        {"kind": "html_updated", "value": "2019-06-18T10:00:00"},
        {"kind": "html_original", "value": "not a date"},
        {"kind": "something_else", "value": "2019-06-16"},
        {"kind": "html_original", "value": "1970-01-01"},
    ]
    clues = html_signal_clues(signals, "a", latest=LATEST)
    assert [(c.kind, c.day) for c in clues] == [("html_original", 16), ("html_updated", 18)]
    assert all(c.start is None for c in clues)


@pytest.mark.parametrize(
    ("stated", "signals", "verdicts"),
    [
        # htmldate agrees with the stated date
        ("2019-06-16", [{"kind": "html_original", "value": "2019-06-16"}], {"consistent"}),
        # htmldate's original date years away: not enough alone (htmldate is wrong on some pages) ...
        ("2015-02-03", [{"kind": "html_original", "value": "2019-06-16"},
                        {"kind": "html_updated", "value": "2019-06-16"}], {"insufficient_evidence"}),
        # only a last-modified date after the stated date: publication may well be earlier
        ("2019-03-01", [{"kind": "html_updated", "value": "2019-06-16"}], {"consistent", "insufficient_evidence"}),
        # a last-modified date before the stated date: the stated date is after the last change
        ("2021-03-01", [{"kind": "html_updated", "value": "2019-06-16"}], {"wrong", "insufficient_evidence"}),
    ],
)
def test_urls_estimate_date_uses_html_signals(stated: str, signals: list[dict], verdicts: set[str]) -> None:
    est = estimate_date(_article(stated, None, signals))
    assert est.verdict in verdicts
    kinds = {e.kind for e in est.evidence}
    assert kinds <= {"html_original", "html_updated"} and kinds


def test_urls_estimate_date_html_signal_with_text_clue_flags() -> None:
    """... but with a text clue that agrees, the stated date is wrong, and htmldate's day is the estimate."""
    signals = [{"kind": "html_original", "value": "2019-06-16"}, {"kind": "html_updated", "value": "2019-06-16"}]
    text = "The bridge closed in May 2019, officials said."
    est = estimate_date(Article(id="p", text=text, stated_date=parse_stated_date("2015-02-03"),
                                html_date_signals=signals))
    assert est.verdict == "wrong"
    assert est.estimated_date == "2019-06-16"
    assert [e.kind for e in est.evidence].count("html_updated") == 0  # the same finding is not counted twice
    base = estimate_date(Article(id="p", text=text, stated_date=parse_stated_date("2015-02-03")))
    assert base.verdict != "wrong"


def test_urls_estimate_date_html_signal_is_weaker_than_url() -> None:
    """A URL date outweighs an htmldate date that disagrees with it."""
    art = _article("2019-06-16", "https://x.org/2019/06/16/bridge/",
                   [{"kind": "html_original", "value": "2018-01-05"}])
    est = estimate_date(art)
    assert est.verdict == "consistent"


def test_urls_check_cluster_passes_a_url_dated_copy_on() -> None:
    """A copy whose URL refutes its own stated date still tells the other copies the story's day."""
    from dateline.dating import check_cluster

    text = "The bridge reopened on Monday after repairs, officials said."
    a = Article(id="a", text=text, stated_date=parse_stated_date("2016-02-01"), url="https://x.org/2019/06/17/b/")
    b = Article(id="b", text=text)  # undated: its text alone names only a weekday
    solo = estimate_date(b)
    out = check_cluster([a, b])
    assert out["a"].verdict == "wrong" and out["a"].estimated_date == "2019-06-17"
    assert solo.estimated_date is None
    assert out["b"].verdict == "no_date" and out["b"].estimated_date == "2019-06-17"
    assert any(e.kind == "copy" and e.article_id == "a" for e in out["b"].evidence)


def test_urls_estimate_date_url_day_gives_a_narrow_interval() -> None:
    est = estimate_date(_article("2017-03-02", "https://x.org/2019/06/16/bridge/"))
    lo, hi = est.interval
    assert lo is not None and hi is not None
    assert lo <= "2019-06-16" <= hi
    assert (date.fromisoformat(hi) - date.fromisoformat(lo)).days <= 120
    text_only = estimate_date(Article(id="p", text="The bridge closed in May 2019, officials said.",
                                      stated_date=parse_stated_date("2015-02-03")))
    if text_only.interval[0] and text_only.interval[1]:
        assert (date.fromisoformat(text_only.interval[1]) - date.fromisoformat(text_only.interval[0])).days > 120


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # ids written for these tests from known times (see each platform's id layout in social_post_day)
        ("https://mastodon.example/@reporter/109291556044801234", date(2022, 11, 5)),
        ("https://mastodon.example/users/reporter/statuses/109291556044801234", date(2022, 11, 5)),
        ("https://twitter.com/somebody/status/1106374454277050593", date(2019, 3, 15)),
        ("https://x.com/somebody/status/1106374454277050593?s=20", date(2019, 3, 15)),
        ("https://bsky.app/profile/someone.bsky.social/post/3kx7ekw7t222b", date(2024, 7, 14)),
        ("https://www.tiktok.com/@newsdesk/video/7262322405094293965", date(2023, 8, 1)),
        # a Mastodon-sized number elsewhere, and a Twitter-sized one off Twitter, say nothing
        ("https://example.org/status/1106374454277050593", None),
        ("https://example.org/story/109291556044801234", None),
        # a decoded day before the platform existed, or after the latest plausible day
        ("https://mastodon.example/@reporter/90000000000000000", None),
        ("https://mastodon.example/@reporter/999999999999999999", None),
    ],
)
def test_urls_social_post_ids_give_the_day_posted(url: str, expected: date | None) -> None:
    from dateline.dating.urls import social_post_day

    assert social_post_day(url, latest=LATEST) == expected
    got = url_date(url, latest=LATEST)
    assert (got == (expected, "day")) if expected else (got is None)


def test_urls_a_path_date_wins_over_a_post_id() -> None:
    assert url_date("https://mastodon.example/2020/01/02/@reporter/109291556044801234", latest=LATEST) == (
        date(2020, 1, 2), "day"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/news/2019/03/shooting-at-mosque-190315015927391.html", (date(2019, 3, 15), "day")),
        ("https://news.example/a/2017/08/18/english/1503039256_776386.html", (date(2017, 8, 18), "day")),
        ("https://news.example/a/2017/08/english/1503039256_776386.html", (date(2017, 8, 18), "day")),
        # an id of another month, or epoch seconds of another month, leaves the path's month
        ("https://news.example/news/2019/04/slug-190315015927391.html", (date(2019, 4, 1), "month")),
        ("https://news.example/a/2017/09/english/1503039256_776386.html", (date(2017, 9, 1), "month")),
    ],
)
def test_urls_an_id_names_the_day_of_the_paths_month(url: str, expected: tuple[date, str]) -> None:
    assert url_date(url, latest=LATEST) == expected
