"""Sentence-level diff of one copy of a story against its first copy (fuzzy alignment).

Sentences are aligned one-to-one, greedily by decreasing similarity, so a copy that reorders
paragraphs still aligns. What is left over is what a version adds (copy only) or drops (origin
only); aligned pairs that are reworded are reported as ``changed``.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from dateline.stories.config import DEFAULT_STORY_CONFIG, StoryConfig
from dateline.stories.sentences import Sentence, normalize_sentence, split_sentences

__all__ = ["SentenceDiff", "diff_sentences", "diff_texts"]


@dataclass(slots=True)
class SentenceDiff:
    """What a copy adds, drops and rewords compared with the origin.

    ``added`` holds copy sentences (offsets into the copy's text), ``dropped`` origin sentences
    (offsets into the origin's text), ``changed`` pairs ``(origin, copy, similarity)``.
    ``similarity`` is the share of origin and copy sentences that aligned, in [0, 1].
    """

    added: list[Sentence] = field(default_factory=list)
    dropped: list[Sentence] = field(default_factory=list)
    changed: list[tuple[Sentence, Sentence, float]] = field(default_factory=list)
    shared: int = 0
    similarity: float = 0.0

    def to_json(self) -> dict[str, Any]:
        def sent(s: Sentence) -> dict[str, Any]:
            return {"text": s.text, "start": s.start, "end": s.end}

        return {
            "added": [sent(s) for s in self.added],
            "dropped": [sent(s) for s in self.dropped],
            "changed": [
                {"origin": sent(o), "copy": sent(c), "similarity": round(r, 3)} for o, c, r in self.changed
            ],
            "shared": self.shared,
            "similarity": round(self.similarity, 3),
        }


@dataclass(frozen=True, slots=True)
class _Prepared:
    """Sentences kept for alignment, with their tokens, token sets and token counts."""

    sents: tuple[Sentence, ...]
    toks: tuple[tuple[str, ...], ...]
    sets: tuple[frozenset[str], ...]
    counts: tuple[Counter[str], ...]


@functools.lru_cache(maxsize=16)
def _prepare(sentences: tuple[Sentence, ...], min_words: int, max_sentences: int) -> _Prepared:
    kept = [(s, t) for s in sentences if len(t := normalize_sentence(s.text)) >= min_words][:max_sentences]
    toks = tuple(t for _, t in kept)
    return _Prepared(
        sents=tuple(s for s, _ in kept),
        toks=toks,
        sets=tuple(frozenset(t) for t in toks),
        counts=tuple(Counter(t) for t in toks),
    )


def _similarity(
    sm: list[SequenceMatcher[str]],
    a: tuple[str, ...],
    b: tuple[str, ...],
    common: frozenset[str],
    ca: Counter[str],
    cb: Counter[str],
    floor: float,
) -> float:
    """difflib's ratio of ``a`` and ``b``, or 0.0 once an upper bound is below ``floor``.

    ``sm`` is an empty list or holds a matcher whose second sequence is ``b`` (made on first need).

    The bound is the multiset overlap over the ``common`` words, the same bound as difflib's
    ``quick_ratio`` but from counts computed once per sentence.
    """
    if a == b:
        return 1.0
    total = len(a) + len(b)
    if 2.0 * min(len(a), len(b)) / total < floor:
        return 0.0
    if 2.0 * sum(min(ca[w], cb[w]) for w in common) / total < floor:
        return 0.0
    if not sm:
        sm.append(SequenceMatcher(None, b, b, autojunk=False))
    sm[0].set_seq1(a)
    return sm[0].ratio()


def diff_sentences(
    origin: Sequence[Sentence], copy: Sequence[Sentence], *, config: StoryConfig = DEFAULT_STORY_CONFIG
) -> SentenceDiff:
    """Align ``copy``'s sentences to ``origin``'s and report the difference.

    Args:
        origin: sentences of the first copy.
        copy: sentences of the other version.
        config: ``align_threshold``, ``changed_below``, ``min_sentence_words``, ``max_sentences``.

    Returns:
        A ``SentenceDiff``; sentences shorter than ``min_sentence_words`` words are left out.
    """
    po = _prepare(tuple(origin), config.min_sentence_words, config.max_sentences)
    pc = _prepare(tuple(copy), config.min_sentence_words, config.max_sentences)
    o_sents, c_sents = po.sents, pc.sents
    floor = config.align_threshold
    pairs: list[tuple[float, int, int]] = []
    for j, (ct, cs, cc) in enumerate(zip(pc.toks, pc.sets, pc.counts, strict=True)):
        sm: list[SequenceMatcher[str]] = []  # made for ``ct`` when a pair first passes the bounds
        for i, (ot, os_, oc) in enumerate(zip(po.toks, po.sets, po.counts, strict=True)):
            common = os_ & cs
            if not common:
                continue
            r = _similarity(sm, ot, ct, common, oc, cc, floor)
            if r >= floor:
                pairs.append((r, i, j))
    # Highest similarity first; ties prefer pairs at similar positions, then document order.
    pairs.sort(key=lambda p: (-p[0], abs(p[1] - p[2]), p[1], p[2]))
    used_o: dict[int, tuple[int, float]] = {}
    used_c: set[int] = set()
    for r, i, j in pairs:
        if i in used_o or j in used_c:
            continue
        used_o[i] = (j, r)
        used_c.add(j)
    out = SentenceDiff()
    out.dropped = [s for i, s in enumerate(o_sents) if i not in used_o]
    out.added = [s for j, s in enumerate(c_sents) if j not in used_c]
    for i in sorted(used_o):
        j, r = used_o[i]
        if r < config.changed_below:
            out.changed.append((o_sents[i], c_sents[j], r))
    out.shared = len(used_o)
    total = len(o_sents) + len(c_sents)
    out.similarity = (2.0 * len(used_o) / total) if total else 1.0
    return out


def diff_texts(origin: str, copy: str, *, config: StoryConfig = DEFAULT_STORY_CONFIG) -> SentenceDiff:
    """``diff_sentences`` over two raw texts.

    >>> d = diff_texts("The raid was Sunday. Nobody died in the raid.", "The raid was on Sunday. ISIL is another name.")
    >>> [s.text for s in d.added], [s.text for s in d.dropped]
    (['ISIL is another name.'], ['Nobody died in the raid.'])
    """
    return diff_sentences(split_sentences(origin), split_sentences(copy), config=config)
