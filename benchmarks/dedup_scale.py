"""Scale run: a synthetic crawl of N documents (default 1,000,000) grouped in one process.

The crawl: Zipf-distributed words from a 60,000-word vocabulary, ~110 words a document, with
per-site boilerplate lines; 30% of the documents are edited copies of others (truncation, dropped
words, a new lead). Reports the time of each phase, docs/s, the peak RSS of the process, and the
measured bytes per document of the blocking index (signatures + the band and key-term groups held
by two or more documents, ``GroupResult.stats["index_bytes_per_doc"]``).

    python benchmarks/dedup_scale.py --docs 1000000
"""

from __future__ import annotations

import os

os.environ.setdefault("NUMBA_NUM_THREADS", "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from dateline.dedup import DedupConfig, group_articles  # noqa: E402
from dateline.records import Article  # noqa: E402


def synth(n: int, seed: int = 3) -> list[Article]:
    rng = np.random.default_rng(seed)
    codes = rng.integers(97, 123, size=(60_000, 9), dtype=np.uint8)
    lens = rng.integers(3, 10, size=60_000)
    vocab = [bytes(codes[i, : lens[i]]).decode() for i in range(60_000)]
    vocab = [w.capitalize() if i % 7 == 0 else w for i, w in enumerate(vocab)]
    n_base = int(n * 0.7)
    lengths = rng.integers(60, 160, size=n_base)
    words = rng.zipf(1.3, size=int(lengths.sum())) % len(vocab)
    sites = [f"site{i}.example" for i in range(200)]
    chrome = {s: f"{s} | Home | World | Sports\nCopyright {s}. All rights reserved." for s in sites}
    arts: list[Article] = []
    pos = 0
    bodies = []
    all_nums = rng.integers(1, 5000, size=(n_base, 3))
    for i in range(n_base):
        w = words[pos : pos + lengths[i]].tolist()
        pos += lengths[i]
        body = " ".join([vocab[j] for j in w]) + " {} {} {}".format(*all_nums[i])
        bodies.append(body)
        site = sites[i % len(sites)]
        arts.append(Article(id=f"b{i}", text=body + "\n" + chrome[site], url=f"https://{site}/{i}"))
    n_copy = n - n_base
    srcs = rng.integers(0, n_base, size=n_copy)
    cuts = rng.uniform(0.6, 1.0, size=n_copy)
    site_ix = rng.integers(0, len(sites), size=n_copy)
    for k in range(n_copy):
        toks = bodies[srcs[k]].split()
        toks = toks[: int(len(toks) * cuts[k])]
        drop = rng.random(len(toks)) > 0.05
        toks = [t for t, keep in zip(toks, drop, strict=True) if keep]
        site = sites[site_ix[k]]
        arts.append(Article(id=f"c{k}", text="Update: " + " ".join(toks) + "\n" + chrome[site], url=f"https://{site}/c{k}"))
    return arts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1_000_000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    arts = synth(args.docs)
    t1 = time.perf_counter()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    group_articles(arts[:100])
    cfg = DedupConfig()
    c0 = time.process_time()
    w0 = time.perf_counter()
    res = group_articles(arts, config=cfg)
    cpu = time.process_time() - c0
    wall = time.perf_counter() - w0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stories = len(set(res.story_id.values()))
    print(f"docs: {len(arts):,}  generate: {t1 - t0:.1f}s")
    print(f"group_articles: wall {wall:.1f}s, cpu {cpu:.1f}s, {len(arts) / cpu:,.0f} docs per CPU-second")
    print(f"phases: { {k: round(v, 1) if isinstance(v, float) else v for k, v in res.stats.items()} }")
    print(f"stories: {stories:,}  dup groups: {len(set(res.dup_group_id.values())):,}")
    print(f"peak RSS: {peak:,.0f} MiB (after generating the crawl: {rss_before:,.0f} MiB)")
    per_doc = res.stats["index_bytes_per_doc"]
    print(f"blocking index per document: {per_doc:,.0f} bytes (signature {cfg.num_perm * 4}, band and key-term "
          f"groups {per_doc - cfg.num_perm * 4:,.0f})")  # fmt: skip


if __name__ == "__main__":
    main()
