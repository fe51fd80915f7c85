"""Readers: every format, every kind of bad input, and no record lost."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.errors import InputFormatError
from dateline.io import read_records, read_single_article
from dateline.io.formats import split_dated_text
from dateline.records import Article, Reject, StatedDate


def _split(items):
    arts = [i for i in items if isinstance(i, Article)]
    rejs = [i for i in items if isinstance(i, Reject)]
    return arts, rejs


@pytest.mark.parametrize(
    ("raw", "date", "body"),
    [
        (" date 2017-01-09 – Members of a force", "2017-01-09", "Members of a force"),
        ("date 2015-03-20 BEIRUT — The coalition", "2015-03-20", "BEIRUT — The coalition"),
        ("\n  date 2017-08 - Text here", "2017-08", "Text here"),
        ("date 2017-01-09 — Em dash", "2017-01-09", "Em dash"),
        ("date 2017-01-09\nNext line", "2017-01-09", "Next line"),
        ("No header at all", None, "No header at all"),
        ("dated 2017-01-09 not a header", None, "dated 2017-01-09 not a header"),
        ("date 2017-01-09-extra is not a header", None, "date 2017-01-09-extra is not a header"),
    ],
)
def test_formats_split_dated_text_header(raw, date, body):
    assert split_dated_text(raw) == (date, body)


def test_readers_dated_text_folder_sorted_with_provenance_ids(make_file, tmp_path):
    make_file("b.txt", " date 2017-01-09 – Second file.")
    make_file("a.txt", "date 2017-08 First file,\n\nwith two paragraphs.")
    make_file("sub/c.txt", "No date here.")
    make_file("notes.md", "not an input")
    arts, rejs = _split(list(read_records([tmp_path])))
    assert rejs == []
    assert [a.id for a in arts] == ["a.txt", "b.txt", "sub/c.txt"]
    assert arts[0].stated_date == StatedDate(2017, 8) and arts[0].stated_date.is_month
    assert arts[0].text == "First file,\n\nwith two paragraphs."
    assert arts[1].stated_date == StatedDate(2017, 1, 9)
    assert arts[2].stated_date is None
    assert arts[0].origin.file == str(tmp_path / "a.txt")


def test_readers_ids_stable_across_reads(make_file, tmp_path):
    make_file("x.jsonl", '{"text": "one"}\n{"text": "two"}\n')
    first = [a.id for a in read_records([tmp_path])]
    second = [a.id for a in read_records([tmp_path])]
    assert first == second == ["x.jsonl:1", "x.jsonl:2"]


def test_readers_identical_texts_are_two_records(make_file):
    path = make_file("x.jsonl", '{"text": "same"}\n{"text": "same"}\n')
    arts, _ = _split(list(read_records([path])))
    assert len(arts) == 2 and arts[0].id != arts[1].id


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"text": "ok", "date": "2015-02-30"}', "impossible_date"),
        (b'{"text": "ok", "date": "yesterday"}', "impossible_date"),
        (b'{"text": "", "date": "2015-02-03"}', "empty_text"),
        (b'{"title": "no text"}', "empty_text"),
        (b'{"text": "broken', "malformed_json"),
        (b"[1, 2, 3]", "malformed_json"),
        (b'{"text": "caf\xe9"}', "invalid_utf8"),
        (b'{"text": "\\u0000\\u0001\\u0002\\u0003 junk \\u0004\\u0005"}', "binary"),
        (b'{"id": "a", "text": "first"}\n{"id": "a", "text": "again"}', "duplicate_id"),
    ],
)
def test_readers_jsonl_bad_record_is_rejected_with_reason(make_file, line, reason):
    path = make_file("in.jsonl", b'{"text": "good one"}\n' + line + b"\n")
    items = list(read_records([path]))
    arts, rejs = _split(items)
    assert [r.reason for r in rejs] == [reason]
    assert rejs[0].file == str(path) and rejs[0].line >= 2
    assert len(arts) + len(rejs) == len([x for x in path.read_bytes().splitlines() if x.strip()])


def test_readers_too_large_record_rejected(make_file):
    big = json.dumps({"text": "x " * 5000})
    path = make_file("in.jsonl", big + "\n" + '{"text": "small"}\n')
    arts, rejs = _split(list(read_records([path], max_record_bytes=1000)))
    assert [r.reason for r in rejs] == ["too_large"] and rejs[0].line == 1
    assert [a.text for a in arts] == ["small"]


def test_readers_jsonl_field_renames_and_datetime(make_file):
    path = make_file("in.jsonl", '{"uid": 7, "published": "2017-01-09T08:00:00Z", "body": "Text", "extra": 1}\n')
    (art,) = list(read_records([path], fields={"id": "uid", "date": "published", "text": "body"}))
    assert art.id == "7" and art.stated_date == StatedDate(2017, 1, 9) and art.text == "Text"


def test_readers_unknown_field_rename_fails_clearly(make_file):
    path = make_file("in.jsonl", '{"text": "x"}\n')
    with pytest.raises(InputFormatError, match="unknown field 'published'"):
        list(read_records([path], fields={"published": "date"}))


def test_readers_csv_rows_and_bad_rows(make_file):
    content = (
        b'id,date,text,title\n'
        b'a,2017-01-09,"A text, with a comma\nand a newline",T1\n'
        b'b,2015-02-30,bad date,T2\n'
        b'c,2017-01-10,too,many,columns\n'
        b'd,,caf\xe9 text,T4\n'
        b'e,2017-01,month only,T5\n'
    )
    path = make_file("in.csv", content)
    arts, rejs = _split(list(read_records([path])))
    assert [a.id for a in arts] == ["a", "e"]
    assert arts[0].text == "A text, with a comma\nand a newline" and arts[0].title == "T1"
    assert arts[1].stated_date.is_month
    assert [(r.reason, r.line) for r in rejs] == [("impossible_date", 4), ("malformed_csv", 5), ("invalid_utf8", 6)]


def test_readers_parquet_rows(tmp_path):
    table = pa.table({"id": ["p1", None, "p3"], "date": ["2017-01-09", None, "2017-13-01"],
                      "text": ["first", "second", "third"], "ignored": [1, 2, 3]})
    pq.write_table(table, tmp_path / "in.parquet")
    arts, rejs = _split(list(read_records([tmp_path / "in.parquet"])))
    assert [a.id for a in arts] == ["p1", "in.parquet:2"]
    assert [(r.reason, r.line) for r in rejs] == [("impossible_date", 3)]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"date 2015-02-30 Text", "impossible_date"),
        (b"   ", "empty_text"),
        (b" date 2017-01-09 \xe2\x80\x93 ", "empty_text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\xe9 au lait", "invalid_utf8"),
    ],
)
def test_readers_dated_text_bad_file_rejected(make_file, content, reason):
    path = make_file("bad.txt", content)
    (item,) = list(read_records([path]))
    assert isinstance(item, Reject) and item.reason == reason and item.file == str(path)


def test_readers_strict_names_file_line_and_fix(make_file):
    path = make_file("in.jsonl", '{"text": "fine"}\n{"text": "x", "date": "2015-02-30"}\n')
    with pytest.raises(InputFormatError) as err:
        list(read_records([path], strict=True))
    msg = str(err.value)
    assert f"{path}:2" in msg and "impossible_date" in msg and "YYYY-MM-DD" in msg


def test_readers_unknown_suffix_needs_input_format(make_file):
    path = make_file("data.xml", "<x/>")
    with pytest.raises(InputFormatError, match="--input-format"):
        list(read_records([path]))
    (art,) = list(read_records([path], input_format="text"))
    assert art.text == "<x/>"


def test_readers_single_article_date_option_wins(make_file):
    path = make_file("one.txt", " date 2015-03-20 BEIRUT — Text.")
    assert read_single_article(path).stated_date == StatedDate(2015, 3, 20)
    assert read_single_article(path, "2017-01-09").stated_date == StatedDate(2017, 1, 9)
    with pytest.raises(InputFormatError, match="impossible stated date"):
        read_single_article(path, "2017-02-30")


def test_readers_seeds(seeds_dir: Path):
    arts, rejs = _split(list(read_records([seeds_dir])))
    assert rejs == [] and len(arts) == 2
    assert [str(a.stated_date) for a in arts] == ["2017-01-09", "2015-03-20"]
    assert arts[1].text.startswith("BEIRUT")


@pytest.mark.parametrize(
    ("row", "stated", "text"),
    [
        ({"text": " date 2017-01-09 – Body text."}, "2017-01-09", "Body text."),
        ({"text": " date 2017-08 Body text."}, "2017-08", "Body text."),
        ({"text": " date 2017-01-09 – Body text.", "date": "2016-05-01"}, "2016-05-01", "Body text."),
        ({"text": "Body without header.", "date": None}, None, "Body without header."),
    ],
)
def test_readers_crawl_header_in_text_is_metadata(make_file, row, stated, text):
    path = make_file("in.jsonl", json.dumps(row) + "\n")
    (art,) = list(read_records([path]))
    assert (str(art.stated_date) if art.stated_date else None, art.text) == (stated, text)


@pytest.mark.parametrize(("row", "reason"), [({"text": " date 2015-02-30 – Body."}, "impossible_date"),
                                             ({"text": " date 2017-01-09 – "}, "empty_text")])
def test_readers_crawl_header_in_text_bad(make_file, row, reason):
    path = make_file("in.jsonl", json.dumps(row) + "\n")
    (item,) = list(read_records([path]))
    assert isinstance(item, Reject) and item.reason == reason


def test_readers_every_reject_reason_is_listed_with_a_fix_hint():
    from dateline.errors import REJECT_HINTS
    from dateline.records import REJECT_REASONS

    assert set(REJECT_HINTS) == set(REJECT_REASONS)
    assert all(hint and " " in hint for hint in REJECT_HINTS.values())
