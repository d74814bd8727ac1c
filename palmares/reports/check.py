"""`palmares check`: is a database whole and consistent, and what does it say about its data.

Every check reads; none writes, so a read-only connection is enough. Errors are damage
(a file SQLite finds corrupt, a row pointing at nothing); warnings are rows that should
not be there or numbers that disagree; notes (level "info") summarise what was checked.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from palmares import sqlfiles
from palmares.db import check_constraints, describe_check
from palmares.loader.load import refresh_computed

LEVELS = ("error", "warning", "info")
EXAMPLES = 3  # rows named per finding
MAX_INTEGRITY = 20  # integrity_check lines reported one by one
# the questions below, by name (palmares/reports/sql/check.sql)
_SQL = sqlfiles.load("palmares.reports", "check.sql")


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of a check: level error | warning | info, the check's name, a sentence."""

    level: str
    check: str
    message: str

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {self.level!r}")


def check_db(conn: sqlite3.Connection) -> list[Finding]:
    """Run every check; a file SQLite finds damaged stops the checks that read its rows."""
    findings = list(_guarded("integrity", check_integrity, conn))
    if any(f.level == "error" for f in findings):
        findings.append(
            Finding("info", "integrity", "other checks skipped: the file itself is damaged")
        )
        return findings
    for name, check in CHECKS:
        findings.extend(_guarded(name, check, conn))
    return findings


def _guarded(
    name: str, check: Callable[[sqlite3.Connection], Iterable[Finding]], conn: sqlite3.Connection
) -> list[Finding]:
    """A check's findings; SQLite refusing to read (a malformed file) is itself an error."""
    try:
        return list(check(conn))
    except sqlite3.DatabaseError as e:
        return [Finding("error", name, f"the check could not read the database: {e}")]


def format_findings(findings: list[Finding]) -> str:
    """Findings one a line, errors first, then a count of each level."""
    order = {level: i for i, level in enumerate(LEVELS)}
    width = max((len(f.check) for f in findings), default=0)
    lines = [
        f"{f.level:<7}  {f.check:<{width}}  {f.message}"
        for f in sorted(findings, key=lambda f: order[f.level])
    ]
    counts = Counter(f.level for f in findings)
    lines.append(
        f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
        f"{_plural(counts['info'], 'note')}"
    )
    return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _examples(values: Iterable[object], total: int) -> str:
    shown = ", ".join(str(v) for v in values)
    return f"{shown}, ..." if total > EXAMPLES else shown


# ---------------------------------------------------------------- the file


def check_integrity(conn: sqlite3.Connection) -> Iterator[Finding]:
    """PRAGMA integrity_check: pages, indexes, constraints as SQLite sees them."""
    problems = [r[0] for r in conn.execute("pragma integrity_check")]
    if problems == ["ok"]:
        yield Finding("info", "integrity", "integrity_check: ok")
        return
    for text in problems[:MAX_INTEGRITY]:
        yield Finding("error", "integrity", text)
    if len(problems) > MAX_INTEGRITY:
        yield Finding("error", "integrity", f"and {len(problems) - MAX_INTEGRITY} more problems")


def check_foreign_keys(conn: sqlite3.Connection) -> Iterator[Finding]:
    """PRAGMA foreign_key_check: rows pointing at nothing, even if loaded with foreign keys off."""
    groups: dict[tuple[str, str, int], list[int | None]] = defaultdict(list)
    for table, rowid, parent, fkid in conn.execute("pragma foreign_key_check"):
        groups[(table, parent, fkid)].append(rowid)
    if not groups:
        yield Finding("info", "foreign_keys", "foreign_key_check: ok")
    for (table, parent, fkid), rowids in sorted(groups.items()):
        column = _fk_column(conn, table, fkid)
        where = _dangling_values(conn, table, column, rowids)
        n = len(rowids)
        yield Finding(
            "error",
            "foreign_keys",
            f"{table}.{column}: {n} {'row refers' if n == 1 else 'rows refer'} to a missing "
            f"{parent} row{where}",
        )


def _fk_column(conn: sqlite3.Connection, table: str, fkid: int) -> str:
    # the table name comes from SQLite's own pragma output, never from input
    for row in conn.execute(f'pragma foreign_key_list("{table}")'):
        if row[0] == fkid:
            return row[3]
    return "?"


def _dangling_values(
    conn: sqlite3.Connection, table: str, column: str, rowids: list[int | None]
) -> str:
    """' (edition_id 999 at rowid 9)': the values of a few rows (rowid tables only)."""
    known = [r for r in rowids if r is not None][:EXAMPLES]
    if not known or column == "?":
        return ""
    shown = []
    for rowid in known:
        (value,) = conn.execute(
            f'select "{column}" from "{table}" where rowid = ?', (rowid,)
        ).fetchone()
        shown.append(f"{column} {value} at rowid {rowid}")
    return f" ({_examples(shown, len(rowids))})"


def check_constraints_hold(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Every CHECK constraint of the schema, run as a query over its table's rows.

    SQLite skips CHECK constraints in integrity_check on a read-only connection,
    and a file written by another tool (or with ignore_check_constraints on) may
    hold rows that break them: a negative time, a bib of 0.
    """
    checks = check_constraints(conn)
    broken = 0
    for c in checks:
        # table, columns and expression come from sqlite_master, never from input
        keys = _key_columns(conn, c.table)
        wrong = f'from "{c.table}" where not ({c.expression})'
        cols = ", ".join(f'"{k}"' for k in keys) or "null"
        rows = conn.execute(f"select {cols} {wrong} limit {EXAMPLES + 1}").fetchall()
        if not rows:
            continue
        broken += 1
        (n,) = conn.execute(f"select count(*) {wrong}").fetchone()
        where = f"{c.table}.{c.column}" if c.column else c.table
        ids = [", ".join(f"{k} {v}" for k, v in zip(keys, r, strict=True)) for r in rows]
        shown = f", e.g. {_examples(ids[:EXAMPLES], n)}" if keys else ""
        yield Finding(
            "error",
            "constraints",
            f"{where}: {_plural(n, 'row')} {'breaks' if n == 1 else 'break'} "
            f"the rule {c.expression!r} ({describe_check(c.expression, checks)}){shown}",
        )
    if not broken:
        yield Finding("info", "constraints", f"{_plural(len(checks), 'CHECK constraint')}: ok")


def _key_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """How to name a row of table: its rowid, or its primary key's columns (without rowid)."""
    try:
        conn.execute(f'select rowid from "{table}" limit 0')
        return ["rowid"]
    except sqlite3.OperationalError:
        info = conn.execute(f'pragma table_info("{table}")').fetchall()
        return [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5] > 0]


# ---------------------------------------------------------------- derived tables


def check_computed_gc(conn: sqlite3.Connection) -> Iterator[Finding]:
    """computed_gc against the GC computed afresh from the stage results, edition by edition.

    The fresh GC is built in a temporary table that shadows computed_gc (the
    temp schema comes first for unqualified names), so a read-only connection
    will do and the file is not written.
    """
    _shadow_computed_gc(conn)
    try:
        editions = [r[0] for r in conn.execute("select edition_id from editions order by 1")]
        for edition_id in editions:
            refresh_computed(conn, edition_id, 0)
        differ = conn.execute(_SQL["computed_gc_differences"]).fetchall()
    finally:
        conn.execute("drop table temp.computed_gc")
    if not differ:
        yield Finding(
            "info",
            "computed_gc",
            f"computed_gc: as computed afresh for {_plural(len(editions), 'edition')}",
        )
        return
    names = dict(conn.execute(_SQL["edition_names"]))
    for edition_id, missing, extra in differ:
        yield Finding(
            "error",
            "computed_gc",
            f"{names.get(edition_id, f'edition {edition_id}')}: the stored computed GC differs "
            "from "
            f"the GC computed afresh from the stage results ({missing} rows missing or different, "
            f"{extra} rows extra or different); reload a file of the edition to recompute it",
        )


def _shadow_computed_gc(conn: sqlite3.Connection) -> None:
    """An empty temp.computed_gc with main.computed_gc's columns, key and indexes."""
    conn.execute("drop table if exists temp.computed_gc")
    rows = conn.execute(_SQL["computed_gc_ddl"]).fetchall()
    for kind, sql in rows:
        # DDL from sqlite_master, never from input: the same table, in the temp schema
        if kind == "table":
            # without its foreign keys: a temp table's would name temp tables
            sql = re.sub(r"(?i)\s+references\s+\w+\s*\(\w+\)(\s+on delete cascade)?", "", sql)
            conn.execute(re.sub(r"(?i)^create table (if not exists )?", "create temp table ", sql))
        else:
            conn.execute(re.sub(r"(?i)^create index (if not exists )?", "create index temp.", sql))


# ---------------------------------------------------------------- rows nothing explains

# (level, what the rows are, the statement of check.sql that finds them)
ORPHANS = (
    ("warning", "riders in no edition (no entries row)", "riders_without_entries"),
    ("warning", "stage results of riders not entered in their edition", "results_without_entries"),
    ("warning", "editions without an edition_rules row", "editions_without_rules"),
    ("warning", "riders missing from the search index riders_fts", "riders_not_in_search"),
    (
        "info",
        "entries with no stage result or standing (start-list riders without results)",
        "entries_without_results",
    ),
)


def check_orphans(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Rows that nothing refers to, or that miss the row they should come with."""
    clean = True
    for level, what, name in ORPHANS:
        found = [r[0] for r in conn.execute(_SQL[name])]
        if found:
            clean = False
            n = len(found)
            shown = _examples(found[:EXAMPLES], n)
            yield Finding(level, "orphans", f"{what}: {n}, e.g. {shown}")
    if clean:
        yield Finding("info", "orphans", "no orphan rows")


# ---------------------------------------------------------------- computed vs official GC


@dataclass(slots=True)
class _Tally:
    """Official GC rows of one edition against the computed GC after the same stage."""

    stages: set[str]
    uncomputed: set[str]
    rows: int = 0
    differ: Counter[tuple[int, str]] | None = None

    def add(self, row: sqlite3.Row) -> None:
        _, label, order, position, time, c_position, c_time, has_computed = row
        if not has_computed:
            self.uncomputed.add(label)
            return
        self.stages.add(label)
        self.rows += 1
        time_differs = time is not None and c_time is not None and time != c_time
        if c_position is None or c_position != position or time_differs:
            self.differ = self.differ or Counter()
            self.differ[(order, label)] += 1


def check_reconciliation(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Per edition: riders whose computed GC (place or time) differs from the official GC."""
    tallies: dict[int, _Tally] = {}
    for row in conn.execute(_SQL["reconcile"]):
        tallies.setdefault(row[0], _Tally(set(), set())).add(row)
    names = dict(conn.execute(_SQL["edition_names"]))
    uncompared = []
    for edition_id, t in sorted(tallies.items(), key=lambda kv: names.get(kv[0], "")):
        name = names.get(edition_id, f"edition {edition_id}")
        if t.rows:
            yield _reconciliation(name, t)
        else:
            uncompared.append(name)
    if uncompared:
        n = len(uncompared)
        yield Finding(
            "info",
            "reconciliation",
            f"{_plural(n, 'edition')} with an official GC after a stage but no computed GC to "
            "compare (stage results missing, partial or suspect): "
            f"{_examples(uncompared[:EXAMPLES], n)}",
        )


def _reconciliation(name: str, t: _Tally) -> Finding:
    stages = _plural(len(t.stages), "stage")
    later = f"; no computed GC after {len(t.uncomputed)} more" if t.uncomputed else ""
    if not t.differ:
        return Finding(
            "info",
            "reconciliation",
            f"{name}: the computed GC matches the official GC after {stages} "
            f"({_plural(t.rows, 'rider row')}){later}",
        )
    differ = sum(t.differ.values())
    (_, worst), most = max(t.differ.items(), key=lambda kv: (kv[1], -kv[0][0]))
    return Finding(
        "warning",
        "reconciliation",
        f"{name}: {differ} of {t.rows} official GC rows after {stages} differ from the computed "
        f"GC in place or time (the most after stage {worst}: {most}){later}",
    )


# ---------------------------------------------------------------- warnings


def check_warnings(conn: sqlite3.Connection) -> Iterator[Finding]:
    """How many warnings each source recorded, by code."""
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    for path, code, n in conn.execute(_SQL["warnings_by_source"]):
        by_source[path][code] = n
    if not by_source:
        yield Finding("info", "warnings", "no warnings recorded")
    for path, codes in by_source.items():
        detail = ", ".join(f"{code} {n}" for code, n in codes.most_common())
        yield Finding(
            "info", "warnings", f"{path}: {_plural(sum(codes.values()), 'warning')} ({detail})"
        )


CHECKS: tuple[tuple[str, Callable[[sqlite3.Connection], Iterable[Finding]]], ...] = (
    ("constraints", check_constraints_hold),
    ("foreign_keys", check_foreign_keys),
    ("orphans", check_orphans),
    ("computed_gc", check_computed_gc),
    ("reconciliation", check_reconciliation),
    ("warnings", check_warnings),
)
