"""Spec of `dateline timex` and `dateline eval timex` (thin wrappers over the temporal package)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from timeml_texts import GOLD, TE3INPUT

from dateline.cli.main import cli


def test_timex_cmd_plain_text_prints_json() -> None:
    result = CliRunner().invoke(
        cli, ["timex", "--dct", "2017-01-09", "-"], input="U.S. officials said Monday."
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {
            "start": 20,
            "end": 26,
            "text": "Monday",
            "type": "DATE",
            "value": "2017-01-09",
            "anchor": "2017-01-09",
        }
    ]


def test_timex_cmd_without_dct_keeps_values_underspecified(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("The deal was signed Jan. 8.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["timex", str(f)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["value"] == "XXXX-01-08"


def test_timex_cmd_bad_dct_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["timex", "--dct", "2017-13-45", "-"], input="Monday")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_timex_cmd_timeml_roundtrip_and_eval(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "in" / "DOC1.tml.TE3input").write_text(TE3INPUT, encoding="utf-8")
    (tmp_path / "gold" / "DOC1.tml").write_text(GOLD, encoding="utf-8")
    runner = CliRunner()
    tagged = runner.invoke(
        cli, ["timex", str(tmp_path / "in"), "--format", "timeml", "--out", str(tmp_path / "out")]
    )
    assert tagged.exit_code == 0, tagged.output
    assert (tmp_path / "out" / "DOC1.tml").exists()
    scored = runner.invoke(
        cli, ["eval", "timex", "--gold", str(tmp_path / "gold"), "--pred", str(tmp_path / "out")]
    )
    assert scored.exit_code == 0, scored.output
    result = json.loads(scored.stdout)
    assert result["relaxed"]["f1"] == 100.0


def test_timex_cmd_timeml_needs_out(tmp_path: Path) -> None:
    (tmp_path / "DOC1.tml").write_text(TE3INPUT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["timex", str(tmp_path / "DOC1.tml"), "--format", "timeml"])
    assert result.exit_code == 2
    assert "--out" in result.output


def test_timex_cmd_dated_text_header_is_the_anchor(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(" date 2015-03-20 \u2013 Officials said Monday.", encoding="utf-8")
    out = json.loads(CliRunner().invoke(cli, ["timex", str(f)]).output)
    assert [(t["text"], t["value"], t["anchor"], t["start"]) for t in out] == [
        ("Monday", "2015-03-16", "2015-03-20", 15)
    ]
    over = json.loads(CliRunner().invoke(cli, ["timex", "--dct", "2017-01-09", str(f)]).output)
    assert over[0]["value"] == "2017-01-09"
