"""How much of a shifted stated date a text can reveal at all: the share of articles whose texts hold no date
clue, and of those, the ones with no other copy in their file.

An article with no clue can be caught after a shift only through the other copies of its story (or the
crawl's neighbours, which stay silent on small crawls of mixed years), so one minus the share of such articles
without a copy is a ceiling on recall, for every shift size, however well the clues are weighed. Articles whose
only clues are weekdays are counted too: a weekday ("said Monday") tells a shift by the weekday it lands on,
never by its size, and each weekday clue alone is loose (reports come out days later). Each file is grouped into
stories on its own (text and title only).

Usage (from the repo root; report only on ``TEST/``, never tune on it):

    python benchmarks/dates_ceiling.py --data ../shared/data/dated-news/tbaq-gold.jsonl \
        ../shared/data/dated-news/wikinews-semeval2015.jsonl --out benchmarks/results/dates_ceiling.md
"""

from __future__ import annotations

import argparse
import json
import platform
from collections import Counter
from pathlib import Path

from dateline.dating.estimate import own_check
from dateline.dedup import group_articles
from dateline.records import Article, parse_stated_date


def _articles(path: Path) -> list[Article]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    # only the checker's inputs: id, date, text, title
    return [
        Article(
            id=str(r["id"]),
            text=r["text"],
            title=r.get("title"),
            stated_date=parse_stated_date(r["date"][:10]),
        )
        for r in rows
    ]


def ceiling(articles: list[Article]) -> dict[str, float | int]:
    """Shares of ``articles``: with no clue, with no clue and no copy, with weekday clues only or none."""
    stories = group_articles(articles).story_id
    size = Counter(stories.values())
    none = alone = weekday_only = 0
    for a in articles:
        kinds = {c.kind for c in own_check(a).clues if c.pins}
        none += not kinds
        alone += not kinds and size[stories[a.id]] == 1
        weekday_only += kinds <= {"weekday"}
    n = len(articles)
    return {
        "articles": n,
        "no clue": round(none / n, 3),
        "no clue, no copy": round(alone / n, 3),
        "recall ceiling": round(1 - alone / n, 3),
        "weekday clues only, or none": round(weekday_only / n, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, nargs="+", required=True, help="dated-news JSONL files")
    ap.add_argument("--out", type=Path, help="also write the table here as Markdown")
    args = ap.parse_args(argv)
    rows = {p.name: ceiling(_articles(p)) for p in args.data}
    keys = list(next(iter(rows.values())))
    lines = [
        "# How much a text can reveal of a shifted date",
        "",
        "Command: `python benchmarks/dates_ceiling.py --data " + " ".join(str(p) for p in args.data) + "`",
        "",
        f"Python {platform.python_version()}. Clues are those of `own_check` that pin a day, month or year; each "
        "file grouped alone.",
        "",
        "| file | " + " | ".join(keys) + " |",
        "|---|" + "---|" * len(keys),
    ]
    for name, row in rows.items():
        lines.append(f"| {name} | " + " | ".join(str(row[k]) for k in keys) + " |")
    print("\n".join(lines))
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
