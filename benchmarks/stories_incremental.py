"""stories-dev added to a ``StoryIndex`` in batches, against grouping all pages in one batch.

Prints ARI and pairwise precision/recall of the incremental grouping, and how many cross-event story links
each batch made that the one-batch grouping does not make (links made before the records' look-alikes
arrived; a later batch that loads those records re-tests them, ``dedup.story_recheck``, and splits the story
where one no longer stands out).

Usage (from the repo root):

    python benchmarks/stories_incremental.py --batches 8
    python benchmarks/stories_incremental.py --batches 8 --embedder minilm.v1   # needs dateline[embed]
    python benchmarks/stories_incremental.py --batches 8 4 2 --seeds 0 1 2 3 --without-recheck \
        --out benchmarks/results/stories_incremental.md
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import replace
from pathlib import Path

import duckdb
from stories_event_size import DEV, load_labelled

from dateline.dedup import DedupConfig, GroupResult, StoryIndex, cluster_metrics, group_articles
from dateline.records import Article


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batches", type=int, nargs="+", default=[8], help="one run per batch count")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0], help="one run per seed of the order the pages arrive in")
    ap.add_argument(
        "--without-recheck", action="store_true", help="also run each with dedup.story_recheck off, for comparison"
    )
    ap.add_argument("--embedder", default="none", help="dedup.embedder for both groupings (default: none)")
    ap.add_argument("--data", type=Path, default=DEV, help="labelled JSONL (default: stories-dev)")
    ap.add_argument("--id-field", default="page_id")
    ap.add_argument("--label-field", default="event_id", help="the answer, read only to score")
    ap.add_argument("--out", type=Path, default=None, help="also write a Markdown table here")
    args = ap.parse_args(argv)
    arts, gold = load_labelled(args.data, args.id_field, args.label_field)
    config = DedupConfig(embedder=args.embedder)
    one = group_articles(arts, config=config)  # the reference, grouped once for every batch count
    configs = [config, replace(config, story_recheck=False)] if args.without_recheck else [config]
    results = [_run(arts, gold, one, nb, seed, c) for seed in args.seeds for nb in args.batches for c in configs]
    for r in results:
        print(json.dumps(r))
    if args.out:
        cmd = f"python benchmarks/stories_incremental.py --batches {' '.join(map(str, args.batches))}"
        cmd += (f" --seeds {' '.join(map(str, args.seeds))}" if args.seeds != [0] else "")
        cmd += (" --without-recheck" if args.without_recheck else "")
        if args.data != DEV:
            cmd += f" --data {args.data} --id-field {args.id_field} --label-field {args.label_field}"
        cmd += f" --embedder {args.embedder}" if args.embedder != "none" else ""
        lines = [
            f"# {args.data.stem} added to a StoryIndex in batches", "", f"Command: `{cmd} --out {args.out}`", "",
            "Pages arrive in a shuffled order (by seed). Each row is what the index holds once every page "
            f"is stored, scored against {args.label_field}; the one-batch grouping of the same pages is the reference. "
            "Re-check: stored links that rest on backgrounds (weak links, parts, loners) re-tested as later batches "
            "raise their pages' backgrounds "
            "(`dedup.story_recheck`); parts split off: stories split by that, over all batches.", "",
            "| seed | batches | batch size | re-check | P | R | ARI | parts split off "
            "| cross-event links one batch does not make, by batch |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {r['seed']} | {r['batches']} | {r['batch_size']} | {'on' if r['recheck'] else 'off'} | "
            f"{r['pairwise_precision']:.3f} | {r['pairwise_recall']:.3f} | {r['ari']:.3f} | {r['parts_split_off']} | "
            f"{', '.join(map(str, r['cross_event_links_not_in_one_batch_by_batch']))} |"
            for r in results
        ]
        single = results[0]["one_batch"]
        lines += ["", f"One batch: P {single['pairwise_precision']:.3f}, R {single['pairwise_recall']:.3f}, "
                  f"ARI {single['ari']:.3f}."]
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


def _run(arts: list[Article], gold: list[str], one: GroupResult, n_batches: int, seed: int, config: DedupConfig) -> dict:
    """``arts`` added in ``n_batches`` batches; scores, and those of the one-batch grouping ``one``."""
    event = {a.id: g for a, g in zip(arts, gold, strict=True)}
    order = list(range(len(arts)))
    random.Random(seed).shuffle(order)
    single = {tuple(sorted((e.a, e.b))) for e in one.edges if e.level == "story"}
    index = StoryIndex(duckdb.connect(), config=config)
    size = -(-len(arts) // n_batches)
    extra = [0] * n_batches
    split = 0
    for k in range(n_batches):
        res = index.add([arts[i] for i in order[k * size : (k + 1) * size]])
        split += res.stats.get("parts_split_off", 0)
        for e in res.edges:
            if e.level == "story" and event[e.a] != event[e.b] and tuple(sorted((e.a, e.b))) not in single:
                extra[k] += 1
    res = index.add(arts)  # all stored by now: their current assignments
    m = cluster_metrics(gold, [res.story_id[a.id] for a in arts])
    m1 = cluster_metrics(gold, [one.story_id[a.id] for a in arts])
    return {
        "seed": seed, "batches": n_batches, "batch_size": size, "embedder": config.embedder,
        "recheck": config.story_recheck, "parts_split_off": split, "ari": round(m["ari"], 4),
        "pairwise_precision": round(m["pairwise_precision"], 4), "pairwise_recall": round(m["pairwise_recall"], 4),
        "cross_event_links_not_in_one_batch_by_batch": extra,
        "one_batch": {k: round(m1[k], 6) for k in ("pairwise_precision", "pairwise_recall", "ari")},
    }  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
