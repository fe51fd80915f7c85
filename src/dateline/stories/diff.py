"""Sentence-level diff of one copy of a story against its first copy (fuzzy alignment).

Sentences are aligned one-to-one, greedily by decreasing similarity, so a copy that reorders
paragraphs still aligns. What is left over is what a version adds (copy only) or drops (origin
only); aligned pairs that are reworded are reported as ``changed``.
"""

from __future__ import annotations

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


def _similarity(sm: SequenceMatcher[str], a: tuple[str, ...], b: tuple[str, ...], floor: float) -> float:
    """difflib's ratio of ``a`` against ``sm``'s second sequence, or 0.0 once a cheap upper bound is below ``floor``.

    ``sm`` caches its second sequence, so one matcher serves every origin sentence.
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    sm.set_seq1(a)
    if sm.real_quick_ratio() < floor or sm.quick_ratio() < floor:  # upper bounds of ratio()
        return 0.0
    return sm.ratio()


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
    o_sents = [s for s in origin if len(normalize_sentence(s.text)) >= config.min_sentence_words]
    c_sents = [s for s in copy if len(normalize_sentence(s.text)) >= config.min_sentence_words]
    o_sents, c_sents = o_sents[: config.max_sentences], c_sents[: config.max_sentences]
    o_tok = [normalize_sentence(s.text) for s in o_sents]
    c_tok = [normalize_sentence(s.text) for s in c_sents]
    o_set = [frozenset(t) for t in o_tok]
    c_set = [frozenset(t) for t in c_tok]
    pairs: list[tuple[float, int, int]] = []
    for j, (ct, cs) in enumerate(zip(c_tok, c_set, strict=True)):
        sm: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
        sm.set_seq2(ct)
        for i, (ot, os_) in enumerate(zip(o_tok, o_set, strict=True)):
            if not os_ & cs:
                continue
            r = _similarity(sm, ot, ct, config.align_threshold)
            if r >= config.align_threshold:
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
