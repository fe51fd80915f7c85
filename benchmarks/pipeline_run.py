"""Time one `dateline run` end to end and record wall time, CPU time and peak memory.

    python benchmarks/pipeline_run.py ../shared/data/dated-news/reuters21578.jsonl \
        --out benchmarks/results/pipeline_run.md

The run uses a fresh store in a temporary folder, so it measures a first ingest of the whole input.
``--config FILE`` passes a TOML config to `dateline run` (its name is written in the engine column).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--engine", default="local")
    parser.add_argument("--out", type=Path, help="append a Markdown row here")
    parser.add_argument("--config", type=Path, help="a TOML config for `dateline run`")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "dateline.cli", "run", *args.inputs, "--out", f"{tmp}/out",
               "--db", f"{tmp}/s.duckdb", "--engine", args.engine, "--json", "--quiet"]
        if args.config:
            cmd += ["--config", str(args.config)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    cpu = usage.ru_utime + usage.ru_stime
    row = {
        "inputs": " ".join(args.inputs),
        "engine": args.engine + (f" ({args.config.name})" if args.config else ""),
        "records": summary["read"],
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "records_per_cpu_s": round(summary["read"] / cpu, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "stories_2plus": summary["multi_article_stories"],
        "verdicts": summary["verdicts"],
        "python": platform.python_version(),
        "cpus": __import__("os").cpu_count(),
    }
    print(json.dumps(row))
    if args.out:
        new = not args.out.exists()
        with args.out.open("a", encoding="utf-8") as fh:
            if new:
                fh.write("| input | engine | records | wall s | CPU s | records/CPU-s | peak RSS MB | stories 2+ | verdicts |\n")
                fh.write("|---|---|---|---|---|---|---|---|---|\n")
            fh.write(f"| {row['inputs']} | {row['engine']} | {row['records']} | {row['wall_s']} | {row['cpu_s']} | "
                     f"{row['records_per_cpu_s']} | {row['peak_rss_mb']} | {row['stories_2plus']} | {row['verdicts']} |\n")


if __name__ == "__main__":
    main()
