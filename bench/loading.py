"""Load figures: `palmares load` against raw executemany and sqlite-utils, same rows.

Each figure comes from a child process, so that its time, CPU and peak memory
are its own. The children are this file's commands:

    python bench/loading.py flat SOURCE DB       raw executemany of SOURCE's parsed rows
    python bench/loading.py inproc SOURCE DB     palmares' load_paths, timed inside
    python bench/loading.py head CSV N OUT       the first N rows of a CSV (for sqlite-utils)

`flat` parses SOURCE with palmares' own readers first (not timed), then times
one transaction of `executemany` into one flat table: the speed limit of
SQLite from Python on this machine. Both it and the loader open the database
the same way (WAL, synchronous=NORMAL).
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Sample, fresh, median, palmares, python_child, run_child  # noqa: E402

WIDTH = 20  # columns of the flat table: a record's fields, padded


def parsed_rows(source: Path) -> list[tuple]:
    """Every record palmares' readers yield for SOURCE, as flat tuples."""
    from palmares.loader.load import expand_paths, pick_reader

    rows: list[tuple] = []
    for path, explicit in expand_paths([source]):
        reader = pick_reader(path, None, explicit)
        if reader is None:
            continue
        for rec in reader.read(path):
            values = [type(rec).__name__]
            for name in rec.__slots__:
                v = getattr(rec, name)
                values.append(int(v) if isinstance(v, bool) else v)
            values += [None] * (WIDTH - len(values))
            rows.append(tuple(values[:WIDTH]))
    return rows


def flat_insert(source: Path, db: Path) -> dict:
    """Parse SOURCE, then time one executemany transaction into a flat table."""
    import sqlite3

    rows = parsed_rows(source)
    conn = sqlite3.connect(fresh(db), isolation_level=None)
    conn.execute("pragma journal_mode = wal")
    conn.execute("pragma synchronous = normal")
    columns = ", ".join(f"c{i}" for i in range(WIDTH))
    conn.execute(f"create table flat ({columns})")
    marks = ", ".join("?" * WIDTH)
    wall, cpu = time.perf_counter(), time.process_time()
    conn.execute("begin")
    conn.executemany(f"insert into flat values ({marks})", rows)
    conn.execute("commit")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    conn.close()
    return {"rows": len(rows), "wall": wall, "cpu": cpu}


def inproc_load(source: Path, db: Path) -> dict:
    """palmares' load_paths timed inside the process (no interpreter start-up)."""
    from palmares.db import init_db
    from palmares.loader.load import load_paths

    conn = init_db(fresh(db))
    wall, cpu = time.perf_counter(), time.process_time()
    reports = load_paths(conn, [source])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"rows": sum(r.rows for r in reports), "wall": wall, "cpu": cpu}


def csv_head(source: Path, n: int, out: Path) -> int:
    """Copy the header and the first n rows of a CSV (quoted newlines kept whole)."""
    with (
        open(source, encoding="utf-8", newline="") as f,
        open(out, "w", encoding="utf-8", newline="") as g,
    ):
        r, w = csv.reader(f), csv.writer(g, lineterminator="\n")
        w.writerow(next(r))
        count = 0
        for row in r:
            if count >= n:
                break
            w.writerow(row)
            count += 1
    return count


def loaded_rows(db: Path) -> int:
    """Records the loader saved, as it counts them (sources.row_count)."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute("select coalesce(sum(row_count), 0) from sources").fetchone()[0]
    finally:
        conn.close()


# ---------------------------------------------------------------- the figures


def compare(source: Path, work: Path, runs: int, csv_path: Path | None = None,
            su_limit: int | None = None, su_runs: int = 3) -> dict:  # fmt: skip
    """The loader against its baselines on SOURCE, runs interleaved so noise hits all alike."""
    cli, inproc, flat, su = [], [], [], []
    rows = 0
    for i in range(runs):
        db = fresh(work / "load.db")
        cli.append(run_child(palmares("load", "-q", db, source)))
        rows = loaded_rows(db)
        inproc.append(_child_figures("inproc", source, work / "inproc.db"))
        flat.append(_child_figures("flat", source, work / "flat.db"))
        if csv_path is not None and i < su_runs:
            su.append(_sqlite_utils_once(csv_path, work, su_limit))
    out = {
        "palmares_load": _summary(cli, rows),
        "palmares_inproc": _summary_figures(inproc),
        "flat_executemany": _summary_figures(flat),
    }
    if su:
        out["sqlite_utils"] = _summary_figures(su)
        out["sqlite_utils"]["subset_rows"] = su_limit
    return out


def _sqlite_utils_once(csv_path: Path, work: Path, limit: int | None) -> dict:
    """One `sqlite-utils insert DB rows CSV --csv`, of the first `limit` rows when given."""
    import sqlite3

    from common import VENV_BIN

    source = csv_path
    if limit:
        source = work / "head.csv"
        if not source.exists():
            csv_head(csv_path, limit, source)
    db = fresh(work / "su.db")
    sample = run_child([VENV_BIN / "sqlite-utils", "insert", db, "rows", source, "--csv"])
    rows = sqlite3.connect(db).execute("select count(*) from rows").fetchone()[0]
    return {"rows": rows, "wall": sample.wall, "cpu": sample.cpu, "rss_mb": sample.rss_mb}


def _child_figures(command: str, source: Path, db: Path) -> dict:
    sample = run_child(python_child("loading.py", command, source, db))
    figures = json.loads(sample.stdout.strip().splitlines()[-1])
    figures["rss_mb"] = sample.rss_mb
    return figures


def _summary(samples: list[Sample], rows: int) -> dict:
    return _summary_figures(
        [{"rows": rows, "wall": s.wall, "cpu": s.cpu, "rss_mb": s.rss_mb} for s in samples]
    )


def _summary_figures(out: list[dict]) -> dict:
    rows = out[0]["rows"]
    wall = median([o["wall"] for o in out])
    cpu = median([o["cpu"] for o in out])
    return {
        "rows": rows,
        "runs": len(out),
        "wall_s": wall,
        "cpu_s": cpu,
        "rows_per_s": rows / wall,
        "rows_per_cpu_s": rows / cpu,
        "rss_mb": max(o["rss_mb"] for o in out),
        "wall_all": [round(o["wall"], 3) for o in out],
    }


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "flat":
        print(json.dumps(flat_insert(Path(args[0]), Path(args[1]))))
    elif command == "inproc":
        print(json.dumps(inproc_load(Path(args[0]), Path(args[1]))))
    elif command == "head":
        print(csv_head(Path(args[0]), int(args[1]), Path(args[2])))
    else:
        raise SystemExit(f"unknown command {command!r}: flat, inproc or head")


if __name__ == "__main__":
    main(sys.argv[1:])
