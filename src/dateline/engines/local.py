"""The local engine: every stage in this process, over the DuckDB store.

The stages themselves (dedup, temporal, dating, stories) are engine-free functions; this module
only decides the order, what is recomputed, and what is written back.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dateline.config import RunConfig
from dateline.dating.clues import Clue
from dateline.engines.progress import NullProgress, Progress
from dateline.records import Article, DateEstimate, Timex
from dateline.store import Store

if TYPE_CHECKING:
    from dateline.dating.estimate import OwnCheck

log = logging.getLogger(__name__)


@dataclass
class StageOutput:
    """What the engine computed for a run: per-article results and the touched stories."""

    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    stories: list[dict[str, Any]] = field(default_factory=list)
    dropped_stories: set[str] = field(default_factory=set)


def article_result(
    article: Article,
    dup_group_id: str,
    story_id: str,
    estimate: DateEstimate | None,
    timexes: Sequence[Timex] | None,
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


@dataclass
class Gathered:
    """The stories a run touches, with their member articles in indexing order."""

    members: dict[str, list[Article]]
    dup_of: dict[str, str]
    dropped: set[str]


def gather_stories(
    store: Store, articles: Sequence[Article], config: RunConfig, progress: Progress
) -> Gathered:
    """Group ``articles`` against the store's index and collect every story they touch.

    Articles already indexed by an earlier run are not re-signed. Grouping runs here, on one
    machine, for every engine: its kernels are compiled and its index lives in the store.
    """
    from dateline.dedup.index import StoryIndex

    index = StoryIndex(store.con, config=config.dedup)
    with progress.stage("grouping", total=len(articles)) as task:
        grouped = index.add(articles)
        task.advance(len(articles))
    touched = {grouped.story_id[a.id] for a in articles} | set(grouped.changed_story_ids)
    member_ids, dup_of = _memberships(store, sorted(touched))
    in_run = {a.id: a for a in articles}
    missing = [i for ids in member_ids.values() for i in ids if i not in in_run]
    by_id = dict(in_run)
    by_id.update(store.get_articles(missing))
    members = {sid: [by_id[i] for i in ids if i in by_id] for sid, ids in member_ids.items()}
    return Gathered(members=members, dup_of=dup_of, dropped=touched - set(member_ids))


def tag_story(arts: Sequence[Article], config: RunConfig) -> dict[str, list[Timex]]:
    """The tagger's timexes of each article, resolved against its own stated date."""
    from dateline.temporal import extract_timexes

    return {a.id: extract_timexes(a.text, a.anchor, config=config.temporal) for a in arts}


def flatten(members: Mapping[str, Sequence[Article]]) -> tuple[list[Article], dict[str, str]]:
    """The articles of the touched stories, and article id -> story id."""
    arts = [a for group in members.values() for a in group]
    return arts, {a.id: sid for sid, group in members.items() for a in group}


def process_story(
    story_id: str,
    arts: Sequence[Article],
    dup_of: Mapping[str, str],
    config: RunConfig,
    *,
    timexes: Mapping[str, list[Timex]] | None = None,
    own_checks: Mapping[str, OwnCheck] | None = None,
    extra_clues: Mapping[str, Sequence[Clue]] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Tag, check and summarise one story: its article result rows and its story row.

    Pure given its inputs, so every engine produces the same rows for the same story. ``timexes`` are
    tagged here when not given. ``own_checks`` (``crawl_checks``, the neighbours clue included) are used as
    given; without them, an article with ``extra_clues`` (the neighbours clue, computed apart) is checked on
    its own clues plus those.
    """
    from dateline.dating import check_cluster
    from dateline.dating.estimate import own_check
    from dateline.stories import build_story, story_to_json

    timexes = {a.id: list(timexes[a.id]) for a in arts} if timexes is not None else tag_story(arts, config)
    if own_checks is None and extra_clues:
        own_checks = {
            a.id: own_check(a, timexes[a.id], config.dating, extra_clues[a.id]) for a in arts if a.id in extra_clues
        }
    estimates = check_cluster(arts, timexes=timexes, config=config.dating, own_checks=own_checks)
    story = story_to_json(build_story(story_id, arts, estimates, timexes, config=config.stories))
    rows = [
        article_result(a, dup_of.get(a.id, story_id), story_id, estimates.get(a.id), timexes.get(a.id))
        for a in arts
    ]
    return rows, story


class LocalEngine:
    """Runs grouping, tagging, date checking and story building in this process."""

    name = "local"

    def process(
        self, store: Store, articles: Sequence[Article], config: RunConfig, progress: Progress | None = None
    ) -> StageOutput:
        """Group ``articles`` against the store, then recompute every story they touch.

        The caller holds the store's transaction. Stories that gain members have their dates and
        summaries recomputed.
        """
        progress = progress or NullProgress()
        g = gather_stories(store, articles, config, progress)
        out = StageOutput(dropped_stories=g.dropped)
        total = sum(len(v) for v in g.members.values())
        timexes: dict[str, list[Timex]] | None = None
        checks: dict[str, OwnCheck] | None = None
        if config.dating.neighbours and total > 1:
            # every article checked on its own clues once, here: these checks calibrate the neighbours
            # clue and are reused by the story checks below
            from dateline.dating.estimate import crawl_checks

            with progress.stage("neighbours", total=total) as task:
                arts_all, story_of = flatten(g.members)
                timexes = tag_story(arts_all, config)
                checks = crawl_checks(arts_all, story_of, timexes=timexes, config=config.dating, dedup=config.dedup)
                task.advance(total)
        with progress.stage("stories", total=total) as task:
            for story_id, arts in g.members.items():
                rows, story = process_story(story_id, arts, g.dup_of, config, timexes=timexes, own_checks=checks)
                out.results.update((r["id"], r) for r in rows)
                out.stories.append(story)
                task.advance(len(arts))
        return out


def _memberships(store: Store, story_ids: Sequence[str]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Members (in indexing order) and dup groups of ``story_ids``, read from the index in one query."""
    import pyarrow as pa

    if not story_ids:
        return {}, {}
    with store.arrow_view("_touched", pa.table({"story_id": pa.array(list(story_ids), pa.string())})):
        rows = store.con.execute(
            "SELECT d.story_id, d.id, d.dup_group_id FROM dedup_docs d JOIN _touched t USING (story_id) "
            "ORDER BY d.story_id, d.doc_no"
        ).fetchall()
    members: dict[str, list[str]] = {}
    dup_of: dict[str, str] = {}
    for sid, aid, dgid in rows:
        members.setdefault(sid, []).append(aid)
        dup_of[aid] = dgid
    return members, dup_of
