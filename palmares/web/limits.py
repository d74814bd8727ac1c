"""Limits that hold on the site, whatever SQL a visitor sends.

Datasette's `sql_time_limit_ms` is a progress handler around `db.execute`:
SQLite calls it between virtual-machine steps, so it cannot stop one step that
runs long (`randomblob(1e9)`, `zeroblob`, an SQL function on a huge string),
and SQL run through `db.execute_fn` has no limit at all. Hence:

- every connection of the site caps the length of a string or blob
  (`SQLITE_LIMIT_LENGTH`), so one step can neither run long nor grow the
  server by gigabytes; palmares' SQL functions cap their own arguments
  (palmares.db.MAX_FUNCTION_TEXT);
- `execute_fn_limited` is `db.execute_fn` under the same time limit as
  `db.execute`, for the pages that run Python over a connection (the profile box).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

# The longest string or blob any SQL on the site may build or read, in bytes.
# palmares' longest cell is a name or a warning's sentence; 5,000 rows of this
# much (Datasette's max_returned_rows) stay within a few hundred megabytes.
MAX_LENGTH = 100_000
# SQLite calls the progress handler every this many virtual-machine steps
PROGRESS_STEPS = 1_000

T = TypeVar("T")


def cap_connection(conn: sqlite3.Connection) -> None:
    """Cap strings and blobs on one of the site's connections."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_LENGTH)


@contextlib.contextmanager
def time_limit(conn: sqlite3.Connection, ms: int) -> Iterator[None]:
    """Interrupt any SQL on conn that runs past ms milliseconds from now."""
    deadline = time.perf_counter() + ms / 1000

    def handler() -> int:
        return 1 if time.perf_counter() >= deadline else 0

    conn.set_progress_handler(handler, PROGRESS_STEPS)
    try:
        yield
    finally:
        conn.set_progress_handler(None, PROGRESS_STEPS)


async def execute_fn_limited(datasette: Any, db: Any, fn: Callable[[sqlite3.Connection], T]) -> T:
    """db.execute_fn(fn) with the SQL it runs stopped after the site's sql_time_limit_ms."""
    ms = int(datasette.setting("sql_time_limit_ms"))

    def limited(conn: sqlite3.Connection) -> T:
        with time_limit(conn, ms):
            return fn(conn)

    return await db.execute_fn(limited)
