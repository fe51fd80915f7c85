"""``dateline run`` (the main job) and ``dateline ingest`` (read and store only)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from dateline.cli.options import config_option, db_option
from dateline.errors import DatelineError


def parse_fields(values: tuple[str, ...]) -> dict[str, str]:
    """``("date=published", ...)`` -> ``{"date": "published"}``; raise a usage error on a bad pair."""
    out = {}
    for value in values:
        key, sep, target = value.partition("=")
        if not sep or not key or not target:
            raise click.BadParameter(f"{value!r}: expected FIELD=COLUMN, e.g. date=published", param_hint="--field")
        out[key.strip()] = target.strip()
    return out


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options every reading command shares."""
    from dateline.io.readers import FORMATS

    func = click.option("--strict", is_flag=True, help="Stop at the first bad record, naming its file, line and fix.")(func)
    func = click.option(
        "--field", "fields", multiple=True, metavar="FIELD=COLUMN",
        help="Map an input column to a field (id, date, text, title, url, source), e.g. --field date=published.",
    )(func)
    func = click.option(
        "--input-format", type=click.Choice(FORMATS), default=None,
        help="Input format; by default it comes from each file's suffix.",
    )(func)
    return click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))(func)


def _print_summary(summary: Any, *, title: str, rejects_at: str | None = None) -> None:
    """The run's counts as a table on stderr, then what each kind of reject means and how to fix it."""
    from rich.console import Console
    from rich.table import Table

    from dateline.errors import REJECT_HINTS

    table = Table(title=title, show_header=False, title_justify="left")
    table.add_row("records read", f"{summary.read:,}")
    table.add_row("accepted", f"{summary.accepted:,}")
    table.add_row("rejected", f"{summary.rejected:,}")
    for reason, n in sorted(summary.rejects_by_reason.items()):
        table.add_row(f"  {reason}", f"{n:,}")
    table.add_row("new in store", f"{summary.new_articles:,}")
    table.add_row("stored in all", f"{summary.stored_articles:,}")
    if summary.out_dir:
        table.add_row("stories", f"{summary.stories:,}")
        table.add_row("  with 2+ copies", f"{summary.multi_article_stories:,}")
        for verdict, n in sorted(summary.verdicts.items()):
            table.add_row(f"  dates {verdict}", f"{n:,}")
        table.add_row("output", summary.out_dir)
    rate = summary.read / summary.seconds if summary.seconds else 0.0
    places = 1 if rate < 10 else 0  # a tiny run (the seeds) should not read "0 records/s"
    table.add_row("time", f"{summary.seconds:.1f} s ({rate:,.{places}f} records/s)")
    console = Console(stderr=True)
    console.print(table)
    for reason, n in sorted(summary.rejects_by_reason.items()):
        console.print(f"{n:,} rejected as {reason}: {REJECT_HINTS.get(reason, 'see the snippet')}", markup=False)
    if summary.rejected:
        console.print(f"The rejected records, with file and line: {rejects_at}", markup=False)


def register(cli: click.Group, eval_group: click.Group) -> None:
    """Add ``run`` and ``ingest`` to the ``dateline`` group."""

    @cli.command("run")
    @input_options
    @click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
                  help="Output folder (replaced atomically).")
    @db_option
    @click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
                  help="Where to compute: this process, or Apache Spark (pip install 'dateline[spark]').")
    @config_option
    @click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON on stdout.")
    @click.option("--quiet", "-q", is_flag=True, help="No progress bars or summary table.")
    def run_command(inputs: tuple[str, ...], input_format: str | None, fields: tuple[str, ...], strict: bool,
                    out_dir: str, db: str, engine: str, config_path: str | None, as_json: bool, quiet: bool) -> None:
        """Group copies into stories, tag dates and check stated dates; write DIR.

        INPUT is one or more files or folders (dated .txt, .jsonl, .csv, .parquet, .warc[.gz], .html).
        DIR gets articles.jsonl, stories.jsonl, rejects.jsonl and their Parquet twins. The store
        (--db) accumulates across runs, and a new batch is grouped against it.

        Example:

            dateline run ../shared/seeds --out out/

            dateline run crawl.jsonl --field date=published --out out/ --db crawl.duckdb
        """
        from dateline.config import load_config
        from dateline.engines.progress import RichProgress
        from dateline.pipeline import run_pipeline

        try:
            config = load_config(config_path)
            with RichProgress(enabled=not quiet) as progress:
                summary = run_pipeline(
                    list(inputs), out_dir, db=db, config=config, engine=engine, input_format=input_format,
                    fields=parse_fields(fields), strict=strict, progress=progress,
                )
        except DatelineError as exc:
            raise click.ClickException(str(exc)) from exc
        if as_json:
            click.echo(json.dumps(summary.to_json()))
        if not quiet:
            _print_summary(summary, title="dateline run", rejects_at=str(Path(out_dir) / "rejects.jsonl"))

    @cli.command("ingest")
    @input_options
    @db_option
    @config_option
    @click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
    @click.option("--quiet", "-q", is_flag=True, help="No progress bars or summary table.")
    @click.option("--rejects", "rejects_path", type=click.Path(dir_okay=False), default=None,
                  help="Write rejected records here as JSONL (default: stderr summary only).")
    def ingest_command(inputs: tuple[str, ...], input_format: str | None, fields: tuple[str, ...], strict: bool,
                       db: str, config_path: str | None, as_json: bool, quiet: bool, rejects_path: str | None) -> None:
        """Read INPUT and add its records to the store, without grouping or checking.

        Ingesting the same input twice adds nothing. Use `dateline run` for the whole job.

        Example:

            dateline ingest ../shared/data/dated-news/wikinews-semeval2015.jsonl --db news.duckdb
        """
        from dateline.config import load_config
        from dateline.engines.progress import RichProgress
        from dateline.pipeline import ingest

        try:
            config = load_config(config_path)
            with RichProgress(enabled=not quiet) as progress:
                summary, _, rejects = ingest(
                    list(inputs), db=db, config=config, input_format=input_format,
                    fields=parse_fields(fields), strict=strict, progress=progress,
                )
        except DatelineError as exc:
            raise click.ClickException(str(exc)) from exc
        if rejects_path:
            with open(rejects_path, "w", encoding="utf-8") as fh:
                for r in rejects:
                    fh.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
        if as_json:
            click.echo(json.dumps(summary.to_json()))
        if not quiet:
            _print_summary(summary, title="dateline ingest", rejects_at=rejects_path or "not kept; add --rejects FILE")
