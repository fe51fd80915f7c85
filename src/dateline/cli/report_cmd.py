"""``dateline report`` (one self-contained HTML file) and ``dateline serve`` (local web UI + JSON API)."""

from __future__ import annotations

import click

from dateline.cli.options import config_option, db_option
from dateline.errors import DatelineError


def register(cli: click.Group, eval_group: click.Group) -> None:
    """Add ``report`` and ``serve`` to the ``dateline`` group."""

    @cli.command("report")
    @db_option
    @config_option
    @click.option(
        "--out",
        "out",
        required=True,
        type=click.Path(dir_okay=False, writable=True),
        help="The HTML file to write (one file; it opens offline).",
    )
    def report(db: str, config_path: str | None, out: str) -> None:
        """Write an HTML report of the store: an overview, a page per story with two or more copies
        (timeline plot, copies, events, what each version changes) and a page per article with its
        date evidence highlighted. One self-contained file: it opens offline, searchable and paginated.
        The store is only read.

        Example:

            dateline report --db dateline.duckdb --out report.html
        """
        from dateline.config import load_config
        from dateline.web.report import write_report

        try:
            cfg = load_config(config_path)
            stats = write_report(db, out, config=cfg.stories)
        except DatelineError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(
            f"wrote {out}: {stats['stories']} stories with 2+ copies, {stats['articles']} articles, "
            f"{stats['bytes'] / 1e6:.1f} MB",
            err=True,
        )

    @cli.command("serve")
    @db_option
    @config_option
    @click.option(
        "--host",
        default="127.0.0.1",
        show_default=True,
        help="Address to listen on. The default only answers this machine; use --host 0.0.0.0 to expose "
        "the UI to your network (it has no login: do that only on a trusted network).",
    )
    @click.option(
        "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on."
    )
    def serve(db: str, config_path: str | None, host: str, port: int) -> None:
        """Serve a local, read-only web UI and JSON API over the store: story search, story and article
        pages, and a form that checks a pasted article's date. Every page /x has a JSON twin /x.json;
        POST /api/check answers like `dateline check --json` and stores nothing.

        It listens on 127.0.0.1 (this machine only). To reach it from other machines, pass
        --host 0.0.0.0 (no authentication: use a trusted network or a reverse proxy).
        While it runs, the store is locked for reading: stop it before `dateline run` adds to the store.

        Example:

            dateline serve --db dateline.duckdb --port 8000
        """
        from dateline._deps import require
        from dateline.config import load_config

        try:
            uvicorn = require("uvicorn", extra="web", feature="dateline serve")
            from dateline.web.app import create_app

            app = create_app(db, config=load_config(config_path))
        except DatelineError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"dateline: serving {db} read-only on http://{host}:{port}/ (Ctrl+C stops)", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
