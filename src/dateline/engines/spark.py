"""The Spark engine: the per-story stages run on Apache Spark executors.

Grouping runs on the driver against the store's index, as in the local engine (its kernels are
compiled and the index is the store). Every touched story then becomes one group of a Spark
DataFrame, and ``groupBy("story_id").applyInArrow`` runs the same ``process_story`` function the
local engine runs — tagging, date checking with the other copies, story building — so the two
engines give the same rows for the same input. Results come back to the driver, which writes
them to the store in the run's transaction.

Configure with ``[engine]`` in the TOML config: ``spark_master`` (default ``local[2]``) and
``spark_partitions`` (0 means 8).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import pyarrow as pa

from dateline._deps import require
from dateline.config import RunConfig
from dateline.dating import estimate_date
from dateline.dating.clues import Clue
from dateline.dating.neighbours import crawl_neighbour_clues
from dateline.engines.local import StageOutput, flatten, gather_stories, process_story, tag_story
from dateline.engines.progress import NullProgress, Progress
from dateline.errors import EngineError
from dateline.records import Article, Origin, StatedDate
from dateline.store import Store

log = logging.getLogger(__name__)

_INPUT_SCHEMA = pa.schema(
    [
        ("story_id", pa.string()),
        ("pos", pa.int64()),
        ("id", pa.string()),
        ("dup_group_id", pa.string()),
        ("text", pa.string()),
        ("stated_date", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("origin_file", pa.string()),
        ("origin_line", pa.int64()),
        ("extra_clues", pa.string()),
    ]
)
_OUTPUT_DDL = "kind string, key string, payload string"
_SOLO_DDL = "id string, verdict string, confidence double"


def _to_table(members: dict[str, list[Article]], dup_of: dict[str, str]) -> pa.Table:
    """One row per member of the touched stories; ``extra_clues`` (JSON) is filled in once computed."""
    rows: dict[str, list[Any]] = {name: [] for name in _INPUT_SCHEMA.names}
    for sid, arts in members.items():
        for pos, a in enumerate(arts):
            rows["story_id"].append(sid)
            rows["pos"].append(pos)
            rows["id"].append(a.id)
            rows["dup_group_id"].append(dup_of.get(a.id, sid))
            rows["text"].append(a.text)
            rows["stated_date"].append(a.stated_date.iso() if a.stated_date else None)
            rows["title"].append(a.title)
            rows["url"].append(a.url)
            rows["source"].append(a.source)
            rows["origin_file"].append(a.origin.file if a.origin else None)
            rows["origin_line"].append(a.origin.line if a.origin else None)
            rows["extra_clues"].append(None)
    return pa.table(rows, schema=_INPUT_SCHEMA)


def _articles(rows: list[dict[str, Any]]) -> list[Article]:
    return [
        Article(
            id=r["id"],
            text=r["text"],
            stated_date=StatedDate.parse(r["stated_date"]) if r["stated_date"] else None,
            title=r["title"],
            url=r["url"],
            source=r["source"],
            origin=Origin(r["origin_file"], r["origin_line"]) if r["origin_file"] is not None else None,
        )
        for r in rows
    ]


def solo_group_fn(config: RunConfig) -> Any:
    """The function each Spark group runs first: each member's verdict and confidence on its own text."""

    def run(table: pa.Table) -> pa.Table:
        rows = sorted(table.to_pylist(), key=lambda r: r["pos"])
        arts = _articles(rows)
        timexes = tag_story(arts, config)
        ests = [estimate_date(a, timexes=timexes[a.id], config=config.dating) for a in arts]
        return pa.table(
            {"id": [a.id for a in arts], "verdict": [e.verdict for e in ests], "confidence": [e.confidence for e in ests]},
            schema=pa.schema([("id", pa.string()), ("verdict", pa.string()), ("confidence", pa.float64())]),
        )

    return run


def story_group_fn(config: RunConfig) -> Any:
    """The function each Spark group runs: Arrow table of one story's members -> result rows."""

    def run(table: pa.Table) -> pa.Table:
        rows = sorted(table.to_pylist(), key=lambda r: r["pos"])
        sid = rows[0]["story_id"]
        arts = _articles(rows)
        dup_of = {r["id"]: r["dup_group_id"] for r in rows}
        extra = {r["id"]: [Clue(**c) for c in json.loads(r["extra_clues"])] for r in rows if r["extra_clues"]}
        results, story = process_story(sid, arts, dup_of, config, extra_clues=extra or None)
        kinds = ["article"] * len(results) + ["story"]
        keys = [r["id"] for r in results] + [sid]
        payloads = [json.dumps(r) for r in results] + [json.dumps(story)]
        return pa.table({"kind": kinds, "key": keys, "payload": payloads})

    return run


class SparkEngine:
    """Runs tagging, date checking and story building on Spark, one group per story."""

    name = "spark"

    def __init__(self, session: Any = None) -> None:
        self._session = session

    def _spark(self, config: RunConfig) -> Any:
        if self._session is not None:
            return self._session
        sql = require(
            "pyspark.sql", extra="spark", feature="The Spark engine (--engine spark)", package="pyspark"
        )
        # Executors run this interpreter, so they import the same dateline (a venv, too).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        if config.engine.spark_master.startswith("local"):
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # a local run stays on loopback
        try:
            builder = sql.SparkSession.builder.master(config.engine.spark_master).appName("dateline")
            for key, value in (
                ("spark.ui.enabled", "false"),
                ("spark.ui.showConsoleProgress", "false"),
                ("spark.sql.execution.arrow.pyspark.enabled", "true"),
                ("spark.sql.shuffle.partitions", str(config.engine.spark_partitions or 8)),
                ("spark.python.worker.reuse", "true"),
            ):
                builder = builder.config(key, value)
            self._session = builder.getOrCreate()
        except Exception as exc:  # Java missing, port clash, ...
            raise EngineError(
                f"cannot start Spark at {config.engine.spark_master!r} ({exc}); "
                "it needs Java 17+ on PATH (apt-get install default-jre-headless)"
            ) from exc
        return self._session

    def process(
        self, store: Store, articles: Sequence[Article], config: RunConfig, progress: Progress | None = None
    ) -> StageOutput:
        progress = progress or NullProgress()
        g = gather_stories(store, articles, config, progress)
        out = StageOutput(dropped_stories=g.dropped)
        if not g.members:
            return out
        spark = self._spark(config)
        total = sum(len(v) for v in g.members.values())
        table = _to_table(g.members, g.dup_of)
        if config.dating.neighbours and total > 1:
            # each article's check on its own text, on the executors; the neighbours clue is computed here
            with progress.stage("neighbours", total=total) as task:
                got = _collect(spark.createDataFrame(table).groupBy("story_id").applyInArrow(
                    solo_group_fn(config), schema=_SOLO_DDL))  # fmt: skip
                solo = {
                    aid: (verdict, conf)
                    for aid, verdict, conf in zip(got["id"].to_pylist(), got["verdict"].to_pylist(),
                                                  got["confidence"].to_pylist(), strict=True)
                }  # fmt: skip
                arts_all, story_of = flatten(g.members)
                extra = crawl_neighbour_clues(arts_all, story_of, solo, config.dating, config.dedup)
                encoded = [json.dumps([dataclasses.asdict(c) for c in extra[i]]) if i in extra else None
                           for i in table["id"].to_pylist()]  # fmt: skip
                col = table.schema.get_field_index("extra_clues")
                table = table.set_column(col, "extra_clues", pa.array(encoded, pa.string()))
                task.advance(total)
        with progress.stage("stories", total=total) as task:
            collected = _collect(spark.createDataFrame(table).groupBy("story_id").applyInArrow(
                story_group_fn(config), schema=_OUTPUT_DDL))  # fmt: skip
            task.advance(total)
        stories: dict[str, dict[str, Any]] = {}
        for kind, key, payload in _rows(collected):
            if kind == "article":
                out.results[key] = json.loads(payload)
            else:
                stories[key] = json.loads(payload)
        out.stories = [stories[sid] for sid in g.members if sid in stories]
        return out


def _collect(result: Any) -> pa.Table:
    """A Spark DataFrame's rows as Arrow (``toArrow`` from Spark 4, through pandas before)."""
    return result.toArrow() if hasattr(result, "toArrow") else pa.Table.from_pandas(result.toPandas())


def _rows(table: pa.Table) -> Iterator[tuple[str, str, str]]:
    yield from zip(
        table["kind"].to_pylist(), table["key"].to_pylist(), table["payload"].to_pylist(), strict=True
    )
