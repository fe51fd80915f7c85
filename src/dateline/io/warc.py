"""WARC and HTML readers: one record per HTML response, text from trafilatura.

htmldate's findings are kept as ``html_date_signals`` evidence and are not trusted as truth: the
stated date is whatever the user maps with ``--field date=...`` (``htmldate`` maps htmldate's
original-date guess, ``warc_date`` maps the capture date), and none by default.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dateline._deps import require
from dateline.io.base import Item, ReadContext, build_article, looks_binary, provenance_id, reject
from dateline.records import Article

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _libs() -> tuple[Any, Any]:
    trafilatura = require("trafilatura", extra="warc", feature="Reading HTML and WARC")
    htmldate = require("htmldate", extra="warc", feature="Reading HTML and WARC")
    return trafilatura, htmldate


def html_to_row(html: str, url: str | None, trafilatura: Any, htmldate: Any) -> dict[str, Any]:
    """Extract text, title and date signals from one HTML page."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, favor_recall=True)
    text = title = None
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        text = data.get("text")
        title = data.get("title")
    signals: list[dict[str, Any]] = []
    for original, kind in ((True, "html_original"), (False, "html_updated")):
        try:
            found = htmldate.find_date(html, url=url, original_date=original, extensive_search=True)
        except Exception as exc:  # htmldate can fail on pathological markup; the text is still usable
            log.debug("htmldate failed on %s: %s", url, exc)
            found = None
        if found:
            signals.append({"kind": kind, "value": found, "source": "htmldate"})
    row: dict[str, Any] = {"text": text, "title": title, "url": url}
    row["htmldate"] = signals[0]["value"] if signals else None
    row["_signals"] = signals
    return row


def _finish(ctx: ReadContext, number: int, row: dict[str, Any], raw: str) -> Item:
    item = build_article(ctx, number, row, raw, default_id=provenance_id(ctx, number))
    if isinstance(item, Article):
        item.html_date_signals = row.get("_signals") or None
    return item


def read_html(path: Path, ctx: ReadContext) -> Iterator[Item]:
    """One record per .html file."""
    trafilatura, htmldate = _libs()
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield reject(ctx, None, "unreadable", str(exc))
        return
    if len(data) > ctx.max_record_bytes:
        yield reject(ctx, 1, "too_large", data)
        return
    if looks_binary(data):
        yield reject(ctx, 1, "binary", data)
        return
    try:
        html = data.decode("utf-8")
    except UnicodeDecodeError:
        yield reject(ctx, 1, "invalid_utf8", data)
        return
    row = html_to_row(html, None, trafilatura, htmldate)
    yield _finish(ctx, 1, row, html)


def read_warc(path: Path, ctx: ReadContext) -> Iterator[Item]:
    """Each WARC ``response`` record is one input record, numbered from 1 in file order.

    A response that is not HTML is rejected as ``not_html`` so that no record goes uncounted.
    """
    warcio = require("warcio.archiveiterator", extra="warc", feature="Reading WARC", package="warcio")
    trafilatura, htmldate = _libs()
    number = 0
    with path.open("rb") as fh:
        try:
            for record in warcio.ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                number += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                warc_date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                payload = record.content_stream().read(ctx.max_record_bytes + 1)
                if len(payload) > ctx.max_record_bytes:
                    yield reject(ctx, number, "too_large", payload)
                    continue
                if not any(t in ctype.lower() for t in _HTML_TYPES):
                    yield reject(ctx, number, "not_html", f"{url} {ctype}")
                    continue
                html = payload.decode(_charset(ctype), errors="replace")
                row = html_to_row(html, url, trafilatura, htmldate)
                row["warc_date"] = warc_date
                yield _finish(ctx, number, row, html)
        except Exception as exc:  # warcio raises on truncated or corrupt archives
            yield reject(ctx, number + 1, "unreadable", f"{type(exc).__name__}: {exc}")


def _charset(content_type: str) -> str:
    for part in content_type.split(";"):
        part = part.strip().lower()
        if part.startswith("charset="):
            name = part.split("=", 1)[1].strip("\"' ")
            try:
                "".encode(name)
            except LookupError:
                return "utf-8"
            return name
    return "utf-8"
