"""How story grouping's recall depends on the number of pages an event has, for a few ``story_weak_rank`` values.

A weak link (independent reports of one event, no near-copy between them) must stand ``story_weak_margin`` above
the ``story_weak_rank``-th best candidate of both its pages: their background of look-alikes. A page of an event
with more than ``story_weak_rank`` other pages has one of them as that background, so large events of
independent reports split. This prints, on the real pages of stories-dev (events of 1-7 pages), pairwise recall
within the events of each size, pairwise precision and ARI, for each rank; and, with ``--bench``, the wire-copy
benchmark's pairwise precision and F1, where a larger rank lets same-company follow-ups link. A smaller rank on
stories-dev stands in for larger events than the set has. With ``--crawl``, each rank also groups the stories-dev
pages together with that crawl's articles (text and title only; the crawl is not scored): with the larger crawl's
term frequencies each page picks other key terms and meets more candidates, and its background rises.

Usage (from the repo root):

    python benchmarks/stories_event_size.py --bench benchmarks/data/story_bench.jsonl --out benchmarks/results/stories_event_size.md
    python benchmarks/stories_event_size.py --crawl ../shared/data/dated-news/reuters21578.jsonl --ranks 6 7 8 \
        --out benchmarks/results/stories_in_crawl.md
"""

from __future__ import annotations

import argparse
import json
import platform
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from dateline.dedup import DedupConfig, cluster_metrics, group_articles
from dateline.records import Article

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "stories-dev" / "stories-dev.jsonl"


def load_labelled(path: Path, id_field: str, label_field: str) -> tuple[list[Article], list[str]]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    # only the inputs a crawl has (text, title, URL); the label is read only to score
    arts = [Article(id=str(r[id_field]), text=r["text"], title=r.get("title"), url=r.get("url")) for r in rows]
    return arts, [str(r[label_field]) for r in rows]


def grouping_metrics(arts: list[Article], gold: list[str], config: DedupConfig) -> dict[str, float]:
    """``cluster_metrics`` of ``group_articles(arts, config=config)``'s stories against the ``gold`` labels."""
    res = group_articles(arts, config=config)
    return cluster_metrics(gold, [res.story_id[a.id] for a in arts])


def halves(labels: list[str]) -> tuple[list[int], list[int]]:
    """The indices of the records of the even and of the odd labels (in sorted order), each half to be
    grouped alone: one half checks a choice made on the other.

    >>> halves(["EV2", "EV1", "EV3", "EV2"])
    ([1, 2], [0, 3])
    """
    rank = {label: k for k, label in enumerate(sorted(set(labels)))}
    even = [i for i, label in enumerate(labels) if rank[label] % 2 == 0]
    odd = [i for i, label in enumerate(labels) if rank[label] % 2 == 1]
    return even, odd


def _crawl(path: Path) -> list[Article]:
    """A crawl's articles, with ids of their own (only text, title and source are read)."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [Article(id=f"crawl-{k}", text=r["text"], title=r.get("title"), source=r.get("source")) for k, r in enumerate(rows)]


def recall_by_size(gold: list[str], pred: list[str]) -> dict[int, float]:
    """Pairwise recall within the gold groups of each size (sizes of 2 or more).

    >>> recall_by_size(["a", "a", "b", "b", "b"], ["x", "x", "y", "y", "z"])
    {2: 1.0, 3: 0.3333}
    """
    members: dict[str, list[str]] = defaultdict(list)
    for g, p in zip(gold, pred, strict=True):
        members[g].append(p)
    found: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for preds in members.values():
        n = len(preds)
        if n < 2:
            continue
        found[n][0] += sum(k * (k - 1) // 2 for k in Counter(preds).values())
        found[n][1] += n * (n - 1) // 2
    return {n: round(hit / total, 4) for n, (hit, total) in sorted(found.items())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=None, help="the story benchmark JSONL (id, text, title, url, story)")
    ap.add_argument("--crawl", type=Path, default=None, help="also group the pages inside this JSONL crawl (text, title)")
    ap.add_argument("--ranks", type=int, nargs="+", default=[4, 5, 6, 7, 8])
    ap.add_argument("--out", type=Path, default=None, help="write a Markdown table here")
    args = ap.parse_args(argv)
    default = DedupConfig()
    arts, gold = load_labelled(DEV, "page_id", "event_id")
    sizes = sorted({n for n in Counter(gold).values() if n >= 2})
    bench = load_labelled(args.bench, "id", "story") if args.bench is not None else None
    crawl = _crawl(args.crawl) if args.crawl is not None else []
    head = "| story_weak_rank | " + " | ".join(f"R, events of {n}" for n in sizes) + " | P | R | ARI |"
    if bench is not None:
        head += " benchmark P | benchmark F1 |"
    if crawl:
        head += " crawl articles in stories-dev stories |"
    lines = [
        "# Story grouping and event size",
        "",
        f"Command: `python benchmarks/stories_event_size.py{' --bench ' + str(args.bench) if args.bench else ''}"
        f"{' --crawl ' + str(args.crawl) if args.crawl else ''}"
        f"{' --ranks ' + ' '.join(map(str, args.ranks)) if args.ranks != [4, 5, 6, 7, 8] else ''}"
        f"{' --out ' + str(args.out) if args.out else ''}`",
        "",
        f"stories-dev: {len(arts)} pages, {len(set(gold))} events; events per size: "
        + ", ".join(f"{n}: {k}" for n, k in sorted(Counter(Counter(gold).values()).items()))
        + (f"; crawl: {len(crawl)} articles" if crawl else "")
        + f". Other settings are the defaults (default rank {default.story_weak_rank}). Python "
        f"{platform.python_version()}, {platform.machine()}.",
        "",
        head,
        "|" + "---|" * (head.count("|") - 1),
    ]
    for rank in args.ranks:
        config = replace(default, story_weak_rank=rank)
        for inside in [False, True] if crawl else [False]:
            res = group_articles(arts + crawl if inside else arts, config=config)
            pred = [res.story_id[a.id] for a in arts]
            m = cluster_metrics(gold, pred)
            by = recall_by_size(gold, pred)
            row = f"| {rank}{', inside the crawl' if inside else ''} | " + " | ".join(f"{by.get(n, 0.0):.2f}" for n in sizes)
            row += f" | {m['pairwise_precision']:.3f} | {m['pairwise_recall']:.3f} | {m['ari']:.3f} |"
            if bench is not None:
                if inside:
                    row += " - | - |"
                else:
                    bm = grouping_metrics(*bench, config)
                    row += f" {bm['pairwise_precision']:.4f} | {bm['pairwise_f1']:.4f} |"
            if crawl:
                ids = set(pred)
                row += f" {sum(1 for a in crawl if res.story_id[a.id] in ids) if inside else '-'} |"
            lines.append(row)
            print(row, flush=True)
    md = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(md, encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
