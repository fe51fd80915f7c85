"""The embedded store: one DuckDB file that accumulates articles and results across runs.

The shared tables are in ``schema.sql``; each stage may add its own (``dedup_*`` for the story
index). A run writes everything in one transaction, so a run killed half-way leaves the store as
it was and a rerun gives the same result as one clean run.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dateline.errors import StoreError
from dateline.records import Article, Origin, StatedDate

log = logging.getLogger(__name__)

_ARTICLE_COLUMNS = (
    "id", "seq", "batch_id", "origin_file", "origin_line", "stated_date", "title", "url", "source", "text",
    "html_date_signals",
)


@dataclass
class Store:
    """A handle on the store. ``con`` is the DuckDB connection stages read and write through."""

    con: duckdb.DuckDBPyConnection
    path: str
    read_only: bool = False

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All writes inside commit together or not at all."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    @contextmanager
    def arrow_view(self, name: str, table: pa.Table) -> Iterator[str]:
        """Expose ``table`` to SQL as ``name`` for the duration of the block."""
        self.con.register(name, table)
        try:
            yield name
        finally:
            self.con.unregister(name)

    # --- articles -------------------------------------------------------------------------
    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """The subset of ``ids`` already stored."""
        if not ids:
            return set()
        table = pa.table({"id": pa.array(list(ids), pa.string())})
        with self.arrow_view("_probe_ids", table):
            rows = self.con.execute("SELECT a.id FROM articles a JOIN _probe_ids p USING (id)").fetchall()
        return {r[0] for r in rows}

    def add_articles(self, articles: Sequence[Article], batch_id: str) -> int:
        """Insert the articles not stored yet; return how many were new. Order sets ``seq``."""
        if not articles:
            return 0
        known = self.known_ids([a.id for a in articles])
        new = [a for a in articles if a.id not in known]
        if not new:
            return 0
        base = int(self.con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchall()[0][0])
        table = pa.table(
            {
                "id": [a.id for a in new],
                "seq": pa.array(range(base + 1, base + 1 + len(new)), pa.int64()),
                "batch_id": [batch_id] * len(new),
                "origin_file": [a.origin.file if a.origin else None for a in new],
                "origin_line": pa.array([a.origin.line if a.origin else None for a in new], pa.int64()),
                "stated_date": [a.stated_date.iso() if a.stated_date else None for a in new],
                "title": [a.title for a in new],
                "url": [a.url for a in new],
                "source": [a.source for a in new],
                "text": [a.text for a in new],
                "html_date_signals": [json.dumps(a.html_date_signals) if a.html_date_signals else None for a in new],
            }
        )
        with self.arrow_view("_new_articles", table):
            self.con.execute(f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) SELECT * FROM _new_articles")
        return len(new)

    def get_articles(self, ids: Iterable[str]) -> dict[str, Article]:
        """Stored articles by id (missing ids are absent from the result)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        with self.arrow_view("_want_ids", pa.table({"id": pa.array(wanted, pa.string())})):
            rows = self.con.execute(
                "SELECT a.id, a.text, a.stated_date, a.title, a.url, a.source, a.origin_file, a.origin_line, "
                "a.html_date_signals FROM articles a JOIN _want_ids w USING (id)"
            ).fetchall()
        return {r[0]: _row_to_article(r) for r in rows}

    def article_count(self) -> int:
        return int(self.con.execute("SELECT count(*) FROM articles").fetchall()[0][0])

    # --- results --------------------------------------------------------------------------
    def put_results(self, rows: Sequence[dict[str, Any]]) -> None:
        """Replace per-article results (dup group, story, date check, timexes) for these ids."""
        if not rows:
            return
        table = pa.table(
            {
                "id": [r["id"] for r in rows],
                "dup_group_id": [r.get("dup_group_id") for r in rows],
                "story_id": [r.get("story_id") for r in rows],
                "date_verdict": [r.get("date_verdict") for r in rows],
                "estimated_date": [r.get("estimated_date") for r in rows],
                "date_lo": [(r.get("date_interval") or [None, None])[0] for r in rows],
                "date_hi": [(r.get("date_interval") or [None, None])[1] for r in rows],
                "date_confidence": pa.array([r.get("date_confidence") for r in rows], pa.float64()),
                "evidence": [json.dumps(r.get("evidence")) if r.get("evidence") is not None else None for r in rows],
                "timexes": [json.dumps(r.get("timexes")) if r.get("timexes") is not None else None for r in rows],
            }
        )
        with self.arrow_view("_results", table):
            self.con.execute("DELETE FROM article_results WHERE id IN (SELECT id FROM _results)")
            self.con.execute("INSERT INTO article_results SELECT * FROM _results")

    def get_results(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        with self.arrow_view("_want_ids", pa.table({"id": pa.array(wanted, pa.string())})):
            cur = self.con.execute("SELECT r.* FROM article_results r JOIN _want_ids w USING (id)")
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
        out = {}
        for row in rows:
            rec = dict(zip(names, row, strict=True))
            rec["date_interval"] = [rec.pop("date_lo"), rec.pop("date_hi")]
            for key in ("evidence", "timexes"):
                rec[key] = json.loads(rec[key]) if rec[key] is not None else None
            out[rec["id"]] = rec
        return out

    def put_stories(self, stories: Sequence[dict[str, Any]], *, drop: Iterable[str] = ()) -> None:
        """Replace these story rows; ``drop`` removes stories that were merged away."""
        drop_ids = list(drop)
        if drop_ids:
            self.con.execute("DELETE FROM stories WHERE story_id IN (SELECT unnest(?))", [drop_ids])
        if not stories:
            return
        table = pa.table(
            {
                "story_id": [s["story_id"] for s in stories],
                "article_ids": pa.array([list(s["article_ids"]) for s in stories], pa.list_(pa.string())),
                "first_copy_id": [s.get("first_copy_id") for s in stories],
                "date_lo": [(s.get("date_spread") or [None, None])[0] for s in stories],
                "date_hi": [(s.get("date_spread") or [None, None])[1] for s in stories],
                "timeline": [json.dumps(s.get("timeline")) for s in stories],
                "versions": [json.dumps(s.get("versions")) for s in stories],
            }
        )
        with self.arrow_view("_stories", table):
            self.con.execute("DELETE FROM stories WHERE story_id IN (SELECT story_id FROM _stories)")
            self.con.execute("INSERT INTO stories SELECT * FROM _stories")

    def record_run(self, batch_id: str, started: Any, finished: Any, inputs: Sequence[str],
                   accepted: int, rejected: int, new: int) -> None:
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)",
            [batch_id, started, finished, json.dumps(list(inputs)), accepted, rejected, new],
        )


def _row_to_article(r: tuple[Any, ...]) -> Article:
    return Article(
        id=r[0],
        text=r[1],
        stated_date=StatedDate.parse(r[2]) if r[2] else None,
        title=r[3],
        url=r[4],
        source=r[5],
        origin=Origin(r[6], r[7]) if r[6] is not None else None,
        html_date_signals=json.loads(r[8]) if r[8] else None,
    )


def open_store(path: str | Path = "dateline.duckdb", *, read_only: bool = False) -> Store:
    """Open (and, unless read-only, create) the store at ``path``; ``:memory:`` gives a throwaway one.

    Raises ``StoreError`` naming the path when the file cannot be opened (missing for read-only,
    locked by another process, or not a DuckDB file).
    """
    name = str(path)
    if read_only and name != ":memory:" and not Path(name).exists():
        raise StoreError(f"{name}: no store there; build one first with: dateline run INPUT --out DIR --db {name}")
    if not read_only and name != ":memory:" and not Path(name).parent.is_dir():
        raise StoreError(f"{name}: the folder {Path(name).parent} does not exist; create it or choose another --db")
    try:
        con = duckdb.connect(name, read_only=read_only)
    except (duckdb.IOException, duckdb.Error) as exc:
        raise StoreError(f"{name}: cannot open the store ({exc}); is another dateline process using it?") from exc
    if not read_only:
        con.execute(resources.files("dateline.store").joinpath("schema.sql").read_text("utf-8"))
    return Store(con=con, path=name, read_only=read_only)
