"""Readers for the text formats: dated text (.txt), JSONL, CSV and Parquet.

Each ``read_*`` takes an open input (path plus a ``ReadContext``) and yields ``Article`` or
``Reject`` items in input order. Line numbers are 1-based: the line of a JSONL record, the first
physical line of a CSV row, the row number of a Parquet row.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from dateline.io.base import (
    Item,
    ReadContext,
    build_article,
    looks_binary,
    provenance_id,
    reject,
    split_dated_text,
)
from dateline.records import Article, Origin, StatedDate


def parse_dated_text(text: str) -> tuple[StatedDate | None, str]:
    """Header date (validated; ``ValueError`` when impossible) and body of a dated-text record."""
    raw, body = split_dated_text(text)
    return (StatedDate.parse(raw) if raw is not None else None), body


def read_dated_text(path: Path, ctx: ReadContext) -> Iterator[Item]:
    """One record per file: an optional ``date ...`` header, then the text (many lines allowed)."""
    try:
        size = path.stat().st_size
        if size > ctx.max_record_bytes:
            with path.open("rb") as fh:
                head = fh.read(200)
            yield reject(ctx, None, "too_large", head)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield reject(ctx, None, "unreadable", str(exc))
        return
    if looks_binary(data):
        yield reject(ctx, None, "binary", data)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield reject(ctx, None, "invalid_utf8", data)
        return
    try:
        stated, body = parse_dated_text(text)
    except ValueError:
        yield reject(ctx, None, "impossible_date", text)
        return
    body = body.strip()
    if not body:
        yield reject(ctx, None, "empty_text", text)
        return
    yield Article(
        id=provenance_id(ctx, None),
        text=body,
        stated_date=stated,
        origin=Origin(ctx.display_path, None),
    )


def read_jsonl(path: Path, ctx: ReadContext) -> Iterator[Item]:
    """One JSON object per line. Blank lines are not records."""
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            if len(raw) > ctx.max_record_bytes:
                yield reject(ctx, lineno, "too_large", raw)
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield reject(ctx, lineno, "invalid_utf8", raw)
                continue
            if "\x00" in line:
                yield reject(ctx, lineno, "binary", raw)
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                yield reject(ctx, lineno, "malformed_json", line)
                continue
            if not isinstance(row, dict):
                yield reject(ctx, lineno, "malformed_json", line)
                continue
            yield build_article(ctx, lineno, row, line, default_id=provenance_id(ctx, lineno))


def read_csv(path: Path, ctx: ReadContext) -> Iterator[Item]:
    """CSV with a header row. Undecodable bytes reject only the row that holds them."""
    csv.field_size_limit(max(ctx.max_record_bytes * 2, 1 << 20))
    with path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reject(ctx, 1, "malformed_csv", str(exc))
            return
        ncols = len(header)
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield reject(ctx, start, "malformed_csv", str(exc))
                continue
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            raw = ",".join(row)
            if any(_has_surrogates(cell) for cell in row):
                yield reject(ctx, start, "invalid_utf8", raw.encode("utf-8", "surrogateescape"))
                continue
            if len(raw.encode("utf-8")) > ctx.max_record_bytes:
                yield reject(ctx, start, "too_large", raw)
                continue
            if len(row) != ncols:
                yield reject(ctx, start, "malformed_csv", raw)
                continue
            record = dict(zip(header, row, strict=True))
            yield build_article(ctx, start, record, raw, default_id=provenance_id(ctx, start))


def _has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_parquet(path: Path, ctx: ReadContext, *, batch_size: int = 4096) -> Iterator[Item]:
    """One record per row, streamed by batches; only the mapped columns are read."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a corrupt file
        yield reject(ctx, None, "unreadable", f"{type(exc).__name__}: {exc}")
        return
    wanted = {ctx.key(f) for f in ("id", "date", "text", "title", "url", "source")}
    columns = [name for name in pf.schema_arrow.names if name in wanted]
    rowno = 0
    for batch in pf.iter_batches(batch_size=batch_size, columns=columns):
        for row in batch.to_pylist():
            rowno += 1
            raw = json.dumps(row, default=str, ensure_ascii=False)
            text = row.get(ctx.key("text"))
            if isinstance(text, str) and len(text.encode("utf-8")) > ctx.max_record_bytes:
                yield reject(ctx, rowno, "too_large", raw)
                continue
            yield build_article(ctx, rowno, row, raw, default_id=provenance_id(ctx, rowno))

