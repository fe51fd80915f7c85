"""Spec of TimeML reading/writing and of the TempEval-3 scorer, on small hand-written documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from timeml_texts import GOLD, TE3INPUT

from dateline.errors import InputFormatError
from dateline.records import Timex
from dateline.temporal.scoring import score_docs, score_timeml
from dateline.temporal.timeml import parse_timeml, read_timeml, tag_timeml, timeml_name, write_timeml


@pytest.mark.parametrize(
    ("name", "out"), [("A.tml.TE3input", "A.tml"), ("A.tml", "A.tml"), ("dir/B.tml", "B.tml")]
)
def test_timeml_name_pairs_input_and_gold(name: str, out: str) -> None:
    assert timeml_name(name) == out


def test_timeml_parse_reads_text_dct_and_gold_timexes() -> None:
    doc = parse_timeml(GOLD, "DOC1.tml")
    assert doc.dct == date(2017, 1, 9)
    assert "<" not in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Monday", "DATE", "2017-01-09"), ("Sunday", "DATE", "2017-01-08"), ("two weeks", "DURATION", "P2W")]  # fmt: skip
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def test_timeml_parse_without_text_element_raises() -> None:
    with pytest.raises(InputFormatError, match="TEXT"):
        parse_timeml("<TimeML></TimeML>", "x.tml")


def test_timeml_write_keeps_dct_and_roundtrips() -> None:
    doc = parse_timeml(TE3INPUT, "DOC1.tml.TE3input")
    start = doc.text.index("Monday")
    out = write_timeml(doc, [Timex(start, start + 6, "Monday", "DATE", "2017-01-09")])
    assert 'functionInDocument="CREATION_TIME">January 9, 2017</TIMEX3></DCT>' in out
    again = parse_timeml(out, "DOC1.tml")
    assert again.text == doc.text
    assert [(t.text, t.value) for t in again.timexes] == [("Monday", "2017-01-09")]


def test_timeml_tag_folder_scores_against_gold(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "in" / "DOC1.tml.TE3input").write_text(TE3INPUT, encoding="utf-8")
    (tmp_path / "gold" / "DOC1.tml").write_text(GOLD, encoding="utf-8")
    written = tag_timeml(tmp_path / "in", tmp_path / "out")
    assert [p.name for p in written] == ["DOC1.tml"]
    assert read_timeml(written[0]).dct == date(2017, 1, 9)
    result = score_timeml(tmp_path / "gold", tmp_path / "out")
    assert result["gold"] == 3
    assert result["relaxed"]["f1"] == 100.0
    assert result["value"]["f1"] == 100.0


def _t(start: int, end: int, value: str = "2017", typ: str = "DATE") -> Timex:
    return Timex(start, end, "", typ, value)


@pytest.mark.parametrize(
    ("gold", "system", "strict_f1", "relaxed_f1", "value_acc"),
    [
        ([_t(0, 4)], [_t(0, 4)], 100.0, 100.0, 100.0),
        ([_t(0, 10)], [_t(2, 6)], 0.0, 100.0, 100.0),
        ([_t(0, 4)], [_t(0, 4, "2016")], 100.0, 100.0, 0.0),
        ([_t(0, 4)], [_t(5, 9)], 0.0, 0.0, 0.0),
        ([_t(0, 4), _t(10, 14)], [_t(0, 4)], 66.67, 66.67, 100.0),
        # one gold timex overlapped by two system ones pairs with one of them only
        ([_t(0, 20)], [_t(0, 5), _t(10, 15)], 0.0, 66.67, 100.0),
    ],
)
def test_scoring_tempeval3_definitions(gold, system, strict_f1, relaxed_f1, value_acc) -> None:
    result = score_docs([(gold, system)])
    assert result["strict"]["f1"] == strict_f1
    assert result["relaxed"]["f1"] == relaxed_f1
    assert result["value"]["accuracy"] == value_acc
