"""How sharp is each story-grouping default? Each setting is moved alone, the others kept at their defaults.

A default that sits on a narrow peak of the development pages is more likely fitted to them than one on a
plateau, so this is a check on how far the stories-dev figures can be trusted for pages never seen. For each of
the weak-link settings it moves the value to 0.5x, 0.75x, 1.25x and 1.5x of the default (integers rounded, each
value once) and prints, on stories-dev, pairwise precision, recall and ARI over all events and the ARI of each
half of the events grouped alone (even and odd event numbers); with ``--bench``, the wire-copy benchmark's
pairwise precision and F1 (several builds may be given). Only text, title and URL are given to the grouping.

Usage (from the repo root; the benchmark is built by ``build_story_bench.py``):

    python benchmarks/stories_sensitivity.py --bench benchmarks/data/story_bench.jsonl \
        --out benchmarks/results/stories_sensitivity.md
"""

from __future__ import annotations

import argparse
import platform
import time
from dataclasses import fields, replace
from pathlib import Path

from stories_event_size import DEV, grouping_metrics, halves, load_labelled

from dateline.dedup import DedupConfig
from dateline.errors import ConfigError
from dateline.records import Article

SETTINGS = (
    "story_threshold", "story_strong", "story_weak_min_entity", "story_weak_margin", "story_weak_rank",
    "story_min_shared", "key_terms", "copy_support", "bridge_overlap", "lexical_min_cosine", "lexical_margin",
    "loner_min_entity", "loner_margin", "part_share", "lead_month_tokens",
)  # fmt: skip
FACTORS = (0.5, 0.75, 1.0, 1.25, 1.5)


def values(default: float | int, factors: tuple[float, ...] = FACTORS) -> list[float | int]:
    """The values tried for one setting: ``default`` times each factor, rounded for integers, each once.

    >>> values(6)
    [3, 4, 6, 8, 9]
    >>> values(0.14)
    [0.07, 0.105, 0.14, 0.175, 0.21]
    """
    out: list[float | int] = []
    for f in factors:
        v: float | int = round(default * f) if isinstance(default, int) else round(default * f, 4)
        if v not in out:
            out.append(v)
    return out


def measure(
    dev: tuple[list[Article], list[str]], benches: list[tuple[list[Article], list[str]]], config: DedupConfig
) -> list[str]:
    """Table cells for one configuration: stories-dev P / R / ARI, even / odd ARI, then each bench P / F1."""
    arts, gold = dev
    m = grouping_metrics(arts, gold, config)
    aris = [grouping_metrics([arts[i] for i in keep], [gold[i] for i in keep], config)["ari"] for keep in halves(gold)]
    cells = [
        f"{m['pairwise_precision']:.3f} / {m['pairwise_recall']:.3f} / {m['ari']:.3f}",
        f"{aris[0]:.3f} / {aris[1]:.3f}",
    ]
    for b_arts, b_gold in benches:
        bm = grouping_metrics(b_arts, b_gold, config)
        cells.append(f"{bm['pairwise_precision']:.4f} / {bm['pairwise_f1']:.4f}")
    return cells


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--bench", type=Path, nargs="*", default=[], help="benchmark builds (JSONL, label field story)"
    )
    ap.add_argument(
        "--settings", nargs="*", default=list(SETTINGS), help="the settings to move (default: all)"
    )
    ap.add_argument("--out", type=Path, help="also write the table here as Markdown")
    args = ap.parse_args(argv)
    if not DEV.exists():
        raise SystemExit(f"stories-dev not found at {DEV}: it lies in ../shared/data beside the checkout")
    known = {f.name for f in fields(DedupConfig)}
    for name in args.settings:
        if name not in known:
            raise SystemExit(
                f"unknown setting {name!r}: use a [dedup] setting name such as story_weak_margin"
            )
    dev = load_labelled(DEV, "page_id", "event_id")
    benches = [load_labelled(p, "id", "story") for p in args.bench]
    base = DedupConfig()
    head = "| setting | value | stories-dev P / R / ARI | even / odd ARI |" + "".join(
        f" bench {p.name} P / F1 |" for p in args.bench
    )
    lines = [
        "# Story grouping: each default moved alone",
        "",
        "Command: `python benchmarks/stories_sensitivity.py"
        + (" --bench " + " ".join(str(p) for p in args.bench) if args.bench else "")
        + (" --settings " + " ".join(args.settings) if list(args.settings) != list(SETTINGS) else "")
        + "`",
        "",
        f"Python {platform.python_version()}, {platform.machine()}. Each row moves one setting; the others keep their "
        "defaults. The default's row is in bold.",
        "",
        head,
        "|" + "---|" * (4 + len(args.bench)),
    ]
    start = time.perf_counter()
    cache: dict[DedupConfig, list[str]] = {}
    for name in args.settings:
        default = getattr(base, name)
        for v in values(default):
            try:
                config = replace(base, **{name: v})
            except ConfigError:  # out of the setting's range (a share above 1)
                continue
            if config not in cache:
                cache[config] = measure(dev, benches, config)
            cells = cache[config]
            row = f"| {name} | {v} | " + " | ".join(cells) + " |"
            if v == default:
                row = f"| {name} | **{v}** | " + " | ".join(f"**{c}**" for c in cells) + " |"
            lines.append(row)
            print(row, flush=True)
    lines += ["", f"{len(cache)} configurations in {time.perf_counter() - start:.0f} s."]
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
