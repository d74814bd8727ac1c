"""Write a database back out in the native format (docs/formats.md)."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from palmares import sqlfiles
from palmares.loader.formats.native import (
    ADJUSTMENT_COLUMNS,
    EDITION_FIELDS,
    EDITION_HEADER,
    RESULT_COLUMNS,
    RIDER_COLUMNS,
    STAGE_COLUMNS,
    STANDING_COLUMNS,
    TEAM_STANDING_COLUMNS,
)
from palmares.values import format_gap, format_time

# the questions below, by name (palmares/reports/sql/export.sql)
_SQL = sqlfiles.load("palmares.reports", "export.sql")


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence]) -> bool:
    rows = list(rows)
    if not rows and path.name != "edition.csv":
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(["" if v is None else v for v in row] for row in rows)
    return True


def _yes(flag: int | None) -> str:
    return "yes" if flag else "no"


def _time_cells(rows: list[sqlite3.Row]) -> list[str]:
    """Absolute time on the first timed row, then gaps where they agree, else absolute."""
    out = []
    leader = None
    for r in rows:
        t, g = r["time_seconds"], r["gap_seconds"]
        if t is not None and leader is None:
            leader = t - (g or 0)
            out.append(format_time(t))
        elif t is not None and g is not None and leader is not None and leader + g == t:
            out.append(format_gap(g))
        elif t is not None:
            out.append(format_time(t))
        elif g is not None and leader is None:
            out.append(format_gap(g))
        else:
            out.append("")
    return out


def export_edition(conn: sqlite3.Connection, edition_id: int, folder: Path) -> int:
    """Write one edition's files; returns how many were written."""
    e = conn.execute(_SQL["edition"], (edition_id,)).fetchone()
    out = folder / e["race_ref"] / str(e["year"])
    values = {
        "race": e["name"], "race_ref": e["race_ref"], "year": e["year"],
        "number": e["number"], "start_date": e["start_date"], "end_date": e["end_date"],
        "country": e["country"], "gender": e["gender"], "is_one_day": _yes(e["is_one_day"]),
        "is_cancelled": _yes(e["is_cancelled"]), "starters": e["starters"],
        "finishers": e["finishers"], "distance_km": e["distance_km"],
        "finish_bonus_seconds": e["finish_bonus_seconds"],
        "team_riders_counted": e["team_riders_counted"], "youth_max_age": e["youth_max_age"],
    }  # fmt: skip
    fields = [(name, values.get(name)) for name in EDITION_FIELDS]
    n = int(_write(out / "edition.csv", EDITION_HEADER, [f for f in fields if f[1] is not None]))
    stages = conn.execute(_SQL["stages"], (edition_id,)).fetchall()
    n += _write(
        out / "stages.csv",
        STAGE_COLUMNS,
        [(s["label"], s["date"], s["departure"], s["arrival"], s["distance_km"], s["elevation_m"],
          s["kind"], _yes(s["is_neutralised"])) for s in stages],
    )  # fmt: skip
    n += _write(out / "riders.csv", RIDER_COLUMNS, conn.execute(_SQL["riders"], (edition_id,)))
    for s in stages:
        n += _export_stage(conn, edition_id, s, out)
    n += _export_standings(conn, edition_id, out)
    n += _write(
        out / "adjustments.csv",
        ADJUSTMENT_COLUMNS,
        conn.execute(_SQL["adjustments"], (edition_id,)),
    )
    return n


def _export_stage(conn: sqlite3.Connection, edition_id: int, stage: sqlite3.Row, out: Path) -> int:
    rows = conn.execute(_SQL["stage_results"], (edition_id, stage["stage_id"])).fetchall()
    teams = conn.execute(_SQL["stage_team_results"], (stage["stage_id"],)).fetchall()
    times = _time_cells(rows)
    body = [
        (r["position_text"], r["name"], r["team"], r["nationality"], r["bib"], times[i],
         r["bonus_seconds"], r["penalty_seconds"], r["points"], _yes(r["is_suspect"]))
        for i, r in enumerate(rows)
    ]  # fmt: skip
    team_times = _time_cells(teams)
    body += [
        (t["position"] or "DNF", "", t["name"], "", "", team_times[i], "", "", "", "no")
        for i, t in enumerate(teams)
    ]
    return int(_write(out / f"stage-{stage['label']}.csv", RESULT_COLUMNS, body))


def _export_standings(conn: sqlite3.Connection, edition_id: int, out: Path) -> int:
    n = 0
    groups = conn.execute(_SQL["standing_groups"], (edition_id,)).fetchall()
    for g in groups:
        rows = conn.execute(_SQL["standings"], (edition_id, g["kind"], g["stage_id"])).fetchall()
        times = _time_cells(rows)
        label = g["label"] or "final"
        # the two kinds of standing have different columns, so both branches
        # build rows of their own width for the one _write call below
        body: list[tuple[object, ...]]
        header: Sequence[str]
        if g["kind"] == "teams":
            body = [(r["position_text"], r["team"], times[i]) for i, r in enumerate(rows)]
            header = TEAM_STANDING_COLUMNS
        else:
            body = [
                (r["position_text"], r["name"], r["bib"], r["team"], times[i], r["points"],
                 r["bonus_seconds"], r["penalty_seconds"])
                for i, r in enumerate(rows)
            ]  # fmt: skip
            header = STANDING_COLUMNS
        n += _write(out / f"{g['kind']}-{label}.csv", header, body)
    return n


def export_db(conn: sqlite3.Connection, folder: Path) -> int:
    """Write every edition of a database; returns the number of files written."""
    ids = [r[0] for r in conn.execute(_SQL["edition_ids"])]
    return sum(export_edition(conn, eid, folder) for eid in ids)
