"""Verification of candidate pairs: shingle similarity (near-identical copies) and the event
fingerprint (same story), with the evidence that tells a rewrite from a templated look-alike.

The fingerprint of a record is its set of content terms: entity-like words, numbers, years, and
month-day mentions read from the text ("Jan. 8" == "8 January"). Stated dates are never used.
A rewrite shares the rare terms of its event; a templated look-alike (another day's market close,
another quarter's earnings, another year's ceremony) shares the template's words but disagrees on
the numbers, years and days it mentions, which the score penalises.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from dateline.dedup.config import DEFAULT_DEDUP, DedupConfig
from dateline.dedup.kernels import F_CAP, F_DATE, F_FIG, F_MONTH, F_NUM, F_WDAY, F_YEAR

__all__ = [
    "FEATURES", "term_weights", "lexical_weights", "lexical_cosines", "pair_features", "dup_scores", "story_scores",
    "event_scores", "background", "background_of_loners", "idf_from_df", "lead_weights", "weekday_conflicts", "figure_conflicts", "slot_conflicts",
    "strong_slot_conflicts", "signature_agreement", "shares_specifics",
]  # fmt: skip

FEATURES = (
    "w_shared", "w_a", "w_b", "num_shared", "num_a", "num_b", "date_shared", "date_a", "date_b",
    "year_shared", "year_a", "year_b", "cap_shared", "cap_a", "cap_b", "terms_shared",
    "wday_shared", "wday_a", "wday_b", "fig_shared", "fig_a", "fig_b", "lex_shared", "lex_a", "lex_b",
    "month_shared", "month_a", "month_b",
)  # fmt: skip
_F = {name: i for i, name in enumerate(FEATURES)}


def idf_from_df(df: np.ndarray, n_docs: int, *, min_docs: int = 10) -> np.ndarray:
    """Inverse document frequency scaled to (0, 1]: 1 for a term seen once, small for common terms.

    Below ``min_docs`` documents the counts say nothing and every term gets 1. A few dozen documents
    already tell common words from names: with every term at 1 instead, the first small batches of an
    incremental index linked records on shared everyday words (stories-dev added in 8 batches: pairwise
    precision 0.69 against 0.81 with the counts).
    """
    if n_docs < min_docs:
        return np.ones(df.shape[0], dtype=np.float32)
    idf = np.log((n_docs + 1.0) / (df.astype(np.float64) + 0.5)) / math.log(n_docs + 1.0)
    return np.clip(idf, 0.02, 1.0).astype(np.float32)


def lexical_weights(df: np.ndarray, n_docs: int) -> np.ndarray:
    """Squared smooth IDF of each term (``log((n + 1) / (df + 1)) + 1``), for ``lexical_cosines``."""
    idf = np.log((n_docs + 1.0) / (df.astype(np.float64) + 1.0)) + 1.0
    out: np.ndarray = (idf * idf).astype(np.float32)
    return out


def lead_weights(df: np.ndarray, n_docs: int, *, min_docs: int = 10) -> np.ndarray:
    """Squared IDF of each term (``log((n + 1) / (df + 1))`` squared), for the lead test (``kernels.lead_cosines``):
    the words two leads share count by how rare they are, and words most records hold count nearly nothing.
    Below ``min_docs`` documents the counts say nothing (every shared word would look common) and every term
    gets 1, as in ``idf_from_df``.

    >>> lead_weights(np.array([1, 10]), 3).tolist(), [round(x, 3) for x in lead_weights(np.array([1, 10]), 99).tolist()]
    ([1.0, 1.0], [15.304, 4.872])
    """
    if n_docs < min_docs:
        return np.ones(df.shape[0], dtype=np.float64)
    idf = np.log((n_docs + 1.0) / (df.astype(np.float64) + 1.0))
    out: np.ndarray = idf * idf
    return out


def lexical_cosines(feats: np.ndarray) -> np.ndarray:
    """Cosine of the IDF-weighted word vectors of each pair, from ``pair_features(..., lex=lexical_weights(...))``:
    every non-stopword word of a record once (weekday terms left out), weighted by its IDF.

    >>> th = np.array([1, 2, 3, 2, 3, 4], dtype=np.uint64); tf = np.zeros(6, dtype=np.uint8)
    >>> off = np.array([0, 3, 6]); one = np.ones(6, dtype=np.float32)
    >>> f = pair_features(np.array([0]), np.array([1]), th, tf, off, one, lex=one)
    >>> round(float(lexical_cosines(f)[0]), 4)
    0.6667
    """
    den = np.sqrt(feats[:, _F["lex_a"]] * feats[:, _F["lex_b"]])
    cos: np.ndarray = np.where(den > 0, feats[:, _F["lex_shared"]] / np.maximum(den, 1e-12), 0.0)
    return cos


def term_weights(flags: np.ndarray, idf: np.ndarray) -> np.ndarray:
    """Weight of each term: its IDF times a type factor (entities, numbers and dates say more; weekday
    names and the months of the lead weigh nothing: they serve only ``weekday_conflicts`` and
    ``month_conflicts``)."""
    base = np.ones(flags.shape[0], dtype=np.float32)
    base[(flags & F_CAP) != 0] = 1.5
    base[(flags & F_NUM) != 0] = 1.5
    base[(flags & F_YEAR) != 0] = 1.0
    base[(flags & F_DATE) != 0] = 2.0
    base[(flags & (F_WDAY | F_MONTH)) != 0] = 0.0
    out: np.ndarray = base * idf
    return out


# where ``_tally`` counts a term: weight, numbers, dates, years, entity weight, weekdays, precise figures, lexical
# weight, lead months, terms (-1: not counted); a record's totals (``_doc_totals``) and a pair's shared terms
# (the ``FEATURES`` columns)
_TOTAL_COLUMNS = (0, 1, 2, 3, 4, 5, 6, 7, 8, -1)
_SHARED_COLUMNS = (0, 3, 6, 9, 12, 16, 19, 22, 25, 15)


@njit(cache=True, inline="always")
def _tally(f: int, weight: float, lexical: float, row: np.ndarray, col: tuple) -> None:  # type: ignore[type-arg]
    """Count one term with flags ``f`` into ``row`` at the columns ``col``: the one place that says which terms
    are numbers, dates, years, names and figures, for a record's totals and a pair's shared terms alike."""
    if f & F_WDAY:
        row[col[5]] += 1
        return
    if f & F_MONTH:
        row[col[8]] += 1
        return
    row[col[7]] += lexical
    row[col[0]] += weight
    if col[9] >= 0:
        row[col[9]] += 1
    if f & F_NUM and not f & F_YEAR:
        row[col[1]] += 1
    if f & F_DATE:
        row[col[2]] += 1
    if f & F_YEAR:
        row[col[3]] += 1
    if f & F_CAP:
        row[col[4]] += weight
    if f & F_FIG:
        row[col[6]] += 1


@njit(cache=True)
def _doc_totals(d: int, tf: np.ndarray, toff: np.ndarray, w: np.ndarray, lex: np.ndarray, tot: np.ndarray) -> None:
    """Fingerprint totals of document ``d`` into ``tot[d]``: weight, numbers, dates, years, entity
    weight, weekdays, precise figures, lexical weight, lead months (the columns ``_a``/``_b`` of ``FEATURES``)."""
    use_lex = lex.shape[0] > 0
    row = tot[d]
    for k in range(toff[d], toff[d + 1]):
        _tally(tf[k], w[k], lex[k] if use_lex else 0.0, row, _TOTAL_COLUMNS)


@njit(cache=True)
def _pair_features(
    a: np.ndarray, b: np.ndarray, th: np.ndarray, tf: np.ndarray, toff: np.ndarray, w: np.ndarray, lex: np.ndarray
) -> np.ndarray:
    m = a.shape[0]
    use_lex = lex.shape[0] > 0
    out = np.zeros((m, 28), dtype=np.float64)
    # each document's totals once (not once per pair it is in)
    tot = np.zeros((toff.shape[0] - 1, 9), dtype=np.float64)
    done = np.zeros(toff.shape[0] - 1, dtype=np.bool_)
    longest = 0
    for p in range(m):
        for d in (a[p], b[p]):
            if not done[d]:
                _doc_totals(d, tf, toff, w, lex, tot)
                done[d] = True
                longest = max(longest, toff[d + 1] - toff[d])
    # an open-addressing table at most half full; ``used`` holds the generation that filled a slot, so a new
    # ``a`` needs no clearing
    size = 16
    while size < 2 * longest:
        size *= 2
    mask = size - 1
    keys = np.zeros(size, dtype=th.dtype)
    where = np.zeros(size, dtype=np.int64)
    used = np.zeros(size, dtype=np.int64)
    gen = 0
    table_doc = -1
    for p in range(m):
        i = toff[a[p]]
        ie = toff[a[p] + 1]
        j = toff[b[p]]
        je = toff[b[p] + 1]
        ta = tot[a[p]]
        tb = tot[b[p]]
        out[p, 1] = ta[0]
        out[p, 4] = ta[1]
        out[p, 7] = ta[2]
        out[p, 10] = ta[3]
        out[p, 13] = ta[4]
        out[p, 17] = ta[5]
        out[p, 20] = ta[6]
        out[p, 2] = tb[0]
        out[p, 5] = tb[1]
        out[p, 8] = tb[2]
        out[p, 11] = tb[3]
        out[p, 14] = tb[4]
        out[p, 18] = tb[5]
        out[p, 21] = tb[6]
        out[p, 23] = ta[7]
        out[p, 24] = tb[7]
        out[p, 26] = ta[8]
        out[p, 27] = tb[8]
        # the shared terms: ``b``'s terms looked up in a table of ``a``'s, built again only when ``a`` changes
        # (the candidate pairs come sorted by it; other orders are right, only slower); ``b``'s terms are sorted,
        # so the sums run in the same order as a merge of the two sorted lists would
        row = out[p]
        if a[p] != table_doc:
            table_doc = a[p]
            gen += 1
            for k in range(i, ie):
                slot = np.int64(th[k] & mask)
                while used[slot] == gen:
                    slot = (slot + 1) & mask
                used[slot] = gen
                keys[slot] = th[k]
                where[slot] = k
        for jj in range(j, je):
            h = th[jj]
            slot = np.int64(h & mask)
            ii = -1
            while used[slot] == gen:
                if keys[slot] == h:
                    ii = where[slot]
                    break
                slot = (slot + 1) & mask
            if ii < 0:
                continue
            _tally(tf[ii] | tf[jj], min(w[ii], w[jj]), min(lex[ii], lex[jj]) if use_lex else 0.0, row,
                   _SHARED_COLUMNS)  # fmt: skip
    return out


def pair_features(
    a: np.ndarray, b: np.ndarray, term_hash: np.ndarray, term_flag: np.ndarray, term_off: np.ndarray, w: np.ndarray,
    lex: np.ndarray | None = None,
) -> np.ndarray:
    """float64[m, len(FEATURES)]: overlap of the fingerprints of each pair ``(a[i], b[i])``; with ``lex``
    (``lexical_weights``), also the terms of ``lexical_cosines`` in the same pass (else those columns are 0)."""
    return _pair_features(
        np.ascontiguousarray(a, dtype=np.int64), np.ascontiguousarray(b, dtype=np.int64),
        term_hash, term_flag, term_off, w, np.zeros(0, dtype=np.float32) if lex is None else lex,
    )  # fmt: skip


def _agreement(shared: np.ndarray, na: np.ndarray, nb: np.ndarray) -> np.ndarray:
    """Share of the smaller side's items found in the other; 1 where either side has none."""
    small = np.minimum(na, nb)
    return np.where(small > 0, shared / np.maximum(small, 1), 1.0)


@njit(cache=True)
def _signature_agreement(sig: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = np.empty(a.shape[0], dtype=np.float64)
    k = sig.shape[1]
    for p in range(a.shape[0]):
        ra = sig[a[p]]
        rb = sig[b[p]]
        same = 0
        for c in range(k):
            same += ra[c] == rb[c]
        out[p] = same / k
    return out


def signature_agreement(sig: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The MinHash Jaccard estimate of each pair ``(a[i], b[i])``: the share of equal values in their rows of
    ``sig`` (without gathering the rows: on the benchmark's 134,673 pairs the two gathered copies took 137 MB).

    >>> sig = np.array([[1, 2, 3, 4], [1, 2, 0, 4], [9, 9, 9, 9]], dtype=np.uint32)
    >>> signature_agreement(sig, np.array([0, 0]), np.array([1, 2])).tolist()
    [0.75, 0.0]
    """
    return _signature_agreement(sig, np.ascontiguousarray(a, dtype=np.int64), np.ascontiguousarray(b, dtype=np.int64))


def dup_scores(
    jaccard: np.ndarray, count_a: np.ndarray, count_b: np.ndarray, feats: np.ndarray,
    config: DedupConfig = DEFAULT_DEDUP,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Near-identical copy test, given each pair's MinHash Jaccard estimate (``signature_agreement``).

    Returns ``(is_dup, jaccard, containment, number_agreement)``; containment (of the shorter in the longer)
    is derived from the Jaccard estimate and the shingle counts.
    """
    j = jaccard
    ca = count_a.astype(np.float64)
    cb = count_b.astype(np.float64)
    inter = j * (ca + cb) / (1.0 + j)
    cont = np.minimum(1.0, inter / np.maximum(np.minimum(ca, cb), 1.0))
    numagree = _agreement(feats[:, _F["num_shared"]], feats[:, _F["num_a"]], feats[:, _F["num_b"]])
    dateagree = _agreement(feats[:, _F["date_shared"]], feats[:, _F["date_a"]], feats[:, _F["date_b"]])
    ok = ((j >= config.dup_jaccard) | (cont >= config.dup_containment)) & (numagree >= config.dup_number_agreement)
    ok &= dateagree >= 0.5
    return ok, j, cont, numagree


def story_scores(feats: np.ndarray, *, embed_cos: np.ndarray | None = None, config: DedupConfig = DEFAULT_DEDUP) -> np.ndarray:
    """Same-story score in [0, 1] from fingerprint overlap, minus conflicts of numbers, years and days.

    The overlap is the weighted share of the smaller fingerprint found in the larger one, tempered by
    the cosine so that a tiny record does not match everything; mentioned days, years and numbers
    that disagree pull the score down (templated look-alikes report other numbers on other days).
    """
    ws = feats[:, _F["w_shared"]]
    wa = feats[:, _F["w_a"]]
    wb = feats[:, _F["w_b"]]
    cont = ws / np.maximum(np.minimum(wa, wb), 1e-9)
    cos = ws / np.maximum(np.sqrt(wa * wb), 1e-9)
    base = 0.3 * cont + 0.7 * cos
    date_ag = _agreement(feats[:, _F["date_shared"]], feats[:, _F["date_a"]], feats[:, _F["date_b"]])
    year_ag = _agreement(feats[:, _F["year_shared"]], feats[:, _F["year_a"]], feats[:, _F["year_b"]])
    num_ag = _agreement(feats[:, _F["num_shared"]], feats[:, _F["num_a"]], feats[:, _F["num_b"]])
    # both sides give several numbers and not one agrees: another day's figures
    num_conflict = (np.minimum(feats[:, _F["num_a"]], feats[:, _F["num_b"]]) >= 3) & (feats[:, _F["num_shared"]] == 0)
    # with several numbers on both sides, disagreeing figures are the mark of a templated look-alike
    many = np.minimum(feats[:, _F["num_a"]], feats[:, _F["num_b"]]) >= 3
    num_factor = np.where(many, 0.25 + 0.75 * num_ag, 0.6 + 0.4 * num_ag)
    score = base * (0.2 + 0.8 * date_ag) * (0.5 + 0.5 * year_ag) * num_factor
    score = np.where(num_conflict, 0.5 * score, score)
    if embed_cos is not None and config.embed_weight > 0:
        score = (1 - config.embed_weight) * score + config.embed_weight * np.clip(embed_cos, 0.0, 1.0)
    result: np.ndarray = score
    return result


def event_scores(feats: np.ndarray) -> np.ndarray:
    """Score of a weak same-event link in [0, 1]: fingerprint overlap, halved for each clear conflict.

    Independent reports of one event by different outlets share the event's rare names but few of
    their figures, so partial disagreement is not penalised (unlike ``story_scores``); only a clear
    conflict is: both mention years, or both mention month-days, and share under a quarter of the
    smaller side's; or both give three or more numbers and share under a quarter of them (another
    year's final, another day's market close, another month's report).
    """
    ws = feats[:, _F["w_shared"]]
    wa = feats[:, _F["w_a"]]
    wb = feats[:, _F["w_b"]]
    cont = ws / np.maximum(np.minimum(wa, wb), 1e-9)
    cos = ws / np.maximum(np.sqrt(wa * wb), 1e-9)
    score: np.ndarray = 0.3 * cont + 0.7 * cos
    for shared, na, nb, least in (("year_shared", "year_a", "year_b", 1), ("date_shared", "date_a", "date_b", 1),
                                  ("num_shared", "num_a", "num_b", 3)):  # fmt: skip
        small = np.minimum(feats[:, _F[na]], feats[:, _F[nb]])
        conflict = (small >= least) & (feats[:, _F[shared]] < 0.25 * small)
        score = np.where(conflict, 0.5 * score, score)
    return score


def weekday_conflicts(feats: np.ndarray) -> np.ndarray:
    """Pairs whose records both name weekdays and share none of them.

    Reports of one event name the day it happened ("the quake struck on Sunday"); another day's
    look-alike (the next match, the following week's storm) names its own. Each record's weekday
    names are read from its text, never from its stated date.
    """
    return _none_shared(feats, "wday", 1)


def shares_specifics(feats: np.ndarray) -> np.ndarray:
    """Pairs that share a specific detail: a precise figure (a number with a decimal point or 3+ digits, not a
    year: "7.4", "1,250"), a day of the month ("Jan. 8") or a weekday. A short number ("10", "5 pct") is
    not one: one desk's texts on one company share them without reporting one event.

    >>> f = np.zeros((4, len(FEATURES)))
    >>> f[1, _F["fig_shared"]] = 1; f[2, _F["year_shared"]] = 1; f[3, _F["num_shared"]] = 1
    >>> shares_specifics(f).tolist()
    [False, True, False, False]
    """
    shared: np.ndarray = (feats[:, _F["fig_shared"]] + feats[:, _F["date_shared"]] + feats[:, _F["wday_shared"]]) > 0
    return shared


def _none_shared(feats: np.ndarray, kind: str, least: int) -> np.ndarray:
    """Pairs whose records both give at least ``least`` items of ``kind`` (the ``FEATURES`` columns
    ``{kind}_a``, ``{kind}_b``, ``{kind}_shared``) and share none of them."""
    conflict: np.ndarray = (
        (feats[:, _F[f"{kind}_a"]] >= least) & (feats[:, _F[f"{kind}_b"]] >= least) & (feats[:, _F[f"{kind}_shared"]] == 0)
    )
    return conflict


def month_conflicts(feats: np.ndarray) -> np.ndarray:
    """Pairs whose leads (the title and the first tokens of the text) both name months and share none.

    A monthly or seasonal look-alike says which month it reports on in its first lines ("payroll
    employment increased by 209,000 in July" against "grew by 304,000 in January"); reports of one
    event that name a month there name the event's. Further into a text, months are background ("a
    raid in October 2015"), so only the lead's count (``kernels.scan``'s ``lead_tokens``). Read from the
    text, never from the stated date.

    >>> f = np.zeros((3, len(FEATURES)))
    >>> f[:, _F["month_a"]] = [1, 1, 0]; f[:, _F["month_b"]] = [1, 2, 1]; f[:, _F["month_shared"]] = [0, 1, 0]
    >>> month_conflicts(f).tolist()
    [True, False, False]
    """
    return _none_shared(feats, "month", 1)


def figure_conflicts(feats: np.ndarray, min_figures: int = 3) -> np.ndarray:
    """Pairs whose records both give at least ``min_figures`` precise figures and share none of them.

    Precise figures (``kernels.F_FIG``: "4.7", "1,250", not years) are what a rewrite keeps: the
    magnitude, the toll, the amount. Two reports of one kind of event (another quake, another day's
    close) that each give several and agree on none are reports of different events.
    """
    return _none_shared(feats, "fig", min_figures)


def slot_conflicts(agree: np.ndarray, disagree: np.ndarray, min_disagree: int = 2) -> np.ndarray:
    """Pairs where at least ``min_disagree`` shared number slots give different numbers and these
    outnumber the slots that give the same number.

    A slot is a number with the words on either side of it (``kernels.slot_key``). A templated
    look-alike (another day's "hog slaughter guesstimated at about 295,000 to 302,000 head")
    keeps the words and changes the figures; a copy or rewrite of one report keeps the figures where
    it keeps the words, and a figure it updated (a toll that rose) is one slot, not most of them.

    >>> slot_conflicts(np.array([0, 3, 1]), np.array([2, 2, 1])).tolist()
    [True, False, False]
    """
    if min_disagree < 1:
        return np.zeros(agree.shape[0], dtype=bool)
    conflict: np.ndarray = (disagree >= min_disagree) & (disagree > agree)
    return conflict


# a pair whose smaller record's numbers are nearly all found in the other gives the same numbers, reordered
SAME_NUMBERS = 0.9


def strong_slot_conflicts(
    agree: np.ndarray, disagree: np.ndarray, number_agreement: np.ndarray, min_disagree: int = 3
) -> np.ndarray:
    """``slot_conflicts`` for strong links: ``min_disagree`` or more shared slots give other numbers and
    outnumber the agreeing ones, and the two records do not give the same numbers.

    A strong score says two texts share most of their words, which is also what one template's next
    report does (next week's "grain ships waiting at New Orleans", February's leading index against
    January's). A correction can swap every figure with its comparison ("net 1.2 mln vs 0.9 mln"
    corrected to "net 0.9 mln vs 1.2 mln"), so no slot agrees; but it gives the same numbers
    (``number_agreement`` >= ``SAME_NUMBERS``, the share of the smaller side's numbers found in the
    other), and stays a strong link.

    >>> strong_slot_conflicts(np.array([2, 0, 1]), np.array([4, 6, 2]), np.array([0.6, 1.0, 0.0])).tolist()
    [True, False, False]
    """
    same: np.ndarray = number_agreement >= SAME_NUMBERS
    return slot_conflicts(agree, disagree, min_disagree) & ~same


def background(
    a: np.ndarray, b: np.ndarray, score: np.ndarray, rank: int, n: int | None = None, group: np.ndarray | None = None
) -> np.ndarray:
    """Per record, the ``rank``-th best ``score`` among its candidate pairs (0 with fewer pairs).

    A record with many look-alikes of one template (market closes, bond issues, quake reports of one
    region) has a high background; a weak link must stand out from it to join a story. The result
    has ``n`` entries (by default, one past the largest record index in ``a`` and ``b``).

    With ``group`` (one label a record: the copies of one text), the look-alikes are counted by text: a group
    counts once, by its best pair, and the record's own group not at all. Else one story republished by five
    sites would be five look-alikes, and a record could never link to another report of its event once that
    report has a few copies.

    >>> background(np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([0.9, 0.5, 0.2]), 2).tolist()
    [0.5, 0.2, 0.2]
    >>> background(np.array([0]), np.array([1]), np.array([0.9]), 1, n=3).tolist()
    [0.9, 0.9, 0.0]

    Records 1 and 2 are copies of one text: for record 0 they are one look-alike, and for each other not one.

    >>> background(np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([0.9, 0.5, 0.8]), 1, group=np.array([0, 1, 1])).tolist()
    [0.9, 0.9, 0.5]
    """
    if n is None:
        n = int(max(a.max(initial=-1), b.max(initial=-1))) + 1
    if a.shape[0] == 0 or rank < 1:
        return np.zeros(n, dtype=np.float64)
    a, b = np.ascontiguousarray(a, dtype=np.int64), np.ascontiguousarray(b, dtype=np.int64)
    score = np.ascontiguousarray(score, dtype=np.float64)
    if group is None:
        return _rank_th(a, b, score, n, rank)
    none = np.zeros((n, 0), dtype=np.int64)
    return _rank_th_kept(a, b, score, n, rank, np.ascontiguousarray(group, dtype=np.int64), none, none.astype(np.float64))[0]


@njit(cache=True)
def _push(top: np.ndarray, x: float) -> None:
    """Insert ``x`` into ``top``, a short list of the best scores so far, best first (the last one drops off)."""
    k = top.shape[0] - 1
    if x <= top[k]:
        return
    while k > 0 and top[k - 1] < x:
        top[k] = top[k - 1]
        k -= 1
    top[k] = x


@njit(cache=True)
def _rank_th(a: np.ndarray, b: np.ndarray, score: np.ndarray, n: int, rank: int) -> np.ndarray:
    """``background`` in one pass: each record keeps its ``rank`` best scores (``_push``)."""
    top = np.full((n, rank), -np.inf)
    cnt = np.zeros(n, dtype=np.int64)
    for p in range(a.shape[0]):
        x = score[p]
        for r in (a[p], b[p]):
            cnt[r] += 1
            _push(top[r], x)
    out = np.zeros(n, dtype=np.float64)
    for r in range(n):
        if cnt[r] >= rank:
            out[r] = top[r, rank - 1]
    return out


def background_without(
    a: np.ndarray,
    b: np.ndarray,
    score: np.ndarray,
    root: np.ndarray,
    sel: np.ndarray,
    rank: int,
    group: np.ndarray | None = None,
) -> np.ndarray:
    """For each pair ``sel`` indexes, the higher of its two ends' ``rank``-th best ``score`` among their pairs
    with records outside both ends' stories (``root``, one entry per record; 0 with fewer such pairs). With
    ``group`` (one label a record: the copies of one text), a group counts once, by its best pair (``background``).

    Two parts of one large event are each other's best candidates; without both, what remains is the look-alikes
    of the event. Records 0-1 and 2-3 are two stories, 4 and 5 are alone:

    >>> a, b = np.array([0, 0, 1, 2, 0, 2, 1]), np.array([1, 2, 3, 3, 4, 5, 5])
    >>> s = np.array([0.9, 0.5, 0.4, 0.8, 0.3, 0.2, 0.1])
    >>> background_without(a, b, s, np.array([0, 0, 2, 2, 4, 5]), np.array([1, 2]), 1).tolist()
    [0.3, 0.1]
    """
    n = root.shape[0]
    if sel.shape[0] == 0 or rank < 1:
        return np.zeros(sel.shape[0], dtype=np.float64)
    return _rank_th_without(
        np.ascontiguousarray(a, dtype=np.int64), np.ascontiguousarray(b, dtype=np.int64),
        np.ascontiguousarray(score, dtype=np.float64), np.ascontiguousarray(root, dtype=np.int64),
        np.ascontiguousarray(sel, dtype=np.int64), n, rank,
        np.arange(n, dtype=np.int64) if group is None else np.ascontiguousarray(group, dtype=np.int64),
    )  # fmt: skip


@njit(cache=True)
def _peer_lists(
    a: np.ndarray, b: np.ndarray, score: np.ndarray, root: np.ndarray, n: int, group: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each record's pairs in one flat list: record ``r``'s are ``ptr[r]:ptr[r + 1]``, with the peer's story
    (``root``), the peer's group and the pair's score."""
    m = a.shape[0]
    ptr = np.zeros(n + 1, dtype=np.int64)
    for p in range(m):
        ptr[a[p] + 1] += 1
        ptr[b[p] + 1] += 1
    for r in range(n):
        ptr[r + 1] += ptr[r]
    fill = ptr[:n].copy()
    peer_root = np.empty(2 * m, dtype=np.int64)
    peer_group = np.empty(2 * m, dtype=np.int64)
    peer_score = np.empty(2 * m, dtype=np.float64)
    for p in range(m):
        x, y = a[p], b[p]
        peer_root[fill[x]] = root[y]
        peer_group[fill[x]] = group[y]
        peer_score[fill[x]] = score[p]
        fill[x] += 1
        peer_root[fill[y]] = root[x]
        peer_group[fill[y]] = group[x]
        peer_score[fill[y]] = score[p]
        fill[y] += 1
    return ptr, peer_root, peer_group, peer_score


def background_of_loners(
    a: np.ndarray,
    b: np.ndarray,
    score: np.ndarray,
    root: np.ndarray,
    sel: np.ndarray,
    alone: np.ndarray,
    rank: int,
    group: np.ndarray | None = None,
) -> np.ndarray:
    """``background_without`` for pairs ``sel`` between a record alone in its story (``alone``) and a member of
    another story: the same values, with each member's best candidates outside its own story gathered once
    for all the records alone that pair with it (``rank`` + 1 of them: one may be the record alone).

    >>> a, b = np.array([0, 0, 1, 2, 0, 2, 1]), np.array([1, 2, 3, 3, 4, 5, 5])
    >>> s = np.array([0.9, 0.5, 0.4, 0.8, 0.3, 0.2, 0.1])
    >>> root, sel = np.array([0, 0, 2, 2, 4, 5]), np.array([4, 5, 6])
    >>> alone = np.array([False, False, False, False, True, True])
    >>> background_of_loners(a, b, s, root, sel, alone, 1).tolist() == background_without(a, b, s, root, sel, 1).tolist()
    True
    """
    n = root.shape[0]
    if sel.shape[0] == 0 or rank < 1:
        return np.zeros(sel.shape[0], dtype=np.float64)
    gid = np.arange(n, dtype=np.int64) if group is None else np.ascontiguousarray(group, dtype=np.int64)
    alone = np.ascontiguousarray(alone, dtype=np.bool_)
    lone = np.where(alone[a[sel]], a[sel], b[sel])
    mem = np.where(alone[a[sel]], b[sel], a[sel])
    # the members' lists, one row each; the pairs of one record alone with one story in a row, its list read once
    members = np.unique(mem)
    slot = np.full(n, -1, dtype=np.int64)
    slot[members] = np.arange(members.shape[0], dtype=np.int64)
    order = np.lexsort((root[mem], lone))
    out = np.empty(sel.shape[0], dtype=np.float64)
    out[order] = _rank_th_loners(
        np.ascontiguousarray(a, dtype=np.int64), np.ascontiguousarray(b, dtype=np.int64),
        np.ascontiguousarray(score, dtype=np.float64), np.ascontiguousarray(root, dtype=np.int64),
        np.ascontiguousarray(lone[order], dtype=np.int64), np.ascontiguousarray(mem[order], dtype=np.int64), n, rank,
        gid, np.bincount(gid, minlength=n), slot, members.shape[0],
    )  # fmt: skip
    return out


@njit(cache=True)
def _rank_th_loners(
    a: np.ndarray, b: np.ndarray, score: np.ndarray, root: np.ndarray, lones: np.ndarray, mems: np.ndarray, n: int,
    rank: int, group: np.ndarray, group_size: np.ndarray, slot: np.ndarray, n_members: int,
) -> np.ndarray:  # fmt: skip
    """``background_of_loners`` for the pairs (``lones[t]``, ``mems[t]``), those of one record alone with one story
    in a row: the flat lists of ``_rank_th_without``; the record alone's list is read once for each story, a
    member's ``rank`` + 1 best groups outside its own story once, and the record alone's group (itself, when no
    copy shares it; else the member's list is read again) left out of them."""
    ptr, peer_root, peer_group, peer_score = _peer_lists(a, b, score, root, n, group)
    k1 = rank + 1
    mtop = np.full((n_members, k1), -np.inf)
    mpeer = np.full((n_members, k1), -1, dtype=np.int64)
    mfresh = np.zeros((n_members, k1), dtype=np.bool_)
    done = np.zeros(n_members, dtype=np.bool_)
    out = np.zeros(lones.shape[0], dtype=np.float64)
    top = np.empty((1, rank), dtype=np.float64)
    peer = np.empty((1, rank), dtype=np.int64)
    fresh = np.empty((1, rank), dtype=np.bool_)
    last_lone, last_root, last = -1, -1, 0.0
    for t in range(lones.shape[0]):
        lone, mem = lones[t], mems[t]
        rl, rm = root[lone], root[mem]
        cached = lone == last_lone and rm == last_root
        if cached:
            out[t] = last
        for e in (lone, mem):
            if e == lone and cached:
                continue
            if e == mem and group_size[group[lone]] == 1:
                j = slot[mem]
                if not done[j]:
                    for q in range(ptr[mem], ptr[mem + 1]):
                        if peer_root[q] != rm:
                            _place(mtop, mpeer, mfresh, j, peer_score[q], peer_group[q], True)
                    done[j] = True
                c = 0
                for i in range(k1):
                    if mpeer[j, i] < 0 or mpeer[j, i] == group[lone]:
                        continue
                    c += 1
                    if c == rank:
                        if mtop[j, i] > out[t]:
                            out[t] = mtop[j, i]
                        break
                continue
            top[:] = -np.inf
            peer[:] = -1
            fresh[:] = False
            for q in range(ptr[e], ptr[e + 1]):
                if peer_root[q] == rl or peer_root[q] == rm:
                    continue
                _place(top, peer, fresh, 0, peer_score[q], peer_group[q], True)
            if peer[0, rank - 1] >= 0 and top[0, rank - 1] > out[t]:
                out[t] = top[0, rank - 1]
            if e == lone:
                last_lone, last_root, last = lone, rm, out[t]
    return out


@njit(cache=True)
def _rank_th_without(
    a: np.ndarray, b: np.ndarray, score: np.ndarray, root: np.ndarray, sel: np.ndarray, n: int, rank: int,
    group: np.ndarray,
) -> np.ndarray:  # fmt: skip
    """``background_without``: each record's pairs in one flat list (peer's story, peer's group, score), then per
    selected pair the ``rank`` best groups of each end's list that skip both stories (``_place``)."""
    ptr, peer_root, peer_group, peer_score = _peer_lists(a, b, score, root, n, group)
    out = np.zeros(sel.shape[0], dtype=np.float64)
    top = np.empty((1, rank), dtype=np.float64)
    peer = np.empty((1, rank), dtype=np.int64)
    fresh = np.empty((1, rank), dtype=np.bool_)
    for t in range(sel.shape[0]):
        p = sel[t]
        rx, ry = root[a[p]], root[b[p]]
        for e in (a[p], b[p]):
            top[:] = -np.inf
            peer[:] = -1
            fresh[:] = False
            for q in range(ptr[e], ptr[e + 1]):
                if peer_root[q] == rx or peer_root[q] == ry:
                    continue
                _place(top, peer, fresh, 0, peer_score[q], peer_group[q], True)
            if peer[0, rank - 1] >= 0 and top[0, rank - 1] > out[t]:
                out[t] = top[0, rank - 1]
    return out


def background_kept(
    a: np.ndarray,
    b: np.ndarray,
    score: np.ndarray,
    rank: int,
    ids: np.ndarray,
    kept_peer: np.ndarray,
    kept_score: np.ndarray,
    group: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``background`` over the pairs given and the best pairs each record had before (``StoryIndex``).

    ``ids`` holds each record's stable id (its ``doc_no``); ``kept_peer`` and ``kept_score`` (n x k, peer -1
    where empty) hold the ``k`` best pairs each record kept from earlier batches, by the peer's id. A pair
    given here replaces the kept one with the same peer, so a pair seen in two batches counts once. Returns
    the background (the ``rank``-th best score, 0 with fewer pairs) and the ``rank`` best (peer, score) of
    each record, to keep: with them, a record's background is that of all the pairs it has ever had, not of
    the ones loaded in one batch.

    With ``group`` (one label a record: the copies of one text), a group counts once, by its best pair in the
    batch, and the record's own group not at all (``background``); it is kept under the lowest id of its
    records in the batch, so that the copies a later batch loads again with it count as the same peer.

    >>> ids = np.array([10, 11, 12])
    >>> peer = np.array([[12, -1], [-1, -1], [10, -1]])
    >>> sc = np.array([[0.7, 0.0], [0.0, 0.0], [0.7, 0.0]])
    >>> bg, p, s = background_kept(np.array([0]), np.array([1]), np.array([0.4]), 2, ids, peer, sc)
    >>> bg.tolist(), p[0].tolist(), s[0].tolist()
    ([0.4, 0.0, 0.0], [12, 11], [0.7, 0.4])
    """
    n = ids.shape[0]
    ids = np.ascontiguousarray(ids, dtype=np.int64)
    if group is None:
        gid = ids
    else:  # each group under the lowest id of its records
        gid = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(gid, group, ids)
        gid = gid[group]
    return _rank_th_kept(
        np.ascontiguousarray(a, dtype=np.int64), np.ascontiguousarray(b, dtype=np.int64),
        np.ascontiguousarray(score, dtype=np.float64), n, max(rank, 1), gid,
        np.ascontiguousarray(kept_peer, dtype=np.int64), np.ascontiguousarray(kept_score, dtype=np.float64),
    )  # fmt: skip


@njit(cache=True)
def _place(top: np.ndarray, peer: np.ndarray, fresh: np.ndarray, r: int, x: float, q: int, batch: bool) -> None:
    """Put (``q``, ``x``) into record ``r``'s list, best first. An entry for peer ``q`` is replaced, unless both
    come from this ``batch`` and it is the better one: then it stays (a group counts by its best pair)."""
    k = top.shape[1]
    j = -1
    for i in range(k):
        if peer[r, i] == q:
            j = i
            break
    if j >= 0 and batch and fresh[r, j] and top[r, j] >= x:
        return
    if j < 0:
        if x <= top[r, k - 1]:
            return
        j = k - 1
    # take the entry out, then insert (x, q) at its place in the order
    while j < k - 1:
        top[r, j] = top[r, j + 1]
        peer[r, j] = peer[r, j + 1]
        fresh[r, j] = fresh[r, j + 1]
        j += 1
    top[r, k - 1] = -np.inf
    peer[r, k - 1] = -1
    fresh[r, k - 1] = False
    i = k - 1
    while i > 0 and top[r, i - 1] < x:
        top[r, i] = top[r, i - 1]
        peer[r, i] = peer[r, i - 1]
        fresh[r, i] = fresh[r, i - 1]
        i -= 1
    top[r, i] = x
    peer[r, i] = q
    fresh[r, i] = batch


@njit(cache=True)
def _rank_th_kept(
    a: np.ndarray, b: np.ndarray, score: np.ndarray, n: int, rank: int, gid: np.ndarray,
    kept_peer: np.ndarray, kept_score: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """``background_kept`` with each record's peer id (``gid``: its own id, or its group's); the pairs within one
    group are skipped."""
    top = np.full((n, rank), -np.inf)
    peer = np.full((n, rank), -1, dtype=np.int64)
    fresh = np.zeros((n, rank), dtype=np.bool_)
    for r in range(n):
        for i in range(kept_peer.shape[1]):
            if kept_peer[r, i] >= 0 and kept_peer[r, i] != gid[r]:
                _place(top, peer, fresh, r, kept_score[r, i], kept_peer[r, i], False)
    for p in range(a.shape[0]):
        ga, gb = gid[a[p]], gid[b[p]]
        if ga == gb:
            continue
        _place(top, peer, fresh, a[p], score[p], gb, True)
        _place(top, peer, fresh, b[p], score[p], ga, True)
    out = np.zeros(n, dtype=np.float64)
    for r in range(n):
        if peer[r, rank - 1] >= 0:
            out[r] = top[r, rank - 1]
    return out, peer, np.where(peer >= 0, top, 0.0)
