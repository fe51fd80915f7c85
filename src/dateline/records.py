"""Record types shared by every stage, with their Arrow schemas.

Dates travel as ISO strings (``YYYY-MM-DD``, or ``YYYY-MM`` for a month-only stated date); the
field names are the same in Python, Arrow, DuckDB, Parquet and JSON (see CONTRACT.md).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import pyarrow as pa

__all__ = [
    "ARTICLE_SCHEMA",
    "REJECT_SCHEMA",
    "STORY_SCHEMA",
    "Article",
    "DateEstimate",
    "Evidence",
    "Origin",
    "Reject",
    "StatedDate",
    "Story",
    "Timex",
    "parse_stated_date",
]

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class StatedDate:
    """A stated publication date: a day (``2017-01-09``) or only a month (``2017-08``).

    >>> StatedDate.parse("2017-08").interval()
    (datetime.date(2017, 8, 1), datetime.date(2017, 8, 31))
    """

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, value: str) -> StatedDate:
        """Parse ``YYYY-MM-DD`` or ``YYYY-MM``; raise ``ValueError`` on anything else or an impossible day."""
        value = value.strip()
        m = _ISO_DAY.match(value)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            date(y, mo, d)  # raises ValueError for 2015-02-30
            return cls(y, mo, d)
        m = _ISO_MONTH.match(value)
        if m:
            y, mo = (int(g) for g in m.groups())
            if not 1 <= mo <= 12:
                raise ValueError(f"month out of range in {value!r}")
            return cls(y, mo, None)
        raise ValueError(f"expected YYYY-MM-DD or YYYY-MM, got {value!r}")

    @property
    def is_month(self) -> bool:
        return self.day is None

    def interval(self) -> tuple[date, date]:
        """The days this stated date covers: one day, or the whole month."""
        if self.day is not None:
            d = date(self.year, self.month, self.day)
            return d, d
        last = calendar.monthrange(self.year, self.month)[1]
        return date(self.year, self.month, 1), date(self.year, self.month, last)

    def anchor(self) -> date:
        """The day to resolve relative expressions against (the 15th for a month-only date)."""
        return date(self.year, self.month, self.day if self.day is not None else 15)

    def iso(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()


def parse_stated_date(value: str | None) -> StatedDate | None:
    """``None`` or an empty string means no stated date; otherwise see ``StatedDate.parse``."""
    if value is None or not str(value).strip():
        return None
    return StatedDate.parse(str(value))


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from: the path as given and the 1-based line/row/record number (or None)."""

    file: str
    line: int | None = None


@dataclass(slots=True)
class Article:
    """One input record. ``stated_date`` is untrusted by definition."""

    id: str
    text: str
    stated_date: StatedDate | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: Origin | None = None
    html_date_signals: list[dict[str, Any]] | None = None

    @property
    def anchor(self) -> date | None:
        return self.stated_date.anchor() if self.stated_date else None


@dataclass(slots=True)
class Timex:
    """A temporal expression (TIMEX3 style) with character offsets into the article text.

    ``anchor`` is the ISO day it was resolved against (None when there was none). ``form`` is the
    tagger's anchor-independent reading, so the value can be recomputed for another anchor without
    re-extracting (see ``dateline.temporal.reresolve``).
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    anchor: str | None = None
    mod: str | None = None
    form: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The contract's fields: start, end, text, type, value, anchor."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "anchor": self.anchor,
        }


@dataclass(slots=True)
class Evidence:
    """One piece of date evidence. Offsets refer to ``article_id``'s text."""

    kind: str
    text: str
    start: int | None
    end: int | None
    article_id: str
    implies: str
    weight: float

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class DateEstimate:
    """The date check of one article."""

    verdict: str  # consistent | wrong | no_date | insufficient_evidence
    estimated_date: str | None = None
    interval: tuple[str | None, str | None] = (None, None)
    confidence: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    source: str | None = None  # which signal decided: "text", "cluster", "stated", ...



@dataclass(slots=True)
class Story:
    story_id: str
    article_ids: list[str]
    first_copy_id: str | None
    date_spread: tuple[str | None, str | None]
    timeline: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that could not be accepted, with the reason (see REJECT_REASONS)."""

    file: str
    line: int | None
    reason: str
    snippet: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


REJECT_REASONS = (
    "invalid_utf8",
    "malformed_json",
    "malformed_csv",
    "impossible_date",
    "empty_text",
    "binary",
    "too_large",
    "duplicate_id",
    "unreadable",
    "not_html",
)

_EVIDENCE_TYPE = pa.struct(
    [
        ("kind", pa.string()),
        ("text", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("article_id", pa.string()),
        ("implies", pa.string()),
        ("weight", pa.float64()),
    ]
)
_TIMEX_TYPE = pa.struct(
    [
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("type", pa.string()),
        ("value", pa.string()),
        ("anchor", pa.string()),
    ]
)

ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("origin", pa.struct([("file", pa.string()), ("line", pa.int64())])),
        ("title", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("stated_date", pa.string()),
        ("dup_group_id", pa.string()),
        ("story_id", pa.string()),
        ("date_verdict", pa.string()),
        ("estimated_date", pa.string()),
        ("date_interval", pa.list_(pa.string())),
        ("date_confidence", pa.float64()),
        ("evidence", pa.list_(_EVIDENCE_TYPE)),
        ("timexes", pa.list_(_TIMEX_TYPE)),
    ]
)

STORY_SCHEMA = pa.schema(
    [
        ("story_id", pa.string()),
        ("article_ids", pa.list_(pa.string())),
        ("first_copy_id", pa.string()),
        ("date_spread", pa.list_(pa.string())),
        # timeline and versions are nested and evolve; they travel as JSON text in Parquet
        ("timeline", pa.string()),
        ("versions", pa.string()),
    ]
)

REJECT_SCHEMA = pa.schema(
    [
        ("file", pa.string()),
        ("line", pa.int64()),
        ("reason", pa.string()),
        ("snippet", pa.string()),
    ]
)
