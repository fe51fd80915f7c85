"""Settings of the dating stage."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from dateline.errors import BAD_CONFIG_VALUE, ConfigError


@dataclass(frozen=True, slots=True)
class DatingConfig:
    """Options of the dating stage; every field has a default and a matching key in defaults.toml.

    Attributes:
        wrong_margin: evidence (nats, a log Bayes factor: publication anywhere against publication near the
            stated date) needed to call the stated date ``wrong``.
        consistent_margin: evidence (nats) for the stated date needed to call it ``consistent``; in between,
            the verdict is ``insufficient_evidence``.
        temperature: clues are not independent; their summed log-likelihood is divided by this.
        clue_temperature: the clues of one text are tempered by ``(n / 3) ** clue_temperature`` for ``n`` > 3
            distinct clues (without it, clue-rich texts get false flags more often: 5% against 0.4% on dev
            data); other copies' dates are not.
        tolerance_before: days before the stated date that still count as the stated date (time zones,
            late crawls). A stated month is widened by the same amounts.
        tolerance_after: days after the stated date that still count as the stated date (a report written
            the day before it was posted).
        interval_mass: the date interval is the span of days holding this share of the posterior.
        interval_temperature: an extra temperature for the interval (wider, for honest coverage).
        min_clues: fewer date clues than this (that pin a day, month or year) means ``insufficient_evidence``.
        max_years: the candidate window never spans more years than this.
        search_years: years searched on each side of the stated date and of the years the text mentions.
        cluster_weight: weight of another copy's stated date (scaled by that copy's own confidence).
        max_unchecked_copies: other copies whose stated dates their own texts can neither confirm nor refute
            weigh together at most this many copies' worth (a crowd of untrusted dates is still untrusted).
        cluster_max_spread: when copies whose texts confirm their own dates lie more than this many days
            apart, the story is a series or follow-ups and copies lend no dates to each other.
        parsimony: nats charged per extra distinct recent day that past-tense clues resolve to (news reports
            are about few days; this is how "Sunday" and "Jan. 8" end up naming one day).
        ignore_boilerplate: drop clues inside copyright lines, photo credits and similar page furniture.
        url_weight: weight of a date in the article's URL (``/2019/06/16/``, ``20190616``, epoch-ms ids);
            0 ignores URLs.
        html_weight: weight of htmldate's dates in ``Article.html_date_signals``; 0 ignores them.
        neighbours: when checking a crawl, use the stated dates of each article's most similar articles of
            other stories as a clue (``dateline.dating.neighbours``); single-article checks have none.
        neighbour_k: neighbours per article.
        neighbour_min: fewer dated neighbours than this give no clue.
        neighbour_confirmed: the confidence of a ``consistent`` verdict on an article's own clues that makes it
            a calibration article for the neighbours clue (at 0 every consistent article calibrates, and a
            few moved dates among them raise the threshold: Reuters dev, recall over a year 0.52 against 0.89).
        neighbour_alpha: the share of correctly dated articles (as the crawl's text-confirmed ones show)
            that may be beyond the outlier threshold; with too few confirmed articles, no clue at all.
        near_shifts: also call a stated date ``wrong`` when the Bayes factor reaches ``wrong_margin`` under a
            prior that expects a page published later than stated to be off by days as often as by months or
            years (density 1 / distance after the stated date); under the uniform prior alone, clues that pin a
            day a week or two later can never flag it. A stated date later than the clues say keeps the
            uniform prior (late copies and follow-ups are common). Other copies take part only while those
            whose texts confirm their dates agree within the tolerance window. Figures in benchmarks/README.md.
        latest: the last day a page can have been published, ``YYYY-MM-DD`` (the day the crawl was made);
            empty means the day of the check. A stated date later than it (by more than ``tolerance_before``)
            is ``wrong`` whatever the text says, and estimates never lie after it.
    """

    wrong_margin: float = 3.0
    consistent_margin: float = 0.5
    temperature: float = 1.0
    clue_temperature: float = 0.5
    tolerance_before: int = 2
    tolerance_after: int = 1
    interval_mass: float = 0.97
    interval_temperature: float = 2.0
    min_clues: int = 1
    max_years: int = 60
    search_years: int = 10
    cluster_weight: float = 1.0
    cluster_max_spread: int = 7
    max_unchecked_copies: float = 2.0
    parsimony: float = 0.7
    ignore_boilerplate: bool = True
    url_weight: float = 1.5
    html_weight: float = 1.0
    neighbours: bool = True
    neighbour_k: int = 10
    neighbour_min: int = 3
    neighbour_confirmed: float = 0.95
    neighbour_alpha: float = 0.01
    near_shifts: bool = True
    latest: str = ""

    def __post_init__(self) -> None:
        if self.latest:
            try:
                date.fromisoformat(self.latest)
            except ValueError:
                raise ConfigError(
                    BAD_CONFIG_VALUE.format(
                        where="dating.latest", problem="must be a day YYYY-MM-DD, or empty for the day of the check",
                        value=self.latest,
                    )
                ) from None

    def latest_day(self) -> date:
        """The last day a page can have been published: ``latest``, or today (``clock_today``)."""
        return date.fromisoformat(self.latest) if self.latest else clock_today()

    def pinned(self) -> DatingConfig:
        """These options with an empty ``latest`` fixed to today, so that every check of one run (every
        engine, worker and story) uses the same last day even when the run crosses midnight.

        >>> DatingConfig(latest="2020-05-01").pinned().latest
        '2020-05-01'
        >>> DatingConfig().pinned().latest == clock_today().isoformat()
        True
        """
        return self if self.latest else replace(self, latest=clock_today().isoformat())


# No run happens before this day (this rule's release), so a system clock behind it is wrong (a container
# started at the epoch, a board without a battery): rather than take every page after that clock for a
# page from the future, today is then this day.
CLOCK_FLOOR = date(2026, 11, 23)


def clock_today() -> date:
    """Today by the system clock, or ``CLOCK_FLOOR`` when the clock is behind it.

    >>> clock_today() >= CLOCK_FLOOR
    True
    """
    return max(date.today(), CLOCK_FLOOR)
