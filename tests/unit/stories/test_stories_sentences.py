"""Sentence splitting and the sentence diff."""

from __future__ import annotations

import pytest

from dateline.stories import StoryConfig, diff_texts, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. officials said Monday. The raid was on Jan. 8 near Raqqa.",
            ["U.S. officials said Monday.", "The raid was on Jan. 8 near Raqqa."],
        ),
        ('He said "It was fine." Then he left.', ['He said "It was fine."', "Then he left."]),
        ("Col. John Dorrian spoke. Mr. Smith did not!", ["Col. John Dorrian spoke.", "Mr. Smith did not!"]),
        ("First line\nSecond line", ["First line", "Second line"]),
        ("a sentence. lower case goes on.", ["a sentence. lower case goes on."]),
        ("", []),
    ],
)
def test_sentences_split(text: str, expected: list[str]) -> None:
    sents = split_sentences(text)
    assert [s.text for s in sents] == expected
    assert all(text[s.start : s.end] == s.text for s in sents)


def test_sentences_diff_reordered_paragraphs_align() -> None:
    a = "The first fact is here today. The second fact is also here. The third fact closes it."
    b = "The third fact closes it. The first fact is here today. The second fact is also here."
    d = diff_texts(a, b)
    assert d.added == [] and d.dropped == [] and d.changed == [] and d.shared == 3
    assert d.similarity == 1.0


@pytest.mark.parametrize(("threshold", "aligned"), [(0.5, True), (0.99, False)])
def test_sentences_diff_threshold(threshold: float, aligned: bool) -> None:
    d = diff_texts(
        "The troops spent about 90 minutes in the area.",
        "Troops spent around 90 minutes in the area.",
        config=StoryConfig(align_threshold=threshold),
    )
    assert (d.shared == 1) is aligned
    assert (len(d.changed) == 1) is aligned
