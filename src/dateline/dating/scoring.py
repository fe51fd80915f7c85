"""Score candidate publication days against date clues.

Each clue implies a set of plausible publication days with a weight: "in October 2015" (past) makes every day
from 2015-10-01 on plausible and earlier days unlikely; "Jan. 8" (past, no year) favours the days just after a
Jan. 8; "said Monday" favours Mondays and Tuesdays. A clue's log-likelihood over the candidate days is a robust
mixture (a near part, a wider part and a flat floor), so one misread clue cannot veto a day on its own.
The days' total is the weighted sum over clues, plus a parsimony term: past-tense day clues that resolve to fewer
distinct recent days are more likely (news reports are about one or two days), which is how "on Sunday" and
"on Jan. 8" together pin a year in which Jan. 8 was a Sunday.

Internal module: ``dateline.dating.estimate`` is the public entry point.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np

from dateline.dating.clues import Clue
from dateline.dating.config import DatingConfig

__all__ = ["DayScores", "candidate_window", "score_days"]

MIN_YEAR = 1800
MAX_YEAR = 2200

# Offsets are "publication minus the date mentioned" in days: positive when the date lies in the past.
# Day clues: a small bump just after the date, a plateau (dates within about a month either way are routine),
# tails that decay away from it, and a floor (a misread clue). The tense moves the plateau.
# tense -> (bump mass, plateau lo, plateau hi, plateau mass, past-tail mass, past scale, future-tail mass, future scale)
_DAY_SHAPES: dict[str | None, tuple[float, int, int, float, float, float, float, float]] = {
    "past": (0.08, -2, 30, 0.50, 0.30, 180.0, 0.03, 60.0),
    "future": (0.0, -45, 2, 0.55, 0.03, 60.0, 0.30, 120.0),
    None: (0.06, -30, 30, 0.50, 0.25, 180.0, 0.10, 90.0),
}
# Period clues (a month, a year, a month name): offset 0 inside the period. plateau length L after (past) or
# before (future) it. tense -> (plateau lo, plateau hi as multiples of L, plateau mass, past tail, future tail)
_PERIOD_SHAPES: dict[str | None, tuple[float, float, float, float, float]] = {
    "past": (0.0, 1.0, 0.45, 0.35, 0.05),
    "future": (-1.0, 0.0, 0.50, 0.05, 0.30),
    None: (-0.5, 1.0, 0.50, 0.25, 0.10),
}
# kind -> (plateau length L, tail scale, floor span)
_PERIOD_KINDS = {
    "month": (90.0, 365.0, 7300.0),
    "year": (365.0, 730.0, 7300.0),
    "monthname": (60.0, 120.0, 365.0),
}
_DAY_SPAN = {"date": 7300.0, "monthday": 365.0, "weekday_date": 365.0}
# P(publication is k days after the weekday named), k = 0..6, for a past-tense weekday ("said Monday")
_WEEKDAY_PAST = np.log(np.array([0.40, 0.35, 0.08, 0.05, 0.04, 0.04, 0.04]))
# P(publication is k days before the weekday named), for a future-tense weekday ("will meet Friday")
_WEEKDAY_FUTURE = np.log(np.array([0.12, 0.40, 0.16, 0.10, 0.08, 0.07, 0.07]))
_DAY_KINDS = ("date", "monthday", "weekday", "weekday_date", "dateline")
_RECENT_DAYS = 6
# evidence that is not one more sentence of the text: other copies, the URL, htmldate
_UNTEMPERED = ("copy", "neighbours", "url", "html_original", "html_updated")
_TENSE_DOUBT = 0.3
# an anniversary's year: in it, the year before, the year after, anywhere in 20 years
_ANNIVERSARY_SHAPE = (0.80, 0.07, 0.08, 0.05)
# when the old event's month or day is written: the share of that year's mass near the anniversary itself (news
# marks an anniversary in the days around it), and how near (Laplace scale in days, for a day and for a month)
_ANNIVERSARY_NEAR = 0.6
_ANNIVERSARY_SCALE = (7.0, 15.0)
_NEIGHBOUR_FLOOR = 0.01  # the share of the neighbours clue spread over the whole 20-year span


@dataclass(slots=True)
class DayScores:
    """Log-likelihood of each candidate day.

    Attributes:
        days: candidate days as proleptic Gregorian ordinals (``date.toordinal()``), ascending and contiguous.
        total: the summed, weighted log-likelihood of each day.
        per_clue: one row per clue in ``clues`` (already weighted).
        clues: the clues scored, after merging repeats.
    """

    days: np.ndarray
    total: np.ndarray
    per_clue: np.ndarray
    clues: list[Clue]

    def index(self, day: date) -> int | None:
        i = day.toordinal() - int(self.days[0])
        return i if 0 <= i < len(self.days) else None

    def best(self, lo: date | None = None, hi: date | None = None, prefer: date | None = None) -> date:
        """The best day in [lo, hi] (the whole window by default); ties go to the day nearest ``prefer``."""
        a = 0 if lo is None else max(0, lo.toordinal() - int(self.days[0]))
        b = len(self.days) - 1 if hi is None else min(len(self.days) - 1, hi.toordinal() - int(self.days[0]))
        if a > b:
            a, b = 0, len(self.days) - 1
        seg = self.total[a : b + 1]
        top = seg.max()
        cand = np.flatnonzero(seg >= top - 1e-9) + a
        if prefer is not None and len(cand) > 1:
            ref = prefer.toordinal()
            cand = cand[np.argsort(np.abs(self.days[cand] - ref), kind="stable")]
        return date.fromordinal(int(self.days[cand[0]]))


def candidate_window(
    clues: Sequence[Clue], anchor: date | None, config: DatingConfig
) -> tuple[date, date] | None:
    """The days worth scoring.

    With a stated date: ``search_years`` on each side of it (a wrong stated date is rarely further off, and a
    history date in the text, "landed on Dec. 2, 1956", must not pull the estimate decades back). Without
    one: around the years the clues name, at most ``max_years`` wide. None when nothing fixes a year.
    """
    if anchor is not None:
        lo_y, hi_y = anchor.year - config.search_years, anchor.year + config.search_years
    else:
        years = sorted(c.year for c in clues if c.year is not None and MIN_YEAR <= c.year <= MAX_YEAR)
        if not years:
            return None
        # the recent end matters: a publication is after most of what it mentions
        hi_y = years[-1] + 2
        lo_y = max(years[0] - 1, hi_y - config.max_years)
    lo_y, hi_y = max(MIN_YEAR, lo_y), min(MAX_YEAR, hi_y)
    return date(lo_y, 1, 1), date(hi_y, 12, 31)


def _day_density(o: np.ndarray, tense: str | None, span: float) -> np.ndarray:
    """Density of the offset ``o`` (days) for a day clue with ``tense``; see ``_DAY_SHAPES``."""
    bump, plo, phi, pm, past_m, past_s, fut_m, fut_s = _DAY_SHAPES[tense]
    floor = max(1.0 - bump - pm - past_m - fut_m, 0.02)
    dens = np.full(o.shape, floor / span)
    if bump:
        dens += np.where(o >= -1, bump * np.exp(-np.maximum(o, 0) / 2.0) / 2.0, 0.0)
    dens += np.where((o >= plo) & (o <= phi), pm / (phi - plo + 1), 0.0)
    dens += np.where(o > phi, past_m * np.exp(-np.maximum(o - phi, 0) / past_s) / past_s, 0.0)
    dens += np.where(o < plo, fut_m * np.exp(-np.maximum(plo - o, 0) / fut_s) / fut_s, 0.0)
    return dens


def _period_density(o: np.ndarray, tense: str | None, kind: str) -> np.ndarray:
    """Density of the offset ``o`` from a period (0 inside it) for a period clue; see ``_PERIOD_SHAPES``."""
    length, scale, span = _PERIOD_KINDS[kind]
    lo_f, hi_f, pm, past_m, fut_m = _PERIOD_SHAPES[tense]
    plo, phi = lo_f * length, hi_f * length
    floor = max(1.0 - pm - past_m - fut_m, 0.02)
    dens = np.full(o.shape, floor / span)
    dens += np.where((o >= plo) & (o <= phi), pm / (phi - plo + 1), 0.0)
    dens += np.where(o > phi, past_m * np.exp(-np.maximum(o - phi, 0) / scale) / scale, 0.0)
    fut_scale = scale / 2 if tense != "future" else scale
    dens += np.where(o < plo, fut_m * np.exp(-np.maximum(plo - o, 0) / fut_scale) / fut_scale, 0.0)
    return dens


def _sharp_density(o: np.ndarray, span: float) -> np.ndarray:
    """A dateline or publication stamp: publication on the day or the next, rarely later."""
    dens = np.full(o.shape, 0.04 / span)
    dens += np.where((o >= 0) & (o <= 1), np.where(o == 0, 0.6, 0.25), 0.0)
    dens += np.where((o == -1) | ((o >= 2) & (o <= 7)), 0.11 / 7, 0.0)
    return dens


def _occurrences(month: int, day: int, y0: int, y1: int, weekday: int | None = None) -> np.ndarray:
    out = []
    for y in range(y0, y1 + 1):
        if day > calendar.monthrange(y, month)[1]:
            continue
        d = date(y, month, day)
        if weekday is None or d.weekday() == weekday:
            out.append(d.toordinal())
    return np.array(out, dtype=np.int64)


def _offsets(days: np.ndarray, occ: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Days since the latest occurrence on or before each day, and until the next one (inf when none)."""
    big = np.float64(1e6)
    if len(occ) == 0:
        inf = np.full(len(days), big)
        return inf, inf
    i = np.searchsorted(occ, days, side="right") - 1
    past = np.where(i >= 0, days - occ[np.clip(i, 0, None)], big).astype(np.float64)
    j = np.searchsorted(occ, days, side="left")
    fut = np.where(j < len(occ), occ[np.clip(j, None, len(occ) - 1)] - days, big).astype(np.float64)
    return past, fut


def _tensed(past_ll: np.ndarray, fut_ll: np.ndarray, tense: str | None) -> np.ndarray:
    if tense == "past":
        return past_ll
    if tense == "future":
        return fut_ll
    return np.asarray(np.logaddexp(np.log(0.85) + past_ll, np.log(0.15) + fut_ll))


def _interval_offsets(days: np.ndarray, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Natural offsets for 'on or after [lo, hi]' (past) and 'on or before' (future); 0 inside."""
    d = days.astype(np.float64)
    past = np.where(d > hi, d - hi, np.where(d >= lo, 0.0, d - lo))
    fut = np.where(d < lo, lo - d, np.where(d <= hi, 0.0, hi - d))
    return past, fut


def _nearest(days: np.ndarray, occ: np.ndarray) -> np.ndarray:
    """Signed offset (day minus occurrence) to the nearest occurrence; ties go to the past one."""
    past, fut = _offsets(days, occ)
    return np.where(past <= fut, past, -fut)


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _year_month(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Calendar year and month (1-12) of each ordinal day."""
    d64 = (days - _EPOCH_ORDINAL).astype("datetime64[D]")
    months = d64.astype("datetime64[M]").astype(np.int64)
    return months // 12 + 1970, months % 12 + 1


def clue_offsets(clue: Clue, days: np.ndarray, y0: int, y1: int) -> np.ndarray:
    """How far each candidate day lies from what ``clue`` names, in days (positive: the clue is in the past).

    Day clues give the signed distance to the day in days (the nearest matching one when the year is
    unknown); a year gives the difference of years, a month the difference of months (a month name: to its
    nearest occurrence, -6..5); a bare weekday gives the days since the latest such weekday (0-6). The fitted profiles (``profiles.py``) are densities of these.
    """
    kind = clue.kind
    if kind == "weekday":
        assert clue.weekday is not None
        return (((days - 1) % 7 - clue.weekday) % 7).astype(np.float64)  # ordinal 1 was a Monday
    if clue.year is not None and clue.month is not None and clue.day is not None:
        return (days - date(clue.year, clue.month, clue.day).toordinal()).astype(np.float64)
    if kind in ("monthday", "weekday_date", "dateline"):
        assert clue.month is not None and clue.day is not None
        wd = clue.weekday if kind == "weekday_date" else None
        return _nearest(days, _occurrences(clue.month, clue.day, y0 - 1, y1 + 1, wd))
    years, months = _year_month(days)
    if kind == "year":
        assert clue.year is not None
        return np.asarray(years - clue.year, dtype=np.float64)  # in years
    if kind == "month":
        assert clue.year is not None and clue.month is not None
        return np.asarray(
            (years * 12 + months) - (clue.year * 12 + clue.month), dtype=np.float64
        )  # in months
    if kind == "monthname":
        assert clue.month is not None
        return ((months - clue.month + 6) % 12 - 6).astype(np.float64)  # nearest, in months: -6..5
    raise ValueError(f"clue kind {kind!r} has no offset")


def profile_key(clue: Clue) -> str:
    """The fitted profile a clue is read with: its kind (a day-kind without a year reads as 'monthday'),
    and its tense."""
    kind = clue.kind
    if kind in ("weekday_date", "dateline") and clue.year is not None:
        kind = "date"
    if kind == "weekday" and clue.weekday is not None:
        kind = f"weekday{clue.weekday}"  # "Friday" read on a Monday is routine; "Tuesday" on a Friday is not
    return f"{kind}:{clue.tense or 'none'}"


_Table = tuple[np.ndarray, np.ndarray, float]  # a fitted profile: bin edges, log densities, floor


@cache
def _tables(key: str) -> tuple[_Table | None, _Table | None]:
    """The fitted profile of ``key`` and its tense-free one, as arrays (edges, log densities, floor); None where
    there is none. Resolved and converted once per key: every clue of every article reads them."""
    from dateline.dating import profiles

    def arrays(table: tuple[list[float], list[float], float] | None) -> _Table | None:
        if table is None:
            return None
        edges, logdens, floor = table
        return np.asarray(edges, dtype=np.float64), np.asarray(logdens, dtype=np.float64), float(floor)

    kind = key.split(":")[0]
    any_table = profiles.PROFILES.get(kind + ":any") or profiles.PROFILES.get(kind.rstrip("0123456789") + ":any")
    table = profiles.PROFILES.get(key) or profiles.PROFILES.get(kind.rstrip("0123456789") + ":" + key.split(":")[1])
    if table is any_table:
        table = None
    return arrays(table), arrays(any_table)


def _lookup(table: _Table, o: np.ndarray) -> np.ndarray:
    edges, logdens, floor = table
    i = np.searchsorted(edges, o, side="right") - 1
    inside = (i >= 0) & (i < logdens.shape[0])
    return np.asarray(np.where(inside, logdens[np.clip(i, 0, logdens.shape[0] - 1)], floor), dtype=np.float64)


def _table_ll(key: str, o: np.ndarray) -> np.ndarray | None:
    table, any_table = _tables(key)
    if table is None or any_table is None:
        one = table or any_table
        return None if one is None else _lookup(one, o)
    # the tense is guessed from nearby words and is sometimes wrong: keep some of the tense-free profile
    return np.asarray(
        np.logaddexp(np.log(1 - _TENSE_DOUBT) + _lookup(table, o), np.log(_TENSE_DOUBT) + _lookup(any_table, o))
    )


def _clue_ll(clue: Clue, days: np.ndarray, y0: int, y1: int) -> tuple[np.ndarray, np.ndarray | None]:
    """A clue's log-likelihood per day, and for day clues the past-resolved day (for parsimony)."""
    if clue.bound == "lower" and clue.kind in ("date", "month", "year", "weekday_date"):
        o = clue_offsets(clue, days, y0, y1)
        # on or after it, anywhere in the next decades; before it only by a misread
        return np.asarray(
            np.where(o >= 0, np.log(0.97 / 7300.0), np.log(0.03 / 7300.0)), dtype=np.float64
        ), None
    if clue.kind in PAGE_KINDS:
        return _page_ll(clue, days), None
    if clue.kind not in ("copy", "neighbours", "dateline", "published", "updated", "anniversary"):
        o = clue_offsets(clue, days, y0, y1)
        ll = _table_ll(profile_key(clue), o)
        if ll is not None:
            resolved = (days - o.astype(np.int64)) if clue.kind in _DAY_KINDS else None
            return ll, resolved
    return _parametric_ll(clue, days, y0, y1)


# Dates that come with the page, not its text: the URL and htmldate's findings. Offsets are "publication minus
# the date given". kind -> (P(0), P(+1), P(-1), P(+2..+7), P(-7..-2), near-tail mass (scale 60 days)); the rest
# is a flat floor over 20 years (a URL date that is not the publication date, a wrong htmldate guess).
_PAGE_DAY_SHAPES = {
    "url": (0.72, 0.10, 0.05, 0.06, 0.02, 0.03),
    "html_original": (0.55, 0.10, 0.05, 0.06, 0.02, 0.07),
}
# clue kinds that come with the page and not its text (no offsets; the other copies of a story may lend them)
PAGE_KINDS = ("url", "html_original", "html_updated")
_FLOOR_SPAN = 7300.0


def _page_ll(clue: Clue, days: np.ndarray) -> np.ndarray:
    """A URL date (a day, a month or a year) or an htmldate date; see ``_PAGE_DAY_SHAPES``."""
    assert clue.year is not None
    d = days.astype(np.float64)
    if clue.month is None or (clue.kind == "url" and clue.day is None):
        # a URL that names a month or a year: publication inside it, rarely a few days later
        if clue.month is None:
            lo, hi = date(clue.year, 1, 1).toordinal(), date(clue.year, 12, 31).toordinal()
        else:
            lo = date(clue.year, clue.month, 1).toordinal()
            hi = date(clue.year, clue.month, calendar.monthrange(clue.year, clue.month)[1]).toordinal()
        inside, after, tail, floor = 0.85, 0.05, 0.05, 0.05
        dens = np.full(d.shape, floor / _FLOOR_SPAN)
        dens += np.where((d >= lo) & (d <= hi), inside / (hi - lo + 1), 0.0)
        dens += np.where((d > hi) & (d <= hi + 7), after / 7.0, 0.0)
        gap = np.where(d < lo, lo - d, np.where(d > hi, d - hi, 0.0))
        dens += np.where(gap > 0, tail * np.exp(-gap / 60.0) / 120.0, 0.0)
        return np.asarray(np.log(dens), dtype=np.float64)
    assert clue.day is not None
    o = d - date(clue.year, clue.month, clue.day).toordinal()
    if clue.kind == "html_updated":
        # publication on or before the last modification, usually the same day
        dens = np.full(d.shape, 0.12 / _FLOOR_SPAN)
        dens += (
            np.where(o == 0, 0.45, 0.0)
            + np.where(o == -1, 0.06, 0.0)
            + np.where((o >= 1) & (o <= 2), 0.02, 0.0)
        )
        dens += np.where(o < -1, 0.35 * np.exp((o + 1) / 120.0) / 120.0, 0.0)
        return np.asarray(np.log(dens), dtype=np.float64)
    p0, p1, m1, p_after, p_before, tail = _PAGE_DAY_SHAPES[clue.kind]
    floor = 1.0 - (p0 + p1 + m1 + p_after + p_before + tail)
    dens = np.full(d.shape, floor / _FLOOR_SPAN)
    dens += np.where(o == 0, p0, 0.0) + np.where(o == 1, p1, 0.0) + np.where(o == -1, m1, 0.0)
    dens += np.where((o >= 2) & (o <= 7), p_after / 6.0, 0.0) + np.where(
        (o >= -7) & (o <= -2), p_before / 6.0, 0.0
    )
    dens += np.where(np.abs(o) > 7, tail * np.exp(-(np.abs(o) - 7) / 60.0) / 120.0, 0.0)
    return np.asarray(np.log(dens), dtype=np.float64)


def _parametric_ll(clue: Clue, days: np.ndarray, y0: int, y1: int) -> tuple[np.ndarray, np.ndarray | None]:
    """Hand-set profiles, for clue kinds too rare in the development data to fit."""
    kind = clue.kind
    if kind == "weekday" and clue.weekday is not None:
        day_wd = (days - 1) % 7  # ordinal 1 (0001-01-01) was a Monday
        k_past = (day_wd - clue.weekday) % 7
        k_fut = (clue.weekday - day_wd) % 7
        ll = _tensed(_WEEKDAY_PAST[k_past], _WEEKDAY_FUTURE[k_fut], clue.tense)
        resolved = days - k_past if clue.tense != "future" else None
        return ll, resolved
    if kind == "copy":
        assert clue.year is not None and clue.month is not None and clue.day is not None
        o = np.abs(days - date(clue.year, clue.month, clue.day).toordinal()).astype(np.float64)
        near = max(clue.spread, 0.5)
        dens = 0.7 * np.exp(-o / near) / near + 0.2 * np.exp(-o / 30.0) / 30.0 + 0.1 / 7300.0
        return np.log(dens), None
    if kind == "anniversary":
        # the text says which year it is: that year, else the one before (a coming anniversary) or after (a
        # look back at last year's), else anywhere (a misread count); within the year, near the anniversary's
        # own month or day when the text gives it
        assert clue.year is not None
        lo, hi = date(clue.year, 1, 1).toordinal(), date(clue.year, 12, 31).toordinal()
        dens = np.full(days.shape, _ANNIVERSARY_SHAPE[3] / 7300.0)
        near = _ANNIVERSARY_NEAR if clue.month is not None else 0.0
        dens += np.where((days >= lo) & (days <= hi), (1.0 - near) * _ANNIVERSARY_SHAPE[0] / 365.0, 0.0)
        if clue.month is not None:
            scale = _ANNIVERSARY_SCALE[0] if clue.day is not None else _ANNIVERSARY_SCALE[1]
            o = np.abs(days - date(clue.year, clue.month, clue.day or 15).toordinal()).astype(np.float64)
            dens += near * _ANNIVERSARY_SHAPE[0] * np.exp(-o / scale) / (2.0 * scale)
        dens += np.where((days >= lo - 365) & (days < lo), _ANNIVERSARY_SHAPE[1] / 365.0, 0.0)
        dens += np.where((days > hi) & (days <= hi + 365), _ANNIVERSARY_SHAPE[2] / 365.0, 0.0)
        return np.log(dens), None
    if kind == "neighbours":
        # near the neighbours' median (Laplace, scale = their spread), or anywhere when the topic recurs;
        # the clue is only given beyond a threshold that correct dates pass with probability alpha
        assert clue.year is not None and clue.month is not None and clue.day is not None
        o = np.abs(days - date(clue.year, clue.month, clue.day).toordinal()).astype(np.float64)
        scale = max(clue.spread, 1.0)
        dens = (1.0 - _NEIGHBOUR_FLOOR) * np.exp(-o / scale) / (2.0 * scale) + _NEIGHBOUR_FLOOR / 7300.0
        return np.log(dens), None
    if clue.year is not None and clue.month is not None and clue.day is not None:
        d0 = date(clue.year, clue.month, clue.day).toordinal()
        o = (days - d0).astype(np.float64)
        if kind in ("dateline", "published"):
            return np.log(_sharp_density(o, 7300.0)), None
        if kind == "updated":
            return np.log(_day_density(-o, "past", 7300.0)), None
        return np.log(_day_density(o, clue.tense, 7300.0)), np.full(len(days), d0, dtype=np.int64)
    if kind in ("monthday", "weekday_date", "dateline"):
        assert clue.month is not None and clue.day is not None
        wd = clue.weekday if kind == "weekday_date" else None
        occ = _occurrences(clue.month, clue.day, y0 - 1, y1 + 1, wd)
        past, fut = _offsets(days, occ)
        if kind == "dateline":
            return np.log(_sharp_density(past, 365.0)), None
        span = _DAY_SPAN[kind] * (7.0 if wd is not None else 1.0)
        dens = _day_density(past, clue.tense, span) + _day_density(-fut, clue.tense, span)
        return np.log(dens), days - past.astype(np.int64)
    if kind in ("month", "year"):
        assert clue.year is not None
        if kind == "month":
            assert clue.month is not None
            lo = date(clue.year, clue.month, 1).toordinal()
            hi = date(clue.year, clue.month, calendar.monthrange(clue.year, clue.month)[1]).toordinal()
        else:
            lo, hi = date(clue.year, 1, 1).toordinal(), date(clue.year, 12, 31).toordinal()
        past, _ = _interval_offsets(days, lo, hi)
        return np.log(_period_density(past, clue.tense, kind)), None
    if kind == "monthname":
        assert clue.month is not None
        years = range(y0 - 1, y1 + 2)
        starts = np.array([date(y, clue.month, 1).toordinal() for y in years], dtype=np.int64)
        ends = np.array(
            [date(y, clue.month, calendar.monthrange(y, clue.month)[1]).toordinal() for y in years],
            dtype=np.int64,
        )
        i = np.clip(np.searchsorted(starts, days, side="right") - 1, 0, len(starts) - 1)
        past = np.where(days > ends[i], days - ends[i], 0).astype(np.float64)
        j = np.clip(np.searchsorted(ends, days, side="left"), 0, len(ends) - 1)
        fut = np.where(days < starts[j], days - starts[j], 0).astype(np.float64)
        dens = _period_density(past, clue.tense, kind) + _period_density(fut, clue.tense, kind)
        return np.log(np.minimum(dens, 1.0)), None
    raise ValueError(f"unknown clue kind {kind!r}")


def _merge_repeats(clues: Sequence[Clue]) -> list[Clue]:
    """One clue per distinct statement; a statement repeated n times weighs up to twice one statement."""
    groups: dict[tuple[object, ...], list[Clue]] = {}
    for c in clues:
        groups.setdefault(c.key(), []).append(c)
    out = []
    for members in groups.values():
        first = members[0]
        factor = min(2.0, 1.0 + 0.25 * (len(members) - 1))
        out.append(
            Clue(
                first.kind,
                first.text,
                first.start,
                first.end,
                first.article_id,
                first.tense,
                first.year,
                first.month,
                first.day,
                first.weekday,
                max(m.weight for m in members) * factor,
                first.spread,
                first.bound,
            )
        )
    return out


def _parsimony(resolved: list[np.ndarray], days: np.ndarray) -> np.ndarray:
    """Number of distinct recent days (within a week before each candidate) that day clues resolve to."""
    if not resolved:
        return np.zeros(len(days))
    mat = np.stack(resolved)
    recent = (days[None, :] - mat >= 0) & (days[None, :] - mat <= _RECENT_DAYS)
    mat = np.where(recent, mat, -1)
    mat.sort(axis=0)
    distinct = (mat[0] >= 0).astype(np.int64)
    if len(mat) > 1:
        distinct = distinct + ((mat[1:] != mat[:-1]) & (mat[1:] >= 0)).sum(axis=0)
    return np.asarray(np.maximum(distinct - 1, 0), dtype=np.float64)


def score_days(clues: Sequence[Clue], window: tuple[date, date], config: DatingConfig) -> DayScores:
    """Score every day in ``window`` (inclusive) against ``clues``.

    >>> from dateline.dating.clues import Clue
    >>> c = Clue("month", "October 2015", 0, 12, "a", tense="past", year=2015, month=10)
    >>> s = score_days([c], (date(2014, 1, 1), date(2016, 12, 31)), DatingConfig())
    >>> s.best() >= date(2015, 10, 1)
    True
    """
    lo, hi = window
    days = np.arange(lo.toordinal(), hi.toordinal() + 1, dtype=np.int64)
    merged = _merge_repeats(clues)
    # the clues of one text are not independent (one event told several ways): temper their sum, more so
    # the more of them there are; other copies' checked dates are independent evidence and stay whole
    n_text = sum(1 for c in merged if c.kind not in _UNTEMPERED)
    temper = max(1.0, (n_text / 3.0) ** config.clue_temperature)
    rows = []
    resolved = []
    for c in merged:
        ll, res = _clue_ll(c, days, lo.year, hi.year)
        rows.append(c.weight * ll / (1.0 if c.kind in _UNTEMPERED else temper))
        if res is not None and c.kind in _DAY_KINDS and c.tense != "future":
            resolved.append(res)
    per_clue = np.stack(rows) if rows else np.zeros((0, len(days)))
    total = per_clue.sum(axis=0) if rows else np.zeros(len(days))
    if config.parsimony and len(resolved) > 1:
        total = total - config.parsimony * _parsimony(resolved, days) / temper
    return DayScores(days=days, total=total, per_clue=per_clue, clues=merged)
