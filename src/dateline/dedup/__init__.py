"""Story grouping: near-identical copies (``dup_group_id``) and same-story reports (``story_id``).

Public API: ``group_articles`` (pure, in memory), ``StoryIndex`` (incremental, over DuckDB),
``DedupConfig``/``DEFAULT_DEDUP`` and ``cluster_metrics``.
"""

from __future__ import annotations

from dateline.dedup.config import DEFAULT_DEDUP, DedupConfig
from dateline.dedup.core import Edge, GroupResult, group_articles, make_id
from dateline.dedup.metrics import cluster_metrics

REQUIRES = ("id", "text", "title", "url", "source")
ASSIGNS = ("dup_group_id", "story_id")

__all__ = [
    "ASSIGNS",
    "DEFAULT_DEDUP",
    "REQUIRES",
    "DedupConfig",
    "Edge",
    "GroupResult",
    "Match",
    "StoryIndex",
    "cluster_metrics",
    "group_articles",
    "make_id",
]


def __getattr__(name: str) -> object:
    if name in ("StoryIndex", "Match"):
        from dateline.dedup import index

        return getattr(index, name)
    raise AttributeError(name)
