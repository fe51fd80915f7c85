"""Date checking: flag wrong stated dates and estimate the true publication date, with evidence.

Public API::

    estimate_date(article, *, timexes=None, config=DEFAULT_DATING) -> DateEstimate     # one article, its text
    check_cluster(articles, *, timexes=None, config=...) -> dict[str, DateEstimate]  # copies of one story
    check_article(article, *, con=None, config=...) -> CheckResult                    # dateline check
    iter_date_estimates(articles, ...) -> Iterator[tuple[str, DateEstimate]]
    date_estimates_batch(batch, ...) -> pyarrow.RecordBatch
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import pyarrow as pa

from dateline.dating.check import CheckResult, check_article, estimate_to_json
from dateline.dating.config import DatingConfig
from dateline.dating.estimate import DEFAULT_DATING, check_cluster, estimate_date
from dateline.records import ARTICLE_SCHEMA, Article, DateEstimate, Timex, parse_stated_date

__all__ = [
    "ASSIGNS",
    "DEFAULT_DATING",
    "REQUIRES",
    "CheckResult",
    "DatingConfig",
    "check_article",
    "check_cluster",
    "date_estimates_batch",
    "estimate_date",
    "estimate_to_json",
    "iter_date_estimates",
]

REQUIRES = ("id", "stated_date", "text")
ASSIGNS = ("date_verdict", "estimated_date", "date_interval", "date_confidence", "evidence")


def iter_date_estimates(
    articles: Iterable[Article],
    *,
    timexes: Mapping[str, list[Timex]] | None = None,
    config: DatingConfig = DEFAULT_DATING,
) -> Iterator[tuple[str, DateEstimate]]:
    """Check each article on its own text, streaming: yields ``(article id, estimate)``."""
    for a in articles:
        yield a.id, estimate_date(a, timexes=timexes.get(a.id) if timexes else None, config=config)


_OUT_SCHEMA = pa.schema([ARTICLE_SCHEMA.field("id")] + [ARTICLE_SCHEMA.field(n) for n in ASSIGNS])


def date_estimates_batch(batch: pa.RecordBatch, *, config: DatingConfig = DEFAULT_DATING) -> pa.RecordBatch:
    """Arrow in, Arrow out: ``id``, ``stated_date``, ``text`` (and optional ``title``, ``url``) -> the ``ASSIGNS``
    columns."""
    cols = batch.to_pydict()
    missing = [c for c in REQUIRES if c not in cols]
    if missing:
        from dateline.errors import InputFormatError

        raise InputFormatError(f"date_estimates_batch: missing columns {missing}; the batch needs {list(REQUIRES)}")
    rows = []
    titles = cols.get("title") or [None] * len(cols["id"])
    urls = cols.get("url") or [None] * len(cols["id"])
    for aid, stated, text, title, url in zip(cols["id"], cols["stated_date"], cols["text"], titles, urls, strict=True):
        try:
            sd = parse_stated_date(stated)
        except ValueError:
            sd = None
        est = estimate_date(Article(id=aid, text=text or "", stated_date=sd, title=title, url=url), config=config)
        j = estimate_to_json(est)
        rows.append({"id": aid, **{k: j[k] for k in ASSIGNS}})
    return pa.RecordBatch.from_pylist(rows, schema=_OUT_SCHEMA)
