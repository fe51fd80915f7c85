"""Union-find over document numbers, written as loops (no recursion limit on long chains)."""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["UnionFind", "components"]


@njit(cache=True)
def _find(parent: np.ndarray, x: int) -> int:
    root = x
    while parent[root] != root:
        root = parent[root]
    while parent[x] != root:  # path compression
        nxt = parent[x]
        parent[x] = root
        x = nxt
    return root


@njit(cache=True)
def _union_all(parent: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
    for i in range(a.shape[0]):
        ra = _find(parent, a[i])
        rb = _find(parent, b[i])
        if ra != rb:
            # the smaller number wins, so a component's root is its earliest member
            if ra < rb:
                parent[rb] = ra
            else:
                parent[ra] = rb


@njit(cache=True)
def _roots(parent: np.ndarray) -> np.ndarray:
    out = np.empty(parent.shape[0], dtype=np.int64)
    for i in range(parent.shape[0]):
        out[i] = _find(parent, i)
    return out


class UnionFind:
    """Disjoint sets over ``0..n-1``; the root of a set is its smallest member.

    >>> uf = UnionFind(4); uf.union_pairs(np.array([3, 1]), np.array([2, 2])); uf.roots().tolist()
    [0, 1, 1, 1]
    """

    def __init__(self, n: int) -> None:
        self.parent = np.arange(n, dtype=np.int64)

    def union_pairs(self, a: np.ndarray, b: np.ndarray) -> None:
        _union_all(self.parent, np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64))

    def find(self, x: int) -> int:
        return int(_find(self.parent, x))

    def roots(self) -> np.ndarray:
        return _roots(self.parent)


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Root (smallest member) of each of ``n`` documents after joining the pairs ``(a[i], b[i])``."""
    uf = UnionFind(n)
    uf.union_pairs(a, b)
    return uf.roots()
