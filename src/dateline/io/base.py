"""Shared pieces of the readers: record building, validation, reject bookkeeping.

Every reader yields ``Article`` or ``Reject`` items, never drops a record silently, and derives
ids from provenance (path relative to the input root, plus the record number) when the input has
no id of its own.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from dateline.errors import REJECT_HINTS, InputFormatError
from dateline.records import Article, Origin, Reject, StatedDate

log = logging.getLogger(__name__)

FIELDS = ("id", "date", "text", "title", "url", "source")
SNIPPET_CHARS = 120
# A datetime such as 2017-01-09T10:30:00Z counts as its day.
_DATETIME_TAIL = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?$")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# ` date 2017-01-09 – text`: optional whitespace, "date", one space, the date, an optional dash.
_HEADER = re.compile(r"^\s*date (\d{4}-\d{1,2}(?:-\d{1,2})?)(?=\s|$)(?:\s+[-\u2013\u2014](?=\s|$))?\s*")


def split_dated_text(text: str) -> tuple[str | None, str]:
    """Split a ``date YYYY-MM-DD`` header from the text.

    Returns the raw date string (unvalidated; None without a header) and the text after it.

    >>> split_dated_text(" date 2017-01-09 – Members of an elite force")
    ('2017-01-09', 'Members of an elite force')
    >>> split_dated_text("No header here")
    (None, 'No header here')
    """
    m = _HEADER.match(text)
    if not m:
        return None, text
    return m.group(1), text[m.end() :]

Item = Article | Reject


@dataclass(slots=True)
class ReadContext:
    """What a reader needs to know about the input being read.

    Attributes:
        display_path: the file path as the user gave it (or as joined to the given folder).
        rel_path: the path relative to the input root, used to derive ids.
        field_map: output field -> input field, after ``--field`` renames.
        max_record_bytes: records larger than this are rejected as ``too_large``.
    """

    display_path: str
    rel_path: str
    field_map: Mapping[str, str] = field(default_factory=lambda: {f: f for f in FIELDS})
    max_record_bytes: int = 5_000_000

    def key(self, name: str) -> str:
        return self.field_map.get(name, name)


def snippet(value: str | bytes) -> str:
    """A short printable excerpt for a rejects file."""
    if isinstance(value, bytes):
        value = value[: SNIPPET_CHARS * 4].decode("utf-8", errors="replace")
    value = _CONTROL.sub("\ufffd", value)
    return value[:SNIPPET_CHARS]


def reject(ctx: ReadContext, line: int | None, reason: str, raw: str | bytes) -> Reject:
    return Reject(file=ctx.display_path, line=line, reason=reason, snippet=snippet(raw))


def looks_binary(data: str | bytes) -> bool:
    """True for NUL bytes or a high share of control characters (not text)."""
    sample = data[:4096]
    if isinstance(sample, bytes):
        if b"\x00" in sample:
            return True
        sample = sample.decode("utf-8", errors="replace")
    if "\x00" in sample:
        return True
    if not sample:
        return False
    controls = len(_CONTROL.findall(sample))
    return controls / len(sample) > 0.10


def parse_date_value(value: Any) -> StatedDate | None:
    """A stated date from a field value: ISO day, ISO month, a datetime (its day), or empty/None.

    Raises ``ValueError`` for an impossible or unparseable date.
    """
    if value is None:
        return None
    if hasattr(value, "isoformat") and not isinstance(value, str):
        value = value.isoformat()
    value = str(value).strip()
    if not value:
        return None
    m = _DATETIME_TAIL.match(value)
    if m:
        value = m.group(1)
    return StatedDate.parse(value)


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def build_article(
    ctx: ReadContext, line: int | None, row: Mapping[str, Any], raw: str | bytes, *, default_id: str
) -> Item:
    """Turn one mapping of input fields into an ``Article``, or a ``Reject`` with its reason."""
    text = row.get(ctx.key("text"))
    if text is not None and not isinstance(text, str):
        text = str(text)
    if text is None or not text.strip():
        return reject(ctx, line, "empty_text", raw)
    if looks_binary(text):
        return reject(ctx, line, "binary", raw)
    # A crawl header (" date 2017-01-09 – ") at the start of the text is metadata, not content: it
    # is removed so it never counts as date evidence, and it is the stated date when the record
    # has no date field of its own.
    header, body = split_dated_text(text)
    if header is not None:
        if not body.strip():
            return reject(ctx, line, "empty_text", raw)
        text = body
    try:
        stated = parse_date_value(row.get(ctx.key("date")))
        if stated is None and header is not None:
            stated = StatedDate.parse(header)
    except ValueError:
        return reject(ctx, line, "impossible_date", raw)
    ident = _opt_str(row.get(ctx.key("id"))) or default_id
    return Article(
        id=ident,
        text=text,
        stated_date=stated,
        title=_opt_str(row.get(ctx.key("title"))),
        url=_opt_str(row.get(ctx.key("url"))),
        source=_opt_str(row.get(ctx.key("source"))),
        origin=Origin(ctx.display_path, line),
    )


def provenance_id(ctx: ReadContext, number: int | None) -> str:
    """An id from provenance only: ``rel/path.jsonl:12``, or ``rel/path.txt`` for a one-record file."""
    return ctx.rel_path if number is None else f"{ctx.rel_path}:{number}"


def strict_message(item: Reject) -> str:
    """The message ``--strict`` stops with: file, line, reason and the fix."""
    where = f"{item.file}:{item.line}" if item.line is not None else item.file
    hint = REJECT_HINTS.get(item.reason, "fix or remove the record")
    return f"{where}: {item.reason}: {hint} (record starts {item.snippet[:60]!r})"


def raise_on_reject(items: Iterator[Item]) -> Iterator[Item]:
    """Re-raise the first reject as an ``InputFormatError`` (the ``--strict`` mode)."""
    for item in items:
        if isinstance(item, Reject):
            raise InputFormatError(strict_message(item))
        yield item
