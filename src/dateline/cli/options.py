"""Option groups shared by several commands (one decorator each, as sqlite-utils does)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "dateline.duckdb"


def db_option(func: F) -> F:
    """``--db PATH``: the embedded store (default ./dateline.duckdb)."""
    return click.option(
        "--db",
        "db",
        default=DEFAULT_DB,
        show_default=True,
        type=click.Path(dir_okay=False),
        help="DuckDB store file. It accumulates across runs.",
    )(func)


def config_option(func: F) -> F:
    """``--config FILE``: a TOML file laid over the shipped defaults."""
    return click.option(
        "--config",
        "config_path",
        default=None,
        type=click.Path(exists=True, dir_okay=False),
        help="TOML file with settings laid over the shipped defaults.",
    )(func)


def date_option(func: F) -> F:
    """``--date YYYY-MM-DD``: the stated date of a single article (wins over a header in the file)."""
    return click.option(
        "--date",
        "stated",
        default=None,
        metavar="YYYY-MM-DD",
        help="Stated date of the article (YYYY-MM-DD or YYYY-MM). Wins over a ' date ...' header in FILE.",
    )(func)
