"""The one-file HTML report: contents, escaping of hostile text, offline, and the CLI command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from _web_store_fixture import HOSTILE, build_store
from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.store import open_store
from dateline.stories import StoryConfig
from dateline.web.report import build_report, write_report


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = build_store(tmp_path_factory.mktemp("rep") / "s.duckdb")
    out = tmp_path_factory.mktemp("out") / "report.html"
    write_report(db, out, config=StoryConfig())
    return out.read_text("utf-8")


def test_report_escapes_hostile_text(report_html: str) -> None:
    # the planted markup never appears as markup, only escaped
    assert "<script>alert" not in report_html
    assert "<img src=x" not in report_html
    assert (
        "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in report_html
    )
    # and JSON inside <script> tags cannot close its tag
    for m in re.finditer(r'<script type="application/json"[^>]*>(.*?)</script>', report_html, re.S):
        assert "<" not in m.group(1)
        json.loads(m.group(1))


def test_report_is_offline(report_html: str) -> None:
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', report_html)
    assert "window.vegaEmbed" in report_html
    assert "default-src 'none'" in report_html


@pytest.mark.parametrize(
    "needle",
    [
        'id="s-0"',
        'id="s-1"',  # both stories with two copies
        "ISIL is another name for the Islamic State.",  # what the copy adds
        "The official said there were no American casualties.",  # what it drops
        'class="evidence"',  # evidence highlighted in the article text
        'id="wrong"',
        "Raid in the east",
    ],
)
def test_report_contains(report_html: str, needle: str) -> None:
    assert needle in report_html


def test_report_leaves_out_singletons(report_html: str) -> None:
    assert 'id="s-2"' not in report_html
    assert "A story nobody copied" not in report_html


def test_report_uses_stored_story_rows(tmp_path: Path) -> None:
    db = build_store(tmp_path / "s.duckdb", with_stories_rows=True)
    store = open_store(db, read_only=True)
    try:
        html = build_report(store.con, config=StoryConfig())
    finally:
        store.close()
    assert "ISIL is another name for the Islamic State." in html


def test_report_cli_writes_file(tmp_path: Path) -> None:
    db = build_store(tmp_path / "s.duckdb")
    out = tmp_path / "r" / "report.html"
    res = CliRunner().invoke(cli, ["report", "--db", str(db), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("command", ["report", "serve"])
def test_report_cli_help(command: str) -> None:
    res = CliRunner().invoke(cli, [command, "-h"])
    assert res.exit_code == 0
    assert "Example:" in res.output
    if command == "serve":
        assert "0.0.0.0" in res.output and "127.0.0.1" in res.output


def test_report_cli_missing_store_exits_1(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        cli, ["report", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "r.html")]
    )
    assert res.exit_code == 1
    assert "dateline run" in res.output


def test_report_store_without_results(tmp_path: Path) -> None:
    """An ingest-only store (no grouping, no date checks yet) still gives a report."""
    from dateline.records import Article

    db = tmp_path / "s.duckdb"
    store = open_store(db)
    try:
        store.add_articles([Article("a", "Some text. " + HOSTILE), Article("b", "Other text.")], "batch")
    finally:
        store.close()
    out = tmp_path / "r.html"
    stats = write_report(db, out, config=StoryConfig())
    assert stats["stories"] == 0 and stats["articles"] == 2
    html = out.read_text("utf-8")
    assert "No story with two or more copies." in html
    assert "<script>alert" not in html


def test_report_serve_binds_loopback_by_default() -> None:
    serve = cli.commands["serve"]
    params = {p.name: p for p in serve.params}
    assert params["host"].default == "127.0.0.1"
    assert params["port"].default == 8000
