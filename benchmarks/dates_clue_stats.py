"""How much date evidence the eval texts hold, and how detection depends on it (development data only).

For a seeded sample with half the stated dates moved (as ``dateline eval dates`` does), report per group of
articles by number of distinct date clues: how many there are, the false-flag rate on untouched articles and the
recall on shifts over a year; the median log-likelihood ratio of the true day against a stated date moved by
more than a year; and the false-flag rate and recall per shift bucket at several ``wrong_margin`` values (the
curve that any threshold on this evidence moves along).

Usage (from the repo root):

    python benchmarks/dates_clue_stats.py --sample 2000 --seeds 1 2 --data \\
        ../shared/data/dated-news/wikinews-semeval2015.jsonl ../shared/data/dated-news/tbaq-gold.jsonl \\
        ../shared/data/dated-news/reuters21578.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import random

import numpy as np

from dateline.dating.estimate import DEFAULT_DATING, article_clues, stated_log_odds
from dateline.dating.evaluate import load_dated_records, make_cases
from dateline.dating.scoring import candidate_window, score_days

GROUPS = ((0, 0), (1, 2), (3, 5), (6, 10), (11, 10_000))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", nargs="+", required=True)
    ap.add_argument("--seeds", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--sample", type=int, default=2000)
    ap.add_argument("--clue-temperature", type=float, default=None, help="Override dating.clue_temperature.")
    args = ap.parse_args(argv)
    cfg = DEFAULT_DATING
    if args.clue_temperature is not None:
        cfg = dataclasses.replace(cfg, clue_temperature=args.clue_temperature)
    rows = []  # (bucket, n clues, odds, llr true - stated)
    for seed in args.seeds:
        for f in args.data:
            recs = load_dated_records([f])
            if len(recs) > args.sample:
                recs = random.Random(seed).sample(recs, args.sample)
            for c in make_cases(recs, seed=seed, fraction=0.5):
                sd = c.article.stated_date
                assert sd is not None
                clues = article_clues(c.article, None, cfg)
                window = candidate_window(clues, sd.anchor(), cfg) if clues else None
                if window is None:
                    rows.append((c.bucket, 0, -np.inf, 0.0))
                    continue
                sc = score_days(clues, window, cfg)
                it, i_s = sc.index(c.true_date), sc.index(sd.anchor())
                llr = float(sc.total[it] - sc.total[i_s]) if it is not None and i_s is not None else float("nan")
                rows.append((c.bucket, len(sc.clues), stated_log_odds(sc, sd, cfg), llr))
    untouched = [r for r in rows if r[0] is None]
    far = [r for r in rows if r[0] == "365-3650"]
    print(f"articles: {len(rows)}; untouched without any clue: {sum(r[1] == 0 for r in untouched) / len(untouched):.3f}; "
          f"median clues (untouched): {np.median([r[1] for r in untouched]):.0f}")
    print(f"median LLR true day vs stated (shifts over a year): {np.nanmedian([r[3] for r in far]):.2f} nats")
    print("| clues | untouched | false flags | shifted > 1 year | recall |")
    print("|---|---|---|---|---|")
    for lo, hi in GROUPS:
        u = [r for r in untouched if lo <= r[1] <= hi]
        s = [r for r in far if lo <= r[1] <= hi]
        ff = sum(r[2] >= cfg.wrong_margin for r in u) / max(len(u), 1)
        rec = sum(r[2] >= cfg.wrong_margin for r in s) / max(len(s), 1)
        print(f"| {lo}-{hi if hi < 10_000 else 'more'} | {len(u)} | {ff:.3f} | {len(s)} | {rec:.3f} |")
    # the whole recall / false-flag curve: what any threshold on this evidence can reach
    print()
    print("| wrong_margin | false flags | recall 1-30 | recall 31-364 | recall 365-3650 |")
    print("|---|---|---|---|---|")
    for margin in (1.0, 1.5, 2.0, 2.5, cfg.wrong_margin):
        recalls = []
        for bucket in ("1-30", "31-364", "365-3650"):
            s = [r for r in rows if r[0] == bucket]
            recalls.append(sum(r[2] >= margin for r in s) / max(len(s), 1))
        ff = sum(r[2] >= margin for r in untouched) / max(len(untouched), 1)
        print(f"| {margin:.1f} | {ff:.4f} | " + " | ".join(f"{x:.3f}" for x in recalls) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
