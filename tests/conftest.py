"""Shared fixtures. Data under ../shared is optional: tests that need it skip with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
SEEDS = SHARED / "seeds"


def need(path: Path) -> Path:
    """``path`` if it exists, else skip the test saying what is missing."""
    if not path.exists():
        pytest.skip(f"needs {path.relative_to(REPO.parent)} beside the repo (the shared evaluation data)")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return need(SEEDS)


@pytest.fixture
def duckdb_store():
    """A fresh in-memory store."""
    from dateline.store import open_store

    store = open_store(":memory:")
    yield store
    store.close()


@pytest.fixture
def make_file(tmp_path: Path):
    """Write bytes or text to tmp_path/name and return the path."""

    def _make(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _make


@pytest.fixture(scope="session")
def spark():
    """A local[2] Spark session, or a skip naming what is missing."""
    import shutil

    pytest.importorskip("pyspark", reason="needs the [spark] extra: pip install 'dateline[spark]'")
    if shutil.which("java") is None:
        pytest.skip("needs Java 17+ for Spark (apt-get install default-jre-headless)")
    import os
    import sys

    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("dateline-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
