"""Check one article's date, optionally with the copies of the stored story it joins (``dateline check``)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from dateline.dating.config import DatingConfig
from dateline.dating.estimate import DEFAULT_DATING, check_cluster, estimate_date
from dateline.records import Article, DateEstimate, parse_stated_date

__all__ = ["CheckResult", "check_article", "estimate_to_json"]

log = logging.getLogger(__name__)

# a stored story whose match score is below this lends no copies as date evidence
MIN_MATCH_SCORE = 0.5
MAX_COPIES = 20


def estimate_to_json(est: DateEstimate) -> dict[str, Any]:
    """The contract's article fields for a date check (``date_verdict``, ``estimated_date``, ...)."""
    return {
        "date_verdict": est.verdict,
        "estimated_date": est.estimated_date,
        "date_interval": [est.interval[0], est.interval[1]],
        "date_confidence": est.confidence,
        "date_source": est.source,
        "evidence": [e.to_json() for e in est.evidence],
    }


@dataclass(slots=True)
class CheckResult:
    """The date check of one article.

    Attributes:
        article: the article checked.
        estimate: its ``DateEstimate``.
        matches: the stored stories it joins (from ``dateline.dedup.StoryIndex.match``), best first; each is
            a dict with ``story_id``, ``score`` and ``evidence``.
        copies: ids of the stored copies used as evidence.
    """

    article: Article
    estimate: DateEstimate
    matches: list[dict[str, Any]] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Exactly what ``dateline check --json`` prints and ``POST /api/check`` returns."""
        return {
            "id": self.article.id,
            "title": self.article.title,
            "stated_date": self.article.stated_date.iso() if self.article.stated_date else None,
            **estimate_to_json(self.estimate),
            "matches": self.matches,
            "copies_used": self.copies,
        }


def _match_json(m: Any) -> dict[str, Any]:
    if isinstance(m, dict):
        return {"story_id": m.get("story_id"), "score": m.get("score"), "evidence": m.get("evidence")}
    ev = getattr(m, "evidence", None)
    if ev is not None and not isinstance(ev, str | int | float | list | dict):
        ev = str(ev)
    score = getattr(m, "score", None)
    return {"story_id": getattr(m, "story_id", None), "score": float(score) if score is not None else None,
            "evidence": ev}


def _as_article(member: Any) -> Article | None:
    if isinstance(member, Article):
        return member
    get = member.get if isinstance(member, dict) else lambda k, d=None: getattr(member, k, d)
    text = get("text")
    aid = get("id") or get("article_id")
    if not text or aid is None:
        return None
    stated = get("stated_date")
    try:
        sd = stated if not isinstance(stated, str | type(None)) else parse_stated_date(stated)
    except ValueError:
        sd = None
    signals = get("html_date_signals")
    if isinstance(signals, str):
        try:
            signals = json.loads(signals)
        except ValueError:
            signals = None
    return Article(id=str(aid), text=str(text), stated_date=sd, title=get("title"), url=get("url"),
                   html_date_signals=signals if isinstance(signals, list) else None)


def _load_members(con: Any, members: list[Any]) -> list[Any]:
    """Stored articles for the members ``story_members`` gave (ids, or already articles)."""
    ids = [m for m in members if isinstance(m, str)]
    out = [m for m in members if not isinstance(m, str)]
    if ids:
        marks = ", ".join("?" for _ in ids)
        rows = con.execute(
            f"SELECT id, text, stated_date, title, url, html_date_signals FROM articles WHERE id IN ({marks})", ids
        ).fetchall()
        out.extend({"id": r[0], "text": r[1], "stated_date": r[2], "title": r[3], "url": r[4],
                    "html_date_signals": r[5]} for r in rows)
    return out


def _stored_copies(article: Article, con: Any) -> tuple[list[dict[str, Any]], list[Article]]:
    """The stored stories ``article`` joins, and the copies of the best one (read-only)."""
    try:
        from dateline.dedup.index import StoryIndex
    except ImportError:
        log.warning("story matching is not available; checking the article on its own")
        return [], []
    index = StoryIndex.reader(con)  # as the store was built (its signature settings and story_links)
    matches = list(index.match(article))
    out = [_match_json(m) for m in matches]
    copies: list[Article] = []
    if matches:
        top = matches[0]
        score = getattr(top, "score", None) if not isinstance(top, dict) else top.get("score")
        sid = getattr(top, "story_id", None) if not isinstance(top, dict) else top.get("story_id")
        if sid is not None and (score is None or float(score) >= MIN_MATCH_SCORE):
            members = [m for m in list(index.story_members(sid)) if m != article.id][:MAX_COPIES]
            loaded = (_as_article(m) for m in _load_members(con, members))
            copies = [c for c in loaded if c is not None and not _same_document(article, c)]
    return out, copies


def _same_document(article: Article, stored: Article) -> bool:
    """Whether ``stored`` is ``article`` itself, stored before under another id: the same words and the same
    stated date. Its date is then no second witness (a pasted article would confirm its own stated date)."""
    return article.stated_date == stored.stated_date and article.text.split() == stored.text.split()


def check_article(article: Article, *, con: Any | None = None, config: DatingConfig = DEFAULT_DATING) -> CheckResult:
    """Check ``article``'s stated date; with ``con`` (a DuckDB connection to a store), also use its story.

    The store is only read. The article's own text decides when it joins no stored story.
    """
    if con is None:
        return CheckResult(article, estimate_date(article, config=config))
    matches, copies = _stored_copies(article, con)
    if not copies:
        return CheckResult(article, estimate_date(article, config=config), matches)
    results = check_cluster([article, *copies], config=config)
    return CheckResult(article, results[article.id], matches, [c.id for c in copies])
