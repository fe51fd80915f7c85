"""Anchor-relative normalization: turn a timex *form* into a TIMEX3 value for a given anchor day.

A form is the tagger's anchor-independent reading of an expression. Resolving it needs no regex
matching, so a timex can be re-resolved cheaply against another anchor (see ``reresolve``).

Grammar (no spaces; ``N`` is a signed integer, ``T`` a tense code)::

    FORM    := BASE ("|" SUFFIX)?
    BASE    := "=" VALUE                 absolute value, never changes: =2015-05, =P2W, =PRESENT_REF
             | "sh:" N ":" U ":" G       the anchor moved by N units U, shown at granularity G
                                           (last year = sh:-1:Y:Y, today = sh:0:D:D, two weeks ago = sh:-2:W:W)
             | "wd:" D ":" T             weekday D (1 = Monday ... 7 = Sunday) without a date
             | "md:" MM "-" DD (":" D)? ":" T
                                         month and day without a year (Jan. 8 = md:01-08:n); with the
                                           weekday D named beside it, years where the day falls on
                                           it win (Sunday, Jan. 8 = md:01-08:7:n)
             | "m:" MM ":" T             month without a year (in August = m:08:n)
             | "s:" SS ":" T             season without a year (SP, SU, FA, WI)
             | "q:" N ":" T              quarter without a year (the third quarter = q:3:n)
             | "hf:" N ":" T             half-year without a year
             | "h:" NAME ":" T           holiday without a year (h:christmas:p)
             | "we:" T                   a weekend near the anchor (the weekend = we:p)
             | "off:" N ":" U (":" G)? ">" FORM
                                         FORM resolved, then moved by N units U, shown at FORM's
                                           granularity or G if coarser (the day before Sunday =
                                           off:-1:D:D>wd:7:p; a year earlier = off:-1:Y>q:3:p)
    U, G    := "C" | "DE" | "Y" | "H" | "Q" | "M" | "W" | "WE" | "D"
    T       := "p" (past tense: a later candidate counts double its distance; weekdays: on or
                 before the anchor) | "P" (strictly before: "last") | "f" (future tense, mirrored)
             | "F" (strictly after: "next") | "n" (no tense: the nearest; weekdays lean to the past)
    SUFFIX  := text appended to the resolved value: "TMO", "T10:30", "-Q3", ...

Without an anchor, relative forms resolve to an underspecified value: ``XXXX-01-08``,
``XXXX-WXX-1``, ``XXXX-08``, or ``PAST_REF`` / ``PRESENT_REF`` / ``FUTURE_REF`` for shifts.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

__all__ = [
    "TENSES",
    "form_is_relative",
    "form_tense",
    "parse_value",
    "resolve_form",
    "shift_date",
]

TENSES = {"p": "past", "P": "past", "f": "future", "F": "future", "n": None}
_GRAN_RANK = {"C": 0, "DE": 1, "Y": 2, "H": 3, "Q": 4, "S": 4, "M": 5, "W": 6, "WE": 6, "D": 7}
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
_FIXED_HOLIDAYS = {
    "newyear": (1, 1),
    "newyeareve": (12, 31),
    "valentine": (2, 14),
    "stpatrick": (3, 17),
    "independence": (7, 4),
    "halloween": (10, 31),
    "veterans": (11, 11),
    "christmas": (12, 25),
    "christmaseve": (12, 24),
    "boxing": (12, 26),
    "mayday": (5, 1),
    "bastille": (7, 14),
}


def shift_date(d: date, n: int, unit: str) -> date:
    """Move ``d`` by ``n`` units (``D``, ``W``, ``WE``, ``M``, ``Q``, ``H``, ``S``, ``Y``, ``DE``, ``C``).

    >>> shift_date(date(2016, 2, 29), 1, "Y")
    datetime.date(2017, 2, 28)
    """
    if unit == "D":
        return _safe_add(d, n)
    if unit in ("W", "WE"):
        return _safe_add(d, 7 * n)
    months = {"M": 1, "Q": 3, "S": 3, "H": 6, "Y": 12, "DE": 120, "C": 1200}.get(unit)
    if months is None:
        raise ValueError(f"unknown unit {unit!r}")
    total = d.year * 12 + d.month - 1 + n * months
    y, m = divmod(total, 12)
    y = min(max(y, 1), 9999)
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _safe_add(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def format_at(d: date, gran: str) -> str:
    """Write the period of granularity ``gran`` that contains ``d`` as a TIMEX3 value."""
    y = d.year
    if gran == "D":
        return f"{y:04d}-{d.month:02d}-{d.day:02d}"
    if gran == "M":
        return f"{y:04d}-{d.month:02d}"
    if gran == "Y":
        return f"{y:04d}"
    if gran in ("W", "WE"):
        iy, iw, _ = d.isocalendar()
        return f"{iy:04d}-W{iw:02d}" + ("-WE" if gran == "WE" else "")
    if gran == "Q":
        return f"{y:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "H":
        return f"{y:04d}-H{(d.month - 1) // 6 + 1}"
    if gran == "DE":
        return f"{y // 10:03d}"
    if gran == "C":
        return f"{y // 100:02d}"
    if gran == "S":
        for code, month in _SEASON_MONTH.items():
            if (d.month - month) % 12 < 3:
                return f"{y:04d}-{code}"
    raise ValueError(f"unknown granularity {gran!r}")


_VALUE_RES = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})"), "D"),
    (re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$"), "W"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "Q"),
    (re.compile(r"^(\d{4})-H([12])$"), "H"),
    (re.compile(r"^(\d{4})-(SP|SU|FA|WI)$"), "S"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "M"),
    (re.compile(r"^(\d{4})$"), "Y"),
    (re.compile(r"^(\d{3})$"), "DE"),
    (re.compile(r"^(\d{2})$"), "C"),
)


def parse_value(value: str) -> tuple[str, date] | None:
    """Read a concrete TIMEX3 date value back: its granularity and its first day (None if not concrete).

    >>> parse_value("2013-Q1")
    ('Q', datetime.date(2013, 1, 1))
    """
    for rx, gran in _VALUE_RES:
        m = rx.match(value)
        if not m:
            continue
        g = m.groups()
        try:
            if gran == "D":
                return gran, date(int(g[0]), int(g[1]), int(g[2]))
            if gran == "W":
                return ("WE" if g[2] else "W"), date.fromisocalendar(int(g[0]), max(1, min(int(g[1]), 52)), 1)
            if gran == "Q":
                return gran, date(int(g[0]), 3 * int(g[1]) - 2, 1)
            if gran == "H":
                return gran, date(int(g[0]), 6 * int(g[1]) - 5, 1)
            if gran == "S":
                return gran, date(int(g[0]), _SEASON_MONTH[g[1]], 1)
            if gran == "M":
                return gran, date(int(g[0]), int(g[1]), 1)
            if gran == "Y":
                return gran, date(max(int(g[0]), 1), 1, 1)
            if gran == "DE":
                return gran, date(max(int(g[0]) * 10, 1), 1, 1)
            return gran, date(max(int(g[0]) * 100, 1), 1, 1)
        except ValueError:
            return None
    return None


def _pick(candidates: list[date], anchor: date, tense: str, *, soft: bool = True, scale: int = 1) -> date:
    """Choose among candidate dates (sorted) by tense relative to ``anchor``.

    ``P``/``F`` are strict (before/after the anchor). ``p``/``f`` prefer the past/future: with
    ``soft`` a candidate on the other side counts double its distance, otherwise it is excluded.
    ``n`` takes the nearest; on a tie, the past one. ``scale`` is the distance unit in days.
    """
    if tense == "P":
        pool = [c for c in candidates if c < anchor]
        return pool[-1] if pool else candidates[0]
    if tense == "F":
        pool = [c for c in candidates if c > anchor]
        return pool[0] if pool else candidates[-1]
    if not soft and tense in ("p", "f"):
        pool = [c for c in candidates if (c <= anchor if tense == "p" else c >= anchor)]
        if pool:
            return pool[-1] if tense == "p" else pool[0]

    def cost(c: date) -> tuple[float, bool]:
        dist = abs((c - anchor).days) / scale
        if (tense == "p" and c > anchor) or (tense == "f" and c < anchor):
            dist *= 2
        return dist, c > anchor

    return min(candidates, key=cost)


def _easter(y: int) -> date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return date(y, month, day + 1)


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) ISO weekday of a month."""
    if n > 0:
        first = date(y, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(y, month, calendar.monthrange(y, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def holiday_date(name: str, y: int) -> date | None:
    """The day of a named holiday in year ``y`` (None for an unknown name)."""
    if name in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[name]
        return date(y, month, day)
    if name == "easter":
        return _easter(y)
    if name == "goodfriday":
        return _easter(y) - timedelta(days=2)
    rules = {
        "thanksgiving": (11, 4, 4),
        "memorial": (5, 1, -1),
        "labor": (9, 1, 1),
        "mlk": (1, 1, 3),
        "presidents": (2, 1, 3),
        "columbus": (10, 1, 2),
        "mothers": (5, 7, 2),
        "fathers": (6, 7, 3),
    }
    if name in rules:
        month, wd, n = rules[name]
        return _nth_weekday(y, month, wd, n)
    return None


def _split(form: str) -> tuple[str, str]:
    base, _, suffix = form.partition("|")
    return base, suffix


def _underspecified(base: str) -> str:
    if base.startswith("="):
        return base[1:]
    kind, _, rest = base.partition(":")
    parts = rest.split(":")
    if kind == "sh":
        n = int(parts[0])
        return "PAST_REF" if n < 0 else "FUTURE_REF" if n > 0 else "PRESENT_REF"
    if kind == "wd":
        return f"XXXX-WXX-{parts[0]}"
    if kind == "md":
        return f"XXXX-{parts[0]}"
    if kind == "m":
        return f"XXXX-{parts[0]}"
    if kind == "s":
        return f"XXXX-{parts[0]}"
    if kind == "q":
        return f"XXXX-Q{parts[0]}"
    if kind == "hf":
        return f"XXXX-H{parts[0]}"
    if kind == "we":
        return "XXXX-WXX-WE"
    if kind == "h":
        fixed = _FIXED_HOLIDAYS.get(parts[0])
        return f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}" if fixed else "XXXX-XX-XX"
    if kind == "off":
        n = int(parts[0])
        inner = base.split(">", 1)[1]
        if n == 0:
            return _underspecified(_split(inner)[0])
        return "PAST_REF" if n < 0 else "FUTURE_REF"
    raise ValueError(f"unknown form {base!r}")


def _resolve_base(base: str, anchor: date) -> str:
    kind, _, rest = base.partition(":")
    if kind == "off":
        head, _, inner = rest.partition(">")
        n_s, unit, *out_g = head.split(":")
        inner_value = resolve_form(inner, anchor)
        parsed = parse_value(inner_value)
        if parsed is None:
            return inner_value
        gran, d = parsed
        if _GRAN_RANK.get(unit, 7) > _GRAN_RANK[gran]:
            # a finer step than the reference (the day after a year): count from the anchor instead
            return format_at(shift_date(anchor, int(n_s), unit), unit if unit != "WE" else "W")
        if out_g and _GRAN_RANK[out_g[0]] < _GRAN_RANK[gran]:
            gran = out_g[0]
        return format_at(shift_date(d, int(n_s), unit), gran)
    parts = rest.split(":")
    if kind == "sh":
        n, unit, gran = int(parts[0]), parts[1], parts[2]
        return format_at(shift_date(anchor, n, unit), gran)
    tense = parts[-1]
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    if kind == "wd":
        wd = int(parts[0])
        back = anchor - timedelta(days=(anchor.isoweekday() - wd) % 7)
        fwd = anchor + timedelta(days=(wd - anchor.isoweekday()) % 7)
        cands = sorted({back, fwd, back - timedelta(days=7), fwd + timedelta(days=7)})
        if tense == "n":
            # a bare weekday in news is more often past: a future one must be much nearer
            past = max(c for c in cands if c <= anchor)
            nxt = min(c for c in cands if c >= anchor)
            pick = past if (anchor - past).days <= 2 * (nxt - anchor).days else nxt
            return format_at(pick, "D")
        return format_at(_pick(cands, anchor, tense, soft=False), "D")
    if kind == "we":
        sat = anchor + timedelta(days=6 - anchor.isoweekday())
        cands = [sat - timedelta(days=7), sat, sat + timedelta(days=7)]
        return format_at(_pick(cands, anchor, tense if tense != "n" else "p"), "WE")
    if kind == "md":
        month, day = (int(x) for x in parts[0].split("-"))
        cands = []
        for y in years:
            try:
                cands.append(date(y, month, day))
            except ValueError:
                continue
        if not cands:
            return f"XXXX-{parts[0]}"
        if len(parts) == 3:  # with a weekday: the years within 3 where the day falls on it, if any
            wd = int(parts[1])
            agree = []
            for y in range(anchor.year - 3, anchor.year + 4):
                try:
                    c = date(y, month, day)
                except ValueError:
                    continue
                if c.isoweekday() == wd:
                    agree.append(c)
            cands = agree or cands
        return format_at(_pick(cands, anchor, tense), "D")
    if kind in ("m", "s", "q", "hf"):
        if kind == "m":
            month, gran = int(parts[0]), "M"
        elif kind == "s":
            month, gran = _SEASON_MONTH[parts[0]], "S"
        elif kind == "q":
            month, gran = 3 * int(parts[0]) - 2, "Q"
        else:
            month, gran = 6 * int(parts[0]) - 5, "H"
        step = {"M": 1, "S": 3, "Q": 3, "H": 6}[gran]
        # compare period starts: the anchor's own period counts as "now"
        now = date(anchor.year, ((anchor.month - 1) // step) * step + 1, 1) if gran != "S" else anchor
        if gran == "S":
            cur = parse_value(format_at(anchor, "S"))
            now = cur[1] if cur else anchor
        cands = [date(y, month, 1) for y in years]
        if gran == "S" and parts[0] == "WI":
            cands = [date(y, 12, 1) for y in (years[0] - 1, *years)]
            value = _pick(cands, now, tense, scale=30)
            return f"{value.year + 1:04d}-WI" if value.month == 12 else format_at(value, "S")
        return format_at(_pick(cands, now, tense, scale=30), gran)
    if kind == "h":
        found = [holiday_date(parts[0], y) for y in years]
        cands = [d for d in found if d is not None]
        if not cands:
            return "XXXX-XX-XX"
        return format_at(_pick(cands, anchor, tense), "D")
    raise ValueError(f"unknown form {base!r}")


def resolve_form(form: str, anchor: date | None) -> str:
    """The TIMEX3 value of ``form`` for ``anchor`` (None: an underspecified value).

    >>> resolve_form("wd:7:p", date(2017, 1, 9)), resolve_form("wd:7:p", date(2015, 3, 20))
    ('2017-01-08', '2015-03-15')
    >>> resolve_form("md:01-08:n", None)
    'XXXX-01-08'
    """
    if isinstance(anchor, datetime):
        anchor = anchor.date()
    return _resolve(form, anchor)


@lru_cache(maxsize=65536)
def _resolve(form: str, anchor: date | None) -> str:
    base, suffix = _split(form)
    if base.startswith("="):
        return base[1:] if base.endswith("_REF") else base[1:] + suffix
    if anchor is None:
        value = _underspecified(base)
        return value if value.endswith("_REF") else value + suffix
    try:
        value = _resolve_base(base, anchor)
    except (ValueError, OverflowError):
        return _underspecified(base)
    if value.endswith("_REF"):
        return value
    return value + suffix


def form_is_relative(form: str | None) -> bool:
    """Whether the value of ``form`` depends on the anchor."""
    return bool(form) and not form.startswith("=")  # type: ignore[union-attr]


def form_tense(form: str | None) -> str | None:
    """``past``, ``future`` or None: the tense used to place a year-less date or weekday."""
    if not form or form.startswith("="):
        return None
    base = _split(form)[0]
    while base.startswith("off:"):
        base = _split(base.split(">", 1)[1])[0]
    kind = base.split(":", 1)[0]
    if kind in ("wd", "md", "m", "s", "q", "hf", "h", "we"):
        return TENSES.get(base.rsplit(":", 1)[-1])
    return None
