"""Check an article's stated date against its text (and its story's other copies).

``estimate_date`` reads the article's date clues (``signals``; and the page's own dates, ``urls``: a date in its
URL, htmldate's ``html_date_signals``), scores every candidate day within
``search_years`` of the stated date (``scoring``, with profiles fitted on development data) and weighs the
evidence that the stated date is wrong as a Bayes factor: publication anywhere in that span against publication
within the stated date's tolerance window (``stated_log_odds``), and once more with a prior that expects a
page stated too early to be off by days as often as by months or years (``near_log_odds``). Then:

- ``wrong``: either factor reaches ``DatingConfig.wrong_margin`` nats;
- ``consistent``: the first favours the stated date by at least ``consistent_margin`` nats;
- ``insufficient_evidence``: in between, or the text holds no date clue;
- ``no_date``: the record has no stated date (a date is still estimated when the text names a year).

The estimate is the stated day when it is not wrong, else the best day (the posterior median when no day
stands out); the interval spans ``interval_mass`` of the posterior (an end is None where it runs into the edge
of the search span); every clue comes back as ``Evidence`` saying what it implies about the publication date.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np

from dateline.dating.clues import Clue
from dateline.dating.config import DatingConfig
from dateline.dating.scoring import PAGE_KINDS, DayScores, candidate_window, score_days
from dateline.dating.signals import text_clues
from dateline.dating.urls import html_signal_clues, url_clues
from dateline.dedup.config import DedupConfig
from dateline.records import Article, DateEstimate, Evidence, StatedDate, Timex

__all__ = [
    "DEFAULT_DATING",
    "OwnCheck",
    "article_clues",
    "check_cluster",
    "crawl_checks",
    "decide",
    "estimate_date",
    "own_check",
    "page_clues",
]

log = logging.getLogger(__name__)

DEFAULT_DATING = DatingConfig()


@dataclass(frozen=True, slots=True)
class OwnCheck:
    """An article's own clues and the check of its stated date on them alone (``own_check``)."""

    clues: list[Clue]
    estimate: DateEstimate


_MAX_EVIDENCE = 25
# the weight of evidence that rules days out rather than weighing them (a stated date after the last day a page
# can have been published): a cap, since JSON has no infinity
_IMPOSSIBLE = 30.0
_OVERTURN_SLACK = 1.0  # nats by which a copy's own clues may favour its stated date and still be overturned
_PAGE_DAY_KINDS = ("url", "html_original")
_PLACEHOLDER_ANCHOR = date(2000, 6, 15)
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _tag(text: str) -> list[Timex]:
    """Timexes of ``text`` from the temporal tagger, without an anchor (the stated date is untrusted).

    Only the anchor-free ``form`` of each timex is read, so when the tagger fails without an anchor, a fixed
    placeholder anchor gives the same forms.
    """
    from dateline.temporal import extract  # imported here: the tagger builds its tables on first use
    from dateline.temporal.config import TemporalConfig

    try:
        return list(extract.extract_timexes(text, None, config=TemporalConfig()))
    except (ValueError, TypeError, IndexError, OverflowError) as exc:
        log.debug("tagging without an anchor failed (%s); using a placeholder anchor", exc)
        return list(extract.extract_timexes(text, _PLACEHOLDER_ANCHOR, config=TemporalConfig()))


def article_clues(
    article: Article, timexes: Sequence[Timex] | None = None, config: DatingConfig = DEFAULT_DATING
) -> list[Clue]:
    """The date clues of one article: its text's (the title is not used: it has no offsets in the text), its
    URL's date and htmldate's ``html_date_signals`` (these two with null offsets)."""
    if timexes is None:
        timexes = _tag(article.text)
    clues = text_clues(article.text, timexes, article.id, ignore_boilerplate=config.ignore_boilerplate)
    return clues + page_clues(article, config)


def page_clues(article: Article, config: DatingConfig = DEFAULT_DATING) -> list[Clue]:
    """The dates that come with the page, not its text: the URL's and htmldate's.

    htmldate reads the URL first, so an htmldate date within a day of a full URL date adds little (kept at a
    third of its weight), and a last-modified date within a day of its original date is the same finding
    again (left out). Alone, htmldate's dates are not enough to call a stated date wrong (it is wrong on
    about one page in ten); with a text clue or a URL that agrees, they are.
    """
    out: list[Clue] = []
    if config.url_weight > 0:
        out += url_clues(article.url, article.id, weight=config.url_weight)
    if config.html_weight > 0 and article.html_date_signals:
        url_days = [date(c.year, c.month, c.day) for c in out if c.year and c.month and c.day]
        html = html_signal_clues(article.html_date_signals, article.id, weight=config.html_weight)
        originals = [date(c.year or 1, c.month or 1, c.day or 1) for c in html if c.kind == "html_original"]
        for c in html:
            d = date(c.year or 1, c.month or 1, c.day or 1)
            if c.kind == "html_updated" and any(abs((d - u).days) <= 1 for u in originals):
                continue  # the same finding twice
            if any(abs((d - u).days) <= 1 for u in url_days):
                c = replace(c, weight=c.weight / 3.0)
            out.append(c)
    return out


def estimate_date(
    article: Article, *, timexes: list[Timex] | None = None, config: DatingConfig = DEFAULT_DATING
) -> DateEstimate:
    """Check ``article.stated_date`` against the article's own text.

    Args:
        article: the record; ``stated_date`` may be None or a month.
        timexes: the tagger's timexes of ``article.text`` (computed here when None). Only their anchor-free
            ``form`` is used, so timexes resolved against a wrong stated date are fine.
        config: the dating options.

    Returns:
        A ``DateEstimate`` whose evidence items carry ``article.id``.
    """
    return own_check(article, timexes, config).estimate


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _stated_window(stated: StatedDate, config: DatingConfig) -> tuple[date, date]:
    lo, hi = stated.interval()
    return lo - timedelta(days=config.tolerance_before), hi + timedelta(days=config.tolerance_after)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _region(scores: DayScores, mass: float, temperature: float) -> tuple[date | None, date | None]:
    """The smallest span of days holding ``mass`` of the (tempered) posterior; None at a window edge."""
    w = np.exp((scores.total - scores.total.max()) / temperature)
    order = np.argsort(-w, kind="stable")
    cum = np.cumsum(w[order])
    k = int(np.searchsorted(cum, mass * cum[-1])) + 1
    chosen = order[:k]
    lo_i, hi_i = int(chosen.min()), int(chosen.max())
    lo = None if lo_i == 0 else date.fromordinal(int(scores.days[lo_i]))
    hi = None if hi_i == len(scores.days) - 1 else date.fromordinal(int(scores.days[hi_i]))
    return lo, hi


# the share of the posterior within a week of its mode above which the mode is the point estimate (else the
# median): with a stated date, and without one. Undated pages lean on one clue that pins a day (another copy's
# date, a URL day) at a low weight; the mode hits that day where the median drifts towards the middle of the
# decade searched (stories-dev undated pages with their event's pages, exact 0.83 -> 0.85 at 0.10; dev newswire
# with its dates withheld within 0.017 either way; `dateline eval dates` on dev, which has stated dates, kept 0.25)
_PILE = 0.25
_PILE_UNDATED = 0.10


def _point_estimate(scores: DayScores, temperature: float, prefer: date | None, pile: float = _PILE) -> date:
    """The best single day: the mode when the posterior piles up on it (``pile`` of its mass within a week),
    else the posterior median (which lands nearer the truth when only the year or the month is pinned). Days
    tied for the mode (every Sunday of a month a URL names) go to the one nearest ``prefer``, or without it to
    the one nearest the median."""
    w = np.exp((scores.total - scores.total.max()) / temperature)
    w /= w.sum()
    j = int(np.searchsorted(np.cumsum(w), 0.5))
    median = date.fromordinal(int(scores.days[min(j, len(w) - 1)]))
    best = scores.best(prefer=prefer if prefer is not None else median)
    i = scores.index(best) or 0
    if w[max(0, i - 7) : i + 8].sum() >= pile:
        return best
    return median


def effective_temperature(scores: DayScores, config: DatingConfig) -> float:
    """The temperature the day scores are read with (clue dependence is already tempered in scoring)."""
    del scores
    return config.temperature


def _log_sum_exp(x: np.ndarray) -> float:
    m = float(x.max())
    return m + math.log(float(np.exp(x - m).sum()))


def _log_mean_exp(x: np.ndarray) -> float:
    return _log_sum_exp(x) - math.log(x.shape[0])


def stated_log_odds(scores: DayScores, stated: StatedDate, config: DatingConfig) -> float:
    """Evidence (nats) that the stated date is wrong: a Bayes factor of "publication is anywhere in a
    ``2 * search_years`` span" against "publication is within the stated date's tolerance window".

    Comparing average likelihoods (not the best day against the stated day) charges the "wrong" side for
    its freedom: one old date mentioned in a text does not make the stated date wrong, many agreeing
    clues do.
    """
    return _log_odds(scores, stated, config, near=False)


def near_log_odds(scores: DayScores, stated: StatedDate, config: DatingConfig) -> float:
    """The same Bayes factor with a prior that expects a page published after its stated date to be off by
    days as often as by months or years: density ``1 / distance`` in days after the stated date
    (scale-free), the uniform prior before it.

    Under the uniform prior of ``stated_log_odds`` a date a week off is hardly worse than a day picked
    anywhere in twenty years, so clues that pin a day a week later could never call it wrong. A stated date
    later than the clues say is often right (a late copy, a follow-up), so that side stays uniform."""
    return _log_odds(scores, stated, config, near=True)


def _log_odds(scores: DayScores, stated: StatedDate, config: DatingConfig, *, near: bool) -> float:
    s_lo, s_hi = _stated_window(stated, config)
    first = int(scores.days[0])
    a = max(0, s_lo.toordinal() - first)
    b = min(len(scores.days) - 1, s_hi.toordinal() - first)
    t = scores.total / effective_temperature(scores, config)
    anchor = stated.anchor()
    span = int(config.search_years * 365.25)
    h_lo = max(0, anchor.toordinal() - span - first)
    h_hi = min(len(t) - 1, anchor.toordinal() + span - first)
    if near:
        # a page is often published after its story (a late copy, a follow-up), never before what it
        # reports: only days after the stated date take the 1/distance shape; those before keep the
        # uniform prior, and each side keeps its uniform share of the prior
        i_hi = stated.interval()[1].toordinal()
        d = scores.days[h_lo : h_hi + 1]
        after = d > i_hi
        w = np.full(d.shape[0], 1.0 / d.shape[0])
        if after.any():
            inv = 1.0 / (d[after] - i_hi)
            w[after] = inv / inv.sum() * (after.sum() / d.shape[0])
        log_h1 = _log_sum_exp(t[h_lo : h_hi + 1] + np.log(w))
    else:
        log_h1 = _log_mean_exp(t[h_lo : h_hi + 1])
    log_h0 = _log_mean_exp(t[a : b + 1]) if a <= b else float(t.min())
    return log_h1 - log_h0


def _latest_on_or_before(month: int, day: int, ref: date, weekday: int | None = None) -> date | None:
    for y in range(ref.year, ref.year - 30, -1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d <= ref + timedelta(days=1) and (weekday is None or d.weekday() == weekday):
            return d
    return None


def _next_on_or_after(month: int, day: int, ref: date) -> date | None:
    for y in range(ref.year, ref.year + 3):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d >= ref:
            return d
    return None


# the words of ``implies`` for the clues that give one day: (how, what); an empty what is the clue's own text
_DAY_CLUE_WORDS = {
    "published": ("on", "publication stamp"),
    "updated": ("on or before", "update stamp"),
    "html_original": ("on or about", "htmldate, original"),
    "html_updated": ("on or before", "htmldate, last update"),
    "copy": ("near", ""),
    "neighbours": ("near", ""),
}


def implies(clue: Clue, ref: date | None) -> str:
    """What ``clue`` says about the publication date, in words, read around the day ``ref``.

    >>> implies(Clue("month", "October 2015", 0, 12, "a", "past", 2015, 10), None)
    'on or after 2015-10-01'
    """
    k, t = clue.kind, clue.tense
    if clue.bound == "lower" and clue.year is not None:
        return f"on or after {date(clue.year, clue.month or 1, clue.day or 1).isoformat()} (a 'since' bound)"
    if k in ("date", "month", "year"):
        assert clue.year is not None
        lo = date(clue.year, clue.month or 1, clue.day or 1)
        if k == "date":
            hi = lo
        elif k == "month":
            assert clue.month is not None
            nxt = date(clue.year + (clue.month == 12), clue.month % 12 + 1, 1)
            hi = nxt - timedelta(days=1)
        else:
            hi = date(clue.year, 12, 31)
        if t == "past":
            return f"on or after {lo.isoformat()}"
        if t == "future":
            return f"on or before {hi.isoformat()}"
        return f"near {lo.isoformat()}" if k == "date" else f"near {lo.isoformat()}..{hi.isoformat()}"
    if k == "weekday":
        assert clue.weekday is not None
        name = _WEEKDAY_NAMES[clue.weekday]
        if ref is None:
            return f"shortly after a {name}" if t != "future" else f"shortly before a {name}"
        if t == "future":
            ahead = ref + timedelta(days=(clue.weekday - ref.weekday()) % 7)
            return f"shortly before a {name} (read as {ahead.isoformat()})"
        back = ref - timedelta(days=(ref.weekday() - clue.weekday) % 7)
        return f"shortly after a {name} (read as {back.isoformat()})"
    if k in ("monthday", "weekday_date", "dateline"):
        assert clue.month is not None and clue.day is not None
        label = f"{date(2000, clue.month, 1).strftime('%b')}. {clue.day}"
        if clue.weekday is not None:
            label = f"{_WEEKDAY_NAMES[clue.weekday]}, {label}"
        if clue.year is not None:
            d: date | None = date(clue.year, clue.month, clue.day)
        elif ref is None:
            d = None
        elif t == "future":
            d = _next_on_or_after(clue.month, clue.day, ref)
        else:
            d = _latest_on_or_before(clue.month, clue.day, ref, clue.weekday if k == "weekday_date" else None)
        if k == "dateline":
            return (
                f"on or about {d.isoformat()} (dateline {label})"
                if d
                else f"on or about a {label} (dateline)"
            )
        where = f" (read as {d.isoformat()})" if d else ""
        if k == "weekday_date" and clue.year is None:
            where = f" (a year in which {label} is a {_WEEKDAY_NAMES[clue.weekday or 0]}{': ' + d.isoformat() if d else ''})"
        if t == "future":
            return f"on or before the next {label}{where}"
        if t == "past":
            return f"on or after the latest {label}{where}"
        return f"near a {label}{where}"
    if k == "monthname":
        assert clue.month is not None
        name = date(2000, clue.month, 1).strftime("%B")
        return (
            f"shortly before a {name}"
            if t == "future"
            else f"during or after a {name}"
            if t == "past"
            else f"near a {name}"
        )
    if k == "anniversary":
        if clue.month is not None:
            when = date(clue.year, clue.month, clue.day or 1).strftime("%Y-%m-%d" if clue.day else "%Y-%m")
            return f"around {when} (the anniversary it marks)"
        return f"in {clue.year} (the anniversary it marks)"
    if k in _DAY_CLUE_WORDS:  # clues that give one day
        how, what = _DAY_CLUE_WORDS[k]
        day = date(clue.year or 1, clue.month or 1, clue.day or 1).isoformat()
        return f"{how} {day} ({what or clue.text})"
    if k == "url":
        assert clue.year is not None
        if clue.day is not None and clue.month is not None:
            return f"on or about {date(clue.year, clue.month, clue.day).isoformat()} (date in the URL)"
        if clue.month is not None:
            return f"in {date(clue.year, clue.month, 1).strftime('%Y-%m')} (month in the URL)"
        return f"in {clue.year} (year in the URL)"
    return "unknown"


def _evidence(
    scores: DayScores | None, clues: Sequence[Clue], est: date | None, alt: date | None
) -> list[Evidence]:
    """Evidence items, most telling first: weight = how much the clue prefers ``est`` over ``alt``."""
    items: list[tuple[float, Evidence]] = []
    merged = scores.clues if scores is not None else list(clues)
    for i, c in enumerate(merged):
        weight = float(c.weight)
        if scores is not None and est is not None:
            ie = scores.index(est)
            ia = scores.index(alt) if alt is not None else None
            if ie is not None and ia is not None:
                weight = float(scores.per_clue[i, ie] - scores.per_clue[i, ia])
            elif ie is not None:
                row = scores.per_clue[i]
                weight = float(row[ie] - np.median(row))
        ev = Evidence(
            kind=c.kind,
            text=c.text,
            start=c.start,
            end=c.end,
            article_id=c.article_id,
            implies=implies(c, est),
            weight=round(weight, 3),
        )
        items.append((weight, ev))
    items.sort(key=lambda x: -abs(x[0]))
    return [ev for _, ev in items[:_MAX_EVIDENCE]]


def _upto(scores: DayScores, latest: date) -> DayScores:
    """``scores`` without the days after ``latest`` (the same object when none is; at least the first day)."""
    k = max(1, latest.toordinal() - int(scores.days[0]) + 1)
    if k >= len(scores.days):
        return scores
    return DayScores(scores.days[:k], scores.total[:k], scores.per_clue[:, :k], scores.clues)


def _after_latest(
    article_id: str, stated: StatedDate, clues: Sequence[Clue], latest: date, config: DatingConfig
) -> DateEstimate:
    """The verdict on a stated date after ``latest``, the last day a page can have been published: ``wrong``
    whatever the text says. The estimate and interval are what the clues give with no stated date (on or
    before ``latest``; none without clues)."""
    item = Evidence(
        kind="latest", text=f"stated {stated.iso()}", start=None, end=None, article_id=article_id,
        implies=f"on or before {latest.isoformat()} (no page is published after the day it is checked or crawled)",
        weight=_IMPOSSIBLE,
    )  # fmt: skip
    undated = decide(article_id, None, clues, config)
    return DateEstimate(
        verdict="wrong",
        estimated_date=undated.estimated_date,
        interval=(undated.interval[0], undated.interval[1] or latest.isoformat()),
        confidence=1.0,
        evidence=[item, *undated.evidence][:_MAX_EVIDENCE],
        source="latest",
    )


def decide(
    article_id: str,
    stated: StatedDate | None,
    clues: Sequence[Clue],
    config: DatingConfig = DEFAULT_DATING,
    *,
    source: str = "text",
) -> DateEstimate:
    """The verdict for one article from its clues (its own, plus other copies' for a cluster)."""
    pins = sum(1 for c in clues if c.pins)
    latest = config.latest_day()
    if stated is not None and stated.interval()[0] - timedelta(days=config.tolerance_before) > latest:
        return _after_latest(article_id, stated, clues, latest, config)
    anchor = stated.anchor() if stated is not None else None
    window = candidate_window(clues, anchor, config) if clues else None
    if window is None or pins < config.min_clues or (stated is None and window[0] > latest):
        verdict = "no_date" if stated is None else "insufficient_evidence"
        return DateEstimate(
            verdict=verdict,
            estimated_date=_iso(anchor),
            interval=(None, None) if stated is None else tuple(_iso(d) for d in stated.interval()),  # type: ignore[arg-type]
            confidence=0.0,
            evidence=_evidence(None, clues, None, None),
            source="stated" if stated is not None else None,
        )
    scores = score_days(clues, window, config)
    temp = effective_temperature(scores, config)
    # the odds below weigh the stated date against the whole window, as the margins were set; estimates and
    # intervals come only from the days up to the last one a page can have been published
    view = _upto(scores, latest)
    # the extra interval temperature allows for clues of the text that depend on each other; a page's own
    # day (its URL, htmldate) is one piece of evidence whose profile was set with its error rate in it
    paged = any(c.kind in _PAGE_DAY_KINDS and c.day is not None for c in clues)
    lo, hi = _region(view, config.interval_mass, temp * (1.0 if paged else config.interval_temperature))
    if hi is None and view is not scores:
        hi = latest
    if stated is None:
        best = _point_estimate(view, temp, None, _PILE_UNDATED)
        w = np.exp((view.total - view.total.max()) / temp)
        i = view.index(best) or 0
        near = float(w[max(0, i - 1) : i + 2].sum() / w.sum())
        return DateEstimate(
            verdict="no_date",
            estimated_date=best.isoformat(),
            interval=(_iso(lo), _iso(hi)),
            confidence=round(min(1.0, near), 3),
            evidence=_evidence(view, clues, best, None),
            source=source,
        )
    s_lo, s_hi = _stated_window(stated, config)
    best_near = scores.best(s_lo, s_hi, prefer=anchor)
    odds = stated_log_odds(scores, stated, config)
    # "wrong" needs the margin under either prior; "consistent" keeps the uniform one (support for the
    # stated date over the decade around it, at the resolution the clues have)
    wrong_odds = max(odds, near_log_odds(scores, stated, config)) if config.near_shifts else odds
    best = _point_estimate(view, temp, anchor)
    if wrong_odds >= config.wrong_margin:
        if s_lo <= best <= s_hi:  # the evidence is against the stated date: name the best day outside it
            inside = (view.days >= s_lo.toordinal()) & (view.days <= s_hi.toordinal())
            masked = np.where(inside, -np.inf, view.total)
            best = date.fromordinal(int(view.days[int(np.argmax(masked))]))
        return DateEstimate(
            verdict="wrong",
            estimated_date=best.isoformat(),
            interval=(_iso(lo), _iso(hi)),
            confidence=round(_sigmoid(wrong_odds), 3),
            evidence=_evidence(scores, clues, best, best_near),
            source=source,
        )
    est = anchor if not stated.is_month else best_near
    assert est is not None
    if odds > -config.consistent_margin:
        verdict = "insufficient_evidence"
    else:
        verdict = "consistent"
    lo_c = None if lo is None else min(lo, stated.interval()[0])
    hi_c = None if hi is None else max(hi, stated.interval()[1])
    return DateEstimate(
        verdict=verdict,
        estimated_date=est.isoformat(),
        interval=(_iso(lo_c), _iso(hi_c)),
        confidence=round(_sigmoid(-odds), 3),
        evidence=_evidence(scores, clues, est, None),
        source=source,
    )


def _copy_clues(
    other: Article,
    est: DateEstimate,
    clues: Sequence[Clue],
    config: DatingConfig,
    unchecked_share: float = 1.0,
) -> list[Clue]:
    """What another copy of the story says about this one's date (``unchecked_share`` scales a stated date
    that the copy's own text cannot check)."""
    out: list[Clue] = []
    if est.verdict == "consistent" and other.stated_date is not None and est.estimated_date:
        # only a stated date that the copy's own text supports speaks for the story's date
        d = date.fromisoformat(est.estimated_date)
        text = f"copy {other.id} stated {other.stated_date.iso()}, consistent with its text"
        spread = 2.0 if not other.stated_date.is_month else 10.0
        weight = config.cluster_weight * max(est.confidence, 0.3)
        out.append(
            Clue(
                "copy", text, None, None, other.id, None, d.year, d.month, d.day, weight=weight, spread=spread
            )
        )
    elif est.verdict == "insufficient_evidence" and other.stated_date is not None and est.estimated_date:
        # a stated date the copy's text can neither confirm nor refute: untrusted, so it weighs less
        d = date.fromisoformat(est.estimated_date)
        text = f"copy {other.id} stated {other.stated_date.iso()} (unchecked)"
        spread = 2.0 if not other.stated_date.is_month else 10.0
        weight = 0.5 * config.cluster_weight * unchecked_share
        out.append(
            Clue(
                "copy", text, None, None, other.id, None, d.year, d.month, d.day, weight=weight, spread=spread
            )
        )
    elif (
        est.verdict == "wrong" and est.estimated_date and any(e.kind in _PAGE_DAY_KINDS for e in est.evidence)
    ):
        # a stated date the copy's own URL or page dates refute: the day they name speaks for the story
        d = date.fromisoformat(est.estimated_date)
        text = f"copy {other.id} dated {est.estimated_date} by its page (its stated date is wrong)"
        weight = config.cluster_weight * est.confidence
        out.append(
            Clue("copy", text, None, None, other.id, None, d.year, d.month, d.day, weight=weight, spread=3.0)
        )
    elif est.verdict == "no_date" and est.estimated_date and est.confidence >= 0.5:
        # an undated copy whose own text pins its day
        d = date.fromisoformat(est.estimated_date)
        text = f"copy {other.id} (no stated date) dated {est.estimated_date} by its text"
        weight = 0.5 * config.cluster_weight * est.confidence
        out.append(
            Clue("copy", text, None, None, other.id, None, d.year, d.month, d.day, weight=weight, spread=3.0)
        )
    elif other.stated_date is None:
        # an undated copy that pins no day: the month or year its URL or page names is the story's too
        out.extend(replace(c, weight=0.5 * c.weight) for c in clues if c.kind in PAGE_KINDS)
    # the events another copy reports are this copy's events too (at a lower weight: their tense is theirs);
    # a "since" bound stays a bound
    out.extend(
        replace(c, weight=0.5 * c.weight)
        for c in clues
        if c.kind in ("date", "month", "monthday", "weekday_date", "anniversary")
    )
    return out


def _lenders(
    articles: Sequence[Article], solo: Mapping[str, DateEstimate], config: DatingConfig
) -> set[str] | None:
    """The copies whose dates may speak for the others; None when none may.

    All of them, while the copies whose own texts confirm their dates lie within ``cluster_max_spread`` days
    of each other. When they lie further apart, only a strict majority of them that agree within that span
    (the story's own day; the rest are follow-ups or grouping mistakes), and no unchecked copy.
    """
    credible = sorted(
        (date.fromisoformat(e.estimated_date), aid)
        for aid, e in solo.items()
        if e.verdict == "consistent" and e.estimated_date
    )
    if not credible or (credible[-1][0] - credible[0][0]).days <= config.cluster_max_spread:
        return {a.id for a in articles}
    best: list[str] = []
    for i, (day, _) in enumerate(credible):
        group = [aid for d, aid in credible[i:] if (d - day).days <= config.cluster_max_spread]
        if len(group) > len(best):
            best = group
    if len(best) >= 2 and 2 * len(best) > len(credible):
        return set(best)
    return None


def _confirmed(
    solo: DateEstimate, cluster: DateEstimate, own: Sequence[Clue], stated: StatedDate | None, config: DatingConfig
) -> bool:
    """Whether a copy's own ``consistent`` verdict stands against the cluster's ``wrong``.

    It stands when its interval pins the day (at most ``cluster_max_spread`` days wide), and when its own
    clues favour the stated date over the day the copies name by more than ``_OVERTURN_SLACK`` nats. So a
    text that confirms only the month (a URL month) leaves the day within it to the copies, while a text
    that speaks against the copies' day (another year, another season) is not overturned by them.
    """
    if solo.verdict != "consistent" or stated is None:
        return False
    lo, hi = solo.interval
    if lo is not None and hi is not None:
        if (date.fromisoformat(hi) - date.fromisoformat(lo)).days <= config.cluster_max_spread:
            return True
    if cluster.estimated_date is None:
        return True
    day = date.fromisoformat(cluster.estimated_date)
    window = candidate_window(own, stated.anchor(), config)
    if window is None:
        return True
    scores = score_days(own, (min(window[0], day), max(window[1], day)), config)
    s_lo, s_hi = _stated_window(stated, config)
    a, b = scores.index(s_lo), scores.index(s_hi)
    i = scores.index(day)
    if a is None or b is None or i is None:
        return True
    return float(scores.total[a : b + 1].max()) - float(scores.total[i]) > _OVERTURN_SLACK


def _one_day(solo: Mapping[str, DateEstimate], lenders: set[str], config: DatingConfig) -> bool:
    """Whether the lending copies whose own texts confirm their dates agree on one day (within the width of
    the tolerance window). Only then do the copies say a copy a week or two away is wrong (``near_shifts``);
    copies confirmed a week apart are a developing story or related ones, and speak only for the season."""
    days = [
        date.fromisoformat(e.estimated_date)
        for aid, e in solo.items()
        if aid in lenders and e.verdict == "consistent" and e.estimated_date
    ]
    width = config.tolerance_before + config.tolerance_after
    return not days or (max(days) - min(days)).days <= width


def check_cluster(
    articles: Sequence[Article],
    *,
    timexes: Mapping[str, list[Timex]] | None = None,
    config: DatingConfig = DEFAULT_DATING,
    own_checks: Mapping[str, OwnCheck] | None = None,
) -> dict[str, DateEstimate]:
    """Check every copy of one story, using the other copies as evidence.

    Each copy is first checked on its own text. Then each is checked again with, in addition, the other
    copies' checked dates (a copy whose stated date its text supports says "near that day") and the dated
    events their texts mention. Evidence items from other copies carry those copies' ``article_id``.

    Args:
        articles: the copies of one story.
        timexes: the tagger's timexes per article id (tagged here when missing).
        config: the dating options.
        own_checks: each article's own clues and its check on them when the caller has them already
            (``own_check``, ``crawl_checks``: with the crawl's ``neighbours`` clue); computed when missing.

    Returns:
        article id -> ``DateEstimate``, for every article given.
    """
    own: dict[str, list[Clue]] = {}
    solo: dict[str, DateEstimate] = {}
    for a in articles:
        oc = own_checks.get(a.id) if own_checks is not None else None
        if oc is None:
            oc = own_check(a, timexes.get(a.id) if timexes is not None else None, config)
        own[a.id] = oc.clues
        solo[a.id] = oc.estimate
    if len(articles) < 2:
        return solo
    lenders = _lenders(articles, solo, config)
    if lenders is None:
        # Copies whose own texts confirm dates this far apart, with no majority among them, are a series or
        # follow-ups (or were grouped by mistake): no copy's date speaks for another's.
        return solo
    out: dict[str, DateEstimate] = {}
    unchecked = sum(
        1 for a in articles if solo[a.id].verdict == "insufficient_evidence" and a.stated_date is not None
    )
    cluster_config = config if _one_day(solo, lenders, config) else replace(config, near_shifts=False)
    for a in articles:
        # Stated dates that no text checks are untrusted: together they weigh at most two copies' worth, so
        # that a crowd of them (a series, or look-alikes grouped by mistake) cannot outvote the evidence.
        others = unchecked - (solo[a.id].verdict == "insufficient_evidence" and a.stated_date is not None)
        share = min(1.0, config.max_unchecked_copies / others) if others else 1.0
        extra: list[Clue] = []
        for b in articles:
            if b.id != a.id and b.id in lenders:
                extra.extend(_copy_clues(b, solo[b.id], own[b.id], config, share))
        if not extra:
            out[a.id] = solo[a.id]
            continue
        est = decide(a.id, a.stated_date, own[a.id] + extra, cluster_config, source="cluster")
        if est.verdict == "wrong" and _confirmed(solo[a.id], est, own[a.id], a.stated_date, config):
            # The copy's own text confirms its stated date; copies that disagree are more likely a
            # follow-up or a grouping error than proof, so they never overturn it. A text that only
            # confirms the month (a URL month, "in June") leaves the day within it to the copies.
            est = solo[a.id]
        if est.verdict == solo[a.id].verdict and est.estimated_date == solo[a.id].estimated_date:
            est.source = solo[a.id].source
        out[a.id] = est
    return out


def own_check(
    article: Article,
    timexes: Sequence[Timex] | None = None,
    config: DatingConfig = DEFAULT_DATING,
    extra: Sequence[Clue] = (),
) -> OwnCheck:
    """An article's own clues (``article_clues``, plus ``extra`` crawl clues) and its check on them alone."""
    clues = article_clues(article, timexes, config) + list(extra)
    return OwnCheck(clues, decide(article.id, article.stated_date, clues, config, source="text"))


def crawl_checks(
    articles: Sequence[Article],
    story_of: Mapping[str, str],
    *,
    timexes: Mapping[str, list[Timex]] | None = None,
    config: DatingConfig = DEFAULT_DATING,
    dedup: DedupConfig | None = None,
) -> dict[str, OwnCheck]:
    """Every article's ``own_check``; with ``config.neighbours``, those whose stated date is an outlier among
    their most similar articles of other stories get the ``neighbours`` clue and are checked again with it
    (``dateline.dating.neighbours``; calibrated on the own checks of the others). Pass the result to
    ``check_cluster(own_checks=...)``, which then checks nothing twice.

    ``story_of`` maps article ids to story ids (neighbours are taken from other stories only).
    """
    from dateline.dating.neighbours import crawl_neighbour_clues
    from dateline.dedup.config import DEFAULT_DEDUP

    tx = timexes or {}
    checks = {a.id: own_check(a, tx.get(a.id), config) for a in articles}
    if not config.neighbours or len(articles) < 2:
        return checks
    solo = {aid: (c.estimate.verdict, c.estimate.confidence) for aid, c in checks.items()}
    extra = crawl_neighbour_clues(articles, story_of, solo, config, dedup or DEFAULT_DEDUP)
    for a in articles:
        if a.id in extra:
            checks[a.id] = own_check(a, tx.get(a.id), config, extra[a.id])
    return checks
