"""Reading SQL files: the one place that splits scripts and finds named statements.

SQL lives in .sql files beside the code that runs it, never in Python strings:

- `schema.sql` is one script (`statements` splits it);
- the query library (`palmares.queries`) and the web pages' lookups are one
  question per file, with a comment header `palmares.queries` reads;
- a module's statements are one file, `<package>/sql/<module>.sql`, each
  statement under a `-- name: <name>` line and a comment saying what it
  answers; the Python asks for them by name through `load`.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from importlib import resources

_NAME = re.compile(r"^--\s*name:\s*([a-z_][a-z0-9_]*)\s*$", re.M)


def statements(text: str) -> list[str]:
    """Split a script into statements (triggers hold semicolons of their own).

    Comments before a statement stay with it; text after the last semicolon and
    chunks of nothing but comments are dropped.
    """
    out, buf = [], ""
    for line in text.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s and not _only_comments(s)]


def _only_comments(statement: str) -> bool:
    return all(not ln.strip() or ln.lstrip().startswith("--") for ln in statement.splitlines())


def named(text: str) -> dict[str, str]:
    """The statements of a script by name: each one follows a `-- name: <name>` line.

    A statement's text starts at its name line, so the file's opening comment is
    not part of the first one. A statement without a name, or a name given twice,
    is a mistake in the file and raises ValueError.
    """
    out: dict[str, str] = {}
    for statement in statements(text):
        m = _NAME.search(statement)
        if not m:
            raise ValueError(f"a '-- name: <name>' line was expected before {statement[:60]!r}")
        if m[1] in out:
            raise ValueError(f"the statement name {m[1]!r} is given twice")
        out[m[1]] = statement[m.start() :]
    return out


def read(package: str, path: str) -> str:
    """The text of a file of an installed package: read('palmares', 'schema.sql')."""
    return resources.files(package).joinpath(*path.split("/")).read_text("utf-8")


def folder(package: str, path: str = "") -> dict[str, str]:
    """Name -> text of every .sql file in a package's folder, by name.

    Names starting with `_` are fragments other files include (queries/_race.sql),
    not questions of their own: the caller leaves them out where it lists questions.
    """
    files = resources.files(package)
    if path:
        files = files.joinpath(*path.split("/"))
    found = (f for f in files.iterdir() if f.name.endswith(".sql"))
    return dict(sorted((f.name.removesuffix(".sql"), f.read_text("utf-8")) for f in found))


@functools.cache
def load(package: str, filename: str) -> dict[str, str]:
    """The named statements of `<package>/sql/<filename>`, read once."""
    return named(read(package, f"sql/{filename}"))
