"""Story grouping with and without the optional sentence embeddings (``dedup.embedder = "minilm.v1"``).

Groups the real same-event pages of stories-dev (all of them, and the even and odd events alone) and, with
``--bench``, the story benchmark built by ``build_story_bench.py``, once on text alone and once with MiniLM
embeddings, and prints pairwise precision/recall/F1 and ARI for each, with the encoding speed. The embeddings
of each data set are cached under ``--cache`` (keyed by the records' ids and texts), because encoding on
CPU is slow (about 10 documents per second on this 2-core machine).

Needs ``pip install 'dateline[embed]'``. Usage (from the repo root):

    python benchmarks/stories_embed.py --bench benchmarks/data/story_bench.jsonl --out benchmarks/results/stories_embed.md
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from stories_event_size import DEV, REPO, halves, load_labelled

from dateline.dedup import DedupConfig, cluster_metrics, group_articles
from dateline.records import Article


def _embeddings(arts: list[Article], config: DedupConfig, cache: Path) -> tuple[np.ndarray, float | None]:
    """The articles' embeddings, from the cache when present; with the encoding seconds when computed."""
    from dateline.dedup.embed import encode_articles

    key = hashlib.sha1()
    for a in arts:
        key.update(a.id.encode() + b"\0" + (a.title or "").encode() + b"\0" + a.text.encode() + b"\1")
    path = cache / f"{config.embedder}-{key.hexdigest()[:16]}.npy"
    timing = path.with_suffix(".json")  # the encoding time of the run that filled the cache
    if path.exists():
        seconds = json.loads(timing.read_text())["seconds"] if timing.exists() else None
        return np.load(path), seconds
    t0 = time.perf_counter()
    emb = encode_articles(arts, config=config)
    seconds = time.perf_counter() - t0
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, emb)
    timing.write_text(json.dumps({"seconds": seconds, "documents": len(arts)}))
    return emb, seconds


def _scores(
    arts: list[Article], gold: list[str], embed: np.ndarray | None, config: DedupConfig
) -> dict[str, float]:
    res = group_articles(arts, config=config, embed=embed)
    m = cluster_metrics(gold, [res.story_id[a.id] for a in arts])
    return {k: round(m[k], 4) for k in ("pairwise_precision", "pairwise_recall", "pairwise_f1", "ari")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--bench", type=Path, default=None, help="the story benchmark JSONL (id, text, title, url, story)"
    )
    ap.add_argument("--cache", type=Path, default=REPO / "benchmarks" / "data" / "embeddings")
    ap.add_argument("--out", type=Path, default=None, help="write a Markdown table here")
    args = ap.parse_args(argv)
    config = DedupConfig(embedder="minilm.v1")
    text_only = DedupConfig()
    sets: list[tuple[str, list[Article], list[str]]] = []
    arts, gold = load_labelled(DEV, "page_id", "event_id")
    sets.append(("stories-dev, all events", arts, gold))
    for idx, name in zip(halves(gold), ("even", "odd"), strict=True):
        sets.append((f"stories-dev, {name} events alone", [arts[i] for i in idx], [gold[i] for i in idx]))
    # halves by hard-negative group: each half keeps an event together with its look-alikes (the halves by event
    # above split most look-alike pairs apart, so they test recall more than precision)
    _, groups = load_labelled(DEV, "page_id", "hard_negative_group")
    groups = [gr if gr != "None" else "alone-" + ev for gr, ev in zip(groups, gold, strict=True)]
    for idx, name in zip(halves(groups), ("even", "odd"), strict=True):
        sets.append(
            (f"stories-dev, {name} look-alike groups alone", [arts[i] for i in idx], [gold[i] for i in idx])
        )
    if args.bench is not None:
        b_arts, b_gold = load_labelled(args.bench, "id", "story")
        sets.append((f"benchmark ({args.bench.name})", b_arts, b_gold))
    rows = []
    speed = []
    dev_emb: np.ndarray | None = None
    for name, s_arts, s_gold in sets:
        if name.startswith("stories-dev, all"):
            emb, secs = _embeddings(s_arts, config, args.cache)
            dev_emb = emb
        elif name.startswith("stories-dev"):
            assert dev_emb is not None
            pos = {a.id: i for i, a in enumerate(arts)}
            emb, secs = dev_emb[[pos[a.id] for a in s_arts]], None
        else:
            emb, secs = _embeddings(s_arts, config, args.cache)
        if secs is not None:
            speed.append(
                f"{name}: {len(s_arts)} documents encoded in {secs:.0f} s ({len(s_arts) / secs:.1f} docs/s)"
            )
        rows.append((name, "text only", _scores(s_arts, s_gold, None, text_only)))
        no_words = replace(text_only, lexical_min_cosine=0.0)
        rows.append((name, "text only, without the word cosine", _scores(s_arts, s_gold, None, no_words)))
        rows.append((name, "minilm.v1", _scores(s_arts, s_gold, emb, replace(config, embedder="none"))))
        old = replace(config, embedder="none", embed_min_cosine=0.0, embed_weight=0.3)
        rows.append(
            (
                name,
                "minilm.v1, previous use (cosine weighs 0.3 in the story score)",
                _scores(s_arts, s_gold, emb, old),
            )
        )
    lines = [
        "# Story grouping with sentence embeddings",
        "",
        f"Command: `python benchmarks/stories_embed.py{' --bench ' + str(args.bench) if args.bench else ''}"
        f"{' --out ' + str(args.out) if args.out else ''}`",
        "",
        f'dateline defaults; `minilm.v1` rows add `dedup.embedder = "minilm.v1"` '
        f"(embed_min_cosine {config.embed_min_cosine}, embed_margin {config.embed_margin}, embed_weight "
        f"{config.embed_weight}). Python {platform.python_version()}, {platform.machine()}.",
        "",
        "| data | embeddings | pairwise P | pairwise R | pairwise F1 | ARI |",
        "|---|---|---|---|---|---|",
    ]
    for name, mode, m in rows:
        lines.append(f"| {name} | {mode} | {m['pairwise_precision']:.4f} | {m['pairwise_recall']:.4f} | "
                     f"{m['pairwise_f1']:.4f} | {m['ari']:.4f} |")  # fmt: skip
    if speed:
        lines += [
            "",
            "Encoding (CPU, one process, timed when the cache was filled): " + "; ".join(speed) + ".",
        ]
    md = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(md, encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
