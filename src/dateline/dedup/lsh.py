"""Candidate pairs from shared keys (LSH band keys, or rare fingerprint terms), sort-partitioned.

Records that share a key are candidates. Keys are sorted once (no dict of buckets); pairs are then
generated partition by partition (``a % parts``) so that at most ``pair_budget`` pairs are held at
once, and a key held by more than ``max_posting`` records yields a star (its first record with each
other) instead of all pairs, which keeps huge exact-copy buckets linear.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["candidate_pairs", "pair_key", "split_pair_key"]


@njit(cache=True)
def _count_pairs(starts: np.ndarray, max_posting: int) -> int:
    total = 0
    for g in range(starts.shape[0] - 1):
        s = starts[g + 1] - starts[g]
        if s < 2:
            continue
        total += s - 1 if s > max_posting else s * (s - 1) // 2
    return total


@njit(cache=True)
def _part_counts(docs: np.ndarray, starts: np.ndarray, max_posting: int, parts: int) -> np.ndarray:
    out = np.zeros(parts, dtype=np.int64)
    for g in range(starts.shape[0] - 1):
        lo = starts[g]
        hi = starts[g + 1]
        if hi - lo > max_posting:
            for j in range(lo + 1, hi):
                out[min(docs[lo], docs[j]) % parts] += 1
        else:
            for i in range(lo, hi):
                for j in range(i + 1, hi):
                    out[min(docs[i], docs[j]) % parts] += 1
    return out


@njit(cache=True)
def _emit(docs: np.ndarray, starts: np.ndarray, max_posting: int, part: int, parts: int, limit: int) -> np.ndarray:
    out = np.empty(limit, dtype=np.int64)
    m = 0
    for g in range(starts.shape[0] - 1):
        lo = starts[g]
        hi = starts[g + 1]
        s = hi - lo
        if s < 2:
            continue
        if s > max_posting:
            a = docs[lo]
            for j in range(lo + 1, hi):
                b = docs[j]
                x = min(a, b)
                y = max(a, b)
                if x != y and x % parts == part:
                    out[m] = (x << 32) | y
                    m += 1
        else:
            for i in range(lo, hi):
                for j in range(i + 1, hi):
                    x = min(docs[i], docs[j])
                    y = max(docs[i], docs[j])
                    if x != y and x % parts == part:
                        out[m] = (x << 32) | y
                        m += 1
    return out[:m]


def pair_key(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pack pairs (a < b, both < 2**31) into one int64."""
    return (a.astype(np.int64) << 32) | b.astype(np.int64)


def split_pair_key(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return (keys >> 32).astype(np.int64), (keys & 0xFFFFFFFF).astype(np.int64)


def candidate_pairs(
    keys: np.ndarray,
    docs: np.ndarray,
    *,
    min_shared: int = 1,
    max_posting: int = 300,
    pair_budget: int = 20_000_000,
    restrict_to: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of documents sharing at least ``min_shared`` keys.

    Args:
        keys: uint64 key per posting (a band key or a term hash).
        docs: int64 document number per posting (a document lists a key once).
        min_shared: keep pairs that share this many keys.
        max_posting: larger key groups yield a star instead of all pairs.
        pair_budget: most pairs materialised at once (sets the number of partitions).
        restrict_to: if given, a bool mask over documents; keep only pairs touching a ``True`` one.

    Returns:
        ``(a, b, shared)`` int64 arrays with ``a < b``. With ``min_shared=1`` a pair may repeat
        (once per shared key) and ``shared`` is 1: dedupe with ``np.unique`` if it matters.
    """
    if keys.shape[0] == 0:
        e = np.zeros(0, dtype=np.int64)
        return e, e, e
    order = np.argsort(keys)
    k = keys[order]
    d = docs[order].astype(np.int64)
    bounds = np.flatnonzero(k[1:] != k[:-1]) + 1
    starts = np.concatenate(([0], bounds, [k.shape[0]])).astype(np.int64)
    sizes = np.diff(starts)
    keep = np.flatnonzero(sizes >= 2)
    if keep.shape[0] == 0:
        e = np.zeros(0, dtype=np.int64)
        return e, e, e
    d = d[np.repeat(sizes >= 2, sizes)]  # only groups with two or more members
    gs = sizes[keep]
    starts = np.zeros(gs.shape[0] + 1, dtype=np.int64)
    np.cumsum(gs, out=starts[1:])
    total = _count_pairs(starts, max_posting)
    parts = max(1, -(-total // pair_budget))
    out_a, out_b, out_n = [], [], []
    limits = _part_counts(d, starts, max_posting, parts) if parts > 1 else np.array([total])
    for part in range(parts):
        limit = int(limits[part])
        raw = _emit(d, starts, max_posting, part, parts, limit)
        if raw.shape[0] == 0:
            continue
        if min_shared > 1:
            uniq, cnt = np.unique(raw, return_counts=True)
            m = cnt >= min_shared
            uniq, cnt = uniq[m], cnt[m]
        else:  # callers that need no counts dedupe pairs once, with their other pairs
            uniq, cnt = raw, np.ones(raw.shape[0], dtype=np.int64)
        a, b = split_pair_key(uniq)
        if restrict_to is not None:
            m = restrict_to[a] | restrict_to[b]
            a, b, cnt = a[m], b[m], cnt[m]
        out_a.append(a)
        out_b.append(b)
        out_n.append(cnt.astype(np.int64))
    if not out_a:
        e = np.zeros(0, dtype=np.int64)
        return e, e, e
    return np.concatenate(out_a), np.concatenate(out_b), np.concatenate(out_n)
