"""Crawl neighbours as date evidence: the stated dates of the most similar articles of *other* stories.

News comes in cycles: the articles closest to one in content (the same company, conflict, campaign or season,
but not the same story) were mostly published near it. The median stated date of an article's nearest
neighbours is therefore a date clue even for an article whose text names no date at all. It is a weak one:
a topic recurs (another year's final, another quake), and neighbours' stated dates are themselves
untrusted. So the clue is calibrated on the crawl itself, conformal-style:

1. every article gets an outlier score: how far its stated date lies from its neighbours' median, in units
   of their spread (median absolute deviation plus ``_SLACK_DAYS``);
2. the articles whose own text confirms their stated date firmly (``consistent`` on their own clues with
   confidence >= ``neighbour_confirmed``; a bare ``consistent`` lets in too many moved dates) show how far
   a correctly dated article of this crawl lies from its neighbours: the threshold is their
   ``1 - neighbour_alpha`` quantile (the ``ceil((n + 1)(1 - alpha))``-th smallest score). Under
   exchangeability, a correctly dated article exceeds it with probability at most ``neighbour_alpha``;
3. only an article beyond the threshold gets the clue ("similar articles are dated around D"). With fewer
   confirmed articles than the quantile needs, there is no threshold and no clue: a small or mixed crawl
   says nothing this way.

Neighbours are found from the dedup fingerprints (names, numbers, dates) by key-term blocking and ranked by
weighted cosine; stated dates are read only after the neighbours are chosen, never to choose them.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from dateline.dating.clues import Clue
from dateline.dating.config import DatingConfig
from dateline.dedup.config import DEFAULT_DEDUP, DedupConfig
from dateline.records import Article

__all__ = ["Neighbours", "crawl_neighbour_clues", "find_neighbours", "neighbour_clues"]

log = logging.getLogger(__name__)

_SLACK_DAYS = 30.0  # spread added to the neighbours' MAD: a news cycle is weeks long even when they agree
_MIN_SHARED = 2  # key terms a pair must share to be compared


@dataclass(frozen=True, slots=True)
class Neighbours:
    """Each article's nearest articles of other stories.

    Attributes:
        ids: article ids, in input order.
        index: for article ``i``, ``index[indptr[i]:indptr[i + 1]]`` are its neighbours (positions in ``ids``),
            most similar first; ``cosine`` holds their similarities.
    """

    ids: list[str]
    indptr: np.ndarray
    index: np.ndarray
    cosine: np.ndarray

    def of(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        s, e = int(self.indptr[i]), int(self.indptr[i + 1])
        return self.index[s:e], self.cosine[s:e]


def find_neighbours(
    articles: Sequence[Article],
    story_of: Mapping[str, str],
    *,
    k: int = 10,
    min_cosine: float = 0.05,
    dedup: DedupConfig = DEFAULT_DEDUP,
) -> Neighbours:
    """The ``k`` most similar articles of other stories for each of ``articles`` (texts only).

    Similarity is the cosine of the IDF-weighted dedup fingerprints; candidates share at least two of
    their key terms (``dedup.key_terms`` per article, none held by more than ``dedup.max_posting``).
    """
    from dateline.dedup.core import batch_weights, key_term_index, prepare
    from dateline.dedup.kernels import term_ids
    from dateline.dedup.lsh import group_ids, pairs_from_groups
    from dateline.dedup.verify import pair_features

    n = len(articles)
    ids = [a.id for a in articles]
    if n < 2:
        return Neighbours(ids, np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    sigs = prepare(articles, dedup).sigs
    df, tid = term_ids(sigs.term_hash)
    kidx, kd = key_term_index(sigs, df, dedup.key_terms, dedup.max_posting)
    groups = group_ids(tid[kidx], kd, int(tid.max(initial=0)) + 1)
    a, b, _ = pairs_from_groups(n, (groups, _MIN_SHARED), max_posting=dedup.max_posting)
    story = np.unique(np.array([story_of.get(i, i) for i in ids], dtype=object), return_inverse=True)[1]
    keep = story[a] != story[b]
    a, b = a[keep], b[keep]
    feats = pair_features(a, b, sigs.term_hash, sigs.term_flag, sigs.term_off, batch_weights(sigs, df, n))
    cos = feats[:, 0] / np.maximum(np.sqrt(feats[:, 1] * feats[:, 2]), 1e-12)
    ok = cos >= min_cosine
    src = np.concatenate([a[ok], b[ok]])
    dst = np.concatenate([b[ok], a[ok]])
    sim = np.concatenate([cos[ok], cos[ok]])
    order = np.lexsort((dst, -sim, src))  # per article: most similar first, ties by position
    src, dst, sim = src[order], dst[order], sim[order]
    starts = np.searchsorted(src, np.arange(n))
    counts = np.minimum(np.bincount(src, minlength=n), k)
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    # the first counts[i] entries of each article's run: its run start plus 0..counts[i] - 1
    take = np.repeat(starts, counts) + np.arange(int(indptr[-1])) - np.repeat(indptr[:-1], counts)
    return Neighbours(ids, indptr, dst[take].astype(np.int64), sim[take])


def _outlier_scores(
    articles: Sequence[Article], nb: Neighbours, min_neighbours: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per article: outlier score (NaN without enough dated neighbours), neighbours' median day, MAD, count."""
    n = len(articles)
    stated = np.array(
        [a.stated_date.anchor().toordinal() if a.stated_date else -1 for a in articles], dtype=np.int64
    )
    score = np.full(n, np.nan)
    median = np.zeros(n, dtype=np.int64)
    mad = np.zeros(n)
    count = np.zeros(n, dtype=np.int64)
    for i in range(n):
        idx, _ = nb.of(i)
        days = stated[idx]
        days = days[days > 0]
        count[i] = days.shape[0]
        if days.shape[0] < min_neighbours:
            continue
        med = float(np.median(days))
        median[i] = int(round(med))
        mad[i] = float(np.median(np.abs(days - med)))
        if stated[i] > 0:
            score[i] = abs(stated[i] - med) / (mad[i] + _SLACK_DAYS)
    return score, median, mad, count


def neighbour_clues(
    articles: Sequence[Article],
    nb: Neighbours,
    solo: Mapping[str, tuple[str, float]],
    config: DatingConfig,
) -> tuple[dict[str, list[Clue]], dict[str, float]]:
    """The ``neighbours`` clue of each article whose stated date is an outlier among its neighbours.

    Args:
        articles: the crawl, in the order of ``nb.ids``.
        nb: their neighbours (``find_neighbours``).
        solo: each article's verdict and confidence on its own clues; firm ``consistent`` ones calibrate.
        config: ``neighbour_min`` dated neighbours are needed; ``neighbour_confirmed``, ``neighbour_alpha``.

    Returns:
        (article id -> [clue], calibration figures: confirmed articles used, threshold or NaN).
    """
    score, median, mad, count = _outlier_scores(articles, nb, config.neighbour_min)
    confirmed = np.array(
        [solo[a.id][0] == "consistent" and solo[a.id][1] >= config.neighbour_confirmed for a in articles],
        dtype=bool,
    )
    cal = np.sort(score[confirmed & ~np.isnan(score)])
    m = cal.shape[0]
    rank = math.ceil((m + 1) * (1.0 - config.neighbour_alpha))
    info = {"confirmed": float(m), "threshold": float("nan")}
    if m == 0 or rank > m:
        return {}, info
    threshold = float(cal[rank - 1])
    info["threshold"] = threshold
    out: dict[str, list[Clue]] = {}
    for i, a in enumerate(articles):
        if not (score[i] > threshold):
            continue
        d = date.fromordinal(int(median[i]))
        text = (f"{int(count[i])} similar articles of other stories are dated around {d.isoformat()} "
                f"(half within {int(round(mad[i]))} days of it)")  # fmt: skip
        out[a.id] = [Clue("neighbours", text, None, None, a.id, None, d.year, d.month, d.day,
                          weight=1.0, spread=float(mad[i] + _SLACK_DAYS))]  # fmt: skip
    return out, info


def crawl_neighbour_clues(
    articles: Sequence[Article],
    story_of: Mapping[str, str],
    solo: Mapping[str, tuple[str, float]],
    config: DatingConfig,
    dedup: DedupConfig = DEFAULT_DEDUP,
) -> dict[str, list[Clue]]:
    """``find_neighbours`` then ``neighbour_clues``: article id -> [clue] for the outliers of a crawl."""
    nb = find_neighbours(articles, story_of, k=config.neighbour_k, dedup=dedup)
    extra, info = neighbour_clues(articles, nb, solo, config)
    log.info("neighbour clues: %d of %d articles beyond the threshold (%s)", len(extra), len(articles), info)
    return extra
