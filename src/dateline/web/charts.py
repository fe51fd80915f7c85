"""Vega-Lite timeline of a story (built with altair): each copy's stated and estimated date, and
the events its copies mention. Also the Vega JavaScript bundle that renders it offline.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from dateline._deps import require

__all__ = ["chart_data", "chart_template", "fill_template", "story_chart", "vega_bundle"]

_EVENT_ROW = "events mentioned"
_MAX_TOOLTIP = 200


def _day(value: str | None) -> str | None:
    """A plottable day: ``YYYY-MM-DD`` as is, a month ``YYYY-MM`` as its 15th."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value + "-15"
    return None


def _label(version: Mapping[str, Any]) -> str:
    """``source (first copy) · id``: the source, else the URL's host, else the id alone."""
    aid = str(version.get("article_id") or "?")
    name = version.get("source") or urlsplit(str(version.get("url") or "")).hostname or ""
    first = " (first copy)" if version.get("is_first_copy") else ""
    if not name or name == aid:
        return f"{aid[:40]}{first}"
    return f"{str(name)[:40]}{first} · {aid[:24]}"


def story_chart(story: Mapping[str, Any]) -> dict[str, Any]:
    """A Vega-Lite spec (a dict) plotting a story's copies and timeline events on one date axis.

    Args:
        story: ``story_to_json`` output (``versions`` and ``timeline`` are read).

    Returns:
        The spec with its data inlined; render it with vega-embed.
    """
    return fill_template(chart_template(), chart_data(story))


def fill_template(template: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """The spec for one story: ``chart_template()`` with ``chart_data(story)`` put in (as dateline.js does)."""
    spec = copy.deepcopy(dict(template))
    spec["data"] = {"values": data["values"]}
    spec["height"] = data["height"]
    for layer in spec["layer"]:
        layer["encoding"]["y"]["sort"] = data["order"]
    return spec


def chart_data(story: Mapping[str, Any]) -> dict[str, Any]:
    """What differs between stories' charts: ``{"values", "order", "height"}`` (the report inlines only this)."""
    rows: list[dict[str, Any]] = []
    order: list[str] = []
    for v in story.get("versions", []):
        label = _label(v)
        order.append(label)
        verdict = v.get("verdict") or "unchecked"
        for kind, value in (
            ("stated date", v.get("stated_date")),
            ("estimated date", v.get("estimated_date")),
        ):
            day = _day(value)
            if day:
                rows.append(
                    {"row": label, "kind": kind, "date": day, "verdict": verdict, "what": f"{kind}: {value}"}
                )
    for ev in story.get("timeline", []):
        mention = (ev.get("mentions") or [{}])[0]
        sentence = str(mention.get("sentence", ""))[:_MAX_TOOLTIP]
        rows.append(
            {
                "row": _EVENT_ROW,
                "kind": "event mentioned",
                "date": ev.get("lo"),
                "end": ev.get("hi"),
                "verdict": "",
                "what": f"{ev.get('date')} ({ev.get('count', 1)} mention(s)): {sentence}",
            }
        )
    order.append(_EVENT_ROW)
    return {"values": rows, "order": order, "height": max(60, 28 * len(order))}


def chart_template() -> dict[str, Any]:
    """The chart without data (a copy), built once with altair (building it per story is slow)."""
    return copy.deepcopy(_template())


@functools.cache
def _template() -> dict[str, Any]:
    alt = require("altair", extra="web", feature="The story timeline plot")
    data = alt.Data(values=[])
    y = alt.Y("row:N", sort=[], title=None, axis=alt.Axis(labelLimit=320))
    x = alt.X("date:T", title="date")
    tooltip = [alt.Tooltip("what:N", title="what"), alt.Tooltip("verdict:N", title="verdict")]
    kinds = ["stated date", "estimated date", "event mentioned"]
    colors = alt.Scale(domain=kinds, range=["#d62728", "#1f77b4", "#7f7f7f"])
    shapes = alt.Scale(domain=kinds, range=["triangle-up", "circle", "diamond"])
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=90, opacity=0.85)
        .encode(
            x=x,
            y=y,
            color=alt.Color("kind:N", scale=colors, title=None),
            shape=alt.Shape("kind:N", scale=shapes, title=None),
            tooltip=tooltip,
        )
    )
    spans = (
        alt.Chart(data)
        .transform_filter("datum.end != null && datum.end != datum.date")
        .mark_rule(strokeWidth=3, opacity=0.5, color="#7f7f7f")
        .encode(x=x, x2="end:T", y=y, tooltip=tooltip)
    )
    spec: dict[str, Any] = alt.layer(spans, points).properties(width=640, height=60).to_dict(validate=True)
    return spec


@functools.cache
def vega_bundle() -> str:
    """vega, vega-lite and vega-embed as one script (from vl-convert-python), safe to inline.

    It defines ``window.vegaEmbed``; ``</script`` is escaped so the bundle cannot close its tag.
    """
    vlc = require("vl_convert", extra="web", feature="The offline Vega bundle", package="vl-convert-python")
    js: str = vlc.javascript_bundle()
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
