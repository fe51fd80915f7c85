"""Spec of forms and their resolution: the cheap re-resolution that date checking relies on."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.temporal.normalize import (
    form_is_relative,
    form_tense,
    holiday_date,
    parse_value,
    resolve_form,
    shift_date,
)

DCT = date(2017, 1, 9)  # a Monday


@pytest.mark.parametrize(
    ("form", "anchor", "value"),
    [
        ("=2015-05", DCT, "2015-05"),
        ("=P2W", None, "P2W"),
        ("sh:-1:Y:Y", DCT, "2016"),
        ("sh:0:D:D", DCT, "2017-01-09"),
        ("sh:-2:W:W", DCT, "2016-W52"),
        ("sh:0:W:WE", DCT, "2017-W02-WE"),
        ("sh:-1:Q:Q", DCT, "2016-Q4"),
        ("sh:0:DE:DE", DCT, "201"),
        ("wd:1:p", DCT, "2017-01-09"),
        ("wd:7:p", DCT, "2017-01-08"),
        ("wd:7:p", date(2015, 3, 20), "2015-03-15"),
        ("wd:5:f", DCT, "2017-01-13"),
        ("wd:5:P", DCT, "2017-01-06"),
        ("wd:1:P", DCT, "2017-01-02"),
        ("wd:5:n", DCT, "2017-01-06"),
        ("md:01-08:n", DCT, "2017-01-08"),
        ("md:01-08:n", date(2015, 3, 20), "2015-01-08"),
        ("md:12-25:n", DCT, "2016-12-25"),
        ("md:12-25:f", date(2017, 6, 20), "2017-12-25"),
        ("md:10-02:1:n", date(2019, 3, 1), "2017-10-02"),
        ("md:01-08:7:n", date(2015, 3, 20), "2017-01-08"),
        ("md:01-08:3:p", date(2017, 1, 9), "2014-01-08"),
        ("m:08:n", DCT, "2016-08"),
        ("m:08:F", DCT, "2017-08"),
        ("m:01:P", DCT, "2016-01"),
        ("s:SU:P", DCT, "2016-SU"),
        ("q:4:n", DCT, "2016-Q4"),
        ("h:christmas:p", DCT, "2016-12-25"),
        ("h:thanksgiving:n", date(2000, 1, 7), "1999-11-25"),
        ("off:-1:D:D>wd:7:p", DCT, "2017-01-07"),
        ("off:1:Y:Y>=2012-05-03", DCT, "2013"),
        ("off:-1:Y>q:3:n", date(1989, 10, 26), "1988-Q3"),
        ("wd:1:p|TMO", DCT, "2017-01-09TMO"),
        ("sh:0:Y:Y|-Q3", DCT, "2017-Q3"),
    ],
)
def test_normalize_resolve_form(form: str, anchor: date | None, value: str) -> None:
    assert resolve_form(form, anchor) == value


@pytest.mark.parametrize(
    ("form", "value"),
    [("md:01-08:n", "XXXX-01-08"), ("wd:1:p", "XXXX-WXX-1"), ("sh:-1:Y:Y", "PAST_REF"), ("sh:1:M:M", "FUTURE_REF"),
     ("sh:0:D:D", "PRESENT_REF"), ("m:08:n", "XXXX-08"), ("q:3:n", "XXXX-Q3"), ("h:christmas:n", "XXXX-12-25"),
     ("=2015-05", "2015-05"), ("wd:1:p|TNI", "XXXX-WXX-1TNI")],
)  # fmt: skip
def test_normalize_without_anchor_is_underspecified(form: str, value: str) -> None:
    assert resolve_form(form, None) == value


@pytest.mark.parametrize(
    ("form", "relative", "tense"),
    [("=2015-05", False, None), ("wd:1:p", True, "past"), ("md:01-08:f", True, "future"), ("md:01-08:n", True, None),
     ("off:1:D:D>wd:7:P", True, "past"), ("sh:-1:Y:Y", True, None), (None, False, None)],
)  # fmt: skip
def test_normalize_relative_and_tense(form: str | None, relative: bool, tense: str | None) -> None:
    assert form_is_relative(form) is relative
    assert form_tense(form) == tense


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("2013-Q1", ("Q", date(2013, 1, 1))), ("2017-01-08TMO", ("D", date(2017, 1, 8))), ("2017-W02", ("W", date(2017, 1, 9))),
     ("199", ("DE", date(1990, 1, 1))), ("PRESENT_REF", None), ("P2W", None), ("XXXX-01-08", None)],
)  # fmt: skip
def test_normalize_parse_value(value: str, parsed: tuple[str, date] | None) -> None:
    assert parse_value(value) == parsed


@pytest.mark.parametrize(
    ("d", "n", "unit", "out"),
    [(date(2016, 2, 29), 1, "Y", date(2017, 2, 28)), (date(2017, 1, 31), 1, "M", date(2017, 2, 28)),
     (date(2017, 1, 9), -2, "W", date(2016, 12, 26)), (date(2017, 1, 9), -1, "Q", date(2016, 10, 9))],
)  # fmt: skip
def test_normalize_shift_date(d: date, n: int, unit: str, out: date) -> None:
    assert shift_date(d, n, unit) == out


@pytest.mark.parametrize(
    ("name", "year", "day"),
    [("easter", 2017, date(2017, 4, 16)), ("thanksgiving", 2016, date(2016, 11, 24)), ("memorial", 2017, date(2017, 5, 29)),
     ("labor", 2017, date(2017, 9, 4)), ("christmas", 2017, date(2017, 12, 25))],
)  # fmt: skip
def test_normalize_holiday_date(name: str, year: int, day: date) -> None:
    assert holiday_date(name, year) == day


def test_normalize_extreme_anchors_do_not_crash() -> None:
    for form in (
        "sh:-1:Y:Y",
        "sh:5:C:C",
        "md:01-08:n",
        "wd:1:p",
        "m:12:F",
        "off:-1:D:D>wd:1:P",
        "h:easter:n",
    ):
        assert isinstance(resolve_form(form, date(1, 1, 1)), str)
        assert isinstance(resolve_form(form, date(9999, 12, 31)), str)
