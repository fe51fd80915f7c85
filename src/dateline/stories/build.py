"""Build one story: its first copy, date spread, event timeline and what each version changes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from dateline.records import Article, DateEstimate, Story, Timex
from dateline.stories.config import DEFAULT_STORY_CONFIG, StoryConfig
from dateline.stories.diff import diff_sentences
from dateline.stories.sentences import split_sentences
from dateline.stories.timeline import build_timeline

__all__ = [
    "REQUIRES",
    "ASSIGNS",
    "build_story",
    "copy_date",
    "first_copy",
    "iter_stories",
    "story_to_json",
    "story_to_record",
]

REQUIRES = ("story_id", "id", "text", "stated_date", "date_verdict", "estimated_date", "timexes")
ASSIGNS = ("first_copy_id", "date_spread", "timeline", "versions")


def copy_date(article: Article, estimate: DateEstimate | None) -> tuple[str, str] | None:
    """The days a copy was most likely published, ``(lo, hi)``: its estimated date, else its stated date.

    A stated date judged ``wrong`` without an estimate gives None.
    """
    if estimate is not None and estimate.estimated_date:
        return estimate.estimated_date, estimate.estimated_date
    if article.stated_date is None or (estimate is not None and estimate.verdict == "wrong"):
        return None
    lo, hi = article.stated_date.interval()
    return lo.isoformat(), hi.isoformat()


def _credible(article: Article, estimate: DateEstimate | None) -> str | None:
    """The date that may make a copy the first one: not from a copy whose stated date is wrong."""
    if estimate is not None and estimate.verdict == "wrong":
        return None
    if estimate is not None and estimate.estimated_date:
        return estimate.estimated_date
    if article.stated_date is not None:
        return article.stated_date.interval()[0].isoformat()
    return None


def _rank(
    articles: Sequence[Article], estimates: Mapping[str, DateEstimate]
) -> list[tuple[int, str, float, str, Article]]:
    """Sort key per copy: credible copies first, then earlier date, higher confidence, smaller id."""
    keyed = []
    for a in articles:
        est = estimates.get(a.id)
        cred = _credible(a, est)
        span = copy_date(a, est)
        conf = est.confidence if est is not None else 0.0
        if cred is not None:
            keyed.append((0, cred, -conf, a.id, a))
        elif span is not None:
            keyed.append((1, span[0], -conf, a.id, a))
        else:
            keyed.append((2, date.max.isoformat(), -conf, a.id, a))
    keyed.sort(key=lambda k: k[:4])
    return keyed


def first_copy(articles: Sequence[Article], estimates: Mapping[str, DateEstimate]) -> Article | None:
    """The story's first copy: the earliest credible date.

    Credible dates are the estimated dates of copies whose verdict is not ``wrong`` (or their stated
    date when they have no estimate). Ties go to the higher confidence, then the smaller id. When no
    copy has a credible date, the earliest estimate of any copy decides, then the smallest id.
    """
    ranked = _rank(articles, estimates)
    return ranked[0][4] if ranked else None


def _date_spread(
    articles: Sequence[Article], estimates: Mapping[str, DateEstimate]
) -> tuple[str | None, str | None]:
    spans = [s for a in articles if (s := copy_date(a, estimates.get(a.id))) is not None]
    if not spans:
        return None, None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _version(
    article: Article, estimate: DateEstimate | None, *, is_first: bool, diff: dict[str, Any] | None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "article_id": article.id,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "stated_date": article.stated_date.iso() if article.stated_date else None,
        "estimated_date": estimate.estimated_date if estimate else None,
        "verdict": estimate.verdict if estimate else None,
        "confidence": round(estimate.confidence, 3) if estimate else None,
        "is_first_copy": is_first,
    }
    empty: dict[str, Any] = {
        "added": [],
        "dropped": [],
        "changed": [],
        "shared": None,
        "similarity": 1.0 if is_first else None,
    }
    out.update(diff if diff is not None else empty)
    return out


def build_story(
    story_id: str,
    articles: Sequence[Article],
    estimates: Mapping[str, DateEstimate],
    timexes: Mapping[str, Sequence[Timex]],
    *,
    config: StoryConfig = DEFAULT_STORY_CONFIG,
) -> Story:
    """Summarise one story cluster. Pure: reads only its arguments.

    Args:
        story_id: the cluster's id.
        articles: every copy in the story (any order; the output does not depend on it).
        estimates: article id -> its date check (missing ids count as unchecked).
        timexes: article id -> its temporal expressions (offsets into that article's text).
        config: alignment and timeline options.

    Returns:
        A ``Story`` whose ``versions`` list the first copy first, then the others by date and id;
        each version carries source, URL, stated and estimated date, verdict, and the sentences it
        ``added``/``dropped``/``changed`` compared with the first copy (with offsets).
    """
    ranked = _rank(articles, estimates)
    origin = ranked[0][4] if ranked else None
    versions: list[dict[str, Any]] = []
    if origin is not None:
        origin_sents = split_sentences(origin.text)
        for _, _, _, _, art in ranked:
            est = estimates.get(art.id)
            if art is origin:
                versions.append(_version(art, est, is_first=True, diff=None))
                continue
            d = diff_sentences(origin_sents, split_sentences(art.text), config=config)
            versions.append(_version(art, est, is_first=False, diff=d.to_json()))
    return Story(
        story_id=story_id,
        article_ids=sorted(a.id for a in articles),
        first_copy_id=origin.id if origin is not None else None,
        date_spread=_date_spread(articles, estimates),
        timeline=build_timeline(sorted(articles, key=lambda a: a.id), timexes, estimates, config=config),
        versions=versions,
    )


def iter_stories(
    groups: Iterable[tuple[str, Sequence[Article]]],
    estimates: Mapping[str, DateEstimate],
    timexes: Mapping[str, Sequence[Timex]],
    *,
    config: StoryConfig = DEFAULT_STORY_CONFIG,
) -> Iterator[dict[str, Any]]:
    """``story_to_json(build_story(...))`` for each ``(story_id, articles)`` group, streaming."""
    for story_id, articles in groups:
        yield story_to_json(build_story(story_id, articles, estimates, timexes, config=config))


def story_to_json(story: Story) -> dict[str, Any]:
    """The ``stories.jsonl`` line of a story (CONTRACT.md field names)."""
    return {
        "story_id": story.story_id,
        "article_ids": list(story.article_ids),
        "first_copy_id": story.first_copy_id,
        "date_spread": [story.date_spread[0], story.date_spread[1]],
        "timeline": story.timeline,
        "versions": story.versions,
    }


def story_to_record(story: Story) -> dict[str, Any]:
    """A row matching ``records.STORY_SCHEMA`` (timeline and versions as JSON text) for Parquet."""
    row = story_to_json(story)
    row["timeline"] = json.dumps(story.timeline, ensure_ascii=False)
    row["versions"] = json.dumps(story.versions, ensure_ascii=False)
    return row
