"""The README's pasted command help stays in sync with the CLI."""

from __future__ import annotations

from conftest import ROOT

from palmares import queries
from palmares.cli import cli


def test_readme_help_is_the_cli_help(runner):
    readme = (ROOT / "README.md").read_text()
    block = readme.split("$ palmares --help\n", 1)[1].split("```", 1)[0]
    result = runner.invoke(cli, ["--help"], prog_name="palmares", terminal_width=80)
    assert block.rstrip() == result.output.rstrip()


def test_readme_lists_every_query():
    readme = (ROOT / "README.md").read_text()
    missing = [q.name for q in queries.list_queries() if f"`{q.name}`" not in readme]
    assert missing == []
