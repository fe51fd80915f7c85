"""Run ``dateline eval dates`` over several seeds and write a markdown table (plus the raw JSON).

Usage (from the repo root):

    python benchmarks/dates_eval.py --name dev --seeds 1 2 3 --sample 2000 \\
        --data ../shared/data/dated-news/wikinews-semeval2015.jsonl ../shared/data/dated-news/tbaq-gold.jsonl \\
               ../shared/data/dated-news/reuters21578.jsonl
    python benchmarks/dates_eval.py --name test --seeds 1 2 3 --data ../shared/data/dated-news/TEST

Results go to ``benchmarks/results/dates_<name>.md`` and ``.json``. TEST files are held out: report them,
never tune on them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from pathlib import Path

from dateline import __version__
from dateline.dating.evaluate import BUCKETS, evaluate_dates

ROOT = Path(__file__).resolve().parents[1]


def _row(label: str, r: dict) -> str:
    d = r["detection"]
    b = d["by_bucket"]
    e = r["estimate_accuracy_flagged"]

    def f(x: float | None) -> str:
        return "-" if x is None else f"{x:.3f}"

    return (
        f"| {label} | {r['n_articles']} | {f(d['precision'])} | "
        + " | ".join(f(b[name]["recall"]) for name, _, _ in BUCKETS)
        + f" | {f(r['false_flag_rate'])} | {f(e['exact'])} | {f(e['within_1'])} | {f(e['within_7'])} | "
        f"{f(e['within_31'])} | {f(e['same_year'])} | {f(r['interval_coverage_flagged'])} | {f(r['abstention_rate'])} |"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", nargs="+", required=True)
    ap.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    ap.add_argument("--fraction", type=float, default=0.5)
    ap.add_argument("--sample", type=int, default=None)
    ap.add_argument("--name", required=True)
    ap.add_argument("--solo", action="store_true", help="check each article alone (default: copies of a story together)")
    ap.add_argument("--one-crawl", action="store_true", help="all files grouped and checked together as one crawl")
    args = ap.parse_args(argv)
    reports = {s: evaluate_dates(args.data, seed=s, fraction=args.fraction, sample=args.sample, cluster=not args.solo, one_crawl=args.one_crawl) for s in args.seeds}
    cmd = "python benchmarks/dates_eval.py " + " ".join(sys.argv[1:] if argv is None else argv)
    header = (
        "| seed / file | articles | precision | recall 1-30 | recall 31-364 | recall 365-3650 | false flags | "
        "exact | ±1 | ±7 | ±31 | same year | interval coverage | abstention |"
    )
    lines = [
        f"# dateline eval dates: {args.name}",
        "",
        f"Command: `{cmd}`",
        "",
        f"dateline {__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs. Fraction shifted: {args.fraction}. Estimate accuracy and interval coverage "
        "are over the shifted articles flagged `wrong`; abstention is `insufficient_evidence` over all articles. "
        + ("Each article checked alone (`--solo`)." if args.solo else
           "All files grouped into stories as one crawl and the copies of a story checked together."
           if args.one_crawl else
           "Each file's articles grouped into stories first and the copies of a story checked together."),
        "",
        header,
        "|" + "---|" * 14,
    ]
    for s, r in reports.items():
        lines.append(_row(f"seed {s}, all", r))
        for name, fr in r["files"].items():
            lines.append(_row(f"seed {s}, {name}", fr))
    lines.append("")
    lines.append("Seconds per run: " + ", ".join(f"seed {s}: {r['seconds']}" for s, r in reports.items()))
    out = ROOT / "benchmarks" / "results" / f"dates_{args.name}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out.with_suffix(".json")).write_text(json.dumps({"command": cmd, "reports": reports}, indent=1) + "\n",
                                          encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
