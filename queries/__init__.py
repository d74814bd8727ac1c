"""The query library: one standings question per .sql file.

Each file opens with a comment header:

    -- title: GC after a stage
    -- description: The general classification after a stage ...
    -- param: race text: race ref or name (accents and case ignored)
    -- param: stage text = last: stage number or label

The same files feed `run()` here, `palmares query` and Datasette's canned
queries. Parameters are bound, never formatted into SQL.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from palmares import sqlfiles
from palmares.db import connect
from palmares.errors import QueryError

_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s+(?P<type>text|integer|real)"
    r"(?:\s*=\s*(?P<default>[^:]*?))?\s*(?::\s*(?P<help>.*))?$"
)
_CASTS = {"integer": int, "real": float, "text": str}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    help: str

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    description: str
    sql: str
    params: tuple[Param, ...] = field(default_factory=tuple)


def parse_query(name: str, sql: str) -> Query:
    """Read the comment header of a query file."""
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        text = line[2:].strip()
        key, _, value = text.partition(":")
        key = key.strip()
        if key == "param":
            m = _PARAM.match(value.strip())
            if not m:
                raise QueryError(
                    f"{name}.sql: a header line 'param: name type [= default]: help' "
                    f"was expected, found {line!r}"
                )
            default = m["default"]
            params.append(Param(m["name"], m["type"], default, (m["help"] or "").strip()))
        elif key in ("title", "description"):
            meta[key] = (meta.get(key, "") + " " + value.strip()).strip()
    if "title" not in meta:
        raise QueryError(f"{name}.sql: a '-- title:' header line was expected")
    return Query(name, meta["title"], meta.get("description", ""), sql, tuple(params))


_INCLUDE = re.compile(r"^\s*-- include: ([a-z_][a-z0-9_]*)\s*$", re.M)


def _body(sql: str) -> str:
    """A query's SQL without its comment header."""
    lines = sql.splitlines()
    while lines and lines[0].startswith("--"):
        lines.pop(0)
    return "\n".join(lines)


def expand_includes(sql: str, files: dict[str, str]) -> str:
    """Put another query's SQL where a line says `-- include: <name>`.

    One question building on another (the lanterne rouge is the last row of the
    GC) reads that query's rows as a subquery instead of a copy of its SQL; the
    two share their parameter names.
    """

    def body(m: re.Match) -> str:
        name = m.group(1)
        if name not in files:
            raise QueryError(f"-- include: {name}: no query file {name}.sql")
        return _body(files[name])

    # an included query may include a fragment in turn (gc includes _race)
    for _ in range(5):
        expanded = _INCLUDE.sub(body, sql)
        if expanded == sql:
            return expanded
        sql = expanded
    raise QueryError("-- include: nested more than 5 deep (an include cycle?)")


def with_fragments(sql: str) -> str:
    """SQL with its `-- include:` lines replaced, for SQL kept outside queries/ (the site's)."""
    return expand_includes(sql, sqlfiles.folder("palmares.queries"))


@cache
def _all() -> dict[str, Query]:
    files = sqlfiles.folder("palmares.queries")  # the queries, and the _fragments
    return {
        name: parse_query(name, expand_includes(sql, files))
        for name, sql in files.items()
        if not name.startswith("_")
    }


def list_queries() -> list[Query]:
    """Every query of the library, by name."""
    return list(_all().values())


def get_query(name: str) -> Query:
    """One query by name."""
    try:
        return _all()[name]
    except KeyError:
        raise QueryError(f"unknown query {name!r}; known queries: {', '.join(_all())}") from None


def bind(query: Query, params: dict[str, Any]) -> dict[str, Any]:
    """Cast the given parameters and fill in defaults; unknown or missing ones raise."""
    known = {p.name: p for p in query.params}
    unknown = set(params) - set(known)
    if unknown:
        raise QueryError(
            f"query {query.name!r} takes no parameter {', '.join(sorted(unknown))}; "
            f"it takes: {', '.join(known) or 'none'}"
        )
    out: dict[str, Any] = {}
    for p in query.params:
        value = params.get(p.name)
        if value is None or value == "":
            if p.required:
                raise QueryError(f"query {query.name!r} needs parameter {p.name!r} ({p.help})")
            value = None if p.default in ("", "null", "last", "all") else p.default
        if value is not None:
            try:
                value = _CASTS[p.type](value)
            except (TypeError, ValueError):
                raise QueryError(
                    f"parameter {p.name!r} of {query.name!r}: {p.type} was expected, "
                    f"found {value!r}"
                ) from None
        out[p.name] = value
    return out


@contextmanager
def _opened(db: sqlite3.Connection | str | Path) -> Iterator[sqlite3.Connection]:
    """The connection given, or the file opened read-only and closed afterwards."""
    if isinstance(db, sqlite3.Connection):
        yield db
        return
    conn = connect(db, readonly=True)
    try:
        yield conn
    finally:
        conn.close()


def run(db: sqlite3.Connection | str | Path, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run a query by name; rows as dicts."""
    query = get_query(name)
    bound = bind(query, params)
    with _opened(db) as conn:
        return _execute(conn, query, bound)


def why_empty(db: sqlite3.Connection | str | Path, name: str, **params: Any) -> str:
    """One line saying why query NAME gives no rows with these parameters."""
    from .resolve import why_empty as explain

    bound = bind(get_query(name), params)
    with _opened(db) as conn:
        return explain(conn, name, bound)


def _execute(conn: sqlite3.Connection, query: Query, bound: dict[str, Any]) -> list[dict[str, Any]]:
    from .resolve import check

    check(conn, bound)
    try:
        cur = conn.execute(query.sql, bound)
    except sqlite3.OperationalError as e:
        # one clear line for the CLI rather than a traceback
        raise QueryError(f"query {query.name!r} could not run: {e}") from None
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
