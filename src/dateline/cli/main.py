"""The ``dateline`` command group. Each command lives in its own module and registers itself here."""

from __future__ import annotations

import importlib
import logging

import click

from dateline import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Modules that add commands: each exposes ``register(cli, eval_group)``.
_COMMAND_MODULES = (
    "dateline.cli.run_cmd",
    "dateline.cli.timex_cmd",
    "dateline.cli.stories_cmd",
    "dateline.cli.dates_cmd",
    "dateline.cli.report_cmd",
)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="dateline")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """dateline groups copies of news stories and checks their stated dates against their content.

    Example:

        dateline run ../shared/seeds --out out/
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@cli.group("eval", context_settings=CONTEXT_SETTINGS)
def eval_group() -> None:
    """Evaluate dateline's stages on annotated data.

    Example:

        dateline eval timex --gold GOLD_DIR --pred PRED_DIR
    """


for _name in _COMMAND_MODULES:
    importlib.import_module(_name).register(cli, eval_group)
