"""TimeML in and out: read TempEval-3 files (``.tml``, ``.tml.TE3input``) and write tagged output.

The text of a document is what lies inside ``<TEXT>`` with every tag removed; offsets of gold and
system TIMEX3 refer to that text. The DCT is the TIMEX3 inside ``<DCT>`` (or the one with
``functionInDocument="CREATION_TIME"``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dateline.errors import InputFormatError
from dateline.records import Timex
from dateline.temporal.config import DEFAULT_TEMPORAL, TemporalConfig

__all__ = [
    "TimemlDoc",
    "iter_timeml_files",
    "parse_timeml",
    "read_timeml",
    "tag_timeml",
    "timeml_name",
    "write_timeml",
]

_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG_RE = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR_RE = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')
_DCT_RE = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)
_CREATION_RE = re.compile(r"<TIMEX3([^>]*functionInDocument=\"CREATION_TIME\"[^>]*)>")


@dataclass(slots=True)
class TimemlDoc:
    """One TimeML document.

    Attributes:
        name: the file name without ``.TE3input`` (``NAME.tml``).
        raw: the whole file.
        text: the content of ``<TEXT>`` with tags removed (offsets refer to it).
        dct: the document creation time, or None.
        timexes: the TIMEX3 found inside ``<TEXT>`` (gold or system annotations).
        text_span: where ``<TEXT>``'s content lies in ``raw``.
    """

    name: str
    raw: str
    text: str
    dct: date | None
    timexes: list[Timex] = field(default_factory=list)
    text_span: tuple[int, int] = (0, 0)


def timeml_name(path: str | Path) -> str:
    """``NAME.tml`` for ``NAME.tml`` and ``NAME.tml.TE3input``."""
    name = Path(path).name
    if name.endswith(".TE3input"):
        name = name[: -len(".TE3input")]
    if not name.endswith(".tml"):
        name += ".tml"
    return name


def _attrs(s: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR_RE.findall(s)}


def _parse_dct(raw: str) -> date | None:
    m = _DCT_RE.search(raw) or _CREATION_RE.search(raw)
    if not m:
        return None
    value = _attrs(m.group(1)).get("value", "")
    mm = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not mm:
        return None
    try:
        return date(int(mm.group(1)), int(mm.group(2)), int(mm.group(3)))
    except ValueError:
        return None


def parse_timeml(raw: str, name: str = "doc.tml") -> TimemlDoc:
    """Parse TimeML text (see ``read_timeml``)."""
    m = _TEXT_RE.search(raw)
    if not m:
        raise InputFormatError(f"{name}: no <TEXT>...</TEXT> element; is this a TimeML file?")
    body = m.group(1)
    parts: list[str] = []
    pos = 0
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    for tag in _TAG_RE.finditer(body):
        chunk = body[pos : tag.start()]
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, tname = tag.group(1), tag.group(2)
        if tname != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, _attrs(tag.group(3))))
            if tag.group(3).rstrip().endswith("/"):
                open_timex.pop()  # an empty TIMEX3 has no extent
        elif open_timex:
            start, attrs = open_timex.pop()
            timexes.append(
                Timex(
                    start, length, "", attrs.get("type", ""), attrs.get("value", ""), None, attrs.get("mod")
                )
            )
    parts.append(body[pos:])
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start : t.end]
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimemlDoc(timeml_name(name), raw, text, _parse_dct(raw), timexes, (m.start(1), m.end(1)))


def read_timeml(path: str | Path) -> TimemlDoc:
    """Read one ``.tml`` or ``.tml.TE3input`` file: its text inside ``<TEXT>``, DCT and TIMEX3."""
    p = Path(path)
    try:
        raw = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFormatError(
            f"{p}: cannot read it as UTF-8 text ({exc}); check the path and encoding"
        ) from exc
    return parse_timeml(raw, p.name)


def iter_timeml_files(path: str | Path) -> list[Path]:
    """The TimeML files under ``path`` (a file or a folder, searched recursively), sorted."""
    p = Path(path)
    if p.is_file():
        return [p]
    if not p.is_dir():
        raise InputFormatError(f"{p}: no such file or folder; give a .tml/.TE3input file or a folder of them")
    return sorted(
        f for f in p.rglob("*") if f.is_file() and (f.name.endswith(".tml") or f.name.endswith(".TE3input"))
    )


def _escape_attr(s: str) -> str:
    return html.escape(s, quote=True)


def write_timeml(doc: TimemlDoc, timexes: list[Timex]) -> str:
    """The document with ``timexes`` as TIMEX3 tags inside ``<TEXT>`` (other tags there are dropped).

    Everything outside ``<TEXT>`` (the DCT included) is kept as it was.
    """
    out: list[str] = []
    pos = 0
    n = 0
    for t in sorted(timexes, key=lambda t: t.start):
        if t.start < pos or t.end > len(doc.text) or t.end <= t.start:
            continue
        n += 1
        attrs = f'tid="t{n}" type="{_escape_attr(t.type)}" value="{_escape_attr(t.value)}"'
        if t.mod:
            attrs += f' mod="{_escape_attr(t.mod)}"'
        out.append(doc.text[pos : t.start])
        out.append(f"<TIMEX3 {attrs}>{doc.text[t.start : t.end]}</TIMEX3>")
        pos = t.end
    out.append(doc.text[pos:])
    lo, hi = doc.text_span
    return doc.raw[:lo] + "".join(out) + doc.raw[hi:]


def tag_timeml(src: str | Path, out_dir: str | Path, *, config: TemporalConfig | None = None) -> list[Path]:
    """Tag every TimeML file under ``src`` and write ``out_dir/NAME.tml`` for each (DCT kept).

    Relative expressions are resolved against each document's DCT. Returns the written paths.
    """
    from dateline.temporal.extract import extract_timexes

    cfg = config or DEFAULT_TEMPORAL
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in iter_timeml_files(src):
        doc = read_timeml(path)
        timexes = extract_timexes(doc.text, doc.dct, config=cfg)
        target = out / doc.name
        target.write_text(write_timeml(doc, timexes), encoding="utf-8")
        written.append(target)
    return written
