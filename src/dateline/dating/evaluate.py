"""Evaluate the date checker by moving the stated dates of correctly dated articles (``dateline eval dates``).

A seeded random fraction of the articles gets its stated date moved by a shift drawn from one of three buckets
(1-30, 31-364, 365-3650 days, each bucket and each direction equally likely); the rest keep their true date.
The checker sees only ``id``, ``date``, ``text`` and ``title``. An abstention (``insufficient_evidence``)
counts as a miss in recall and not as a false flag. By default the articles of a file are first grouped into
stories, as ``dateline run`` does, so that the copies of a story are checked together; ``cluster=False``
checks each article alone.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dateline.dating.config import DatingConfig
from dateline.dating.estimate import DEFAULT_DATING, check_cluster, crawl_checks, estimate_date
from dateline.dedup.config import DEFAULT_DEDUP, DedupConfig
from dateline.errors import InputFormatError
from dateline.records import Article, DateEstimate, StatedDate

__all__ = [
    "BUCKETS", "ShiftCase", "check_by_story", "evaluate_dates", "load_dated_records", "make_cases", "score_cases",
]  # fmt: skip

log = logging.getLogger(__name__)

BUCKETS: tuple[tuple[str, int, int], ...] = (("1-30", 1, 30), ("31-364", 31, 364), ("365-3650", 365, 3650))
_INPUT_FIELDS = ("id", "date", "text", "title")


@dataclass(slots=True)
class ShiftCase:
    """One evaluation case: the article as the checker sees it, and the truth kept aside."""

    article: Article
    true_date: date
    shift: int  # stated - true, in days; 0 = untouched
    bucket: str | None


def _files(paths: Sequence[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.glob("*.jsonl")))  # a folder's own files; TEST/ below it stays out
        elif p.exists():
            out.append(p)
        else:
            raise InputFormatError(
                f"{p}: no such file or folder; pass JSONL files or folders of them to --data"
            )
    if not out:
        raise InputFormatError(
            f"no .jsonl files under {', '.join(map(str, paths))}; pass JSONL files to --data"
        )
    return out


def load_dated_records(paths: Sequence[str | Path]) -> list[dict[str, Any]]:
    """Read correctly dated records, keeping only ``id``, ``date`` (a day), ``text`` and ``title``."""
    out = []
    for f in _files(paths):
        with f.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputFormatError(
                        f"{f}:{n}: not a JSON object ({exc}); each line must be one record"
                    ) from exc
                d = str(rec.get("date") or "")[:10]
                if len(d) != 10 or not rec.get("text"):
                    continue
                try:
                    date.fromisoformat(d)
                except ValueError:
                    continue
                out.append(
                    {k: rec.get(k) for k in _INPUT_FIELDS}
                    | {"date": d, "id": str(rec.get("id") or f"{f.name}:{n}")}
                )
    return out


def make_cases(records: Sequence[dict[str, Any]], *, seed: int, fraction: float) -> list[ShiftCase]:
    """Move the stated dates of a random ``fraction`` of ``records`` (seeded)."""
    rng = random.Random(seed)
    cases = []
    for rec in records:
        true = date.fromisoformat(rec["date"])
        shift, bucket = 0, None
        if rng.random() < fraction:
            bucket, lo, hi = rng.choice(BUCKETS)
            shift = rng.randint(lo, hi) * rng.choice((-1, 1))
        try:
            stated = true + timedelta(days=shift)
        except OverflowError:
            stated, shift, bucket = true, 0, None
        art = Article(
            id=rec["id"],
            text=rec["text"],
            title=rec.get("title"),
            stated_date=StatedDate(stated.year, stated.month, stated.day),
        )
        cases.append(ShiftCase(art, true, shift, bucket))
    return cases


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score_cases(cases: Sequence[ShiftCase], results: Sequence[DateEstimate]) -> dict[str, Any]:
    """The metrics of ``eval dates`` from cases and their estimates (same order)."""
    flagged_ok = 0
    false_flags = 0
    untouched = 0
    abstain = 0
    by_bucket: dict[str, dict[str, int]] = {b: {"n": 0, "flagged": 0, "abstained": 0} for b, _, _ in BUCKETS}
    est_hits = {"exact": 0, "within_1": 0, "within_7": 0, "within_31": 0, "same_year": 0}
    covered = 0
    for case, est in zip(cases, results, strict=True):
        if est.verdict == "insufficient_evidence":
            abstain += 1
        if case.bucket is None:
            untouched += 1
            false_flags += est.verdict == "wrong"
            continue
        b = by_bucket[case.bucket]
        b["n"] += 1
        b["abstained"] += est.verdict == "insufficient_evidence"
        if est.verdict != "wrong":
            continue
        b["flagged"] += 1
        flagged_ok += 1
        if est.estimated_date:
            gap = abs((date.fromisoformat(est.estimated_date) - case.true_date).days)
            est_hits["exact"] += gap == 0
            est_hits["within_1"] += gap <= 1
            est_hits["within_7"] += gap <= 7
            est_hits["within_31"] += gap <= 31
            est_hits["same_year"] += date.fromisoformat(est.estimated_date).year == case.true_date.year
        lo, hi = est.interval
        t = case.true_date.isoformat()
        covered += (lo is None or lo <= t) and (hi is None or t <= hi)
    shifted = sum(b["n"] for b in by_bucket.values())
    flagged_all = flagged_ok + false_flags
    buckets = {
        name: {
            "n": b["n"],
            "recall": _ratio(b["flagged"], b["n"]),
            "precision": _ratio(b["flagged"], b["flagged"] + false_flags),
            "abstention_rate": _ratio(b["abstained"], b["n"]),
        }
        for name, b in by_bucket.items()
    }
    return {
        "n_articles": len(cases),
        "n_shifted": shifted,
        "n_untouched": untouched,
        "detection": {
            "precision": _ratio(flagged_ok, flagged_all),
            "recall": _ratio(flagged_ok, shifted),
            "by_bucket": buckets,
        },
        "false_flag_rate": _ratio(false_flags, untouched),
        "false_flags": false_flags,
        "estimate_accuracy_flagged": {k: _ratio(v, flagged_ok) for k, v in est_hits.items()},
        "interval_coverage_flagged": _ratio(covered, flagged_ok),
        "abstention_rate": _ratio(abstain, len(cases)),
    }


def evaluate_dates(
    paths: Sequence[str | Path],
    *,
    seed: int = 0,
    fraction: float = 0.5,
    sample: int | None = None,
    config: DatingConfig = DEFAULT_DATING,
    check: Callable[[Article], DateEstimate] | None = None,
    progress: Callable[[int], None] | None = None,
    cluster: bool = True,
    dedup: DedupConfig = DEFAULT_DEDUP,
    one_crawl: bool = False,
) -> dict[str, Any]:
    """Shift, check and score; the JSON report of ``dateline eval dates``.

    Args:
        paths: JSONL files (or folders of them) of correctly dated articles.
        seed: seeds both the sample and the shifts.
        fraction: share of articles whose stated date is moved.
        sample: check only this many articles per file (seeded), or all when None.
        config: the dating options.
        check: the checker (``estimate_date`` with ``config`` by default); for comparisons. A custom
            checker sees one article at a time, so it implies ``cluster=False``.
        progress: called with the number of articles done.
        cluster: check as ``dateline run`` does: group each file's articles into stories (texts only, never
            their stated dates) and check the copies of a story together (``check_cluster``). False checks
            each article on its own text only.
        dedup: the grouping options when ``cluster`` is on.
        one_crawl: with ``cluster``, group and check all files together as one crawl (a crawl of mixed
            sources and years) instead of each file as its own crawl; metrics are still given per file.
    """
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction must be in [0, 1], got {fraction}")
    config = config.pinned()  # one last publication day for every file and story of this evaluation
    per_file = {}
    all_cases: list[ShiftCase] = []
    all_results: list[DateEstimate] = []
    started = time.perf_counter()
    files = {}
    for f in _files(paths):
        records = load_dated_records([f])
        if sample is not None and len(records) > sample:
            records = random.Random(seed).sample(records, sample)
        files[f.name] = make_cases(records, seed=seed, fraction=fraction)
    together = one_crawl and cluster and check is None
    crawl: dict[str, DateEstimate] = {}
    if together:
        arts = [c.article for cases in files.values() for c in cases]
        if len({a.id for a in arts}) < len(arts):
            raise ValueError("one crawl needs ids unique across the files; give each file's ids a prefix")
        estimates = check_by_story(arts, config=config, dedup=dedup, progress=progress)
        crawl = dict(zip((a.id for a in arts), estimates, strict=True))
    for name, cases in files.items():
        if together:
            results = [crawl[c.article.id] for c in cases]
        elif cluster and check is None:
            results = check_by_story(
                [c.article for c in cases], config=config, dedup=dedup, progress=progress
            )
        else:
            results = []
            for case in cases:
                results.append(check(case.article) if check else estimate_date(case.article, config=config))
                if progress is not None:
                    progress(1)
        per_file[name] = score_cases(cases, results)
        all_cases.extend(cases)
        all_results.extend(results)
    report = score_cases(all_cases, all_results)
    report["files"] = per_file
    report["seed"] = seed
    report["fraction"] = fraction
    report["sample_per_file"] = sample
    report["mode"] = ("one crawl" if together else "cluster") if cluster and check is None else "solo"
    report["seconds"] = round(time.perf_counter() - started, 2)
    return report


def check_by_story(
    articles: Sequence[Article],
    *,
    config: DatingConfig = DEFAULT_DATING,
    dedup: DedupConfig = DEFAULT_DEDUP,
    progress: Callable[[int], None] | None = None,
) -> list[DateEstimate]:
    """Group ``articles`` into stories in memory (from their texts, never their dates) and check each story's
    copies together, with the crawl's neighbour clues (``crawl_checks``), as ``dateline run`` does; one
    estimate per article, in input order."""
    from dateline.dedup import group_articles

    grouped = group_articles(articles, config=dedup)
    stories: dict[str, list[Article]] = {}
    for a in articles:
        stories.setdefault(grouped.story_id[a.id], []).append(a)
    checks = crawl_checks(articles, grouped.story_id, config=config, dedup=dedup)
    out: dict[str, DateEstimate] = {}
    for members in stories.values():
        out.update(check_cluster(members, config=config, own_checks=checks))
        if progress is not None:
            progress(len(members))
    return [out[a.id] for a in articles]


def iter_cases_json(cases: Iterable[ShiftCase], results: Iterable[DateEstimate]) -> Iterable[dict[str, Any]]:
    """Per-case rows, for error analysis."""
    for c, e in zip(cases, results, strict=True):
        yield {
            "id": c.article.id,
            "true_date": c.true_date.isoformat(),
            "stated_date": c.article.stated_date.iso() if c.article.stated_date else None,
            "shift": c.shift,
            "bucket": c.bucket,
            "verdict": e.verdict,
            "estimated_date": e.estimated_date,
            "interval": list(e.interval),
            "confidence": e.confidence,
        }
