"""Text normalization and boilerplate stripping before shingling.

Boilerplate is found by repetition, not by a word list: a line that recurs in several records of
one source (navigation, "related stories", copyright lines), or a short line that recurs across many
records of the whole batch, carries no information about the story and creates false matches.
The stated-date header of the crawl format (`` date YYYY-MM-DD -``) is removed too, because story
grouping never uses stated dates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

import xxhash

__all__ = ["clean_text", "line_key", "find_boilerplate", "strip_boilerplate", "source_key", "split_lines"]

_HEADER = re.compile(r"^\s*date \d{4}-\d{2}(?:-\d{2})?(?:\s*[-\u2013\u2014]\s+|\s+)")
_PUNCT = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u200b": "",
        "\u00ad": "",
        "\u2026": "...",
    }
)
_LINE_SPLIT = re.compile(r"\n|\r\n?|\s\|\s")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Drop the stated-date header and fold typographic punctuation to ASCII.

    >>> clean_text(" date 2017-01-09 \u2013 ISIL\u2019s raid")
    "ISIL's raid"
    """
    return _HEADER.sub("", text, count=1).translate(_PUNCT)


def split_lines(text: str) -> list[str]:
    """Split a text into its lines (newlines, or `` | `` separators of flattened pages)."""
    return _LINE_SPLIT.split(text)


def line_key(line: str) -> int:
    """A 64-bit key of a line, insensitive to case, spacing and digits-free punctuation changes."""
    norm = _SPACES.sub(" ", line.strip().lower())
    return xxhash.xxh3_64_intdigest(norm.encode("utf-8", "surrogatepass")) if norm else 0


def source_key(source: str | None, url: str | None) -> str:
    """The site a record comes from: its ``source`` field, else the host of its URL, else ``""``."""
    if source:
        return source.strip().lower()
    if url:
        try:
            host = urlsplit(url if "//" in url else "//" + url).hostname or ""
        except ValueError:
            host = ""
        return host.removeprefix("www.")
    return ""


def find_boilerplate(
    records: Iterable[tuple[str, str]],
    *,
    min_docs: int = 3,
    crawl_min_docs: int = 20,
    max_chars: int = 200,
    prior: dict[tuple[str, int], int] | None = None,
) -> tuple[set[tuple[str, int]], Counter[tuple[str, int]]]:
    """Find repeated lines.

    Args:
        records: ``(source_key, cleaned_text)`` per record.
        min_docs: a line in this many records of one (non-empty) source is boilerplate.
        crawl_min_docs: a line of at most ``max_chars`` characters in this many records of the batch is boilerplate.
        max_chars: longest line the crawl-wide rule may strip (long paragraphs repeat because of copies).
        prior: counts from earlier batches (the store), keyed like the returned counter.

    Returns:
        The set of boilerplate keys and the counts of this batch. Keys are ``(source, line_key)``; the
        crawl-wide counts use the source ``"*"``.
    """
    counts: Counter[tuple[str, int]] = Counter()
    for source, text in records:
        seen: set[tuple[str, int]] = set()
        for line in split_lines(text):
            k = line_key(line)
            if not k:
                continue
            if source:
                seen.add((source, k))
            if len(line.strip()) <= max_chars:
                seen.add(("*", k))
        counts.update(seen)
    total = Counter(counts)
    if prior:
        total.update(prior)
    bad = {key for key, n in total.items() if n >= (crawl_min_docs if key[0] == "*" else min_docs)}
    return bad, counts


def strip_boilerplate(text: str, source: str, boilerplate: set[tuple[str, int]]) -> str:
    """Remove the boilerplate lines of ``text``; keep the text whole if nothing would be left."""
    if not boilerplate:
        return text
    kept = []
    for line in split_lines(text):
        k = line_key(line)
        if k and ((source, k) in boilerplate or ("*", k) in boilerplate):
            continue
        kept.append(line)
    out = "\n".join(kept)
    return out if out.strip() else text


def prepare_texts(
    items: Sequence[tuple[str, str | None, str | None, str | None]],
    boilerplate: set[tuple[str, int]],
) -> list[str]:
    """Internal helper: ``(text, title, source, url)`` -> cleaned text with the title first, boilerplate removed."""
    out = []
    for text, title, source, url in items:
        body = strip_boilerplate(clean_text(text), source_key(source, url), boilerplate)
        if title and title.strip() and title.strip()[:40] not in body[:400]:
            body = title.translate(_PUNCT) + "\n" + body
        out.append(body)
    return out
