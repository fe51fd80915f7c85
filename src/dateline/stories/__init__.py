"""Stories: the first copy, date spread, event timeline and version diff of each story cluster.

``build_story`` is pure; the runner calls it for every story a run touches and stores
``story_to_json`` in ``stories.jsonl`` (``story_to_record`` for Parquet and the store).
"""

from dateline.stories.build import (
    ASSIGNS,
    REQUIRES,
    build_story,
    copy_date,
    first_copy,
    iter_stories,
    story_to_json,
    story_to_record,
)
from dateline.stories.config import StoryConfig
from dateline.stories.diff import SentenceDiff, diff_sentences, diff_texts
from dateline.stories.sentences import Sentence, split_sentences
from dateline.stories.timeline import build_timeline, value_interval

__all__ = [
    "ASSIGNS",
    "REQUIRES",
    "Sentence",
    "SentenceDiff",
    "StoryConfig",
    "build_story",
    "build_timeline",
    "copy_date",
    "diff_sentences",
    "diff_texts",
    "first_copy",
    "iter_stories",
    "split_sentences",
    "story_to_json",
    "story_to_record",
    "value_interval",
]
