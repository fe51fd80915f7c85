"""The store: idempotent ingest, and a killed run leaves it as if the run never started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from dateline.errors import StoreError
from dateline.pipeline import ingest
from dateline.records import Article, StatedDate
from dateline.store import open_store


def _articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=f"text {i}", stated_date=StatedDate(2017, 1, 1 + i % 28)) for i in range(n)]


def test_store_add_articles_is_idempotent(duckdb_store):
    assert duckdb_store.add_articles(_articles(5), "b1") == 5
    assert duckdb_store.add_articles(_articles(7), "b2") == 2
    assert duckdb_store.article_count() == 7
    got = duckdb_store.get_articles(["a1", "a6", "zz"])
    assert set(got) == {"a1", "a6"} and got["a1"].stated_date == StatedDate(2017, 1, 2)


def test_store_results_round_trip(duckdb_store):
    row = {"id": "a1", "dup_group_id": "d1", "story_id": "s1", "date_verdict": "wrong",
           "estimated_date": "2017-01-09", "date_interval": ["2017-01-08", None], "date_confidence": 0.9,
           "evidence": [{"kind": "weekday"}], "timexes": []}
    duckdb_store.put_results([row])
    duckdb_store.put_results([{**row, "date_verdict": "consistent"}])
    assert duckdb_store.get_results(["a1"])["a1"] == {**row, "date_verdict": "consistent"}


def test_store_transaction_rolls_back_on_error(duckdb_store):
    with pytest.raises(RuntimeError), duckdb_store.transaction():
        duckdb_store.add_articles(_articles(3), "b1")
        raise RuntimeError("boom")
    assert duckdb_store.article_count() == 0


def test_store_read_only_missing_file_names_the_fix(tmp_path):
    with pytest.raises(StoreError, match="dateline run"):
        open_store(tmp_path / "none.duckdb", read_only=True)


@pytest.mark.parametrize("folder", ["missing", "missing/deeper"])
def test_store_in_a_missing_folder_names_the_folder(tmp_path, folder):
    with pytest.raises(StoreError, match=f"the folder {tmp_path / folder} does not exist"):
        open_store(tmp_path / folder / "s.duckdb")


def test_store_ingest_twice_adds_nothing(make_file, tmp_path):
    path = make_file("in.jsonl", "".join(f'{{"text": "story {i}"}}\n' for i in range(20)))
    db = str(tmp_path / "s.duckdb")
    first, _, _ = ingest([str(path)], db=db)
    second, _, _ = ingest([str(path)], db=db)
    assert (first.new_articles, second.new_articles, second.stored_articles) == (20, 0, 20)


_KILLED_INGEST = textwrap.dedent(
    """
    import sys, time
    from dateline.pipeline import ingest
    import dateline.store.duckdb as sd
    real = sd.Store.add_articles
    def slow(self, articles, batch_id):
        n = real(self, articles, batch_id)
        print("inserted", flush=True)
        time.sleep(60)   # killed here, inside the transaction
        return n
    sd.Store.add_articles = slow
    ingest([sys.argv[1]], db=sys.argv[2])
    """
)


def test_store_killed_ingest_then_rerun_equals_clean_run(make_file, tmp_path):
    path = make_file("in.jsonl", "".join(f'{{"text": "story {i}", "date": "2017-01-0{1 + i % 9}"}}\n' for i in range(50)))
    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_INGEST, str(path), str(db)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "inserted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    time.sleep(0.1)
    with open_store(db) as store:
        assert store.article_count() == 0
    ingest([str(path)], db=str(db))
    clean = tmp_path / "clean.duckdb"
    ingest([str(path)], db=str(clean))
    query = "SELECT id, seq, stated_date, text FROM articles ORDER BY seq"
    with open_store(db) as a, open_store(clean) as b:
        assert a.con.execute(query).fetchall() == b.con.execute(query).fetchall()
