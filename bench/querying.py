"""Query figures: p50/p95 of every canned query with typical parameters.

    python bench/querying.py DB [--seconds S]

prints one JSON object: per query, the parameters used, the rows returned, and
the latency percentiles in milliseconds. Parameters are picked from the
database itself (a race, year and stage that exist; the riders who fought
for that GC), so the same command works on the real corpus and on a synthetic
one. A query whose required parameter no rule here knows is reported as
skipped, never silently dropped.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import percentile  # noqa: E402

WARMUP = 3
MIN_RUNS = 20
MAX_RUNS = 300


def typical_params(conn: sqlite3.Connection) -> dict[str, str]:
    """A race, year, stage, riders and a team that exist, picked from the data."""
    race_id, race_ref = conn.execute(
        """select ra.race_id, ra.race_ref
        from races ra
        join editions e on e.race_id = ra.race_id
        join stages s on s.edition_id = e.edition_id
        join stage_results r on r.stage_id = s.stage_id
        group by ra.race_id
        order by count(*) desc, ra.race_id
        limit 1"""
    ).fetchone()
    # the latest edition of that race whose GC can be computed furthest (its
    # stage results complete and sound): the standings questions have answers
    sizes = conn.execute(
        """select e.edition_id, e.year,
            (select count(*) from computed_gc c where c.edition_id = e.edition_id) as n
        from editions e
        where e.race_id = ?
          and exists (select 1 from stages s where s.edition_id = e.edition_id)""",
        (race_id,),
    ).fetchall()
    most = max(n for _, _, n in sizes)
    edition_id, year, _ = max((s for s in sizes if s[2] >= 0.8 * most), key=lambda s: s[1])
    labels = [
        label
        for (label,) in conn.execute(
            """select s.label from stages s
            where s.edition_id = ?
              and exists (select 1 from stage_results r where r.stage_id = s.stage_id)
            order by s.stage_order""",
            (edition_id,),
        )
    ]
    params = {"race": race_ref, "year": str(year), "stage": labels[len(labels) // 2]}
    podium = _podium(conn, edition_id)
    if len(podium) == 2:
        params.update(rider=podium[0][0], rider_a=podium[0][0], rider_b=podium[1][0])
        if podium[0][1]:
            params["team"] = podium[0][1]
    code = conn.execute(
        "select code from warnings group by code order by count(*) desc, code limit 1"
    ).fetchone()
    if code:
        params["code"] = code[0]
    return params


_PODIUMS = (
    # the computed GC after the last stage it reaches
    """select ri.rider_ref, en.team_name
    from computed_gc c
    join riders ri on ri.rider_id = c.rider_id
    left join entries en on en.rider_id = c.rider_id and en.edition_id = c.edition_id
    where c.stage_id = (
        select c2.stage_id from computed_gc c2
        join stages s on s.stage_id = c2.stage_id
        where c2.edition_id = :edition_id order by s.stage_order desc limit 1
    )
    order by c.position
    limit 2""",
    # else the published GC with the most riders
    """select ri.rider_ref, en.team_name
    from standings st
    join riders ri on ri.rider_id = st.rider_id
    left join entries en on en.rider_id = st.rider_id and en.edition_id = st.edition_id
    where st.edition_id = :edition_id and st.kind = 'gc'
      and st.stage_id is (
        select x.stage_id from standings x
        where x.edition_id = :edition_id and x.kind = 'gc'
        group by x.stage_id order by count(*) desc, x.stage_id desc limit 1
      )
    order by st.position_order
    limit 2""",
    # else the riders with the most stage places
    """select ri.rider_ref, max(en.team_name)
    from stage_results r
    join stages s on s.stage_id = r.stage_id
    join riders ri on ri.rider_id = r.rider_id
    left join entries en on en.rider_id = r.rider_id and en.edition_id = s.edition_id
    where s.edition_id = :edition_id and r.position is not null
    group by r.rider_id
    order by count(*) desc, min(r.position), r.rider_id
    limit 2""",
)


def _podium(conn: sqlite3.Connection, edition_id: int) -> list[tuple]:
    """The two riders who fought for an edition's GC (ref, team as named that year)."""
    for sql in _PODIUMS:
        rows = [tuple(r) for r in conn.execute(sql, {"edition_id": edition_id})]
        if len(rows) == 2:
            return rows
    return []


def bind_typical(query, typical: dict[str, str]) -> dict[str, str] | None:
    """The parameters to run a query with; None when a required one has no typical value."""
    out = {}
    for p in query.params:
        if p.name in typical and (p.required or p.name in ("race", "year", "stage")):
            out[p.name] = typical[p.name]
        elif p.required:
            if p.name not in typical:
                return None
            out[p.name] = typical[p.name]
    return out


def time_query(conn: sqlite3.Connection, name: str, params: dict, seconds: float) -> dict:
    """Latency percentiles of one query, after a few warm-up runs."""
    from palmares import queries

    for _ in range(WARMUP):
        rows = queries.run(conn, name, **params)
    times: list[float] = []
    spent = 0.0
    while len(times) < MAX_RUNS and (len(times) < MIN_RUNS or spent < seconds):
        start = time.perf_counter()
        queries.run(conn, name, **params)
        t = time.perf_counter() - start
        times.append(t * 1000)
        spent += t
    return {
        "params": params,
        "rows": len(rows),
        "runs": len(times),
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "max_ms": max(times),
    }


def measure(db: Path, seconds: float) -> dict:
    """Every canned query of the library on DB."""
    from palmares import queries
    from palmares.db import connect

    conn = connect(db, readonly=True)
    typical = typical_params(conn)
    out = {"typical": typical, "queries": {}}
    for q in queries.list_queries():
        params = bind_typical(q, typical)
        if params is None:
            missing = [p.name for p in q.params if p.required and p.name not in typical]
            out["queries"][q.name] = {"skipped": f"no typical value for {', '.join(missing)}"}
            continue
        try:
            out["queries"][q.name] = time_query(conn, q.name, params, seconds)
        except queries.QueryError as e:
            out["queries"][q.name] = {"error": str(e)}
    return out


def main(argv: list[str]) -> None:
    db = Path(argv[0])
    seconds = float(argv[argv.index("--seconds") + 1]) if "--seconds" in argv else 1.0
    print(json.dumps(measure(db, seconds)))


if __name__ == "__main__":
    main(sys.argv[1:])
