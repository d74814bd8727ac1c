"""Every query runs off indexes: EXPLAIN QUERY PLAN with its parameters shows no
full scan of the results, standings or people tables.

`SCAN t USING INDEX` / `USING COVERING INDEX` walks an index and is fine; a
`SCAN` of a CTE or of a small lookup table (races, teams, sources) is fine; an
automatic index built on a big table means SQLite had to read it all first.
"""

from __future__ import annotations

import re

import pytest
from test_queries import CORPUS_PARAMS, SEED_PARAMS

from palmares import queries

BIG_TABLES = {"stage_results", "standings", "computed_gc", "entries", "riders"}
_KEYWORDS = {
    "as", "cross", "group", "inner", "join", "left", "limit", "natural", "on", "order",
    "select", "union", "using", "where", "window",
}  # fmt: skip
_FROM = re.compile(
    r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)(?:\s+(?:as\s+)?([a-z_][a-z0-9_]*))?", re.I
)
_STEP = re.compile(r"^(SCAN|SEARCH) (\S+)")


def table_aliases(sql: str) -> dict[str, set[str]]:
    """What each name in a plan may stand for: a table's alias, or the table itself."""
    out: dict[str, set[str]] = {}
    for m in _FROM.finditer(sql):
        table, alias = m[1].lower(), (m[2] or "").lower()
        out.setdefault(table, set()).add(table)
        if alias and alias not in _KEYWORDS:
            out.setdefault(alias, set()).add(table)
    return out


def full_scans(conn, query: queries.Query, params: dict) -> list[str]:
    """The plan steps that read a big table whole."""
    bound = queries.bind(query, params)
    plan = [row[3] for row in conn.execute("explain query plan " + query.sql, bound)]
    aliases = table_aliases(query.sql)
    bad = []
    for step in plan:
        m = _STEP.match(step)
        if not m or not aliases.get(m[2].lower(), {m[2].lower()}) & BIG_TABLES:
            continue
        if "AUTOMATIC" in step or (m[1] == "SCAN" and "INDEX" not in step):
            bad.append(step)
    return bad


@pytest.mark.parametrize("name", [q.name for q in queries.list_queries()])
@pytest.mark.parametrize("params", [SEED_PARAMS, CORPUS_PARAMS], ids=["seed", "corpus"])
def test_no_full_scan_of_results_or_standings(seed_conn, name, params):
    query = queries.get_query(name)
    assert full_scans(seed_conn, query, params[name]) == []


def test_the_check_catches_a_full_scan(seed_conn):
    scanning = queries.parse_query(
        "scanning",
        "-- title: t\n-- param: rider text: r\n"
        "select r.position from stage_results r where r.time_seconds > length(:rider)",
    )
    assert full_scans(seed_conn, scanning, {"rider": "x"}) == ["SCAN r"]
    automatic = queries.parse_query(
        "automatic",
        "-- title: t\n"
        "select count(*) from stages s left join standings st on st.time_seconds = s.distance_km",
    )
    assert full_scans(seed_conn, automatic, {}) == [
        "SEARCH st USING AUTOMATIC COVERING INDEX (time_seconds=?) LEFT-JOIN"
    ]
