"""The README's pasted command help stays in sync with the CLI."""

from __future__ import annotations

import re
import shlex
import shutil

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


def readme_sessions() -> list[tuple[str, list[str]]]:
    """Every `$ palmares ...` command of the README's transcripts, with the lines shown after it."""
    readme = (ROOT / "README.md").read_text()
    sessions: list[tuple[str, list[str]]] = []
    for block in readme.split("```")[1::2]:
        for line in block.splitlines():
            if line.startswith("$ palmares ") and "--help" not in line:
                sessions.append((line[2:], []))
            elif sessions and not line.startswith("$ ") and block.count("$ palmares "):
                if line.startswith("$ "):
                    sessions.append((line[2:], []))
                else:
                    sessions[-1][1].append(line)
    return sessions


def matches(shown: list[str], printed: list[str]) -> bool:
    """The README's lines are the printed ones, where '...' stands for any lines."""
    shown = [s.rstrip() for s in shown]
    while shown and not shown[-1]:
        shown.pop()
    pattern = "\n".join(re.escape(s) if s != "..." else r"(?:.*\n)*?.*" for s in shown)
    return re.fullmatch(pattern, "\n".join(p.rstrip() for p in printed).rstrip()) is not None


def test_the_readme_transcripts_are_what_palmares_prints(tmp_path, monkeypatch, runner):
    (tmp_path / "data").symlink_to(ROOT / "data")
    # the bad-data example: the seed race with a typo in stage 1's first time
    broken = tmp_path / "x" / "2021"
    shutil.copytree(ROOT / "data" / "criterium-du-dauphine" / "2021", broken)
    stage = broken / "stage-1.csv"
    stage.write_text(stage.read_text().replace("4:13:00", "4:6o:49", 1))
    monkeypatch.chdir(tmp_path)
    ran = []
    for command, shown in readme_sessions():
        words = shlex.split(command.split("  #", 1)[0])
        if words[1] == "serve" or any("../shared" in w for w in words):
            continue  # a server that runs until stopped; the corpus load takes minutes
        result = runner.invoke(cli, words[1:], prog_name="palmares", terminal_width=80)
        printed = result.output.splitlines()
        assert matches(shown, printed), f"$ {command}\n" + "\n".join(printed)
        ran.append(words[1])
    assert {"load", "query", "profile", "check"} <= set(ran)
