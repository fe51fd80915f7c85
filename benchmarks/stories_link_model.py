"""Could a learned test of the weak story links close the wire-copy benchmark's precision gap? (Measured; not kept.)

The default story level (``story_links = "events"``) joins other outlets' own reports of one event through weak
links: pairs that pass tests against the background of look-alikes, not a copy test. On the wire-copy benchmark
most of its false pairs come from such links between a wire service's look-alikes (same company or desk, another
event). This script asks whether the pair features ``verify`` computes hold a better boundary than the hand-set
tests: it fits scikit-learn's ``HistGradientBoostingClassifier`` (``pip install 'dateline[bench]'``) on the
candidate pairs that pass the weak-link tests that compare with neither the background nor the copies, with what the
two records share and how it stands against their backgrounds (no record's own totals), and uses it as a veto:
a story link that rests on the backgrounds (``verify``'s ``weak`` mask: weak links, parts and loners) is dropped
where the model's probability is under a threshold, and the stories are formed again (union-find).

Fitting data: one benchmark build (``--train``: its true pairs are edited copies, its false ones the Reuters
look-alikes) and stories-dev's real pages (other outlets' reports of one event, and same-topic look-alikes), each
stories-dev pair weighted ``--dev-weight``. Only the inputs a crawl has go in (text, title, URL); labels only score.
Measured for each threshold:

- another build (``--test``), built from the other half of the source articles (``build_story_bench.py --half``),
  so that the two share none, scored by the model fitted on ``--train`` and half of stories-dev;
- stories-dev, grouped whole once with each half's model; each half of its events is scored from the run whose
  model was fitted on the other half (halves of whole look-alike groups: an event with its hard negatives; a pair
  belongs to the half of its first page), so no page is scored by a model that saw its event or its look-alikes;
- with ``--crawl``, the same inside a crawl (stories-dev's pages grouped among the crawl's articles; only they are
  scored): a model that leans on how large or small a set is shows it here.

Usage (from the repo root):

    python benchmarks/build_story_bench.py --seed 7 --half 0 --out benchmarks/data/story_bench_half0.jsonl
    python benchmarks/build_story_bench.py --seed 7 --half 1 --out benchmarks/data/story_bench_half1.jsonl
    python benchmarks/stories_link_model.py --train benchmarks/data/story_bench_half0.jsonl \
        --test benchmarks/data/story_bench_half1.jsonl --crawl ../shared/data/dated-news/reuters21578.jsonl \
        --out benchmarks/results/stories_link_model.md
"""

from __future__ import annotations

import argparse
import json
import platform
from pathlib import Path

import numpy as np
from stories_event_size import DEV, _crawl, load_labelled

from dateline.config import load_config
from dateline.dedup import cluster_metrics
from dateline.dedup.config import DedupConfig
from dateline.dedup.core import Candidates, batch_candidates
from dateline.dedup.kernels import lead_cosines
from dateline.dedup.link import verify
from dateline.dedup.unionfind import components
from dateline.dedup.verify import FEATURES, background, lexical_cosines
from dateline.records import Article

# what a pair shares (a record's own totals, its length, are left out), then the scores and the backgrounds
SHARED = ("w_shared", "num_shared", "date_shared", "year_shared", "cap_shared", "terms_shared", "wday_shared",
          "fig_shared", "lex_shared", "month_shared")  # fmt: skip
NAMES = (*SHARED, "event", "score", "event_bg_max", "event_bg_min", "word_cosine", "word_bg_max", "lead_cosine",
         "slots_agree", "slots_differ")  # fmt: skip

THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6)


class Labelled:
    """One data set's candidate pairs as ``verify`` leaves them, the pairs the model may test and their labels."""

    def __init__(self, arts: list[Article], gold: list[str], config: DedupConfig) -> None:
        c: Candidates = batch_candidates(arts, config)
        sigs, a, b = c.prep.sigs, c.a, c.b
        v = verify(a, b, sigs, c.weights, config, lexical=c.lexical, lead=c.lead)
        n = len(sigs)
        # the pool: the pairs that pass the weak-link tests that compare with neither the background nor the copies
        # (with every candidate pair above the event threshold instead, stories-dev lost more when cross-fitted)
        self.idx = np.flatnonzero(v["clean"])
        i, ia, ib = self.idx, a[self.idx], b[self.idx]
        bg = background(a, b, v["event"], config.story_weak_rank, n=n)
        word = lexical_cosines(v["feats"])
        word_bg = background(a, b, word, config.story_weak_rank, n=n)
        lead = np.full(i.shape[0], -1.0)
        if c.lead is not None:
            lead = lead_cosines(ia.astype(np.int64), ib.astype(np.int64), sigs.lead_key, sigs.lead_off, sigs.next_key,
                                sigs.next_off, sigs.term_hash, sigs.term_off, c.lead.astype(np.float64),
                                config.story_lead_min_cosine)  # fmt: skip
        cols = [v["feats"][i, FEATURES.index(name)] for name in SHARED]
        cols += [v["event"][i], v["score"][i], np.maximum(bg[ia], bg[ib]), np.minimum(bg[ia], bg[ib]), word[i],
                 np.maximum(word_bg[ia], word_bg[ib]), lead, v["slots_agree"][i], v["slots_differ"][i]]  # fmt: skip
        self.x = np.column_stack(cols)  # columns in NAMES order
        self.gold = np.asarray(gold)
        self.a, self.b, self.n = a, b, n
        self.y = self.gold[ia] == self.gold[ib]
        self.story = v["story"]
        # the links that rest on the backgrounds, as rows of the pool (every one of them is in it)
        self.rest = np.flatnonzero(np.isin(self.idx, np.flatnonzero(v["weak"])))

    def roots(self, model, t: float) -> np.ndarray:  # type: ignore[no-untyped-def]
        """Each record's story root once the links that rest on the backgrounds with the model's probability under
        ``t`` are dropped (none with ``t`` 0)."""
        keep = self.story.copy()
        if t > 0 and self.rest.shape[0]:
            p = model.predict_proba(self.x[self.rest])[:, 1]
            keep[self.idx[self.rest[p < t]]] = False
        return components(self.n, self.a[keep], self.b[keep])


def fit(parts: list[tuple[np.ndarray, np.ndarray, float]], leaves: int, min_leaf: int):  # type: ignore[no-untyped-def]
    """A classifier fitted on the rows of each (x, y, sample weight)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(max_iter=400, learning_rate=0.05, max_leaf_nodes=leaves,
                                           min_samples_leaf=min_leaf, early_stopping=False, random_state=0)  # fmt: skip
    x = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    w = np.concatenate([np.full(p[1].shape[0], p[2]) for p in parts])
    return model.fit(x, y, sample_weight=w)


def crossfit(dev: Labelled, page_half: np.ndarray, halves: list, t: float) -> dict[str, float]:  # type: ignore[type-arg]
    """The metrics of stories-dev's pages (the first ``len(page_half)`` records of ``dev``), grouped with each
    half's model; each half's pages scored from the run whose model did not see them (a false link across the
    halves is then not counted: the same for every threshold)."""
    pred: list[str] = [""] * page_half.shape[0]
    for k in (0, 1):
        root = dev.roots(halves[1 - k], t)
        for i in np.flatnonzero(page_half == k):
            pred[i] = f"{k}-{root[i]}"
    return cluster_metrics(list(dev.gold[: page_half.shape[0]]), pred)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, required=True, help="benchmark build to fit on (id, text, title, url, story)")
    ap.add_argument("--test", type=Path, required=True, help="another build to score on")
    ap.add_argument("--crawl", type=Path, default=None,
                    help="also group stories-dev inside this JSONL crawl (text, title; not scored), cross-fitted")
    ap.add_argument("--dev-weight", type=float, default=20.0, help="sample weight of a stories-dev pair")
    ap.add_argument("--leaves", type=int, default=7, help="leaves per tree")
    ap.add_argument("--min-leaf", type=int, default=50, help="fewest samples in a leaf")
    ap.add_argument("--out", type=Path, default=None, help="write a Markdown report here")
    args = ap.parse_args(argv)
    config = load_config(None).dedup
    train = Labelled(*load_labelled(args.train, "id", "story"), config)
    test = Labelled(*load_labelled(args.test, "id", "story"), config)
    rows = [json.loads(line) for line in DEV.open(encoding="utf-8") if line.strip()]
    dev_arts = [Article(id=r["page_id"], text=r["text"], url=r.get("url")) for r in rows]
    dev = Labelled(dev_arts, [r["event_id"] for r in rows], config)
    inside = None
    if args.crawl:
        crawl = _crawl(args.crawl)
        inside = Labelled(dev_arts + crawl, [r["event_id"] for r in rows] + [a.id for a in crawl], config)
    # halves of whole look-alike groups (an event with its hard negatives), so that no model saw the other
    # events of the group it is scored on
    group = [r.get("hard_negative_group") or r["event_id"] for r in rows]
    order = sorted(set(group))
    page_half = np.array([order.index(g) % 2 for g in group])
    row_half = page_half[dev.a[dev.idx]]
    halves = [fit([(train.x, train.y, 1.0), (dev.x[row_half == k], dev.y[row_half == k], args.dev_weight)],
                  args.leaves, args.min_leaf) for k in (0, 1)]  # fmt: skip
    cmd = f"python benchmarks/stories_link_model.py --train {args.train} --test {args.test}"
    cmd += f" --crawl {args.crawl}" if args.crawl else ""
    cmd += f" --leaves {args.leaves}" if args.leaves != 7 else ""
    cmd += f" --min-leaf {args.min_leaf}" if args.min_leaf != 50 else ""
    cmd += f" --dev-weight {args.dev_weight:g}" if args.dev_weight != 20.0 else ""
    head = "| veto under | test build P | R | F1 | ARI | stories-dev P | R | F1 | ARI |"
    if inside:
        head += " inside the crawl P | R | ARI |"
    lines = [
        f"# A learned veto on the weak story links: fitted on {args.train.name} and stories-dev",
        "",
        f"Command: `{cmd}`",
        "",
        f"Python {platform.python_version()}, {platform.machine()}. Pairs in the pool: {train.x.shape[0]:,} "
        f"({int(train.y.sum()):,} true) in {args.train.name}, {dev.x.shape[0]:,} ({int(dev.y.sum()):,} true) in "
        f"stories-dev; trees of {args.leaves} leaves, at least {args.min_leaf} samples a leaf, 400 rounds; features: "
        f"{', '.join(NAMES)}. "
        "Stories-dev (alone and inside the crawl): each half of its events scored with the model fitted without "
        "it. Row 0: no veto (the defaults).",
        "",
        head,
        "|---" * head.count(" | ") + "|---|",
    ]
    for t in (0.0, *THRESHOLDS):
        m = cluster_metrics(list(test.gold), test.roots(halves[0], t).tolist())
        d = crossfit(dev, page_half, halves, t)
        line = (f"| {t} | {m['pairwise_precision']:.4f} | {m['pairwise_recall']:.4f} | {m['pairwise_f1']:.4f} | "
                f"{m['ari']:.4f} | {d['pairwise_precision']:.4f} | {d['pairwise_recall']:.4f} | "
                f"{d['pairwise_f1']:.4f} | {d['ari']:.4f} |")  # fmt: skip
        if inside:
            c = crossfit(inside, page_half, halves, t)
            line += f" {c['pairwise_precision']:.4f} | {c['pairwise_recall']:.4f} | {c['ari']:.4f} |"
        lines.append(line)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
