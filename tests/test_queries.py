"""The query library: every .sql file from Python, the CLI and Datasette, on the
seed race and on real corpus data, with the same rows each way."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import CORPUS
from datasette.app import Datasette

from palmares import queries
from palmares.cli import cli
from palmares.db import connect, init_db
from palmares.errors import QueryError
from palmares.loader.load import load_paths
from palmares.web.config import canned_queries

SEED = {"race": "criterium-du-dauphine", "year": 2021}
GIRO = {"race": "giro-d-italia", "year": 2023}

# Typical parameters of every query, on the seed race and on the corpus.
SEED_PARAMS: dict[str, dict] = {
    "stage_result": {**SEED, "stage": "8"},
    "gc": {**SEED, "stage": "7"},
    "gc_computed": {**SEED, "stage": "1"},
    "team_riders": {**SEED, "team": "Astana – Premier Tech", "stage": "8"},
    "team_classification": {**SEED},
    "classification": {**SEED, "kind": "mountains"},
    "leaders": {**SEED},
    "stage_winners": {**SEED},
    "rider_results": {"rider": "Alex Aranburu"},
    "rider_palmares": {"rider": "Mark Padun"},
    "race_winners": {"race": "Critérium du Dauphiné"},
    "closest_finishes": {"top": 5},
    "head_to_head": {"rider_a": "Richie Porte", "rider_b": "Geraint Thomas"},
    "lanterne_rouge": {**SEED},
    "reconcile": {**SEED},
    "warnings": {},
    "edition": {**SEED},
    "history_check": {"race": "criterium-du-dauphine"},
    "profile_stage": {**SEED, "stage": "8"},
    "profile_stages": {**SEED},
}
CORPUS_PARAMS: dict[str, dict] = {
    "stage_result": {**GIRO, "stage": "20"},
    "gc": {**GIRO, "stage": "16"},
    "gc_computed": {"race": "tour-de-france-femmes", "year": 2023},
    "team_riders": {**GIRO, "team": "INEOS", "on": "gc", "top": 3},
    "team_classification": {"race": "tour-de-france-femmes", "year": 2024},
    "classification": {"race": "tour-de-france", "year": 2022, "kind": "kom", "stage": "21"},
    "leaders": {**GIRO},
    "stage_winners": {"race": "tour-de-france", "year": 1979},
    "rider_results": {"rider": "roglic", "race": "Giro d'Italia"},
    "rider_palmares": {"rider": "van vleuten annemiek"},
    "race_winners": {"race": "tour-de-france"},
    "closest_finishes": {},
    "head_to_head": {"rider_a": "THOMAS Geraint", "rider_b": "Primoz Roglic"},
    "lanterne_rouge": {**GIRO},
    "reconcile": {**GIRO},
    "warnings": {"path": "giro2023"},
    "edition": {**GIRO},
    "history_check": {"race": "tour-de-france-femmes"},
    "profile_stage": {"race": "tour-de-france", "year": 2022, "stage": "21"},
    "profile_stages": {"race": "giro-d-italia"},
}
# The seed race is partial (top tens): no team has three riders with a time on
# every stage, so the computed team classification is rightly empty.
EMPTY_ON_SEED = {"team_classification", "warnings"}

NAMES = [q.name for q in queries.list_queries()]

# The corpus files the query tests load: every reader but the 255k-row Tour
# history (test_golden.py loads that one).
CORPUS_FILES = [
    "giro2023-jorgepontas",
    "letourdataset/TDFF_All_Rankings_History.csv",
    "letourdataset/TDFF_Riders_History.csv",
    "letourdataset/TDF_Riders_History.csv",
    "letourdataset/TDF_Stages_History.csv",
    "procyclingstats",
    "cyclingdata-jenslemb/stages.csv",
]


@pytest.fixture(scope="session")
def corpus_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of real data: the Giro 2023, the Tours, ProCyclingStats JSON, a stage list."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    conn = init_db(path)
    load_paths(conn, [CORPUS / f for f in CORPUS_FILES])
    conn.close()
    return path


def cli_rows(runner, db: Path, name: str, params: dict) -> list[dict]:
    args = ["query", str(db), name, "--json"]
    for key, value in params.items():
        args += ["-p", key, str(value)]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def datasette_style(db: Path, name: str, params: dict) -> list[dict]:
    """The SQL run as Datasette runs it: every parameter a string, '' when not given."""
    query = queries.get_query(name)
    strings = {p.name: str(params[p.name]) if p.name in params else "" for p in query.params}
    conn = connect(db, readonly=True)
    try:
        cur = conn.execute(query.sql, strings)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]
    finally:
        conn.close()


def test_every_query_has_typical_parameters_here():
    assert sorted(SEED_PARAMS) == sorted(NAMES)
    assert sorted(CORPUS_PARAMS) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_runs_on_the_seed_from_python_and_the_cli_with_the_same_rows(seed_db_path, runner, name):
    rows = queries.run(seed_db_path, name, **SEED_PARAMS[name])
    assert bool(rows) is (name not in EMPTY_ON_SEED)
    assert cli_rows(runner, seed_db_path, name, SEED_PARAMS[name]) == rows


@pytest.mark.parametrize("name", NAMES)
def test_runs_on_corpus_data_from_python_and_the_cli_with_the_same_rows(
    corpus_db_path, runner, name
):
    rows = queries.run(corpus_db_path, name, **CORPUS_PARAMS[name])
    assert rows
    assert cli_rows(runner, corpus_db_path, name, CORPUS_PARAMS[name]) == rows


@pytest.mark.parametrize("name", NAMES)
def test_datasette_strings_and_empty_values_give_the_same_rows(seed_db_path, corpus_db_path, name):
    for db, params in ((seed_db_path, SEED_PARAMS[name]), (corpus_db_path, CORPUS_PARAMS[name])):
        assert datasette_style(db, name, params) == queries.run(db, name, **params)


async def test_datasette_canned_queries_give_the_same_rows(seed_db_path, corpus_db_path):
    ds = Datasette(
        [str(seed_db_path), str(corpus_db_path)],
        metadata={
            "databases": {
                "palmares": {"queries": canned_queries()},
                "corpus": {"queries": canned_queries()},
            }
        },
        settings={"max_returned_rows": 10000, "sql_time_limit_ms": 5000},
    )
    for db, all_params in (("palmares", SEED_PARAMS), ("corpus", CORPUS_PARAMS)):
        path = seed_db_path if db == "palmares" else corpus_db_path
        for name in NAMES:
            params = {k: str(v) for k, v in all_params[name].items()}
            response = await ds.client.get(
                f"/{db}/{name}.json", params={**params, "_shape": "array"}
            )
            assert response.status_code == 200, (db, name, response.text[:200])
            assert response.json() == queries.run(path, name, **all_params[name]), (db, name)


def test_palmares_queries_lists_every_query_with_its_parameters(runner):
    result = runner.invoke(cli, ["queries"], catch_exceptions=False)
    assert result.exit_code == 0
    for q in queries.list_queries():
        assert f"{q.name}: {q.title}" in result.stdout
        for p in q.params:
            default = "required" if p.required else f"default {p.default}"
            assert f"    -p {p.name} ({p.type}, {default}): {p.help}" in result.stdout


def test_every_query_has_a_header_with_described_parameters():
    for q in queries.list_queries():
        assert q.title and q.description, q.name
        assert all(p.help for p in q.params), q.name
        # every :name in the SQL is a declared parameter, and every parameter is used
        declared = {p.name for p in q.params}
        assert _named_parameters(q.sql) == declared, q.name


def _named_parameters(sql: str) -> set[str]:
    """The :names of a query, outside comments and string literals."""
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    body = re.sub(r"'[^']*'", "''", body)
    return set(re.findall(r"(?<![:\w]):([a-z_][a-z0-9_]*)", body))


# ---------------------------------------------------------------- parameters


def test_string_parameters_are_cast(seed_conn):
    typed = queries.run(seed_conn, "gc", race="criterium-du-dauphine", year=2021, stage="7")
    strings = queries.run(seed_conn, "gc", race="criterium-du-dauphine", year="2021", stage=7)
    assert typed == strings and typed[0]["rider"] == "Richie Porte"
    top = queries.run(seed_conn, "team_riders", **SEED, team="astana", on="gc", top="2")
    assert [r["rank"] for r in top] == [2, 7]


def test_an_empty_string_means_not_given(seed_conn):
    default = queries.run(seed_conn, "gc", race="criterium-du-dauphine", year=2021)
    assert queries.run(seed_conn, "gc", race="criterium-du-dauphine", year=2021, stage="") == (
        default
    )
    assert default[0]["after_stage"] == "8"
    assert queries.run(seed_conn, "team_riders", **SEED, team="astana", on="", top="") == (
        queries.run(seed_conn, "team_riders", **SEED, team="astana")
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"race": "criterium-du-dauphine", "year": "twenty"}, "integer was expected"),
        ({"race": "criterium-du-dauphine"}, "needs parameter 'year'"),
        ({"race": "x", "year": 2021, "rider": "y"}, "takes no parameter rider"),
    ],
)
def test_bad_parameters_raise_query_error(seed_conn, params, message):
    with pytest.raises(QueryError, match=message):
        queries.run(seed_conn, "gc", **params)


def test_cli_reports_a_bad_parameter_in_one_line(seed_db_path, runner):
    result = runner.invoke(
        cli, ["query", str(seed_db_path), "gc", "-p", "race", "x", "-p", "year", "20x"]
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: parameter 'year' of 'gc': integer was expected, found '20x'"
    ]


def test_unknown_query_is_a_query_error(seed_conn):
    with pytest.raises(QueryError, match="unknown query 'gcc'"):
        queries.run(seed_conn, "gcc")


@pytest.mark.parametrize(
    "race", ["criterium-du-dauphine", "Critérium du Dauphiné", "CRITERIUM DU DAUPHINE"]
)
def test_race_matches_by_ref_or_name_without_accents_or_case(seed_conn, race):
    rows = queries.run(seed_conn, "stage_winners", race=race, year=2021)
    assert [r["winner"] for r in rows][-1] == "Mark Padun"


@pytest.mark.parametrize(
    "rider",
    ["Alexey Lutsenko", "LUTSENKO Alexey", "alexey-lutsenko", "lutsenko alexey", "Lutsenko"],
)
def test_rider_matches_by_ref_or_name_in_any_order(seed_conn, rider):
    rows = queries.run(seed_conn, "rider_results", rider=rider)
    assert {r["rider_ref"] for r in rows} == {"alexey-lutsenko"}
    assert [r["stage"] for r in rows] == ["4", "6", "7", "8"]


def test_rider_names_match_without_accents(seed_conn):
    rows = queries.run(seed_conn, "rider_results", rider="Oscar Rodriguez")
    assert [(r["rider"], r["stage"], r["rank"]) for r in rows] == [("Óscar Rodríguez", "8", 34)]


@pytest.mark.parametrize(
    "team", ["Astana – Premier Tech", "ASTANA-PREMIER TECH", "astana premier tech", "Astana"]
)
def test_team_matches_by_name_without_dashes_or_case(seed_conn, team):
    rows = queries.run(seed_conn, "team_riders", **SEED, team=team, stage="8")
    assert [r["rank"] for r in rows] == [7, 13, 34]


def test_an_unknown_rider_is_an_error_naming_the_nearest_riders(seed_conn):
    with pytest.raises(QueryError, match=r"""^no rider 'Nobody "Quoted"' in the database$"""):
        queries.run(seed_conn, "rider_results", rider='Nobody "Quoted"')
    with pytest.raises(QueryError) as e:
        queries.run(seed_conn, "rider_results", rider="richy porte")
    assert str(e.value) == (
        "no rider 'richy porte' in the database: did you mean richie-porte (Richie Porte)?"
    )
    # a team the edition does not have gives no rows (teams match by any word)
    assert queries.run(seed_conn, "team_riders", **SEED, team="Nobody") == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"race": "tour", "year": 2017},
         "race 'tour' could be any of tour-de-france (Tour de France), "
         "tour-de-france-femmes (Tour de France Femmes), tour-de-pologne (Tour de Pologne), "
         "tour-de-romandie (Tour de Romandie), tour-de-suisse (Tour de Suisse): say which"),
        ({"race": "tuor de france", "year": 2017},
         "no race 'tuor de france': did you mean tour-de-france (Tour de France) "
         "or tour-de-france-femmes (Tour de France Femmes)?"),
        ({"race": "tour-de-france", "year": 1850},
         "no 1850 edition of Tour de France is loaded (113 editions, 1903-2026); nearest: 1903"),
        ({"race": "tour-de-france", "year": 2017, "stage": "30"},
         "no stage '30' in Tour de France 2017: its stages are 1 to 21"),
        ({"race": "tour-de-france", "year": 1916},
         "no 1916 edition of Tour de France is loaded (113 editions, 1903-2026); "
         "nearest: 1914, 1919"),
    ],
)  # fmt: skip
def test_an_unknown_race_year_or_stage_is_an_error_naming_candidates(
    corpus_db_path, params, message
):
    with pytest.raises(QueryError) as e:
        queries.run(corpus_db_path, "gc", **params)
    assert str(e.value) == message


@pytest.mark.parametrize(
    ("asked", "year", "race_ref"),
    [("giro", 2023, "giro-d-italia"), ("dauphine", 2021, "criterium-du-dauphine"),
     ("tour femmes", 2022, "tour-de-france-femmes"), ("Tour de France", 2017, "tour-de-france"),
     ("DAUPHINÉ LIBÉRÉ", 2021, "criterium-du-dauphine")],
)  # fmt: skip
def test_races_answer_to_the_names_people_use(corpus_db_path, asked, year, race_ref):
    rows = queries.run(corpus_db_path, "edition", race=asked, year=year)
    assert [r["race_ref"] for r in rows] == [race_ref]


# ---------------------------------------------------------------- by the rules, on real data


def test_gc_is_official_where_published_and_computed_where_not(corpus_db_path):
    after_15 = queries.run(corpus_db_path, "gc", **GIRO, stage="15")
    after_16 = queries.run(corpus_db_path, "gc", **GIRO, stage="16")
    assert {r["source"] for r in after_15} == {"official"}
    # the GC after stage 16 is missing from the source file
    assert {r["source"] for r in after_16} == {"computed"}
    assert [r["rider"] for r in after_15[:2]] == ["Bruno Armirail", "Geraint Thomas"]
    # 132 riders on the stage, 4 of whom did not finish it
    assert len(after_16) == 128


def test_a_jersey_list_does_not_hide_the_final_standings(corpus_db_path):
    # the stage list names the 2019 leader after stage 21; the final GC has 155 riders
    rows = queries.run(corpus_db_path, "gc", race="tour-de-france", year=2019)
    assert len(rows) == 155
    assert [(r["rank"], r["rider"], r["gap"]) for r in rows[:2]] == [
        (1, "Egan Bernal", None),
        (2, "Geraint Thomas", "+1:11"),
    ]


def test_computed_gc_breaks_ties_by_the_sum_of_stage_places(corpus_db_path):
    rows = queries.run(corpus_db_path, "gc_computed", race="tour-de-france-femmes", year=2023)
    assert [
        (r["rank"], r["rider"], r["gap"], r["places_sum"], r["tie_break"]) for r in rows[1:3]
    ] == [
        (2, "Lotte Kopecky", "+3:03", 36, None),
        (3, "Katarzyna Niewiadoma-Phinney", "+3:03", 180, "sum of stage places"),
    ]


def test_team_classification_counts_the_team_time_in_a_team_time_trial(corpus_db_path):
    rows = queries.run(
        corpus_db_path, "team_classification", race="world-championship-ttt", year=2017
    )
    # three riders counted, each credited the team's time (Sunweb 47:50); the source's
    # capitals shown in proper case, acronyms kept (names.team_display); Team Sky is one
    # team across its seasons, shown by one of its names (docs/ARCHITECTURE.md)
    assert [(r["rank"], r["team"], r["time_seconds"], r["gap"]) for r in rows[:3]] == [
        (1, "Team Sunweb", 3 * 2870, None),
        (2, "BMC Racing Team", 3 * 2878, "+0:24"),
        (3, "Sky Procycling", 3 * 2892, "+1:06"),
    ]


def test_team_classification_drops_a_team_short_of_three_riders(corpus_db_path):
    sizes = [
        len(queries.run(corpus_db_path, "team_classification", race="tour-de-france-femmes",
                        year=2024, stage=str(stage)))
        for stage in range(1, 9)
    ]  # fmt: skip
    assert sizes == [22, 22, 22, 21, 21, 21, 20, 19]


def test_classification_names_kom_and_final_standings(corpus_db_path):
    rows = queries.run(
        corpus_db_path, "classification", race="tour-de-france", year=2022, kind="kom"
    )
    assert [(r["rank"], r["rider"], r["kind"]) for r in rows[:2]] == [
        (1, "Jonas Vingegaard", "mountains"),
        (2, "Simon Geschke", "mountains"),
    ]
    assert rows[1]["points"] == 25


def test_youth_classification_computed_when_not_published(seed_db_path, tmp_path):
    # invented birth dates on a copy of the seed, around the cut-off: the
    # youth_max_age of 25 admits riders born on or after 1 January 1996 in 2021
    path = tmp_path / "youth.db"
    shutil.copy(seed_db_path, path)
    conn = sqlite3.connect(path)
    births = {
        "brent-van-moer": "1998-01-12",
        "kaden-groves": "1998-12-23",
        "nils-politt": "1996-01-01",
        "kasper-asgreen": "1995-12-31",
        "sonny-colbrelli": "1990-05-17",
    }
    conn.executemany(
        "update riders set birth_date = ? where rider_ref = ?",
        [(b, r) for r, b in births.items()],
    )
    conn.commit()
    conn.close()
    rows = queries.run(path, "classification", **SEED, kind="youth", stage="1")
    # Van Moer's 10 s finish bonus, derived from his stage win by the race's
    # rules (the source gives none): +0:25 on the road, +0:35 in the GC
    assert [(r["rank"], r["rider"], r["gap"], r["source"]) for r in rows] == [
        (1, "Brent Van Moer", None, "computed"),
        (2, "Kaden Groves", "+0:35", "computed"),
        (2, "Nils Politt", "+0:35", "computed"),
    ]
    # where a youth classification was published, it is shown as published
    final = queries.run(path, "classification", **SEED, kind="youth")
    assert [(r["rider"], r["source"]) for r in final] == [("David Gaudu", "official")]


def test_leaders_fall_back_to_the_computed_gc_where_none_was_published(corpus_db_path):
    rows = {r["stage"]: r for r in queries.run(corpus_db_path, "leaders", **GIRO)}
    assert [(s, rows[s]["gc"], rows[s]["gc_source"]) for s in ("12", "13", "14", "16", "21")] == [
        ("12", "Geraint Thomas", "official"),
        ("13", "Geraint Thomas", "computed"),
        ("14", "Bruno Armirail", "official"),
        ("16", "Geraint Thomas", "computed"),
        ("21", "Primož Roglič", "official"),
    ]


def test_a_team_time_trial_won_by_a_team(corpus_db_path):
    rows = queries.run(corpus_db_path, "stage_winners", race="tour-de-france", year=1979)
    assert [(r["stage"], r["kind"], r["winner"], r["rider_ref"]) for r in rows[3:5]] == [
        ("3", "road", "Bernard Hinault", "bernard-hinault"),
        ("4", "ttt", "RALEIGH-McGREGOR", None),
    ]
    hinault = [r for r in rows if r["rider_ref"] == "bernard-hinault"]
    assert [(r["stage"], r["consecutive_wins"]) for r in hinault[:2]] == [("2", 1), ("3", 2)]


def test_race_winners_keep_years_without_a_winner(corpus_db_path):
    rows = {
        r["year"]: r for r in queries.run(corpus_db_path, "race_winners", race="tour-de-france")
    }
    assert (rows[1903]["winner"], rows[1903]["runner_up"], rows[1903]["margin"]) == (
        "Maurice Garin",
        "Lucien Pothier",
        "2:59:21",
    )
    assert (rows[1999]["winner"], rows[1999]["runner_up"], rows[1999]["margin"]) == (
        None,
        "Alex Zulle",
        None,
    )
    # early Tours were decided on points
    assert (rows[1911]["winner"], rows[1911]["margin_points"]) == ("Gustave Garrigou", 18)


def test_closest_finishes_of_every_stage_race(corpus_db_path):
    rows = queries.run(corpus_db_path, "closest_finishes", top=3)
    assert [(r["race_ref"], r["year"], r["winner"], r["margin"]) for r in rows] == [
        ("tour-de-france-femmes", 2024, "Katarzyna Niewiadoma-Phinney", "0:04"),
        ("tour-de-france", 1989, "Greg Lemond", "0:08"),
        ("giro-d-italia", 2023, "Primož Roglič", "0:14"),
    ]


def test_head_to_head_on_the_giro_time_trial(corpus_db_path):
    rows = queries.run(corpus_db_path, "head_to_head", rider_a="Geraint Thomas", rider_b="Roglic")
    stage_20 = [r for r in rows if r["stage"] == "20"]
    assert [(r["a_rank"], r["b_rank"], r["ahead"], r["gap_seconds"]) for r in stage_20] == [
        (2, 1, "Primož Roglič", 40)
    ]
    # the Tour 2018's stage 3 was a team time trial: riders' rows there do not count
    # (counted_stage_results), so it is no head-to-head any more (was 14, 10)
    assert (rows[-1]["a_ahead"], rows[-1]["b_ahead"]) == (12, 10)


def test_lanterne_rouge_of_the_giro(corpus_db_path):
    rows = queries.run(corpus_db_path, "lanterne_rouge", **GIRO)
    assert [(r["rank"], r["rider"], r["gap"], r["classified_loaded"]) for r in rows] == [
        (125, "Nicolas Dalla Valle", "+5:26:45", 125)
    ]


def test_warnings_name_their_file_and_line(corpus_db_path):
    rows = queries.run(corpus_db_path, "warnings", code="missing_results")
    assert [(Path(r["path"]).name, r["line"], r["code"]) for r in rows] == [
        ("Giro-dItalia-GC-2023.csv", 2370, "missing_results"),
        ("Giro-dItalia-STG-2023.csv", 2010, "missing_results"),
    ]


def test_an_empty_answer_says_why(runner, seed_db_path):
    args = ["query", str(seed_db_path), "team_riders", "-p", "race", "dauphine", "-p", "year",
            "2021", "-p", "team", "Nobody", "-p", "stage", "8"]  # fmt: skip
    result = runner.invoke(cli, args)
    assert (result.exit_code, result.stdout) == (0, "(no rows)\n")
    assert result.stderr == (
        "team_riders: no rows for Critérium du Dauphiné 2021. It holds 8 stages, results for 8, "
        "a GC computed after 4, published standings: gc (8), mountains (1), points (1), "
        "teams (1), youth (1), team times: none\n"
    )
