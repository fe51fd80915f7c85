"""Verification of candidate pairs: which pairs are near-identical copies and which report one story.

Internal module used by ``group_articles`` and ``StoryIndex``; its functions are not a stable API.
The masks ``verify`` returns (``dup``, ``story``) are what union-find joins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numba import njit

from dateline.dedup.config import DedupConfig
from dateline.dedup.kernels import lead_cosines, slot_agreement
from dateline.dedup.signatures import Signatures
from dateline.dedup.unionfind import components
from dateline.dedup.verify import (
    background,
    background_kept,
    background_of_loners,
    background_without,
    dup_scores,
    event_scores,
    figure_conflicts,
    lexical_cosines,
    month_conflicts,
    pair_features,
    shares_specifics,
    signature_agreement,
    slot_conflicts,
    story_scores,
    strong_slot_conflicts,
    weekday_conflicts,
)  # fmt: skip

__all__ = [
    "KeptPairs", "copy_consistent", "edge_evidence", "join_loners", "join_parts", "loner_passes", "one_source",
    "outside_background", "resist_bridges", "story_roots", "verify",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class KeptPairs:
    """The best pairs of each record, kept from batch to batch (``StoryIndex``), for its backgrounds.

    ``ids`` is each record's stable id (its ``doc_no``); ``event`` and ``lexical`` are (peer ids, scores),
    each n x k (peer -1 where empty), of the event score and of the word cosine (``background_kept``).
    """

    ids: np.ndarray
    event: tuple[np.ndarray, np.ndarray]
    lexical: tuple[np.ndarray, np.ndarray]


# passes of ``join_loners``: each joins the records left alone that nearly link to several members of one story
# as the passes before left it; stops early when one joins nobody
LONER_PASSES = 4


def verify(
    a: np.ndarray,
    b: np.ndarray,
    sigs: Signatures,
    weights: np.ndarray,
    config: DedupConfig,
    embed: np.ndarray | None = None,
    prior: np.ndarray | None = None,
    joinable: np.ndarray | None = None,
    lexical: np.ndarray | None = None,
    kept: KeptPairs | None = None,
    lead: np.ndarray | None = None,
    feats: np.ndarray | None = None,
    links: dict[str, np.ndarray] | None = None,
    sources: np.ndarray | None = None,
) -> dict[str, Any]:
    """Score candidate pairs at both levels.

    A pair is a story link when it is a near-identical copy, or its story score is strong and most of the
    number slots the two share do not give other numbers (``config.strong_slot_conflict``: one template's
    other report), or when it is a weak link: an event score above ``story_threshold`` and the background
    of both ends plus ``story_weak_margin``, shared names (or a cosine that clears its bar and stands out of
    its own background: of the IDF-weighted words, with ``lexical``, or of sentence embeddings, with
    ``embed``), a story score free of clear conflicts, no weekday conflict
    (both name weekdays, none shared; ``config.weekday_conflict``), no month conflict (both leads name months,
    none shared; ``config.lead_month_tokens``), no figure conflict (both give 3+
    precise figures, none shared; ``config.figure_conflict``), no number-slot conflict (the same words
    around different numbers in most shared slots; ``config.number_slot_conflict``), leads that share the news
    (``_leads_agree``; ``config.story_lead_min_cosine``), and the same relation to the
    near-copies of its ends (``copy_consistent``), and, between two records of one source, a specific detail
    in common (``config.same_source``). Then no record may glue groups it matches on
    different parts of its text (``resist_bridges``), counting for a record with a weak link the groups it
    nearly links to as well (``_resist_round_ups``: a digest page). Then two stories join where enough pairs between
    them pass the weak-link tests against backgrounds that leave out each end's own story (``join_parts``:
    a large event's reports are each other's look-alikes). Last, a record left alone joins the one story
    whose members it nearly links to, several of them (``join_loners``); there a pair's background leaves
    out the pairs within both ends' stories, so that a large event's other reports do not count as its
    look-alikes. With ``config.story_links`` ``rewrites`` there are no weak links, parts or loners: a story
    holds the copies and rewrites of one text only.

    ``prior`` labels the records already grouped into one story before this batch (``StoryIndex``:
    the stored story of each loaded record; records with equal labels are one story); only the records
    that the mask ``joinable`` marks (all when None) may join a story as loners.
    ``lexical`` holds each term's ``lexical_weights`` (aligned with ``sigs.term_hash``); without it, or with
    ``config.lexical_min_cosine`` 0, the word cosine never stands in for shared names.
    ``lead`` holds each term's ``lead_weights`` (aligned with ``sigs.term_hash``); without it, or with
    ``config.story_lead_min_cosine`` 0, the leads are not compared.
    ``feats`` and ``links`` hold the pairs' ``pair_features`` and ``strong_links`` when they were computed already
    (``StoryIndex``, for ``kept_events`` too).
    ``sources`` holds each record's ``text.source_hashes`` key (0: unknown); without it, no two records are of
    one source.
    ``kept`` holds the best pairs each record had in earlier batches (``StoryIndex``: a stored record's
    look-alikes are not all loaded again); its backgrounds then count them too, and the result's ``kept``
    holds the lists to store.
    """
    if feats is None:
        feats = pair_features(a, b, sigs.term_hash, sigs.term_flag, sigs.term_off, weights, lex=lexical)
    if links is None:
        links = strong_links(a, b, feats, sigs, config, pair_cosines(embed, a, b))
    is_dup, strong, score, cos = links["dup"], links["strong"], links["score"], links["cos"]
    slots_agree, slots_differ = links["slots_agree"], links["slots_differ"]
    # a weak link needs shared rare names and must stand out from the background of both its ends (their
    # rank-th best candidate), so that look-alikes of one template (another day's figures, another year's
    # final) do not chain into one story
    event = event_scores(feats)
    n = len(sigs)
    copies = copy_groups(a, b, strong, n, config)
    bg, kept = _background(a, b, n, event, config.story_weak_rank, kept, "event", copies)
    clean = _leads_agree(a, b, _conflict_free(feats, event, score, strong, slots_agree, slots_differ, config),
                         sigs, lead, config)  # fmt: skip
    # a weak link shares rare names, or a cosine stands in for them
    stands, kept = _stands_out(a, b, n, feats, embed, cos, lexical, kept, config, copies)
    weak = clean & ((feats[:, 12] >= config.story_weak_min_entity) | stands)
    events = config.story_links == "events"  # "rewrites": copies and rewrites only, no link rests on a background
    if not events:
        weak[:] = False
    # the weak-link tests that do not compare with the background, for joining parts of one story below
    unmeasured = weak.copy()
    # one source's two texts that are not rewrites link only with a specific detail in common (the round-up check
    # below still counts them as near links: a digest page's are evidence whatever their source)
    alike = one_source(a, b, feats, sources, config)
    weak &= ~alike
    if a.shape[0]:
        weak &= event >= np.maximum(bg[a], bg[b]) + config.story_weak_margin
    weak &= copy_consistent(a, b, weak, strong, bg, sigs, weights, config)
    is_story = strong | weak
    if events:
        is_story = _resist_round_ups(a, b, is_story, is_dup, strong, unmeasured, event, sigs, weights, config)
    is_story, is_dup = resist_bridges(a, b, is_story, is_dup, event, sigs, weights, config)
    near = clean & ~alike & (feats[:, 12] >= config.loner_min_entity)
    if events:
        is_story, is_dup = _join_outside(a, b, is_story, is_dup, unmeasured & ~alike, near, strong, event, sigs,
                                         weights, config, prior, joinable, copies)  # fmt: skip
    return {
        "a": a, "b": b, "dup": is_dup, "story": is_story, "jaccard": links["jaccard"],
        "containment": links["containment"], "number_agreement": links["number_agreement"], "score": score,
        "event": event, "feats": feats,
        "slots_agree": slots_agree, "slots_differ": slots_differ, "kept": kept,
        # the story links that rest on backgrounds (weak links, parts and loners; ``StoryIndex`` re-checks them)
        "weak": is_story & ~strong,
        # the pairs that pass the weak-link tests that compare with neither the background nor the copies
        "clean": clean,
    }  # fmt: skip


def strong_links(
    a: np.ndarray, b: np.ndarray, feats: np.ndarray, sigs: Signatures, config: DedupConfig, cos: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """The links that need no background: near-identical copies (``dup``, with their ``jaccard``,
    ``containment`` and ``number_agreement``) and the pairs whose story ``score`` is strong (``strong``, the
    copies included), unless the number slots they share (``slots_agree``, ``slots_differ``) say another
    report of one template (``config.strong_slot_conflict``). ``cos``: the pairs' embedding cosines, if any
    (``pair_cosines``), returned as they were for the weak-link tests."""
    is_dup, jac, cont, numag = dup_scores(
        signature_agreement(sigs.sig, a, b), sigs.shingles[a], sigs.shingles[b], feats, config
    )
    score = story_scores(feats, embed_cos=cos, config=config)
    slots_agree, slots_differ = slot_agreement(
        np.ascontiguousarray(a, dtype=np.int64), np.ascontiguousarray(b, dtype=np.int64), sigs.slot_key, sigs.slot_off
    )
    strong = score >= config.story_strong
    if config.strong_slot_conflict:
        strong &= ~strong_slot_conflicts(slots_agree, slots_differ, numag, config.strong_slot_conflict)
    strong |= is_dup
    return {
        "dup": is_dup, "strong": strong, "score": score, "jaccard": jac, "containment": cont, "number_agreement": numag,
        "slots_agree": slots_agree, "slots_differ": slots_differ, "cos": cos,
    }  # fmt: skip


def one_source(
    a: np.ndarray, b: np.ndarray, feats: np.ndarray, sources: np.ndarray | None, config: DedupConfig
) -> np.ndarray:
    """The pairs of one known source that may not be linked as independent reports (``config.same_source``):
    all of them with ``copies``, those that share no specific detail (``shares_specifics``) with ``specific``,
    none with ``any`` or without ``sources``.

    >>> from dataclasses import replace
    >>> from dateline.dedup.config import DEFAULT_DEDUP
    >>> from dateline.dedup.verify import FEATURES
    >>> f = np.zeros((3, len(FEATURES))); f[2, FEATURES.index("fig_shared")] = 1  # pair 2 shares a figure
    >>> src = np.array([7, 7, 0, 9], dtype=np.uint64)  # record 2 has no known source
    >>> a, b = np.array([0, 0, 0]), np.array([1, 2, 1])
    >>> one_source(a, b, f, src, DEFAULT_DEDUP).tolist()
    [True, False, False]
    >>> one_source(a, b, f, src, replace(DEFAULT_DEDUP, same_source="copies")).tolist()
    [True, False, True]
    """
    if sources is None or config.same_source == "any" or not a.shape[0]:
        return np.zeros(a.shape[0], dtype=bool)
    same: np.ndarray = (sources[a] == sources[b]) & (sources[a] != 0)
    if config.same_source == "specific":
        same &= ~shares_specifics(feats)
    return same


def kept_events(
    a: np.ndarray, b: np.ndarray, feats: np.ndarray, strong: np.ndarray, kept: KeptPairs, config: DedupConfig
) -> KeptPairs:
    """``kept`` with the best event-score pairs of each record updated by the pairs ``a``, ``b`` (their
    ``pair_features`` and the ``strong`` mask of their ``strong_links``), as ``verify`` updates them: the backgrounds
    a batch leaves its records, known before it verifies (``StoryIndex`` re-checks its stored links against them
    first)."""
    n = kept.ids.shape[0]
    return _background(a, b, n, event_scores(feats), config.story_weak_rank, kept, "event",
                       copy_groups(a, b, strong, n, config))[1]  # fmt: skip


def pair_cosines(embed: np.ndarray | None, a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """The embedding cosine of each pair (the rows of ``embed`` are unit vectors), or None without embeddings."""
    return None if embed is None else np.einsum("ij,ij->i", embed[a], embed[b])


def copy_groups(a: np.ndarray, b: np.ndarray, strong: np.ndarray, n: int, config: DedupConfig) -> np.ndarray | None:
    """Per record, the root of its copies (the components of the near-copy and strong links ``strong``), for the
    backgrounds to count each text once (``config.copies_once``); None with the setting off."""
    if not config.copies_once:
        return None
    return components(n, a[strong].astype(np.int64), b[strong].astype(np.int64))


def _background(
    a: np.ndarray, b: np.ndarray, n: int, scores: np.ndarray, rank: int, kept: KeptPairs | None = None,
    kind: str = "event", copies: np.ndarray | None = None,
) -> tuple[np.ndarray, KeptPairs | None]:
    """Each of the ``n`` records' background of ``scores`` (given for the pairs ``a``, ``b``): its rank-th best
    candidate, counting its ``kept`` pairs of that ``kind`` (``"event"`` or ``"lexical"``) when given, and the
    copies of one text once when ``copies`` labels them (``copy_groups``); returns it and ``kept`` with those
    pairs updated."""
    if kept is None:
        return background(a, b, scores, rank, n=n, group=copies), None
    bg, peer, best = background_kept(a, b, scores, rank, kept.ids, *getattr(kept, kind), group=copies)
    return bg, replace(kept, **{kind: (peer, best)})


def _leads_agree(
    a: np.ndarray, b: np.ndarray, clean: np.ndarray, sigs: Signatures, lead: np.ndarray | None, config: DedupConfig
) -> np.ndarray:
    """``clean`` less the pairs whose leads share too little: an IDF²-weighted cosine of their lead words (the
    best of lead against lead and of each lead against the window after the other's; ``kernels.lead_cosines``
    with the ``lead`` weights) under ``story_lead_min_cosine``. Only the ``clean``
    pairs are measured; a record without lead words is not tested. Off without weights or with either setting 0."""
    if not config.lead_test or lead is None or not clean.any():
        return clean
    idx = np.flatnonzero(clean)
    cos = lead_cosines(np.ascontiguousarray(a[idx], dtype=np.int64), np.ascontiguousarray(b[idx], dtype=np.int64),
                       sigs.lead_key, sigs.lead_off, sigs.next_key, sigs.next_off, sigs.term_hash, sigs.term_off,
                       np.ascontiguousarray(lead, dtype=np.float64), config.story_lead_min_cosine)  # fmt: skip
    out = clean.copy()
    out[idx] = (cos < 0) | (cos >= config.story_lead_min_cosine)
    return out


def _conflict_free(
    feats: np.ndarray,
    event: np.ndarray,
    score: np.ndarray,
    strong: np.ndarray,
    slots_agree: np.ndarray,
    slots_differ: np.ndarray,
    config: DedupConfig,
) -> np.ndarray:
    """The pairs that pass the weak-link tests that compare with neither the background nor the copies:
    an event score above ``story_threshold``, a story score free of clear conflicts, and no weekday, lead
    month, figure or number-slot conflict (each turned off by 0; ``slots_agree`` and ``slots_differ`` count
    each pair's agreeing and differing number slots)."""
    clean = ~strong & (event >= config.story_threshold) & (score >= config.story_weak_min_score)
    if config.weekday_conflict:
        clean &= ~weekday_conflicts(feats)
    if config.lead_month_tokens:
        clean &= ~month_conflicts(feats)
    if config.figure_conflict:
        clean &= ~figure_conflicts(feats)
    if config.number_slot_conflict:
        clean &= ~slot_conflicts(slots_agree, slots_differ, config.number_slot_conflict)
    return clean


def _stands_out(
    a: np.ndarray,
    b: np.ndarray,
    n: int,
    feats: np.ndarray,
    embed: np.ndarray | None,
    cos: np.ndarray | None,
    lexical: np.ndarray | None,
    kept: KeptPairs | None,
    config: DedupConfig,
    copies: np.ndarray | None = None,
) -> tuple[np.ndarray, KeptPairs | None]:
    """The pairs whose cosine stands in for shared names, and the updated ``kept`` (``copies``: see ``_background``).

    Independent reports of one event name it in their own words: a cosine (of sentence embeddings, or of the
    IDF-weighted words) that clears its bar and stands out of both ends' background of that cosine (templated
    look-alikes are close to each other too) stands in for the shared names. Each is off without its input
    or with its bar at 0.
    """
    stands = np.zeros(a.shape[0], dtype=bool)
    if embed is not None and cos is not None and config.embed_min_cosine > 0:
        sim_bg, _ = _background(a, b, n, cos, config.story_weak_rank, copies=copies)
        bar = np.maximum(sim_bg[a], sim_bg[b]) + config.embed_margin
        stands |= (cos >= config.embed_min_cosine) & (cos >= bar)
    if lexical is not None and config.lexical_min_cosine > 0:
        sim = lexical_cosines(feats)
        sim_bg, kept = _background(a, b, n, sim, config.story_weak_rank, kept, "lexical", copies)
        bar = np.maximum(sim_bg[a], sim_bg[b]) + config.lexical_margin
        stands |= (sim >= config.lexical_min_cosine) & (sim >= bar)
    return stands, kept


def _resist_round_ups(
    a: np.ndarray,
    b: np.ndarray,
    story: np.ndarray,
    dup: np.ndarray,
    strong: np.ndarray,
    unmeasured: np.ndarray,
    event: np.ndarray,
    sigs: Signatures,
    weights: np.ndarray,
    config: DedupConfig,
) -> np.ndarray:
    """``story`` less the weak links of round-up and digest pages that its near links reveal.

    A digest page holds the leads of several stories. It may weak-link to one of them and only nearly link to
    the others (every weak-link test passed but the background: ``unmeasured``), and ``resist_bridges``, which
    sees links only, then lets it join the one. Here the bridge check runs over the links and those near links
    of the records that have a weak link: where a record matches two or more groups on different words, its
    weak links into all but the strongest are dropped. Strong links and near-copies stay.
    """
    weak = story & ~strong
    has_weak = np.zeros(len(sigs), dtype=bool)
    has_weak[a[weak]] = True
    has_weak[b[weak]] = True
    near = unmeasured & ~story & (has_weak[a] | has_weak[b])
    if not near.any():
        return story
    kept, _ = resist_bridges(a, b, story | near, dup, event, sigs, weights, config)
    return story & (kept | strong)


def _join_outside(
    a: np.ndarray,
    b: np.ndarray,
    is_story: np.ndarray,
    is_dup: np.ndarray,
    unmeasured: np.ndarray,
    near: np.ndarray,
    strong: np.ndarray,
    event: np.ndarray,
    sigs: Signatures,
    weights: np.ndarray,
    config: DedupConfig,
    prior: np.ndarray | None,
    joinable: np.ndarray | None,
    copies: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Join the parts of a split story, then the loners (``join_parts``, ``join_loners``); returns the new
    ``is_story`` and ``is_dup`` masks (``copies``: see ``_background``).

    A large event's reports are each other's look-alikes, so measured against what lies outside its story
    (each record's background without the pairs within its own story), a pair between its parts may stand out
    after all; a page it left alone is measured against both ends' look-alikes outside the page's story and the
    one it would join, again in each pass as pages join. ``unmeasured`` holds the pairs that pass the weak-link
    tests that do not compare with the background, ``near`` those that pass the conflict tests with the loners'
    entity bar.
    """
    if not (config.part_support or config.loner_support):
        return is_story, is_dup
    n = len(sigs)
    root = story_roots(a, b, is_story, n, prior)
    if config.part_support:
        own_bg = outside_background(a, b, event, root, config.story_weak_rank, copies)
        apart = unmeasured & (root[a] != root[b])
        part = apart & (event >= np.maximum(own_bg[a], own_bg[b]) + config.story_weak_margin)
        rest = np.flatnonzero(apart & ~part) if config.part_rank else np.zeros(0, dtype=np.int64)
        if rest.shape[0]:  # against each end's look-alikes outside both stories
            part[rest] = (event[rest] >= background_without(a, b, event, root, rest, config.part_rank, copies)
                          + config.story_weak_margin)  # fmt: skip
        part &= copy_consistent(a, b, part, strong, own_bg, sigs, weights, config)
        part = join_parts(a, b, part, root, strong, n, config.part_support, config.part_share)
        if part.any():
            is_story, is_dup = resist_bridges(a, b, is_story | part, is_dup, event, sigs, weights, config)
            if config.loner_support:  # the loners are measured against the stories as joined
                root = story_roots(a, b, is_story, n, prior)
    if config.loner_support:
        is_story = loner_passes(a, b, is_story, near, strong, event, n, config, prior, joinable, copies, root)
    return is_story, is_dup


def loner_passes(
    a: np.ndarray,
    b: np.ndarray,
    is_story: np.ndarray,
    near: np.ndarray,
    strong: np.ndarray,
    event: np.ndarray,
    n: int,
    config: DedupConfig,
    prior: np.ndarray | None = None,
    joinable: np.ndarray | None = None,
    copies: np.ndarray | None = None,
    root: np.ndarray | None = None,
) -> np.ndarray:
    """``join_loners`` with the near links ``near`` that stand ``loner_margin`` above the ``story_weak_rank``-th
    best candidate of both ends outside their two stories; again while records join, at most ``LONER_PASSES``
    passes, each measuring against the stories as the pass before left them (``root``: the first pass's
    ``story_roots``). A page left out of a large event's story has that story's pages among its best candidates,
    and the event's other pages left out as well; neither are its look-alikes, and as they join they stop
    counting. Returns the new ``is_story`` mask.

    Records 0-2 are one story; 3 nearly links to each of them (0.5), and 4 is a look-alike of 3 (0.1). Against
    all its candidates, the 2nd best of 3 is a member of the story it would join; outside both stories, 0:

    >>> from dateline.dedup.config import DedupConfig
    >>> a, b = np.array([0, 0, 1, 0, 1, 2, 3]), np.array([1, 2, 2, 3, 3, 3, 4])
    >>> story = np.array([True] * 3 + [False] * 4)
    >>> near = np.array([False] * 3 + [True] * 3 + [False])
    >>> event = np.array([0.8] * 3 + [0.5] * 3 + [0.1])
    >>> cfg = DedupConfig(story_weak_rank=2, loner_support=2)
    >>> loner_passes(a, b, story, near, np.zeros(7, dtype=bool), event, 5, cfg).tolist()
    [True, True, True, True, True, True, False]
    """
    if root is None:
        root = story_roots(a, b, is_story, n, prior)
    # a pair's result holds until a story it touches gains a record: only membership decides it
    passes = np.zeros(a.shape[0], dtype=bool)
    known = np.zeros(a.shape[0], dtype=bool)
    was_alone: np.ndarray | None = None
    for k in range(LONER_PASSES):
        if k:
            root = story_roots(a, b, is_story, n, prior)
        # only a near link between a record left alone and a member of a story of two or more counts for
        # ``join_loners``: measure those alone
        size = np.bincount(root, minlength=n)
        alone = size[root] == 1
        if joinable is not None:
            alone &= joinable
        if was_alone is not None:
            grown = np.zeros(n, dtype=bool)
            grown[root[was_alone & ~alone]] = True
            known &= ~(grown[root[a]] | grown[root[b]])
        was_alone = alone
        sa, sb = size[root[a]], size[root[b]]
        sel = np.flatnonzero(near & ((alone[a] & (sb > 1)) | (alone[b] & (sa > 1))))
        if sel.shape[0] == 0:
            break
        todo = sel[~known[sel]]
        bg = background_of_loners(a, b, event, root, todo, alone, config.story_weak_rank, copies)
        passes[todo] = event[todo] >= bg + config.loner_margin
        known[todo] = True
        stands = np.zeros(a.shape[0], dtype=bool)
        stands[sel] = passes[sel]
        before = int(is_story.sum())
        is_story = join_loners(a, b, is_story, near & stands, n, config.loner_support, prior,
                               witness=strong & is_story, joinable=joinable, root=root)  # fmt: skip
        if int(is_story.sum()) == before:
            break
    return is_story


def join_parts(
    a: np.ndarray,
    b: np.ndarray,
    passing: np.ndarray,
    root: np.ndarray,
    witness: np.ndarray,
    n: int,
    support: int,
    share: float,
) -> np.ndarray:
    """Of the ``passing`` pairs between two stories (``root``: each record's story), those of story pairs that
    they join with enough support; returns the mask of the pairs kept.

    Two stories join when at least ``support`` distinct pairs of witnesses pass (records that ``witness``
    links, near-copies of one text, are one witness), and when the passing pairs are at least ``share`` of
    all the pairs given between the two stories. A story told by many independent reports has many such
    pairs; one text and its copies against a follow-up and its copies have one witness pair; two related
    events (the attack and the next day's raid) share a few reports, not most of them.

    >>> a, b = np.array([0, 1, 0, 2]), np.array([2, 3, 3, 4])
    >>> root = np.array([0, 0, 2, 2, 4])
    >>> join_parts(a, b, np.array([True, True, False, False]), root, np.zeros(4, bool), 5, 2, 0.3).tolist()
    [True, True, False, False]
    >>> join_parts(a, b, np.array([True, False, False, False]), root, np.zeros(4, bool), 5, 2, 0.3).tolist()
    [False, False, False, False]
    """
    idx = np.flatnonzero(passing & (root[a] != root[b]))
    if support < 1 or idx.shape[0] == 0:
        return np.zeros_like(passing)
    wit = components(n, a[witness].astype(np.int64), b[witness].astype(np.int64))
    ra, rb = root[a[idx]].astype(np.int64), root[b[idx]].astype(np.int64)
    # each story pair as one key, its lower root first; and its witness pair the same way
    key = np.minimum(ra, rb) * n + np.maximum(ra, rb)
    wa, wb = wit[a[idx]].astype(np.int64), wit[b[idx]].astype(np.int64)
    wkey = np.where(ra <= rb, wa * n + wb, wb * n + wa)
    keys, inv, n_pass = np.unique(key, return_inverse=True, return_counts=True)
    n_wit = np.bincount(np.unique(np.stack([inv, wkey], axis=1), axis=0)[:, 0], minlength=keys.shape[0])
    # every pair given between the two stories, passing or not
    ca, cb = root[a].astype(np.int64), root[b].astype(np.int64)
    all_key = np.minimum(ca, cb) * n + np.maximum(ca, cb)
    pos = np.searchsorted(keys, all_key).clip(0, keys.shape[0] - 1)
    hit = (keys[pos] == all_key) & (ca != cb)
    n_all = np.bincount(pos[hit], minlength=keys.shape[0])
    good = (n_wit >= support) & (n_pass >= share * n_all)
    keep = np.zeros_like(passing)
    keep[idx] = good[inv]
    return keep


def join_loners(
    a: np.ndarray,
    b: np.ndarray,
    story: np.ndarray,
    near: np.ndarray,
    n: int,
    support: int,
    prior: np.ndarray | None = None,
    witness: np.ndarray | None = None,
    joinable: np.ndarray | None = None,
    root: np.ndarray | None = None,
) -> np.ndarray:
    """Join each record that no link groups with another to the one story it nearly links to.

    ``near`` marks the pairs that pass every weak-link test except the comparison with the
    background of look-alikes and the entity bar (a short excerpt shares few names and sits among
    many half-similar reports). A record alone in its story (after ``story`` and ``prior``; ``root``,
    when given, is that grouping from ``story_roots``) with near links to at least ``support``
    distinct members of one story, and to no member of any other story of two or more records, joins that
    story: its near links to it become story links. One such link could be chance; several members of one
    story that agree with each other and each nearly match the record are evidence for the event, and a
    record that nearly matches two stories is left alone. Another record left alone is not a story it could
    bridge: two pages of one large event may both be left out of its story and nearly link to each other.
    Returns the new
    ``story`` mask. Members that ``witness`` links (near-copies of one text) count as one; only
    the records that the mask ``joinable`` marks (all when None) may join.

    >>> a, b = np.array([0, 0, 1, 0]), np.array([1, 2, 2, 3])
    >>> join_loners(a, b, np.array([False, False, True, False]), np.array([True, True, False, False]), 4, 2).tolist()
    [True, True, True, False]
    """
    if support < 1 or not near.any():
        return story
    if root is None:
        root = story_roots(a, b, story, n, prior)
    size = np.bincount(root, minlength=n)
    p = np.flatnonzero(near & (root[a] != root[b]))
    if p.shape[0] == 0:
        return story
    rec = np.concatenate([a[p], b[p]]).astype(np.int64)
    other = np.concatenate([b[p], a[p]]).astype(np.int64)
    pos = np.concatenate([p, p])
    alone = size[root[rec]] == 1
    if joinable is not None:
        alone &= joinable[rec]
    rec, other, pos = rec[alone], other[alone], pos[alone]
    if rec.shape[0] == 0:
        return story
    grp = root[other]
    # members that ``witness`` links (near-copies of one text) are one witness, not several
    wit = other if witness is None else components(n, a[witness].astype(np.int64), b[witness].astype(np.int64))[other]
    triples = np.unique(np.stack([rec, grp, wit], axis=1), axis=0)
    pairs, counts = np.unique(triples[:, :2], axis=0, return_counts=True)
    # the stories it nearly links to; another record left alone is not one (two pages of one large event that
    # its story left out nearly link to each other, and both to the event's story)
    n_groups = np.bincount(pairs[size[pairs[:, 1]] >= 2, 0], minlength=n)
    ok_pairs = pairs[(counts >= support) & (n_groups[pairs[:, 0]] == 1)]
    if ok_pairs.shape[0] == 0:
        return story
    # each record joins one story (``n_groups`` is 1): its near links to that story become story links
    target = np.full(n, -1, dtype=np.int64)
    target[ok_pairs[:, 0]] = ok_pairs[:, 1]
    story = story.copy()
    story[pos[target[rec] == grp]] = True
    return story


def story_roots(a: np.ndarray, b: np.ndarray, story: np.ndarray, n: int, prior: np.ndarray | None = None) -> np.ndarray:
    """Per record, the root of its story: the components of the ``story`` links, and of ``prior`` labels when given.

    Records with one ``prior`` label (the stored story of each loaded record) are one story.

    >>> story_roots(np.array([0, 2]), np.array([1, 3]), np.array([True, False]), 4, np.array([0, 1, 2, 2])).tolist()
    [0, 0, 2, 2]
    """
    ends_a = a[story].astype(np.int64)
    ends_b = b[story].astype(np.int64)
    if prior is not None:
        # records with one prior label: chain them (each to the first record of its label)
        lab = np.asarray(prior)
        _, first, inv = np.unique(lab, return_index=True, return_inverse=True)
        ends_a = np.concatenate([ends_a, np.arange(n, dtype=np.int64)])
        ends_b = np.concatenate([ends_b, first[inv].astype(np.int64)])
    return components(n, ends_a, ends_b)


def outside_background(
    a: np.ndarray, b: np.ndarray, score: np.ndarray, root: np.ndarray, rank: int, copies: np.ndarray | None = None
) -> np.ndarray:
    """``background`` over the pairs whose records are in different stories (``root``, one entry per record),
    counting the copies of one text once when ``copies`` labels them.

    A member of a story of many independent reports has those reports among its best candidates; left out,
    what remains is its look-alikes outside the story. Records 0-2 are one story, 3 is alone:

    >>> a, b = np.array([0, 0, 1, 0, 1]), np.array([1, 2, 2, 3, 3])
    >>> s = np.array([0.9, 0.8, 0.85, 0.3, 0.2])
    >>> background(a, b, s, 2).tolist()
    [0.8, 0.85, 0.8, 0.2]
    >>> outside_background(a, b, s, np.array([0, 0, 0, 3]), 1).tolist()
    [0.3, 0.2, 0.0, 0.3]
    """
    apart = root[a] != root[b]
    return background(a[apart], b[apart], score[apart], rank, n=root.shape[0], group=copies)


def edge_evidence(v: dict[str, np.ndarray], i: int) -> dict[str, Any]:
    f = v["feats"][i]
    return {
        "jaccard": round(float(v["jaccard"][i]), 4),
        "containment": round(float(v["containment"][i]), 4),
        "story_score": round(float(v["score"][i]), 4),
        "event_score": round(float(v["event"][i]), 4),
        "word_cosine": round(float(lexical_cosines(v["feats"][i : i + 1])[0]), 4),
        "number_agreement": round(float(v["number_agreement"][i]), 4),
        "shared_terms": int(f[15]),
        "shared_numbers": int(f[3]),
        "shared_dates": int(f[6]),
        "shared_years": int(f[9]),
        "shared_weekdays": int(f[16]),
        "shared_lead_months": int(f[25]),
        "shared_figures": int(f[19]),
        "number_slots_agree": int(v["slots_agree"][i]),
        "number_slots_differ": int(v["slots_differ"][i]),
    }


def copy_consistent(
    a: np.ndarray,
    b: np.ndarray,
    weak: np.ndarray,
    strong: np.ndarray,
    bg: np.ndarray,
    sigs: Signatures,
    weights: np.ndarray,
    config: DedupConfig,
) -> np.ndarray:
    """Which weak links also hold for the near-copies of their ends.

    Copies of one text relate alike to a third record. A weak link ``(r, s)`` must also pass the
    story test between every strong neighbour of ``r`` and ``s`` (and of ``s`` and ``r``), or at least
    a ``copy_support`` share of them; otherwise it rests on what one copy's edits added (an inserted
    lead or quote naming someone), not on the event, and is dropped. Links whose ends have no
    strong neighbours are kept.
    """
    keep = np.ones(a.shape[0], dtype=bool)
    wi = np.flatnonzero(weak)
    if wi.shape[0] == 0 or config.copy_support <= 0 or not strong.any():
        return keep
    sa, sb = a[strong], b[strong]
    ends = np.concatenate([sa, sb])
    nbr = np.concatenate([sb, sa])
    order = np.argsort(ends, kind="stable")
    ends, nbr = ends[order], nbr[order]
    lo = np.searchsorted(ends, np.arange(len(sigs)), side="left")
    hi = np.searchsorted(ends, np.arange(len(sigs)), side="right")
    pa: list[int] = []
    pb: list[int] = []
    owner: list[int] = []
    for p in wi.tolist():
        r, s = int(a[p]), int(b[p])
        for x in nbr[lo[r] : hi[r]].tolist():
            if x != s:
                pa.append(x)
                pb.append(s)
                owner.append(p)
        for y in nbr[lo[s] : hi[s]].tolist():
            if y != r:
                pa.append(r)
                pb.append(y)
                owner.append(p)
    if not pa:
        return keep
    ca = np.array(pa, dtype=np.int64)
    cb = np.array(pb, dtype=np.int64)
    feats = pair_features(ca, cb, sigs.term_hash, sigs.term_flag, sigs.term_off, weights)
    ev = event_scores(feats)
    bgx = np.zeros(len(sigs), dtype=np.float64)
    bgx[: bg.shape[0]] = bg
    # each copy pair must come within ``copy_support`` of the bar the weak link itself cleared
    bar = np.maximum(config.story_threshold, np.maximum(bgx[ca], bgx[cb]) + config.story_weak_margin)
    ok = (story_scores(feats, config=config) >= config.story_strong) | (ev >= config.copy_support * bar)
    own = np.array(owner, dtype=np.int64)
    failed = np.bincount(own, weights=(~ok).astype(np.float64), minlength=a.shape[0])
    keep[failed > 0] = False
    return keep


@njit(cache=True)
def _ego_groups(indptr: np.ndarray, nbr: np.ndarray) -> np.ndarray:
    """For each CSR entry (record, neighbour): the smallest neighbour of the record that the
    neighbour is connected to through links among the record's neighbours (the record left out)."""
    out = nbr.copy()
    for r in range(indptr.shape[0] - 1):
        lo = indptr[r]
        hi = indptr[r + 1]
        c = hi - lo
        if c < 2:
            continue
        parent = np.arange(c)
        for x in range(c):
            u = nbr[lo + x]
            ulo = indptr[u]
            uhi = indptr[u + 1]
            for y in range(x + 1, c):
                v = nbr[lo + y]
                k = np.searchsorted(nbr[ulo:uhi], v)
                if k < uhi - ulo and nbr[ulo + k] == v:
                    rx = x
                    while parent[rx] != rx:
                        rx = parent[rx]
                    ry = y
                    while parent[ry] != ry:
                        ry = parent[ry]
                    if rx != ry:
                        parent[max(rx, ry)] = min(rx, ry)
        for x in range(c):
            rx = x
            while parent[rx] != rx:
                rx = parent[rx]
            out[lo + x] = nbr[lo + rx]
    return out


@njit(cache=True)
def _shared_mask(r: int, others: np.ndarray, th: np.ndarray, toff: np.ndarray) -> np.ndarray:
    """Which terms of ``r`` (sorted by hash) any of ``others`` also has (merge of sorted lists)."""
    lo = toff[r]
    hi = toff[r + 1]
    hit = np.zeros(hi - lo, dtype=np.bool_)
    for o in others:
        i = lo
        j = toff[o]
        je = toff[o + 1]
        while i < hi and j < je:
            if th[i] < th[j]:
                i += 1
            elif th[i] > th[j]:
                j += 1
            else:
                hit[i - lo] = True
                i += 1
                j += 1
    return hit


def _overlap(hi: np.ndarray, hj: np.ndarray, w: np.ndarray) -> float:
    """Weight of the terms two shared-term masks (of one record) have in common, over the lighter mask's."""
    common = float(w[hi & hj].sum())
    return common / max(min(float(w[hi].sum()), float(w[hj].sum())), 1e-9)


def resist_bridges(
    a: np.ndarray,
    b: np.ndarray,
    story: np.ndarray,
    dup: np.ndarray,
    strength: np.ndarray,
    sigs: Signatures,
    weights: np.ndarray,
    config: DedupConfig,
) -> tuple[np.ndarray, np.ndarray]:
    """Keep a record from gluing together groups that only it links (a digest page, a round-up).

    For each record, its story neighbours are split into groups that link to each other (the
    record left out). Groups that the record matches on overlapping terms (at least
    ``config.bridge_overlap`` of the lighter side's shared weight: the same names, one event) count as
    one. Where two or more groups remain, the record matches them on different parts of its text,
    and it keeps only its links into the group with the most ``strength``; the links into the others
    are dropped at both levels. Returns new ``(story, dup)`` masks.
    """
    if config.bridge_overlap <= 0:
        return story, dup
    idx = np.flatnonzero(story)
    if idx.shape[0] < 2:
        return story, dup
    n = len(sigs)
    ends = np.concatenate([a[idx], b[idx]]).astype(np.int64)
    others = np.concatenate([b[idx], a[idx]]).astype(np.int64)
    epos = np.concatenate([idx, idx])
    order = np.lexsort((others, ends))
    ends, others, epos = ends[order], others[order], epos[order]
    indptr = np.searchsorted(ends, np.arange(n + 1)).astype(np.int64)
    group = _ego_groups(indptr, others)
    # records whose neighbours fall into two or more groups
    split = np.zeros(n, dtype=bool)
    np.logical_or.at(split, ends, group != others[indptr[ends]])
    if not split.any():
        return story, dup
    story = story.copy()
    dup = dup.copy()
    for r in np.flatnonzero(split).tolist():
        lo, hi = int(indptr[r]), int(indptr[r + 1])
        nbrs = others[lo:hi].tolist()
        labels = group[lo:hi].tolist()
        groups: dict[int, list[int]] = {}
        for x, g in zip(nbrs, labels, strict=True):
            groups.setdefault(g, []).append(x)
        keys = list(groups)
        wr = weights[int(sigs.term_off[r]) : int(sigs.term_off[r + 1])].astype(np.float64)
        shared = [_shared_mask(r, np.array(groups[k], dtype=np.int64), sigs.term_hash, sigs.term_off) for k in keys]
        top = list(range(len(keys)))  # groups matched on the same names are one event
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                if top[j] != top[i] and _overlap(shared[i], shared[j], wr) >= config.bridge_overlap:
                    old, new = max(top[i], top[j]), min(top[i], top[j])
                    top = [new if t == old else t for t in top]
        merged = {k: top[i] for i, k in enumerate(keys)}
        if len(set(top)) < 2:
            continue
        support: dict[int, float] = {}
        for g, p in zip(labels, epos[lo:hi].tolist(), strict=True):
            support[merged[g]] = support.get(merged[g], 0.0) + float(strength[p])
        best = max(support, key=lambda t: (support[t], -t))
        for g, p in zip(labels, epos[lo:hi].tolist(), strict=True):
            if merged[g] != best:
                story[p] = False
                dup[p] = False
    return story, dup
