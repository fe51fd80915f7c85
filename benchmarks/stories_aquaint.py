"""Story grouping on real reports of four news sagas: the AQUAINT records of dated-news, hand-labelled by event.

AQUAINT holds 73 reports by AP, the New York Times and Xinhua on four topics: the 1998 embassy bombings in East
Africa, NATO's enlargement, the murder of Dr. Barnett Slepian and the hunt for James Kopp, and Elian Gonzalez.
Most records report another development of their saga (another day's arrest, ruling, statement or reaction), so
the set tests what stories-dev tests only in its few hard-negative groups: other outlets' reports of one event
must join (6 labelled events, 11 true pairs), and the saga's other developments must stay apart. The labels
(``benchmarks/labels/aquaint_events.json``) were written for this benchmark; the texts stay in ``../shared``.
Records labelled doubtful are grouped with the others and left out of the scores.

Each tool groups the same 73 records, title and text (``dedup_compare``'s input; dateline also reads their source). dateline runs at its defaults (``story_links = "events"``)
and with ``story_links = "rewrites"``; datasketch and rensa run every shingle size and threshold of
``dedup_compare``'s sweep, and their best F1 is reported (a setting chosen on this set itself).

Usage (from the repo root):

    python benchmarks/stories_aquaint.py --out benchmarks/results/stories_aquaint.md
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from dateline.config import load_config
from dateline.dedup import DedupConfig, cluster_metrics, group_articles
from dateline.records import Article

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "dated-news" / "tbaq-gold.jsonl"
LABELS = REPO / "benchmarks" / "labels" / "aquaint_events.json"


def load_aquaint(
    data: Path = DATA, labels: Path = LABELS
) -> tuple[list[Article], list[str], list[bool], dict[str, str]]:
    """The AQUAINT records as articles (id, text, title and source: AP, NYT or Xinhua), each one's event label (its
    own id when it is alone in its event), whether it is scored (not doubtful), and each id's topic."""
    spec = json.loads(labels.read_text("utf-8"))
    rows = [r for r in map(json.loads, data.open(encoding="utf-8")) if r.get("subset") == "AQUAINT"]
    ids = {r["id"] for r in rows}
    event = {i: name for name, ev in spec["events"].items() for i in ev["ids"]}
    topic = {i: name for name, members in spec["topics"].items() for i in members}
    unknown = (set(event) | set(spec["doubtful"]) | set(topic)) - ids
    if unknown or ids - set(topic):
        raise ValueError(f"{labels}: labels and {data} disagree: unknown ids {sorted(unknown)}, "
                         f"ids without a topic {sorted(ids - set(topic))}; the labels were written for the "
                         "73 AQUAINT records of tbaq-gold.jsonl")  # fmt: skip
    arts = [Article(id=r["id"], text=r["text"], title=r.get("title"), source=r.get("source")) for r in rows]
    return (
        arts,
        [event.get(r["id"], r["id"]) for r in rows],
        [r["id"] not in spec["doubtful"] for r in rows],
        topic,
    )


def scored(gold: list[str], pred: list[str], keep: list[bool]) -> dict[str, float]:
    """``cluster_metrics`` over the scored records, with the number of pairs put in one story and of true ones."""
    g = [x for x, k in zip(gold, keep, strict=True) if k]
    p = [x for x, k in zip(pred, keep, strict=True) if k]
    m = cluster_metrics(g, p)
    by_pred: dict[str, list[str]] = defaultdict(list)
    for x, y in zip(g, p, strict=True):
        by_pred[y].append(x)
    m["linked"] = sum(len(v) * (len(v) - 1) // 2 for v in by_pred.values())
    m["true_linked"] = sum(c * (c - 1) // 2 for v in by_pred.values() for c in Counter(v).values())
    return m


def false_pairs(
    arts: list[Article], gold: list[str], pred: list[str], keep: list[bool]
) -> list[tuple[str, str]]:
    """The pairs of scored records in one predicted story whose events differ."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pred):
        if keep[i]:
            members[p].append(i)
    return [
        (arts[i].id, arts[j].id)
        for m in members.values()
        for i, j in combinations(m, 2)
        if gold[i] != gold[j]
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="tbaq-gold.jsonl of dated-news")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--config", type=Path, default=None, help="TOML laid over dateline's defaults")
    ap.add_argument(
        "--baselines", default="rensa,datasketch", help="comma-separated baselines to run ('' for none)"
    )
    ap.add_argument("--out", type=Path, default=None, help="also write a Markdown report here")
    args = ap.parse_args(argv)
    # the peers' runners, imported here: dedup_compare pins the thread counts of its run when imported
    from dedup_compare import NGRAMS, THRESHOLDS, run_datasketch, run_rensa

    if not args.data.exists():
        raise SystemExit(f"{args.data} not found: the shared evaluation data must lie beside the repo")
    try:
        arts, gold, keep, topic = load_aquaint(args.data, args.labels)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    texts = [(a.title or "") + "\n" + a.text for a in arts]  # the peers' input, as in dedup_compare
    base = load_config(args.config).dedup if args.config else DedupConfig()
    rows = []
    preds: dict[str, list[str]] = {}
    for mode in ("events", "rewrites"):
        name = f"dateline ({mode})"
        res = group_articles(arts, config=replace(base, story_links=mode))
        preds[name] = [res.story_id[a.id] for a in arts]
        rows.append((name, f"story_links = {mode!r}", scored(gold, preds[name], keep)))
    runners = {"datasketch": run_datasketch, "rensa": run_rensa}
    for tool in [b for b in args.baselines.split(",") if b]:
        best = None
        for n in NGRAMS:
            for t in THRESHOLDS:
                pred = [str(x) for x in runners[tool](texts, t, n)]
                m = scored(gold, pred, keep)
                if best is None or m["pairwise_f1"] > best[2]["pairwise_f1"]:
                    best = (tool, f"word {n}-grams, threshold={t}", m, pred)
        assert best is not None
        preds[tool] = best[3]
        rows.append(best[:3])
    n_scored = sum(keep)
    lines = [
        "# Story grouping on four news sagas (AQUAINT, hand-labelled events)", "",
        f"Command: `python benchmarks/stories_aquaint.py{' --config ' + str(args.config) if args.config else ''}"
        f"{' --out ' + str(args.out) if args.out else ''}`", f"Python {platform.python_version()}, {platform.machine()}.",
        "",
        f"{len(arts)} records, {n_scored} scored ({len(arts) - n_scored} doubtful); "
        f"{len(set(g for g, k in zip(gold, keep, strict=True) if k))} events, "
        f"{scored(gold, gold, keep)['linked']} true pairs. Peers: the best F1 of their sweep on this set.", "",
        "| tool | setting | P | R | F1 | ARI | pairs in one story | of them true |", "|---|---|---|---|---|---|---|---|",
    ]  # fmt: skip
    for name, setting, m in rows:
        lines.append(f"| {name} | {setting} | {m['pairwise_precision']:.3f} | {m['pairwise_recall']:.3f} | "
                     f"{m['pairwise_f1']:.3f} | {m['ari']:.3f} | {m['linked']} | {m['true_linked']} |")  # fmt: skip
    wrong = false_pairs(arts, gold, preds["dateline (events)"], keep)
    within = Counter(topic[a] for a, b in wrong if topic[a] == topic[b])
    lines += ["", f"## dateline's false pairs at its defaults: {len(wrong)}", "",
              "| topic | false pairs within it |", "|---|---|"]  # fmt: skip
    lines += [f"| {t} | {c} |" for t, c in within.most_common()]
    lines += [f"| across topics | {sum(1 for a, b in wrong if topic[a] != topic[b])} |", ""]
    lines += [f"- {a} / {b}" for a, b in sorted(wrong)]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
