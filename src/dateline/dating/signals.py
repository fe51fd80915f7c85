"""Date clues from an article's text: its timexes, its dateline, weekday+date pairs and publication stamps.

The temporal tagger (``dateline.temporal``) finds the expressions; this module only reads them as
anchor-free clues (``dateline.dating.clues.Clue``) and adds the few signals that matter for dating and that a
tagger does not give: the article's own dateline ("BEIRUT, Jan. 9 (AP) -"), a weekday stated next to a date
("Sunday, Jan. 8"), "Published:"/"Updated:" stamps, the tense of absolute dates, and page furniture to
ignore (copyright lines, photo credits).

>>> [c.kind for c in dateline_clues("BEIRUT, Jan. 9 (AP) - The raid ...", "a")]
['dateline']
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from dateline.dating.clues import Clue
from dateline.records import Timex
from dateline.temporal.patterns import MONTHS, WEEKDAYS

__all__ = [
    "anniversary_clues",
    "boilerplate_spans",
    "clues_from_timexes",
    "date_line_clues",
    "dateline_clues",
    "stamp_clues",
    "text_clues",
    "weekday_date_clues",
]

_MONTHS = MONTHS
# Python's weekday numbering (Monday = 0); the tagger's table is ISO (Monday = 1).
_WEEKDAYS = {name: iso - 1 for name, iso in WEEKDAYS.items()}
_MONTH_RE = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WD_RE = r"(?P<wd>Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:rs(?:day)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\.?"
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:1[89]|20|21)\d\d)"
# "Jan. 8", "Jan. 8, 2017", "8 January", "8 January 2017"
_MD = rf"(?:{_MONTH_RE}\s+{_DAY_RE}(?:,?\s+{_YEAR_RE})?|{_DAY_RE}\s+{_MONTH_RE}(?:,?\s+{_YEAR_RE})?)"
_MD_RE = re.compile(_MD.replace("(?P<day>", "(?P<day1>", 1).replace("(?P<mon>", "(?P<mon1>", 1).replace("(?P<year>", "(?P<year1>", 1))
_WD_DATE_RE = re.compile(rf"\b{_WD_RE}\s*(?:,|\()?\s*(?:the\s+)?{_MD_RE.pattern}\)?")
# matched at the start of one of the top lines: "BEIRUT, Jan. 9 (AP) -", "PARIS, 14 July -", and the date in
# brackets, "VATICAN CITY (March 13, 2013) -"
_DATELINE_RE = re.compile(
    rf"[ \t]*(?:[A-Z][A-Za-z.'\- ]{{1,40}},\s*(?:[A-Z][A-Za-z.' ]{{1,30}},\s*)?)?{_MD_RE.pattern}"
    r"\s*(?:\((?:[A-Za-z.\- ]{1,25})\)\s*)?(?:[-\u2013\u2014:]|--)"
)
_DATELINE_BRACKET_RE = re.compile(
    rf"[ \t]*[A-Z][A-Za-z.'\- ]{{1,40}}\(\s*{_MD_RE.pattern}\s*\)\s*(?:[-\u2013\u2014:]|--)"
)
_DATELINE_LINES = 3  # the dateline may follow a title line (and blank lines)
_ISO_RE = r"(?P<iy>(?:19|20)\d\d)[-/.](?P<im>[01]?\d)[-/.](?P<id>[0-3]?\d)"
_NUM_RE = r"(?P<na>[0-3]?\d)/(?P<nb>[0-3]?\d)/(?P<ny>(?:19|20)\d\d)"  # 06/29/2016 (US) or 29/06/2016
_STAMP_RE = re.compile(
    rf"\b(?P<what>(?:first\s+)?published|posted|(?:last\s+)?updated|modified)(?:\s+(?:on|at))?\s*:?\s*"
    rf"(?:{_WD_RE.replace('(?P<wd>', '(?:')},?\s+)?(?:{_ISO_RE}|{_NUM_RE}|{_MD_RE.pattern})",
    re.IGNORECASE,
)
_CLOCK = r"(?:,|\s+at|\s*\|)?\s+[0-2]?\d[:.][0-5]\d(?:\s*[ap]\.?m\.?)?"
# a full date followed by a clock time near the top of a page: the page's own timestamp
# a full date, its weekday optional: "Monday, 9 January 2017", "2017-01-09", "01/09/2017"
_FULL_DATE = rf"(?:{_WD_RE.replace('(?P<wd>', '(?:')},?\s+)?(?:{_ISO_RE}|{_NUM_RE}|{_MD_RE.pattern})"
_TIMESTAMP_RE = re.compile(_FULL_DATE + _CLOCK, re.IGNORECASE)
_TIMESTAMP_HEAD = 400
# a full date on a short line of its own near the top, "Wednesday, June 29, 2016", "14 Mar, 2013",
# "This Article is From Apr 26, 2015": the page's byline date
_DATE_LINE_RE = re.compile(_FULL_DATE, re.IGNORECASE)
_DATE_LINE_TOP = 4  # lines that hold words, from the top
_DATE_LINE_WORDS = 6  # other words the line may hold
_DATE_LINE_CHARS = 100
_BOILER_RE = re.compile(
    r"(?:\u00a9|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|\bphoto(?:graph)?\s*(?:credit)?\s*:|"
    r"\bfile photo\b|\(AP Photo|\bgetty images\b|\breuters/|\bimage\s*:|\bcaption\b|\bread more\b|"
    r"\brelated (?:stories|articles|coverage)\b|\bsubscribe\b|\bnewsletter\b|\bcookies?\b)",
    re.IGNORECASE,
)
_FUTURE_CUES = re.compile(
    r"\b(?:will|would|shall|'ll|is to|are to|to be|going to|gonna|about to|scheduled|slated|due|expected|"
    r"expects?|plans?|planned|planning|set to|upcoming|next|until|till|deadline|starting|begins?|beginning|"
    r"intends?|hopes?|aims?|goes into effect|takes? effect|effective|through)\b",
    re.IGNORECASE,
)
_RANGE_END = re.compile(r"\bfrom\s+\S+(?:\s+\S+){0,2}?\s+(?:to|until|till|through|and)$", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:by|until|till)(?:\s+(?:the\s+)?(?:end\s+of|early|late|mid-?))?\s*$", re.IGNORECASE)
_FUTURE_PASSIVE = re.compile(
    r"\b(?:will|would|shall|could|should|might|must|is to|are to|to)\s+(?:not\s+)?(?:have\s+)?(?:be|been)\s+"
    r"(?:\w+ly\s+)?\w{3,}ed\b[^.]*$|\b(?:could|should|might|must)\b(?!.*\b(?:was|were|had|did)\b)",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|ago|last|earlier|since|ended|said|took place|occurred|happened|died|killed|"
    r"began|started|announced|reported|won|lost|rose|fell|closed|opened|signed|held|met|arrived|left|"
    r"\w{3,}ed)\b",
    re.IGNORECASE,
)


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Lines (or short sentences) of page furniture: copyright footers, photo credits, newsletter pleas.

    >>> boilerplate_spans("Raid on Sunday.\\nCopyright 2015 AP. All rights reserved.")
    [(16, 55)]
    """
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if len(line) > 400 and not re.search(r"\u00a9|\bcopyright\b|\ball rights reserved\b", line, re.I):
            continue
        hit = _BOILER_RE.search(line)
        if hit is None:
            continue
        if len(line) > 400:
            # a long paragraph with a copyright notice: drop only the sentence around it
            s = max(line.rfind(".", 0, hit.start()) + 1, 0)
            e = line.find(".", hit.end())
            spans.append((m.start() + s, m.start() + (e + 1 if e >= 0 else len(line))))
        else:
            spans.append((m.start(), m.end()))
    return spans


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])[.!?][\"\u201d\u2019)]?\s+(?=[A-Z\"\u201c])|\n|;")
_NOT_VERBS = frozenset(
    "united based armed hundred need indeed red bed speed seed feed proceed exceed succeed limited related "
    "unidentified unprecedented detailed advanced assed biased interested concerned supposed alleged "
    "so-called named".split()
)


def _cues(text: str, rx: re.Pattern[str]) -> list[int]:
    return [m.end() for m in rx.finditer(text) if m.group(0).lower() not in _NOT_VERBS]


def _tense_from_context(text: str, start: int, end: int) -> str | None:
    """A rough tense for a date from the words of its sentence (None when unclear).

    The cue nearest before the date wins ("will meet on Jan. 8" -> future, "died in October 2015" -> past);
    without one, the first words after it decide.
    """
    left = text[max(0, start - 200) : start]
    ends = list(_SENTENCE_END.finditer(left))
    if ends:
        left = left[ends[-1].end() :]
    left = " ".join(left.split()[-25:])
    rng = _RANGE_END.search(left)
    if rng is not None:
        left = left[: rng.start()]  # "served from 1976 until 2008": the verb before the range decides
    fut = _cues(left, _FUTURE_CUES)
    past = _cues(left, _PAST_CUES)
    if _DEADLINE.search(left):
        return "future"  # "by 1993", "until mid-1992": a deadline or a term
    if fut and past and past[-1] > fut[-1] and _FUTURE_PASSIVE.search(left[fut[-1] - 12 : past[-1]]):
        return "future"  # "will be delivered in 2014", "could be completed by"
    if fut and (not past or fut[-1] > past[-1]):
        return "future"
    if past:
        return "past"
    right = text[end : end + 80]
    stop = _SENTENCE_END.search(right)
    right = " ".join(right[: stop.start() if stop else len(right)].split()[:6])
    fut_r, past_r = _cues(right, _FUTURE_CUES), _cues(right, _PAST_CUES)
    if fut_r and (not past_r or fut_r[0] < past_r[0]):
        return "future"
    if past_r:
        return "past"
    return None


def _month_of(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]]


def _md_fields(m: re.Match[str]) -> tuple[int, int, int | None] | None:
    g = m.groupdict()
    mon = g.get("mon1") or g.get("mon")
    day = g.get("day1") or g.get("day")
    year = g.get("year1") or g.get("year")
    if not mon or not day:
        return None
    month = _month_of(mon)
    d = int(day)
    y = int(year) if year else None
    if not 1 <= d <= 31 or d > calendar.monthrange(y or 2000, month)[1]:
        return None
    return month, d, y


def weekday_date_clues(text: str, article_id: str, skip: Sequence[tuple[int, int]] = ()) -> list[Clue]:
    """Weekdays stated next to a date ("Sunday, Jan. 8"): the date's year must have that weekday.

    >>> c = weekday_date_clues("The raid on Sunday, Jan. 8 killed 25.", "a")[0]
    >>> (c.kind, c.weekday, c.month, c.day, c.year)
    ('weekday_date', 6, 1, 8, None)
    """
    out = []
    for m in _WD_DATE_RE.finditer(text):
        if _inside(m.start(), m.end(), skip):
            continue
        fields = _md_fields(m)
        if fields is None:
            continue
        month, day, year = fields
        wd = _WEEKDAYS[m.group("wd").lower().rstrip(".")[:3] if m.group("wd").lower()[:3] != "thu" else "thu"]
        tense = _tense_from_context(text, m.start(), m.end())
        if year is not None and date(year, month, day).weekday() != wd:
            # a typo in the year or in the weekday: keep only the month and day, which both readings share
            out.append(Clue("monthday", m.group(0), m.start(), m.end(), article_id, tense, month=month, day=day))
            continue
        out.append(Clue("weekday_date", m.group(0), m.start(), m.end(), article_id, tense, year, month, day, wd,
                        weight=1.5))
    return out


def _top_lines(text: str, lines: int) -> list[tuple[int, str]]:
    """The first ``lines`` lines of the page's head (``_TIMESTAMP_HEAD`` characters) that hold words, with
    their offsets.

    >>> _top_lines("Title\\n\\n  \\nBEIRUT, Jan. 9 -\\nText", 2)
    [(0, 'Title'), (10, 'BEIRUT, Jan. 9 -')]
    """
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text[:_TIMESTAMP_HEAD].split("\n"):
        if line.strip():
            out.append((pos, line))
            if len(out) == lines:
                break
        pos += len(line) + 1
    return out


def dateline_clues(text: str, article_id: str) -> list[Clue]:
    """The article's dateline at the top of the text: written on (or a day before) publication.

    It opens one of the first ``_DATELINE_LINES`` lines that hold words (a title may come first):

    >>> [(c.month, c.day, c.year) for c in dateline_clues("Pope chosen\\n\\nVATICAN CITY (March 13, 2013)-He", "a")]
    [(3, 13, 2013)]
    """
    head = text[:_TIMESTAMP_HEAD]
    m = None
    for pos, _ in _top_lines(text, _DATELINE_LINES):
        m = _DATELINE_RE.match(head, pos) or _DATELINE_BRACKET_RE.match(head, pos)
        if m is not None:
            break
    if m is None:
        return []
    fields = _md_fields(m)
    if fields is None:
        return []
    month, day, year = fields
    return [Clue("dateline", m.group(0).strip(), m.start(), m.end(), article_id, "past", year, month, day,
                 weight=3.0)]


def stamp_clues(text: str, article_id: str) -> list[Clue]:
    """'Published: 9 January 2017', 'Updated on Jan. 10, 2017', or a full date with a clock time near the top
    of the page ('July 6, 2014 5:47 PM EDT'): the page's own timestamp."""
    out = []
    for m in _STAMP_RE.finditer(text):
        g = m.groupdict()
        d = _stamp_date(m)
        if d is None:
            continue
        kind = "updated" if re.search(r"updated|modified", g["what"], re.I) else "published"
        out.append(Clue(kind, m.group(0), m.start(), m.end(), article_id, None, d.year, d.month, d.day,
                        weight=3.0 if kind == "published" else 1.5))
    taken = [(c.start or 0, c.end or 0) for c in out]
    for m in _TIMESTAMP_RE.finditer(text[:_TIMESTAMP_HEAD]):
        d = _stamp_date(m)
        if d is None or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        out.append(Clue("published", m.group(0), m.start(), m.end(), article_id, None, d.year, d.month, d.day,
                        weight=2.0))
    return out


def date_line_clues(text: str, article_id: str, taken: Sequence[tuple[int, int]] = ()) -> list[Clue]:
    """A short line near the top of the page that holds a full date and few other words: its byline date.

    One of the first ``_DATE_LINE_TOP`` lines that hold words, within the first ``_TIMESTAMP_HEAD`` characters,
    at most ``_DATE_LINE_CHARS`` long, with at most ``_DATE_LINE_WORDS`` words besides the date; the first
    such line only, and none that overlaps ``taken`` (a stamp or dateline already read there).

    >>> [(c.kind, c.year, c.month, c.day) for c in date_line_clues("Raid kills leader\\nWednesday, June 29, 2016\\nThe raid", "a")]
    [('published', 2016, 6, 29)]
    >>> date_line_clues("Raid kills leader\\nThe raid of June 29, 2016 was the third in the province this year.", "a")
    []
    """
    for start, line in _top_lines(text, _DATE_LINE_TOP):
        if len(line.strip()) > _DATE_LINE_CHARS:
            continue
        m = _DATE_LINE_RE.search(line)
        if m is None:
            continue
        d = _stamp_date(m)
        span = (start + m.start(), start + m.end())
        rest = re.findall(r"\w+", line[: m.start()] + " " + line[m.end() :])
        if d is None or len(rest) > _DATE_LINE_WORDS or any(a < span[1] and span[0] < b for a, b in taken):
            continue
        return [Clue("published", m.group(0), span[0], span[1], article_id, None, d.year, d.month, d.day, weight=2.0)]
    return []


def _stamp_date(m: re.Match[str]) -> date | None:
    """The day of a stamp match: ISO, numeric (month first unless the first number is over 12) or named."""
    g = m.groupdict()
    try:
        if g.get("iy"):
            return date(int(g["iy"]), int(g["im"]), int(g["id"]))
        if g.get("ny"):
            a, b = int(g["na"]), int(g["nb"])
            month, day = (b, a) if a > 12 else (a, b)
            return date(int(g["ny"]), month, day)
        fields = _md_fields(m)
        if fields is None or fields[2] is None:
            return None
        return date(fields[2], fields[0], fields[1])
    except ValueError:
        return None


_EXPLICIT_YEAR = re.compile(r"\d{4}|'\d\d\b")


def _form_clue(tx: Timex, text: str, article_id: str) -> Clue | None:
    form = tx.form or ("=" + tx.value if tx.value and tx.value[:1].isdigit() else None)
    if not form or tx.type not in ("DATE", "TIME"):
        return None
    base = form.split("|", 1)[0] if not form.startswith("=") else form
    if base.startswith("="):
        value = base[1:]
        m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
        if m is None:
            return None
        y = int(m.group(1))
        rest = value[m.end():]
        tense = _tense_from_context(text, tx.start, tx.end)
        if (m.group(2) or m.group(3)) and not _EXPLICIT_YEAR.search(tx.text):
            return None  # "a year later", "the next day": resolved against another date of the text, not stated
        if m.group(3):
            try:
                date(y, int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
            return Clue("date", tx.text, tx.start, tx.end, article_id, tense, y, int(m.group(2)), int(m.group(3)))
        if m.group(2):
            if not 1 <= int(m.group(2)) <= 12:
                return None
            return Clue("month", tx.text, tx.start, tx.end, article_id, tense, y, int(m.group(2)))
        if rest and not rest.startswith(("-Q", "-H", "-W", "-SP", "-SU", "-FA", "-WI")):
            return None
        if not re.search(r"\d{4}", tx.text):
            return None  # "the year" and the like resolved to a year: not a statement about one
        return Clue("year", tx.text, tx.start, tx.end, article_id, tense, y, weight=0.7)
    kind, _, rest = base.partition(":")
    parts = rest.split(":")
    code = parts[-1] if parts else "n"
    tense = {"p": "past", "P": "past", "f": "future", "F": "future"}.get(code)
    if tense is None and kind in ("md", "m", "wd"):
        tense = _tense_from_context(text, tx.start, tx.end)
    try:
        if kind == "wd":
            return Clue("weekday", tx.text, tx.start, tx.end, article_id, tense, weekday=int(parts[0]) - 1)
        if kind == "md":
            mo, d = (int(x) for x in parts[0].split("-"))
            if d > calendar.monthrange(2000, mo)[1]:
                return None
            return Clue("monthday", tx.text, tx.start, tx.end, article_id, tense, month=mo, day=d)
        if kind == "m":
            return Clue("monthname", tx.text, tx.start, tx.end, article_id, tense, month=int(parts[0]), weight=0.7)
    except (ValueError, IndexError):
        return None
    return None  # anchor-relative shifts ("yesterday", "last year") say nothing without an anchor


_LOWER_BOUND = re.compile(r"\b(?:since|ever since|the first time since|(?:highest|lowest|best|worst|biggest|largest|smallest|strongest|weakest)\b[\w\s]{0,20}?\bsince)\s+(?:early\s+|late\s+|mid-?\s*)?$", re.IGNORECASE)


def _bounded(clue: Clue, text: str) -> Clue:
    """'since October 1997': a lower bound, not a recent event."""
    if clue.start is None or clue.kind not in ("date", "month", "year"):
        return clue
    if _LOWER_BOUND.search(text[max(0, clue.start - 60) : clue.start]):
        return Clue(clue.kind, clue.text, clue.start, clue.end, clue.article_id, "past", clue.year, clue.month,
                    clue.day, clue.weekday, clue.weight, clue.spread, bound="lower")
    return clue


def clues_from_timexes(
    timexes: Iterable[Timex], text: str, article_id: str, skip: Sequence[tuple[int, int]] = ()
) -> list[Clue]:
    """Read the tagger's timexes as anchor-free clues, leaving out those inside ``skip`` spans."""
    out = []
    for tx in timexes:
        if _inside(tx.start, tx.end, skip):
            continue
        clue = _form_clue(tx, text, article_id)
        if clue is not None:
            out.append(_bounded(clue, text))
    return out


def _overlaps(c: Clue, spans: Sequence[tuple[int, int]]) -> bool:
    if c.start is None or c.end is None:
        return False
    return any(c.start < b and a < c.end for a, b in spans)


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "seventy-fifth": 75,
    "hundredth": 100,
}  # fmt: skip
_ANNIVERSARY_RE = re.compile(
    r"\b(?:(?P<n>\d{1,3})(?:st|nd|rd|th)|(?P<word>" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r"))"
    r"\s+anniversary\s+of\b(?P<rest>(?:[^.;\n]|\.(?=\s+\d)){0,120})",  # "of the Feb. 29, 2000 vote"
    re.IGNORECASE,
)


_COUNTED_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")  # the year an anniversary counts from: the first after "of"
# the old event's month (and day) written just before that year: "March 2011", "March 11, 2011", "11 March 2011";
# case-sensitive, so that "the march in 1963" is no month
_COUNTED_MONTH = re.compile(
    r"(?:\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?)?\b" + _MONTH_RE + r"(?:\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?,?\s+$"
)


def anniversary_clues(text: str, article_id: str, skip: Sequence[tuple[int, int]] = ()) -> list[Clue]:
    """'the 11th anniversary of the disaster in March 2011': published in 2022 (the year plus the count), and
    when the old event's month (or day) is written, around that month (or day) of 2022.

    >>> c = anniversary_clues("It marked the 11th anniversary of the disaster in March 2011.", "a")[0]
    >>> (c.kind, c.year, c.month, c.day)
    ('anniversary', 2022, 3, None)
    """
    out = []
    for m in _ANNIVERSARY_RE.finditer(text):
        if _inside(m.start(), m.end(), skip):
            continue
        n = int(m.group("n")) if m.group("n") else _ORDINALS[m.group("word").lower()]
        y = _COUNTED_YEAR.search(m.group("rest"))
        if y is None or not 1 <= n <= 200:
            continue
        year = int(y.group(1)) + n
        if not 1800 <= year <= 2200:
            continue
        month = day = None
        md = _COUNTED_MONTH.search(m.group("rest")[: y.start()])
        if md is not None:
            month = _month_of(md.group("mon"))
            d = int(md.group("d1") or md.group("d2") or 0)
            day = d if 1 <= d <= calendar.monthrange(year, month)[1] else None
        out.append(Clue("anniversary", m.group(0), m.start(), m.end(), article_id, None, year, month, day, weight=1.0))
    return out


def text_clues(text: str, timexes: Iterable[Timex], article_id: str, *, ignore_boilerplate: bool = True) -> list[Clue]:
    """All clues of one article: timexes, dateline, weekday+date pairs, stamps and anniversaries (furniture
    left out)."""
    skip = boilerplate_spans(text) if ignore_boilerplate else []
    stamps = dateline_clues(text, article_id) + stamp_clues(text, article_id)
    spans = [(c.start, c.end) for c in stamps if c.start is not None and c.end is not None]
    stamps += date_line_clues(text, article_id, spans + list(skip))
    spans = [(c.start, c.end) for c in stamps if c.start is not None and c.end is not None]
    # a weekday+date that is a stamp's own date ("Monday 9 January 2017 14.05 GMT") is that stamp, read once
    specials = stamps + [c for c in weekday_date_clues(text, article_id, skip) if not _overlaps(c, spans)]
    taken = [(c.start, c.end) for c in specials if c.start is not None and c.end is not None]
    base = [c for c in clues_from_timexes(timexes, text, article_id, skip) if not _overlaps(c, taken)]
    extra = anniversary_clues(text, article_id, skip)
    return sorted(_behind_anniversaries(specials + base, extra) + extra, key=lambda c: (c.start or 0, c.end or 0))


def _behind_anniversaries(clues: list[Clue], anniversaries: list[Clue]) -> list[Clue]:
    """Dates in the year whose anniversary the text marks are that old event told again: publication is after
    them, and how long after is what the anniversary says, so they become lower bounds ("since" clues).

    >>> c = Clue("month", "March 2011", 0, 10, "a", "past", 2011, 3)
    >>> now = Clue("year", "2022", 90, 94, "a", None, 2022)
    >>> a = Clue("anniversary", "11th anniversary of the disaster in March 2011, in 2022", 20, 74, "a", None, 2022)
    >>> [x.bound for x in _behind_anniversaries([c, now], [a])]
    ['lower', None]
    """
    # the year each anniversary counts from, read as anniversary_clues read it (not every year of the phrase)
    old = {int(y.group(1)) for a in anniversaries if (y := _COUNTED_YEAR.search(a.text))}
    if not old:
        return clues
    return [replace(c, bound="lower") if c.kind in ("date", "month", "year") and c.year in old and c.bound is None
            else c for c in clues]  # fmt: skip
