"""Read inputs of any supported format as one stream of ``Article`` and ``Reject`` items.

The format comes from the suffix (``.txt`` dated text, ``.jsonl``/``.ndjson``, ``.csv``,
``.parquet``, ``.warc``/``.warc.gz``, ``.html``/``.htm``); ``input_format`` overrides it. A folder
is read file by file in sorted order (recursively), and ids derived from provenance use the path
relative to the folder. Duplicate ids within one read are rejected as ``duplicate_id``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from dateline.errors import UNKNOWN_FORMAT, InputFormatError
from dateline.io.base import FIELDS, Item, ReadContext, raise_on_reject, split_dated_text
from dateline.io.formats import read_csv, read_dated_text, read_jsonl, read_parquet
from dateline.records import Article, Origin, Reject, StatedDate

Reader = Callable[[Path, ReadContext], Iterator[Item]]

FORMATS = ("text", "jsonl", "csv", "parquet", "warc", "html")
_SUFFIXES = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".html": "html",
    ".htm": "html",
}


def _reader(fmt: str) -> Reader:
    if fmt == "text":
        return read_dated_text
    if fmt == "jsonl":
        return read_jsonl
    if fmt == "csv":
        return read_csv
    if fmt == "parquet":
        return read_parquet
    from dateline.io import warc  # optional dependencies load only when needed

    return warc.read_warc if fmt == "warc" else warc.read_html


def detect_format(path: Path) -> str | None:
    """The format named by ``path``'s suffix, or None when the suffix is unknown.

    >>> detect_format(Path("crawl/part-1.warc.gz"))
    'warc'
    """
    name = path.name.lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return _SUFFIXES[suffix]
    return None


def field_map(renames: Mapping[str, str] | None) -> dict[str, str]:
    """Output field -> input field, from ``--field date=published`` style renames."""
    mapping = {f: f for f in FIELDS}
    for key, value in (renames or {}).items():
        if key not in FIELDS:
            raise InputFormatError(
                f"--field {key}={value}: unknown field {key!r}; the fields are: {', '.join(FIELDS)}"
            )
        mapping[key] = value
    return mapping


def iter_input_files(paths: Iterable[str | Path], input_format: str | None = None) -> Iterator[tuple[Path, str, str]]:
    """Expand inputs to ``(file, display_path, rel_path)`` in sorted order.

    A folder contributes every file with a known suffix (or every file when ``input_format`` is
    given); a file given directly must exist.
    """
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                if input_format is None and detect_format(path) is None:
                    continue
                if path.name.startswith("."):
                    continue
                rel = path.relative_to(root).as_posix()
                yield path, str(Path(given) / rel), rel
        elif root.is_file():
            yield root, str(given), root.name
        else:
            raise InputFormatError(f"{given}: no such file or folder; check the path")


def read_records(
    paths: Iterable[str | Path],
    *,
    input_format: str | None = None,
    fields: Mapping[str, str] | None = None,
    max_record_bytes: int = 5_000_000,
    strict: bool = False,
) -> Iterator[Item]:
    """Stream every record of ``paths`` as ``Article`` or ``Reject``, in input order.

    Args:
        paths: files or folders.
        input_format: one of ``FORMATS`` to override suffix detection.
        fields: renames such as ``{"date": "published"}``.
        max_record_bytes: larger records are rejected as ``too_large``.
        strict: raise ``InputFormatError`` at the first bad record instead of yielding a ``Reject``.

    Returns:
        An iterator; nothing is read until it is consumed.
    """
    if input_format is not None and input_format not in FORMATS:
        raise InputFormatError(f"--input-format {input_format!r}: must be one of {', '.join(FORMATS)}")
    mapping = field_map(fields)
    items = _read_all(paths, input_format, mapping, max_record_bytes)
    return raise_on_reject(items) if strict else items


def _read_all(
    paths: Iterable[str | Path], input_format: str | None, mapping: dict[str, str], max_record_bytes: int
) -> Iterator[Item]:
    seen: set[str] = set()
    for path, display, rel in iter_input_files(paths, input_format):
        fmt = input_format or detect_format(path)
        if fmt is None:
            suffix = "".join(path.suffixes) or path.name
            raise InputFormatError(UNKNOWN_FORMAT.format(path=display, suffix=suffix, choices=", ".join(FORMATS)))
        ctx = ReadContext(display_path=display, rel_path=rel, field_map=mapping, max_record_bytes=max_record_bytes)
        for item in _reader(fmt)(path, ctx):
            if isinstance(item, Article):
                if item.id in seen:
                    line = item.origin.line if item.origin else None
                    yield Reject(display, line, "duplicate_id", item.id)
                    continue
                seen.add(item.id)
            yield item


def read_single_article(source: str | Path, stated: str | None = None, *, article_id: str | None = None) -> Article:
    """One article from a dated-text file or ``-`` (stdin), for ``check`` and ``match``.

    ``stated`` (``--date``) wins over a ``date ...`` header in the text. Raises
    ``InputFormatError`` for an unreadable file, bad UTF-8, an impossible date or empty text.
    """
    name = str(source)
    if name == "-":
        raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    else:
        try:
            raw = Path(source).read_bytes()
        except OSError as exc:
            raise InputFormatError(f"{name}: cannot read the file ({exc.strerror}); check the path") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFormatError(f"{name}: not UTF-8 at byte {exc.start}; re-encode the file as UTF-8") from exc
    return article_from_text(text, stated, article_id=article_id or (Path(name).name if name != "-" else "stdin"),
                             origin_file=name)


def article_from_text(
    text: str, stated: str | None = None, *, article_id: str = "pasted", origin_file: str = "-"
) -> Article:
    """An ``Article`` from raw text with an optional ``date ...`` header; ``stated`` wins over the header."""
    raw_date, body = split_dated_text(text)
    value = stated if stated else raw_date
    try:
        stated_date = StatedDate.parse(value) if value else None
    except ValueError as exc:
        raise InputFormatError(
            f"{origin_file}: impossible stated date {value!r}; give a real day as YYYY-MM-DD or a month as YYYY-MM"
        ) from exc
    body = body.strip()
    if not body:
        raise InputFormatError(f"{origin_file}: the article has no text; paste or give the article body")
    return Article(id=article_id, text=body, stated_date=stated_date, origin=Origin(origin_file, None))

