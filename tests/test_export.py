"""`palmares export` writes the native format; loading it back gives the same rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import CORPUS, DATA

from palmares.cli import cli
from palmares.db import connect, init_db
from palmares.loader.load import load_paths

# Each table by its natural keys (refs, labels), never internal ids or provenance.
CANONICAL = {
    "races": "select race_ref, name, country, gender, is_one_day from races",
    "editions": """select race_ref, year, number, start_date, end_date, is_cancelled, starters,
        finishers, distance_km from editions join races using (race_id)""",
    "edition_rules": """select race_ref, year, finish_bonus_seconds, team_riders_counted,
        youth_max_age from edition_rules join editions using (edition_id)
        join races using (race_id)""",
    "stages": """select race_ref, year, label, s.number, stage_order, date, departure, arrival,
        s.distance_km, elevation_m, kind, is_neutralised
        from stages s join editions using (edition_id) join races using (race_id)""",
    "riders": """select rider_ref, name, given_name, family_name, name_key, nationality, birth_date
        from riders""",
    "teams": "select name_key from teams",
    "entries": """select race_ref, year, rider_ref, team_name, bib from entries
        join riders using (rider_id) join editions using (edition_id) join races using (race_id)""",
    "stage_results": """select race_ref, year, label, rider_ref, status, position, position_text,
        position_order, time_seconds, gap_seconds, bonus_seconds, penalty_seconds, points,
        is_suspect
        from stage_results r join stages s using (stage_id) join editions e using (edition_id)
        join races using (race_id) join riders using (rider_id)""",
    "stage_team_results": """select race_ref, year, label, t.name_key, position, time_seconds,
        gap_seconds from stage_team_results join stages using (stage_id)
        join editions using (edition_id) join races using (race_id) join teams t using (team_id)""",
    "standings": """select race_ref, e.year, s.label, st.kind, ri.rider_ref, t.name_key,
        st.status, st.position, st.position_text, st.position_order, st.time_seconds,
        st.gap_seconds, st.points, st.bonus_seconds, st.penalty_seconds
        from standings st join editions e using (edition_id) join races using (race_id)
        left join stages s on s.stage_id = st.stage_id
        left join riders ri on ri.rider_id = st.rider_id
        left join teams t on t.team_id = st.team_id and st.rider_id is null""",
    "adjustments": """select race_ref, e.year, s.label, ri.rider_ref, a.kind, a.seconds,
        a.points, a.reason from adjustments a join editions e using (edition_id)
        join races using (race_id) left join stages s on s.stage_id = a.stage_id
        left join riders ri on ri.rider_id = a.rider_id where a.is_derived = 0""",
    "computed_gc": """select rider_ref, label, position, time_seconds, gap_seconds, places_sum
        from computed_gc join riders using (rider_id) join stages using (stage_id)""",
}


def canonical(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {
        name: sorted((tuple(r) for r in conn.execute(sql)), key=repr)
        for name, sql in CANONICAL.items()
    }


def round_trip(tmp_path: Path, sources: list[Path]) -> tuple[dict, dict]:
    first = init_db(tmp_path / "first.db")
    load_paths(first, sources)
    out = tmp_path / "export"
    from palmares.reports.export import export_db

    export_db(first, out)
    second = init_db(tmp_path / "second.db")
    load_paths(second, [out])
    return canonical(first), canonical(second)


def test_seed_export_loads_back_to_the_same_rows(tmp_path):
    before, after = round_trip(tmp_path, [DATA])
    assert before["stage_results"], "the seed race has stage results"
    for table in CANONICAL:
        assert after[table] == before[table], table


def test_corpus_giro_export_loads_back_to_the_same_rows(tmp_path):
    before, after = round_trip(tmp_path, [CORPUS / "giro2023-jorgepontas"])
    assert len(before["stage_results"]) > 3000
    for table in CANONICAL:
        assert after[table] == before[table], table


def test_export_command_writes_the_native_files(runner, seed_db_path, tmp_path):
    result = runner.invoke(cli, ["export", str(seed_db_path), str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    edition = tmp_path / "out" / "criterium-du-dauphine" / "2021"
    names = sorted(p.name for p in edition.iterdir())
    assert names[:3] == ["adjustments.csv", "edition.csv", "gc-1.csv"] or "edition.csv" in names
    stage8 = (edition / "stage-8.csv").read_text().splitlines()
    assert stage8[0] == "rank,rider,team,nationality,bib,time,bonus,penalty,points,suspect"
    assert stage8[1:4] == [
        "1,Mark Padun,Bahrain – Victorious,UKR,,4:06:49,,,,no",
        "2,Jonas Vingegaard,Team Jumbo-Visma,DEN,,+1:36,,,,no",
        "3,Patrick Konrad,BORA – hansgrohe,AUT,,+1:36,,,,no",
    ]


@pytest.mark.parametrize("fmt", ["--json", "--csv", "--table"])
def test_query_output_formats(runner, seed_db_path, fmt):
    args = ["query", str(seed_db_path), "gc", "-p", "race", "Critérium du Dauphiné",
            "-p", "year", "2021", "-p", "stage", "8", fmt]  # fmt: skip
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    if fmt == "--json":
        import json

        top = [(r["rank"], r["rider"], r["gap_seconds"]) for r in json.loads(result.output)[:3]]
        assert top == [
            (1, "Richie Porte", 0),
            (2, "Alexey Lutsenko", 17),
            (3, "Geraint Thomas", 29),
        ]
    elif fmt == "--csv":
        lines = result.output.splitlines()
        assert lines[0].startswith("rank,rider,rider_ref,nationality,team,status,time_seconds")
        assert lines[2].startswith("2,Alexey Lutsenko,alexey-lutsenko,KAZ,Astana – Premier Tech")
    else:
        assert "29:37:22" in result.output and "+0:17" in result.output


def test_query_errors_are_one_line(runner, seed_db_path):
    result = runner.invoke(cli, ["query", str(seed_db_path), "gc", "-p", "year", "2021"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: query 'gc' needs parameter 'race'")
    result = runner.invoke(cli, ["query", str(seed_db_path), "nope"])
    assert result.exit_code == 1 and "unknown query 'nope'" in result.output


def test_seed_read_only_connection(seed_db_path):
    conn = connect(seed_db_path, readonly=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("delete from riders")
