"""Grouping of one batch: signatures, candidates, verification and the two union-find levels.

Internal module shared by ``group_articles`` (pure, in memory) and ``StoryIndex`` (incremental).
Its functions are not a stable API.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import xxhash

from dateline.dedup.config import DEFAULT_DEDUP, DedupConfig
from dateline.dedup.kernels import F_MONTH, F_YEAR, band_keys, term_ids, top_k_per_doc
from dateline.dedup.link import edge_evidence, verify
from dateline.dedup.lsh import band_groups, group_ids, pair_join_bytes, pairs_from_groups
from dateline.dedup.signatures import Signatures, compute_signatures, pack_texts
from dateline.dedup.text import boilerplate_lines, fast_source_key, source_hashes, with_title
from dateline.dedup.unionfind import components
from dateline.dedup.verify import idf_from_df, lead_weights, lexical_weights, term_weights
from dateline.records import Article

log = logging.getLogger(__name__)

__all__ = ["Candidates", "Edge", "GroupResult", "batch_candidates", "group_articles", "make_id"]


def make_id(prefix: str, founder_id: str) -> str:
    """``prefix`` + ``-`` + 16 hex digits of xxh64 of the founding article's id.

    >>> make_id("s", "a1")
    's-fbe5503cb106ea90'
    """
    return f"{prefix}-{xxhash.xxh64_hexdigest(founder_id.encode('utf-8'))}"


@dataclass(slots=True)
class Edge:
    """A verified link between two articles: ``level`` is ``dup`` (near-identical) or ``story``."""

    a: str
    b: str
    level: str
    score: float
    evidence: dict[str, Any]


@dataclass(slots=True)
class GroupResult:
    """Assignments of a batch.

    Attributes:
        dup_group_id: article id -> near-identical copy group id (a singleton has its own).
        story_id: article id -> story id (a singleton has its own).
        edges: the verified links with their scores and evidence.
        changed_story_ids: stored stories whose membership changed: that gained members, were merged into
            another, or were split, and the stories split off them (``StoryIndex.add`` only).
        stats: counts and timings of the phases; ``index_bytes_per_doc`` is the blocking index (signatures
            plus the band and key-term groups), ``blocking_peak_bytes_per_doc`` adds the working
            arrays of the candidate join.
    """

    dup_group_id: dict[str, str] = field(default_factory=dict)
    story_id: dict[str, str] = field(default_factory=dict)
    changed_story_ids: set[str] = field(default_factory=set)
    stats: dict[str, float] = field(default_factory=dict)
    _edge_source: tuple[list[str], dict[str, np.ndarray], np.ndarray] | None = None
    _edges: list[Edge] | None = None

    @property
    def edges(self) -> list[Edge]:
        """The verified links (built on first access: large batches have many)."""
        if self._edges is None:
            self._edges = []
            if self._edge_source is not None:
                ids, v, keep = self._edge_source
                a, b, dup, score = v["a"], v["b"], v["dup"], v["score"]
                self._edges = [
                    Edge(ids[int(a[i])], ids[int(b[i])], "dup" if dup[i] else "story", float(score[i]), edge_evidence(v, i))
                    for i in keep
                ]
        return self._edges

    def set_edges(self, ids: list[str], verified: dict[str, np.ndarray]) -> None:
        """Internal: keep the verified pairs; ``edges`` materialises them on demand."""
        keep = np.flatnonzero(verified["story"])
        self._edge_source = (ids, {k: verified[k] for k in ("a", "b", "dup", "score", "event", "jaccard",
                                                            "containment", "number_agreement", "feats",
                                                            "slots_agree", "slots_differ")}, keep)  # fmt: skip
        self._edges = None


@dataclass(slots=True)
class Prepared:
    """Internal: the computed arrays of a batch."""

    ids: list[str]
    sources: list[str]
    sigs: Signatures
    line_counts: Any = None


def prepare(
    articles: Sequence[Article],
    config: DedupConfig,
    prior_lines: Callable[[np.ndarray], np.ndarray] | None = None,
) -> Prepared:
    """Clean, strip boilerplate and compute signatures/terms of ``articles`` (no stated dates used).

    ``prior_lines`` maps uint64 line keys to their stored record counts (earlier batches).
    """
    sources = [fast_source_key(a.source, a.url) for a in articles]
    buf, offsets = pack_texts([with_title(a.text, a.title, fold=config.fold_accents) for a in articles])
    keys, counts = boilerplate_lines(
        buf, offsets, sources,
        min_docs=config.boilerplate_min_docs,
        crawl_min_docs=config.boilerplate_crawl_min_docs,
        max_chars=config.boilerplate_max_chars,
        prior=prior_lines,
    )  # fmt: skip
    sigs = compute_signatures((buf, offsets), config=config)
    return Prepared([a.id for a in articles], sources, sigs, (keys, counts))


def key_term_postings(
    sigs: Signatures, df: np.ndarray, k: int, max_posting: int, *, min_df: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """Each document's ``k`` heaviest terms with ``min_df <= df <= max_posting``, as (term, doc) postings.

    ``df`` is aligned with ``sigs.term_hash``. Plain words count less than entities, numbers and
    dates, and rare beats common, so the postings are the record's most specific terms.
    """
    idx, doc = key_term_index(sigs, df, k, max_posting, min_df=min_df)
    return sigs.term_hash[idx], doc


def key_term_index(
    sigs: Signatures, df: np.ndarray, k: int, max_posting: int, *, min_df: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """``key_term_postings`` as (index into ``sigs.term_hash``, doc)."""
    ok = (df >= min_df) & (df <= max_posting) & ((sigs.term_flag & (F_YEAR | F_MONTH)) == 0)
    prio = term_weights(sigs.term_flag, 1.0 / np.sqrt(df.astype(np.float32)))
    idx = top_k_per_doc(prio, ok, sigs.term_off, k)
    doc = np.searchsorted(sigs.term_off, idx, side="right") - 1
    return idx, doc


def band_postings(sig: np.ndarray, bands: int, doc_base: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(band key, doc) postings of the LSH bands of ``sig``."""
    keys = band_keys(sig, bands)
    docs = np.repeat(np.arange(doc_base, doc_base + sig.shape[0], dtype=np.int64), bands)
    return keys.reshape(-1), docs


def batch_weights(sigs: Signatures, df: np.ndarray, n_docs: int) -> np.ndarray:
    return term_weights(sigs.term_flag, idf_from_df(df, n_docs))


@dataclass(slots=True)
class Candidates:
    """A batch's records and candidate pairs, ready for ``link.verify`` (``batch_candidates``).

    ``a``, ``b``: the pairs (indices into the batch, ``a < b``); ``weights``, ``lexical``, ``lead``: each
    term's fingerprint, word-cosine and lead weights, aligned with ``prep.sigs.term_hash`` (``lead`` None when
    ``config.lead_test`` is off); ``index_bytes`` and ``join_bytes``: the blocking index and the working
    arrays of the candidate join; ``seconds``: the time of each phase (signatures, candidates).
    """

    prep: Prepared
    a: np.ndarray
    b: np.ndarray
    weights: np.ndarray
    lexical: np.ndarray
    lead: np.ndarray | None
    index_bytes: int
    join_bytes: int
    seconds: dict[str, float]


def batch_candidates(articles: Sequence[Article], config: DedupConfig = DEFAULT_DEDUP) -> Candidates:
    """Signatures, blocking and candidate pairs of ``articles`` (no stated dates used): the stage of
    ``group_articles`` before verification, for tools that study the pairs themselves."""
    t0 = time.perf_counter()
    prep = prepare(articles, config)
    sigs = prep.sigs
    n = len(sigs)
    t1 = time.perf_counter()
    # dup-level blocking groups (LSH bands), story-level ones (shared rare key terms): only keys
    # held by two or more records are kept, and the groups are dropped once the pairs are out
    bands = band_groups(sigs.sig, config.bands)
    df, tid = term_ids(sigs.term_hash)
    kidx, kd = key_term_index(sigs, df, config.key_terms, config.max_posting)
    terms = group_ids(tid[kidx], kd, int(tid.max(initial=0)) + 1)
    del tid, kidx, kd
    index_bytes = sigs.sig.nbytes + bands.nbytes + terms.nbytes
    join_bytes = pair_join_bytes(n, bands, terms)
    a, b, _ = pairs_from_groups(
        n, (bands, 1), (terms, config.story_min_shared), max_posting=config.max_posting
    )
    del bands, terms
    weights, lexical = batch_weights(sigs, df, n), lexical_weights(df, n)
    lead = lead_weights(df, n) if config.lead_test else None
    seconds = {"signatures": t1 - t0, "candidates": time.perf_counter() - t1}
    return Candidates(prep, a, b, weights, lexical, lead, index_bytes, join_bytes, seconds)


def group_articles(
    articles: Sequence[Article], *, config: DedupConfig = DEFAULT_DEDUP, embed: np.ndarray | None = None
) -> GroupResult:
    """Group articles into near-identical copy groups and stories, in memory.

    Args:
        articles: the records; their stated dates are ignored.
        config: the dedup settings.
        embed: optional float32[n, d] unit-norm sentence embeddings (see ``dateline.dedup.embed``);
            computed from ``config.embedder`` when None and an embedder is configured.

    Returns:
        A ``GroupResult``; each group's id comes from its earliest article (input order).
    """
    t0 = time.perf_counter()
    n = len(articles)
    res = GroupResult()
    if n == 0:
        return res
    ids = [a.id for a in articles]
    if len(set(ids)) != n:
        raise ValueError("group_articles: article ids must be unique; drop duplicate ids first")
    cand = batch_candidates(articles, config)
    sigs, a, b = cand.prep.sigs, cand.a, cand.b
    t2 = time.perf_counter()
    if embed is None and config.embedder != "none":
        from dateline.dedup.embed import encode_articles

        embed = encode_articles(articles, config=config)
    v = verify(
        a, b, sigs, cand.weights, config, embed, lexical=cand.lexical, lead=cand.lead,
        sources=source_hashes(cand.prep.sources),
    )  # fmt: skip
    t3 = time.perf_counter()
    dup_root = components(n, a[v["dup"]], b[v["dup"]])
    story_root = components(n, a[v["story"]], b[v["story"]])
    res.dup_group_id = _group_ids("d", ids, dup_root)
    res.story_id = _group_ids("s", ids, story_root)
    res.set_edges(ids, v)
    res.stats = {
        "articles": n, "candidates": int(a.shape[0]), "dup_edges": int(v["dup"].sum()),
        "story_edges": int(v["story"].sum()), "seconds_signatures": cand.seconds["signatures"],
        "seconds_candidates": cand.seconds["candidates"], "seconds_verify": t3 - t2,
        "seconds_total": time.perf_counter() - t0, "index_bytes_per_doc": cand.index_bytes / n,
        "blocking_peak_bytes_per_doc": (cand.index_bytes + cand.join_bytes) / n,
    }  # fmt: skip
    log.info("grouped %d articles: %s", n, res.stats)
    return res


def _group_ids(prefix: str, ids: list[str], roots: np.ndarray) -> dict[str, str]:
    """Article id -> group id of its root (the founder), hashing each founder once."""
    cache: dict[int, str] = {}
    out: dict[str, str] = {}
    for i, r in enumerate(roots.tolist()):
        g = cache.get(r)
        if g is None:
            g = cache[r] = make_id(prefix, ids[r])
        out[ids[i]] = g
    return out
