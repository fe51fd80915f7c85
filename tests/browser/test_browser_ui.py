"""Headless Chromium (Playwright) over the one-file report and the served web UI.

Needs the Debian package ``chromium`` (/usr/bin/chromium, or set DATELINE_CHROMIUM) and
``pip install playwright`` (its own browser download is not used). Screenshots go to artifacts/.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SEEDS = ROOT / ".." / "shared" / "seeds"
sys.path.insert(0, str(ROOT / "tests" / "unit" / "web"))

from _web_store_fixture import HOSTILE, build_store  # noqa: E402

CHROMIUM = os.environ.get("DATELINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_HEADER = re.compile(r"^\s*date (\d{4}-\d{2}(?:-\d{2})?)(?=\s|$)(?:\s+[-–—](?=\s|$))?\s*")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"Chromium not found at {CHROMIUM} (apt-get install -y chromium, or set DATELINE_CHROMIUM)"
        )
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page that records every JS dialog (a planted script must never open one) and page errors."""
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = ctx.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]

    def on_dialog(d: Any) -> None:
        pg.dialogs.append(d.message)  # type: ignore[attr-defined]
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.set_default_timeout(15_000)
    yield pg
    ctx.close()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("browser") / "store.duckdb")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _serve(db: Path) -> Iterator[str]:
    """uvicorn on a free loopback port over ``db``, started and stopped within bounded time."""
    uvicorn = pytest.importorskip("uvicorn")
    from dateline.web.app import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            srv.should_exit = True
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    with _serve(store_path) as url:
        yield url


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The UI over a store that ``dateline run`` built from seed 000 (the correctly dated copy)."""
    first = sorted(SEEDS.glob("000_*.txt")) if SEEDS.is_dir() else []
    if not first:
        pytest.skip(f"seed record 000 not found under {SEEDS} (../shared/seeds is missing)")
    from click.testing import CliRunner

    from dateline.cli.main import cli

    tmp = tmp_path_factory.mktemp("seedstore")
    db = tmp / "seed.duckdb"
    res = CliRunner().invoke(cli, ["run", str(first[0]), "--out", str(tmp / "out"), "--db", str(db)])
    assert res.exit_code == 0, res.output
    with _serve(db) as url:
        yield url


def _shot(pg: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_browser_report_offline_search_plot_and_no_script(
    page: Any, store_path: Path, tmp_path: Path
) -> None:
    from dateline.stories import StoryConfig
    from dateline.web.report import write_report

    out = tmp_path / "report.html"
    write_report(store_path, out, config=StoryConfig())
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    assert page.locator("#overview").is_visible()
    assert "wrong stated dates" in page.locator("#overview").inner_text()
    _shot(page, "report-overview")
    page.goto(out.as_uri() + "#stories")
    page.fill("#story-q", "harbour")
    rows = page.locator("#story-list tr.story-row:visible")
    assert rows.count() == 1
    # the hostile title is shown as text
    assert HOSTILE in rows.first.inner_text()
    _shot(page, "report-stories-search")
    page.fill("#story-q", "")
    page.locator("#story-list tr.story-row:visible a", has_text="Raid in the east").click()
    page.wait_for_selector("section.page:visible .chart svg", timeout=15_000)
    story = page.locator("section.page:visible")
    assert "ISIL is another name for the Islamic State." in story.inner_text()
    assert "there were no American casualties" in story.inner_text()
    _shot(page, "report-story")
    page.locator("section.page:visible a", has_text="Coalition raid").first.click()
    art = page.locator("section.page:visible")
    assert art.locator("mark.evidence").first.inner_text() == "Jan. 8"
    _shot(page, "report-article")
    # the hostile article: text shown, nothing executed, nothing fetched from the network
    page.goto(out.as_uri() + "#stories")
    page.locator("#story-list tr.story-row:visible a", has_text="Flood").click()
    # the story page replaces the list (slow on a loaded machine): wait for it before looking for its links
    page.wait_for_selector("section.page:visible .chart svg", timeout=15_000)
    page.locator("section.page:visible a:visible", has_text="Flood").first.click()
    assert HOSTILE in page.locator("section.page:visible .text").inner_text()
    assert page.dialogs == []
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests), requests


def test_browser_served_pages_show_hostile_text_as_text(page: Any, server: str) -> None:
    page.goto(server + "/")
    assert "stories with 2+ copies" in page.inner_text("main")
    _shot(page, "ui-overview")
    page.goto(server + "/stories?q=harbour")
    assert HOSTILE in page.inner_text("main")
    page.goto(server + "/stories/st-raid")
    page.wait_for_selector(".chart svg", timeout=15_000)
    assert "ISIL is another name for the Islamic State." in page.inner_text("main")
    _shot(page, "ui-story")
    page.goto(server + "/articles/flood-a")
    assert HOSTILE in page.inner_text(".text")
    _shot(page, "ui-article-hostile")
    page.goto(server + "/articles/missing")
    assert "no article" in page.inner_text("main")
    assert page.dialogs == []


def test_browser_check_form_seed_001(page: Any, seed_server: str) -> None:
    """Seed 001 (stated 2015-03-20) pasted into the form: its date is wrong, the content says 2017-01-09."""
    seeds = sorted(SEEDS.glob("001_*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip(f"seed record 001 not found under {SEEDS} (../shared/seeds is missing)")
    raw = seeds[0].read_text("utf-8")
    m = _HEADER.match(raw)
    text = raw[m.end() :] if m else raw
    page.goto(seed_server + "/check")
    page.fill("#check-text", text)
    page.fill("#check-date", "2015-03-20")
    page.click("#check-submit")
    page.wait_for_selector("#check-result", timeout=60_000)
    _shot(page, "ui-check-seed-001")
    assert "wrong" in page.inner_text("#result-verdict")
    assert "2017-01-09" in page.inner_text("#result-estimate")
    assert page.locator("#check-matches a").count() >= 1  # it joins the stored story of seed 000
    assert page.dialogs == []
