"""stories-dev added to a ``StoryIndex`` in batches, against grouping all pages in one batch.

Prints ARI and pairwise precision/recall of the incremental grouping, and how many cross-event story links
each batch made that the one-batch grouping does not make (the links an incremental index keeps because
they were made before the records' look-alikes arrived).

Usage (from the repo root):

    python benchmarks/stories_incremental.py --batches 8
    python benchmarks/stories_incremental.py --batches 8 --embedder minilm.v1   # needs dateline[embed]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import duckdb

from dateline.dedup import DedupConfig, StoryIndex, cluster_metrics, group_articles
from dateline.records import Article

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "stories-dev" / "stories-dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batches", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0, help="seeds the order the pages arrive in")
    ap.add_argument("--embedder", default="none", help="dedup.embedder for both groupings (default: none)")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in DATA.open(encoding="utf-8") if line.strip()]
    # only the inputs a crawl has: text and URL (event_id is the answer, read only to score)
    arts = [Article(id=r["page_id"], text=r["text"], url=r.get("url")) for r in rows]
    event = {r["page_id"]: r["event_id"] for r in rows}
    order = list(range(len(arts)))
    random.Random(args.seed).shuffle(order)
    config = DedupConfig(embedder=args.embedder)
    single = {
        tuple(sorted((e.a, e.b))) for e in group_articles(arts, config=config).edges if e.level == "story"
    }
    index = StoryIndex(duckdb.connect(), config=config)
    size = -(-len(arts) // args.batches)
    extra = [0] * args.batches
    for k in range(args.batches):
        res = index.add([arts[i] for i in order[k * size : (k + 1) * size]])
        for e in res.edges:
            if e.level == "story" and event[e.a] != event[e.b] and tuple(sorted((e.a, e.b))) not in single:
                extra[k] += 1
    res = index.add(arts)  # all stored by now: their current assignments
    m = cluster_metrics([r["event_id"] for r in rows], [res.story_id[a.id] for a in arts])
    print(json.dumps({
        "batches": args.batches, "batch_size": size, "embedder": args.embedder, "ari": round(m["ari"], 4),
        "pairwise_precision": round(m["pairwise_precision"], 4), "pairwise_recall": round(m["pairwise_recall"], 4),
        "cross_event_links_not_in_one_batch_by_batch": extra,
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
