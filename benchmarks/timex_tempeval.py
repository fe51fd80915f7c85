"""TempEval-3 Task A scores of the temporal tagger, and of HeidelTime's reference output.

Tags the training set (TimeBank, AQUAINT: where the rules were developed) and the held-out
platinum test set (reported only, never tuned on) through TimeML files, then scores them with
``dateline.temporal.scoring`` (which reproduces the official scorer's figures for HeidelTime).

Usage (from the repo root):

    python benchmarks/timex_tempeval.py [--out benchmarks/results/timex_tempeval.md]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from dateline.temporal.scoring import score_timeml
from dateline.temporal.timeml import tag_timeml

REPO = Path(__file__).resolve().parents[1]
TE3 = REPO / ".." / "shared" / "data" / "tempeval3"


def _row(name: str, r: dict, seconds: float | None = None) -> str:
    cells = [name, str(r["gold"]), str(r["system"]), *(f"{r[k][m]:.2f}" for k in ("strict", "relaxed")
             for m in ("precision", "recall", "f1")), f"{r['type']['f1']:.2f}", f"{r['value']['accuracy']:.2f}",
             f"{r['value']['f1']:.2f}", f"{seconds:.1f}" if seconds is not None else "-"]  # fmt: skip
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=None, help="also write the table as Markdown here")
    args = ap.parse_args(argv)
    lines = [
        "| system / data | #gold | #sys | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 "
        "| type F1 | value acc | value F1 | tag s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    sets = [("train/TimeBank", TE3 / "train" / "TimeBank", TE3 / "train" / "TimeBank"),
            ("train/AQUAINT", TE3 / "train" / "AQUAINT", TE3 / "train" / "AQUAINT"),
            ("TEST/platinum (held out)", TE3 / "TEST" / "platinum-input", TE3 / "TEST" / "platinum")]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for name, src, gold in sets:
            out = Path(tmp) / name.split()[0].replace("/", "_")
            t0 = time.perf_counter()
            tag_timeml(src, out)
            dt = time.perf_counter() - t0
            lines.append(_row(f"dateline {name}", score_timeml(gold, out), dt))
    for sub in ("TimeBank", "AQUAINT"):
        ref = score_timeml(TE3 / "train" / sub, TE3 / "reference" / "heideltime-train" / sub)
        lines.append(_row(f"HeidelTime (reference output) train/{sub}", ref))
    text = "\n".join(lines)
    print(text)
    if args.out:
        Path(args.out).write_text(
            "# Temporal tagger on TempEval-3 Task A\n\nCommand: `python benchmarks/timex_tempeval.py"
            f" --out {args.out}`\n\nScored with `dateline eval timex` (TempEval-3 definitions). HeidelTime on "
            "platinum, from the official TempEval-3 results: value F1 78.07, relaxed F1 90.71, strict F1 81.78.\n\n"
            f"{text}\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
