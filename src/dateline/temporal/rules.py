"""Rules of the temporal tagger: what each pattern of ``patterns.py`` means, as a form.

Internal module: each ``_h_*`` handler reads one regex match and returns a candidate
``(start, end, type, form, mod)`` or None to reject it; forms are explained in ``normalize.py``.
``{ref}`` in a form stands for the reference time (the last date mentioned), filled in by
``extract.py`` in text order; ``{refQ}`` / ``{refQY}`` for the last quarter mentioned.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date

from dateline.temporal import patterns as P
from dateline.temporal.config import TemporalConfig
from dateline.temporal.normalize import holiday_date

log = logging.getLogger(__name__)

REF = "{ref}"
ANCHOR_DAY = "sh:0:D:D"

# (start, end, type, form, mod)
Cand = tuple[int, int, str, str, str | None]
_Handler = Callable[[re.Match[str], str, TemporalConfig], "Cand | None"]


def _num(text: str | None) -> float | None:
    """A number written in digits or words; None for a vague one (several, a few)."""
    if text is None:
        return None
    t = re.sub(r"\s+", " ", text.lower().replace("-", " ")).strip()
    half = 0.0
    if t.endswith("half") and t not in ("half a", "a half"):
        t = re.sub(r"\s*(and\s+)?(a\s+)?half$", "", t).strip()
        half = 0.5
    if t in P.NUMBER_WORDS:
        return P.NUMBER_WORDS[t] + half
    if re.fullmatch(r"[\d,]+(\.\d+)?", t):
        try:
            return float(t.replace(",", "")) + half
        except ValueError:
            return None
    parts = t.split()
    if len(parts) == 2 and parts[0] in P.NUMBER_WORDS and parts[1] in P.NUMBER_WORDS:
        return P.NUMBER_WORDS[parts[0]] + P.NUMBER_WORDS[parts[1]] + half
    return None


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else f"{n:g}"


_WORD = re.compile(r"[A-Za-z']+")
_BE = frozenset("is are was were be been 's".split())
_BE_READY = frozenset("set due poised slated".split())


def _cue(word: str) -> str | None:
    w = word.lower()
    if w in P.FUTURE_WORDS or w.endswith("'ll"):
        return "f"
    if w in P.PAST_WORDS or (len(w) > 4 and w.endswith("ed") and w not in P.NOT_PAST_ED):
        return "p"
    return None


def _tense(text: str, start: int, end: int) -> str:
    """Tense code of the clause around text[start:end]: ``p``, ``f`` or ``n`` (the nearest cue word wins)."""
    left = text[max(0, start - 100) : start]
    cut = max(left.rfind(". "), left.rfind("\n"), left.rfind("? "), left.rfind("! "), left.rfind(";"))
    if cut >= 0:
        left = left[cut + 1 :]
    right = text[end : end + 100]
    m = P.CLAUSE_END.search(right)
    if m:
        right = right[: m.start()]
    lw = _WORD.findall(left)[::-1]
    rw = _WORD.findall(right)
    for i in range(max(len(lw), len(rw))):
        for words in (lw, rw):
            if i < len(words):
                code = _cue(words[i])
                if (
                    words is lw
                    and words[i].lower() in _BE_READY
                    and i + 1 < len(lw)
                    and lw[i + 1].lower() in _BE
                ):
                    return "f"  # "is set for Friday", "are due Monday"
                if (
                    code == "p"
                    and words is lw
                    and any(_cue(w) == "f" or w.lower() == "to" for w in lw[i + 1 : i + 3])
                ):
                    return "f"  # "will be held Friday", "to be released Monday"
                if code:
                    return code
    return "n"


def _mod_of(edge: str | None) -> str | None:
    if not edge:
        return None
    e = edge.lower()
    if e.startswith(("early", "the beginning", "the start", "start")):
        return "START"
    if e.startswith(("mid", "the middle")):
        return "MID"
    if e.startswith(("late", "the end", "end")):
        return "END"
    return None


def _month(text: str) -> int:
    return P.MONTHS[text.lower().rstrip(".")]


def _weekday(text: str) -> int:
    return P.WEEKDAYS[text.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))  # type: ignore[union-attr]


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _year_word(text: str) -> int | None:
    words = re.sub(r"[\s-]+(?:and[\s-]+)?", " ", text.lower()).split()
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        base = 2000
    elif words[0] == "nineteen":
        rest = words[1:]
        base = 1900
        if rest and rest[0] == "hundred":
            rest = rest[1:]
        elif rest and rest[0] == "oh":
            rest = rest[1:]
    else:
        return None
    n = 0
    for w in rest:
        if w not in P.NUMBER_WORDS:
            return None
        n += int(P.NUMBER_WORDS[w])
    return base + n if n < 100 else None


def _year(text: str) -> int:
    if text[0].isalpha():
        y = _year_word(text)
        if y is None:
            raise ValueError(text)
        return y
    if text.startswith("'"):
        yy = int(text[1:])
        return 1900 + yy if yy >= 30 else 2000 + yy
    return int(text)


def _h_date(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    y, mo = int(m.group("year")), int(m.group("mon")) if m.group("mon").isdigit() else _month(m.group("mon"))
    d = _day(m.group("day"))
    sep = m.groupdict().get("sep")
    if sep and not m.group(0).startswith(m.group("year")) and (mo > 12 or sep == "."):
        mo, d = d, mo  # 13/01/2017 and 9.1.2017 put the day first
    if not _valid(y, mo, d) or not cfg.min_year <= y <= cfg.max_year:
        return None
    value = f"{y:04d}-{mo:02d}-{d:02d}"
    hh = m.groupdict().get("hh")
    if hh:
        return m.start(), m.end(), "TIME", f"={value}T{hh}:{m.group('mi')}", None
    return m.start(), m.end(), "DATE", "=" + value, None


def _h_md(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    mo, d = _month(m.group("mon")), _day(m.group("day"))
    if not _valid(2000, mo, d):
        return None
    rel = m.groupdict().get("rel")
    if rel:
        n = {"last": -1, "this": 0, "next": 1}[rel.lower()]
        return m.start(), m.end(), "DATE", f"sh:{n}:Y:Y|-{mo:02d}-{d:02d}", None
    wd = m.groupdict().get("wd")
    mid = f":{_weekday(wd)}" if wd else ""
    return m.start(), m.end(), "DATE", f"md:{mo:02d}-{d:02d}{mid}:{_tense(text, m.start(), m.end())}", None


def _h_month_year(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    y = _year(m.group("year"))
    if not cfg.min_year <= y <= cfg.max_year:
        return None
    return m.start(), m.end(), "DATE", f"={y:04d}-{_month(m.group('mon')):02d}", _mod_of(m.group("edge"))


def _h_month_rel(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    n = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    return m.start(), m.end(), "DATE", f"sh:{n}:Y:Y|-{_month(m.group('mon')):02d}", _mod_of(m.group("edge"))


_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|during|through|from|to|before|after|between|and|or|last|this|next|"
    r"early|late|mid|each|every|on|for|until|around|about|since|throughout)\s+|-)$",
    re.I,
)


def _h_month(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    mon = m.group("mon")
    rel = (m.group("rel") or "").lower()
    ambiguous = mon.lower().rstrip(".") in ("may", "march") or len(mon.rstrip(".")) <= 4
    if not rel:
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 2]
        if ambiguous and not _MONTH_CONTEXT.search(before):
            return None
        if re.match(r"\s[A-Z]", after) and not _MONTH_CONTEXT.search(before):
            return None  # August Wilson, June Carter
    mo = _month(mon)
    rel = re.sub(r"\s+", " ", rel)
    if rel in ("each", "every"):
        return m.start(), m.end(), "SET", f"=XXXX-{mo:02d}", None
    tense = {"last": "P", "next": "F"}.get(rel) or _tense(text, m.start(), m.end())
    if rel == "this":
        return m.start(), m.end(), "DATE", f"sh:0:Y:Y|-{mo:02d}", None
    return m.start(), m.end(), "DATE", f"m:{mo:02d}:{tense}", _mod_of(rel)


def _h_season(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    s = P.SEASONS[m.group("season").lower()]
    rel = (m.group("rel") or "").lower()
    start = m.start()
    if m.group("year"):
        y = _year(m.group("year"))
        of_year = re.match(r"\s+of\s", text[m.end("season") : m.end("season") + 4])
        start = m.start("season") if rel == "the" and not of_year else start  # "the fall of 2011"
        return start, m.end(), "DATE", f"={y:04d}-{s}", _mod_of(rel)
    if not rel and m.group("season").lower() in ("fall", "spring"):
        return None
    if rel == "the":
        start = m.start("season")
        if m.group("season").lower() in ("fall", "spring") and not re.search(
            r"\b(?:in|this|during|by|until|through|since)\s+$", text[max(0, start - 15) : start - 4], re.I
        ):
            return None
    if rel == "this":
        return start, m.end(), "DATE", f"sh:0:Y:Y|-{s}", None
    tense = {"last": "P", "past": "P", "next": "F", "coming": "F"}.get(rel) or _tense(
        text, m.start(), m.end()
    )
    return start, m.end(), "DATE", f"s:{s}:{tense}", _mod_of(rel)


_YEAR_RANGE_NEXT = re.compile(r"[-–](?:1\d|20)\d\d(?!\d)")  # 2009-2010: both are years
_YEAR_RANGE_SHORT = re.compile(r"[-–/](\d\d)(?![\d-])")
_YEAR_RANGE_PREV = re.compile(r"(?<![\w$-])(?:1\d|20)\d\d[-–]$")


def _h_year(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    y = int(m.group("year"))
    if not cfg.min_year <= y <= cfg.max_year:
        return None
    pre = (m.group("pre") or m.group("fy") or "").lower()
    range_next = _YEAR_RANGE_NEXT.match(text, m.end("year"))
    short = _YEAR_RANGE_SHORT.match(text, m.end("year"))
    if short and int(short.group(1)) == (y + 1) % 100:
        range_next = short  # 2012-13
    range_prev = (
        m.start() >= 5 and text[m.start() - 1] in "-–" and text[m.start() - 5 : m.start() - 1].isdigit()
    )
    if range_prev and not _YEAR_RANGE_PREV.search(text, max(0, m.start() - 6), m.start()):
        return None
    if not pre and not range_prev:
        if P.NOT_YEAR_BEFORE.search(text[max(0, m.start() - 14) : m.start()]):
            return None
        if not range_next and P.COUNT_NOUNS.match(text, m.end("year")):
            return None
        if y < 1500 and not re.search(
            r"\b(?:in|since|of|by|from|until|year|to|the|around|before|after)\s+$",
            text[max(0, m.start() - 8) : m.start()],
            re.I,
        ):
            return None
    end = m.end("year")
    if pre.startswith("the year"):
        return m.start(), end, "DATE", f"={y:04d}", None
    start = m.start() if pre else m.start("year")
    return start, end, "DATE", f"={y:04d}", _mod_of(pre)


def _h_year_word(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    y = _year_word(m.group("year"))
    if y is None:
        return None
    pre = (m.group("pre") or "").lower()
    if re.match(r"[\s-]+(?:years?|days?|months?|people|dollars|miles)\b", text[m.end() : m.end() + 10], re.I):
        return None  # "two thousand years" counts something
    start = m.start() if pre.startswith("the year") else m.start("year")
    return start, m.end(), "DATE", f"={y:04d}", None


def _h_decade(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    d = m.group("dec")
    if d.startswith("'"):
        yy = int(d[1:])
        value = f"{19 if yy >= 30 else 20}{yy // 10}"
    else:
        value = d[:3]
    return m.start(), m.end(), "DATE", "=" + value, _mod_of(m.group("edge"))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip


def _h_decade_word(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    if not m.group(0).lower().startswith("the"):
        return None  # "in his forties" is an age
    return (
        m.start(),
        m.end(),
        "DATE",
        f"=19{_DECADE_WORDS[m.group('decw').lower()]}",
        _mod_of(m.group("edge")),
    )


def _h_century(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    o = m.group("ord").lower()
    n = int(re.match(r"\d+", o).group(0)) if o[0].isdigit() else P.ORDINALS.get(o)  # type: ignore[union-attr]
    if not n or n > 21:
        return None
    return m.start(), m.end(), "DATE", f"={n - 1:02d}", None


def _h_quarter(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    n = P.ORDINALS.get(m.group("ord").lower())
    unit = m.group("unit").lower()
    letter = "Q" if unit == "quarter" else "H"
    if not n or n > (4 if letter == "Q" else 2):
        return None
    suffix = f"-{letter}{n}"
    start = m.start()
    lead = text[start : m.start("ord")].lower()
    if lead.startswith(("its ", "their ")):
        start = start + lead.index(" ") + 1
    if lead.startswith("the ") and len(lead) == 4 and "-" in text[m.end("ord") : m.start("unit")]:
        start += 4  # "the third-quarter results": the adjective alone
    if m.group("year") or m.group("year0"):
        return start, m.end(), "DATE", f"={m.group('year') or m.group('year0')}{suffix}", None
    if m.group("fy"):
        return start, m.end(), "DATE", f"={m.group('fy')[-4:]}{suffix}", None
    yrel = (m.group("yrel") or "").lower() or (
        "last" if "last year's" in lead else "this" if "this year's" in lead else ""
    )
    if yrel:
        k = {"last": -1, "this": 0, "next": 1}[yrel]
        return start, m.end(), "DATE", f"sh:{k}:Y:Y|{suffix}", None
    rel = (m.group("rel") or "").lower()
    kind = "q" if letter == "Q" else "hf"
    if kind == "hf" and not (m.group("fiscal") or rel == "fiscal"):
        return None  # "the second half" of a match; a half-year needs a year or "fiscal"
    if rel in ("year-ago", "year-earlier"):
        return start, m.end(), "DATE", f"off:-1:Y>{kind}:{n}:n", None
    tense = {"last": "P", "past": "P", "previous": "P", "next": "F", "coming": "F"}.get(rel) or _tense(
        text, m.start(), m.end()
    )
    return start, m.end(), "DATE", f"{kind}:{n}:{tense}", None


def _h_quarter_q(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    n = m.group("q")[1]
    if m.group("year"):
        return m.start(), m.end(), "DATE", f"={m.group('year')}-Q{n}", None
    return m.start(), m.end(), "DATE", f"q:{n}:{_tense(text, m.start(), m.end())}", None


def _h_quarter_bare(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    rel = (m.group("rel") or "").lower()
    unit = m.group("unit").lower()
    if unit == "period" and rel not in ("latest", "year-ago", "year-earlier", "same"):
        return None
    if rel in ("year-ago", "year-earlier"):
        return m.start(), m.end(), "DATE", "off:-1:Y>{refQ}", None
    if rel in ("current",):
        return m.start(), m.end(), "DATE", "sh:0:Q:Q", None
    if rel in ("next", "coming"):
        return m.start(), m.end(), "DATE", "sh:1:Q:Q", None
    return m.start(), m.end(), "DATE", "{refQ}", None


_REL_N = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
_UNIT_G = {"week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "C", "weekend": "WE"}


def _h_rel_unit(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    rel = m.group("rel").lower()
    unit = m.group("unit").lower()
    if rel == "the":
        if not m.group("edge") or not m.group("edge").lower().startswith("the") or unit not in _UNIT_G:
            return None  # only "the end of the year", "the beginning of the month"
        rel = "this"
    n = _REL_N[rel]
    mod = _mod_of(m.group("edge"))
    if unit in P.SEASONS:
        s = P.SEASONS[unit]
        if n == 0:
            return m.start(), m.end(), "DATE", f"sh:0:Y:Y|-{s}", mod
        return m.start(), m.end(), "DATE", f"s:{s}:{'P' if n < 0 else 'F'}", mod
    g = _UNIT_G[unit]
    before = text[max(0, m.start() - 4) : m.start()].lower()
    if before.endswith("the ") and not m.group("edge") and rel in ("past", "last", "next", "coming"):
        # "the past week": a period that ends (or starts) now
        value = {"W": "P1W", "M": "P1M", "Y": "P1Y", "DE": "P10Y", "C": "P100Y", "WE": "P1WE"}[g]
        return m.start() - 4, m.end(), "DURATION", "=" + value, None
    if rel == "past" and not m.group("edge"):
        return None
    u = "W" if g == "WE" else g
    start = m.start() - 4 if before.endswith("the ") and not m.group("edge") else m.start()
    return start, m.end(), "DATE", f"sh:{n}:{u}:{g}", mod


def _h_year_ago(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    return m.start(), m.end(), "DATE", "off:-1:Y>" + REF, None


def _h_weekend(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    return m.start(), m.end(), "DATE", f"we:{_tense(text, m.start(), m.end())}", None


_DAY_WORD = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def _h_day_word(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    dw = re.sub(r"\s+", " ", m.group("dw").lower())
    n = _DAY_WORD.get(dw, -2 if "before" in dw else 2)
    part = m.group("part")
    end = m.end("part") if part else m.end("dw")
    if dw == "tonight":
        return m.start(), end, "TIME", f"sh:{n}:D:D|TNI", None
    if part:
        return m.start(), end, "TIME", f"sh:{n}:D:D|T{P.PARTS_OF_DAY[part.lower()]}", None
    return m.start(), end, "DATE", f"sh:{n}:D:D", _mod_of(m.group("edge"))


def _h_this_part(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    rel = m.group("rel").lower()
    part = P.PARTS_OF_DAY[m.group("part").lower()]
    n = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and part != "NI":
        return None
    return m.start(), m.end(), "TIME", f"sh:{n}:D:D|T{part}", None


def _h_anaphor(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    t = re.sub(r"\s+", " ", m.group("ana").lower())
    words = t.split()
    unit_word = next(w for w in words if w in ("day", "week", "month", "year", "morning", "night", "evening"))
    suffix = ""
    if unit_word in ("morning", "night", "evening"):
        suffix = "|T" + P.PARTS_OF_DAY[unit_word]
        unit_word = "day"
    u = {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit_word]
    if any(w in ("before", "earlier", "previous", "prior") for w in words):
        n = -1
    elif any(w in ("after", "later", "next", "following") for w in words):
        n = 1
    else:
        n = 0
    typ = "TIME" if suffix else "DATE"
    if words[0] == "a":
        return m.start(), m.end(), typ, f"off:{n}:{u}>{REF}{suffix}", None
    return m.start(), m.end(), typ, f"off:{n}:{u}:{u}>{REF}{suffix}", None


def _h_weekday(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    wd = _weekday(m.group("wd"))
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    start = m.start("wd") if rel in ("on", "") else m.start()
    if m.group("pl"):
        return start, m.end(), "SET", f"=XXXX-WXX-{wd}", None
    tense = {"last": "P", "past": "P", "next": "F", "coming": "F"}.get(rel) or _tense(
        text, m.start(), m.end()
    )
    part = m.group("part")
    if part:
        return start, m.end(), "TIME", f"wd:{wd}:{tense}|T{P.PARTS_OF_DAY[part.lower()]}", None
    return start, m.end("wd"), "DATE", f"wd:{wd}:{tense}", _mod_of(rel)


def _clock(text: str) -> str | None:
    t = text.lower().replace(" ", "")
    if t == "noon":
        return "12:00"
    if t == "midnight":
        return "24:00"
    t = t.removesuffix("hours")
    mm = re.match(r"(\d\d)(\d\d)$", t) or re.match(r"(\d{1,2})(?::(\d\d))?", t)
    if not mm:
        return None
    h, mi = int(mm.group(1)), int(mm.group(2) or 0)
    if "p" in t and h < 12:
        h += 12
    elif "a" in t and h == 12:
        h = 0
    if h > 24:
        return None
    return f"{h:02d}:{mi:02d}"


def _h_clock(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    hm = _clock(m.group("clock"))
    if hm is None:
        return None
    if m.group("wd"):
        base = f"wd:{_weekday(m.group('wd'))}:{_tense(text, m.start(), m.end())}"
    elif m.group("dw"):
        base = f"sh:{_DAY_WORD[m.group('dw').lower()]}:D:D"
    elif m.groupdict().get("mon"):
        mo, d = _month(m.group("mon")), _day(m.group("day"))
        year = m.groupdict().get("year")
        if year:  # "10 p.m. on Jan. 8, 2017"
            y = int(year)
            if not _valid(y, mo, d) or not cfg.min_year <= y <= cfg.max_year:
                return None
            return m.start(), m.end(), "TIME", f"={y:04d}-{mo:02d}-{d:02d}T{hm}", None
        if not _valid(2000, mo, d):
            return None
        base = f"md:{mo:02d}-{d:02d}:{_tense(text, m.start(), m.end())}"
    else:
        base = "{refD}"  # the day last mentioned
    return m.start(), m.end(), "TIME", f"{base}|T{hm}", None


_AGO_UNITS = {"D": ("D", "D"), "W": ("W", "W"), "M": ("M", "M"), "Y": ("Y", "Y"), "Q": ("Q", "Q"),
              "WE": ("W", "W"), "FN": ("W", "W"), "DE": ("Y", "Y"), "CE": ("Y", "Y")}  # fmt: skip


def _h_ago(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    unit_word = m.group("unit").lower()
    unit = P.UNITS[unit_word]
    d = re.sub(r"\s+", " ", m.group("dir").lower())
    if d in ("before", "after") and re.match(r"\s*[A-Za-z(\"']", text[m.end() : m.end() + 3]):
        return None  # "two weeks after the election" is a duration
    num_text = m.group("num")
    n = _num(num_text) if num_text else (1 if not unit_word.endswith("s") else None)
    sign = -1 if d in ("ago", "earlier", "before", "back") else 1
    if unit in ("S", "MIN", "H"):
        return (
            m.start(),
            m.end(),
            "DATE",
            ANCHOR_DAY if d in ("ago", "from now", "hence", "back") else "{refD}",
            None,
        )
    if n is None or n != int(n):
        value = "=PAST_REF" if sign < 0 else "=FUTURE_REF"
        return m.start(), m.end(), "DATE", value, None
    k = int(n) * {"DE": 10, "CE": 100, "FN": 2}.get(unit, 1)
    u, g = _AGO_UNITS[unit]
    if d in ("ago", "from now", "hence", "back"):
        if u == "Y" and sign < 0:
            return m.start(), m.end(), "DATE", f"off:{sign * k}:Y>{{refQY}}", None
        return m.start(), m.end(), "DATE", f"sh:{sign * k}:{u}:{g}", None
    return m.start(), m.end(), "DATE", f"off:{sign * k}:{u}>{REF}", None


_DUR_UNIT = {"S": "TS", "MIN": "TM", "H": "TH", "D": "D", "W": "W", "M": "M", "Y": "Y", "DE": "DE",
             "CE": "CE", "Q": "M", "WE": "WE", "FN": "W"}  # fmt: skip
_APPROX_MOD = {"about": "APPROX", "nearly": "APPROX", "almost": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
               "some": "APPROX", "at least": "EQUAL_OR_MORE", "more than": "MORE_THAN", "less than": "LESS_THAN",
               "up to": "EQUAL_OR_LESS", "fewer than": "LESS_THAN"}  # fmt: skip


def _duration_value(n: float | None, unit: str) -> str:
    code = _DUR_UNIT[unit]
    factor = {"FN": 2, "Q": 3, "DE": 10, "CE": 100}.get(unit)
    if factor and n is not None:
        n = n * factor
        code = {"DE": "Y", "CE": "Y"}.get(unit, code)
    if n is not None and n != int(n):
        # 1.5 years -> P18M, half an hour -> PT30M
        smaller = {
            "Y": (12, "M"),
            "M": (30, "D"),
            "D": (24, "TH"),
            "TH": (60, "TM"),
            "W": (7, "D"),
            "DE": (10, "Y"),
        }
        if code in smaller:
            f, code = smaller[code]
            n = n * f
    num = _fmt_num(n)
    if code.startswith("T"):
        return f"PT{num}{code[1]}"
    return f"P{num}{code}"


def _h_duration(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    unit_word = m.group("unit").lower()
    unit = P.UNITS[unit_word]
    num_text = m.group("num")
    nl = num_text.lower()
    if nl in ("a", "an", "one") and unit == "S":
        return None  # "a second time"
    if nl in ("some", "many") and not unit_word.endswith("s"):
        return None
    if unit == "WE" and nl in ("a", "an", "one"):
        return None
    if nl in ("a", "an", "one", "per") and _after_speed_unit(text, m.start()):
        return None  # "150 miles an hour"
    vague = nl in P.VAGUE_NUMBERS or re.sub(r"\s+", " ", nl) in P.VAGUE_NUMBERS
    n = None if vague else _num(num_text)
    if not vague and n is None:
        return None
    if n is not None and n > 10000:
        return None
    if num_text[0].isdigit() and n is not None and n >= 1000 and not unit_word.endswith("s"):
        return None  # "the 1988 second quarter"
    if unit == "Q" and re.search(r"-\s*quarters?$", m.group(0)):
        return None  # "three-quarters" is a fraction
    if m.group("old") and "-" in m.group("old") and "-" in m.group(0)[: m.start("old") - m.start()]:
        return None  # "a 6-year-old boy": an age used as an adjective
    if re.match(r"-old\b", text[m.end("unit") : m.end("unit") + 5]):
        return None
    end = m.end("unit")
    start = m.start()
    rel = (m.group("rel") or "").lower()
    if m.group("the") and not rel and not re.match(r"\d|first|last", nl) and nl not in P.NUMBER_WORDS:
        start = m.start("num")
    approx = (m.group("approx") or "").strip().lower()
    approx = re.sub(r"\s+", " ", approx)
    if approx in ("only", "just", "over the"):
        start = max(start, m.end("approx")) if not m.group("the") else start
    mod = _APPROX_MOD.get(approx)
    if rel == "better part of the":
        start = m.start("num")
    if m.group("the") and not rel and "-" in m.group("sep"):
        start = m.start("approx") if m.group("approx") else m.start("num")  # "the five-year plan"
    return start, end, "DURATION", "=" + _duration_value(n, unit), mod


def _h_duration_bare(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    unit = P.UNITS[m.group("unit").lower()]
    pre = re.sub(r"\s+", " ", m.group("pre").lower())
    if pre in ("recent", "in recent"):
        return None
    start = m.start("unit") if pre in ("for", "within", "over the past", "over the last") else m.start()
    if pre.startswith("over the"):
        start = m.start() + len("over ")
    return start, m.end(), "DURATION", "=" + _duration_value(None, unit), None


def _h_duration_half(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    w = m.group("unit").lower().split()[-1].split("-")[-1]
    value = {"hour": "PT30M", "day": "PT12H", "year": "P6M", "century": "P50Y", "decade": "P5Y"}[w]
    return m.start(), m.end(), "DURATION", "=" + value, None


_SET_UNIT = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "hour": "PT1H", "minute": "PT1M",
             "quarter": "P3M", "decade": "P10Y", "weekend": "P1WE"}  # fmt: skip


def _h_set_every(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    if _after_speed_unit(text, m.start()):
        return None
    if m.group("wd"):
        return m.start(), m.end(), "SET", f"=XXXX-WXX-{_weekday(m.group('wd'))}", None
    if m.group("mon"):
        return m.start(), m.end(), "SET", f"=XXXX-{_month(m.group('mon')):02d}", None
    u = m.group("unit").lower()
    if u in P.PARTS_OF_DAY:
        return m.start(), m.end(), "SET", f"=XXXX-XX-XXT{P.PARTS_OF_DAY[u]}", None
    if u in P.SEASONS:
        return m.start(), m.end(), "SET", f"=XXXX-{P.SEASONS[u]}", None
    value = _SET_UNIT[u]
    if m.group("other"):
        value = value.replace("1", "2")
    return m.start(), m.end(), "SET", "=" + value, None


_SET_ADV = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
            "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "semiannually": "P6M"}  # fmt: skip


def _h_set_adv(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    return m.start(), m.end(), "SET", "=" + _SET_ADV[m.group("adv").lower()], None


_SPEED_UNITS = re.compile(
    r"\b(?:km|kms|kilomet(?:er|re)s?|miles?|mi|meters?|metres?|feet|ft|knots?|mph|kph|m)\s*$", re.I
)


def _after_speed_unit(text: str, start: int) -> bool:
    """Whether text[start:] follows a length unit: "241 km per hour" is a speed, not a time."""
    return bool(_SPEED_UNITS.search(text, max(0, start - 16), start))


def _h_set_a(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    if _after_speed_unit(text, m.start("a")):
        return None
    return m.start("a"), m.end(), "SET", "=" + _SET_UNIT[m.group("unit").lower()], None


def _h_holiday(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    name = P.HOLIDAYS[re.sub(r"\s+", " ", m.group("hol").lower())]
    if not m.group("hol")[0].isupper():
        return None
    if m.group("year"):
        d = holiday_date(name, int(m.group("year")))
        return (m.start(), m.end(), "DATE", f"={d.isoformat()}", None) if d else None
    rel = (m.group("rel") or "").lower()
    tense = {"last": "P", "next": "F"}.get(rel) or _tense(text, m.start(), m.end())
    return m.start(), m.end(), "DATE", f"h:{name}:{tense}", None


_REF_VALUES = {"present": "PRESENT_REF", "past": "PAST_REF", "future": "FUTURE_REF"}


def _h_ref(m: re.Match[str], text: str, cfg: TemporalConfig) -> Cand | None:
    r = re.sub(r"\s+", " ", m.group("ref").lower())
    start = m.start()
    if r.startswith("in ") and r not in ("in recent years",):
        start += 3
        r = r[3:]
    if r.startswith("in recent"):
        start += 3
    if r in ("once", "former", "earlier", "previously", "formerly", "soon", "shortly", "future", "recent"):
        return None
    if r == "current" and re.match(r"\s+accounts?\b", text[m.end() : m.end() + 10]):
        return None
    if r in ("now", "right now", "currently", "current", "nowadays", "these days", "at present", "presently",
             "the present", "at the moment", "for the time being"):  # fmt: skip
        value = "PRESENT_REF"
    elif r in ("the future", "future", "soon", "the near future", "shortly"):
        value = "FUTURE_REF"
    else:
        value = "PAST_REF"
    return start, m.end(), "DATE", "=" + value, None


HANDLERS: dict[str, _Handler] = {
    "date_mdy": _h_date, "date_dmy": _h_date, "date_iso": _h_date, "date_us": _h_date,
    "date_md": _h_md, "date_dm": _h_md, "month_year": _h_month_year, "month_rel": _h_month_rel,
    "month": _h_month, "season": _h_season, "year": _h_year, "year_word": _h_year_word, "decade": _h_decade,
    "decade_word": _h_decade_word, "century": _h_century, "quarter": _h_quarter,
    "quarter_q": _h_quarter_q, "quarter_bare": _h_quarter_bare, "rel_unit": _h_rel_unit,
    "year_ago": _h_year_ago, "weekend": _h_weekend, "day_word": _h_day_word, "this_part": _h_this_part,
    "anaphor": _h_anaphor, "weekday": _h_weekday, "clock": _h_clock, "clock_pre": _h_clock,
    "ago": _h_ago, "duration": _h_duration, "duration_bare": _h_duration_bare,
    "duration_half": _h_duration_half, "set_every": _h_set_every, "set_adv": _h_set_adv,
    "set_a": _h_set_a, "holiday": _h_holiday, "ref": _h_ref,
}  # fmt: skip
