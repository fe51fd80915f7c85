"""Readable evidence for a match: the entities, numbers and mentioned days two texts share."""

from __future__ import annotations

import re
from typing import Any

from dateline.dedup.signatures import STOPWORDS
from dateline.dedup.text import clean_text

__all__ = ["shared_evidence", "fingerprint_strings"]

_MONTHS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|"
    "oct|october|nov|november|dec|december"
)
_MONTH_NO = {m: i // 2 + 1 for i, m in enumerate(_MONTHS.split("|")[:8])}
_MONTH_NO.update({"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
                  "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12})  # fmt: skip
_DATE_MD = re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}})\b", re.I)
_DATE_DM = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\b", re.I)
_NUMBER = re.compile(r"\b\d+(?:[.,:]\d+)*\b")
_ENTITY = re.compile(r"\b[A-Z][\w'-]*(?:\s+(?:of\s+|al-|de\s+)?[A-Z][\w'-]*)*")


def fingerprint_strings(text: str) -> dict[str, set[str]]:
    """Entities, numbers and month-day mentions of ``text``, as readable strings."""
    text = clean_text(text)
    dates = {f"{_MONTH_NO[m.lower()]:02d}-{int(d):02d}" for m, d in _DATE_MD.findall(text)}
    dates |= {f"{_MONTH_NO[m.lower()]:02d}-{int(d):02d}" for d, m in _DATE_DM.findall(text)}
    numbers = {n.replace(",", "") for n in _NUMBER.findall(text)}
    entities = {e for e in _ENTITY.findall(text) if e.lower() not in STOPWORDS and len(e) > 2}
    return {"entities": entities, "numbers": numbers, "dates": {d for d in dates if int(d[3:]) <= 31}}


def _shared_phrases(a: set[str], b: set[str]) -> set[str]:
    """Entity phrases of ``a`` whose words all occur among the entity words of ``b`` (or the reverse)."""
    wa = {w for e in a for w in e.split() if w[:1].isupper()}
    wb = {w for e in b for w in e.split() if w[:1].isupper()}
    out = {e for e in a if all(w in wb for w in e.split() if w[:1].isupper())}
    out |= {e for e in b if all(w in wa for w in e.split() if w[:1].isupper())}
    return {e for e in out if not any(e != o and e in o for o in out)}


def shared_evidence(a: str, b: str, *, limit: int = 12) -> dict[str, Any]:
    """What ``a`` and ``b`` have in common, and the numbers and days only one of them mentions.

    >>> shared_evidence("Raid on Jan. 8 killed 25", "On 8 January, 25 were killed")["shared_dates"]
    ['01-08']
    """
    fa, fb = fingerprint_strings(a), fingerprint_strings(b)
    return {
        "shared_entities": sorted(_shared_phrases(fa["entities"], fb["entities"]), key=lambda s: (-len(s), s))[:limit],
        "shared_numbers": sorted(fa["numbers"] & fb["numbers"])[:limit],
        "shared_dates": sorted(fa["dates"] & fb["dates"])[:limit],
        "conflicting_dates": sorted(fa["dates"] ^ fb["dates"])[:limit] if fa["dates"] and fb["dates"] else [],
    }
