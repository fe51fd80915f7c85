"""Where the wire-copy benchmark's precision target meets stories-dev: weak-link settings moved together.

``stories_sensitivity.py`` moves one setting at a time. This samples combinations of the settings that make weak
links harder to pass (the background rank, the entity bar, the margin, the copy check, the word-cosine margin)
and records, for each, stories-dev's pairwise P / R / ARI and each benchmark build's P / R / F1. The summary line
gives the best stories-dev ARI among the combinations that reach the precision target on every build: how much
of the same-event grouping the target costs. With ``--aquaint``, each row also gives the pairwise P / R / ARI on
the hand-labelled news sagas of ``stories_aquaint.py`` (other developments of one topic must stay apart). Only
text, title and URL are given to the grouping.

Usage (from the repo root; the builds come from ``build_story_bench.py``):

    python benchmarks/stories_frontier.py --bench benchmarks/data/story_bench.jsonl \
        benchmarks/data/story_bench_11.jsonl --aquaint --out benchmarks/results/stories_frontier.md
"""

from __future__ import annotations

import argparse
import itertools
import platform
import random
import time
from pathlib import Path

from stories_aquaint import load_aquaint, scored
from stories_event_size import DEV, grouping_metrics, load_labelled

from dateline.dedup import DedupConfig, group_articles

GRID = {
    "story_weak_rank": [3, 4, 5, 6],
    "story_weak_min_entity": [4.0, 5.0, 6.0, 8.0],
    "story_weak_margin": [0.09, 0.135, 0.18],
    "copy_support": [0.8, 1.0],
    "lexical_margin": [0.2, 0.3],
}


def combinations(n: int, seed: int) -> list[dict[str, float | int]]:
    """``n`` combinations of ``GRID`` drawn without repeats in a seeded order.

    >>> len(combinations(5, 0)), sorted(combinations(1, 0)[0]) == sorted(GRID)
    (5, True)
    """
    combos = [dict(zip(GRID, v, strict=True)) for v in itertools.product(*GRID.values())]
    random.Random(seed).shuffle(combos)
    return combos[:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, nargs="+", required=True, help="benchmark builds (JSONL, label field story)")
    ap.add_argument("--samples", type=int, default=70, help="combinations drawn from the grid")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--target", type=float, default=0.98, help="the benchmark's pairwise precision target")
    ap.add_argument("--aquaint", action="store_true", help="also score the news sagas of stories_aquaint.py")
    ap.add_argument("--out", type=Path, help="also write the table here as Markdown")
    args = ap.parse_args(argv)
    if not DEV.exists():
        raise SystemExit(f"stories-dev not found at {DEV}: it lies in ../shared/data beside the checkout")
    dev = load_labelled(DEV, "page_id", "event_id")
    benches = [load_labelled(p, "id", "story") for p in args.bench]
    sagas = load_aquaint() if args.aquaint else None
    head = "| " + " | ".join(GRID) + " | stories-dev P / R / ARI |" + "".join(f" {p.name} P / R / F1 |" for p in args.bench)
    head += " AQUAINT sagas P / R / ARI |" if sagas else ""
    lines = [
        "# Story grouping: weak-link settings moved together",
        "",
        "Command: `python benchmarks/stories_frontier.py --bench " + " ".join(str(p) for p in args.bench)
        + f" --samples {args.samples} --seed {args.seed} --target {args.target}{' --aquaint' if sagas else ''}`",
        "",
        f"Python {platform.python_version()}, {platform.machine()}. The first row is the defaults, the second the "
        '`story_links = "rewrites"` mode (no weak links at all); then the sampled combinations.',
        "",
        head,
        "|" + "---|" * (len(GRID) + 1 + len(args.bench) + (1 if sagas else 0)),
    ]
    start = time.perf_counter()
    base = DedupConfig()
    runs: list[tuple[str, DedupConfig, bool]] = [("defaults", base, False), ("rewrites", DedupConfig(story_links="rewrites"), False)]
    runs += [("", DedupConfig(**c), True) for c in combinations(args.samples, args.seed)]  # type: ignore[arg-type]
    best: tuple[float, str] | None = None
    for label, config, sampled in runs:
        m = grouping_metrics(*dev, config)
        cells = [f"{m['pairwise_precision']:.3f} / {m['pairwise_recall']:.3f} / {m['ari']:.3f}"]
        reach = True
        for arts, gold in benches:
            bm = grouping_metrics(arts, gold, config)
            cells.append(f"{bm['pairwise_precision']:.4f} / {bm['pairwise_recall']:.4f} / {bm['pairwise_f1']:.4f}")
            reach &= bm["pairwise_precision"] >= args.target
        if sagas:
            arts, gold, keep, _ = sagas
            res = group_articles(arts, config=config)
            sm = scored(gold, [res.story_id[a.id] for a in arts], keep)
            cells.append(f"{sm['pairwise_precision']:.3f} / {sm['pairwise_recall']:.3f} / {sm['ari']:.3f}")
        keys = [str(getattr(config, k)) for k in GRID]
        if label:
            keys[0] = f"{label}: {keys[0]}"
        row = "| " + " | ".join(keys + cells) + " |"
        lines.append(row)
        print(row, flush=True)
        if sampled and reach and (best is None or m["ari"] > best[0]):
            best = (m["ari"], row)
    lines += [
        "",
        f"{len(runs)} configurations in {time.perf_counter() - start:.0f} s. "
        + (
            f"Best stories-dev ARI among the sampled combinations with pairwise P >= {args.target} on every build: "
            f"{best[0]:.3f}, in the row `{best[1]}`."
            if best
            else f"No sampled combination reaches pairwise P >= {args.target} on every build."
        ),
    ]
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
