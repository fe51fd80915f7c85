"""Sentence splitting with character offsets, tuned for news prose (abbreviations, quotes, datelines).

Internal to the stories stage: ``split_sentences`` is public and stable, the helpers are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences", "normalize_sentence"]

# Words that end with a period without ending a sentence when a capitalised word follows.
_ABBREVIATIONS = frozenset(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    mr mrs ms dr prof sen rep gov gen col lt sgt capt cpt maj cmdr adm st ft mt rev hon pres supt insp
    jr sr inc ltd co corp bros no nos vol vs etc al approx dept est fig op cf ca univ assn ave blvd rd
    """.split()
)
# A sentence ends at . ! ? (possibly with closing quotes/brackets) followed by whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_PARAGRAPH = re.compile(r"\n\s*\n|\r\n\s*\r\n|\n")
_WORD = re.compile(r"\w+", re.UNICODE)
_NEXT_START = re.compile(r"\s+([\"'“‘(\[]*)(\S)")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text == source[start:end]`` (stripped of surrounding whitespace)."""

    start: int
    end: int
    text: str


def _is_abbreviation(chunk: str, end: int) -> bool:
    """True when the period at ``chunk[end-1]`` closes an abbreviation rather than a sentence."""
    i = end - 1
    while i >= 0 and chunk[i] == ".":
        i -= 1
    j = i
    while j >= 0 and (chunk[j].isalpha() or chunk[j] == "."):
        j -= 1
    token = chunk[j + 1 : i + 1]
    if not token:
        return False
    if "." in token:  # U.S., U.N., a.m.
        return True
    if len(token) == 1 and token.isupper():  # initials: John F. Kennedy
        return True
    return token.lower() in _ABBREVIATIONS


def _split_block(text: str, offset: int) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        nxt = _NEXT_START.match(text, end)
        if nxt is None:
            continue
        first = nxt.group(2)
        if not (first.isupper() or first.isdigit() or nxt.group(1)):
            continue
        if (
            text[m.start()] == "."
            and m.group(0).rstrip("\"'”’)]") == "."
            and _is_abbreviation(text, m.start() + 1)
        ):
            if not nxt.group(1):  # "said Jan. 8" or "U.S. officials": not a boundary
                continue
        out.append(_make(text, start, end, offset))
        start = end
    if text[start:].strip():
        out.append(_make(text, start, len(text), offset))
    return [s for s in out if s.text]


def _make(text: str, start: int, end: int, offset: int) -> Sentence:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    s, e = start + lead, end - trail
    return Sentence(offset + s, offset + e, text[s:e])


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets into ``text``.

    Line breaks always end a sentence; inside a paragraph a sentence ends at ``.``, ``!`` or ``?``
    followed by a capitalised word, unless the period closes an abbreviation (``Jan.``, ``U.S.``).

    >>> [s.text for s in split_sentences("U.S. officials said Monday. The raid was on Jan. 8 near Raqqa.")]
    ['U.S. officials said Monday.', 'The raid was on Jan. 8 near Raqqa.']
    >>> split_sentences("One.\\n\\nTwo")[1]
    Sentence(start=6, end=9, text='Two')
    """
    sentences: list[Sentence] = []
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        sentences.extend(_split_block(text[pos : m.start()], pos))
        pos = m.end()
    sentences.extend(_split_block(text[pos:], pos))
    return sentences


def normalize_sentence(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens of a sentence, the unit the fuzzy alignment compares.

    >>> normalize_sentence("The U.S.-led coalition, he said.")
    ('the', 'u', 's', 'led', 'coalition', 'he', 'said')
    """
    return tuple(w.lower() for w in _WORD.findall(text))
