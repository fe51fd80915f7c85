"""Date clues: what one piece of text (or one other copy) says about a publication date.

A ``Clue`` is anchor-free: "Jan. 8" (past tense) stays a month and a day without a year, "said Monday" stays a
weekday, "October 2015" stays a month. ``dateline.dating.scoring`` turns each clue into a log-likelihood over
candidate publication days, so the stated date never decides how a clue is read.

Internal module: build clues with ``dateline.dating.signals``; the fields may change.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CLUE_KINDS", "Clue"]

# kind -> what it holds
CLUE_KINDS = {
    "date": "a full day (year, month, day) the text mentions",
    "month": "a month of a given year (year, month)",
    "year": "a year (year)",
    "anniversary": "'the 11th anniversary of the March 2011 disaster': published in that year plus the count (year)",
    "monthday": "a month and day without a year (month, day)",
    "monthname": "a month name without a year (month)",
    "weekday": "a weekday relative to publication (weekday, 0 = Monday)",
    "weekday_date": "a weekday paired with a month and day, e.g. 'Sunday, Jan. 8' (weekday, month, day[, year])",
    "dateline": "the article's own dateline, e.g. 'BEIRUT, Jan. 9 (AP) -' (month, day[, year])",
    "published": "a publication stamp in the text, e.g. 'Published: 9 January 2017' (year, month, day)",
    "updated": "an update stamp; publication is on or before it (year, month, day)",
    "url": "a date in the page's URL (year, month[, day]); no text offsets",
    "html_original": "htmldate's original publication date of the page (year, month, day); no text offsets",
    "html_updated": "htmldate's last-modified date of the page; publication is on or before it",
    "copy": "another copy of the story and its checked date (year, month, day)",
    "neighbours": "the median stated date of the most similar articles of other stories (year, month, day; spread)",
}

TENSES = ("past", "future", None)


@dataclass(frozen=True, slots=True)
class Clue:
    """One anchor-free date clue.

    Attributes:
        kind: one of ``CLUE_KINDS``.
        text: the words it comes from.
        start, end: character offsets into ``article_id``'s text (None for cluster clues).
        article_id: the article whose text holds it.
        tense: ``past`` (publication is on or after it), ``future`` (on or before it), or None (unknown).
        year, month, day, weekday: the fields the kind needs (weekday 0 = Monday).
        weight: a multiplier on the clue's log-likelihood.
        spread: for ``copy`` clues, how many days another copy may plausibly lie from this one; for
            ``neighbours``, the neighbours' spread in days.
        bound: ``lower`` for "since October 1997": publication is after it, and how long after says nothing.
    """

    kind: str
    text: str
    start: int | None
    end: int | None
    article_id: str
    tense: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    weight: float = 1.0
    spread: float = 2.0
    bound: str | None = None

    @property
    def pins(self) -> bool:
        """True for clues that can tell one publication day from another (all kinds, bare weekdays too)."""
        return True

    def key(self) -> tuple[object, ...]:
        """Clues with one key say the same thing; repeats are down-weighted."""
        return (self.kind, self.tense, self.year, self.month, self.day, self.weekday, self.bound)
