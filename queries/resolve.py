"""No silent dead ends: the race, year, stage and riders a query is asked about exist.

Before a query runs, each of these parameters it takes is checked against the
database; an unknown one is a `QueryError` naming the nearest candidates
("no race 'tuor de france': did you mean tour-de-france (Tour de France)?").
Race names match by the same rule as the queries (`queries/_race.sql`,
`palmares.names.race_score`).
"""

from __future__ import annotations

import difflib
import sqlite3
from typing import Any

from palmares.errors import QueryError
from palmares.names import fold, name_key, slugify
from palmares.sqlfiles import load as load_sql
from palmares.values import asked_stage_label


def _sql() -> dict[str, str]:
    return load_sql("palmares.queries", "resolve.sql")


def check(conn: sqlite3.Connection, params: dict[str, Any]) -> None:
    """Raise QueryError when a race, year, stage or rider given in params is not in the database."""
    race = params.get("race")
    if race is None:
        for key in ("rider", "rider_a", "rider_b"):
            if params.get(key) is not None:
                _check_rider(conn, str(params[key]))
        return
    race_ref, race_name = _race(conn, str(race))
    edition_id = None
    if params.get("year") is not None:
        edition_id = _edition(conn, race_ref, race_name, int(params["year"]))
    if edition_id is not None and params.get("stage") is not None:
        _stage(conn, edition_id, race_name, int(params["year"]), str(params["stage"]))
    for key in ("rider", "rider_a", "rider_b"):
        if params.get(key) is not None:
            _check_rider(conn, str(params[key]))


def _race(conn: sqlite3.Connection, asked: str) -> tuple[str, str]:
    rows = conn.execute(_sql()["races"], {"race": asked}).fetchall()
    best = [r for r in rows if r[2] and r[2] == rows[0][2]]
    if len(best) == 1:
        return best[0][0], best[0][1]
    if best:
        names = ", ".join(f"{r[0]} ({r[1]})" for r in best)
        raise QueryError(f"race {asked!r} could be any of {names}: say which")
    if not rows:
        raise QueryError(f"no race {asked!r}: the database holds no race yet (palmares load)")
    nearest = difflib.get_close_matches(
        slugify(asked), [r[0] for r in rows] + [slugify(r[1]) for r in rows], n=3, cutoff=0.5
    )
    known = {slugify(r[1]): r for r in rows} | {r[0]: r for r in rows}
    picks = list(dict.fromkeys(known[n][0] for n in nearest))
    hint = (
        "did you mean " + " or ".join(f"{p} ({known[p][1]})" for p in picks) + "?"
        if picks
        else "known races: " + ", ".join(r[0] for r in rows[:12])
    )
    raise QueryError(f"no race {asked!r}: {hint}")


def _edition(conn: sqlite3.Connection, race_ref: str, race_name: str, year: int) -> int:
    rows = conn.execute(_sql()["editions"], {"race_ref": race_ref}).fetchall()
    for y, edition_id in rows:
        if y == year:
            return edition_id
    years = [r[0] for r in rows]
    if not years:
        raise QueryError(f"no edition of {race_name} is loaded")
    # the editions just before and just after (none ran 1915-1918 nor 1940-1946)
    before = [y for y in years if y < year][-1:]
    after = [y for y in years if y > year][:1]
    nearest = before + after
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    raise QueryError(
        f"no {year} edition of {race_name} is loaded "
        f"({len(years)} edition{'s' if len(years) > 1 else ''}, {span}); "
        f"nearest: {', '.join(map(str, nearest))}"
    )


def _stage(conn: sqlite3.Connection, edition_id: int, race: str, year: int, asked: str) -> None:
    labels = [r[0] for r in conn.execute(_sql()["stage_labels"], {"edition_id": edition_id})]
    # the queries' own rule (palmares_stage_label): "Stage 8", "08" and "8" are one label
    label = asked_stage_label(asked)
    if label is None:
        raise QueryError(f"a stage like 8, 0 (prologue) or 10a was expected, found {asked!r}")
    if label in labels:
        return
    if not labels:
        raise QueryError(f"{race} {year} has no stages loaded")
    shown = ", ".join(labels) if len(labels) <= 12 else f"{labels[0]} to {labels[-1]}"
    raise QueryError(f"no stage {asked!r} in {race} {year}: its stages are {shown}")


def _check_rider(conn: sqlite3.Connection, asked: str) -> None:
    key = name_key(asked)
    # the queries' rule (queries/rider_results.sql): ref, name, any spelling, or part of a name
    phrase = '"' + fold(asked).replace('"', " ") + '"'
    found = conn.execute(
        _sql()["rider_known"], {"ref": slugify(asked), "key": key, "phrase": phrase}
    ).fetchone()
    if found:
        return
    candidates = _nearest_riders(conn, asked)
    hint = f": did you mean {', '.join(candidates)}?" if candidates else ""
    raise QueryError(f"no rider {asked!r} in the database{hint}")


def _nearest_riders(conn: sqlite3.Connection, asked: str, n: int = 5) -> list[str]:
    """The riders whose name, or one word of it, is closest to what was typed (an error path)."""
    typed = " ".join(fold(asked).split())
    word = max(typed.split(), key=len, default="")
    scored = []
    for ref, name, search in conn.execute(_sql()["rider_names"]):
        whole = difflib.SequenceMatcher(None, typed, search or "").ratio()
        part = max(
            (difflib.SequenceMatcher(None, word, w).ratio() for w in (search or "").split()),
            default=0.0,
        )
        score = max(whole, part)
        if score >= 0.75:
            scored.append((-score, name, ref))
    return [f"{ref} ({name})" for _, name, ref in sorted(scored)[:n]]


def why_empty(conn: sqlite3.Connection, name: str, params: dict[str, Any]) -> str:
    """Why a query gave no rows: what the edition asked about holds (an empty answer says why)."""
    race, year = params.get("race"), params.get("year")
    if race is None or year is None:
        return f"{name}: no rows for these parameters"
    race_ref, race_name = _race(conn, str(race))
    edition_id = _edition(conn, race_ref, race_name, int(year))
    s = conn.execute(_sql()["edition_summary"], {"edition_id": edition_id}).fetchone()
    return (
        f"{name}: no rows for {race_name} {year}. It holds {s[0]} stages, results for "
        f"{s[1]}, a GC computed after {s[2]}, published standings: {s[3] or 'none'}, "
        f"team times: {s[4] or 'none'}"
    )
