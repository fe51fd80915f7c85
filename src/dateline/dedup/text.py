"""Text normalization and boilerplate stripping before shingling.

Boilerplate is found by repetition, not by a word list: a line that recurs in several records of
one source (navigation, "related stories", copyright lines), or a short line that recurs across many
records of the whole batch, carries no information about the story and creates false matches.
The stated-date header of the crawl format (`` date YYYY-MM-DD -``) is removed too, because story
grouping never uses stated dates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import xxhash

__all__ = [
    "boilerplate_lines", "clean_text", "fast_source_key", "fold_accents", "line_key", "source_hashes", "source_key",
    "split_lines", "with_title",
]  # fmt: skip

_HEADER = re.compile(r"^\s*date \d{4}-\d{2}(?:-\d{2})?(?:\s*[-\u2013\u2014]\s+|\s+)")
_PUNCT = {
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
# combining marks (U+0300-U+036F) after a Latin letter, once NFKD has split them off it
_LATIN_MARKS = re.compile(r"(?<=[A-Za-z])[\u0300-\u036f]+")
# Latin letters that NFKD leaves whole
_LATIN_LETTERS = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE",
                  "œ": "oe", "Œ": "OE"}


def _replacer(table: dict[str, str]) -> Callable[[str], str]:
    """A function that replaces each character of ``table`` in a text by its value: a regular expression over
    the few characters, about ten times faster than ``str.translate`` with a dict on a page of mostly other
    characters."""
    pattern = re.compile("[" + "".join(re.escape(ch) for ch in table) + "]")
    return lambda text: pattern.sub(lambda m: table[m.group()], text)


_fold_punct = _replacer(_PUNCT)
_fold_letters = _replacer(_LATIN_LETTERS)
_LINE_SPLIT = re.compile(r"\n|\r\n?|\s\|\s")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Drop the stated-date header and fold typographic punctuation to ASCII.

    >>> clean_text(" date 2017-01-09 \u2013 ISIL\u2019s raid")
    "ISIL's raid"
    """
    text = _HEADER.sub("", text, count=1) if text[:40].lstrip().startswith("date ") else text
    return text if text.isascii() else _fold_punct(text)


def fold_accents(text: str) -> str:
    """Latin letters without their diacritics, and compatibility forms (ligatures, full-width letters and
    digits) as their plain letters; other scripts as they are (NFKC).

    >>> fold_accents("Mbappé and Szczęsny at the Bernabéu; Łódź, Øresund, Straße, ﬁnal")
    'Mbappe and Szczesny at the Bernabeu; Lodz, Oresund, Strasse, final'
    >>> fold_accents("Зеленский, 東京")
    'Зеленский, 東京'
    """
    if text.isascii():
        return text
    return _fold_letters(unicodedata.normalize("NFC", _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text))))


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


_CRAWL_SALT = 0x6A09E667F3BCC909
_MASK64 = (1 << 64) - 1


def _source_salt(source: str) -> int:
    return xxhash.xxh3_64_intdigest(source.encode("utf-8", "surrogatepass")) if source else 0


def source_hashes(sources: Sequence[str]) -> Any:
    """uint64 key of each record's source (``source_key``); 0 where it has none."""
    import numpy as np

    salts = {s: _source_salt(s) for s in set(sources)}
    return np.array([salts[s] for s in sources], dtype=np.uint64)


def boilerplate_lines(
    buf: Any,
    offsets: Any,
    sources: Sequence[str],
    *,
    min_docs: int = 3,
    crawl_min_docs: int = 20,
    max_chars: int = 200,
    prior: Callable[[Any], Any] | None = None,
) -> tuple[Any, Any]:
    """Find and blank (in ``buf``, in place) the boilerplate lines of a packed batch.

    A line is boilerplate when it recurs in ``min_docs`` records of one (non-empty) source, or, if at
    most ``max_chars`` long, in ``crawl_min_docs`` records of the batch plus ``prior`` (a function
    from uint64 line keys to their stored record counts). A record whose every line is boilerplate
    is left whole.

    Returns:
        ``(keys, counts)``: uint64 line keys of this batch and the number of its records holding each,
        for storing as the prior of later batches.
    """
    import numpy as np

    from dateline.dedup.kernels import blank_ranges, line_hashes, line_key_counts

    hs, ds, st, en, ch = line_hashes(buf, offsets)
    doc_salt = source_hashes(sources)
    has_src = np.array([bool(s) for s in sources], dtype=bool)
    uniq, counts, entry_u, entry_line, entry_crawl = line_key_counts(
        hs, ds, ch, doc_salt, has_src, max_chars, np.uint64(_CRAWL_SALT)
    )
    if uniq.shape[0] == 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    order = np.argsort(uniq)
    ukeys, ucounts = uniq[order], counts[order]
    total = ucounts if prior is None else ucounts + prior(ukeys)
    total_by_u = np.empty_like(total)
    total_by_u[order] = total
    need = np.where(entry_crawl, crawl_min_docs, min_docs)
    bad_line = np.zeros(hs.shape[0], dtype=bool)
    bad_line[entry_line[total_by_u[entry_u] >= need]] = True
    if bad_line.any():
        # keep records whose every line would go
        n_lines = np.bincount(ds, minlength=offsets.shape[0] - 1)
        n_bad = np.bincount(ds[bad_line], minlength=offsets.shape[0] - 1)
        all_bad = n_bad >= n_lines
        bad_line &= ~all_bad[ds]
        blank_ranges(buf, st[bad_line], en[bad_line])
    return ukeys, ucounts.astype(np.int64)


def with_title(text: str, title: str | None, *, fold: bool = False) -> str:
    """Internal helper: the cleaned text with its title first (unless the text already opens with it);
    ``fold``: with ``fold_accents`` applied."""
    body = clean_text(text)
    if title and title.strip() and title.strip()[:40] not in body[:400]:
        body = (title if title.isascii() else _fold_punct(title)) + "\n" + body
    return fold_accents(body) if fold else body


_HOST = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//(?:[^@/]*@)?([^/:?#]+)")


def fast_source_key(source: str | None, url: str | None) -> str:
    """Like ``source_key`` with a regex instead of urlsplit (the hot path)."""
    if source:
        return source.strip().lower()
    if url:
        m = _HOST.match(url)
        host = m.group(1).lower() if m else ""
        return host.removeprefix("www.")
    return ""
