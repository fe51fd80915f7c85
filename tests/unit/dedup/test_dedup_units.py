"""Unit tests of the dedup building blocks: text cleaning, signatures, candidates, union-find, metrics."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.dedup.config import DedupConfig
from dateline.dedup.core import prepare
from dateline.dedup.kernels import F_CAP, F_DATE, F_NUM, F_YEAR
from dateline.dedup.lsh import candidate_pairs
from dateline.dedup.metrics import cluster_metrics
from dateline.dedup.signatures import compute_signatures, pack_texts, token_hash
from dateline.dedup.text import boilerplate_lines, clean_text, fold_accents, source_key
from dateline.dedup.unionfind import UnionFind, components
from dateline.errors import ConfigError
from dateline.records import Article


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" date 2017-01-09 \u2013 The raid took place.", "The raid took place."),
        ("date 2015-03 BEIRUT \u2014 Troops landed.", "BEIRUT - Troops landed."),
        ("No header, ISIL\u2019s \u201cfighters\u201d", "No header, ISIL's \"fighters\""),
    ],
)
def test_text_clean_text_drops_header_and_folds_punctuation(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("source", "url", "expected"),
    [("AP", None, "ap"), (None, "https://www.example.com/a/b", "example.com"), (None, None, "")],
)
def test_text_source_key(source, url, expected):
    assert source_key(source, url) == expected


def _blank(texts, sources, **kw):
    buf, off = pack_texts(texts)
    keys, counts = boilerplate_lines(buf, off, sources, **kw)
    return [bytes(buf[off[i] : off[i + 1]]).decode() for i in range(len(texts))], keys, counts


@pytest.mark.parametrize("n_pages", [3, 5])
def test_text_boilerplate_lines_of_one_source_are_blanked(n_pages):
    pages = [f"Story number {i} about a fire in town {i}.\nRelated stories: weather\nCopyright Site Inc." for i in range(n_pages)]
    out, keys, counts = _blank(pages, ["site.com"] * n_pages, min_docs=3, crawl_min_docs=99)
    assert "Copyright" not in out[0] and "Related stories" not in out[0]
    assert "Story number 0" in out[0]
    assert counts.max() == n_pages


@pytest.mark.parametrize("sources", [["a", "b", "c"], ["", "", ""]])
def test_text_boilerplate_lines_needs_repeats_in_one_source_or_the_crawl(sources):
    pages = [f"Report {i} on the harvest.\nCopyright Site Inc." for i in range(3)]
    out, _, _ = _blank(pages, sources, min_docs=3, crawl_min_docs=20)
    assert all("Copyright" in p for p in out)
    out, _, _ = _blank(pages, sources, min_docs=3, crawl_min_docs=3)
    assert not any("Copyright" in p for p in out)


@pytest.mark.parametrize("text", ["Copyright Site Inc.\nAll rights reserved."])
def test_text_boilerplate_lines_keeps_a_record_with_nothing_else(text):
    out, _, _ = _blank([text] * 3, ["s"] * 3, min_docs=3)
    assert out[0] == text


@pytest.mark.parametrize("n_before", [2, 4])
def test_text_boilerplate_lines_counts_prior_batches(n_before):
    line = "Subscribe to our newsletter today"
    _, k0, c0 = _blank([f"Earlier story {i}.\n{line}" for i in range(n_before)], ["s"] * n_before, min_docs=3)

    def prior(keys):
        pos = np.searchsorted(k0, keys).clip(0, k0.shape[0] - 1)
        return np.where(k0[pos] == keys, c0[pos], 0)

    out, _, _ = _blank([f"Unique story text here.\n{line}"], ["s"], min_docs=3, prior=prior)
    assert "Unique story" in out[0]
    assert ("Subscribe" in out[0]) == (n_before + 1 < 3)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Payrolls rose by 130,000 in August.", "Payrolls rose by 130000 in August."),
        ("THE RAID ON SUNDAY", "the raid on sunday"),
    ],
)
def test_signatures_equal_texts_up_to_case_and_thousands_separators(a, b):
    s = compute_signatures([a, b])
    assert (s.sig[0] == s.sig[1]).all()


@pytest.mark.parametrize(
    ("a", "b"),
    [("The operation on Jan. 8 near the town.", "On 8 January the operation near the town."),
     ("It happened on September 11.", "It happened on Sept 11.")],
)
def test_signatures_month_day_mentions_become_one_date_term(a, b):
    s = compute_signatures([a, b])
    da = {h for h, f in zip(*s.terms(0), strict=True) if f & F_DATE}
    db = {h for h, f in zip(*s.terms(1), strict=True) if f & F_DATE}
    assert da and da == db


@pytest.mark.parametrize(
    ("text", "token", "flag"),
    [("Troops met Dorrian in 2017 and saw 7.4 quakes", "dorrian", F_CAP),
     ("Troops met Dorrian in 2017", "2017", F_YEAR),
     ("a 7.4 magnitude quake", "7.4", F_NUM)],
)
def test_signatures_term_flags(text, token, flag):
    s = compute_signatures([text])
    h, f = s.terms(0)
    idx = np.flatnonzero(h == np.uint64(token_hash(token)))
    assert idx.shape[0] == 1 and f[idx[0]] & flag


@pytest.mark.parametrize("ngram", [3, 5])
def test_signatures_char_and_word_modes_estimate_jaccard(ngram):
    a = "the quick brown fox jumps over the lazy dog near the river bank today " * 3
    b = a.replace("lazy", "sleepy")
    for mode in ("word", "char"):
        s = compute_signatures([a, b, "completely different words here about markets"],
                               config=DedupConfig(shingle=mode, ngram=ngram))
        assert (s.sig[0] == s.sig[1]).mean() > 0.3
        assert (s.sig[0] == s.sig[2]).mean() < 0.2


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1, 0]])
def test_lsh_candidate_pairs_are_unique_and_sorted(order):
    keys = np.array([1, 1, 1, 2, 2, 3, 9], dtype=np.uint64)[order]
    docs = np.array([0, 1, 2, 2, 3, 4, 4], dtype=np.int64)[order]
    a, b, n = candidate_pairs(keys, docs)
    assert list(zip(a.tolist(), b.tolist(), strict=True)) == [(0, 1), (0, 2), (1, 2), (2, 3)]


@pytest.mark.parametrize("min_shared", [2])
def test_lsh_candidate_pairs_min_shared(min_shared):
    keys = np.array([1, 1, 2, 2, 3, 3], dtype=np.uint64)
    docs = np.array([0, 1, 0, 1, 1, 2], dtype=np.int64)
    a, b, n = candidate_pairs(keys, docs, min_shared=min_shared)
    assert list(zip(a.tolist(), b.tolist(), n.tolist(), strict=True)) == [(0, 1, 2)]


@pytest.mark.parametrize("size", [50])
def test_lsh_candidate_pairs_large_bucket_is_a_star(size):
    keys = np.zeros(size, dtype=np.uint64)
    docs = np.arange(size, dtype=np.int64)
    a, b, _ = candidate_pairs(keys, docs, max_posting=10)
    assert len(set(zip(a.tolist(), b.tolist(), strict=True))) == size - 1 and set(a.tolist()) == {0}


@pytest.mark.parametrize("n", [200_000])
def test_unionfind_long_chain_without_recursion(n):
    a = np.arange(n - 1, 0, -1)
    roots = components(n, a, a - 1)
    assert (roots == 0).all()


@pytest.mark.parametrize(("pairs", "roots"), [([(3, 2), (1, 2)], [0, 1, 1, 1]), ([], [0, 1, 2, 3])])
def test_unionfind_root_is_smallest_member(pairs, roots):
    uf = UnionFind(4)
    if pairs:
        uf.union_pairs(np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs]))
    assert uf.roots().tolist() == roots


@pytest.mark.parametrize(
    ("gold", "pred", "key", "value"),
    [
        (["a", "a", "b", "b"], [1, 1, 2, 2], "ari", 1.0),
        (["a", "a", "b", "b"], [1, 2, 3, 4], "pairwise_recall", 0.0),
        (["a", "a", "b", "b"], [1, 2, 3, 4], "pairwise_precision", 1.0),
        (["a", "a", "b", "b"], [1, 1, 1, 1], "pairwise_precision", 1 / 3),
        (["a", "a", "a", "b"], [1, 1, 2, 2], "bcubed_precision", 0.75),
    ],
)
def test_metrics_cluster_metrics_values(gold, pred, key, value):
    assert cluster_metrics(gold, pred)[key] == pytest.approx(value)


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [({"shingle": "bytes"}, "dedup.shingle"), ({"num_perm": 100, "bands": 32}, "dedup.bands"),
     ({"story_threshold": 1.5}, "dedup.story_threshold"), ({"embedder": "bert"}, "dedup.embedder"),
     ({"story_weak_rank": 0}, "dedup.story_weak_rank"), ({"story_weak_margin": -0.1}, "dedup.story_weak_margin"),
     ({"embed_min_cosine": 1.5}, "dedup.embed_min_cosine"), ({"embed_margin": -0.2}, "dedup.embed_margin"),
     ({"lexical_min_cosine": 2.0}, "dedup.lexical_min_cosine"), ({"lexical_margin": -1.0}, "dedup.lexical_margin"),
     ({"story_links": "copies"}, "dedup.story_links")],
)
def test_config_bad_values_name_their_key(kwargs, where):
    with pytest.raises(ConfigError, match=where):
        DedupConfig(**kwargs)


@pytest.mark.parametrize("texts", [["The raid on Sunday", "the raid on sunday!", "Markets closed higher"]])
def test_embed_fake_encoder_is_deterministic_and_unit_norm(texts):
    from dateline.dedup.embed import fake_encode

    a, b = fake_encode(texts), fake_encode(texts)
    assert (a == b).all()
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert a[0] @ a[1] > 0.99 and a[0] @ a[2] < 0.9


@pytest.mark.parametrize("weight", [0.0, 0.3])
def test_embed_path_feeds_the_story_score(weight):
    import dedup_texts as fx

    from dateline.dedup import group_articles
    from dateline.records import Article

    arts = [Article(id="a", text=fx.FLOOD_AP), Article(id="b", text=fx.FLOOD_REWRITE), Article(id="c", text=fx.UNRELATED)]
    res = group_articles(arts, config=DedupConfig(embedder="fake.v1", embed_weight=weight))
    assert res.story_id["a"] == res.story_id["b"] != res.story_id["c"]


@pytest.mark.parametrize("module", ["core", "text", "unionfind", "metrics", "evidence", "verify"])
def test_doctests_of_dedup_modules(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"dateline.dedup.{module}"))
    assert result.failed == 0


@pytest.mark.parametrize(
    ("a", "b", "key", "expected"),
    [
        ("Col. John Dorrian said on Jan. 8 that 25 died", "Dorrian confirmed on 8 January that 25 died", "shared_dates", ["01-08"]),
        ("Col. John Dorrian said on Jan. 8 that 25 died", "Dorrian confirmed on 8 January that 25 died", "shared_numbers", ["25", "8"]),
        ("Prices rose on March 6", "Prices fell on March 7", "conflicting_dates", ["03-06", "03-07"]),
    ],
)
def test_evidence_shared_evidence_is_readable(a, b, key, expected):
    from dateline.dedup.evidence import shared_evidence

    assert shared_evidence(a, b)[key] == expected


@pytest.mark.parametrize(
    ("rank", "expected"),
    [(1, [0.9, 0.9, 0.5]), (2, [0.5, 0.2, 0.2]), (3, [0.0, 0.0, 0.0])],
)
def test_verify_background_is_the_rank_th_best_candidate_score(rank, expected):
    from dateline.dedup.verify import background

    a, b, score = np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([0.9, 0.5, 0.2])
    assert background(a, b, score, rank).tolist() == pytest.approx(expected)


def _feats(**kw: float) -> np.ndarray:
    from dateline.dedup.verify import FEATURES

    row = np.zeros((1, len(FEATURES)))
    for k, v in {"w_shared": 5.0, "w_a": 10.0, "w_b": 10.0, **kw}.items():
        row[0, FEATURES.index(k)] = v
    return row


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({}, 0.5),
        ({"year_a": 1, "year_b": 2}, 0.25),  # both give years, none shared: another year's event
        ({"year_a": 1, "year_b": 1, "year_shared": 1}, 0.5),
        ({"year_a": 1}, 0.5),  # one side gives no year: no conflict
        ({"date_a": 1, "date_b": 1, "num_a": 6, "num_b": 5}, 0.125),  # other day and other figures
        ({"num_a": 6, "num_b": 5, "num_shared": 2}, 0.5),  # some figures agree: an independent report
        ({"num_a": 2, "num_b": 2}, 0.5),  # too few figures to tell
    ],
)
def test_verify_event_score_halves_per_clear_conflict(kw, expected):
    from dateline.dedup.verify import event_scores

    assert event_scores(_feats(**kw))[0] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("The quake struck on Sunday near the town.", "On SUNDAY the quake struck near the town.", True),
     ("The quake struck on Sunday near the town.", "The quake struck on Monday near the town.", False)],
)
def test_signatures_weekday_names_become_weightless_weekday_terms(a, b, same):
    from dateline.dedup.kernels import F_WDAY
    from dateline.dedup.verify import term_weights

    s = compute_signatures([a, b])
    days = [{h for h, f in zip(*s.terms(i), strict=True) if f & F_WDAY} for i in (0, 1)]
    assert len(days[0]) == 1 and len(days[1]) == 1
    assert (days[0] == days[1]) is same
    # the weekday is no ordinary term (a stopword as a word) and weighs nothing in the fingerprint
    assert not any(h == np.uint64(token_hash("sunday")) for h in s.term_hash.tolist())
    w = term_weights(s.term_flag, np.ones(s.term_flag.shape[0], dtype=np.float32))
    assert (w[(s.term_flag & F_WDAY) != 0] == 0).all() and (w[(s.term_flag & F_WDAY) == 0] > 0).all()


@pytest.mark.parametrize(
    ("kw", "conflict"),
    [({"wday_a": 1, "wday_b": 1}, True),  # both name a weekday, not the same one
     ({"wday_a": 2, "wday_b": 1, "wday_shared": 1}, False),
     ({"wday_a": 1}, False),  # one side names no weekday: nothing to compare
     ({}, False)],
)
def test_verify_weekday_conflicts_need_weekdays_on_both_sides(kw, conflict):
    from dateline.dedup.verify import weekday_conflicts

    assert bool(weekday_conflicts(_feats(**kw))[0]) is conflict


def test_verify_pair_features_count_weekdays_apart_from_the_fingerprint():
    from dateline.dedup.verify import FEATURES, pair_features

    s = compute_signatures(["Troops raided Dorrian on Sunday and Monday.", "Troops raided Dorrian on Sunday."])
    w = np.ones(s.term_hash.shape[0], dtype=np.float32)
    plain = compute_signatures(["Troops raided Dorrian.", "Troops raided Dorrian."])
    f = pair_features(np.array([0]), np.array([1]), s.term_hash, s.term_flag, s.term_off, w)[0]
    g = pair_features(np.array([0]), np.array([1]), plain.term_hash, plain.term_flag, plain.term_off,
                      np.ones(plain.term_hash.shape[0], dtype=np.float32))[0]  # fmt: skip
    col = {k: i for i, k in enumerate(FEATURES)}
    assert (f[col["wday_shared"]], f[col["wday_a"]], f[col["wday_b"]]) == (1, 2, 1)
    assert f[col["terms_shared"]] == g[col["terms_shared"]] and f[col["w_a"]] == g[col["w_a"]]


@pytest.mark.parametrize(
    ("kw", "conflict"),
    [({"fig_a": 3, "fig_b": 4}, True),  # both give 3+ precise figures, none shared
     ({"fig_a": 3, "fig_b": 4, "fig_shared": 1}, False),  # one agrees: the same event, rounded otherwise
     ({"fig_a": 2, "fig_b": 5}, False),  # too few on one side to tell
     ({}, False)],
)
def test_verify_figure_conflicts_need_three_figures_on_both_sides(kw, conflict):
    from dateline.dedup.verify import figure_conflicts

    assert bool(figure_conflicts(_feats(**kw))[0]) is conflict


def test_verify_pair_features_count_precise_figures_and_not_years():
    from dateline.dedup.verify import FEATURES, pair_features

    s = compute_signatures(["In 2019 the 7.4 quake left 1,250 homeless and 14 dead at 10:55.",
                            "The 2019 quake (magnitude 7.4) left 300 homeless and 14 dead."])  # fmt: skip
    w = np.ones(s.term_hash.shape[0], dtype=np.float32)
    f = pair_features(np.array([0]), np.array([1]), s.term_hash, s.term_flag, s.term_off, w)[0]
    col = {k: i for i, k in enumerate(FEATURES)}
    assert (f[col["fig_shared"]], f[col["fig_a"]], f[col["fig_b"]]) == (1, 3, 2)


@pytest.mark.parametrize(("fold", "equal"), [(True, True), (False, False)])
def test_prepare_folds_diacritics_of_latin_letters_when_asked(fold, equal):
    # one outlet keeps the accents, another drops them
    texts = ["Kylian Mbappé scored twice at the Bernabéu as Real Madrid beat Barcelona, and Szczęsny was beaten.",
             "Kylian Mbappe scored twice at the Bernabeu as Real Madrid beat Barcelona, and Szczesny was beaten."]
    arts = [Article(id=f"a{i}", text=t, title="Clásico" if i == 0 else "Clasico") for i, t in enumerate(texts)]
    sigs = prepare(arts, DedupConfig(fold_accents=fold)).sigs
    assert bool((sigs.sig[0] == sigs.sig[1]).all()) == equal
    terms = [set(sigs.terms(i)[0].tolist()) for i in range(2)]
    assert (terms[0] == terms[1]) == equal


@pytest.mark.parametrize("text", ["Зеленский встретился с Макроном", "東京で地震", "plain ASCII, untouched"])
def test_text_fold_accents_leaves_other_scripts_and_ascii_as_they_are(text):
    assert fold_accents(text) == text


@pytest.mark.parametrize(("rank", "expected"), [(1, [0.6, 0.0]), (2, [0.5, 0.0]), (3, [0.0, 0.0])])
def test_background_without_leaves_out_both_stories_of_a_pair(rank, expected):
    # stories {0, 1} and {2, 3}; record 0 has look-alikes 4 (0.6) and 5 (0.5) outside both; 2 has none
    from dateline.dedup.verify import background_without

    a, b = np.array([0, 0, 1, 2, 0, 0, 1]), np.array([1, 2, 3, 3, 4, 5, 2])
    s = np.array([0.9, 0.7, 0.8, 0.95, 0.6, 0.5, 0.75])
    root = np.array([0, 0, 2, 2, 4, 5])
    # pair 1 (0-2) and pair 6 (1-2): the other part's pages, 0.7-0.95, never count
    got = background_without(a, b, s, root, np.array([1, 6]), rank)
    assert got.tolist() == expected


@pytest.mark.parametrize(("rank", "expected"), [(1, [0.6, 0.0]), (2, [0.0, 0.0])])
def test_background_without_counts_copies_of_one_text_once(rank, expected):
    # the same stories; record 0's two look-alikes 4 and 5 are copies of one text: one look-alike, not two
    from dateline.dedup.verify import background_without

    a, b = np.array([0, 0, 1, 2, 0, 0, 1]), np.array([1, 2, 3, 3, 4, 5, 2])
    s = np.array([0.9, 0.7, 0.8, 0.95, 0.6, 0.5, 0.75])
    root = np.array([0, 0, 2, 2, 4, 5])
    got = background_without(a, b, s, root, np.array([1, 6]), rank, group=np.array([0, 1, 2, 3, 4, 4]))
    assert got.tolist() == expected


@pytest.mark.parametrize(("kept_peer", "expected"), [(7, 0.3), (9, 0.3), (5, 0.95)])
def test_background_kept_counts_a_group_once_and_never_its_own(kept_peer, expected):
    # records 0 and 1 (ids 7 and 8) are copies of one text, kept under the group's lowest id, 7; record 2 (id 9)
    # is another text. Record 0 kept a pair with ``kept_peer`` from an earlier batch: with its own group (7) it
    # is skipped, with 9 this batch's pair replaces it, with a look-alike not loaded now (5) it stays
    from dateline.dedup.verify import background_kept

    ids = np.array([7, 8, 9])
    peer = np.array([[kept_peer, -1], [-1, -1], [-1, -1]])
    score = np.array([[0.95, 0.0], [0.0, 0.0], [0.0, 0.0]])
    a, b, s = np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([0.9, 0.3, 0.4])
    bg, p, _ = background_kept(a, b, s, 1, ids, peer, score, group=np.array([0, 0, 2]))
    assert bg[0] == pytest.approx(expected), "the 0.9 pair within the group never counts"
    # record 2's one look-alike is the group {7, 8}, by its best pair (0.4), kept as peer 7
    assert (bg[2], p[2, 0]) == (pytest.approx(0.4), 7)


def test_pair_features_shared_counts_match_a_set_intersection_in_any_pair_order():
    # the kernel looks each pair's terms up in a table of its first record's terms, rebuilt when that record
    # changes: pairs in any order, one record in many pairs, must give what a plain intersection gives
    from dateline.dedup.verify import FEATURES, pair_features

    rng = np.random.default_rng(3)
    docs = [np.unique(rng.integers(1, 60, size=rng.integers(0, 40))).astype(np.uint64) for _ in range(12)]
    th = np.concatenate(docs)
    off = np.concatenate([[0], np.cumsum([len(d) for d in docs])]).astype(np.int64)
    tf = (th % 7 == 0).astype(np.uint8) * F_CAP  # some terms are names
    w = rng.uniform(0.1, 1.0, size=th.shape[0]).astype(np.float32)
    a = rng.integers(0, 12, size=80)
    b = rng.integers(0, 12, size=80)
    got = pair_features(a, b, th, tf, off, w)
    for p in range(80):
        ta, tb = docs[a[p]], docs[b[p]]
        wa = dict(zip(ta.tolist(), w[off[a[p]] : off[a[p] + 1]].tolist(), strict=True))
        wb = dict(zip(tb.tolist(), w[off[b[p]] : off[b[p] + 1]].tolist(), strict=True))
        shared = sorted(set(wa) & set(wb))
        assert got[p, FEATURES.index("terms_shared")] == len(shared)
        assert got[p, FEATURES.index("w_shared")] == pytest.approx(sum(min(wa[h], wb[h]) for h in shared))
        names = [h for h in shared if h % 7 == 0]
        assert got[p, FEATURES.index("cap_shared")] == pytest.approx(sum(min(wa[h], wb[h]) for h in names))
