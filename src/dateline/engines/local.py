"""The local engine: every stage in this process, over the DuckDB store.

The stages themselves (dedup, temporal, dating, stories) are engine-free functions; this module
only decides the order, what is recomputed, and what is written back.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dateline.config import RunConfig
from dateline.engines.progress import NullProgress, Progress
from dateline.records import Article, DateEstimate, Timex
from dateline.store import Store

log = logging.getLogger(__name__)


@dataclass
class StageOutput:
    """What the engine computed for a run: per-article results and the touched stories."""

    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    stories: list[dict[str, Any]] = field(default_factory=list)
    dropped_stories: set[str] = field(default_factory=set)


def article_result(
    article: Article, dup_group_id: str, story_id: str, estimate: DateEstimate | None, timexes: Sequence[Timex] | None
) -> dict[str, Any]:
    """The per-article result row (the contract's fields after provenance)."""
    return {
        "id": article.id,
        "dup_group_id": dup_group_id,
        "story_id": story_id,
        "date_verdict": estimate.verdict if estimate else None,
        "estimated_date": estimate.estimated_date if estimate else None,
        "date_interval": list(estimate.interval) if estimate else [None, None],
        "date_confidence": estimate.confidence if estimate else None,
        "evidence": [e.to_json() for e in estimate.evidence] if estimate else None,
        "timexes": [t.to_json() for t in timexes] if timexes is not None else None,
    }


def tag_articles(articles: Sequence[Article], config: RunConfig, progress: Progress) -> dict[str, list[Timex]]:
    """Timexes of each article, resolved against its stated date."""
    from dateline.temporal import extract_timexes

    out: dict[str, list[Timex]] = {}
    with progress.stage("timexes", total=len(articles)) as task:
        for article in articles:
            out[article.id] = extract_timexes(article.text, article.anchor, config=config.temporal)
            task.advance()
    return out


def check_stories(
    members: Mapping[str, Sequence[Article]],
    timexes: Mapping[str, list[Timex]],
    config: RunConfig,
    progress: Progress,
) -> dict[str, DateEstimate]:
    """Date checks of every article, story by story, so copies inform each other."""
    from dateline.dating import check_cluster

    estimates: dict[str, DateEstimate] = {}
    total = sum(len(v) for v in members.values())
    with progress.stage("dates", total=total) as task:
        for arts in members.values():
            estimates.update(check_cluster(arts, timexes=timexes, config=config.dating))
            task.advance(len(arts))
    return estimates


def build_stories(
    members: Mapping[str, Sequence[Article]],
    estimates: Mapping[str, DateEstimate],
    timexes: Mapping[str, list[Timex]],
    config: RunConfig,
    progress: Progress,
) -> list[dict[str, Any]]:
    from dateline.stories import build_story, story_to_json

    rows = []
    with progress.stage("stories", total=len(members)) as task:
        for story_id, arts in members.items():
            story = build_story(story_id, arts, estimates, timexes, config=config.stories)
            rows.append(story_to_json(story))
            task.advance()
    return rows


class LocalEngine:
    """Runs grouping, tagging, date checking and story building in this process."""

    name = "local"

    def process(
        self, store: Store, articles: Sequence[Article], config: RunConfig, progress: Progress | None = None
    ) -> StageOutput:
        """Group ``articles`` against the store, then recompute every story they touch.

        The caller holds the store's transaction. Articles already indexed by an earlier run are
        not re-signed; stories that gain members have their dates and summaries recomputed.
        """
        from dateline.dedup import StoryIndex

        progress = progress or NullProgress()
        index = StoryIndex(store.con, config=config.dedup)
        with progress.stage("grouping", total=len(articles)) as task:
            grouped = index.add(articles)
            task.advance(len(articles))
        touched = {grouped.story_id[a.id] for a in articles}
        touched |= set(getattr(grouped, "changed_story_ids", ()) or ())
        member_ids = {sid: index.story_members(sid) for sid in sorted(touched)}
        member_ids = {sid: ids for sid, ids in member_ids.items() if ids}
        dropped = touched - set(member_ids)

        in_run = {a.id: a for a in articles}
        missing = [i for ids in member_ids.values() for i in ids if i not in in_run]
        by_id = dict(in_run)
        by_id.update(store.get_articles(missing))
        members = {sid: [by_id[i] for i in ids if i in by_id] for sid, ids in member_ids.items()}
        everyone = [a for arts in members.values() for a in arts]

        timexes = tag_articles(everyone, config, progress)
        estimates = check_stories(members, timexes, config, progress)
        stories = build_stories(members, estimates, timexes, config, progress)

        dup_of = index.dup_groups([a.id for a in everyone])
        results = {}
        for sid, arts in members.items():
            for a in arts:
                results[a.id] = article_result(a, dup_of.get(a.id, sid), sid, estimates.get(a.id), timexes.get(a.id))
        return StageOutput(results=results, stories=stories, dropped_stories=dropped)
