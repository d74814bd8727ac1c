"""Crash safety: a load killed with SIGKILL leaves the database as it was before that file.

The Tour de France history (255,752 stage results, one transaction) is loaded by a
real `palmares load` process and killed at 10%, 50% and 90% of the file: the
offset its reader has reached in the file (from /proc), while the load holds
SQLite's write lock. Then the same file is loaded whole, and gives the rows a
database that never crashed has.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS, DATA, table_digest

from palmares.db import connect, init_db
from palmares.loader.load import load_paths

PALMARES = str(Path(sys.executable).parent / "palmares")
TOUR = CORPUS / "tdf-rushworth" / "stage_results.csv"


def seeded(path: Path) -> Path:
    conn = init_db(path)
    load_paths(conn, [DATA])
    conn.close()
    return path


def reading_offset(pid: int, path: Path) -> int | None:
    """How far process `pid` has read into `path` (its open file's offset), None if not open."""
    real = str(path.resolve())  # /proc shows the real path (../shared may be a symlink)
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd) == real:
                info = Path(f"/proc/{pid}/fdinfo/{fd.name}").read_text()
                return int(re.search(r"^pos:\s*(\d+)", info, re.M).group(1))
        except (FileNotFoundError, ProcessLookupError):
            continue
    return None


def in_write_transaction(db: Path) -> bool:
    """True while another connection holds the write lock (the load's transaction is open)."""
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        probe.execute("begin immediate")
    except sqlite3.OperationalError as e:
        assert "locked" in str(e)
        return True
    else:
        probe.execute("rollback")
        return False
    finally:
        probe.close()


def kill_midway(db: Path, share: float, timeout: float = 300) -> bool:
    """Start `palmares load DB TOUR`; SIGKILL it inside its transaction at `share` of the file.

    False when the load ended first (a busy machine can miss the moment): the caller
    puts the database back and tries again.
    """
    proc = subprocess.Popen([PALMARES, "load", str(db), str(TOUR), "-q"], stderr=subprocess.PIPE)
    target, deadline = TOUR.stat().st_size * share, time.monotonic() + timeout
    # the whole file is hashed before the transaction opens: only an offset reached with
    # the write lock held is the reader's
    while True:
        if proc.poll() is not None:
            assert proc.returncode == 0, proc.stderr.read()
            return False
        assert time.monotonic() < deadline, "the load did not get there in time"
        offset = reading_offset(proc.pid, TOUR)
        if offset is not None and offset >= target and in_write_transaction(db):
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    if proc.returncode == 0:
        return False  # it committed between the check and the signal
    assert proc.returncode == -signal.SIGKILL
    return True


def assert_whole(conn) -> None:
    assert [tuple(r) for r in conn.execute("pragma integrity_check")] == [("ok",)]
    assert conn.execute("pragma foreign_key_check").fetchall() == []


@pytest.mark.slow
def test_a_load_killed_midway_leaves_exactly_the_rows_before_that_file(tmp_path) -> None:
    assert TOUR.stat().st_size > 20_000_000
    db = seeded(tmp_path / "palmares.db")
    conn = connect(db, readonly=True)
    before = table_digest(conn)
    conn.close()
    backup = tmp_path / "backup.db"
    shutil.copyfile(db, backup)
    for share in (0.1, 0.5, 0.9):
        for _attempt in range(3):
            if kill_midway(db, share):
                break
            # the load finished first: put the database back as it was
            for extra in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                extra.unlink(missing_ok=True)
            shutil.copyfile(backup, db)
        else:
            pytest.fail(f"three loads in a row finished before {share:.0%} could be caught")
        conn = connect(db)  # the first connection after a crash ignores the uncommitted frames
        assert_whole(conn)
        assert table_digest(conn) == before, f"killed at {share:.0%} of the file"
        conn.close()
    # the file then loads whole, to the rows of a database that never crashed
    conn = connect(db)
    (report,) = load_paths(conn, [TOUR])
    assert not report.skipped and not report.replaced
    assert report.counts["StageResult"] > 255_000
    assert_whole(conn)
    fresh = seeded(tmp_path / "fresh.db")
    fresh_conn = connect(fresh)
    load_paths(fresh_conn, [TOUR])
    exclude = ("sources",)  # loaded_at differs
    assert table_digest(conn, exclude=exclude) == table_digest(fresh_conn, exclude=exclude)
    sources = "select source_id, path, sha256, format, row_count from sources"
    assert conn.execute(sources).fetchall() == fresh_conn.execute(sources).fetchall()
