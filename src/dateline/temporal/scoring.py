"""TempEval-3 Task A scoring of TIMEX3: extents (strict and relaxed P/R/F1) and attributes.

Definitions (TempEval-3, UzZaman et al. 2013): a strict match is an identical extent, a relaxed
match any overlap. Precision counts the system TIMEX3 that match some gold one, recall the gold
TIMEX3 that match some system one. Relaxed matches pair each gold TIMEX3 with at most one
system TIMEX3 (the first unused one it overlaps), so relaxed P and R share one count. On them, attribute accuracy is the share of
matched pairs with the same ``type`` (or ``value``), and attribute F1 = relaxed F1 x accuracy.
Only TIMEX3 inside ``<TEXT>`` count; the DCT is left out. Files are paired by ``NAME.tml``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.errors import InputFormatError
from dateline.records import Timex
from dateline.temporal.timeml import iter_timeml_files, read_timeml, timeml_name

__all__ = ["score_docs", "score_timeml", "format_table"]

log = logging.getLogger(__name__)


def _prf(p_num: int, p_den: int, r_num: int, r_den: int) -> tuple[float, float, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _overlaps(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def score_docs(pairs: Iterable[tuple[list[Timex], list[Timex]]]) -> dict[str, Any]:
    """Score (gold, system) TIMEX3 lists, summed over documents.

    Returns a dict with counts (``gold``, ``system``), ``strict`` and ``relaxed`` P/R/F1, and
    ``type`` / ``value`` accuracy and F1 (percentages, 0-100).
    """
    n_gold = n_sys = 0
    strict_p = strict_r = 0
    matched = type_ok = value_ok = 0
    for gold, system in pairs:
        n_gold += len(gold)
        n_sys += len(system)
        gold_spans = {(g.start, g.end) for g in gold}
        sys_spans = {(s.start, s.end) for s in system}
        strict_p += sum((s.start, s.end) in gold_spans for s in system)
        strict_r += sum((g.start, g.end) in sys_spans for g in gold)
        # relaxed: one-to-one pairs, each gold TIMEX3 taking the first unused system one it overlaps
        used: set[int] = set()
        for g in gold:
            for i, s in enumerate(system):
                if i not in used and _overlaps(g, s):
                    used.add(i)
                    matched += 1
                    type_ok += g.type == s.type
                    value_ok += g.value == s.value
                    break
    sp, sr, sf = _prf(strict_p, n_sys, strict_r, n_gold)
    rp, rr, rf = _prf(matched, n_sys, matched, n_gold)
    type_acc = type_ok / matched if matched else 0.0
    value_acc = value_ok / matched if matched else 0.0

    def pct(x: float) -> float:
        return round(100 * x, 2)

    return {
        "gold": n_gold,
        "system": n_sys,
        "strict": {"precision": pct(sp), "recall": pct(sr), "f1": pct(sf)},
        "relaxed": {"precision": pct(rp), "recall": pct(rr), "f1": pct(rf)},
        "type": {"accuracy": pct(type_acc), "f1": pct(rf * type_acc)},
        "value": {"accuracy": pct(value_acc), "f1": pct(rf * value_acc)},
    }


def score_timeml(gold_dir: str | Path, pred_dir: str | Path) -> dict[str, Any]:
    """Score a folder of system TimeML files against a folder of gold ones (TempEval-3 Task A).

    Files are paired by ``NAME.tml`` (``.TE3input`` suffixes are ignored). A gold file with no
    system file counts with an empty system annotation; system files without gold are ignored.

    Returns:
        ``score_docs``'s dict plus ``documents`` (the number of gold files) and ``missing``
        (gold files without a system file).
    """
    gold_files = {timeml_name(p): p for p in iter_timeml_files(gold_dir)}
    pred_files = {timeml_name(p): p for p in iter_timeml_files(pred_dir)}
    if not gold_files:
        raise InputFormatError(f"{gold_dir}: no .tml files found; point --gold at a folder of TimeML files")
    missing = sorted(set(gold_files) - set(pred_files))
    if missing:
        log.warning("%d gold files have no system file, e.g. %s", len(missing), missing[0])
    pairs = []
    for name, gpath in sorted(gold_files.items()):
        gold = read_timeml(gpath)
        system = read_timeml(pred_files[name]).timexes if name in pred_files else []
        if name in pred_files:
            sys_doc = read_timeml(pred_files[name])
            if sys_doc.text != gold.text:
                log.warning("%s: the system text differs from the gold text; offsets may not line up", name)
        pairs.append((gold.timexes, system))
    result = score_docs(pairs)
    result["documents"] = len(gold_files)
    result["missing"] = missing
    return result


def format_table(result: dict[str, Any]) -> str:
    """A small text table of a ``score_timeml`` result."""
    rows = [
        ("strict", result["strict"]["precision"], result["strict"]["recall"], result["strict"]["f1"]),
        ("relaxed", result["relaxed"]["precision"], result["relaxed"]["recall"], result["relaxed"]["f1"]),
    ]
    lines = [f"gold {result['gold']}  system {result['system']}", f"{'':8} {'P':>7} {'R':>7} {'F1':>7}"]
    lines += [f"{name:8} {p:7.2f} {r:7.2f} {f:7.2f}" for name, p, r, f in rows]
    lines.append(f"{'type':8} acc {result['type']['accuracy']:6.2f}  F1 {result['type']['f1']:6.2f}")
    lines.append(f"{'value':8} acc {result['value']['accuracy']:6.2f}  F1 {result['value']['f1']:6.2f}")
    return "\n".join(lines)
