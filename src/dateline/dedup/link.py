"""Verification of candidate pairs: which pairs are near-identical copies and which report one story.

Internal module used by ``group_articles`` and ``StoryIndex``; its functions are not a stable API.
The masks ``verify`` returns (``dup``, ``story``) are what union-find joins.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dateline.dedup.config import DedupConfig
from dateline.dedup.signatures import Signatures
from dateline.dedup.verify import background, dup_scores, event_scores, pair_features, story_scores

__all__ = ["edge_evidence", "verify"]


def verify(
    a: np.ndarray,
    b: np.ndarray,
    sigs: Signatures,
    weights: np.ndarray,
    config: DedupConfig,
    embed: np.ndarray | None = None,
    context: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Score candidate pairs at both levels.

    ``context`` holds further candidate pairs that count towards each record's background but are not
    verified themselves (``StoryIndex``: pairs among the stored records loaded for this batch).
    """
    feats = pair_features(a, b, sigs.term_hash, sigs.term_flag, sigs.term_off, weights)
    is_dup, jac, cont, numag = dup_scores(
        sigs.sig[a], sigs.sig[b], sigs.shingles[a], sigs.shingles[b], feats, config
    )
    cos = None
    if embed is not None:
        cos = np.einsum("ij,ij->i", embed[a], embed[b])
    score = story_scores(feats, embed_cos=cos, config=config)
    # a strong score is enough; a weak link needs shared rare names and must stand out from the
    # background of both its ends (their rank-th best candidate), so that look-alikes of one template
    # (another day's figures, another year's final) do not chain into one story
    strong = is_dup | (score >= config.story_strong)
    event = event_scores(feats)
    if context is not None and context[0].shape[0]:
        ca, cb = context
        c_event = event_scores(pair_features(ca, cb, sigs.term_hash, sigs.term_flag, sigs.term_off, weights))
        bg = background(np.concatenate([a, ca]), np.concatenate([b, cb]), np.concatenate([event, c_event]),
                        config.story_weak_rank)  # fmt: skip
    else:
        bg = background(a, b, event, config.story_weak_rank)
    weak = ~strong & (event >= config.story_threshold) & (feats[:, 12] >= config.story_weak_min_entity)
    if a.shape[0]:
        weak &= event >= np.maximum(bg[a], bg[b]) + config.story_weak_margin
    is_story = strong | weak
    return {
        "a": a, "b": b, "dup": is_dup, "story": is_story, "jaccard": jac, "containment": cont,
        "number_agreement": numag, "score": score, "event": event, "feats": feats,
    }  # fmt: skip


def edge_evidence(v: dict[str, np.ndarray], i: int) -> dict[str, Any]:
    f = v["feats"][i]
    return {
        "jaccard": round(float(v["jaccard"][i]), 4),
        "containment": round(float(v["containment"][i]), 4),
        "story_score": round(float(v["score"][i]), 4),
        "event_score": round(float(v["event"][i]), 4),
        "number_agreement": round(float(v["number_agreement"][i]), 4),
        "shared_terms": int(f[15]),
        "shared_numbers": int(f[3]),
        "shared_dates": int(f[6]),
        "shared_years": int(f[9]),
    }
