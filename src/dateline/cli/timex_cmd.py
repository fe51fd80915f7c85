"""``dateline timex`` (tag text or TimeML) and ``dateline eval timex`` (TempEval-3 scoring)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from dateline.errors import DatelineError
from dateline.temporal.timeml import iter_timeml_files

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _parse_dct(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint="--dct") from exc


def _is_timeml(path: Path) -> bool:
    if path.is_dir():
        return True
    return path.name.endswith((".tml", ".TE3input"))


@click.command("timex", context_settings=CONTEXT_SETTINGS)
@click.argument("source", default="-", metavar="[FILE_OR_DIR|-]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "timeml"]),
    default=None,
    help="Output format: a JSON list of timexes, or TimeML files (default: timeml for .tml input, else json).",
)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False),
    default=None,
    help="Output folder for --format timeml (DIR/NAME.tml).",
)
@click.option(
    "--dct",
    default=None,
    metavar="YYYY-MM-DD",
    help="Document creation time to resolve relative expressions in plain text (TimeML input uses its DCT).",
)
def timex_command(source: str, fmt: str | None, out: str | None, dct: str | None) -> None:
    """Tag temporal expressions (TIMEX3) in plain text or TempEval-3 TimeML files.

    Plain text (a file, or - for stdin) prints a JSON list of
    {"start", "end", "text", "type", "value", "anchor"}. A dated-text record (" date YYYY-MM-DD - text")
    is resolved against its header date unless --dct is given, and offsets refer to the text after
    the header. TimeML input (NAME.tml.TE3input or
    NAME.tml, or a folder of them) with --format timeml writes DIR/NAME.tml with TIMEX3 tags
    added and the DCT kept.

    Example:

    \b
        dateline timex --dct 2017-01-09 article.txt
        dateline timex ../shared/seeds/001_3b029256879389f1.txt
        echo "He said Monday." | dateline timex --dct 2017-01-09 -
        dateline timex ../shared/data/tempeval3/TEST/platinum-input --format timeml --out out/
    """
    from dateline.temporal import extract_timexes
    from dateline.temporal.timeml import tag_timeml

    anchor = _parse_dct(dct)
    try:
        if source != "-" and _is_timeml(Path(source)) and fmt != "json":
            if out is None:
                raise click.UsageError("TimeML input needs --out DIR for the tagged files")
            written = tag_timeml(source, out)
            click.echo(f"wrote {len(written)} files to {out}", err=True)
            return
        if fmt == "timeml":
            raise click.UsageError("--format timeml needs TimeML input (.tml, .TE3input or a folder of them)")
        if source == "-":
            text = sys.stdin.read()
        else:
            try:
                text = Path(source).read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise click.ClickException(f"{source}: cannot read it as UTF-8 text ({exc})") from exc
        from dateline.io.base import split_dated_text
        from dateline.records import parse_stated_date

        raw, body = split_dated_text(text)
        if raw is not None:
            # a dated-text record: offsets refer to its text after the header, as in `dateline run`
            text = body
            if anchor is None:
                try:
                    stated = parse_stated_date(raw)
                except ValueError:
                    stated = None
                anchor = stated.anchor() if stated else None
        timexes = extract_timexes(text, anchor)
        click.echo(json.dumps([t.to_json() for t in timexes], ensure_ascii=False, indent=1))
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("timex", context_settings=CONTEXT_SETTINGS)
@click.option("--gold", required=True, type=click.Path(exists=True), help="Folder (or file) of gold TimeML.")
@click.option(
    "--pred", required=True, type=click.Path(exists=True), help="Folder (or file) of system TimeML."
)
def eval_timex_command(gold: str, pred: str) -> None:
    """Score system TIMEX3 against gold the TempEval-3 Task A way.

    Prints the scores as JSON on stdout and a table on stderr: strict and relaxed P/R/F1 over
    extents, and type/value accuracy and F1 on relaxed matches. Files pair by NAME.tml, only
    TIMEX3 inside <TEXT> count, the DCT is left out.

    Example:

    \b
        dateline timex ../shared/data/tempeval3/TEST/platinum-input --format timeml --out pred/
        dateline eval timex --gold ../shared/data/tempeval3/TEST/platinum --pred pred/
    """
    from dateline.temporal.scoring import format_table, score_timeml

    try:
        if not iter_timeml_files(pred):
            raise click.ClickException(f"{pred}: no .tml files found")
        result = score_timeml(gold, pred)
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(result, indent=1))
    click.echo(format_table(result), err=True)


def register(cli: click.Group, eval_group: click.Group) -> None:
    """Add ``timex`` to the ``dateline`` group and ``timex`` to its ``eval`` subgroup."""
    cli.add_command(timex_command)
    eval_group.add_command(eval_timex_command)
