"""Settings of the stories stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StoryConfig:
    """Options of the stories stage; every field has a default and a matching key in defaults.toml.

    Attributes:
        align_threshold: two sentences (origin vs copy) are the same sentence when their word-level
            similarity (difflib ratio over lower-cased word tokens, in [0, 1]) reaches this.
        changed_below: an aligned pair whose similarity is below this is reported as ``changed``
            (reworded); at or above it the pair counts as unchanged.
        min_sentence_words: sentences with fewer words are ignored by the diff (bylines, "AP").
        max_sentences: at most this many sentences per article are aligned (bounds the quadratic work).
        timeline_types: TIMEX3 types that become timeline events.
        report_page_size: stories per page in the HTML report and the web UI.
        report_largest: how many of the largest stories the overview lists.
        max_request_bytes: the web server answers 413 to a request body larger than this.
    """

    align_threshold: float = 0.5
    changed_below: float = 0.9
    min_sentence_words: int = 3
    max_sentences: int = 400
    timeline_types: tuple[str, ...] = ("DATE", "TIME")
    report_page_size: int = 25
    report_largest: int = 10
    max_request_bytes: int = 2_000_000


DEFAULT_STORY_CONFIG = StoryConfig()
