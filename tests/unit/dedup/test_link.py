"""Unit tests of dateline.dedup.link: the post-processing of verified links (bridges, copy consistency, loners)."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.dedup import group_articles
from dateline.dedup.config import DedupConfig
from dateline.dedup.link import (
    _resist_round_ups,
    copy_consistent,
    join_loners,
    join_parts,
    loner_passes,
    outside_background,
    resist_bridges,
    story_roots,
)
from dateline.dedup.signatures import compute_signatures
from dateline.dedup.unionfind import components
from dateline.dedup.verify import background
from dateline.records import Article

# two unrelated stories, written for these tests
QUAKE = (
    "A magnitude 6.1 earthquake struck near Tarvello on Tuesday, shaking the Korrin valley. Mayor Elsa Brandt "
    "said three bridges over the Vessel river were closed and the Korrin hospital treated dozens of people."
)
MERGER = (
    "Halvorsen Foods agreed to buy Quillan Dairy for 420 million dollars, chief executive Ravi Okafor said. "
    "The Quillan plants in Dunmore and Pellard will keep their staff, and regulators in Ostland must approve."
)
SAME_EVENT = (
    "Rescue teams reached Tarvello after the earthquake. Elsa Brandt, the mayor, said the Vessel river bridges "
    "stay shut while engineers check them; the Korrin hospital is full."
)


def _sigs(texts):
    sigs = compute_signatures(texts)
    return sigs, np.ones(sigs.term_hash.shape[0], dtype=np.float32)


def _pairs(pairs):
    arr = np.array(pairs, dtype=np.int64)
    return arr[:, 0], arr[:, 1]


@pytest.mark.parametrize("order", ["quake_first", "merger_first"])
def test_link_digest_keeps_only_its_best_group(order):
    # 0-1: copies of one story, 2-3: copies of another, 4: a digest quoting the leads of both
    first, second = (QUAKE, MERGER) if order == "quake_first" else (MERGER, QUAKE)
    texts = [
        first,
        first + " More to follow.",
        second,
        "UPDATE: " + second,
        "Briefing. " + first + "\n\n" + second,
    ]
    sigs, w = _sigs(texts)
    a, b = _pairs([(0, 1), (2, 3), (0, 4), (1, 4), (2, 4), (3, 4)])
    story = np.ones(6, dtype=bool)
    strength = np.array([0.9, 0.9, 0.5, 0.5, 0.3, 0.3])
    new_story, new_dup = resist_bridges(a, b, story, story.copy(), strength, sigs, w, DedupConfig())
    roots = components(5, a[new_story], b[new_story])
    assert roots[0] != roots[2], "the digest glued two stories"
    assert roots[4] == roots[0], "the digest joins its best-supported group"
    assert not new_dup[~new_story].any()


@pytest.mark.parametrize(("second", "dropped"), [(MERGER, True), (SAME_EVENT, False)])
def test_link_digest_weak_link_dropped_when_it_nearly_links_more_strongly_elsewhere(second, dropped):
    # 0-1 and 2-3: copies (strong links); 4 quotes the leads of both, weak-linked to 0-1 (0.3) and only nearly
    # linked to 2-3 (0.5, every weak-link test but the background)
    texts = [QUAKE, QUAKE + " More to follow.", second, "UPDATE: " + second, "Briefing. " + QUAKE + "\n\n" + second]
    sigs, w = _sigs(texts)
    a, b = _pairs([(0, 1), (2, 3), (0, 4), (1, 4), (2, 4), (3, 4)])
    strong = np.array([True, True, False, False, False, False])
    story = np.array([True, True, True, True, False, False])
    near = np.array([False, False, True, True, True, True])
    event = np.array([0.9, 0.9, 0.3, 0.3, 0.5, 0.5])
    out = _resist_round_ups(a, b, story, story.copy(), strong, near, event, sigs, w, DedupConfig())
    assert out[:2].all(), "strong links stay"
    # other words (another story): the digest's weak links go; the same names (one event): they stay
    assert (not out[2:4].any()) is dropped
    assert not out[4:].any(), "near links are never made links here"


def test_link_record_matching_both_groups_on_the_same_names_keeps_both():
    # 0-1 and 2-3 are reports of one event that do not link to each other; 4 matches both on the same names
    texts = [
        QUAKE,
        QUAKE + " Aftershocks followed.",
        SAME_EVENT,
        SAME_EVENT + " More later.",
        QUAKE + " " + SAME_EVENT,
    ]
    sigs, w = _sigs(texts)
    a, b = _pairs([(0, 1), (2, 3), (0, 4), (1, 4), (2, 4), (3, 4)])
    story = np.ones(6, dtype=bool)
    new_story, _ = resist_bridges(a, b, story, story.copy(), np.full(6, 0.5), sigs, w, DedupConfig())
    assert new_story.all()


@pytest.mark.parametrize("overlap", [0.0])
def test_link_bridge_check_can_be_turned_off(overlap):
    texts = [QUAKE, QUAKE, MERGER, MERGER, QUAKE + "\n\n" + MERGER]
    sigs, w = _sigs(texts)
    a, b = _pairs([(0, 1), (2, 3), (0, 4), (2, 4)])
    story = np.ones(4, dtype=bool)
    new_story, _ = resist_bridges(
        a, b, story, story.copy(), np.full(4, 0.5), sigs, w, DedupConfig(bridge_overlap=overlap)
    )
    assert new_story.all()


@pytest.mark.parametrize(("support", "kept"), [(0.8, False), (0.0, True)])
def test_link_weak_link_must_hold_for_the_copies_of_its_ends(support, kept):
    # 0-1 are copies; 1 carries an inserted quote that names the people of record 2; 2 is another story
    other = "Ravi Okafor met investors in Dunmore about the Quillan plants and the Pellard site."
    texts = [
        QUAKE,
        QUAKE + ' "Ravi Okafor, Quillan and Pellard staff in Dunmore helped," a spokesman said.',
        other,
    ]
    sigs, w = _sigs(texts)
    a, b = _pairs([(0, 1), (1, 2)])
    weak = np.array([False, True])
    strong = np.array([True, False])
    keep = copy_consistent(a, b, weak, strong, np.zeros(3), sigs, w, DedupConfig(copy_support=support))
    assert bool(keep[1]) is kept
    assert keep[0]


def test_link_weak_link_shared_by_the_copies_is_kept():
    texts = [QUAKE, QUAKE + " More to follow.", SAME_EVENT]
    sigs, w = _sigs(texts)
    a, b = _pairs([(0, 1), (1, 2), (0, 2)])
    weak = np.array([False, True, True])
    strong = np.array([True, False, False])
    keep = copy_consistent(a, b, weak, strong, np.zeros(3), sigs, w, DedupConfig())
    assert keep.all()


@pytest.mark.parametrize("digest_first", [True, False])
def test_link_digest_page_does_not_merge_stories_end_to_end(digest_first):
    texts = [QUAKE + f" Report {i}." for i in range(2)] + [MERGER + f" Note {i}." for i in range(2)]
    digest = "Today's briefing\n\n" + QUAKE + "\n\n" + MERGER
    texts = [digest, *texts] if digest_first else [*texts, digest]
    arts = [Article(id=f"r{i}", text=t) for i, t in enumerate(texts)]
    quake, merger = ("r1", "r3") if digest_first else ("r0", "r2")
    res = group_articles(arts)
    assert res.story_id[quake] != res.story_id[merger]
    off = group_articles(arts, config=DedupConfig(bridge_overlap=0.0))
    assert off.story_id[quake] == off.story_id[merger], "without the check the digest glues them"


@pytest.mark.parametrize(("min_score", "apart"), [(0.025, True), (0.0, False)])
def test_link_weak_link_needs_a_story_score_free_of_clear_conflicts(min_score, apart):
    # two days of one templated market report: other figures and another day, so the story score is tiny
    import dedup_texts as fx

    texts = [fx.MARKET_TEMPLATE.format(**fx.MARKET_DAYS[d]) for d in (0, 2)]
    arts = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    cfg = DedupConfig(story_threshold=0.1, story_weak_min_score=min_score, weekday_conflict=False,
                      figure_conflict=False, number_slot_conflict=0)
    res = group_articles(arts, config=cfg)
    assert (res.story_id["a0"] != res.story_id["a1"]) is apart


@pytest.mark.parametrize("bridge_overlap", [0.2, 0.0])
def test_link_digest_added_later_does_not_merge_stored_stories(bridge_overlap):
    import duckdb

    from dateline.dedup import StoryIndex

    stories = [QUAKE + f" Report {i}." for i in range(2)] + [MERGER + f" Note {i}." for i in range(2)]
    digest = "Today's briefing\n\n" + QUAKE + "\n\n" + MERGER
    con = duckdb.connect()
    try:
        ix = StoryIndex(con, config=DedupConfig(bridge_overlap=bridge_overlap))
        first = ix.add([Article(id=f"r{i}", text=t) for i, t in enumerate(stories)])
        assert first.story_id["r0"] != first.story_id["r2"]
        ix.add([Article(id="digest", text=digest)])
        stored = dict(con.execute("SELECT id, story_id FROM dedup_docs").fetchall())
    finally:
        con.close()
    assert (stored["r0"] != stored["r2"]) is (bridge_overlap > 0)


@pytest.mark.parametrize(
    ("day", "conflict", "joined"),
    [("Tuesday", True, True), ("Friday", True, False), ("Friday", False, True)],
)
def test_link_weak_link_with_other_weekdays_is_dropped(day, conflict, joined):
    # an independent report of the quake (a weak link); it names the day it struck, or another day
    other = SAME_EVENT + f" The quake hit the valley on {day} morning."
    arts = [Article(id="q", text=QUAKE), Article(id="r", text=other), Article(id="m", text=MERGER)]
    res = group_articles(arts, config=DedupConfig(weekday_conflict=conflict))
    assert (res.story_id["q"] == res.story_id["r"]) is joined
    assert res.story_id["m"] not in (res.story_id["q"], res.story_id["r"])


@pytest.mark.parametrize(("sentence", "joined"), [("Prayers are planned for Friday.", True),
                                                  ("Prayers were held on Friday.", False)])
def test_link_a_weekday_set_ahead_is_no_weekday_conflict(sentence, joined):
    # the quake struck on Tuesday; a day set ahead ("for Friday") is not another day's event, a day reported is
    other = SAME_EVENT + " The quake hit the valley. " + sentence
    arts = [Article(id="q", text=QUAKE), Article(id="r", text=other), Article(id="m", text=MERGER)]
    res = group_articles(arts)
    assert (res.story_id["q"] == res.story_id["r"]) is joined


@pytest.mark.parametrize(
    ("opening", "lead", "joined"),
    [("In March, rescue teams reached", 40, True),
     ("In September, rescue teams reached", 40, False),
     ("In September, rescue teams reached", 0, True),
     ("Rescue teams MAY HAVE reached", 40, True)],  # a headline's verb, no month
)
def test_link_weak_link_whose_leads_name_other_months_is_dropped(opening, lead, joined):
    # the quake in March, and an independent report of it whose lead names the same month or another
    # (another month's quake of the same place)
    first = "In March, " + QUAKE[0].lower() + QUAKE[1:]
    other = f"{opening} Tarvello" + SAME_EVENT[len("Rescue teams reached Tarvello") :]
    arts = [Article(id="q", text=first), Article(id="r", text=other), Article(id="m", text=MERGER)]
    res = group_articles(arts, config=DedupConfig(lead_month_tokens=lead))
    assert (res.story_id["q"] == res.story_id["r"]) is joined
    assert res.story_id["m"] not in (res.story_id["q"], res.story_id["r"])


@pytest.mark.parametrize(
    ("figures", "conflict", "joined"),
    [
        ("It was 10.2 km deep, and 120 homes were damaged.", True, True),  # figures shared
        ("It was 35.5 km deep, and 450 homes were damaged.", True, False),  # other figures, none shared
        ("It was 35.5 km deep, and 450 homes were damaged.", False, True),  # the check off
        ("It was 35 km deep, and 45 homes were damaged.", True, True),  # too few precise figures to tell
    ],
)
def test_link_weak_link_with_other_precise_figures_is_dropped(figures, conflict, joined):
    # an independent report of the quake (a weak link); both give precise figures, the same or others
    quake = QUAKE + " The quake was 10.2 km deep; 120 homes and 340 cars were damaged."
    other = SAME_EVENT + " " + figures + " Crews counted 275 aftershocks."
    arts = [Article(id="q", text=quake), Article(id="r", text=other), Article(id="m", text=MERGER)]
    res = group_articles(arts, config=DedupConfig(figure_conflict=conflict))
    assert (res.story_id["q"] == res.story_id["r"]) is joined
    assert res.story_id["m"] not in (res.story_id["q"], res.story_id["r"])


def _loner_case(pairs, story_pairs, near_pairs):
    """Masks over ``pairs`` (list of (a, b)): which are story links and which near links."""
    a, b = _pairs(pairs)
    story = np.array([p in story_pairs for p in pairs])
    near = np.array([p in near_pairs for p in pairs])
    return a, b, story, near


@pytest.mark.parametrize(("support", "joined"), [(1, True), (2, True), (3, False), (0, False)])
def test_link_loner_joins_the_story_it_nearly_links_to_several_members_of(support, joined):
    # 0-1-2: one story (weak links); 3: alone, near links to 0 and 1
    pairs = [(0, 1), (1, 2), (0, 3), (1, 3), (2, 3)]
    a, b, story, near = _loner_case(pairs, {(0, 1), (1, 2)}, {(0, 3), (1, 3)})
    out = join_loners(a, b, story, near, 4, support)
    roots = components(4, a[out], b[out])
    assert bool(roots[3] == roots[0]) is joined
    assert not out[4], "a pair that is not a near link never becomes a story link"
    assert out[:2].all(), "existing story links stay"


def test_link_loner_near_two_stories_stays_alone():
    # 0-1: one story, 2-3: another; 4 nearly links to both members of each
    pairs = [(0, 1), (2, 3), (0, 4), (1, 4), (2, 4), (3, 4)]
    a, b, story, near = _loner_case(pairs, {(0, 1), (2, 3)}, {(0, 4), (1, 4), (2, 4), (3, 4)})
    out = join_loners(a, b, story, near, 5, 2)
    assert out.tolist() == story.tolist()


@pytest.mark.parametrize(("copies", "joined"), [(True, False), (False, True)])
def test_link_loner_counts_near_copies_of_one_text_once(copies, joined):
    # 0-1: one story; 2: alone, near links to both. When 0-1 are near-copies (a strong link), they
    # are one witness, not two
    pairs = [(0, 1), (0, 2), (1, 2)]
    a, b, story, near = _loner_case(pairs, {(0, 1)}, {(0, 2), (1, 2)})
    witness = np.array([copies, False, False])
    out = join_loners(a, b, story, near, 3, 2, witness=witness)
    assert bool(out[1] and out[2]) is joined


def test_link_loner_rule_moves_no_record_that_has_a_story():
    # 0-1 and 2-3: two stories; 3 nearly links to 0 and 1 but already has its story
    pairs = [(0, 1), (2, 3), (0, 3), (1, 3)]
    a, b, story, near = _loner_case(pairs, {(0, 1), (2, 3)}, {(0, 3), (1, 3)})
    out = join_loners(a, b, story, near, 4, 2)
    assert out.tolist() == story.tolist()


@pytest.mark.parametrize(("joinable", "joined"), [(None, True), ([True, False, False], True), ([False, True, True], False)])
def test_link_loner_joins_a_stored_story_given_by_prior_labels(joinable, joined):
    # record 0 is new (or stored and alone in its story); 1 and 2 are stored records of one story (same prior
    # label) with no link here; only the records that ``joinable`` marks may join as loners
    pairs = [(0, 1), (0, 2)]
    a, b, story, near = _loner_case(pairs, set(), {(0, 1), (0, 2)})
    prior = np.array([0, 7, 7])
    joinable = None if joinable is None else np.array(joinable)
    out = join_loners(a, b, story, near, 3, 2, prior, joinable=joinable)
    assert bool(out.all()) is joined
    without_prior = join_loners(a, b, story, near, 3, 2, None, joinable=joinable)
    assert not without_prior.any(), "without the prior story, 1 and 2 are two loners, not one story"


def test_link_loner_background_of_a_member_leaves_out_its_own_story():
    # 0-3: one story of 4 reports, each pair scoring 0.6; 4: a loner near 0 and 1 at 0.3; 5: a look-alike of 0 at 0.1
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (0, 4), (1, 4), (0, 5)]
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    score = np.array([0.6] * 6 + [0.3, 0.3, 0.1])
    story = np.array([True] * 6 + [False] * 3)
    root = story_roots(a, b, story, 6)
    # over all candidates, the 2nd best of member 0 is another report of its own story: the loner cannot beat it
    assert background(a, b, score, 2)[0] == pytest.approx(0.6)
    outside = outside_background(a, b, score, root, 2)
    assert outside[0] == pytest.approx(0.1), "member 0: its look-alikes outside the story (the loner and 5)"
    assert outside[1] == 0.0, "member 1 has one candidate outside its story"
    assert outside[4] == pytest.approx(0.3), "the loner's own candidates all count"


def _loner_passes_case(extra_pairs, extra_scores):
    # 0-2: one story (0.8); 3 nearly links to each member (0.5); then ``extra_pairs`` (near links too)
    pairs = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3), *extra_pairs]
    a, b = _pairs(pairs)
    story = np.array([True] * 3 + [False] * (len(pairs) - 3))
    near = ~story
    event = np.array([0.8] * 3 + [0.5] * 3 + list(extra_scores))
    out = loner_passes(a, b, story, near, np.zeros(len(pairs), dtype=bool), event, 7,
                       DedupConfig(story_weak_rank=2, loner_support=2))  # fmt: skip
    return components(7, a[out], b[out])


def test_link_loner_passes_measure_outside_both_stories():
    roots = _loner_passes_case([(3, 4)], [0.1])
    assert roots[3] == roots[0] and roots[4] != roots[0]
    # two look-alikes of 3 as close as the story's members: its near links do not stand out
    roots = _loner_passes_case([(3, 4), (3, 5)], [0.5, 0.5])
    assert roots[3] != roots[0]


def test_link_loner_passes_measure_again_as_pages_join():
    # 5 nearly links to 0 and 1 (0.5) and to 3 (0.7), and has a look-alike 6 (0.46): while 3 is alone, 3 and 6
    # are its two best candidates outside the story; once 3 has joined, only 6 is
    roots = _loner_passes_case([(0, 5), (1, 5), (3, 5), (5, 6)], [0.5, 0.5, 0.7, 0.46])
    assert roots[5] == roots[3] == roots[0] and roots[6] != roots[0]


def test_link_story_roots_join_records_of_one_prior_label():
    a, b = np.array([0]), np.array([3])
    root = story_roots(a, b, np.array([True]), 4, prior=np.array([0, 5, 5, 3]))
    assert root[0] == root[3] and root[1] == root[2] and root[0] != root[1]
    assert story_roots(a, b, np.array([False]), 4).tolist() == [0, 1, 2, 3]


@pytest.mark.parametrize("bad", [{"loner_support": -1}, {"loner_min_entity": -0.5}, {"loner_margin": 1.5}])
def test_link_loner_settings_are_checked(bad):
    from dateline.errors import ConfigError

    with pytest.raises(ConfigError):
        DedupConfig(**bad)


# one warehouse fire told twice in other words: one shared name (Dunmore), so the entity bar stops the link
FIRE = (
    "A fire destroyed a grain warehouse in Dunmore overnight, and firefighters battled the blaze for six hours "
    "before bringing it under control. The warehouse owner said the building held the harvest of forty farms. "
    "Nobody was hurt, the fire brigade said, and the cause of the fire is not yet known."
)
FIRE_RETOLD = (
    "Flames gutted a grain warehouse on the edge of Dunmore during the night. Firefighters needed six hours to "
    "bring the blaze under control, the fire brigade said. The cause of the fire is being investigated; no "
    "injuries were reported, and local farms lost their stored harvest."
)


def _unit_rows(n: int, dim: int, cosine: float) -> np.ndarray:
    """Orthogonal unit vectors, except that row 1 has ``cosine`` with row 0."""
    emb = np.zeros((n, dim), dtype=np.float32)
    emb[np.arange(n), np.arange(n)] = 1.0
    emb[1] = 0.0
    emb[1, 0], emb[1, dim - 1] = cosine, np.sqrt(1.0 - cosine**2)
    return emb


@pytest.mark.parametrize(("cosine", "min_cosine", "linked"), [(None, 0.65, False), (0.9, 0.65, True), (0.5, 0.65, False),
                                                              (0.9, 0.0, False)])  # fmt: skip
def test_link_embedding_cosine_stands_in_for_shared_names(cosine, min_cosine, linked):
    texts = [FIRE, FIRE_RETOLD, QUAKE, MERGER, SAME_EVENT]
    arts = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    embed = None if cosine is None else _unit_rows(len(texts), 8, cosine)
    config = DedupConfig(embed_min_cosine=min_cosine, lexical_min_cosine=0.0)  # the embedding alone
    res = group_articles(arts, config=config, embed=embed)
    assert (res.story_id["0"] == res.story_id["1"]) is linked
    assert res.story_id["0"] != res.story_id["2"] != res.story_id["3"]


@pytest.mark.parametrize(("min_cosine", "margin", "linked"), [(0.15, 0.2, True), (0.0, 0.2, False), (0.9, 0.2, False),
                                                              (0.15, 0.9, False)])  # fmt: skip
def test_link_word_cosine_stands_in_for_shared_names(min_cosine, margin, linked):
    # without any embedder: the IDF-weighted cosine of all words (fire, warehouse, grain, blaze, harvest...)
    texts = [FIRE, FIRE_RETOLD, QUAKE, MERGER, SAME_EVENT]
    arts = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    res = group_articles(arts, config=DedupConfig(lexical_min_cosine=min_cosine, lexical_margin=margin))
    assert (res.story_id["0"] == res.story_id["1"]) is linked
    assert res.story_id["0"] != res.story_id["2"] != res.story_id["3"]
    if linked:
        (edge,) = [e for e in res.edges if {e.a, e.b} == {"0", "1"}]
        assert edge.evidence["word_cosine"] >= min_cosine


def test_verify_lexical_cosine_matches_a_dense_computation():
    from dateline.dedup.core import prepare
    from dateline.dedup.kernels import term_ids
    from dateline.dedup.verify import lexical_cosines, lexical_weights, pair_features

    arts = [Article(id=str(i), text=t) for i, t in enumerate([FIRE, FIRE_RETOLD, QUAKE, SAME_EVENT])]
    s = prepare(arts, DedupConfig()).sigs
    df, tid = term_ids(s.term_hash)
    lex = lexical_weights(df, len(arts))
    dense = np.zeros((len(arts), int(tid.max()) + 1))
    for d in range(len(arts)):
        for k in range(s.term_off[d], s.term_off[d + 1]):
            if not s.term_flag[k] & 64:  # weekday terms are left out
                dense[d, tid[k]] = np.sqrt(lex[k])
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    a, b = np.array([0, 0, 2]), np.array([1, 2, 3])
    w = np.ones(s.term_hash.shape[0], dtype=np.float32)
    got = lexical_cosines(pair_features(a, b, s.term_hash, s.term_flag, s.term_off, w, lex=lex))
    assert np.allclose(got, (dense[a] * dense[b]).sum(axis=1), atol=1e-5)
    assert got[0] > got[1]


@pytest.mark.parametrize(("kept_scores", "linked"), [(None, True), ((0.0, 0.0), True), ((0.95, 0.9), False)])
def test_link_kept_pairs_of_earlier_batches_count_in_the_background(kept_scores, linked):
    # the quake and an independent report of it: a weak link. Record 0 kept two pairs from earlier batches
    # (peers 98 and 99, not loaded now); strong ones are look-alikes it must stand out from
    from dateline.dedup.core import batch_weights
    from dateline.dedup.link import KeptPairs, verify
    from dateline.dedup.verify import lexical_weights

    texts = [QUAKE, SAME_EVENT + " The quake hit the valley on Tuesday morning.", MERGER]
    sigs = compute_signatures(texts)
    _, inv, cnt = np.unique(sigs.term_hash, return_inverse=True, return_counts=True)
    df = cnt[inv]
    config = DedupConfig(story_weak_rank=2)
    a, b = _pairs([(0, 1), (0, 2), (1, 2)])
    kept = None
    if kept_scores is not None:
        peer = np.full((3, 2), -1, dtype=np.int64)
        score = np.zeros((3, 2))
        peer[0], score[0] = [99, 98], kept_scores
        kept = KeptPairs(np.array([0, 1, 2]), (peer, score), (np.full((3, 2), -1), np.zeros((3, 2))))
    v = verify(a, b, sigs, batch_weights(sigs, df, 3), config, lexical=lexical_weights(df, 3), kept=kept)
    assert bool(v["story"][0]) is linked
    if kept is not None:
        peers = v["kept"].event[0][0].tolist()
        # the best pairs of record 0, by peer id: the kept look-alikes, or this batch's pair above them
        if kept_scores[0]:
            assert peers == [99, 98]
        else:
            assert peers[0] == 1


def _parts_case():
    # stories {0, 1, 2} and {3, 4}; the cross pairs 0-3, 1-3, 1-4, 2-4
    a = np.array([0, 1, 3, 0, 1, 1, 2])
    b = np.array([1, 2, 4, 3, 3, 4, 4])
    root = np.array([0, 0, 0, 3, 3])
    return a, b, root


@pytest.mark.parametrize(
    ("passing", "copies", "joined"),
    [
        ([0, 1, 2, 3], False, True),  # all 4 cross pairs pass, 4 distinct witness pairs
        ([0, 1], False, True),  # half of them, 2 witness pairs
        ([0], False, False),  # one pair is no support
        ([0, 1], True, False),  # 0-1 and 3-4 are near-copies: one witness pair
    ],
)
def test_link_parts_join_on_several_witness_pairs(passing, copies, joined):
    a, b, root = _parts_case()
    mask = np.zeros(a.shape[0], dtype=bool)
    mask[[3 + k for k in passing]] = True
    witness = np.zeros(a.shape[0], dtype=bool)
    if copies:
        # 0-1 and 3-4 are strong links: the passing 0-3 and 1-3 are then one witness pair, (0|1, 3|4)
        witness[[0, 2]] = True
    out = join_parts(a, b, mask, root, witness, 5, 2, 0.3)
    assert bool(out.any()) is joined
    assert not out[:3].any(), "pairs within a story are not returned"
    if joined:
        assert out.tolist() == mask.tolist()


def test_link_parts_need_a_share_of_the_pairs_between_them():
    # 2 of 10 cross pairs pass: two related events that share a few reports
    a = np.array([0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    b = np.array([5, 6, 7, 8, 9, 5, 6, 7, 8, 9])
    root = np.array([0, 0, 2, 3, 4, 5, 5, 5, 5, 5])
    mask = np.zeros(10, dtype=bool)
    mask[[0, 6]] = True
    witness = np.zeros(10, dtype=bool)
    assert not join_parts(a, b, mask, root, witness, 10, 2, 0.3).any()
    assert join_parts(a, b, mask, root, witness, 10, 2, 0.2).any()


@pytest.mark.parametrize(
    "bad", [{"part_support": -1}, {"part_share": 1.5}, {"lead_month_tokens": -1}, {"number_slot_conflict": -1},
            {"strong_slot_conflict": -1}]
)
def test_link_part_and_conflict_settings_are_checked(bad):
    from dateline.errors import ConfigError

    with pytest.raises(ConfigError, match=f"dedup.{next(iter(bad))}"):
        DedupConfig(**bad)


@pytest.mark.parametrize(("other_size", "joins"), [(1, True), (2, False)])
def test_link_loner_near_another_loner_still_joins_the_one_story(other_size, joins):
    # record 0 nearly links to both members of story {1, 2} and to record 3; 3 is alone (another page the
    # event's story left out) or in a story with 4: only a story of two or more records is one it could bridge
    a, b = np.array([0, 0, 1, 0, 3]), np.array([1, 2, 2, 3, 4])
    story = np.array([False, False, True, False, other_size == 2])
    near = np.array([True, True, False, True, False])
    got = join_loners(a, b, story, near, 5, 2)
    assert bool(got[0] and got[1]) is joins
    assert not got[3], "a single near link to the other record never joins it"
