"""``StoryIndex``: incremental story grouping over a DuckDB store.

Each ``add`` computes signatures for the new articles only, finds their candidates among themselves
(in memory) and among the stored articles (DuckDB joins on band keys and key terms, which spill to
disk when they must), verifies them with the stored signatures and fingerprints, together with the
candidate pairs among the stored articles it loaded (as one batch of all of them would: a stored article
still alone may join a story then, and two stored stories may join as parts of one), and joins the new
articles to existing stories. A story keeps the id of its founding article; when a batch links two
stored stories, the older one's id survives and both appear in ``changed_story_ids``. A batch first re-tests
the stored links that rest on backgrounds (weak links, parts, loners) of the records it loads, whose
look-alikes may have arrived since (``story_recheck``), and splits a story where one no longer holds: the
founder's part keeps the id, another part gets the id of its own first record, and both appear in
``changed_story_ids``. The batch is then verified on the stories as split, so that its parts and loners may
join them again where one batch of all the records would.

Tables (all ``dedup_*``): ``dedup_meta`` (settings the signatures depend on, and ``story_links``), ``dedup_docs`` (one row
per article: signature, fingerprint, number slots, group ids, best pairs), ``dedup_bands`` and ``dedup_terms``
(postings for candidate joins), ``dedup_df`` (term document frequencies), ``dedup_lines`` (repeated-line counts
for boilerplate), ``dedup_groups`` (founder of each group id) and ``dedup_links`` (the story links, to re-check
and split along). Nothing here begins or commits a transaction: the caller owns transaction handling.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pyarrow as pa

from dateline.dedup.config import DEFAULT_DEDUP, DedupConfig
from dateline.dedup.core import (
    GroupResult,
    Prepared,
    band_postings,
    batch_weights,
    key_term_postings,
    make_id,
    prepare,
)
from dateline.dedup.evidence import shared_evidence
from dateline.dedup.link import KeptPairs, edge_evidence, kept_events, pair_cosines, strong_links, verify
from dateline.dedup.lsh import candidate_pairs
from dateline.dedup.signatures import Signatures
from dateline.dedup.text import source_hashes, with_title
from dateline.dedup.unionfind import UnionFind
from dateline.dedup.verify import lead_weights, lexical_weights, pair_features
from dateline.errors import StoreError
from dateline.records import Article

log = logging.getLogger(__name__)

__all__ = ["Match", "StoryIndex"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dedup_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS dedup_docs (
    doc_no BIGINT PRIMARY KEY, id VARCHAR NOT NULL, shingles INTEGER, sig BLOB, terms BLOB, flags BLOB,
    text_head VARCHAR, dup_group_id VARCHAR, story_id VARCHAR, slots BLOB, bg_event BLOB, bg_lexical BLOB,
    lead BLOB, lead_next BLOB, source_key UBIGINT);
CREATE TABLE IF NOT EXISTS dedup_bands (band_key UBIGINT, doc_no BIGINT);
CREATE TABLE IF NOT EXISTS dedup_terms (term UBIGINT, doc_no BIGINT);
CREATE TABLE IF NOT EXISTS dedup_df (term UBIGINT PRIMARY KEY, df BIGINT);
CREATE TABLE IF NOT EXISTS dedup_lines (line_key UBIGINT PRIMARY KEY, n BIGINT);
CREATE TABLE IF NOT EXISTS dedup_groups (group_id VARCHAR PRIMARY KEY, level VARCHAR, founder_no BIGINT);
"""
# the story links each batch made (doc_no pairs, a < b not implied), with their event scores; ``weak`` marks those
# that rest on backgrounds (not near-copies or strong links), which a later batch re-tests (``story_recheck``);
# records stored before this table existed have no rows here
_LINKS_SCHEMA = """
CREATE TABLE IF NOT EXISTS dedup_links (a_no BIGINT, b_no BIGINT, event DOUBLE, weak BOOLEAN);
"""
# sentence embeddings of stored records, per embedder (float32 rows), so that no batch encodes them again
_EMBED_SCHEMA = """
CREATE TABLE IF NOT EXISTS dedup_embed (doc_no BIGINT, embedder VARCHAR, vec BLOB, PRIMARY KEY (doc_no, embedder));
"""
_META_KEYS = ("shingle", "ngram", "num_perm", "bands", "seed", "fold_accents", "story_links")
# what a store from before a key was recorded was built with
_META_BEFORE = {"story_links": "events", "fold_accents": "False"}


def _recorded_settings(rows: dict[str, str]) -> dict[str, str]:
    """The ``_META_KEYS`` settings a store's ``dedup_meta`` rows record, a key from before it was recorded
    read as ``_META_BEFORE`` says (a key with neither is left out).

    >>> _recorded_settings({"ngram": "5", "links_from": "0"})
    {'ngram': '5', 'fold_accents': 'False', 'story_links': 'events'}
    """
    return {k: v for k in _META_KEYS if (v := rows.get(k, _META_BEFORE.get(k))) is not None}


def _setting(default: Any, recorded: str) -> Any:
    """A recorded setting (its ``str``) as the type of the config's ``default``.

    >>> _setting(True, "False"), _setting(5, "3"), _setting("events", "rewrites")
    (False, 3, 'rewrites')
    """
    return recorded == "True" if isinstance(default, bool) else type(default)(recorded)


_STORE_TERMS_FACTOR = 2  # key terms stored per document: this many times config.key_terms
_counter = itertools.count()


@dataclass(frozen=True, slots=True)
class _Batch:
    """What ``StoryIndex._score_batch`` computed of a batch, to verify it with (``_verify_batch``): the new
    records first, then the stored ones loaded (``old``); the candidate pairs ``a``, ``b`` and their features,
    and strong links, the term weights, the loaded records' kept best pairs, each record's source key
    (``text.source_hashes``; 0: none known), and what ``_persist`` stores."""

    prep: Prepared
    sigs: Signatures
    old: pa.Table
    a: np.ndarray
    b: np.ndarray
    feats: np.ndarray
    links: dict[str, np.ndarray]
    weights: np.ndarray
    lexical: np.ndarray
    lead: np.ndarray | None
    embed: np.ndarray | None
    new_embed: np.ndarray | None
    kept: KeptPairs
    uterms: np.ndarray
    cnt: np.ndarray
    n_store: int
    sources: np.ndarray


@dataclass(slots=True)
class Match:
    """A stored story that an article joins, with its best-matching stored article and the evidence."""

    story_id: str
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"story_id": self.story_id, "score": round(self.score, 4), "evidence": self.evidence}


class StoryIndex:
    """Incremental story index stored in DuckDB tables named ``dedup_*``.

    Args:
        con: an open DuckDB connection (the caller owns its transactions).
        config: dedup settings; the signature settings must match the ones the store was built with.
    """

    def __init__(self, con: Any, *, config: DedupConfig = DEFAULT_DEDUP) -> None:
        self.con = con
        self.config = config
        have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        self._ready = "dedup_docs" in have and "dedup_meta" in have
        self._has_slots = self._has_bg = self._has_lead = self._has_source = False
        self._links_from: int | None = None
        if not self._ready:
            try:
                con.execute(_SCHEMA)
                self._ready = True
            except Exception as exc:  # a read-only store without an index: match() finds nothing
                log.info("no dedup tables and cannot create them (%s)", exc)
                return
        self._has_slots = self._ensure_column("slots", "BLOB")
        # each record's best pairs so far, for its backgrounds of look-alikes (``KeptPairs``)
        self._has_bg = self._ensure_column("bg_event", "BLOB") and self._ensure_column("bg_lexical", "BLOB")
        # each record's lead words and the window after them (``Signatures.lead_key``, ``next_key``; a record
        # stored before has none: not tested)
        self._has_lead = self._has_bg and self._ensure_column("lead", "BLOB") and self._ensure_column("lead_next", "BLOB")
        # each record's source (``text.source_hashes``; a record stored before has none: of no known source)
        self._has_source = self._has_lead and self._ensure_column("source_key", "UBIGINT")
        self._has_embed = self._embed_table()
        self._check_meta()
        self._links_from = self._links_table("dedup_links" in have)

    @classmethod
    def reader(cls, con: Any, *, config: DedupConfig = DEFAULT_DEDUP) -> StoryIndex:
        """An index to read a store with (``match``, ``story_members``): the settings the store records (those of
        its signatures, and ``story_links``) replace those of ``config``, so a store built with other ones is read
        as it was built, where ``StoryIndex(con, config=...)`` refuses it."""
        have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        rows = dict(con.execute("SELECT key, value FROM dedup_meta").fetchall()) if "dedup_meta" in have else {}
        if rows:  # an empty store records nothing yet
            recorded = _recorded_settings(rows)
            config = replace(config, **{k: _setting(getattr(config, k), v) for k, v in recorded.items()})
        return cls(con, config=config)

    def _ensure_column(self, name: str, sql_type: str) -> bool:
        """Whether ``dedup_docs`` has the column ``name``; a store from before it gets the column. Its records
        have NULL there: no number slots (the number-slot check passes them), no kept pairs."""
        cols = {r[0] for r in self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'dedup_docs'"
        ).fetchall()}  # fmt: skip
        if name in cols:
            return True
        try:
            self.con.execute(f"ALTER TABLE dedup_docs ADD COLUMN {name} {sql_type}")
            return True
        except Exception as exc:  # read-only store: load its records without the column
            log.info("cannot add the %s column to dedup_docs (%s)", name, exc)
            return False

    def _embed_table(self) -> bool:
        """Whether the ``dedup_embed`` table exists (created here for a store from before it)."""
        try:
            self.con.execute(_EMBED_SCHEMA)
            return True
        except Exception as exc:  # read-only store: stored records are encoded each time
            log.info("cannot create dedup_embed (%s)", exc)
            have = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            return "dedup_embed" in have

    def _links_table(self, exists: bool) -> int | None:
        """The first ``doc_no`` whose story links are in ``dedup_links`` (the table is created here, for a store
        from before it, from the next record on); None when it cannot be created (read-only store)."""
        if not exists:
            try:
                self.con.execute(_LINKS_SCHEMA)
                self.con.execute(
                    "INSERT INTO dedup_meta VALUES ('links_from', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [str(self._next_doc_no())],
                )
            except Exception as exc:  # read-only store: its stories are never re-checked
                log.info("cannot create dedup_links (%s)", exc)
                return None
        row = self.con.execute("SELECT value FROM dedup_meta WHERE key = 'links_from'").fetchall()
        return int(row[0][0]) if row else 0

    # ------------------------------------------------------------------ helpers
    def _check_meta(self) -> None:
        rows = dict(self.con.execute("SELECT key, value FROM dedup_meta").fetchall())
        want = {k: str(getattr(self.config, k)) for k in _META_KEYS}
        if not rows:
            try:
                self.con.executemany("INSERT INTO dedup_meta VALUES (?, ?)", list(want.items()))
            except Exception as exc:  # read-only store: nothing indexed yet
                log.info("cannot record the dedup settings (%s)", exc)
            return
        recorded = _recorded_settings(rows)
        for k, v in want.items():
            if recorded.get(k, v) != v:
                raise StoreError(
                    f"dedup.{k}: the store was built with {recorded[k]!r}, the config says {v!r}; "
                    f"use the store's setting or a new --db"
                )

    def _register(self, table: pa.Table) -> str:
        name = f"_dedup_tmp_{next(_counter)}"
        self.con.register(name, table)
        return name

    def _query_arrow(self, sql: str, table: pa.Table) -> pa.Table:
        name = self._register(table)
        try:
            return self.con.sql(sql.replace("{t}", name)).to_arrow_table()
        finally:
            self.con.unregister(name)

    def _prior_lines(self, keys: np.ndarray) -> np.ndarray:
        """Stored record counts of the (sorted, unique) line ``keys``; 0 for unseen ones."""
        out = np.zeros(keys.shape[0], dtype=np.int64)
        if keys.shape[0] == 0:
            return out
        got = self._query_arrow(
            "SELECT l.line_key, l.n FROM dedup_lines l JOIN {t} t USING (line_key)",
            pa.table({"line_key": pa.array(keys, pa.uint64())}),
        )
        if got.num_rows:
            pos = np.searchsorted(keys, got["line_key"].to_numpy().astype(np.uint64))
            out[pos] = got["n"].to_numpy()
        return out

    def _n_docs(self) -> int:
        if not self._ready:
            return 0
        return int(self.con.execute("SELECT count(*) FROM dedup_docs").fetchall()[0][0])

    def _next_doc_no(self) -> int:
        return int(self.con.execute("SELECT coalesce(max(doc_no) + 1, 0) FROM dedup_docs").fetchall()[0][0])

    def _stored_df(self, terms: np.ndarray) -> np.ndarray:
        """Stored document frequency of each of the (unique, sorted) ``terms``."""
        if terms.shape[0] == 0:
            return np.zeros(0, dtype=np.int64)
        out = self._query_arrow(
            "SELECT t.term, d.df FROM {t} t JOIN dedup_df d USING (term)", pa.table({"term": pa.array(terms)})
        )
        df = np.zeros(terms.shape[0], dtype=np.int64)
        if out.num_rows:
            got = out["term"].to_numpy().astype(np.uint64)
            pos = np.searchsorted(terms, got)
            df[pos] = out["df"].to_numpy()
        return df

    def _existing(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        if not ids:
            return {}
        out = self._query_arrow(
            "SELECT d.id, d.dup_group_id, d.story_id FROM dedup_docs d JOIN {t} t USING (id)", pa.table({"id": ids})
        )
        return {
            i: (dg, s)
            for i, dg, s in zip(out["id"].to_pylist(), out["dup_group_id"].to_pylist(), out["story_id"].to_pylist(), strict=True)
        }

    def _old_candidates(self, prep: Prepared, df_total: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(new local index, stored doc_no) candidate pairs from shared band keys or key terms."""
        cfg = self.config
        bk, bd = band_postings(prep.sigs.sig, cfg.bands)
        band = self._query_arrow(
            "SELECT DISTINCT t.doc AS a, b.doc_no AS b FROM {t} t JOIN dedup_bands b ON b.band_key = t.key",
            pa.table({"key": pa.array(bk), "doc": pa.array(bd)}),
        )
        kt, kd = key_term_postings(prep.sigs, df_total, cfg.key_terms, cfg.max_posting)
        terms = self._query_arrow(
            "SELECT t.doc AS a, s.doc_no AS b FROM {t} t JOIN dedup_terms s ON s.term = t.term "
            f"GROUP BY 1, 2 HAVING count(*) >= {int(cfg.story_min_shared)}",
            pa.table({"term": pa.array(kt), "doc": pa.array(kd)}),
        )
        a = np.concatenate([band["a"].to_numpy(), terms["a"].to_numpy()]).astype(np.int64)
        b = np.concatenate([band["b"].to_numpy(), terms["b"].to_numpy()]).astype(np.int64)
        if a.shape[0] == 0:
            return a, b
        keys = np.unique((a << 40) | b)
        return keys >> 40, keys & ((1 << 40) - 1)

    def _load_docs(self, doc_nos: np.ndarray) -> pa.Table:
        return self._query_arrow(
            "SELECT d.doc_no, d.id, d.shingles, d.sig, d.terms, d.flags, d.dup_group_id, d.story_id, d.text_head, "
            + ("d.slots, " if self._has_slots else "NULL::BLOB AS slots, ")
            + ("d.bg_event, d.bg_lexical, " if self._has_bg else "NULL::BLOB AS bg_event, NULL::BLOB AS bg_lexical, ")
            + ("d.lead, d.lead_next, " if self._has_lead else "NULL::BLOB AS lead, NULL::BLOB AS lead_next, ")
            + ("d.source_key " if self._has_source else "NULL::UBIGINT AS source_key ")
            + "FROM dedup_docs d JOIN {t} t USING (doc_no) ORDER BY d.doc_no",
            pa.table({"doc_no": pa.array(doc_nos, pa.int64())}),
        )

    def _combine(self, prep: Prepared, old: pa.Table) -> Signatures:
        """New documents first, then the loaded stored ones, as one ``Signatures``."""
        s = prep.sigs
        P = s.sig.shape[1]
        m = old.num_rows
        if m == 0:
            return s
        old_sig = np.frombuffer(b"".join(old["sig"].to_pylist()), dtype=np.uint32).reshape(m, P)
        terms = [np.frombuffer(t, dtype=np.uint64) for t in old["terms"].to_pylist()]
        flags = [np.frombuffer(f, dtype=np.uint8) for f in old["flags"].to_pylist()]
        lens = np.array([t.shape[0] for t in terms], dtype=np.int64)
        off = np.concatenate([s.term_off, s.term_off[-1] + np.cumsum(lens)])
        slots = [np.frombuffer(x or b"", dtype=np.uint64) for x in old["slots"].to_pylist()]
        slot_lens = np.array([x.shape[0] for x in slots], dtype=np.int64)
        leads = [np.frombuffer(x or b"", dtype=np.uint64) for x in old["lead"].to_pylist()]
        lead_lens = np.array([x.shape[0] for x in leads], dtype=np.int64)
        nexts = [np.frombuffer(x or b"", dtype=np.uint64) for x in old["lead_next"].to_pylist()]
        next_lens = np.array([x.shape[0] for x in nexts], dtype=np.int64)
        return Signatures(
            sig=np.vstack([s.sig, old_sig]),
            shingles=np.concatenate([s.shingles, old["shingles"].to_numpy().astype(np.int32)]),
            term_hash=np.concatenate([s.term_hash, *terms]),
            term_flag=np.concatenate([s.term_flag, *flags]),
            term_count=np.concatenate([s.term_count, np.ones(int(lens.sum()), dtype=np.uint16)]),
            term_off=off,
            slot_key=np.concatenate([s.slot_key, *slots]),
            slot_off=np.concatenate([s.slot_off, s.slot_off[-1] + np.cumsum(slot_lens)]),
            lead_key=np.concatenate([s.lead_key, *leads]),
            lead_off=np.concatenate([s.lead_off, s.lead_off[-1] + np.cumsum(lead_lens)]),
            next_key=np.concatenate([s.next_key, *nexts]),
            next_off=np.concatenate([s.next_off, s.next_off[-1] + np.cumsum(next_lens)]),
        )

    def _score_batch(self, articles: Sequence[Article], *, write: bool = True) -> _Batch:
        """Signatures of ``articles``, their candidates against each other and the store, and the candidate pairs
        among the stored records loaded, with what ``_verify_batch`` needs to verify them. ``write=False`` stores
        nothing."""
        cfg = self.config
        prep = prepare(articles, cfg, prior_lines=self._prior_lines)
        n = len(prep.ids)
        n_store = self._n_docs()
        uterms, inv, cnt = np.unique(prep.sigs.term_hash, return_inverse=True, return_counts=True)
        sdf = self._stored_df(uterms)
        df_total = (cnt + sdf)[inv]
        # candidates among the new articles
        bk, bd = band_postings(prep.sigs.sig, cfg.bands)
        da, db, _ = candidate_pairs(bk, bd, max_posting=cfg.max_posting)
        kt, kd = key_term_postings(prep.sigs, df_total, cfg.key_terms, cfg.max_posting)
        sa, sb, _ = candidate_pairs(kt, kd, min_shared=cfg.story_min_shared, max_posting=cfg.max_posting)
        # candidates in the store
        oa, ob = self._old_candidates(prep, df_total) if n_store else (np.zeros(0, np.int64), np.zeros(0, np.int64))
        old_nos = np.unique(ob)
        old = self._load_docs(old_nos)
        loaded = old["doc_no"].to_numpy().astype(np.int64)
        sigs = self._combine(prep, old)
        local_b = n + np.searchsorted(loaded, ob)
        keys = np.unique(np.concatenate([(da << 32) | db, (sa << 32) | sb, (oa << 32) | local_b]))
        # weights over the combined documents with the current frequencies
        allu, allinv = np.unique(sigs.term_hash, return_inverse=True)
        batch_cnt = np.zeros(allu.shape[0], dtype=np.int64)
        if uterms.shape[0]:
            pos = np.searchsorted(uterms, allu).clip(0, uterms.shape[0] - 1)
            hit = uterms[pos] == allu
            batch_cnt[hit] = cnt[pos[hit]]
        df_all = (self._stored_df(allu) + batch_cnt)[allinv]
        weights = batch_weights(sigs, np.maximum(df_all, 1), n_store + n)
        lexical = lexical_weights(np.maximum(df_all, 1), n_store + n)
        embed = new_embed = None
        if cfg.embedder != "none":
            from dateline.dedup.embed import encode_texts

            new_embed = encode_texts([with_title(x.text, x.title) for x in articles], config=cfg)
            embed = np.vstack([new_embed, self._stored_embeddings(old, new_embed.shape[1], write=write)])
        # the pairs among the loaded stored records are verified as well, as one batch of all of them would: their
        # look-alikes, copies and other stories weigh in the backgrounds, the bridge check, parts and loners
        ca, cb = self._stored_pairs(sigs, n, df_all)
        if ca.shape[0]:
            keys = np.unique(np.concatenate([keys, (ca << 32) | cb]))
        a, b = keys >> 32, keys & 0xFFFFFFFF
        # a stored record keeps the best pairs it had: only some of its look-alikes are loaded here
        ids = np.concatenate([self._next_doc_no() + np.arange(n, dtype=np.int64), loaded])
        k = cfg.story_weak_rank
        kept = KeptPairs(
            ids, *(_unpack_pairs([None] * n + old[col].to_pylist(), k) for col in ("bg_event", "bg_lexical"))
        )
        feats = pair_features(a, b, sigs.term_hash, sigs.term_flag, sigs.term_off, weights, lex=lexical)
        links = strong_links(a, b, feats, sigs, cfg, pair_cosines(embed, a, b))
        lead = lead_weights(np.maximum(df_all, 1), n_store + n) if cfg.lead_test else None
        old_sources = old["source_key"].fill_null(0).to_numpy(zero_copy_only=False).astype(np.uint64)
        sources = np.concatenate([source_hashes(prep.sources), old_sources])
        return _Batch(
            prep, sigs, old, a, b, feats, links, weights, lexical, lead, embed, new_embed, kept, uterms, cnt, n_store,
            sources,
        )  # fmt: skip

    def _verify_batch(self, batch: _Batch, old_story: list[str]) -> dict[str, np.ndarray]:
        """``verify``'s result for the batch, the loaded stored records being in the stories ``old_story``."""
        n = len(batch.prep.ids)
        # the stored records' stories, so that a new record may join one as a loner, and so may a stored record
        # still alone: in one batch its look-alikes that arrived later would have been there
        _, codes = np.unique(np.array(old_story, dtype=object), return_inverse=True)
        prior = np.concatenate([np.arange(n, dtype=np.int64), n + codes.astype(np.int64)])
        joinable = np.concatenate([np.ones(n, dtype=bool), self._alone(old_story)])
        return verify(
            batch.a, batch.b, batch.sigs, batch.weights, self.config, batch.embed, prior=prior, joinable=joinable,
            lexical=batch.lexical, kept=batch.kept, lead=batch.lead, feats=batch.feats, links=batch.links,
            sources=batch.sources,
        )

    def _stored_embeddings(self, old: pa.Table, dim: int, *, write: bool) -> np.ndarray:
        """Embeddings of the loaded stored records: read from ``dedup_embed``, the missing ones (records
        stored without this embedder) encoded from their stored text and, with ``write``, stored."""
        from dateline.dedup.embed import encode_texts

        m = old.num_rows
        out = np.zeros((m, dim), dtype=np.float32)
        nos = old["doc_no"].to_numpy().astype(np.int64)
        have = np.zeros(m, dtype=bool)
        if m and self._has_embed:
            got = self._query_arrow(
                "SELECT e.doc_no, e.vec FROM dedup_embed e JOIN {t} t USING (doc_no, embedder)",
                pa.table({"doc_no": pa.array(nos, pa.int64()), "embedder": [self.config.embedder] * m}),
            )
            pos = np.searchsorted(nos, got["doc_no"].to_numpy().astype(np.int64))  # loaded rows are sorted
            for k, vec in zip(pos.tolist(), got["vec"].to_pylist(), strict=True):
                row = np.frombuffer(vec, dtype=np.float32)
                if row.shape[0] == dim:
                    out[k], have[k] = row, True
        missing = np.flatnonzero(~have)
        if missing.shape[0]:
            heads = old["text_head"].to_pylist()
            out[missing] = encode_texts([heads[k] for k in missing.tolist()], config=self.config)
            if write:
                self._store_embeddings(nos[missing], out[missing])
        return out

    def _store_embeddings(self, doc_nos: np.ndarray, vecs: np.ndarray) -> None:
        if not self._has_embed or doc_nos.shape[0] == 0:
            return
        rows = pa.table({
            "doc_no": pa.array(doc_nos, pa.int64()), "embedder": [self.config.embedder] * doc_nos.shape[0],
            "vec": pa.array([np.ascontiguousarray(v, dtype=np.float32).tobytes() for v in vecs], pa.binary()),
        })  # fmt: skip
        name = self._register(rows)
        try:
            self.con.execute(f"INSERT INTO dedup_embed SELECT * FROM {name} ON CONFLICT DO NOTHING")
        finally:
            self.con.unregister(name)

    def _alone(self, story_ids: list[str]) -> np.ndarray:
        """Per loaded record (its stored story id), whether it is the only record of its stored story."""
        if not story_ids:
            return np.zeros(0, dtype=bool)
        sizes = self._query_arrow(
            "SELECT d.story_id, count(*) AS n FROM dedup_docs d "
            "WHERE d.story_id IN (SELECT story_id FROM {t}) GROUP BY d.story_id",
            pa.table({"story_id": pa.array(story_ids, pa.string())}),
        )
        one = {sid for sid, k in zip(sizes["story_id"].to_pylist(), sizes["n"].to_pylist(), strict=True) if k == 1}
        return np.array([sid in one for sid in story_ids], dtype=bool)

    def _stored_pairs(self, sigs: Signatures, n: int, df: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Candidate pairs among the loaded stored records (local indices ``>= n``)."""
        cfg = self.config
        if len(sigs) - n < 2:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        bk, bd = band_postings(sigs.sig[n:], cfg.bands, doc_base=n)
        da, db, _ = candidate_pairs(bk, bd, max_posting=cfg.max_posting)
        kt, kd = key_term_postings(sigs, np.maximum(df, 1), cfg.key_terms, cfg.max_posting)
        keep = kd >= n
        sa, sb, _ = candidate_pairs(kt[keep], kd[keep], min_shared=cfg.story_min_shared, max_posting=cfg.max_posting)
        keys = np.unique(np.concatenate([(da << 32) | db, (sa << 32) | sb]))
        return keys >> 32, keys & 0xFFFFFFFF

    # ------------------------------------------------------------------ public API
    def add(self, articles: Sequence[Article]) -> GroupResult:
        """Index ``articles`` and join them to stored stories.

        Already-indexed ids are not recomputed (their stored assignment is returned). Returns the
        assignments of every given article, the verified edges of the batch (the new articles' pairs, and the
        pairs among the stored articles it loaded, which it verifies again), and in
        ``changed_story_ids`` the stored stories that gained members, were merged into another or were split
        (``story_recheck``), and the stories split off them.
        """
        res = GroupResult()
        seen: set[str] = set()
        unique = [a for a in articles if not (a.id in seen or seen.add(a.id))]  # type: ignore[func-returns-value]
        if not self._ready:
            raise StoreError("the store is read-only or has no dedup tables; open it writable to add articles")
        existing = self._existing([a.id for a in unique])
        for i, (dg, st) in existing.items():
            res.dup_group_id[i] = dg
            res.story_id[i] = st
        new = [a for a in unique if a.id not in existing]
        if not new:
            return res
        batch = self._score_batch(new)
        prep, old = batch.prep, batch.old
        n = len(prep.ids)
        m = old.num_rows
        if self._next_doc_no() != int(batch.kept.ids[0]):  # the ids the new records' pairs were kept under
            raise StoreError("the store changed while a batch was being indexed; index batches one at a time")
        ids = prep.ids + old["id"].to_pylist()
        old_dup = old["dup_group_id"].to_pylist()
        old_story = old["story_id"].to_pylist()
        split: set[str] = set()
        parts = 0
        if self.config.story_recheck and self._links_from is not None and m:
            # first the stored links against the backgrounds this batch leaves their records; the batch is then
            # verified on the stories as split, so that its parts and loners may join them again as in one batch
            after = kept_events(batch.a, batch.b, batch.feats, batch.links["strong"], batch.kept, self.config)
            old_story, split, parts = self._recheck(after, n, old_story)
        v = self._verify_batch(batch, old_story)
        kept: KeptPairs = v["kept"]
        a, b = v["a"], v["b"]
        levels = {}
        for level, mask, old_ids in (("d", v["dup"], old_dup), ("s", v["story"], old_story)):
            uf = UnionFind(n + m)
            uf.union_pairs(a[mask], b[mask])
            _union_same_label(uf, n, old_ids)
            levels[level] = self._assign(level, uf.roots(), n, ids, old_ids)
        dup_ids, _ = levels["d"]
        story_ids, changed = levels["s"]
        for j in range(n):
            res.dup_group_id[ids[j]] = dup_ids[j]
            res.story_id[ids[j]] = story_ids[j]
        res.changed_story_ids = changed | split
        res.set_edges(ids, v)
        event, lexical = _pack_pairs(*kept.event), _pack_pairs(*kept.lexical)
        base = self._persist(
            new, prep, dup_ids[:n], story_ids[:n], batch.uterms, batch.cnt, (event[:n], lexical[:n]), batch.sources[:n]
        )
        self._store_kept(kept.ids[n:], event[n:], lexical[n:])
        self._store_links(v, kept.ids)
        if batch.new_embed is not None:
            self._store_embeddings(np.arange(base, base + n, dtype=np.int64), batch.new_embed)
        res.stats = {
            "articles": n, "stored_candidates": m, "candidates": int(a.shape[0]), "stored_before": batch.n_store,
            "parts_split_off": parts,
        }  # fmt: skip
        log.info("indexed %d new articles against %d stored: %s", n, batch.n_store, res.stats)
        return res

    def _store_links(self, v: dict[str, np.ndarray], doc_nos: np.ndarray) -> None:
        """Store this batch's story links (``doc_nos`` maps the batch's records to theirs), with their event scores
        and whether they rest on backgrounds (``verify``'s ``weak``), for later batches to re-check and split along.
        A link between stored records that is stored already (a batch verifies their pairs again) is not added twice."""
        if self._links_from is None:
            return
        sel = np.flatnonzero(v["story"])
        if not sel.shape[0]:
            return
        name = self._register(pa.table({
            "a_no": pa.array(doc_nos[v["a"][sel]], pa.int64()), "b_no": pa.array(doc_nos[v["b"][sel]], pa.int64()),
            "event": pa.array(v["event"][sel], pa.float64()), "weak": pa.array(v["weak"][sel], pa.bool_()),
        }))  # fmt: skip
        try:
            self.con.execute(
                f"INSERT INTO dedup_links SELECT t.* FROM {name} t WHERE NOT EXISTS "
                "(SELECT 1 FROM dedup_links l WHERE l.a_no = t.a_no AND l.b_no = t.b_no)"
            )
        finally:
            self.con.unregister(name)

    def _recheck(self, kept: KeptPairs, n: int, old_story: list[str]) -> tuple[list[str], set[str], int]:
        """Re-test the stored links that rest on backgrounds (``weak``) of the loaded records (``kept.ids[n:]``)
        against the backgrounds this batch left them (``kept``: their look-alikes that arrived after the link was
        made); drop those that no longer stand out by ``story_recheck_margin`` (under the margin that made them,
        so that a link does not come and go with small moves of its background) and split their stories along
        what is left (``_split_stories``). Returns the loaded records' story ids after, the story ids that changed (split ones
        and new ones) and the number of parts split off."""
        cfg = self.config
        k = cfg.story_weak_rank
        loaded = kept.ids[n:]
        links = self._query_arrow(
            "SELECT a_no, b_no, event FROM dedup_links WHERE weak "
            "AND (a_no IN (SELECT doc_no FROM {t}) OR b_no IN (SELECT doc_no FROM {t}))",
            pa.table({"doc_no": pa.array(loaded, pa.int64())}),
        )
        if not links.num_rows:
            return old_story, set(), 0
        la, lb = links["a_no"].to_numpy().astype(np.int64), links["b_no"].to_numpy().astype(np.int64)
        # each end's background: the rank-th best of its kept pairs, as this batch updated them when loaded
        bg = dict(zip(loaded.tolist(), kept.event[1][n:, k - 1].tolist(), strict=True))
        others = np.setdiff1d(np.concatenate([la, lb]), loaded)
        if others.shape[0]:
            got = self._query_arrow(
                "SELECT d.doc_no, d.bg_event FROM dedup_docs d JOIN {t} t USING (doc_no)",
                pa.table({"doc_no": pa.array(others, pa.int64())}),
            )
            scores = _unpack_pairs(got["bg_event"].to_pylist(), k)[1][:, k - 1]
            bg.update(zip(got["doc_no"].to_pylist(), scores.tolist(), strict=True))
        top = np.maximum([bg.get(x, 0.0) for x in la.tolist()], [bg.get(x, 0.0) for x in lb.tolist()])
        fail = links["event"].to_numpy() < top + cfg.story_recheck_margin
        if not fail.any():
            return old_story, set(), 0
        fa, fb = la[fail], lb[fail]
        name = self._register(pa.table({"a_no": pa.array(fa, pa.int64()), "b_no": pa.array(fb, pa.int64())}))
        try:
            self.con.execute(
                f"DELETE FROM dedup_links USING {name} t WHERE dedup_links.a_no = t.a_no AND dedup_links.b_no = t.b_no"
            )
        finally:
            self.con.unregister(name)
        moved, split = self._split_stories(fa, fb)
        new_story = [moved.get(int(x), sid) for x, sid in zip(loaded.tolist(), old_story, strict=True)]
        return new_story, split | set(moved.values()), len(set(moved.values()))

    def _split_stories(self, drop_a: np.ndarray, drop_b: np.ndarray) -> tuple[dict[int, str], set[str]]:
        """Split the stories that held the dropped links (``drop_a``, ``drop_b``) into the parts their stored
        links still join; near-copies (one ``dup_group_id``), records stored before ``dedup_links`` and parts that
        ``part_support`` dropped links join stay together. The part holding the story's founder keeps its id;
        another part gets the id of its first record. Returns the moved records' new story ids by ``doc_no``, and
        the ids of the stories split."""
        cfg = self.config
        ends = pa.table({"doc_no": pa.array(np.unique(np.concatenate([drop_a, drop_b])), pa.int64())})
        docs = self._query_arrow(
            "SELECT d.doc_no, d.id, d.dup_group_id, d.story_id, g.founder_no FROM dedup_docs d "
            "LEFT JOIN dedup_groups g ON g.group_id = d.story_id "
            "WHERE d.story_id IN (SELECT s.story_id FROM dedup_docs s JOIN {t} t USING (doc_no)) ORDER BY d.doc_no",
            ends,
        )
        nos = docs["doc_no"].to_numpy().astype(np.int64)
        links = self._query_arrow(
            "SELECT a_no, b_no FROM dedup_links WHERE a_no IN (SELECT doc_no FROM {t}) AND b_no IN (SELECT doc_no FROM {t})",
            pa.table({"doc_no": pa.array(nos, pa.int64())}),
        )
        uf = UnionFind(nos.shape[0])
        la = np.searchsorted(nos, links["a_no"].to_numpy().astype(np.int64))
        lb = np.searchsorted(nos, links["b_no"].to_numpy().astype(np.int64))
        uf.union_pairs(la, lb)
        story = docs["story_id"].to_pylist()
        # near-copies stay together, and so do the records of one story stored before its links were
        _union_same_label(uf, 0, docs["dup_group_id"].to_pylist())
        legacy = self._links_from or 0
        _union_same_label(uf, 0, [s if no < legacy else f"\0{no}" for s, no in zip(story, nos.tolist(), strict=True)])
        if cfg.part_support:
            roots = uf.roots()
            ra, rb = roots[np.searchsorted(nos, drop_a)], roots[np.searchsorted(nos, drop_b)]
            apart = ra != rb  # dropped links whose ends other links still join need no rescue
            keys, counts = np.unique(np.minimum(ra, rb)[apart] * nos.shape[0] + np.maximum(ra, rb)[apart], return_counts=True)
            rejoin = keys[counts >= cfg.part_support]
            uf.union_pairs(rejoin // nos.shape[0], rejoin % nos.shape[0])
        roots = uf.roots()
        ids = docs["id"].to_pylist()
        founder = docs["founder_no"].to_pylist()
        parts: dict[str, dict[int, list[int]]] = {}
        for i, sid in enumerate(story):  # rows are in doc_no order, so each part's first row is its first record
            parts.setdefault(sid, {}).setdefault(int(roots[i]), []).append(i)
        moved: dict[int, str] = {}
        groups = []
        for by_root in parts.values():
            if len(by_root) < 2:
                continue
            # the founder's part keeps the story's id (the first part, for a store that lost its founder row)
            keep = next((r for r, rows in by_root.items() if any(nos[i] == founder[i] for i in rows)), next(iter(by_root)))
            for r, rows in by_root.items():
                if r == keep:
                    continue
                new = make_id("s", ids[rows[0]])
                moved.update((int(nos[i]), new) for i in rows)
                groups.append((new, int(nos[rows[0]])))
        split = {story[i] for i in range(len(story)) if int(nos[i]) in moved}
        if not moved:
            return moved, split
        log.info("split %d stored records into %d new stories", len(moved), len(groups))
        self._insert("dedup_groups", pa.table({
            "group_id": [g for g, _ in groups], "level": ["story"] * len(groups),
            "founder_no": pa.array([f for _, f in groups], pa.int64()),
        }))  # fmt: skip
        name = self._register(pa.table({"doc_no": pa.array(list(moved), pa.int64()), "sid": list(moved.values())}))
        try:
            self.con.execute(f"UPDATE dedup_docs SET story_id = t.sid FROM {name} t WHERE dedup_docs.doc_no = t.doc_no")
        finally:
            self.con.unregister(name)
        return moved, split

    def _assign(
        self, level: str, roots: np.ndarray, n: int, ids: list[str], old_ids: list[str]
    ) -> tuple[list[str], set[str]]:
        """Group id of every node; renames absorbed stored groups. Returns (ids, changed stored ids)."""
        comp_old: dict[int, set[str]] = {}
        for k, gid in enumerate(old_ids):
            comp_old.setdefault(int(roots[n + k]), set()).add(gid)
        founders: dict[str, int] = {}
        all_old = sorted({g for s in comp_old.values() for g in s})
        if all_old:
            out = self._query_arrow(
                "SELECT g.group_id, g.founder_no FROM dedup_groups g JOIN {t} t USING (group_id)",
                pa.table({"group_id": all_old}),
            )
            founders = dict(zip(out["group_id"].to_pylist(), out["founder_no"].to_pylist(), strict=True))
        survivor: dict[int, str] = {}
        renames: dict[str, str] = {}
        changed: set[str] = set()
        for root, gids in comp_old.items():
            best = min(gids, key=lambda g: (founders.get(g, 1 << 62), g))
            survivor[root] = best
            for g in gids:
                if g != best:
                    renames[g] = best
                    changed.add(g)
        out_ids = []
        for i in range(n):
            r = int(roots[i])
            if r in survivor:
                out_ids.append(survivor[r])
                changed.add(survivor[r])
            else:
                out_ids.append(make_id(level, ids[r]))
        if renames:
            t = pa.table({"old": list(renames), "new": list(renames.values())})
            col = "dup_group_id" if level == "d" else "story_id"
            name = self._register(t)
            try:
                self.con.execute(f"UPDATE dedup_docs SET {col} = t.new FROM {name} t WHERE dedup_docs.{col} = t.old")
                self.con.execute(f"DELETE FROM dedup_groups WHERE group_id IN (SELECT old FROM {name})")
            finally:
                self.con.unregister(name)
        return out_ids, (changed if level == "s" else set())

    def _persist(
        self,
        articles: Sequence[Article],
        prep: Prepared,
        dup_ids: list[str],
        story_ids: list[str],
        uterms: np.ndarray,
        cnt: np.ndarray,
        kept: tuple[list[bytes], list[bytes]],
        sources: np.ndarray,
    ) -> int:
        """Store the new records (with their ``kept`` best pairs, packed: event score, word cosine, and their
        ``sources`` keys) and their postings; returns the first new ``doc_no``."""
        cfg = self.config
        n = len(prep.ids)
        base = self._next_doc_no()
        s = prep.sigs
        nos = np.arange(base, base + n, dtype=np.int64)
        off = s.term_off
        docs = pa.table(
            {
                "doc_no": pa.array(nos),
                "id": prep.ids,
                "shingles": pa.array(s.shingles, pa.int32()),
                "sig": pa.array([s.sig[i].tobytes() for i in range(n)], pa.binary()),
                "terms": pa.array([s.term_hash[off[i] : off[i + 1]].tobytes() for i in range(n)], pa.binary()),
                "flags": pa.array([s.term_flag[off[i] : off[i + 1]].tobytes() for i in range(n)], pa.binary()),
                "text_head": [with_title(x.text, x.title)[:2000] for x in articles],
                "dup_group_id": dup_ids,
                "story_id": story_ids,
                "slots": pa.array(
                    [s.slot_key[s.slot_off[i] : s.slot_off[i + 1]].tobytes() for i in range(n)], pa.binary()
                ),
                "bg_event": pa.array(kept[0], pa.binary()),
                "bg_lexical": pa.array(kept[1], pa.binary()),
                "lead": pa.array(
                    [s.lead_key[s.lead_off[i] : s.lead_off[i + 1]].tobytes() for i in range(n)], pa.binary()
                ),
                "lead_next": pa.array(
                    [s.next_key[s.next_off[i] : s.next_off[i + 1]].tobytes() for i in range(n)], pa.binary()
                ),
                "source_key": pa.array(sources, pa.uint64()),
            }
        )
        self._insert("dedup_docs", docs)
        bk, bd = band_postings(s.sig, cfg.bands, doc_base=base)
        self._insert("dedup_bands", pa.table({"band_key": pa.array(bk), "doc_no": pa.array(bd)}))
        sdf = self._stored_df(uterms)
        df_total = (cnt + sdf)[np.unique(s.term_hash, return_inverse=True)[1]]
        kt, kd = key_term_postings(s, df_total, cfg.key_terms * _STORE_TERMS_FACTOR, 1 << 62, min_df=1)
        self._insert("dedup_terms", pa.table({"term": pa.array(kt), "doc_no": pa.array(kd + base)}))
        name = self._register(pa.table({"term": pa.array(uterms), "df": pa.array(cnt.astype(np.int64))}))
        try:
            self.con.execute(
                f"INSERT INTO dedup_df SELECT term, df FROM {name} ON CONFLICT (term) DO UPDATE SET df = dedup_df.df + excluded.df"
            )
        finally:
            self.con.unregister(name)
        keys, counts = prep.line_counts
        if keys.shape[0]:
            name = self._register(pa.table({"line_key": pa.array(keys, pa.uint64()), "n": pa.array(counts)}))
            try:
                # keep only lines seen twice or more (single lines are almost all story text)
                self.con.execute(
                    f"INSERT INTO dedup_lines SELECT t.line_key, t.n FROM {name} t "
                    "LEFT JOIN dedup_lines l USING (line_key) WHERE t.n >= 2 OR l.n IS NOT NULL "
                    "ON CONFLICT (line_key) DO UPDATE SET n = dedup_lines.n + excluded.n"
                )
            finally:
                self.con.unregister(name)
        first: dict[str, int] = {}
        for i, (dg, st) in enumerate(zip(dup_ids, story_ids, strict=True)):
            first.setdefault(dg, i)
            first.setdefault(st, i)
        groups = pa.table(
            {
                "group_id": list(first),
                "level": ["dup" if g.startswith("d-") else "story" for g in first],
                "founder_no": pa.array([base + i for i in first.values()], pa.int64()),
            }
        )
        name = self._register(groups)
        try:
            self.con.execute(f"INSERT INTO dedup_groups SELECT * FROM {name} ON CONFLICT (group_id) DO NOTHING")
        finally:
            self.con.unregister(name)
        return base

    def _store_kept(self, doc_nos: np.ndarray, event: list[bytes], lexical: list[bytes]) -> None:
        """Store the loaded stored records' best pairs, merged with this batch's (``KeptPairs``)."""
        if doc_nos.shape[0] == 0 or not self._has_bg:
            return
        t = pa.table({
            "doc_no": pa.array(doc_nos, pa.int64()), "bg_event": pa.array(event, pa.binary()),
            "bg_lexical": pa.array(lexical, pa.binary()),
        })  # fmt: skip
        name = self._register(t)
        try:
            self.con.execute(
                "UPDATE dedup_docs SET bg_event = t.bg_event, bg_lexical = t.bg_lexical "
                f"FROM {name} t WHERE dedup_docs.doc_no = t.doc_no"
            )
        finally:
            self.con.unregister(name)

    def _insert(self, table: str, data: pa.Table) -> None:
        name = self._register(data)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
        finally:
            self.con.unregister(name)

    def match(self, article: Article, *, limit: int = 5) -> list[Match]:
        """The stored stories ``article`` would join, best first, with evidence; writes nothing."""
        if self._n_docs() == 0:
            return []
        batch = self._score_batch([article], write=False)
        old = batch.old
        v = self._verify_batch(batch, old["story_id"].to_pylist())
        m = old.num_rows
        if m == 0:
            return []
        best: dict[str, tuple[float, int]] = {}
        story = old["story_id"].to_pylist()
        for e in np.flatnonzero(v["story"] & (v["a"] == 0) & (v["b"] >= 1)).tolist():
            i = int(e)
            k = int(v["b"][i]) - 1
            sc = 1.0 if v["dup"][i] else float(v["score"][i])
            if story[k] not in best or sc > best[story[k]][0]:
                best[story[k]] = (sc, int(i))
        heads = old["text_head"].to_pylist()
        ids = old["id"].to_pylist()
        out = []
        for sid, (sc, bi) in sorted(best.items(), key=lambda kv: -kv[1][0])[:limit]:
            i = int(bi)
            k = int(v["b"][i]) - 1
            ev = edge_evidence(v, i)
            ev["level"] = "dup" if v["dup"][i] else "story"
            ev["matched_article_id"] = ids[k]
            ev.update(shared_evidence((article.title or "") + "\n" + article.text, heads[k]))
            out.append(Match(sid, sc, ev))
        return out

    def story_members(self, story_id: str) -> list[str]:
        """Ids of the stored articles of ``story_id``, in indexing order."""
        if not self._ready:
            return []
        rows = self.con.execute("SELECT id FROM dedup_docs WHERE story_id = ? ORDER BY doc_no", [story_id]).fetchall()
        return [r[0] for r in rows]


def _union_same_label(uf: UnionFind, n: int, labels: list[str]) -> None:
    """Union the stored nodes ``n + k`` that already share a group id."""
    first: dict[str, int] = {}
    a, b = [], []
    for k, g in enumerate(labels):
        if g in first:
            a.append(first[g])
            b.append(n + k)
        else:
            first[g] = n + k
    if a:
        uf.union_pairs(np.array(a, dtype=np.int64), np.array(b, dtype=np.int64))


_PAIR = np.dtype([("peer", "<i8"), ("score", "<f8")])


def _pack_pairs(peer: np.ndarray, score: np.ndarray) -> list[bytes]:
    """Each record's kept (peer, score) pairs as bytes, the empty slots (peer -1) left out.

    >>> blobs = _pack_pairs(np.array([[4, -1]]), np.array([[0.5, 0.0]]))
    >>> _unpack_pairs(blobs + [None], 2)[0].tolist(), _unpack_pairs(blobs + [None], 2)[1].tolist()
    ([[4, -1], [-1, -1]], [[0.5, 0.0], [0.0, 0.0]])
    """
    out = []
    for p, s in zip(peer, score, strict=True):
        rec = np.zeros(int((p >= 0).sum()), dtype=_PAIR)
        rec["peer"], rec["score"] = p[p >= 0], s[p >= 0]
        out.append(rec.tobytes())
    return out


def _unpack_pairs(blobs: Sequence[bytes | None], k: int) -> tuple[np.ndarray, np.ndarray]:
    """``_pack_pairs`` back into (peer, score) arrays of ``k`` columns (a record stored without pairs: none)."""
    peer = np.full((len(blobs), k), -1, dtype=np.int64)
    score = np.zeros((len(blobs), k), dtype=np.float64)
    for i, blob in enumerate(blobs):
        if blob:
            rec = np.frombuffer(blob, dtype=_PAIR)[:k]
            peer[i, : rec.shape[0]] = rec["peer"]
            score[i, : rec.shape[0]] = rec["score"]
    return peer, score
