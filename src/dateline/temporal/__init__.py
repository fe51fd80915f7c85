"""The temporal stage: find TIMEX3 expressions in news text and normalize them against an anchor day.

Public API::

    extract_timexes(text, anchor, *, config=DEFAULT_TEMPORAL) -> list[Timex]
    reresolve(timex, anchor) -> Timex          # cheap: recompute the value from timex.form
    resolve_form(form, anchor) -> str          # the value of a form (grammar in normalize.py)
    is_anchor_relative(timex) -> bool
    timex_tense(timex) -> "past" | "future" | None
    iter_timexes(articles) -> Iterator[(article_id, list[Timex])]
    timexes_batch(batch, config) -> pa.RecordBatch

Forms (the anchor-independent reading kept in ``Timex.form``; full grammar in ``normalize.py``)::

    =VALUE                 absolute: =2015-05, =P2W, =PRESENT_REF, =XXXX-WXX-1
    sh:N:U:G               the anchor moved by N units U, at granularity G (last year = sh:-1:Y:Y)
    wd:D:T                 a weekday (1 = Monday) placed by tense T (p past, f future, n none,
                           P strictly before, F strictly after): said Monday = wd:1:p
    md:MM-DD:T  m:MM:T     a month-day or month without a year: Jan. 8 = md:01-08:n
    s:SS:T q:N:T hf:N:T h:NAME:T we:T     season, quarter, half, holiday, weekend without a year
    off:N:U[:G]>FORM       FORM moved by N units U: the day before Sunday = off:-1:D:D>wd:7:p
    FORM|SUFFIX            a suffix added to the value: Monday morning = wd:1:p|TMO

The rules live in ``patterns.py`` (regex tables), ``extract.py`` (matching, reference tracking) and
``normalize.py`` (forms and their resolution). ``timeml.py`` reads and writes TimeML files and
``scoring.py`` scores them the TempEval-3 way.
"""

from __future__ import annotations

from dateline.temporal.config import DEFAULT_TEMPORAL, TemporalConfig
from dateline.temporal.extract import (
    extract_timexes,
    is_anchor_relative,
    iter_timexes,
    reresolve,
    timex_tense,
    timexes_batch,
)
from dateline.temporal.normalize import form_tense, resolve_form

REQUIRES = ("id", "stated_date", "text")
ASSIGNS = ("timexes",)

__all__ = [
    "ASSIGNS",
    "DEFAULT_TEMPORAL",
    "REQUIRES",
    "TemporalConfig",
    "extract_timexes",
    "form_tense",
    "is_anchor_relative",
    "iter_timexes",
    "reresolve",
    "resolve_form",
    "timex_tense",
    "timexes_batch",
]
