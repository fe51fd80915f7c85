"""Read-only queries over the store, shared by the HTML report, the web pages and their JSON twins.

Every function takes a DuckDB connection (a cursor of a read-only store) and returns plain
JSON-ready dicts; none writes. Story summaries come from the ``stories`` table when the runner
wrote one for the story's current members, and are built on the fly (``build_story``) otherwise.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from typing import Any

import duckdb

from dateline.records import Article, DateEstimate, Evidence, Origin, StatedDate, Timex
from dateline.stories import StoryConfig, build_story, story_to_json

__all__ = [
    "all_story_ids",
    "article_detail",
    "load_members",
    "overview",
    "search_stories",
    "story_detail",
    "iter_story_details",
    "wrong_article_details",
]

_ARTICLE_SQL = (
    "SELECT a.id, a.text, a.stated_date, a.title, a.url, a.source, a.origin_file, a.origin_line, a.seq, "
    "r.dup_group_id, r.story_id, r.date_verdict, r.estimated_date, r.date_lo, r.date_hi, "
    "r.date_confidence, r.evidence, r.timexes "
    "FROM articles a LEFT JOIN article_results r USING (id) "
)
_COLS = (
    "id", "text", "stated_date", "title", "url", "source", "origin_file", "origin_line", "seq",
    "dup_group_id", "story_id", "date_verdict", "estimated_date", "date_lo", "date_hi",
    "date_confidence", "evidence", "timexes",
)  # fmt: skip


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _loads(value: str | None) -> list[dict[str, Any]]:
    if not value:
        return []
    try:
        out = json.loads(value)
    except ValueError:
        return []
    return out if isinstance(out, list) else []


def _record(row: tuple[Any, ...]) -> dict[str, Any]:
    rec = dict(zip(_COLS, row, strict=True))
    rec["evidence"] = _loads(rec["evidence"])
    rec["timexes"] = _loads(rec["timexes"])
    return rec


def _article(rec: dict[str, Any]) -> Article:
    try:
        stated = StatedDate.parse(rec["stated_date"]) if rec["stated_date"] else None
    except ValueError:
        stated = None
    return Article(
        id=rec["id"],
        text=rec["text"] or "",
        stated_date=stated,
        title=rec["title"],
        url=rec["url"],
        source=rec["source"],
        origin=Origin(rec["origin_file"], rec["origin_line"]) if rec["origin_file"] else None,
    )


def _estimate(rec: dict[str, Any]) -> DateEstimate | None:
    if rec["date_verdict"] is None:
        return None
    ev = [
        Evidence(
            kind=str(e.get("kind", "")),
            text=str(e.get("text", "")),
            start=e.get("start"),
            end=e.get("end"),
            article_id=str(e.get("article_id", rec["id"])),
            implies=str(e.get("implies", "")),
            weight=float(e.get("weight") or 0.0),
        )
        for e in rec["evidence"]
        if isinstance(e, dict)
    ]
    return DateEstimate(
        verdict=rec["date_verdict"],
        estimated_date=rec["estimated_date"],
        interval=(rec["date_lo"], rec["date_hi"]),
        confidence=float(rec["date_confidence"] or 0.0),
        evidence=ev,
    )


def _timexes(rec: dict[str, Any]) -> list[Timex]:
    out = []
    for t in rec["timexes"]:
        if isinstance(t, dict) and isinstance(t.get("start"), int) and isinstance(t.get("end"), int):
            out.append(
                Timex(
                    t["start"],
                    t["end"],
                    str(t.get("text", "")),
                    str(t.get("type", "")),
                    str(t.get("value", "")),
                    t.get("anchor"),
                )  # fmt: skip
            )
    return out


def _summary(rec: dict[str, Any]) -> dict[str, Any]:
    """An article without its text, for lists."""
    return {
        "id": rec["id"],
        "title": rec["title"],
        "url": rec["url"],
        "source": rec["source"],
        "stated_date": rec["stated_date"],
        "story_id": rec["story_id"],
        "dup_group_id": rec["dup_group_id"],
        "date_verdict": rec["date_verdict"],
        "estimated_date": rec["estimated_date"],
        "date_interval": [rec["date_lo"], rec["date_hi"]],
        "date_confidence": rec["date_confidence"],
        "snippet": (rec["text"] or "")[:240],
    }


def load_members(con: duckdb.DuckDBPyConnection, story_id: str) -> list[dict[str, Any]]:
    """Every stored article of a story (with its results), in ingest order."""
    rows = con.execute(_ARTICLE_SQL + "WHERE r.story_id = ? ORDER BY a.seq", [story_id]).fetchall()
    return [_record(r) for r in rows]


def overview(con: duckdb.DuckDBPyConnection, *, config: StoryConfig) -> dict[str, Any]:
    """Counts for the front page: articles, stories, verdicts, and the largest stories."""
    n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
    verdicts = dict(
        con.execute(
            "SELECT coalesce(r.date_verdict, 'unchecked'), count(*) FROM articles a "
            "LEFT JOIN article_results r USING (id) GROUP BY 1 ORDER BY 1"
        ).fetchall()
    )
    sizes = con.execute(
        "SELECT count(*) FILTER (WHERE n >= 2), count(*), coalesce(max(n), 0) FROM "
        "(SELECT story_id, count(*) AS n FROM article_results WHERE story_id IS NOT NULL GROUP BY 1)"
    ).fetchone()
    runs = con.execute("SELECT count(*), max(finished_at) FROM runs").fetchone()
    largest = search_stories(con, "", page=1, page_size=config.report_largest)["items"]
    return {
        "articles": int(n_articles),
        "stories": int(sizes[1]),  # type: ignore[index]
        "multi_copy_stories": int(sizes[0]),  # type: ignore[index]
        "largest_story_size": int(sizes[2]),  # type: ignore[index]
        "verdicts": {k: int(v) for k, v in verdicts.items()},
        "wrong_dates": int(verdicts.get("wrong", 0)),
        "runs": int(runs[0]),  # type: ignore[index]
        "last_run": str(runs[1]) if runs and runs[1] is not None else None,
        "largest": largest,
    }


def search_stories(
    con: duckdb.DuckDBPyConnection, q: str = "", *, page: int = 1, page_size: int = 25, min_size: int = 2
) -> dict[str, Any]:
    """Stories with at least ``min_size`` copies whose title, text, source, URL or id contain ``q``.

    Largest first, then by story id. Returns ``{"q", "page", "pages", "total", "items"}``; each item
    has ``story_id``, ``size``, ``title``, ``sources``, ``wrong``, ``date_lo``, ``date_hi``.
    """
    q = (q or "").strip()
    page = max(1, int(page))
    page_size = max(1, min(int(page_size), 500))
    where = ""
    params: list[Any] = [min_size]
    if q:
        like = "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where = (
            "AND bool_or(lower(coalesce(a.title, '') || ' ' || coalesce(a.source, '') || ' ' || "
            "coalesce(a.url, '') || ' ' || a.id || ' ' || r.story_id || ' ' || a.text) LIKE ? ESCAPE '\\')"
        )
        params.append(like)
    base = (
        "SELECT r.story_id, count(*) AS size, "
        "arg_min(coalesce(a.title, substr(a.text, 1, 120)), a.seq) AS title, "
        "count(DISTINCT a.source) AS sources, count(*) FILTER (WHERE r.date_verdict = 'wrong') AS wrong, "
        "min(coalesce(r.estimated_date, a.stated_date)) AS date_lo, "
        "max(coalesce(r.estimated_date, a.stated_date)) AS date_hi "
        "FROM article_results r JOIN articles a USING (id) WHERE r.story_id IS NOT NULL "
        f"GROUP BY r.story_id HAVING count(*) >= ? {where}"
    )
    total = con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0]  # type: ignore[index]
    items = _rows(
        con,
        f"{base} ORDER BY size DESC, story_id LIMIT ? OFFSET ?",
        [*params, page_size, (page - 1) * page_size],
    )
    return {
        "q": q,
        "page": page,
        "page_size": page_size,
        "pages": max(1, math.ceil(int(total) / page_size)),
        "total": int(total),
        "items": items,
    }


def _story_from(
    story_id: str, members: list[dict[str, Any]], row: tuple[Any, ...] | None, config: StoryConfig
) -> dict[str, Any]:
    """A story dict from its members and its ``stories`` row (used only when it matches the members)."""
    ids = sorted(m["id"] for m in members)
    if row is not None and sorted(row[0] or []) == ids:
        story = {
            "story_id": story_id,
            "article_ids": ids,
            "first_copy_id": row[1],
            "date_spread": [row[2], row[3]],
            "timeline": _loads(row[4]),
            "versions": _loads(row[5]),
        }
    else:
        articles = [_article(m) for m in members]
        estimates = {m["id"]: e for m in members if (e := _estimate(m)) is not None}
        timexes = {m["id"]: _timexes(m) for m in members}
        story = story_to_json(build_story(story_id, articles, estimates, timexes, config=config))
    story["articles"] = [_summary(m) for m in members]
    story["size"] = len(members)
    return story


_STORY_ROW_SQL = "SELECT article_ids, first_copy_id, date_lo, date_hi, timeline, versions FROM stories "


def story_detail(
    con: duckdb.DuckDBPyConnection, story_id: str, *, config: StoryConfig
) -> dict[str, Any] | None:
    """A story's ``stories.jsonl`` fields plus its copies; None when no stored article has that story id."""
    members = load_members(con, story_id)
    if not members:
        return None
    row = con.execute(_STORY_ROW_SQL + "WHERE story_id = ?", [story_id]).fetchone()
    return _story_from(story_id, members, row, config)


def iter_story_details(
    con: duckdb.DuckDBPyConnection, story_ids: Sequence[str], *, config: StoryConfig, chunk: int = 500
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """``(story_detail, article_details)`` for many stories, reading the store in a few large queries."""
    for k in range(0, len(story_ids), chunk):
        ids = list(story_ids[k : k + chunk])
        rows = con.execute(
            _ARTICLE_SQL + "WHERE r.story_id IN (SELECT unnest(?)) ORDER BY a.seq", [ids]
        ).fetchall()
        members: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            rec = _record(r)
            members.setdefault(rec["story_id"], []).append(rec)
        story_rows = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT story_id, article_ids, first_copy_id, date_lo, date_hi, timeline, versions FROM stories "
                "WHERE story_id IN (SELECT unnest(?))",
                [ids],
            ).fetchall()
        }
        for sid in ids:
            recs = members.get(sid)
            if recs:
                story = _story_from(sid, recs, story_rows.get(sid), config)
                yield story, [_detail(rec, len(recs)) for rec in recs]


def _detail(rec: dict[str, Any], story_size: int) -> dict[str, Any]:
    out = _summary(rec)
    out["text"] = rec["text"]
    out["origin"] = {"file": rec["origin_file"], "line": rec["origin_line"]}
    out["evidence"] = rec["evidence"]
    out["timexes"] = rec["timexes"]
    out["story_size"] = story_size
    return out


def article_detail(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """One article with its text, date check, evidence and timexes; None when it is not stored."""
    row = con.execute(_ARTICLE_SQL + "WHERE a.id = ?", [article_id]).fetchone()
    if row is None:
        return None
    rec = _record(row)
    size = 0
    if rec["story_id"]:
        size = con.execute(
            "SELECT count(*) FROM article_results WHERE story_id = ?", [rec["story_id"]]
        ).fetchone()[0]  # type: ignore[index]
    return _detail(rec, int(size))


def wrong_article_details(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every article whose stated date was judged wrong, with its details, in ingest order."""
    rows = con.execute(_ARTICLE_SQL + "WHERE r.date_verdict = 'wrong' ORDER BY a.seq").fetchall()
    recs = [_record(r) for r in rows]
    sizes = dict(
        con.execute(
            "SELECT story_id, count(*) FROM article_results WHERE story_id IN (SELECT unnest(?)) GROUP BY 1",
            [sorted({r["story_id"] for r in recs if r["story_id"]})],
        ).fetchall()
    )
    return [_detail(rec, int(sizes.get(rec["story_id"], 0))) for rec in recs]


def all_story_ids(con: duckdb.DuckDBPyConnection, *, min_size: int = 2) -> list[str]:
    """Ids of every story with at least ``min_size`` stored copies, largest first."""
    rows = con.execute(
        "SELECT story_id FROM article_results WHERE story_id IS NOT NULL GROUP BY 1 HAVING count(*) >= ? "
        "ORDER BY count(*) DESC, story_id",
        [min_size],
    ).fetchall()
    return [r[0] for r in rows]
