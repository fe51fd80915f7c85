"""The one-file HTML report: overview, every story with two or more copies, and their articles.

Everything is inline (styles, the Vega bundle, the plots' specs, the page script), so the file
opens offline. Article text goes through Jinja's autoescaping and JSON through ``tojson``, so a
``<script>`` in an article stays text.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from dateline.store import open_store
from dateline.stories import StoryConfig
from dateline.web import queries
from dateline.web.charts import chart_data, chart_template, vega_bundle
from dateline.web.render import ReportLinks, article_segments, environment, static_text

__all__ = ["build_report", "write_report"]

log = logging.getLogger(__name__)


def _story_search_text(story: dict[str, Any]) -> str:
    parts = [story["story_id"]]
    for a in story["articles"]:
        parts += [
            a["id"],
            a.get("title") or "",
            a.get("source") or "",
            a.get("url") or "",
            a.get("snippet") or "",
        ]
    parts += [str(ev.get("date", "")) for ev in story.get("timeline", [])]
    return " ".join(parts)


def build_report(con: Any, *, config: StoryConfig, db_name: str = "the store") -> str:
    """Render the report of the store behind ``con`` (a DuckDB connection; only read).

    Args:
        con: a connection to the store.
        config: page size and how many largest stories the overview lists.
        db_name: how the report names its source.

    Returns:
        The whole HTML document.
    """
    ov = queries.overview(con, config=config)
    story_ids = queries.all_story_ids(con, min_size=2)
    stories: list[dict[str, Any]] = []
    articles_by_id: dict[str, dict[str, Any]] = {}
    for i, (story, members) in enumerate(queries.iter_story_details(con, story_ids, config=config)):
        first = next(
            (a for a in story["articles"] if a["id"] == story["first_copy_id"]), story["articles"][0]
        )
        story["title"] = first.get("title") or first.get("snippet", "")[:120]
        story["spec"] = chart_data(story)
        story["chart_id"] = f"chart-{i}"
        stories.append(story)
        for art in members:
            articles_by_id.setdefault(art["id"], art)
    for art in queries.wrong_article_details(con):
        articles_by_id.setdefault(art["id"], art)
    articles = list(articles_by_id.values())
    for art in articles:
        art["segments"] = article_segments(art)
    wrong = [a for a in articles if a["date_verdict"] == "wrong"]
    listing = [
        {
            "story_id": s["story_id"],
            "title": s["title"],
            "size": s["size"],
            "sources": len({a.get("source") for a in s["articles"] if a.get("source")}),
            "wrong": sum(1 for a in s["articles"] if a.get("date_verdict") == "wrong"),
            "date_lo": s["date_spread"][0],
            "date_hi": s["date_spread"][1],
            "search": _story_search_text(s),
        }
        for s in stories
    ]
    log.info("report: %d stories, %d articles", len(stories), len(articles))
    template = environment().get_template("report.html")
    html: str = template.render(
        ov=ov,
        stories=stories,
        stories_list=listing,
        articles=articles,
        wrong=wrong,
        link=ReportLinks([s["story_id"] for s in stories], [a["id"] for a in articles]),
        page_size=config.report_page_size,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        db_name=db_name,
        vega_js=Markup(vega_bundle()),
        chart_template=chart_template(),
        chart_template_id="vl-template",
        app_js=Markup(static_text("dateline.js").replace("</", "<\\/")),
    )
    return html


def write_report(db: str | Path, out: str | Path, *, config: StoryConfig) -> dict[str, int]:
    """Build the report of the store at ``db`` (opened read-only) into the file ``out``.

    Returns:
        ``{"stories": ..., "articles": ..., "bytes": ...}`` for the command's summary line.
    """
    store = open_store(db, read_only=True)
    try:
        html = build_report(store.con, config=config, db_name=Path(str(db)).name)
        n_stories = len(queries.all_story_ids(store.con, min_size=2))
        n_articles = queries.overview(store.con, config=config)["articles"]
    finally:
        store.close()
    out_path = Path(out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out_path)
    return {"stories": n_stories, "articles": n_articles, "bytes": len(html.encode("utf-8"))}
