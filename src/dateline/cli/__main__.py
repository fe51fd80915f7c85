"""``python -m dateline.cli`` runs the ``dateline`` command."""

from dateline.cli.main import cli

cli()
