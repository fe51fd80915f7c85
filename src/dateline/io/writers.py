"""Output writers: the run folder with JSONL files and their Parquet twins, replaced atomically.

The folder is written aside (``DIR.tmp-XXXX`` next to it) and then renamed into place, so a
reader never sees half a run and a killed run leaves the previous output untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.records import ARTICLE_SCHEMA, REJECT_SCHEMA, STORY_SCHEMA

ARTICLE_FIELDS = tuple(ARTICLE_SCHEMA.names)
STORY_FIELDS = tuple(STORY_SCHEMA.names)
REJECT_FIELDS = tuple(REJECT_SCHEMA.names)


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]], fields: Sequence[str]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({f: row.get(f) for f in fields}, ensure_ascii=False))
            fh.write("\n")


def _story_for_parquet(row: dict[str, Any]) -> dict[str, Any]:
    out = {f: row.get(f) for f in STORY_FIELDS}
    out["timeline"] = json.dumps(row.get("timeline"), ensure_ascii=False) if row.get("timeline") is not None else None
    out["versions"] = json.dumps(row.get("versions"), ensure_ascii=False) if row.get("versions") is not None else None
    return out


def write_run_output(
    out_dir: str | Path,
    articles: Sequence[dict[str, Any]],
    stories: Sequence[dict[str, Any]],
    rejects: Sequence[dict[str, Any]],
) -> Path:
    """Write ``articles``, ``stories`` and ``rejects`` as JSONL + Parquet into ``out_dir`` atomically.

    Every field of the contract is present in every row (``None`` where a stage did not run).
    Returns the final folder path.
    """
    final = Path(out_dir)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-", dir=final.parent))
    try:
        _write_jsonl(tmp / "articles.jsonl", articles, ARTICLE_FIELDS)
        _write_jsonl(tmp / "stories.jsonl", stories, STORY_FIELDS)
        _write_jsonl(tmp / "rejects.jsonl", rejects, REJECT_FIELDS)
        pq.write_table(
            pa.Table.from_pylist([{f: r.get(f) for f in ARTICLE_FIELDS} for r in articles], schema=ARTICLE_SCHEMA),
            tmp / "articles.parquet",
        )
        pq.write_table(
            pa.Table.from_pylist([_story_for_parquet(r) for r in stories], schema=STORY_SCHEMA),
            tmp / "stories.parquet",
        )
        pq.write_table(
            pa.Table.from_pylist([{f: r.get(f) for f in REJECT_FIELDS} for r in rejects], schema=REJECT_SCHEMA),
            tmp / "rejects.parquet",
        )
        os.chmod(tmp, 0o755)
        _swap_into_place(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def _swap_into_place(tmp: Path, final: Path) -> None:
    if final.exists() and not final.is_dir():
        raise FileExistsError(f"{final}: exists and is not a folder; choose another --out")
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        os.replace(final, old)
    os.replace(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
