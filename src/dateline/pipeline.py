"""The main job: read inputs, store them, run the stages, write the run folder.

``run_pipeline`` is what ``dateline run`` calls; ``ingest`` is the read-and-store part alone.
Both return a ``RunSummary`` and print nothing.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dateline.config import RunConfig, load_config
from dateline.engines.progress import NullProgress, Progress
from dateline.errors import EngineError
from dateline.io import read_records
from dateline.io.writers import write_run_output
from dateline.records import Article, Reject
from dateline.store import open_store

log = logging.getLogger(__name__)

ENGINES = ("local", "spark")


@dataclass
class RunSummary:
    """Counts of one run; ``read == accepted + rejected`` always holds."""

    read: int = 0
    accepted: int = 0
    rejected: int = 0
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    new_articles: int = 0
    stored_articles: int = 0
    stories: int = 0
    multi_article_stories: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    out_dir: str | None = None
    batch_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _read(
    inputs: Sequence[str], config: RunConfig, input_format: str | None, fields: Mapping[str, str] | None,
    strict: bool, progress: Progress,
) -> tuple[list[Article], list[Reject]]:
    accepted: list[Article] = []
    rejects: list[Reject] = []
    merged_fields = {**config.reader.fields, **(fields or {})}
    items = read_records(
        inputs, input_format=input_format, fields=merged_fields,
        max_record_bytes=config.reader.max_record_bytes,
        strict=strict or config.reader.on_error == "raise",
    )
    with progress.stage("reading") as task:
        for item in items:
            (rejects if isinstance(item, Reject) else accepted).append(item)  # type: ignore[arg-type]
            task.advance()
    return accepted, rejects


def _engine(name: str) -> Any:
    if name == "local":
        from dateline.engines.local import LocalEngine

        return LocalEngine()
    if name == "spark":
        from dateline.engines.spark import SparkEngine

        return SparkEngine()
    raise EngineError(f"--engine {name!r}: must be one of {', '.join(ENGINES)}")


def ingest(
    inputs: Sequence[str], *, db: str = "dateline.duckdb", config: RunConfig | None = None,
    input_format: str | None = None, fields: Mapping[str, str] | None = None, strict: bool = False,
    progress: Progress | None = None,
) -> tuple[RunSummary, list[Article], list[Reject]]:
    """Read ``inputs`` and add the new articles to the store (no grouping or checking)."""
    config = config or load_config()
    progress = progress or NullProgress()
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    accepted, rejects = _read(inputs, config, input_format, fields, strict, progress)
    summary = _summary_counts(accepted, rejects)
    summary.batch_id = uuid.uuid4().hex[:16]
    with open_store(db) as store, store.transaction():
        summary.new_articles = store.add_articles(accepted, summary.batch_id)
        store.record_run(summary.batch_id, started, datetime.now(UTC), list(inputs),
                         summary.accepted, summary.rejected, summary.new_articles)
        summary.stored_articles = store.article_count()
    summary.seconds = time.perf_counter() - t0
    return summary, accepted, rejects


def run_pipeline(
    inputs: Sequence[str], out_dir: str | Path, *, db: str = "dateline.duckdb", config: RunConfig | None = None,
    engine: str = "local", input_format: str | None = None, fields: Mapping[str, str] | None = None,
    strict: bool = False, progress: Progress | None = None,
) -> RunSummary:
    """Run every stage over ``inputs`` against the store ``db`` and write ``out_dir``.

    The store accumulates: a rerun of the same input adds nothing, and a new batch is grouped
    against what is stored. ``out_dir`` holds exactly this run's records and their stories.
    """
    config = config or load_config()
    progress = progress or NullProgress()
    runner = _engine(engine)
    started = datetime.now(UTC)
    # one last publication day for the whole run, whichever engine or worker checks each story
    config = replace(config, dating=config.dating.pinned())
    t0 = time.perf_counter()
    accepted, rejects = _read(inputs, config, input_format, fields, strict, progress)
    summary = _summary_counts(accepted, rejects)
    summary.batch_id = uuid.uuid4().hex[:16]
    with open_store(db) as store:
        with store.transaction():
            summary.new_articles = store.add_articles(accepted, summary.batch_id)
            output = runner.process(store, accepted, config, progress)
            store.put_results(list(output.results.values()))
            store.put_stories(output.stories, drop=output.dropped_stories)
            store.record_run(summary.batch_id, started, datetime.now(UTC), list(inputs),
                             summary.accepted, summary.rejected, summary.new_articles)
        summary.stored_articles = store.article_count()
    rows = [_article_row(a, output.results.get(a.id, {})) for a in accepted]
    own_stories = {r["story_id"] for r in rows}
    stories = [s for s in output.stories if s["story_id"] in own_stories]
    write_run_output(out_dir, rows, stories, [r.to_json() for r in rejects])
    summary.stories = len(own_stories)
    summary.multi_article_stories = sum(1 for s in stories if len(s["article_ids"]) > 1)
    summary.verdicts = dict(Counter(r["date_verdict"] for r in rows if r["date_verdict"]))
    summary.out_dir = str(out_dir)
    summary.seconds = time.perf_counter() - t0
    return summary


def _summary_counts(accepted: list[Article], rejects: list[Reject]) -> RunSummary:
    return RunSummary(
        read=len(accepted) + len(rejects),
        accepted=len(accepted),
        rejected=len(rejects),
        rejects_by_reason=dict(Counter(r.reason for r in rejects)),
    )


def _article_row(article: Article, result: Mapping[str, Any]) -> dict[str, Any]:
    origin = article.origin
    row: dict[str, Any] = {
        "id": article.id,
        "origin": {"file": origin.file, "line": origin.line} if origin else None,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "stated_date": article.stated_date.iso() if article.stated_date else None,
    }
    for key in ("dup_group_id", "story_id", "date_verdict", "estimated_date", "date_interval",
                "date_confidence", "evidence", "timexes"):
        row[key] = result.get(key)
    return row
