"""Clustering metrics for story grouping: pairwise and B-cubed precision/recall/F1, and ARI."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from math import comb

__all__ = ["cluster_metrics"]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def cluster_metrics(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, float]:
    """Compare two labelings of the same items.

    Returns pairwise precision/recall/F1 (over item pairs put together), B-cubed precision/recall/F1
    and the adjusted Rand index. A singleton-only prediction has pairwise precision 1 by convention.

    >>> cluster_metrics(["a", "a", "b"], [1, 1, 2])["ari"]
    1.0
    """
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} items, pred has {len(pred)}")
    n = len(gold)
    joint = Counter(zip(gold, pred, strict=True))
    g = Counter(gold)
    p = Counter(pred)
    tp = sum(comb(c, 2) for c in joint.values())
    gp = sum(comb(c, 2) for c in g.values())
    pp = sum(comb(c, 2) for c in p.values())
    prec = tp / pp if pp else 1.0
    rec = tp / gp if gp else 1.0
    bp = sum(c * c / p[pl] for (_, pl), c in joint.items()) / n if n else 1.0
    br = sum(c * c / g[gl] for (gl, _), c in joint.items()) / n if n else 1.0
    total = comb(n, 2)
    expected = gp * pp / total if total else 0.0
    max_index = (gp + pp) / 2
    ari = (tp - expected) / (max_index - expected) if max_index != expected else 1.0
    return {
        "pairwise_precision": prec,
        "pairwise_recall": rec,
        "pairwise_f1": _f1(prec, rec),
        "bcubed_precision": bp,
        "bcubed_recall": br,
        "bcubed_f1": _f1(bp, br),
        "ari": ari,
        "items": n,
        "gold_clusters": len(g),
        "pred_clusters": len(p),
    }
