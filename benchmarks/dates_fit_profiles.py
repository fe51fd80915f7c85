"""Fit the date-clue profiles of ``dateline.dating.scoring`` on development data.

For every clue the tagger finds in a correctly dated development article, record how far the true publication
day lies from what the clue names (``scoring.clue_offsets``), and turn the counts into per-day densities by
clue kind and tense. The result is written as ``src/dateline/dating/profiles.py``.

Only development data is read: ``../shared/data/dated-news/*.jsonl`` (never ``TEST/``) and the pages of
``../shared/data/stories-dev`` that have a ``true_date`` (their ``date ...`` header is removed first).

Usage (from the repo root):

    python benchmarks/dates_fit_profiles.py --reuters 6000 --seed 0
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np

from dateline.dating.estimate import article_clues
from dateline.dating.scoring import clue_offsets, profile_key
from dateline.records import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
OUT = ROOT / "src" / "dateline" / "dating" / "profiles.py"

DAY_EDGES = [-36500, -7300, -3650, -1825, -730, -365, -180, -90, -30, -14, -7, -3, -2, -1, 0, 1, 2, 3, 4, 8, 15, 31, 91,
             181, 366, 731, 1826, 3651, 7301, 36501]  # fmt: skip
NEAREST_EDGES = [-184, -90, -30, -14, -7, -3, -2, -1, 0, 1, 2, 3, 4, 8, 15, 31, 91, 184]
WEEKDAY_EDGES = [0, 1, 2, 3, 4, 5, 6, 7]
# period clues are binned in their own unit: years or months (days per unit below)
YEAR_EDGES = [-100, -40, -20, -10, -5, -2, -1, 0, 1, 2, 3, 5, 10, 20, 40, 101]
MONTH_EDGES = [-1200, -240, -60, -24, -12, -6, -3, -2, -1, 0, 1, 2, 3, 4, 7, 13, 25, 61, 121, 241, 1201]
MONTHNAME_EDGES = [-6, -3, -2, -1, 0, 1, 2, 3, 4, 6]
UNIT_DAYS = {"year": 365.25, "month": 30.44, "monthname": 30.44}
FLOOR_SHARE = 0.01
FLOOR_SPAN = 73000.0
MIN_COUNT = 40
SKIP_KINDS = {"copy", "dateline", "published", "updated", "anniversary"}
_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s*[-\u2013\u2014]?\s*")


def _edges(kind: str) -> list[int]:
    if kind.startswith("weekday") and kind != "weekday_date":
        return WEEKDAY_EDGES
    if kind in ("monthday", "weekday_date_noyear"):
        return NEAREST_EDGES
    if kind == "monthname":
        return MONTHNAME_EDGES
    if kind == "year":
        return YEAR_EDGES
    if kind == "month":
        return MONTH_EDGES
    return DAY_EDGES


def _records(reuters: int, seed: int) -> list[tuple[str, str, date]]:
    out = []
    for f in sorted((DATA / "dated-news").glob("*.jsonl")):
        rows = [json.loads(line) for line in f.open(encoding="utf-8") if line.strip()]
        if f.name.startswith("reuters") and len(rows) > reuters:
            rows = random.Random(seed).sample(rows, reuters)
        out += [(str(r["id"]), r["text"], date.fromisoformat(r["date"][:10])) for r in rows if r.get("text")]
    dev = DATA / "stories-dev" / "stories-dev.jsonl"
    if dev.exists():
        for line in dev.open(encoding="utf-8"):
            r = json.loads(line)
            if r.get("true_date"):
                out.append((r["page_id"], _HEADER.sub("", r["text"], count=1), date.fromisoformat(r["true_date"])))
    return out


def fit(reuters: int, seed: int) -> tuple[dict[str, tuple[list[int], list[float], float]], dict[str, int]]:
    offsets: dict[str, list[float]] = defaultdict(list)
    for aid, text, true in _records(reuters, seed):
        day = np.array([true.toordinal()], dtype=np.int64)
        for c in article_clues(Article(id=aid, text=text)):
            if c.kind in SKIP_KINDS or c.bound:
                continue
            o = float(clue_offsets(c, day, true.year - 12, true.year + 12)[0])
            key = profile_key(c)
            kind = key.split(":")[0]
            if kind == "monthday" or (c.kind == "weekday_date" and c.year is None):
                key = "monthday:" + key.split(":")[1]
            offsets[key].append(o)
            offsets[key.split(":")[0] + ":any"].append(o)
            if kind.startswith("weekday") and kind != "weekday":  # also pooled over weekdays
                offsets["weekday:" + key.split(":")[1]].append(o)
                offsets["weekday:any"].append(o)
    tables: dict[str, tuple[list[int], list[float], float]] = {}
    counts: dict[str, int] = {}
    floor = float(np.log(FLOOR_SHARE / FLOOR_SPAN))
    for key, values in sorted(offsets.items()):
        counts[key] = len(values)
        if len(values) < MIN_COUNT:
            continue
        kind = key.split(":")[0]
        edges = _edges(kind)
        hist, _ = np.histogram(np.clip(values, edges[0], edges[-1] - 1), bins=edges)
        widths = np.diff(edges).astype(np.float64) * UNIT_DAYS.get(kind, 1.0)
        smooth = hist + 0.5
        dens = smooth / smooth.sum() / widths
        logdens = np.log((1 - FLOOR_SHARE) * dens + FLOOR_SHARE / FLOOR_SPAN)
        tables[key] = (edges, [round(float(x), 4) for x in logdens], round(floor, 4))
    return tables, counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reuters", type=int, default=6000, help="Reuters articles to sample (the file has 19,042).")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not (DATA / "dated-news").exists():
        print(f"no development data at {DATA}; nothing fitted", file=sys.stderr)
        return 1
    tables, counts = fit(args.reuters, args.seed)
    lines = [
        '"""Fitted date-clue profiles: per-day log-densities of ``scoring.clue_offsets`` by clue kind and tense.',
        "",
        "Generated by ``python benchmarks/dates_fit_profiles.py"
        f" --reuters {args.reuters} --seed {args.seed}`` from development data only",
        "(../shared/data/dated-news/*.jsonl without TEST/, and stories-dev pages with a true_date). Do not edit by hand.",
        "",
        "key -> (bin edges in days, log-density per day in each bin, log-density outside the bins)",
        f"clue counts: {json.dumps(counts, sort_keys=True)}",
        '"""',
        "",
        "PROFILES: dict[str, tuple[list[float], list[float], float]] = {",
    ]
    for key, (edges, logdens, floor) in tables.items():
        lines.append(f"    {key!r}: (")
        lines.append(f"        {edges!r},")
        lines.append(f"        {logdens!r},")
        lines.append(f"        {floor!r},")
        lines.append("    ),")
    lines.append("}  # fmt: skip")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(json.dumps(counts, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
