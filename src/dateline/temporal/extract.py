"""Extraction: find temporal expressions in text and give each a form and a value.

``extract_timexes`` runs every rule of ``patterns.py`` over the text, keeps the longest
non-overlapping matches, reads each as a form (see ``normalize.py``), then walks them in text
order to resolve anaphoric ones ("the next day") against the last date mentioned.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import pyarrow as pa

from dateline.records import ARTICLE_SCHEMA, Article, Timex
from dateline.temporal import patterns as P
from dateline.temporal.config import DEFAULT_TEMPORAL, TemporalConfig
from dateline.temporal.normalize import form_is_relative, form_tense, parse_value, resolve_form
from dateline.temporal.rules import ANCHOR_DAY, HANDLERS, REF, Cand

__all__ = [
    "extract_timexes",
    "is_anchor_relative",
    "iter_timexes",
    "reresolve",
    "timex_tense",
    "timexes_batch",
]

log = logging.getLogger(__name__)

TIMEX_LIST_TYPE = ARTICLE_SCHEMA.field("timexes").type
_DUMMY = date(2000, 6, 15)
_FAR_PAST, _FAR_FUTURE = date(1800, 3, 1), date(2200, 9, 1)

_RULES = [(i, name, rx, HANDLERS[name]) for i, (name, rx) in enumerate(P.COMPILED)]


def _key_rules() -> tuple[dict[str, tuple[int, ...]], list[tuple[re.Pattern[str], int]]]:
    words: dict[str, list[int]] = {}
    pats: list[tuple[re.Pattern[str], int]] = []
    for i, (name, _) in enumerate(P.COMPILED):
        keys = P.KEYS[name]
        if isinstance(keys, re.Pattern):
            pats.append((keys, i))
        else:
            for k in keys:
                words.setdefault(k, []).append(i)
    return {k: tuple(v) for k, v in words.items()}, pats


_KEY_WORDS, _KEY_PATTERNS = _key_rules()


@lru_cache(maxsize=200_000)
def _rules_for(token: str) -> tuple[int, ...]:
    """Indices of the rules whose key is ``token``."""
    found = list(_KEY_WORDS.get(token, ()))
    if token[0].isdigit():
        found += [i for rx, i in _KEY_PATTERNS if rx.fullmatch(token)]
    return tuple(found)


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _candidates(text: str, cfg: TemporalConfig) -> list[Cand]:
    """Every rule's readings, tried only where one of its key tokens occurs; longest first, no overlaps."""
    low = _lower_same_length(text)
    n = len(text)
    toks = P.TOKEN.findall(low)
    hits: dict[int, list[int]] = {}
    for j, tok in enumerate(toks):
        for i in _rules_for(tok):
            hits.setdefault(i, []).append(j)
    if not hits:
        return []
    # character offsets of the tokens that are keys (found in order from a running cursor)
    needed = sorted({j for js in hits.values() for j in js})
    starts: dict[int, int] = {}
    cursor = 0
    nxt = 0
    for j, tok in enumerate(toks):
        cursor = low.find(tok, cursor)
        if j == needed[nxt]:
            starts[j] = cursor
            nxt += 1
            if nxt == len(needed):
                break
        cursor += len(tok)
    found: dict[Cand, tuple[int, int]] = {}
    for i, js in hits.items():
        _, name, rx, handler = _RULES[i]
        window = P.SEARCH_RULES.get(name)
        reach = min(P.KEY_REACH, 12 * P.RULE_BEFORE.get(name, P.KEY_BEFORE) + 2)
        prev_ok = P.PREV_TOKEN.get(name)
        capital = name in P.CAPITALIZED
        last_end = 0  # keys inside this rule's previous match are already covered by it
        for j in js:
            key_start = starts[j]
            if key_start < last_end:
                continue
            if capital and not text[key_start].isupper():
                continue
            if prev_ok is not None and (
                j == 0 or (toks[j - 1] not in prev_ok and not toks[j - 1][0].isdigit())
            ):
                continue
            m = None
            if window is not None:
                for mm in rx.finditer(text, max(0, key_start - window), min(n, key_start + 20)):
                    if mm.start() <= key_start < mm.end():
                        m = mm
                        break
            else:
                # the leftmost match that covers the key, searched just before and after it
                hi = min(n, key_start + len(toks[j]) + P.KEY_AFTER)
                pos = max(0, key_start - reach, last_end)
                while pos <= key_start:
                    m = rx.search(text, pos, hi)
                    if m is None or m.start() > key_start:
                        m = None
                        break
                    if m.end() > key_start:
                        break
                    pos = max(m.end(), pos + 1)
                else:
                    m = None
                if m is not None and m.end() == hi and hi != n:
                    m = None  # cut by the search window (longer than any expression)
            if m is None:
                continue
            last_end = m.end()
            try:
                cand = handler(m, text, cfg)
            except (ValueError, KeyError, AttributeError, IndexError, OverflowError):
                log.debug("rule %s failed on %r", name, m.group(0), exc_info=True)
                continue
            if cand is None:
                continue
            s0, e0 = cand[0], cand[1]
            while s0 < e0 and text[s0].isspace():
                s0 += 1
            while e0 > s0 and text[e0 - 1].isspace():
                e0 -= 1
            if e0 <= s0 or s0 < 0 or e0 > len(text):
                continue
            if (s0, e0) != (cand[0], cand[1]):
                cand = (s0, e0, *cand[2:])
            found[cand] = (cand[0] - cand[1], i)
    ranked = sorted(found.items(), key=lambda kv: (kv[1][0], kv[1][1], kv[0][0]))
    taken = bytearray(len(text) + 1)
    out = []
    for cand, _ in ranked:
        s, e = cand[0], cand[1]
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append(cand)
    out.sort(key=lambda c: c[0])
    return out


def _gran(form: str) -> str | None:
    """Granularity of the form's value (the same for any anchor), or None if it is not a date."""
    value = resolve_form(form, _DUMMY)
    parsed = parse_value(value)
    return parsed[0] if parsed else None


def extract_timexes(
    text: str, anchor: date | None, *, config: TemporalConfig = DEFAULT_TEMPORAL
) -> list[Timex]:
    """Find the temporal expressions in ``text`` and normalize them against ``anchor``.

    Args:
        text: any string (it may be empty or not prose at all).
        anchor: the day relative expressions are resolved against (the document creation time,
            usually the article's stated date), or None to keep relative values underspecified.
        config: which types to keep and how to read ambiguous numbers.

    Returns:
        The timexes in text order, without overlaps; ``start``/``end`` are character offsets
        into ``text`` and ``form`` lets ``reresolve`` recompute the value for another anchor.

    >>> [(t.text, t.value) for t in extract_timexes("U.S. officials said Monday.", date(2017, 1, 9))]
    [('Monday', '2017-01-09')]
    """
    if not text:
        return []
    if config.max_text_chars and len(text) > config.max_text_chars:
        text = text[: config.max_text_chars]
    anchor = _as_day(anchor)
    anchor_iso = anchor.isoformat() if anchor else None
    ref = ANCHOR_DAY
    ref_q: str | None = None
    ref_d = ANCHOR_DAY
    out: list[Timex] = []
    for start, end, typ, form, mod in _candidates(text, config):
        if "{refQ}" in form:
            form = form.replace("{refQ}", ref_q or "sh:-1:Q:Q")
        if "{refQY}" in form:
            form = form.replace("{refQY}", ref_q or "sh:0:Y:Y")
        if "{refD}" in form:
            form = form.replace("{refD}", ref_d if config.track_reference else ANCHOR_DAY)
        if REF in form:
            form = form.replace(REF, ref if config.track_reference else ANCHOR_DAY)
        if form.startswith("=") and "|" in form:
            form = form.replace("|", "", 1)  # an absolute day and a clock time: =2010-10-13T20:58
        # "a year earlier" compares with the reference time: it does not move it
        comparison = bool(re.match(r"off:-?\d+:Y>", form))
        if form.startswith("off:") and ">=" in form:
            # counted from an absolute date ("the following year" after "2012"): absolute itself
            v1, v2 = resolve_form(form, _FAR_PAST), resolve_form(form, _FAR_FUTURE)
            if v1 == v2:
                form = "=" + v1
        if typ in ("DATE", "TIME") and not form.startswith("=X"):
            gran = _gran(form)
            if gran is not None and not comparison:
                ref = form.split("|")[0] if typ == "TIME" else form
                if gran == "Q":
                    ref_q = form
                if gran == "D":
                    ref_d = ref
        if typ not in config.types:
            continue
        value = resolve_form(form, anchor)
        out.append(Timex(start, end, text[start:end], typ, value, anchor_iso, mod, form))
    return out


def _as_day(anchor: date | None) -> date | None:
    """A ``datetime`` anchor counts as its day."""
    if isinstance(anchor, datetime):
        return anchor.date()
    return anchor


def reresolve(timex: Timex, anchor: date | None) -> Timex:
    """The same timex resolved against another anchor (no matching is redone).

    >>> t = extract_timexes("said Monday", date(2017, 1, 9))[0]
    >>> reresolve(t, date(2015, 3, 20)).value
    '2015-03-16'
    """
    anchor = _as_day(anchor)
    if not timex.form:
        return Timex(
            timex.start, timex.end, timex.text, timex.type, timex.value, timex.anchor, timex.mod, timex.form
        )
    return Timex(
        timex.start, timex.end, timex.text, timex.type, resolve_form(timex.form, anchor),
        anchor.isoformat() if anchor else None, timex.mod, timex.form,
    )  # fmt: skip


def is_anchor_relative(timex: Timex) -> bool:
    """Whether the timex's value depends on the anchor it was resolved against."""
    return form_is_relative(timex.form)


def timex_tense(timex: Timex) -> str | None:
    """``past``, ``future`` or None: the tense used to place a year-less date, month or weekday."""
    return form_tense(timex.form)


def iter_timexes(
    articles: Iterable[Article], *, config: TemporalConfig = DEFAULT_TEMPORAL
) -> Iterator[tuple[str, list[Timex]]]:
    """Yield ``(article_id, timexes)`` for each article, resolved against its stated date's anchor."""
    for article in articles:
        yield article.id, extract_timexes(article.text or "", article.anchor, config=config)


def _anchor_of(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    from dateline.records import parse_stated_date

    try:
        sd = parse_stated_date(str(value))
    except ValueError:
        return None
    return sd.anchor() if sd else None


def timexes_batch(batch: pa.RecordBatch, config: TemporalConfig = DEFAULT_TEMPORAL) -> pa.RecordBatch:
    """Arrow adapter: add a ``timexes`` column (list of {start, end, text, type, value, anchor}).

    Reads ``text`` and ``stated_date`` (ISO string, date32 or null); other columns pass through.
    """
    texts = batch.column("text").to_pylist()
    stated = (
        batch.column("stated_date").to_pylist()
        if "stated_date" in batch.schema.names
        else [None] * len(texts)
    )
    rows = [
        [t.to_json() for t in extract_timexes(text or "", _anchor_of(sd), config=config)]
        for text, sd in zip(texts, stated, strict=True)
    ]
    column = pa.array(rows, type=TIMEX_LIST_TYPE)
    names = [n for n in batch.schema.names if n != "timexes"]
    arrays = [batch.column(n) for n in names]
    return pa.RecordBatch.from_arrays([*arrays, column], names=[*names, "timexes"])
