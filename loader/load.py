"""Load files into a database: detect the format, one transaction per file."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from palmares import sqlfiles
from palmares.errors import LoadError, ParseError

from . import corrections, formats
from .save import Writer, inserted_id

# Tables whose rows a source owns: replaced when a changed file is loaded again.
FACT_TABLES = (
    "stage_results",
    "stage_team_results",
    "standings",
    "jerseys",
    "adjustments",
    "warnings",
    "rider_lines",
    "rider_names",
    "identity_corrections",
)
# Tables whose rows a source may have made or filled in, and other sources use:
# they stay when the source goes, without its name.
PROVENANCE_TABLES = (
    "entries",
    "races",
    "editions",
    "edition_rules",
    "stages",
    "riders",
    "teams",
    "rider_aliases",
)
# the statements below, by name (loader/sql/load.sql)
_SQL = sqlfiles.load("palmares.loader", "load.sql")


@dataclass
class FileReport:
    """What loading one file did."""

    path: str
    format: str
    skipped: bool = False  # already loaded (same sha256)
    replaced: bool = False  # an earlier version of this path was replaced
    counts: dict[str, int] = field(default_factory=dict)
    warnings: int = 0
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def sha256_of(path: Path) -> str:
    """The sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def source_path(path: Path) -> str:
    """How a source is named: relative to the working folder when inside it."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)


def _priority(path: Path) -> int:
    """Load order within a folder: editions and start lists before results."""
    order = {"edition.csv": 0, "stages.csv": 1, "riders.csv": 2}
    if path.name in order:
        return order[path.name]
    if path.name.startswith("stage-"):
        return 3
    if path.name == "adjustments.csv":
        return 5
    return 4


def expand_paths(paths: Iterable[str | Path]) -> list[tuple[Path, bool]]:
    """Files to load as (path, explicit): folders are walked, sorted, editions first."""
    out: list[tuple[Path, bool]] = []
    for p in map(Path, paths):
        if p.is_dir():
            files = [f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")]
            files.sort(key=lambda f: (str(f.parent), _priority(f), f.name))
            out.extend((f, False) for f in files)
        elif p.exists():
            out.append((p, True))
        else:
            raise LoadError("a file or folder was expected: it does not exist", str(p))
    return out


def pick_reader(path: Path, fmt: str | None, explicit: bool):
    """The reader for a file, or None for a file in a folder that no reader knows."""
    if fmt:
        return formats.reader_for(fmt)
    if path.stat().st_size == 0:
        if explicit:
            raise LoadError("results data was expected, found an empty file", str(path), 1)
        return None
    with open(path, "rb") as f:
        if f.read(2) in (b"\xff\xfe", b"\xfe\xff"):
            # no reader detects UTF-16 text: say so rather than "none recognises this file"
            raise LoadError(
                "UTF-8 text was expected, found UTF-16 (save the file as UTF-8)", str(path), 1
            )
    reader = formats.detect(path)
    if reader is None and explicit:
        known = ", ".join(m.FORMAT for m in formats.readers())
        raise LoadError(
            f"a known results format was expected ({known}); none recognises this file",
            str(path),
            1,
        )
    return reader


def load_file(
    conn: sqlite3.Connection, path: Path, fmt: str | None = None, explicit: bool = True
) -> FileReport | None:
    """Load one file in one transaction; a file already loaded is a no-op."""
    # identity.csv: hand corrections, not results (loader/corrections.py)
    fixes = fmt in (None, corrections.FORMAT) and corrections.is_corrections_file(path)
    reader: Any = None if fixes else pick_reader(path, fmt, explicit)
    if reader is None and not fixes:
        return None
    started = time.perf_counter()
    digest = sha256_of(path)
    # what a file means beyond its bytes (native: its edition; scraper files: their name)
    context = getattr(reader, "context", lambda p: "")(path)
    report = FileReport(str(path), reader.FORMAT if reader else corrections.FORMAT)
    if conn.execute(_SQL["is_loaded"], (digest, context)).fetchone():
        report.skipped = True
        return report
    with _file_transaction(conn):
        report.replaced, forgotten = _forget_earlier_version(conn, path)
        cur = conn.execute(
            _SQL["add_source"],
            (
                source_path(path),
                digest,
                context,
                report.format,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        source_id = inserted_id(cur)
        writer = Writer(conn, source_id, str(path))
        try:
            if reader is None:
                writer.counts.update(corrections.store(conn, path, source_id))
            else:
                for record in reader.read(path):
                    writer.add(record)
            writer.finish()
            # after every file: the corrections hold whichever came first
            applied = corrections.apply(conn)
        except ParseError as e:
            raise LoadError(str(e), str(path)) from None
        except sqlite3.IntegrityError as e:
            raise LoadError(f"data that fits the schema was expected ({e})", str(path)) from None
        for what, n in (("identity_merged", applied.merged), ("identity_named", applied.named),
                        ("identity_ids", applied.ids)):  # fmt: skip
            if n and (reader is None or what == "identity_merged"):
                writer.counts[what] = n
        touched = dict(forgotten)
        for edition_id in applied.editions:
            touched[edition_id] = 0
        for edition_id, order in writer.editions_touched.items():
            touched[edition_id] = min(order, touched.get(edition_id, order))
        for edition_id in sorted(touched):
            refresh_computed(conn, edition_id, touched[edition_id])
        conn.execute(_SQL["set_row_count"], (sum(writer.counts.values()), source_id))
    report.counts = dict(writer.counts)
    report.warnings = writer.warnings
    report.seconds = time.perf_counter() - started
    return report


@contextlib.contextmanager
def _file_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One file's transaction: committed whole, or rolled back whole."""
    if conn.execute("pragma journal_mode").fetchone()[0] == "wal":
        # in WAL mode a commit need not wait for the disk: the database stays
        # consistent after a crash, and a file whose commit was lost is simply
        # not in `sources`, so loading it again redoes it
        conn.execute("pragma synchronous = normal")
    # Foreign keys stay on: SQLite's check is a sixth of the time of a big file
    # (docs/benchmarks.md), and the safety net of a schema many hands change.
    # The page cache stays SQLite's 2 MB: 64 MB measured no faster, and made the
    # loader's memory grow with the database instead of staying flat.
    conn.execute("begin immediate")
    try:
        yield
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise


def _forget_earlier_version(conn: sqlite3.Connection, path: Path) -> tuple[bool, dict[int, int]]:
    """Delete the facts of an earlier, different version of the same file.

    Returns whether there was one, and the editions whose computed GC its facts
    fed, each with the earliest stage_order concerned.
    """
    old = [r[0] for r in conn.execute(_SQL["sources_at_path"], (source_path(path),))]
    touched: dict[int, int] = {}
    for source_id in old:
        for edition_id, order in conn.execute(_SQL["fed_computed"], (source_id, source_id)):
            touched[edition_id] = min(order, touched.get(edition_id, order))
        # The same statement over each table of a fixed tuple: kept here rather than
        # one named statement a table in load.sql. Table names come from the
        # constants above, never from input.
        for table in FACT_TABLES:
            conn.execute(f"delete from {table} where source_id = ?", (source_id,))
        for table in PROVENANCE_TABLES:
            conn.execute(f"update {table} set source_id = null where source_id = ?", (source_id,))
        conn.execute(_SQL["forget_source"], (source_id,))
    return bool(old), touched


def refresh_computed(conn: sqlite3.Connection, edition_id: int, from_order: int = 0) -> None:
    """Recompute the stored GC of an edition from a stage_order on, in the caller's transaction."""
    sql = sqlfiles.load("palmares.loader", "refresh_computed_gc.sql")
    params: dict[str, int | None] = {"edition_id": edition_id, "from_order": from_order}
    conn.execute(sql["forget"], params)
    previous: int | None = None
    for stage_id, order in conn.execute(sql["chain"], params).fetchall():
        if order >= from_order:
            params = {"edition_id": edition_id, "stage_id": stage_id, "previous_stage_id": previous}
            conn.execute(sql["gc_after_stage"], params)
        previous = stage_id


def load_paths(
    conn: sqlite3.Connection,
    paths: Iterable[str | Path],
    fmt: str | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> list[FileReport]:
    """Load files and folders; stops at the first bad file (earlier files stay loaded)."""
    reports = []
    for path, explicit in expand_paths(paths):
        if on_file:
            on_file(path)
        report = load_file(conn, path, fmt, explicit)
        if report is not None:
            reports.append(report)
    return reports
