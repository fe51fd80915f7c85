"""Speed of the temporal tagger: MB of text per second on one core.

Reads a JSONL file of articles (``text`` and ``date``), tags every text against its date in one
process, and prints MB/s, articles/s and the number of timexes, with the machine and versions.

Usage (from the repo root):

    python benchmarks/timex_speed.py [../shared/data/dated-news/reuters21578.jsonl] [--out benchmarks/results/timex_speed.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import date
from pathlib import Path

from dateline import __version__
from dateline.temporal import extract_timexes

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO / ".." / "shared" / "data" / "dated-news" / "reuters21578.jsonl"


def _anchor(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT))
    ap.add_argument("--out", default=None, help="also write the result as Markdown here")
    args = ap.parse_args(argv)
    rows = []
    with open(args.data, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            rows.append((rec.get("text") or "", _anchor(rec.get("date"))))
    mb = sum(len(t.encode("utf-8")) for t, _ in rows) / 1e6
    t0, c0 = time.perf_counter(), time.process_time()
    n = sum(len(extract_timexes(text, anchor)) for text, anchor in rows)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        "| data | articles | MB | wall s | CPU s | MB per CPU-second (one core) | articles per CPU-second | timexes |",
        "|---|---|---|---|---|---|---|---|",
        f"| {Path(args.data).name} | {len(rows)} | {mb:.1f} | {dt:.1f} | {cpu:.1f} | {mb / cpu:.2f} | {len(rows) / cpu:.0f} "
        f"| {n} |",
        "",
        f"Load average when it ended: {load:.1f} (wall time grows with it; CPU time much less).",
        "",
        f"dateline {__version__}, Python {sys.version.split()[0]}, {platform.platform()}, "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs (one used)",
    ]
    text = "\n".join(lines)
    print(text)
    if args.out:
        Path(args.out).write_text(
            "# Temporal tagger speed\n\nCommand: `python benchmarks/timex_speed.py"
            f" --out {args.out}`\n\n{text}\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
