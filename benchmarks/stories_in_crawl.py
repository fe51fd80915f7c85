"""Story grouping of stories-dev's real pages alone and inside a larger crawl, for a few ``story_weak_rank`` values.

A weak link must stand out from the ``story_weak_rank``-th best candidate of both its pages. Inside a larger crawl
the term frequencies change, each page picks other key terms and meets more candidates (mostly look-alikes of its
topic), and that background rises. This groups the stories-dev pages alone and together with the articles of
``--crawl`` (only their texts and titles; the crawl's own stories are not scored), and prints pairwise precision,
recall and ARI on the stories-dev pages, and how many crawl articles ended up in a stories-dev story.

Usage (from the repo root):

    python benchmarks/stories_in_crawl.py --crawl ../shared/data/dated-news/reuters21578.jsonl \\
        --out benchmarks/results/stories_in_crawl.md
"""

from __future__ import annotations

import argparse
import json
import platform
from dataclasses import replace
from pathlib import Path

from dateline.dedup import DedupConfig, cluster_metrics, group_articles
from dateline.records import Article

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "stories-dev" / "stories-dev.jsonl"


def _dev() -> tuple[list[Article], list[str]]:
    rows = [json.loads(line) for line in DEV.open(encoding="utf-8") if line.strip()]
    # only the inputs a crawl has (text and URL); the label is read only to score
    return [Article(id=r["page_id"], text=r["text"], url=r.get("url")) for r in rows], [r["event_id"] for r in rows]


def _crawl(path: Path) -> list[Article]:
    out = []
    for k, line in enumerate(path.open(encoding="utf-8")):
        if line.strip():
            r = json.loads(line)
            out.append(Article(id=f"crawl-{k}", text=r["text"], title=r.get("title")))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--crawl", type=Path, required=True, help="a JSONL crawl (text, optional title)")
    ap.add_argument("--ranks", type=int, nargs="+", default=[6, 7, 8])
    ap.add_argument("--out", type=Path, default=None, help="write a Markdown table here")
    args = ap.parse_args(argv)
    dev, gold = _dev()
    crawl = _crawl(args.crawl)
    head = "| story_weak_rank | input | P | R | ARI | crawl articles in their stories |"
    lines = [
        "# stories-dev alone and inside a larger crawl",
        "",
        f"Command: `python benchmarks/stories_in_crawl.py --crawl {args.crawl}"
        f"{' --ranks ' + ' '.join(map(str, args.ranks)) if args.ranks != [6, 7, 8] else ''}"
        f"{' --out ' + str(args.out) if args.out else ''}`",
        "",
        f"stories-dev: {len(dev)} pages; crawl: {len(crawl)} articles. Other settings are the defaults. Python "
        f"{platform.python_version()}, {platform.machine()}.",
        "",
        head,
        "|" + "---|" * (head.count("|") - 1),
    ]
    for rank in args.ranks:
        config = replace(DedupConfig(), story_weak_rank=rank)
        for name, arts in (("alone", dev), ("inside the crawl", dev + crawl)):
            res = group_articles(arts, config=config)
            m = cluster_metrics(gold, [res.story_id[a.id] for a in dev])
            dev_stories = {res.story_id[a.id] for a in dev}
            joined = str(sum(1 for a in crawl if res.story_id[a.id] in dev_stories)) if arts is not dev else "-"
            row = (f"| {rank} | {name} | {m['pairwise_precision']:.3f} | {m['pairwise_recall']:.3f} | {m['ari']:.3f} | "
                   f"{joined} |")  # fmt: skip
            lines.append(row)
            print(row, flush=True)
    md = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(md, encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
