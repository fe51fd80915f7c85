"""Pattern tables of the temporal tagger: word lists and the regular expressions built from them.

Internal module: the names here are not a stable API; use ``dateline.temporal.extract_timexes``.
Each rule is one compiled regex with named groups; ``extract.py`` maps a match to a form
(see ``normalize.py``). Month names and weekdays must be capitalized (``may``, ``march`` and
``sun`` are ordinary words); everything else matches in any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tues": 2, "tue": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thurs": 4, "thu": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}  # fmt: skip
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1, "one hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5, "a half": 0.5,
}  # fmt: skip
VAGUE_NUMBERS = ("a few", "few", "several", "some", "many", "a number of", "dozens of", "hundreds of", "the next few",
                 "the past few", "the last few")  # fmt: skip
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "final": 4,
}  # fmt: skip
UNITS = {
    "second": "S", "seconds": "S", "minute": "MIN", "minutes": "MIN", "hour": "H", "hours": "H",
    "day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M",
    "year": "Y", "years": "Y", "decade": "DE", "decades": "DE", "century": "CE", "centuries": "CE",
    "quarter": "Q", "quarters": "Q", "fortnight": "FN", "weekend": "WE", "weekends": "WE",
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
HOLIDAYS = {
    "christmas eve": "christmaseve", "christmas day": "christmas", "christmas": "christmas",
    "new year's eve": "newyeareve", "new year's day": "newyear", "new year's": "newyear",
    "independence day": "independence", "fourth of july": "independence", "july fourth": "independence",
    "valentine's day": "valentine", "st. patrick's day": "stpatrick", "halloween": "halloween",
    "veterans day": "veterans", "veterans' day": "veterans", "boxing day": "boxing", "may day": "mayday",
    "bastille day": "bastille", "easter": "easter", "easter sunday": "easter", "good friday": "goodfriday",
    "thanksgiving": "thanksgiving", "thanksgiving day": "thanksgiving", "memorial day": "memorial",
    "labor day": "labor", "martin luther king day": "mlk", "martin luther king jr. day": "mlk",
    "presidents day": "presidents", "presidents' day": "presidents", "columbus day": "columbus",
    "mother's day": "mothers", "father's day": "fathers",
}  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    """An alternation, longest first, with spaces matching any run of spaces."""
    items = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


def _cased(names: list[str]) -> str:
    """Title-case or upper-case words only (case-sensitive inside an re.I pattern)."""
    out = []
    for n in sorted(names, key=len, reverse=True):
        out.append(n.title())
        out.append(n.upper())
    return "(?-i:" + "|".join(out) + ")"


_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
MONTH = r"(?:" + _cased(_FULL_MONTHS) + r"|" + _cased(_ABBR_MONTHS) + r"\.?(?![a-z]))"
# a month alone must not be the modal "May" or the verb "March": see extract.py
_FULL_WD = [w for w in WEEKDAYS if len(w) > 5]
_ABBR_WD = [w for w in WEEKDAYS if len(w) <= 5 and w not in ("sun", "sat", "wed")]
WEEKDAY = r"(?:" + _cased(_FULL_WD) + r"|" + _cased(_ABBR_WD) + r"\.)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[0-9]\d\d|20\d\d)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
YEARWORD = (
    r"(?:(?-i:[Nn]ineteen|NINETEEN)[\s-]+(?:"
    + _TENS
    + r"(?:[\s-]+"
    + _ONES
    + r")?|"
    + _TEENS
    + r"|hundred(?:\s+and)?(?:[\s-]+"
    + _ONES
    + r")?|oh[\s-]+"
    + _ONES
    + r")"
    r"|two\s+thousand(?:(?:\s+and)?[\s-]+(?:"
    + _TEENS
    + r"|"
    + _ONES
    + r"|"
    + _TENS
    + r"(?:[\s-]+"
    + _ONES
    + r")?))?)"
)
YEAR = r"(?:" + YEAR4 + r"|'\d\d|" + YEARWORD + r")"
NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|"
    + _alt([k for k in NUMBER_WORDS if k not in ("a", "an")])
    + r")"
)
NUM = r"(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+|" + NUMWORD + r"(?:[\s-]+(?:and[\s-]+)?(?:a[\s-]+)?half)?|an?)"
VAGUE = _alt(VAGUE_NUMBERS)
UNIT = _alt(UNITS)
PART = _alt(PARTS_OF_DAY)
ORD = _alt(ORDINALS)
APPROX = r"(?:(?:about|nearly|almost|roughly|approximately|some|at\s+least|more\s+than|less\s+than|up\s+to|fewer\s+than|over\s+the)\s+)"
REL = r"(?:last|this|next|past|coming|previous|current|following|recent|same|that)"
EDGE = r"(?:early|earlier|mid|late|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end|start)"
TZ = r"(?:\s+(?-i:[ECMP][SD]T|GMT|UTC|ET|local\s+time))"
CLOCK = (
    r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?:\s+hours\b|(?=" + TZ + r"))"
    r"|(?:[01]\d|2[0-3])[0-5]\d(?=\s+(?-i:GMT|UTC))|noon|midnight)"
)

B = r"(?<![\w$£€#/.:-])"  # left boundary: not inside a word, a number, an amount or a path
E = r"(?![\w])"  # right boundary

# fmt: off
RULES: list[tuple[str, str]] = [
    # full dates: weekday optional, month day year in either order
    ("date_mdy", B + r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?P<mon>" + MONTH + r")\s*(?P<day>" + DAYNUM
     + r")(?:,\s*|\s+)(?P<year>" + YEAR4 + r")" + E),
    ("date_dmy", B + r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<day>" + DAYNUM + r")\s+(?:of\s+)?(?P<mon>"
     + MONTH + r"),?\s+(?P<year>" + YEAR4 + r")" + E),
    ("date_iso", B + r"(?P<year>" + YEAR4 + r")(?P<sep>[-/.])(?P<mon>0[1-9]|1[0-2])(?P=sep)(?P<day>0[1-9]|[12]\d|3[01])"
     r"(?:[T ](?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?" + E),
    # 01/08/2017 is January 8 (US order) unless the first number cannot be a month (13/01/2017)
    ("date_us", B + r"(?P<mon>0?[1-9]|[12]\d|3[01])(?P<sep>[/.])(?P<day>0?[1-9]|[12]\d|3[01])(?P=sep)(?P<year>"
     + YEAR4 + r")" + E),
    # month + day without a year
    ("date_md", B + r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?P<mon>" + MONTH + r")\s*(?P<day>" + DAYNUM
     + r")(?![\d,.:]\d|\w)(?:,?\s+(?P<rel>last|this|next)\s+year)?"),
    ("date_dm", B + r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<day>" + DAYNUM + r")\s+(?:of\s+)?(?P<mon>"
     + MONTH + r")(?!\s*,?\s*\d)" + E),
    # month + year, seasons + year
    ("month_year", B + r"(?:(?P<edge>" + EDGE + r")[\s-]+(?:of\s+)?)?(?P<mon>" + MONTH + r"),?\s+(?:of\s+)?(?P<year>"
     + YEAR + r")" + E),
    ("month_rel", B + r"(?:(?P<edge>" + EDGE + r")[\s-]+(?:of\s+)?)?(?P<mon>" + MONTH
     + r"),?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year" + E),
    ("month", B + r"(?:(?P<rel>last|this|next|early|late|mid|earlier|later|the\s+end\s+of|the\s+middle\s+of"
     r"|the\s+beginning\s+of|the\s+start\s+of|each|every)(?:\s+|-))?(?P<mon>" + MONTH + r")" + E),
    ("season", B + r"(?:(?P<rel>last|this|next|past|coming|early|late|mid|earlier|later|the)(?:\s+|-))?(?P<season>"
     + _alt(SEASONS) + r")(?:\s+(?:of\s+)?(?P<year>" + YEAR + r"))?" + E),
    # years, decades, centuries
    ("year", r"(?:(?<=\d\d\d\d[-–])|" + B + r")(?:(?P<pre>fiscal(?:\s+year)?|the\s+year|mid|early|late|calendar|the\s+end\s+of|the\s+beginning\s+of"
     r"|the\s+start\s+of|the\s+middle\s+of)[\s-]+|(?P<fy>(?-i:FY)\s?))?(?P<year>"
     + YEAR4 + r")(?P<poss>'s)?" + E),
    ("year_word", B + r"(?:(?P<pre>the\s+year|in|since|by|of|until|from|during)\s+)?(?P<year>" + YEARWORD + r")" + E),
    ("decade", B + r"(?:the\s+)?(?:(?P<edge>early|mid|late)[\s-]+)?(?P<dec>(?:1[0-9]|20)\d0|'\d0)'?s" + E),
    ("decade_word", B + r"(?:the\s+)?(?:(?P<edge>early|mid|late)[\s-]+)?(?P<decw>twenties|thirties|forties|fifties"
     r"|sixties|seventies|eighties|nineties)" + E),
    ("century", B + r"(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|" + ORD + r")[\s-]+century" + E),
    # quarters and halves
    ("quarter", B + r"(?:(?:the|its|their|this\s+year's|last\s+year's|next\s+year's)\s+)?(?:(?P<year0>" + YEAR4
     + r")\s+)?(?:(?P<rel>latest|current|last|past|previous|coming|next|same|year-ago|year-earlier|fiscal)\s+)?"
     r"(?:(?P<fiscal>fiscal)\s+)?(?P<ord>" + ORD + r")(?:[\s-]+fiscal)?[\s-]+(?P<unit>quarter|half)"
     r"(?:\s+(?:of\s+)?(?:(?P<year>" + YEAR4 + r")|(?:fiscal\s+)?(?P<yrel>this|last|next)\s+year|(?P<fy>fiscal\s+"
     + YEAR4 + r")))?" + E),
    ("quarter_q", B + r"(?P<q>Q[1-4])(?:\s+(?P<year>" + YEAR4 + r"))?" + E),
    ("quarter_bare", B + r"the\s+(?:(?P<rel>latest|current|last|past|previous|coming|next|same|year-ago|year-earlier"
     r"|recent)\s+)?(?P<unit>quarter|period)" + E),
    # relative periods
    ("rel_unit", B + r"(?:(?P<edge>" + EDGE + r")\s+)?(?P<rel>last|this|next|coming|previous|current|past|the)\s+"
     r"(?:fiscal\s+)?(?P<unit>week|month|year|decade|century|weekend|fall|spring|summer|winter|autumn)" + E),
    ("year_ago", B + r"(?P<rel>year-(?:ago|earlier))" + E),
    ("weekend", B + r"the\s+weekend(?!\s+(?:of|before|after))" + E),
    ("day_word", B + r"(?:(?P<edge>early|late|earlier|later)\s+)?(?P<dw>today|yesterday|tomorrow|tonight"
     r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<part>" + PART + r"))?(?P<poss>'s)?" + E),
    ("this_part", B + r"(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>" + PART + r")" + E),
    ("anaphor", B + r"(?P<ana>(?:the|a)\s+(?:day|week|month|year)\s+(?:before|earlier|later|after)"
     r"|(?:the\s+)?(?:next|following|previous|prior|same)\s+(?:day|week|month|year|morning|night|evening)"
     r"|that\s+(?:day|week|month|year|morning|night|evening))" + E),
    # weekdays (optionally with a part of day)
    ("weekday", B + r"(?:(?P<rel>last|this|next|on|early|late|coming|past|this\s+coming|this\s+past|the\s+previous"
     r"|the\s+following|the\s+next)\s+)?(?P<wd>" + WEEKDAY + r")(?:(?P<pl>s)|(?:'s)?(?:\s+(?P<part>" + PART
     + r")))?(?![\w])"),
    # times of day
    ("clock", B + r"(?P<clock>" + CLOCK + r")(?P<tz>" + TZ + r")?(?:,?\s+(?:on\s+)?(?:(?P<wd>" + WEEKDAY
     + r")|(?P<dw>today|yesterday|tomorrow)|(?P<mon>" + MONTH + r")\s*(?P<day>" + DAYNUM + r")(?:,?\s+(?P<year>" + YEAR4
     + r"))?(?![\d,.:]\d)))?" + E),
    ("clock_pre", B + r"(?:(?P<dw>today|yesterday|tomorrow)|(?P<wd>" + WEEKDAY + r"))\s+(?:at\s+)?(?P<clock>" + CLOCK
     + r")(?P<tz>" + TZ + r")?" + E),
    # sets
    ("set_every", B + r"(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<wd>" + WEEKDAY + r")|(?P<mon>" + MONTH
     + r")|(?P<unit>day|week|month|year|morning|evening|night|hour|minute|quarter|summer|winter|spring|fall|weekend"
     r"|decade))" + E),
    ("set_adv", B + r"(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually)" + E),
    ("set_a", r"(?:(?<=[\d%])|(?<=\btwice)|(?<=\bonce)|(?<=\btimes))(?:\s+(?:\w+\s+)?(?:dollars|cents|percent|points|tons|barrels|a)?)?\s*(?P<a>a|per)\s+"
     r"(?P<unit>year|month|week|day|hour)" + E),
    # ago / later: a number of units before or after the anchor or the reference
    ("ago", B + r"(?P<approx>" + APPROX + r")?(?P<num>" + NUM + r"|" + VAGUE + r")?[\s-]*(?P<unit>" + UNIT
     + r")\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|back)" + E),
    # durations
    ("duration", B + r"(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|coming|first|final|previous|following|remaining"
     r"|other|better\s+part\s+of\s+the)\s+)?(?P<approx>" + APPROX + r")?(?P<num>" + NUM + r"|" + VAGUE
     + r")(?P<sep>[\s-]+|\s+(?:and\s+a\s+half\s+)?)(?P<unit>" + UNIT + r")(?P<old>[\s-]+old)?" + E),
    ("duration_bare", B + r"(?:(?P<pre>for|within|the\s+past|the\s+last|the\s+next|recent|in\s+recent|(?:the\s+)?coming|past"
     r"|over\s+the\s+past|over\s+the\s+last|for\s+many|for\s+several)\s+)(?P<unit>years|months|weeks|days|decades"
     r"|centuries|hours)" + E),
    ("duration_half", B + r"(?P<unit>half\s+(?:a|an)\s+(?:hour|day|year|century|decade)|a\s+half[\s-]+"
     r"(?:hour|day|year|century))" + E),
    # holidays
    ("holiday", B + r"(?:(?P<rel>last|this|next)\s+)?(?P<hol>" + _alt(HOLIDAYS) + r")(?:\s+(?P<year>" + YEAR4
     + r"))?" + E),
    # document-relative references
    ("ref", B + r"(?P<ref>now|currently|current|nowadays|these\s+days|at\s+present|presently|the\s+present"
     r"|at\s+the\s+moment|for\s+the\s+time\s+being|recently|lately|the\s+past|in\s+the\s+past|the\s+future"
     r"|in\s+the\s+near\s+future|(?:in\s+)?recent\s+(?:years|months|weeks|days|decades)"
     r"|(?:some|several|many)\s+years\s+ago)" + E),
]
# fmt: on

COMPILED = [(name, re.compile(rx, re.I)) for name, rx in RULES]

# tense cue words, searched outwards from an expression within its clause
FUTURE_WORDS = frozenset(
    "will won't shall would upcoming next later until scheduled slated planned planning plans plan expects expected "
    "intends begins starts opens closes ends resumes meets arrives expires launches "
    "intend hopes aims due going likely tomorrow".split()
)
PAST_WORDS = frozenset(
    "said says was were had did ago last earlier told took came went made gave got began left met won lost held "
    "fell rose saw found became sent paid led brought kept ran spoke wrote broke struck shot flew fought sought "
    "bought sold built chose drew drove ate knew thought stood sat yesterday wasn't weren't hadn't didn't".split()
)
CLAUSE_END = re.compile(r"[.?!;]\s|\n")
NOT_PAST_ED = frozenset(
    "need speed indeed hundred embed feed seed proceed exceed succeed bed red shed breed greed bleed weed united "
    "limited based related detailed expected scheduled planned interested concerned supposed advanced "
    "proposed reed deed steed".split()
)
# a four-digit number followed by one of these words counts something; it is not a year
COUNT_NOUNS = re.compile(
    r"\s*(?:%|percent|per\s+cent|people|persons|workers|employees|jobs|troops|soldiers|shares|dollars|euros|pounds|"
    r"yen|tons|tonnes|barrels|miles|kilometers|km|feet|meters|acres|cars|vehicles|homes|houses|units|points|"
    r"votes|students|members|children|women|men|cases|deaths|patients|refugees|prisoners|pages|words|rooms|beds|"
    r"square|sq|mph|kg|lbs|pounds|calories|degrees|to\s+\d|-\d|\d|,\d|[./:]\d|[ap]\.?m\.?\b|hours|hrs|GMT|EST|"
    r"times|rounds|runs|yards|bhp|hp|cc|mm|cm|ft|m\b|x\b|gb|mb)",
    re.I,
)
NOT_YEAR_BEFORE = re.compile(
    r"(?:\$|£|€|#|No\.|no\.|number|Nos?\.?|Flight|flight|Route|route|Highway|highway|Room|room|page|pages|p\.|"
    r"[Aa]ge[ds]?|\d[,.]|\babout|\bnearly|\bsome|\bover|\bunder|\bthan|\baround|\bapproximately|\balmost|\bonly|\bjust)\s*$"
)

# Speed: every match of a rule contains one of its key tokens (lower-cased words or numbers, or a
# pattern a whole token must match). A rule is only tried at the starts of the few tokens before a key.
_MONTH_KEYS = tuple(MONTHS)
_UNIT_KEYS = (
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "quarter",
    "quarters",
    "fortnight",
    "fortnights",
    "weekend",
    "weekends",
)
_CLOCK_KEYS = (
    "m",
    "am",
    "pm",
    "noon",
    "midnight",
    "gmt",
    "utc",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "et",
    "hours",
)
_WD_KEYS = tuple(WEEKDAYS) + tuple(w + "s" for w in WEEKDAYS if len(w) > 5)
KEYS: dict[str, tuple[str, ...] | re.Pattern[str]] = {
    "date_mdy": _MONTH_KEYS, "date_dmy": _MONTH_KEYS, "date_md": _MONTH_KEYS, "date_dm": _MONTH_KEYS,
    "month_year": _MONTH_KEYS, "month_rel": _MONTH_KEYS, "month": _MONTH_KEYS,
    "date_iso": re.compile(r"\d{4}"), "date_us": re.compile(r"\d{4}"),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "year": re.compile(r"(?:1\d|20)\d\d"), "year_word": ("nineteen", "thousand"),
    "decade": re.compile(r"\d*0s"), "decade_word": ("twenties", "thirties", "forties", "fifties", "sixties",
                                                      "seventies", "eighties", "nineties"),
    "century": ("century",),
    "quarter": ("quarter", "half"), "quarter_q": ("q",), "quarter_bare": ("quarter", "period"),
    "rel_unit": ("week", "month", "year", "decade", "century", "weekend", "fall", "spring", "summer", "winter", "autumn"),
    "year_ago": ("year",), "weekend": ("weekend",), "day_word": ("today", "yesterday", "tomorrow", "tonight"),
    "this_part": tuple(PARTS_OF_DAY),
    "anaphor": ("day", "week", "month", "year", "morning", "night", "evening"),
    "weekday": _WD_KEYS, "clock": _CLOCK_KEYS, "clock_pre": _CLOCK_KEYS,
    "set_every": ("every", "each", "per"),
    "set_adv": ("daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "biweekly", "semiannually"),
    "set_a": ("year", "month", "week", "day", "hour"),
    "ago": ("ago", "earlier", "later", "before", "after", "now", "hence", "back"),
    "duration": _UNIT_KEYS, "duration_bare": ("years", "months", "weeks", "days", "decades", "centuries", "hours"),
    "duration_half": ("half",),
    "holiday": ("christmas", "new", "independence", "july", "fourth", "valentine", "patrick", "halloween", "veterans",
                "boxing", "bastille", "easter", "good", "thanksgiving", "memorial", "labor", "king", "presidents",
                "columbus", "mother", "father", "may", "st"),
    "ref": ("now", "currently", "current", "nowadays", "these", "present", "presently", "moment", "time", "recently",
            "lately", "past", "future", "recent", "years"),
}  # fmt: skip
TOKEN = re.compile(r"[a-z]+|\d+[a-z]*")
KEY_BEFORE = 6  # a match starts at most this many tokens before its key ...
KEY_REACH = 80  # ... and at most this many characters before it
KEY_AFTER = 80  # and ends at most this many characters after it
SEARCH_RULES = {"set_a": 40}  # rules that do not start at a token: searched in a window before the key
# how many tokens before its key a rule's match may start (default KEY_BEFORE)
RULE_BEFORE = {"weekend": 1, "date_iso": 0, "date_us": 2, "date_mdy": 1, "date_md": 1, "date_dmy": 4, "date_dm": 4,
               "month_year": 3, "month_rel": 3, "month": 3, "quarter_q": 0, "weekday": 2, "holiday": 3, "year_ago": 0,
               "day_word": 4, "this_part": 1, "rel_unit": 4, "ago": 4, "duration": 4, "set_every": 2}  # fmt: skip
_NUMBERISH = frozenset(
    [w for k in NUMBER_WORDS for w in k.split()]
    + "few several many some couple dozen dozens hundreds number half of twenty thirty forty fifty sixty seventy "
    "eighty ninety one two three four five six seven eight nine".split()
)
_UNIT_WORDS = frozenset(_UNIT_KEYS)
# cheap checks on the token before a key (None: always try)
PREV_TOKEN: dict[str, frozenset[str] | None] = {
    "duration": _NUMBERISH,
    "ago": _UNIT_WORDS | {"s"},
    "rel_unit": frozenset("last this next coming previous current past fiscal the".split()),
    "anaphor": frozenset("the a next following previous prior same that".split()),
    "duration_bare": frozenset("for within past last next recent coming many several".split()),
    "quarter_bare": frozenset(
        "the latest current last past previous coming next same ago earlier recent".split()
    ),
}
CAPITALIZED = frozenset(
    "date_mdy date_dmy date_md date_dm month_year month_rel month weekday holiday".split()
)
