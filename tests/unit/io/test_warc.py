"""WARC and HTML readers: text from trafilatura, htmldate kept as evidence, every response counted."""

from __future__ import annotations

from io import BytesIO

import pytest

from dateline.io import read_records
from dateline.records import Article, Reject

pytest.importorskip("warcio", reason="needs the [warc] extra: pip install 'dateline[warc]'")
pytest.importorskip("trafilatura", reason="needs the [warc] extra: pip install 'dateline[warc]'")

PAGE = """<!DOCTYPE html><html><head><title>Quake hits coast</title>
<meta property="article:published_time" content="2019-06-16T10:55:00+12:00"></head>
<body><nav>Home | World | Sport</nav><article><h1>Quake hits coast</h1>
<p>A strong earthquake struck off the coast on Sunday morning, officials said, and a brief tsunami
warning was issued for the islands before it was lifted an hour later.</p>
<p>There were no immediate reports of damage or injuries, the civil defence agency said in a statement
released shortly after the quake, which was felt across the northern region.</p>
<p>Residents described the shaking as long and rolling, and several said they had left their homes.</p>
</article><footer>Copyright 2015 Example News</footer></body></html>"""


def _warc(tmp_path, responses):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, ctype, body in responses:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers)
            writer.write_record(rec)
        meta = writer.create_warc_record("https://example.org/", "metadata", payload=BytesIO(b"meta"))
        writer.write_record(meta)
    return path


def test_warc_reads_html_responses_and_rejects_others(tmp_path):
    path = _warc(tmp_path, [
        ("https://news.example.org/2019/06/16/quake", "text/html; charset=utf-8", PAGE.encode()),
        ("https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
    ])
    items = list(read_records([path]))
    arts = [i for i in items if isinstance(i, Article)]
    rejs = [i for i in items if isinstance(i, Reject)]
    assert len(items) == 2
    (art,) = arts
    assert art.id == "crawl.warc.gz:1" and art.url == "https://news.example.org/2019/06/16/quake"
    assert "strong earthquake" in art.text and "Home | World" not in art.text
    assert art.stated_date is None  # htmldate is evidence, not the stated date
    assert any(s["value"] == "2019-06-16" for s in art.html_date_signals)
    assert [(r.reason, r.line) for r in rejs] == [("not_html", 2)]


def test_warc_date_can_be_mapped_from_htmldate(tmp_path):
    path = _warc(tmp_path, [("https://news.example.org/a", "text/html", PAGE.encode())])
    (art,) = list(read_records([path], fields={"date": "htmldate"}))
    assert str(art.stated_date) == "2019-06-16"


def test_html_file_is_one_record(make_file):
    path = make_file("page.html", PAGE)
    (art,) = list(read_records([path]))
    assert art.id == "page.html:1" and art.title == "Quake hits coast"


def test_html_empty_page_is_rejected(make_file):
    path = make_file("empty.html", "<html><head><title></title></head><body>   </body></html>")
    (item,) = list(read_records([path]))
    assert isinstance(item, Reject) and item.reason == "empty_text"
