"""``dateline match`` (which stored stories an article joins) and ``dateline eval stories``."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from dateline.cli.options import config_option, date_option, db_option
from dateline.errors import DatelineError, InputFormatError


def _dedup_config(config_path: str | None) -> Any:
    from dateline.config import load_config

    return load_config(config_path).dedup


def match_article(path: str, *, stated: str | None, db: str, config_path: str | None, limit: int) -> dict[str, Any]:
    """Read one article and match it against the store at ``db`` without writing. Returns the JSON answer."""
    from dateline.dedup.index import StoryIndex
    from dateline.io.readers import read_single_article
    from dateline.store import open_store

    article = read_single_article(path, stated)
    cfg = _dedup_config(config_path)
    with open_store(db, read_only=db != ":memory:") as store:
        matches = StoryIndex.reader(store.con, config=cfg).match(article, limit=limit)
    return {"article_id": article.id, "matches": [m.to_json() for m in matches]}


def eval_stories(
    data: str, *, label_field: str, fields: dict[str, str], config_path: str | None = None
) -> dict[str, Any]:
    """Group the records of ``data`` and score the grouping against ``label_field``.

    The label is read from the same lines as the records and never given to the grouping. Every record
    is accounted for: records without a label are grouped but left out of the scores, records the reader
    rejects are neither; the answer counts both (``unlabelled``, ``rejected``) and ``rejects`` says where
    and why, as ``dateline run``'s rejects file does.
    """
    from dateline.dedup import cluster_metrics, group_articles
    from dateline.io.base import strict_message
    from dateline.io.readers import read_records
    from dateline.records import Article, Reject

    labels: dict[int, Any] = {}
    with open(data, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    labels[lineno] = json.loads(line).get(label_field)
                except (json.JSONDecodeError, AttributeError):
                    continue
    items = list(read_records([data], fields=fields))
    articles = [it for it in items if isinstance(it, Article)]
    rejects = [it for it in items if isinstance(it, Reject)]
    gold_of = [labels.get(a.origin.line if a.origin and a.origin.line else -1) for a in articles]
    scored = [k for k, lab in enumerate(gold_of) if lab is not None]
    if not scored:  # before grouping: nothing could be scored
        why = "; rejected: " + "; ".join(strict_message(r) for r in rejects[:3]) if rejects else ""
        raise InputFormatError(f"{data}: no readable record has the label field {label_field!r}; check --label-field{why}")
    cfg = _dedup_config(config_path)
    t0 = time.perf_counter()
    res = group_articles(articles, config=cfg)
    seconds = time.perf_counter() - t0
    gold = [gold_of[k] for k in scored]
    pred = [res.story_id[articles[k].id] for k in scored]
    dpred = [res.dup_group_id[articles[k].id] for k in scored]
    out: dict[str, Any] = dict(cluster_metrics(gold, pred))
    out["records"] = len(items)
    out["unlabelled"] = len(articles) - len(gold)
    out["rejected"] = len(rejects)
    out["rejects"] = [{"line": r.line, "reason": r.reason, "message": strict_message(r)} for r in rejects]
    out["dup_level"] = {k: v for k, v in cluster_metrics(gold, dpred).items() if k in ("pairwise_precision", "pairwise_recall", "ari")}
    out["seconds"] = round(seconds, 3)
    out["docs_per_second"] = round(len(articles) / seconds, 1) if seconds else None
    return out


def register(cli: click.Group, eval_group: click.Group) -> None:
    """Add ``match`` to the ``dateline`` group and ``stories`` to its ``eval`` subgroup."""

    @cli.command("match")
    @click.argument("file", type=str)
    @date_option
    @db_option
    @config_option
    @click.option("--limit", default=5, show_default=True, help="Most stories to list.")
    def match_cmd(file: str, stated: str | None, db: str, config_path: str | None, limit: int) -> None:
        """Which stored stories FILE (a dated-text article, or - for stdin) joins, with the evidence, as JSON.

        Nothing is written to the store. Stated dates are never used to match.

        Example:

            dateline match article.txt --db dateline.duckdb
        """
        if file != "-" and not Path(file).exists():
            raise click.BadParameter(f"{file}: no such file", param_hint="FILE")
        try:
            out = match_article(file, stated=stated, db=db, config_path=config_path, limit=limit)
        except DatelineError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))

    @eval_group.command("stories")
    @click.option("--data", "data", required=True, type=click.Path(exists=True, dir_okay=False), help="JSONL records.")
    @click.option("--label-field", required=True, help="Field holding the gold story label (e.g. event_id).")
    @click.option("--field", "field_maps", multiple=True, metavar="NAME=COLUMN", help="Rename input fields (text=body).")
    @config_option
    def eval_stories_cmd(data: str, label_field: str, field_maps: tuple[str, ...], config_path: str | None) -> None:
        """Group the records of a JSONL file and print pairwise P/R/F1, B-cubed P/R/F1 and ARI as JSON.

        Example:

            dateline eval stories --data stories.jsonl --label-field event_id --field id=page_id
        """
        fields: dict[str, str] = {}
        for item in field_maps:
            if "=" not in item:
                raise click.BadParameter(f"{item!r}: expected NAME=COLUMN", param_hint="--field")
            k, v = item.split("=", 1)
            fields[k.strip()] = v.strip()
        try:
            out = eval_stories(data, label_field=label_field, fields=fields, config_path=config_path)
        except DatelineError as exc:
            raise click.ClickException(str(exc)) from exc
        # the scores cover fewer records than the file holds: say so where a person reads it, not only in the JSON
        for r in out["rejects"]:
            click.echo(f"rejected, not scored: {r['message']}", err=True)
        if out["unlabelled"]:
            click.echo(f"{data}: {out['unlabelled']} record(s) have no {label_field!r}: grouped, not scored", err=True)
        click.echo(json.dumps(out, indent=2))
