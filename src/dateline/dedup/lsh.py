"""Candidate pairs from shared keys (LSH band keys, or rare fingerprint terms), without sorting pairs.

Blocking runs in two compiled steps:

1. ``group_postings``: the (key, doc) postings are grouped by key with an open-addressing hash table
   (no sort). Keys held by one document only are dropped at once, so what is kept is a compact
   group table (``Groups``: group bounds and uint32 members, members ascending) of the keys that
   can make a pair at all.
2. ``pairs_from_groups``: for every document ``a``, the members ``b > a`` of its groups are counted in
   a dense counter (ScanCount); ``(a, b)`` is a candidate when, for some key set, the count reaches
   that set's ``min_shared``. Pairs come out unique and sorted by ``(a, b)``, and no list of raw
   pairs is ever materialised, so memory stays linear in the postings however large the groups.

A group larger than ``max_posting`` yields a star (its smallest document with each other member)
instead of all pairs, which keeps huge exact-copy buckets linear.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numba import njit

from dateline.dedup.kernels import band_key_column, grow, mix64

__all__ = [
    "Groups", "band_groups", "candidate_pairs", "group_ids", "group_postings", "pair_join_bytes", "pair_key",
    "pairs_from_groups",
    "split_pair_key",
]  # fmt: skip


@dataclass(slots=True)
class Groups:
    """Non-singleton key groups of one key set: members of group ``g`` are
    ``docs[starts[g]:starts[g+1]]`` (uint32, ascending; ``starts`` uint32 too, so a group of two
    costs 12 bytes)."""

    starts: np.ndarray
    docs: np.ndarray

    @property
    def nbytes(self) -> int:
        return int(self.starts.nbytes + self.docs.nbytes)

    def __len__(self) -> int:
        return int(self.starts.shape[0] - 1)


def _empty_groups() -> Groups:
    return Groups(np.zeros(1, dtype=np.uint32), np.zeros(0, dtype=np.uint32))


def _table_size(m: int) -> int:
    size = 16
    while size < 2 * m:
        size *= 2
    return size


@njit(cache=True)
def _group_kernel(
    keys: np.ndarray, docs: np.ndarray, t_key: np.ndarray, t_cnt: np.ndarray, t_gid: np.ndarray, slot: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Group ``docs`` by ``keys`` (hash table of ``t_*``, all-zero on entry and on return)."""
    m = keys.shape[0]
    mask = t_key.shape[0] - 1
    for i in range(m):
        k = keys[i]
        j = np.int64(mix64(k) & np.uint64(mask))
        while t_cnt[j] != 0 and t_key[j] != k:
            j = (j + 1) & mask
        t_key[j] = k
        t_cnt[j] += 1
        slot[i] = j
    # group ids in order of first appearance, for keys held twice or more
    ng = 0
    total = 0
    for i in range(m):
        j = slot[i]
        if t_cnt[j] >= 2:
            total += 1
            if t_gid[j] == 0:
                ng += 1
                t_gid[j] = ng
    starts = np.zeros(ng + 1, dtype=np.uint32)
    for i in range(m):
        j = slot[i]
        if t_cnt[j] >= 2:
            starts[t_gid[j]] += 1
    for g in range(ng):
        starts[g + 1] += starts[g]
    fill = starts[:-1].copy()
    out = np.empty(total, dtype=np.uint32)
    for i in range(m):
        j = slot[i]
        if t_cnt[j] >= 2:
            g = t_gid[j] - 1
            out[fill[g]] = docs[i]
            fill[g] += 1
    for i in range(m):  # leave the table clean for the next call
        j = slot[i]
        t_key[j] = 0
        t_cnt[j] = 0
        t_gid[j] = 0
    return starts, out


class _Table:
    """Reusable hash table of ``_group_kernel`` (one allocation for all bands)."""

    def __init__(self, m: int) -> None:
        size = _table_size(m)
        self.key = np.zeros(size, dtype=np.uint64)
        self.cnt = np.zeros(size, dtype=np.int32)
        self.gid = np.zeros(size, dtype=np.int32)
        self.slot = np.empty(m, dtype=np.int64)

    def group(self, keys: np.ndarray, docs: np.ndarray) -> Groups:
        starts, out = _group_kernel(keys, docs, self.key, self.cnt, self.gid, self.slot[: keys.shape[0]])
        return Groups(starts, out)


def _ascending(keys: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    docs = np.asarray(docs)
    if docs.shape[0] > 1 and bool((docs[1:] < docs[:-1]).any()):
        order = np.argsort(docs, kind="stable")
        return np.ascontiguousarray(keys[order]), np.ascontiguousarray(docs[order])
    return np.ascontiguousarray(keys), np.ascontiguousarray(docs)


def group_postings(keys: np.ndarray, docs: np.ndarray) -> Groups:
    """Groups of the (uint64 key, doc) postings held by two or more documents."""
    if keys.shape[0] == 0:
        return _empty_groups()
    if keys.shape[0] >= 2**32:
        raise ValueError("group_postings: 2**32 postings or more; group the batch in smaller parts")
    if docs.shape[0] and (int(docs.min()) < 0 or int(docs.max()) >= 2**32):
        raise ValueError("group_postings: document numbers must be in [0, 2**32)")
    k, d = _ascending(np.asarray(keys, dtype=np.uint64), docs)
    return _Table(k.shape[0]).group(k, d.astype(np.uint32))


@njit(cache=True)
def _group_ids_kernel(ids: np.ndarray, docs: np.ndarray, n_ids: int) -> tuple[np.ndarray, np.ndarray]:
    cnt = np.zeros(n_ids, dtype=np.int64)
    for i in range(ids.shape[0]):
        cnt[ids[i]] += 1
    gid = np.full(n_ids, -1, dtype=np.int64)
    ng = 0
    total = 0
    for t in range(n_ids):
        if cnt[t] >= 2:
            gid[t] = ng
            ng += 1
            total += cnt[t]
    starts = np.zeros(ng + 1, dtype=np.uint32)
    for t in range(n_ids):
        if gid[t] >= 0:
            starts[gid[t] + 1] = cnt[t]
    for g in range(ng):
        starts[g + 1] += starts[g]
    fill = starts[:-1].copy()
    out = np.empty(total, dtype=np.uint32)
    for i in range(ids.shape[0]):
        g = gid[ids[i]]
        if g >= 0:
            out[fill[g]] = docs[i]
            fill[g] += 1
    return starts, out


def group_ids(ids: np.ndarray, docs: np.ndarray, n_ids: int) -> Groups:
    """Like ``group_postings`` for dense integer keys ``0 <= ids < n_ids`` (a counting sort, no hashing)."""
    if ids.shape[0] == 0:
        return _empty_groups()
    if ids.shape[0] >= 2**32:
        raise ValueError("group_ids: 2**32 postings or more; group the batch in smaller parts")
    i, d = _ascending(np.asarray(ids), docs)
    return Groups(*_group_ids_kernel(i, d.astype(np.uint32), n_ids))


def band_groups(sig: np.ndarray, bands: int, doc_base: int = 0) -> Groups:
    """Groups of documents sharing an LSH band key of ``sig`` (keys as ``kernels.band_keys``).

    Bands are hashed and grouped one at a time, so only one band's keys are held at once.
    """
    n = sig.shape[0]
    if n < 2:
        return _empty_groups()
    if doc_base < 0 or doc_base + n > 2**32:
        raise ValueError("band_groups: document numbers must be in [0, 2**32)")
    table = _Table(n)
    docs = np.arange(doc_base, doc_base + n, dtype=np.uint32)
    parts: list[Groups] = []
    for band in range(bands):
        g = table.group(band_key_column(sig, bands, band), docs)
        if len(g):
            parts.append(g)
    return concat_groups(parts)


def concat_groups(parts: Sequence[Groups]) -> Groups:
    """One ``Groups`` holding the groups of all ``parts``."""
    if not parts:
        return _empty_groups()
    if len(parts) == 1:
        return parts[0]
    sizes = np.concatenate([np.diff(p.starts) for p in parts])
    total = int(sizes.sum(dtype=np.int64))
    if total >= 2**32:
        raise ValueError("blocking groups: 2**32 postings or more; group the batch in smaller parts")
    starts = np.zeros(sizes.shape[0] + 1, dtype=np.uint32)
    np.cumsum(sizes, out=starts[1:])
    return Groups(starts, np.concatenate([p.docs for p in parts]))


@njit(cache=True)
def _doc_index(n: int, starts: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per document, the groups holding it (CSR: offsets int64[n+1], group ids uint32)."""
    off = np.zeros(n + 1, dtype=np.int64)
    for i in range(docs.shape[0]):
        off[docs[i] + 1] += 1
    for d in range(n):
        off[d + 1] += off[d]
    fill = off[:-1].copy()
    gids = np.empty(docs.shape[0], dtype=np.uint32)
    for g in range(starts.shape[0] - 1):
        for i in range(np.int64(starts[g]), np.int64(starts[g + 1])):
            d = docs[i]
            gids[fill[d]] = g
            fill[d] += 1
    return off, gids


@njit(cache=True)
def _count_group(
    a: int, lo: np.int64, hi: np.int64, docs: np.ndarray, cnt: np.ndarray, seen: np.ndarray, touched: np.ndarray, nt: int
) -> int:
    # members are ascending: skip to the first one after a
    left, right = lo, hi
    while left < right:
        mid = (left + right) >> 1
        if np.int64(docs[mid]) <= a:
            left = mid + 1
        else:
            right = mid
    for i in range(left, hi):
        b = np.int64(docs[i])
        if not seen[b]:
            seen[b] = True
            touched[nt] = b
            nt += 1
        cnt[b] += 1
    return nt


@njit(cache=True)
def _scan_count(
    a0: int,
    starts1: np.ndarray, docs1: np.ndarray, off1: np.ndarray, gid1: np.ndarray, min1: int,
    starts2: np.ndarray, docs2: np.ndarray, off2: np.ndarray, gid2: np.ndarray, min2: int,
    max_posting: int,
    cnt1: np.ndarray, cnt2: np.ndarray, seen: np.ndarray, touched: np.ndarray,
    out_a: np.ndarray, out_b: np.ndarray, out_n: np.ndarray, m: int,
) -> tuple[int, int]:
    """ScanCount from document ``a0`` on; returns ``(next document, pairs written)``, stopping early
    (counters clean) when the output arrays are full."""
    n = cnt1.shape[0]
    cap = out_a.shape[0]
    for a in range(a0, n):
        nt = 0
        for k in range(off1[a], off1[a + 1]):
            g = gid1[k]
            lo, hi = np.int64(starts1[g]), np.int64(starts1[g + 1])
            if hi - lo <= max_posting or docs1[lo] == a:  # a star pairs only its smallest member
                nt = _count_group(a, lo, hi, docs1, cnt1, seen, touched, nt)
        for k in range(off2[a], off2[a + 1]):
            g = gid2[k]
            lo, hi = np.int64(starts2[g]), np.int64(starts2[g + 1])
            if hi - lo <= max_posting or docs2[lo] == a:
                nt = _count_group(a, lo, hi, docs2, cnt2, seen, touched, nt)
        keep = 0
        for j in range(nt):  # survivors first (few), then sort only them
            b = touched[j]
            if cnt1[b] >= min1 or cnt2[b] >= min2:
                touched[keep] = b
                keep += 1
            else:
                seen[b] = False
                cnt1[b] = 0
                cnt2[b] = 0
        if keep == 0:
            continue
        if m + keep > cap:
            for j in range(keep):
                b = touched[j]
                seen[b] = False
                cnt1[b] = 0
                cnt2[b] = 0
            return a, m
        tb = np.sort(touched[:keep])
        for j in range(keep):
            b = tb[j]
            out_a[m] = a
            out_b[m] = b
            out_n[m] = cnt1[b]
            m += 1
            seen[b] = False
            cnt1[b] = 0
            cnt2[b] = 0
    return n, m


def pairs_from_groups(
    n: int, first: tuple[Groups, int], second: tuple[Groups, int] | None = None, *, max_posting: int = 300
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``a < b`` of documents ``0..n-1`` that share at least ``min_shared`` groups of ``first``
    or of ``second`` (each a ``(groups, min_shared)``).

    Returns unique ``(a, b, shared)`` sorted by ``(a, b)``; ``shared`` counts the groups of ``first``
    the pair shares.
    """
    g1, m1 = first
    g2, m2 = second if second is not None else (_empty_groups(), 1)
    for g in (g1, g2):
        if g.docs.shape[0] and int(g.docs.max()) >= n:
            raise ValueError("pairs_from_groups: a group holds a document number >= n")
    if n < 2 or (g1.docs.shape[0] == 0 and g2.docs.shape[0] == 0):
        e = np.zeros(0, dtype=np.int64)
        return e, e, e
    off1, gid1 = _doc_index(n, g1.starts, g1.docs)
    off2, gid2 = _doc_index(n, g2.starts, g2.docs)
    cnt1, cnt2 = np.zeros(n, dtype=np.int32), np.zeros(n, dtype=np.int32)
    seen, touched = np.zeros(n, dtype=np.bool_), np.empty(n, dtype=np.int64)
    cap = max(1024, n)
    out = [np.empty(cap, dtype=np.int64) for _ in range(3)]
    a, m = 0, 0
    while True:
        a, m = _scan_count(
            a, g1.starts, g1.docs, off1, gid1, max(1, int(m1)), g2.starts, g2.docs, off2, gid2, max(1, int(m2)),
            max_posting, cnt1, cnt2, seen, touched, out[0], out[1], out[2], m,
        )  # fmt: skip
        if a >= n:
            break
        cap = max(2 * cap, m + n)  # full: a document adds fewer than n pairs
        out = [grow(x, cap) for x in out]
    return out[0][:m], out[1][:m], out[2][:m]


def pair_join_bytes(n: int, *groups: Groups) -> int:
    """Bytes of the working arrays ``pairs_from_groups`` adds to its ``groups`` for ``n`` documents
    (per-document group lists and counters), not counting the pairs it returns."""
    members = sum(int(g.docs.shape[0]) for g in groups)
    return 2 * (n + 1) * 8 + members * 4 + n * (4 + 4 + 1 + 8)


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
    restrict_to: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of documents sharing at least ``min_shared`` keys.

    Args:
        keys: uint64 key per posting (a band key or a term hash).
        docs: document number per posting (a document lists a key once), in ``[0, 2**32)``.
        min_shared: keep pairs that share this many keys.
        max_posting: larger key groups yield a star (smallest document with each other) instead of all pairs.
        restrict_to: if given, a bool mask over documents; keep only pairs touching a ``True`` one.

    Returns:
        ``(a, b, shared)`` int64 arrays with ``a < b``, unique and sorted by ``(a, b)``; ``shared``
        is the number of keys the pair shares (stars count once per key).
    """
    if keys.shape[0] == 0:
        e = np.zeros(0, dtype=np.int64)
        return e, e, e
    n = int(np.max(docs)) + 1
    a, b, cnt = pairs_from_groups(n, (group_postings(keys, docs), min_shared), max_posting=max_posting)
    if restrict_to is not None:
        m = restrict_to[a] | restrict_to[b]
        a, b, cnt = a[m], b[m], cnt[m]
    return a, b, cnt
