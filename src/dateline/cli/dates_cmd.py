"""``dateline check`` (one article's date) and ``dateline eval dates`` (shifted-date evaluation)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from dateline.cli.options import config_option, date_option
from dateline.errors import DatelineError, StoreError


def _config(config_path: str | None) -> Any:
    from dateline.config import load_config

    return load_config(config_path).dating


def _words(result: Any) -> str:
    """The check in words, for the terminal."""
    est = result.estimate
    stated = result.article.stated_date.iso() if result.article.stated_date else "none"
    lines = [f"{result.article.id}: stated date {stated}"]
    verdict = {
        "consistent": "consistent with the text",
        "wrong": "WRONG",
        "no_date": "no stated date",
        "insufficient_evidence": "cannot be checked: the text neither supports nor contradicts it",
    }[est.verdict]
    lines.append(f"  verdict: {verdict} (confidence {est.confidence:.2f})")
    if est.estimated_date:
        lo, hi = est.interval
        lines.append(f"  estimated date: {est.estimated_date}  (between {lo or 'open'} and {hi or 'open'})")
    if result.copies:
        lines.append(f"  other copies used: {', '.join(result.copies)}")
    for m in result.matches[:3]:
        lines.append(f"  joins stored story {m['story_id']} (score {m['score']})")
    if est.evidence:
        lines.append("  evidence:")
        for e in est.evidence[:12]:
            where = f"{e.article_id}@{e.start}" if e.start is not None else e.article_id
            if e.kind == "url":
                where += ", URL"
            lines.append(f"    - {e.kind:<12} {e.text!r:<28} implies {e.implies}  [{where}, weight {e.weight:+.2f}]")
    return "\n".join(lines)


def register(cli: click.Group, eval_group: click.Group) -> None:
    """Add ``check`` to the ``dateline`` group and ``dates`` to its ``eval`` subgroup."""

    @cli.command("check")
    @click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
    @date_option
    @click.option("--db", "db", default=None, type=click.Path(dir_okay=False),
                  help="An existing store: the copies of the stored story the article joins are used as "
                       "evidence (read-only; nothing is written).")
    @click.option("--url", "url", default=None,
                  help="The page's address: a date in it (/2019/06/16/, 20190616, ...) is evidence too.")
    @click.option("--json", "as_json", is_flag=True, help="Print the check as JSON.")
    @config_option
    def check_cmd(file: str, stated: str | None, db: str | None, url: str | None, as_json: bool,
                  config_path: str | None) -> None:
        """Check the stated date of one article (a dated-text FILE, or - for stdin).

        Prints the verdict (consistent, wrong, no_date, insufficient_evidence), the estimated date, its
        interval and the evidence. --date wins over a ' date YYYY-MM-DD' header in FILE.

        Example:

            dateline check ../shared/seeds/001_3b029256879389f1.txt --json
        """
        from dateline.dating import check_article
        from dateline.io.readers import read_single_article

        try:
            article = read_single_article(file, stated)
            if url:
                article.url = url
            config = _config(config_path)
            con = None
            if db is not None and Path(db).exists():
                import duckdb

                try:
                    con = duckdb.connect(db, read_only=True)
                except duckdb.Error as exc:
                    raise click.ClickException(f"{db}: cannot open the store read-only ({exc}); check the path") from exc
            try:
                result = check_article(article, con=con, config=config)
            except StoreError as exc:
                if con is None:
                    raise
                # a store without story tables (or an older layout): check the article on its own
                click.echo(f"warning: {db}: cannot match stored stories ({exc}); checking the text alone", err=True)
                result = check_article(article, config=config)
            finally:
                if con is not None:
                    con.close()
        except DatelineError as exc:
            raise click.ClickException(str(exc)) from exc
        if as_json:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            click.echo(_words(result))

    @eval_group.command("dates")
    @click.option("--data", "data", multiple=True, required=True, type=click.Path(exists=True),
                  help="JSONL file or folder of correctly dated articles (id, date, text, title). Repeatable.")
    @click.option("--seed", default=0, show_default=True, help="Seeds the sample and the shifts.")
    @click.option("--fraction", default=0.5, show_default=True, type=click.FloatRange(0, 1),
                  help="Share of articles whose stated date is moved.")
    @click.option("--sample", default=None, type=click.IntRange(1), help="Check at most this many articles per file.")
    @click.option("--out", "out", default=None, type=click.Path(dir_okay=False), help="Also write the JSON here.")
    @click.option("--solo", is_flag=True,
                  help="Check each article on its own text only (default: group each file's articles into stories "
                       "and check the copies of a story together, as `dateline run` does).")
    @click.option("--one-crawl", is_flag=True,
                  help="Group and check all the files together as one crawl (mixed sources and years) instead of "
                       "each file as its own crawl; metrics are still given per file.")
    @config_option
    def eval_dates_cmd(data: tuple[str, ...], seed: int, fraction: float, sample: int | None, out: str | None,
                       solo: bool, one_crawl: bool, config_path: str | None) -> None:
        """Move the stated dates of a random fraction of correctly dated articles, and score the checker.

        Shifts are drawn uniformly from three buckets (1-30, 31-364, 365-3650 days), each direction equally
        likely. The checker sees only id, date, text and title; by default the articles of a file are grouped
        into stories first (from their texts, never their dates) and the copies of a story are checked together.
        Prints JSON: detection precision/recall by bucket, false-flag rate, estimate accuracy and interval
        coverage on flagged articles, abstention rate.

        Example:

            dateline eval dates --data ../shared/data/dated-news/tbaq-gold.jsonl --seed 1 --fraction 0.5
        """
        from dateline.config import load_config
        from dateline.dating.evaluate import evaluate_dates

        try:
            cfg = load_config(config_path)
            report = evaluate_dates(list(data), seed=seed, fraction=fraction, sample=sample,
                                    config=cfg.dating, cluster=not solo, dedup=cfg.dedup, one_crawl=one_crawl)
        except DatelineError as exc:
            raise click.ClickException(str(exc)) from exc
        text = json.dumps(report, indent=2)
        if out:
            Path(out).write_text(text + "\n", encoding="utf-8")
        click.echo(text)
