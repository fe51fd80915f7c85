"""The Jinja environment (autoescaping on) and the link builders shared by the web UI and the report."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from dateline._deps import require
from dateline.web.highlight import highlight_segments

__all__ = ["ReportLinks", "ServerLinks", "article_segments", "environment", "static_text"]


@functools.cache
def environment() -> Any:
    """A Jinja environment over ``dateline/web/templates`` that escapes every ``{{ }}``."""
    jinja2 = require("jinja2", extra="web", feature="HTML pages")
    return jinja2.Environment(
        loader=jinja2.PackageLoader("dateline.web", "templates"),
        autoescape=True,  # article text is hostile: everything is escaped, .html or not
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def static_text(name: str) -> str:
    """A file of ``dateline/web/static`` as text."""
    return resources.files("dateline.web").joinpath("static", name).read_text("utf-8")


class ServerLinks:
    """URLs of the web UI's pages."""

    def home(self) -> str:
        return "/"

    def stories(self, q: str = "", page: int = 1) -> str:
        params = {k: v for k, v in (("q", q), ("page", page if page > 1 else "")) if v}
        return "/stories" + ("?" + urlencode(params) if params else "")

    def story(self, story_id: str) -> str:
        return "/stories/" + quote(str(story_id), safe="")

    def article(self, article_id: str) -> str:
        return "/articles/" + quote(str(article_id), safe="")


class ReportLinks:
    """In-page anchors of the one-file report; ids not in the report link to the overview."""

    def __init__(self, story_ids: list[str], article_ids: list[str]) -> None:
        self._stories = {sid: i for i, sid in enumerate(story_ids)}
        self._articles = {aid: i for i, aid in enumerate(article_ids)}

    def home(self) -> str:
        return "#overview"

    def stories(self, q: str = "", page: int = 1) -> str:
        return "#stories"

    def story(self, story_id: str) -> str:
        i = self._stories.get(story_id)
        return f"#s-{i}" if i is not None else "#stories"

    def article(self, article_id: str) -> str:
        i = self._articles.get(article_id)
        return f"#a-{i}" if i is not None else "#overview"


def article_segments(article: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The article's text cut into segments: its own date evidence first, then its temporal expressions."""
    aid = article.get("id")
    spans: list[dict[str, Any]] = []
    for e in article.get("evidence") or []:
        if isinstance(e, dict) and e.get("article_id") in (None, aid):
            spans.append(
                {"start": e.get("start"), "end": e.get("end"), "kind": "evidence", "title": e.get("implies")}
            )
    for t in article.get("timexes") or []:
        if isinstance(t, dict):
            spans.append(
                {
                    "start": t.get("start"),
                    "end": t.get("end"),
                    "kind": "timex",
                    "title": f"{t.get('type')} {t.get('value')}",
                }
            )
    return highlight_segments(str(article.get("text") or ""), spans)
