"""Split an article's text into plain and highlighted segments (date evidence, temporal expressions).

The segments are rendered by Jinja with autoescaping, so hostile text stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["highlight_segments"]


def highlight_segments(text: str, spans: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Cut ``text`` at the spans' ``start``/``end`` offsets.

    Args:
        text: the article text.
        spans: dicts with int ``start`` and ``end`` and optional ``kind`` and ``title``; spans with
            bad offsets are skipped, and where spans overlap the earlier (then longer) one wins.

    Returns:
        ``[{"text", "kind", "title"}]`` covering ``text`` exactly, ``kind`` None for plain text.

    >>> [s["text"] for s in highlight_segments("on Jan. 8 it rained", [{"start": 3, "end": 9, "kind": "timex"}])]
    ['on ', 'Jan. 8', ' it rained']
    """
    good = []
    for sp in spans:
        s, e = sp.get("start"), sp.get("end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
            good.append((s, -e, sp))
    good.sort(key=lambda g: (g[0], g[1]))
    out: list[dict[str, Any]] = []
    pos = 0
    for s, neg_e, sp in good:
        e = -neg_e
        if s < pos:
            continue
        if s > pos:
            out.append({"text": text[pos:s], "kind": None, "title": None})
        out.append({"text": text[s:e], "kind": sp.get("kind") or "mark", "title": sp.get("title")})
        pos = e
    if pos < len(text) or not out:
        out.append({"text": text[pos:], "kind": None, "title": None})
    return out
