"""Story grouping of real same-event pages when some of them are republished: stories-dev with wire copies added.

A news crawl carries one report on many sites. This adds 1-5 copies of a share of stories-dev's pages, made with
the wire-copy benchmark's own edits (``build_story_bench.edit``: truncation, a new lead, reordered paragraphs,
inserted quotes, name variants, OCR noise) and, on 70% of them, a site's navigation line and footer. The copies
carry no label; only the 336 real pages are scored against ``event_id``, so the figures say whether the other
outlets' reports of an event still find each other once one of them has copies. Each share is grouped with
``dedup.copies_once`` on and off (the backgrounds count the copies of one text once, or every copy).

Usage (from the repo root):

    python benchmarks/stories_copies.py --out benchmarks/results/stories_copies.md
    python benchmarks/stories_copies.py --shares 0.5 --seeds 3 4
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
from dataclasses import replace
from pathlib import Path

from build_story_bench import OUTLETS, chrome, edit
from stories_event_size import DEV, load_labelled

from dateline.dedup import DedupConfig, cluster_metrics, group_articles
from dateline.records import Article


def with_copies(arts: list[Article], share: float, seed: int) -> list[Article]:
    """``arts`` followed by 1-5 edited copies of each page drawn with probability ``share`` (seeded).

    >>> pages = [Article(id="p1", text="Rescuers reached the village on Tuesday. Nine people were missing.")]
    >>> [a.id for a in with_copies(pages, 1.0, 3)][:2]
    ['p1', 'p1~c0']
    """
    rng = random.Random(seed)
    out = list(arts)
    for a in arts:
        if rng.random() >= share:
            continue
        for c in range(rng.randint(1, 5)):
            text, _, _ = edit(a.text, None, rng, rng.randint(2, 4))
            if rng.random() < 0.7:
                head, foot = chrome(rng.choice(OUTLETS))
                text = f"{head}\n{text}\n{foot}"
            out.append(Article(id=f"{a.id}~c{c}", text=text))
    return out


def originals_metrics(batch: list[Article], gold: list[str], config: DedupConfig) -> dict[str, float]:
    """``cluster_metrics`` of the first ``len(gold)`` records of ``batch`` (the real pages), grouped with the rest."""
    res = group_articles(batch, config=config)
    return cluster_metrics(gold, [res.story_id[a.id] for a in batch[: len(gold)]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEV)
    parser.add_argument("--shares", type=float, nargs="+", default=[0.0, 0.25, 0.5, 1.0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    arts, gold = load_labelled(args.data, "page_id", "event_id")
    lines = [
        "# stories-dev with wire copies of some pages",
        "",
        "Command: `" + " ".join(["python", "benchmarks/stories_copies.py", *sys.argv[1:]]) + "`",
        f"Python {platform.python_version()}, {platform.machine()}.",
        "",
        "Only the real pages are scored (pairwise and ARI against `event_id`); the copies are unlabelled.",
        "",
        "| share of pages copied | seed | records | copies_once | P | R | ARI |",
        "|---|---|---|---|---|---|---|",
    ]
    for share in args.shares:
        for seed in args.seeds:
            batch = with_copies(arts, share, seed)
            for on in (True, False):
                cfg = replace(DedupConfig(), copies_once=on)
                m = originals_metrics(batch, gold, cfg)
                row = (f"| {share:.0%} | {seed} | {len(batch):,} | {'on' if on else 'off'} | {m['pairwise_precision']:.3f} "
                       f"| {m['pairwise_recall']:.3f} | {m['ari']:.3f} |")  # fmt: skip
                print(row, flush=True)
                lines.append(row)
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
