"""Blocking kernels against plain reference implementations, and the memory the blocking index keeps."""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pytest

from dateline.dedup import DedupConfig, group_articles
from dateline.dedup.kernels import _word_kind, band_key_column, band_keys, term_df, term_ids, word_table
from dateline.dedup.lsh import band_groups, candidate_pairs, group_ids, group_postings, pairs_from_groups
from dateline.dedup.signatures import _MONTHS, _WEEKDAYS, STOPWORDS, _tables, token_hash
from dateline.records import Article


def _reference_pairs(key_sets, min_shared, max_posting):
    """Plain Python: per key set, count shared keys of each pair (a star from the smallest member of
    a group larger than max_posting); a pair is a candidate when one set reaches its min_shared."""
    counts = []
    for keys, docs in key_sets:
        groups = defaultdict(set)
        for k, d in zip(keys.tolist(), docs.tolist(), strict=True):
            groups[k].add(d)
        c = Counter()
        for members in groups.values():
            m = sorted(members)
            if len(m) > max_posting:
                c.update((m[0], x) for x in m[1:])
            else:
                c.update((x, y) for i, x in enumerate(m) for y in m[i + 1 :])
        counts.append(c)
    pairs = {p for c, t in zip(counts, min_shared, strict=True) for p, v in c.items() if v >= t}
    return sorted(pairs), counts[0]


def _random_postings(rng, n_docs, n_keys, per_doc):
    docs = np.repeat(np.arange(n_docs, dtype=np.int64), per_doc)
    keys = np.concatenate([rng.choice(n_keys, size=per_doc, replace=False) for _ in range(n_docs)]).astype(np.uint64)
    return keys * np.uint64(0x9E3779B97F4A7C15), docs


@pytest.mark.parametrize(("seed", "min_shared", "max_posting"), [(0, 1, 300), (1, 2, 300), (2, 3, 5), (3, 1, 4)])
def test_lsh_candidate_pairs_match_the_reference(seed, min_shared, max_posting):
    rng = np.random.default_rng(seed)
    keys, docs = _random_postings(rng, 120, 60, 6)
    a, b, n = candidate_pairs(keys, docs, min_shared=min_shared, max_posting=max_posting)
    want, counts = _reference_pairs([(keys, docs)], [min_shared], max_posting)
    got = list(zip(a.tolist(), b.tolist(), strict=True))
    assert got == want
    assert n.tolist() == [counts[p] for p in want]


@pytest.mark.parametrize(("seed", "mins"), [(4, (1, 3)), (5, (2, 2)), (6, (1, 1))])
def test_lsh_pairs_from_two_sets_match_the_reference(seed, mins):
    rng = np.random.default_rng(seed)
    n = 90
    k1, d1 = _random_postings(rng, n, 200, 4)
    k2, d2 = _random_postings(rng, n, 40, 5)
    a, b, _ = pairs_from_groups(n, (group_postings(k1, d1), mins[0]), (group_postings(k2, d2), mins[1]), max_posting=8)
    want, _ = _reference_pairs([(k1, d1), (k2, d2)], list(mins), 8)
    assert list(zip(a.tolist(), b.tolist(), strict=True)) == want


@pytest.mark.parametrize("doc_base", [0, 7])
def test_lsh_band_groups_are_the_groups_of_the_band_keys(doc_base):
    rng = np.random.default_rng(doc_base)
    sig = rng.integers(0, 3, size=(40, 16), dtype=np.uint32)  # few values: many shared bands
    g = band_groups(sig, 8, doc_base=doc_base)
    got = sorted(tuple(g.docs[g.starts[i] : g.starts[i + 1]].tolist()) for i in range(len(g)))
    keys = band_keys(sig, 8)
    ref = defaultdict(list)
    for d in range(sig.shape[0]):
        for band in range(8):
            ref[int(keys[d, band])].append(d + doc_base)
    assert got == sorted(tuple(m) for m in ref.values() if len(m) > 1)
    assert all((band_key_column(sig, 8, band) == keys[:, band]).all() for band in range(8))


@pytest.mark.parametrize("values", [[5, 1, 5, 9, 1, 5], [3]])
def test_kernels_term_df_counts_each_hash(values):
    h = np.array(values, dtype=np.uint64)
    assert term_df(h).tolist() == [values.count(v) for v in values]


@pytest.mark.parametrize("word", ["the", "may", "january", "sept", "raid", "dorrian", "sunday", "wednesday"])
def test_kernels_word_table_kinds(word):
    keys, kind = _tables()
    want = (16 if word in STOPWORDS else 0) | _MONTHS.get(word, 0) | (_WEEKDAYS.get(word, 0) << 6)
    assert _word_kind(keys, kind, np.uint64(token_hash(word))) == want


def test_kernels_word_table_handles_colliding_slots():
    keys, kind = word_table(np.array([16, 32], dtype=np.uint64), np.array([48], dtype=np.uint64), np.array([3]))
    assert [_word_kind(keys, kind, np.uint64(h)) for h in (16, 32, 48, 64)] == [16, 16, 3, 0]
    keys, kind = word_table(np.array([16], dtype=np.uint64), np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64),
                            np.array([16, 32], dtype=np.uint64), np.array([7, 2]))  # fmt: skip
    assert [_word_kind(keys, kind, np.uint64(h)) for h in (16, 32, 48)] == [16 | 7 << 6, 2 << 6, 0]


def _crawl(n_docs, copies):
    rng = np.random.default_rng(1)
    words = [f"w{i}" for i in range(3000)]
    base = [" ".join(rng.choice(words, size=80)) + f" Town{i} {i}" for i in range(n_docs)]
    texts = [t for t in base for _ in range(copies)]
    return [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]


@pytest.mark.parametrize(("n_docs", "copies"), [(200, 1), (100, 2), (40, 5)])
def test_core_blocking_index_stays_under_1kb_per_document(n_docs, copies):
    cfg = DedupConfig()
    res = group_articles(_crawl(n_docs, copies), config=cfg)
    per_doc = res.stats["index_bytes_per_doc"]
    assert cfg.num_perm * 4 <= per_doc <= 900  # at most 512 + 32 x 6 + 32 x 6 (every key shared by two)
    assert res.stats["blocking_peak_bytes_per_doc"] > per_doc
    if copies > 1:  # every band and key term is shared: the worst case
        assert len(set(res.story_id.values())) == n_docs


@pytest.mark.parametrize("seed", [0, 1])
def test_kernels_term_ids_are_dense_and_group_like_the_hashes(seed):
    rng = np.random.default_rng(seed)
    h = rng.integers(0, 50, size=400).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    df, ids = term_ids(h)
    assert df.tolist() == term_df(h).tolist()
    assert len(set(ids.tolist())) == len(set(h.tolist())) == int(ids.max()) + 1
    assert all((ids[h == v] == ids[np.argmax(h == v)]).all() for v in set(h.tolist()))
    docs = np.sort(rng.integers(0, 100, size=400))
    by_id, by_hash = group_ids(ids, docs, int(ids.max()) + 1), group_postings(h, docs)

    def members(g):
        return sorted(tuple(g.docs[g.starts[i] : g.starts[i + 1]].tolist()) for i in range(len(g)))

    assert members(by_id) == members(by_hash)


@pytest.mark.parametrize("n", [60, 150])
def test_lsh_pairs_from_groups_grows_its_output(n):
    keys = np.zeros(n, dtype=np.uint64)
    a, b, shared = candidate_pairs(keys, np.arange(n), max_posting=n)
    assert a.shape[0] == n * (n - 1) // 2 > 1024
    assert list(zip(a.tolist(), b.tolist(), strict=True)) == [(i, j) for i in range(n) for j in range(i + 1, n)]
    assert (shared == 1).all()
