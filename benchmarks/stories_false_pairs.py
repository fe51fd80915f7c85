"""Where the wire-copy benchmark's false story pairs come from.

Pairwise precision counts every pair of records put in one story that the labels keep apart. This groups a
benchmark build (text, title and URL only) and breaks those false pairs down three ways:

- by the kinds of the two records: an ``original`` article or one of its edited copies ("story"), an untouched
  Reuters ``negative``, a ``digest`` page;
- by the days between the two records' source articles, read from their trusted dates in
  ``../shared/data/dated-news`` (the builder keeps one article per possibly-same event within a week, so pairs
  a week or more apart are other developments or another day's template);
- the mixed stories with the most false pairs, with each member's kind, source date and headline.

The dates are read here only to describe the errors; the grouping never sees them.

Usage (from the repo root; the build comes from ``build_story_bench.py``):

    python benchmarks/stories_false_pairs.py --bench benchmarks/data/story_bench.jsonl \
        --out benchmarks/results/stories_false_pairs.md
"""

from __future__ import annotations

import argparse
import json
import platform
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from stories_event_size import load_labelled

from dateline.config import load_config
from dateline.dedup import cluster_metrics, group_articles

REPO = Path(__file__).resolve().parents[1]
DATED = REPO.parent / "shared" / "data" / "dated-news"
SOURCES = ("reuters21578.jsonl", "wikinews-semeval2015.jsonl")
GAPS = ("same day", "1 day", "2-7 days", "8-30 days", "over 30 days", "digest")


def kind_of(record: dict) -> str:
    """The record's kind as the breakdown counts it.

    >>> [kind_of({"kind": k}) for k in ("negative", "digest", "original", "truncate,drop")]
    ['negative', 'digest', 'story', 'story']
    """
    return record["kind"] if record["kind"] in ("negative", "digest") else "story"


def gap_bucket(days: int | None) -> str:
    """The ``GAPS`` bucket of a number of days between two source articles (None: a digest page).

    >>> [gap_bucket(d) for d in (0, 1, 5, 30, 31, None)]
    ['same day', '1 day', '2-7 days', '8-30 days', 'over 30 days', 'digest']
    """
    if days is None:
        return "digest"
    if days <= 1:
        return GAPS[days]
    return "2-7 days" if days <= 7 else "8-30 days" if days <= 30 else "over 30 days"


def source_dates() -> dict[str, date]:
    """The trusted date of each dated-news article, by id."""
    out: dict[str, date] = {}
    for name in SOURCES:
        with (DATED / name).open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    out[row["id"]] = date.fromisoformat(row["date"][:10])
    return out


def story_members(story: list[str]) -> dict[str, list[int]]:
    """The record indices of each predicted story.

    >>> story_members(["s", "t", "s"])
    {'s': [0, 2], 't': [1]}
    """
    members: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(story):
        members[s].append(i)
    return dict(members)


def false_pairs(gold: list[str], members: dict[str, list[int]]) -> list[tuple[int, int]]:
    """The index pairs that share a predicted story (``members``) but not a ``gold`` label.

    >>> false_pairs(["x", "x", "y"], {"s": [0, 1, 2]})
    [(0, 2), (1, 2)]
    """
    out = []
    for idx in members.values():
        for k, i in enumerate(idx):
            out.extend((i, j) for j in idx[k + 1 :] if gold[i] != gold[j])
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, required=True, help="a build of build_story_bench.py (JSONL)")
    ap.add_argument("--config", type=Path, help="a dateline TOML config whose [dedup] table is used")
    ap.add_argument("--top", type=int, default=15, help="mixed stories to list")
    ap.add_argument("--out", type=Path, help="also write the report here as Markdown")
    args = ap.parse_args(argv)
    if not DATED.exists():
        raise SystemExit(f"dated-news not found at {DATED}: it lies in ../shared/data beside the checkout")
    with args.bench.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    arts, gold = load_labelled(args.bench, "id", "story")
    config = load_config(args.config).dedup
    res = group_articles(arts, config=config)
    story = [res.story_id[a.id] for a in arts]
    m = cluster_metrics(gold, story)
    dates = source_dates()
    members = story_members(story)
    pairs = false_pairs(gold, members)

    def days(i: int, j: int) -> int | None:
        bi, bj = rows[i]["base"], rows[j]["base"]
        if "," in bi or "," in bj:  # a digest page carries several bases
            return None
        return abs((dates[bi] - dates[bj]).days)

    by_kind = Counter(" / ".join(sorted((kind_of(rows[i]), kind_of(rows[j])))) for i, j in pairs)
    by_gap = Counter(gap_bucket(days(i, j)) for i, j in pairs)
    per_story = Counter(story[i] for i, _ in pairs)

    n = len(pairs)
    command = f"python benchmarks/stories_false_pairs.py --bench {args.bench}"
    if args.config:
        command += f" --config {args.config}"
    lines = [
        f"# False story pairs: {args.bench.name}",
        "",
        f"Command: `{command}`",
        f"Python {platform.python_version()}, {platform.machine()}.",
        "",
        f"{len(rows):,} records; pairwise P / R / F1 {m['pairwise_precision']:.4f} / {m['pairwise_recall']:.4f} / "
        f"{m['pairwise_f1']:.4f}; {n:,} false pairs in {len(per_story):,} mixed stories.",
        "",
        "| record kinds | false pairs | share |",
        "|---|---|---|",
        *(f"| {k} | {c:,} | {c / max(n, 1):.1%} |" for k, c in by_kind.most_common()),
        "",
        "| days between the source articles | false pairs | share |",
        "|---|---|---|",
        *(f"| {g} | {by_gap[g]:,} | {by_gap[g] / max(n, 1):.1%} |" for g in GAPS),
        "",
        f"## The {args.top} mixed stories with the most false pairs",
        "",
    ]
    for sid, c in per_story.most_common(args.top):
        idx = members[sid]
        lines.append(f"- {sid}: {len(idx)} records, {len({gold[i] for i in idx})} labels, {c} false pairs")
        seen = set()
        for i in sorted(idx, key=lambda i: gold[i]):
            base = rows[i]["base"]
            if (gold[i], base) in seen:
                continue
            seen.add((gold[i], base))
            when = "" if "," in base else dates[base].isoformat()
            lines.append(f"  - {gold[i]} {kind_of(rows[i])} {when} {(rows[i].get('title') or '')[:70]}")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
