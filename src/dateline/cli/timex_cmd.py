"""Commands of this module are being written; it registers none yet."""

from __future__ import annotations

import click


def register(cli: click.Group, eval_group: click.Group) -> None:
    """Add this module's commands to the ``dateline`` group and its ``eval`` subgroup."""
