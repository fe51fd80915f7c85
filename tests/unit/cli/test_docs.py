"""Every command has help with an example, answers -h, and is documented in README.md."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from dateline.cli.main import cli

README = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, full + " "))
        else:
            out.append((full, cmd))
    return out


COMMANDS = _commands(cli)


def test_docs_core_commands_exist():
    names = {name for name, _ in COMMANDS}
    assert {"run", "ingest"} <= names


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_docs_command_has_help_with_example(name, command):
    assert command.help, f"dateline {name} is missing its help"
    assert "Example:" in command.help, f"dateline {name}: its help needs an Example: block"


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_docs_command_answers_short_help(name, command):
    result = CliRunner().invoke(cli, [*name.split(), "-h"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_docs_command_in_readme(name, command):
    assert f"dateline {name}" in README, f"README.md does not document `dateline {name}`"


def test_docs_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and "dateline, version" in result.output
