"""Opening a palmares database: schema, pragmas and the SQL functions queries use."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import astuple
from pathlib import Path

from . import rules, sqlfiles
from .names import fold, name_key, race_score, slugify, team_key
from .values import asked_stage_label, format_gap, format_time

SCHEMA_VERSION = 1


def schema_sql() -> str:
    """The text of schema.sql, the project's only DDL."""
    return sqlfiles.read("palmares", "schema.sql")


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions the queries use to match names without accents or case."""
    det = {"deterministic": True}
    conn.create_function(
        "palmares_slug", 1, lambda s: None if s is None else slugify(str(s)), **det
    )
    conn.create_function("palmares_fold", 1, lambda s: None if s is None else fold(str(s)), **det)
    conn.create_function(
        "palmares_name_key", 1, lambda s: None if s is None else name_key(str(s)), **det
    )
    conn.create_function(
        "palmares_team_key", 1, lambda s: None if s is None else team_key(str(s)), **det
    )
    # how well what a person typed names a race: queries/_race.sql picks the race
    conn.create_function("palmares_race_score", 3, _race_score, **det)
    # '8', 'Stage 8', '08', '10A' -> the stage's label (values.asked_stage_label)
    conn.create_function("palmares_stage_label", 1, asked_stage_label, **det)
    # times for people: 14809 -> '4:06:49', gaps 96 -> '+1:36'
    conn.create_function("palmares_time", 1, lambda t: None if t is None else format_time(t), **det)
    conn.create_function("palmares_gap", 1, lambda g: None if g is None else format_gap(g), **det)
    # a race rule's bonus for a place: ('10 6 4', 2) -> 6, past the list 0, no rule null
    conn.create_function("palmares_bonus", 2, rules.bonus_for_place, **det)


def _race_score(ref: object, name: object, asked: object) -> int:
    return 0 if asked is None else race_score(str(ref), str(name), str(asked))


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open a database with foreign keys on and the palmares SQL functions."""
    if readonly:
        conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("pragma foreign_keys = on")
    conn.execute("pragma busy_timeout = 10000")
    register_functions(conn)
    return conn


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Apply schema.sql: safe to repeat, and upgrades an older database in place.

    Every table and index is `if not exists`, so new ones are added; views are
    dropped and made again so that a changed view takes effect. The race rules
    (`palmares/rules/*.csv`) are copied into `race_rules` with it: a changed
    rules file is a changed schema.
    """
    if conn.in_transaction:
        raise RuntimeError("ensure_schema needs a connection outside a transaction")
    script = schema_sql()
    race_rules = rules.all_rules()
    digest = hashlib.sha256("\n".join([script, *rules.rule_files().values()]).encode()).hexdigest()
    if _applied_schema(conn) == digest:
        return
    conn.execute("pragma journal_mode = wal")
    views = [r[0] for r in conn.execute("select name from sqlite_master where type = 'view'")]
    conn.execute("begin")
    try:
        for view in views:
            # names come from sqlite_master, never from input
            conn.execute(f'drop view "{view}"')
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute("delete from race_rules")
        conn.executemany(
            "insert into race_rules values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [astuple(r) for r in race_rules],
        )
        conn.execute("delete from schema_version")
        conn.execute(
            "insert into schema_version (version, sha256) values (?, ?)", (SCHEMA_VERSION, digest)
        )
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise


def _applied_schema(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("select sha256 from schema_version").fetchone()
    except sqlite3.OperationalError:  # a new database, or one from before the sha256
        return None
    return row[0] if row else None


def _statements(script: str) -> list[str]:
    """The statements of schema.sql but its pragmas: `connect` sets those, outside a transaction."""
    return [s for s in sqlfiles.statements(script) if not s.startswith("pragma")]


def init_db(path: str | Path) -> sqlite3.Connection:
    """Create (or open) a database with the schema applied."""
    conn = connect(path)
    ensure_schema(conn)
    return conn
