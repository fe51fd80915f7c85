"""StoryIndex: incremental adds join stored stories, ids stay stable, match writes nothing."""

from __future__ import annotations

import json

import dedup_texts as fx
import duckdb
import pytest
from click.testing import CliRunner

from dateline.dedup import DedupConfig, StoryIndex, group_articles
from dateline.errors import StoreError
from dateline.records import Article


def _a(i: str, text: str) -> Article:
    return Article(id=i, text=text)


def _market(d: int) -> str:
    return fx.MARKET_TEMPLATE.format(**fx.MARKET_DAYS[d])


@pytest.fixture
def con():
    c = duckdb.connect()
    yield c
    c.close()


@pytest.mark.parametrize("split", [1, 2])
def test_index_new_batch_joins_stored_story(con, split):
    arts = [_a("flood", fx.FLOOD_AP), _a("quake", fx.QUAKE), _a("rewrite", fx.FLOOD_REWRITE), _a("m0", _market(0))]
    ix = StoryIndex(con)
    first = ix.add(arts[:split])
    second = ix.add(arts[split:])
    assert second.story_id["rewrite"] == first.story_id["flood"]
    assert second.story_id["m0"] != first.story_id["flood"]
    assert first.story_id["flood"] in second.changed_story_ids
    assert set(ix.story_members(first.story_id["flood"])) == {"flood", "rewrite"}


@pytest.mark.parametrize("times", [2, 3])
def test_index_add_is_idempotent(con, times):
    ix = StoryIndex(con)
    arts = [_a("flood", fx.FLOOD_AP), _a("rewrite", fx.FLOOD_REWRITE)]
    results = [ix.add(arts) for _ in range(times)]
    assert all(r.story_id == results[0].story_id for r in results)
    assert con.execute("SELECT count(*) FROM dedup_docs").fetchall()[0][0] == 2
    assert con.execute("SELECT count(*) FROM dedup_df WHERE df > 2").fetchall()[0][0] == 0


@pytest.mark.parametrize("batches", [[["m0"], ["m1"], ["m2"]], [["m0", "m1", "m2"]]])
def test_index_templated_reports_stay_apart_incrementally(con, batches):
    texts = {f"m{d}": _market(d) for d in range(3)}
    ix = StoryIndex(con)
    story = {}
    for batch in batches:
        story.update(ix.add([_a(i, texts[i]) for i in batch]).story_id)
    assert len(set(story.values())) == 3


@pytest.mark.parametrize("split", [4, 9])
def test_index_templated_family_stays_apart_across_batches(con, split):
    ix = StoryIndex(con)
    arts = [_a(f"m{k}", fx.market_day(k)) for k in range(10)]
    story = {**ix.add(arts[:split]).story_id, **ix.add(arts[split:]).story_id}
    assert len(set(story.values())) == 10


@pytest.mark.parametrize("first", [["flood"], ["flood", "quake"]])
def test_index_independent_report_joins_stored_story(con, first):
    texts = {"flood": fx.FLOOD_AP, "quake": fx.QUAKE, "other": fx.FLOOD_OTHER_OUTLET, "lib": fx.UNRELATED}
    ix = StoryIndex(con)
    stored = ix.add([_a(i, texts[i]) for i in first]).story_id
    new = ix.add([_a("other", texts["other"]), _a("lib", texts["lib"])]).story_id
    assert new["other"] == stored["flood"] != new["lib"]


@pytest.mark.parametrize("order", [("a", "b", "bridge"), ("bridge", "a", "b")])
def test_index_merge_keeps_the_oldest_story_id(con, order):
    texts = {"a": fx.QUAKE, "b": fx.QUAKE_COPY_WITH_BOILERPLATE, "bridge": fx.QUAKE + "\nMore soon."}
    ix = StoryIndex(con)
    ids = {}
    for k in order:
        ids.update(ix.add([_a(k, texts[k])]).story_id)
    assert len({ids[k] for k in texts}) == 1 or len(set(ix.story_members(ids[order[0]]))) == 3
    assert set(ix.story_members(ids[order[0]])) == set(texts)


@pytest.mark.parametrize("limit", [1, 5])
def test_index_match_reads_only(con, limit):
    ix = StoryIndex(con)
    stored = ix.add([_a("flood", fx.FLOOD_AP), _a("m0", _market(0))])
    before = con.execute("SELECT count(*) FROM dedup_docs").fetchall()[0][0]
    matches = ix.match(_a("probe", fx.FLOOD_REWRITE), limit=limit)
    assert matches and matches[0].story_id == stored.story_id["flood"]
    assert len(matches) <= limit
    assert matches[0].evidence["matched_article_id"] == "flood"
    assert "Okafor" in " ".join(matches[0].evidence["shared_entities"])
    assert con.execute("SELECT count(*) FROM dedup_docs").fetchall()[0][0] == before


@pytest.mark.parametrize("text", [fx.UNRELATED])
def test_index_match_unrelated_finds_nothing(con, text):
    ix = StoryIndex(con)
    ix.add([_a("flood", fx.FLOOD_AP), _a("quake", fx.QUAKE)])
    assert ix.match(_a("probe", text)) == []


@pytest.mark.parametrize("other", [{"num_perm": 64, "bands": 16}, {"ngram": 3}])
def test_index_refuses_a_store_built_with_other_signature_settings(con, other):
    StoryIndex(con).add([_a("flood", fx.FLOOD_AP)])
    with pytest.raises(StoreError, match="the store was built with"):
        StoryIndex(con, config=DedupConfig(**other))


@pytest.mark.parametrize("recorded", [True, False])
def test_index_keeps_the_story_links_mode_it_was_built_with(con, recorded):
    StoryIndex(con).add([_a("flood", fx.FLOOD_AP)])
    if not recorded:  # a store from before the mode was recorded was built with events
        con.execute("DELETE FROM dedup_meta WHERE key = 'story_links'")
    with pytest.raises(StoreError, match="dedup.story_links: the store was built with 'events'"):
        StoryIndex(con, config=DedupConfig(story_links="rewrites"))
    ix = StoryIndex(con)
    ix.add([_a("rewrite", fx.FLOOD_REWRITE)])
    assert ix.match(_a("probe", fx.FLOOD_REWRITE))


@pytest.mark.parametrize("mode", ["rewrites"])
def test_index_in_rewrites_mode_links_no_other_outlets_report(con, mode):
    ix = StoryIndex(con, config=DedupConfig(story_links=mode))
    first = ix.add([_a("flood", fx.FLOOD_AP), _a("quake", fx.QUAKE)])
    second = ix.add([_a("rewrite", fx.FLOOD_REWRITE), _a("other", fx.FLOOD_OTHER_OUTLET)])
    assert second.story_id["rewrite"] == first.story_id["flood"]
    assert second.story_id["other"] != first.story_id["flood"]
    with pytest.raises(StoreError, match=f"dedup.story_links: the store was built with '{mode}'"):
        StoryIndex(con)


@pytest.mark.parametrize("built", [{"story_links": "rewrites"}, {"ngram": 3}])
def test_index_reader_reads_a_store_as_it_was_built(con, built):
    StoryIndex(con, config=DedupConfig(**built)).add([_a("flood", fx.FLOOD_AP), _a("quake", fx.QUAKE)])
    reader = StoryIndex.reader(con)
    assert all(getattr(reader.config, k) == v for k, v in built.items())
    assert reader.match(_a("probe", fx.FLOOD_REWRITE))[0].evidence["matched_article_id"] == "flood"


def test_index_reader_reads_a_store_from_before_the_mode_was_recorded_as_events(con):
    StoryIndex(con).add([_a("flood", fx.FLOOD_AP), _a("quake", fx.QUAKE)])
    con.execute("DELETE FROM dedup_meta WHERE key = 'story_links'")
    reader = StoryIndex.reader(con, config=DedupConfig(story_links="rewrites"))
    assert reader.config.story_links == "events"


def test_index_refuses_to_fold_accents_into_a_store_from_before_folding(con):
    # its records were hashed with their diacritics: new ones must be too, or "Mbappé" would miss "Mbappe"
    StoryIndex(con).add([_a("flood", fx.FLOOD_AP), _a("quake", fx.QUAKE)])
    con.execute("DELETE FROM dedup_meta WHERE key = 'fold_accents'")
    with pytest.raises(StoreError, match="dedup.fold_accents: the store was built with 'False', the config says 'True'"):
        StoryIndex(con)
    assert StoryIndex.reader(con).config.fold_accents is False
    ix = StoryIndex(con, config=DedupConfig(fold_accents=False))
    ix.add([_a("rewrite", fx.FLOOD_REWRITE)])
    assert ix.match(_a("probe", fx.FLOOD_REWRITE))


@pytest.mark.parametrize("n_batches", [3])
def test_index_agrees_with_in_memory_grouping(con, n_batches):
    arts = [_a("flood", fx.FLOOD_AP), _a("quake", fx.QUAKE), _a("rewrite", fx.FLOOD_REWRITE),
            _a("copy", fx.QUAKE_COPY_WITH_BOILERPLATE), _a("m0", _market(0)), _a("m1", _market(1))]
    mem = group_articles(arts).story_id
    ix = StoryIndex(con)
    inc = {}
    for i in range(n_batches):
        inc.update(ix.add(arts[i::n_batches]).story_id)
    same_mem = {(x, y) for x in mem for y in mem if mem[x] == mem[y]}
    same_inc = {(x, y) for x in inc for y in inc if inc[x] == inc[y]}
    assert same_mem == same_inc


@pytest.mark.parametrize("use_stdin", [False, True])
def test_cli_match_prints_json_matches(tmp_path, use_stdin):
    from dateline.cli.main import cli
    from dateline.store import open_store

    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        StoryIndex(store.con).add([_a("flood", fx.FLOOD_AP)])
    probe = tmp_path / "probe.txt"
    probe.write_text(" date 2030-01-01 " + fx.FLOOD_REWRITE, encoding="utf-8")
    args = ["match", "-" if use_stdin else str(probe), "--db", str(db)]
    out = CliRunner().invoke(cli, args, input=probe.read_text("utf-8") if use_stdin else None)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["matches"][0]["evidence"]["matched_article_id"] == "flood"


@pytest.mark.parametrize("label", ["event"])
def test_cli_eval_stories_prints_metrics(tmp_path, label):
    from dateline.cli.main import cli

    rows = [("f1", fx.FLOOD_AP, "E1"), ("f2", fx.FLOOD_REWRITE, "E1"), ("q1", fx.QUAKE, "E2"),
            ("m0", _market(0), "E3"), ("m1", _market(1), "E4")]
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": t, label: e}) for i, t, e in rows), encoding="utf-8")
    out = CliRunner().invoke(cli, ["eval", "stories", "--data", str(path), "--label-field", label])
    assert out.exit_code == 0, out.output
    m = json.loads(out.output)
    assert m["pairwise_precision"] == 1.0 and m["pairwise_recall"] == 1.0 and m["ari"] == 1.0


def test_cli_eval_stories_accounts_for_every_record(tmp_path):
    # a broken line is rejected and a record without a label is grouped but not scored: both are counted, and
    # the reject is named with its file, line and fix
    from dateline.cli.main import cli

    lines = [json.dumps({"id": "f1", "text": fx.FLOOD_AP, "event": "E1"}), '{"id": "f2", "text": "cut off',
             json.dumps({"id": "f3", "text": fx.FLOOD_REWRITE, "event": "E1"}), json.dumps({"id": "q1", "text": fx.QUAKE})]
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    out = CliRunner().invoke(cli, ["eval", "stories", "--data", str(path), "--label-field", "event"])
    assert out.exit_code == 0, out.output
    m = json.loads(out.stdout)
    assert (m["records"], m["items"], m["unlabelled"], m["rejected"]) == (4, 2, 1, 1)
    assert m["rejects"][0]["line"] == 2 and m["rejects"][0]["reason"] == "malformed_json"
    assert f"{path}:2: malformed_json" in out.stderr and "fix the line" in out.stderr
    assert "1 record(s) have no 'event'" in out.stderr


@pytest.mark.parametrize(("line", "reject"), [('{"id": "a", "event": "E1"}', "empty_text"),  # labelled, no text
                                             ('{"id": "a", "text": "a flood"}', None)])  # readable, no label
def test_cli_eval_stories_without_a_readable_labelled_record_says_so(tmp_path, line, reject):
    from dateline.cli.main import cli

    path = tmp_path / "d.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["eval", "stories", "--data", str(path), "--label-field", "event"])
    assert out.exit_code != 0
    assert "no readable record has the label field 'event'; check --label-field" in out.output
    assert (reject in out.output) if reject else ("rejected" not in out.output)


@pytest.mark.parametrize("split", [1, 2])
def test_index_embeddings_read_the_text_a_single_batch_reads(con, split):
    cfg = DedupConfig(embedder="fake.v1")
    arts = [_a("flood", fx.FLOOD_AP), _a("quake", fx.QUAKE), _a("rewrite", fx.FLOOD_REWRITE), _a("other", fx.FLOOD_OTHER_OUTLET)]
    ix = StoryIndex(con, config=cfg)
    ix.add(arts[:split])
    res = ix.add(arts)
    one = group_articles(arts, config=cfg)

    def together(ids: dict[str, str]) -> set[tuple[str, str]]:
        return {(x, y) for x in ids for y in ids if x < y and ids[x] == ids[y]}

    assert together(res.story_id) == together(one.story_id)
    heads = [h for (h,) in con.execute("SELECT text_head FROM dedup_docs").fetchall()]
    assert not any(h.lstrip().startswith("date ") for h in heads), "a stated-date header reached the stored text"


def test_index_stores_embeddings_and_never_encodes_a_stored_record_again(con, monkeypatch):
    import dateline.dedup.embed as embed

    encoded: list[str] = []
    real = embed.encode_texts

    def spy(texts, *, config):
        encoded.extend(texts)
        return real(texts, config=config)

    monkeypatch.setattr(embed, "encode_texts", spy)
    ix = StoryIndex(con, config=DedupConfig(embedder="fake.v1"))
    ix.add([_a("flood", fx.FLOOD_AP), _a("quake", fx.QUAKE)])
    assert len(encoded) == 2
    encoded.clear()
    res = ix.add([_a("rewrite", fx.FLOOD_REWRITE)])  # loads the stored flood report as a candidate
    assert len(encoded) == 1 and encoded[0].startswith("Riverton evacuates")
    assert res.story_id["rewrite"] == ix.add([_a("flood", fx.FLOOD_AP)]).story_id["flood"]
    rows = con.execute("SELECT embedder, count(*) FROM dedup_embed GROUP BY 1").fetchall()
    assert rows == [("fake.v1", 3)]
    encoded.clear()
    ix.match(_a("other", fx.FLOOD_OTHER_OUTLET))
    assert len(encoded) == 1, "match encodes only the article it is given"
    assert con.execute("SELECT count(*) FROM dedup_embed").fetchall()[0][0] == 3, "match writes nothing"


def test_index_encodes_records_stored_without_this_embedder(con):
    first = StoryIndex(con).add([_a("flood", fx.FLOOD_AP), _a("quake", fx.QUAKE)])
    ix = StoryIndex(con, config=DedupConfig(embedder="fake.v1"))
    res = ix.add([_a("rewrite", fx.FLOOD_REWRITE)])
    assert res.story_id["rewrite"] == first.story_id["flood"]
    stored = {r[0] for r in con.execute("SELECT doc_no FROM dedup_embed WHERE embedder = 'fake.v1'").fetchall()}
    assert len(stored) >= 2, "the loaded stored record and the new one are kept for the next batch"


def test_index_keeps_each_records_best_pairs_across_batches(con):
    # a templated family added one report per batch: the first report meets its look-alikes one at a time,
    # and keeps the best of them all for its background, not only the ones loaded with the last batch
    import numpy as np

    from dateline.dedup.index import _unpack_pairs

    ix = StoryIndex(con)
    for k in range(10):
        ix.add([_a(f"m{k}", fx.market_day(k))])
    rank = DedupConfig().story_weak_rank
    rows = dict(con.execute("SELECT id, bg_event FROM dedup_docs").fetchall())
    peer, score = _unpack_pairs([rows["m0"]], rank)
    nos = dict(con.execute("SELECT id, doc_no FROM dedup_docs").fetchall())
    assert (peer[0] >= 0).sum() == rank, "m0 met more than rank look-alikes over the batches"
    assert len(set(peer[0].tolist())) == rank and nos["m0"] not in peer[0].tolist()
    assert set(peer[0].tolist()) <= set(nos.values())
    assert np.all(np.diff(score[0]) <= 0), "best first"


def _forge_story(con, members: list[str], links: list[tuple[str, str, float, bool]]) -> str:
    """Put the stored ``members`` into the first one's story, joined by ``links`` (a, b, event score, weak), as a
    batch that made those links would have left them; returns the story id."""
    nos = dict(con.execute("SELECT id, doc_no FROM dedup_docs").fetchall())
    sid = con.execute("SELECT story_id FROM dedup_docs WHERE id = ?", [members[0]]).fetchall()[0][0]
    for m in members[1:]:
        old = con.execute("SELECT story_id FROM dedup_docs WHERE id = ?", [m]).fetchall()[0][0]
        con.execute("UPDATE dedup_docs SET story_id = ? WHERE id = ?", [sid, m])
        con.execute("DELETE FROM dedup_groups WHERE group_id = ?", [old])
    con.execute("DELETE FROM dedup_links")
    for a, b, event, weak in links:
        con.execute("INSERT INTO dedup_links VALUES (?, ?, ?, ?)", [nos[a], nos[b], event, weak])
    return sid


def _forge_background(con, record: str, score: float) -> None:
    """Give ``record`` a kept background of look-alikes that all score ``score`` (peers that are not stored)."""
    import numpy as np

    from dateline.dedup.index import _pack_pairs

    k = DedupConfig().story_weak_rank
    blob = _pack_pairs(np.arange(10_000, 10_000 + k)[None, :], np.full((1, k), score))[0]
    con.execute("UPDATE dedup_docs SET bg_event = ? WHERE id = ?", [blob, record])


@pytest.mark.parametrize(("background", "split"), [(0.3, True), (0.1, False)])
def test_index_weak_link_that_no_longer_stands_out_splits_its_story(con, background, split):
    # "quake" and "lib" were joined by a weak link (event 0.2); "lib" and "flood" by a strong one. A batch that loads
    # "lib" finds its look-alikes now score 0.3: the weak link no longer stands out, and the story splits there
    ix = StoryIndex(con)
    ix.add([_a("quake", fx.QUAKE), _a("lib", fx.UNRELATED), _a("flood", fx.FLOOD_AP)])
    sid = _forge_story(con, ["quake", "lib", "flood"], [("quake", "lib", 0.2, True), ("lib", "flood", 0.9, False)])
    _forge_background(con, "lib", background)
    res = ix.add([_a("lib-copy", fx.UNRELATED)])
    stored = dict(con.execute("SELECT id, story_id FROM dedup_docs").fetchall())
    assert stored["quake"] == sid, "the founder's part keeps the story's id"
    if split:
        assert stored["lib"] == stored["flood"] == stored["lib-copy"] != sid
        assert {sid, stored["lib"]} <= res.changed_story_ids
        assert res.stats["parts_split_off"] == 1
        assert con.execute("SELECT count(*) FROM dedup_links WHERE weak").fetchall()[0][0] == 0
        assert set(ix.story_members(stored["lib"])) == {"lib", "flood", "lib-copy"}
    else:
        assert len(set(stored.values())) == 1
        assert res.stats["parts_split_off"] == 0


@pytest.mark.parametrize(("config", "split"), [
    (DedupConfig(), True), (DedupConfig(story_recheck=False), False), (DedupConfig(story_recheck_margin=0.0), False),
])  # fmt: skip
def test_index_recheck_settings(con, config, split):
    # the link (event 0.2) against a background of 0.18: under the margin 0.03 that keeps a link, over 0
    ix = StoryIndex(con, config=config)
    ix.add([_a("quake", fx.QUAKE), _a("lib", fx.UNRELATED)])
    _forge_story(con, ["quake", "lib"], [("quake", "lib", 0.2, True)])
    _forge_background(con, "lib", 0.18)
    ix.add([_a("lib-copy", fx.UNRELATED)])
    stories = {r[0] for r in con.execute("SELECT story_id FROM dedup_docs").fetchall()}
    assert len(stories) == (2 if split else 1)


def test_index_parts_joined_by_several_dropped_links_stay_one_story(con):
    # two weak links between the parts fail together: as when grouping in one batch (``part_support``), several
    # pairs between two parts keep them together where one would not
    ix = StoryIndex(con)
    ix.add([_a("quake", fx.QUAKE), _a("flood", fx.FLOOD_AP), _a("lib", fx.UNRELATED), _a("other", fx.FLOOD_OTHER_OUTLET)])
    _forge_story(con, ["quake", "flood", "lib", "other"], [
        ("quake", "flood", 0.9, False), ("lib", "other", 0.9, False), ("quake", "lib", 0.2, True), ("flood", "lib", 0.2, True),
    ])  # fmt: skip
    _forge_background(con, "lib", 0.3)
    ix.add([_a("lib-copy", fx.UNRELATED)])
    assert len({r[0] for r in con.execute("SELECT story_id FROM dedup_docs").fetchall()}) == 1


def test_index_store_from_before_the_links_table_never_splits_its_old_stories(con):
    ix = StoryIndex(con)
    ix.add([_a("quake", fx.QUAKE), _a("lib", fx.UNRELATED)])
    _forge_story(con, ["quake", "lib"], [])
    con.execute("DROP TABLE dedup_links")
    con.execute("DELETE FROM dedup_meta WHERE key = 'links_from'")
    _forge_background(con, "lib", 0.5)
    again = StoryIndex(con)  # the table is made again, for the records stored from now on
    assert con.execute("SELECT value FROM dedup_meta WHERE key = 'links_from'").fetchall() == [("2",)]
    again.add([_a("lib-copy", fx.UNRELATED)])
    assert len({r[0] for r in con.execute("SELECT story_id FROM dedup_docs").fetchall()}) == 1
    assert con.execute("SELECT count(*) FROM dedup_links").fetchall()[0][0] >= 1, "the new batch's links are stored"


def test_run_rewrites_the_results_of_stored_records_moved_by_a_split(tmp_path):
    # the stored records that leave a story are not in the second run's input, yet their rows and both stories'
    # rows in the store follow the split
    from dateline.pipeline import run_pipeline

    def batch(name: str, rows: list[tuple[str, str]]) -> str:
        path = tmp_path / name
        path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows), encoding="utf-8")
        return str(path)

    db = str(tmp_path / "s.duckdb")
    run_pipeline([batch("1.jsonl", [("quake", fx.QUAKE), ("lib", fx.UNRELATED), ("flood", fx.FLOOD_AP)])], tmp_path / "o1", db=db)
    with duckdb.connect(db) as c:
        sid = _forge_story(c, ["quake", "lib", "flood"], [("quake", "lib", 0.2, True), ("lib", "flood", 0.9, False)])
        _forge_background(c, "lib", 0.3)
    run_pipeline([batch("2.jsonl", [("lib-copy", fx.UNRELATED)])], tmp_path / "o2", db=db)
    (row,) = [json.loads(x) for x in (tmp_path / "o2" / "articles.jsonl").read_text().splitlines()]
    stories = [json.loads(x) for x in (tmp_path / "o2" / "stories.jsonl").read_text().splitlines()]
    assert row["story_id"] != sid and len(stories) == 1
    assert stories[0]["story_id"] == row["story_id"] and set(stories[0]["article_ids"]) == {"lib", "flood", "lib-copy"}
    with duckdb.connect(db, read_only=True) as c:
        results = dict(c.execute("SELECT id, story_id FROM article_results").fetchall())
        kept = dict(c.execute("SELECT story_id, article_ids FROM stories").fetchall())
    assert results == {"quake": sid, "lib": row["story_id"], "flood": row["story_id"], "lib-copy": row["story_id"]}
    assert kept[sid] == ["quake"]


def test_index_read_only_store_from_before_the_links_table_still_matches(tmp_path):
    db = str(tmp_path / "old.duckdb")
    with duckdb.connect(db) as c:
        stored = StoryIndex(c).add([_a("flood", fx.FLOOD_AP), _a("m0", _market(0))])
        c.execute("DROP TABLE dedup_links")
        c.execute("DELETE FROM dedup_meta WHERE key = 'links_from'")
    with duckdb.connect(db, read_only=True) as c:
        matches = StoryIndex(c).match(_a("probe", fx.FLOOD_REWRITE))
        assert [m.story_id for m in matches][:1] == [stored.story_id["flood"]]
        assert "dedup_links" not in {r[0] for r in c.execute("SHOW TABLES").fetchall()}


def test_index_verifies_the_stored_pairs_it_loads_and_lets_a_stored_record_still_alone_join(con, monkeypatch):
    # as one batch of all the records would: the pairs among the loaded stored records are decided again, and a
    # stored record still alone in its story may join one as a loner; a stored story of two may not
    import dateline.dedup.index as index_mod

    seen = []
    real = index_mod.verify

    def spy(a, b, sigs, *args, joinable=None, **kw):
        seen.append((a.copy(), b.copy(), None if joinable is None else joinable.copy()))
        return real(a, b, sigs, *args, joinable=joinable, **kw)

    monkeypatch.setattr(index_mod, "verify", spy)
    ix = StoryIndex(con)
    ix.add([_a("flood", fx.FLOOD_AP)])
    second = ix.add([_a("rewrite", fx.FLOOD_REWRITE)])
    a, b, joinable = seen[-1]
    assert joinable.tolist() == [True, True], "the stored flood report is alone in its story"
    third = ix.add([_a("other", fx.FLOOD_OTHER_OUTLET)])
    assert third.story_id["other"] == second.story_id["rewrite"]
    a, b, joinable = seen[-1]
    assert joinable.tolist() == [True, False, False], "flood and its rewrite are one story of two"
    assert ((a >= 1) & (b >= 1)).any(), "the pair of the two stored records is verified too"
    ix.add([_a("copy", fx.FLOOD_REWRITE + "\nMore to follow.")])
    rows, distinct = con.execute("SELECT count(*), count(DISTINCT (a_no, b_no)) FROM dedup_links").fetchone()
    assert rows == distinct, "a stored link found again is not stored twice"


def test_index_knows_the_backgrounds_a_batch_leaves_before_it_verifies(con):
    # the stored links are re-checked against them first, and the batch is then verified on the stories as split
    from dateline.dedup.link import kept_events

    ix = StoryIndex(con)
    ix.add([_a("flood", fx.FLOOD_AP), _a("m0", _market(0))])
    ix.add([_a("rewrite", fx.FLOOD_REWRITE), _a("m1", _market(1))])
    batch = ix._score_batch([_a("other", fx.FLOOD_OTHER_OUTLET), _a("m2", _market(2))], write=False)
    assert batch.old.num_rows >= 2
    before = kept_events(batch.a, batch.b, batch.feats, batch.links["strong"], batch.kept, ix.config)
    after = ix._verify_batch(batch, batch.old["story_id"].to_pylist())["kept"]
    assert all((x == y).all() for x, y in zip(before.event, after.event, strict=True))
    assert (after.event[1] > 0).any()


@pytest.mark.parametrize(("copies_once", "joined"), [(True, True), (False, False)])
def test_index_other_outlets_report_joins_a_stored_story_that_many_sites_republished(con, copies_once, joined):
    # AP's flood report and 7 sites' copies of it are stored with a crawl of market reports; another outlet's
    # own report arrives in a later batch. The copies are one look-alike of it, as in one batch
    sites = [f"Site{k} News | Home | World\n{fx.FLOOD_AP}\nCopyright Site{k} News." for k in range(7)]
    stored = [_a("ap", fx.FLOOD_AP), *(_a(f"copy{k}", t) for k, t in enumerate(sites))]
    stored += [_a(f"m{k}", fx.market_day(k)) for k in range(40)]
    ix = StoryIndex(con, config=DedupConfig(copies_once=copies_once))
    first = ix.add(stored)
    second = ix.add([_a("other", fx.FLOOD_OTHER_OUTLET), _a("lib", fx.UNRELATED)])
    assert (second.story_id["other"] == first.story_id["ap"]) is joined
    assert second.story_id["lib"] != first.story_id["ap"]
