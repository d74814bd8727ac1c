"""The bad-input catalogue: every reader, through `palmares load`.

A file that cannot be read gives exactly one line naming the file, the line and
what was expected, exit status 1, and leaves the database file byte for byte as
it was. Data that is odd but real loads, with its warnings recorded. The basic
native cases (a bad time, a bad rank, a short row, wrong columns, a negative
gap, an unknown file, a stage not in stages.csv, a gap smaller than the row
above) are in test_load.py; this file covers the rest and the other readers.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import DATA, file_digest

from palmares.cli import cli
from palmares.db import init_db
from palmares.loader import formats
from palmares.loader.load import load_paths

EDITION = "field,value\nrace,Test Race\nyear,2021\n"
STAGES = "stage\n1\n2\n"
PCS_STG = (
    "stage_name,stage_date,stage_length,stage_rank_name,stage_rank_rider,stage_rank_team,"
    "stage_rank_points,stage_rank_time\n"
)
PCS_ROW = "Stage 1 | Ortona - San Salvo,07/05,(202k),"
STAGE_LIST = (
    "race,year,stage,stage_id,stage_num,stage_type,date,departure,arrival,parcours_type,"
    "distance,vertical_meters\n"
)
ASO_RIDERS = (
    "Rank,Rider,Rider No.,Team,Times,Gap,B,P,Year,Distance (km),Number of stages,ResultType,"
    "TotalSeconds,GapSeconds\n"
)
ASO_RIDER_ROW = "1,TADEJ POGACAR,1,UAE TEAM EMIRATES,,,,,2020,3482,21,time,{seconds},0\n"
PROFILE = """ date 2021-06-06 Astana report

Race Profile

Criterium du Dauphine

Stage 8: La Léchère-Les-Bains > Les Gets (147km)

{top}
"""
PCS_JSON_NAME = "race_tour-de-france_2022_stage-21.json"
TOUR_HISTORY = (
    "edition,year,stage,rank,time_s,time_hms,elapsed_s,elapsed_hms,rider,bib_number,age,team,"
    "points\n"
)
TOUR_ROW = "1,1903,stage-1,1,{time},17:45:13,63913,17:45:13,{rider},,32,,100\n"


def native(stage_1: str | bytes, name: str = "stage-1.csv", **more: str | bytes) -> dict:
    """The files of a native edition folder `e/` with one file to break."""
    return {"e/edition.csv": EDITION, "e/stages.csv": STAGES, f"e/{name}": stage_1} | {
        f"e/{k}": v for k, v in more.items()
    }


def stage_json(results: str) -> str:
    """A scraper stage file: line 1 '{', results rows from line 3 on, one a line."""
    return '{\n "stage_type": "RR",\n "results": [\n' + results + "\n ]\n}\n"


@dataclass
class Bad:
    """A file that must be refused: `expected` is the line after 'Error: <path>'."""

    id: str
    files: dict[str, str | bytes]
    load: str
    expected: str
    fmt: str | None = None
    args: list[str] = field(default_factory=list)


STAGE_1 = "rank,rider,time\n1,Mark Padun,4:06:49\n"
BAD = [
    # ---------------------------------------------------------------- native
    Bad("empty-file", native(""), "e/stage-1.csv",
        ":1: results data was expected, found an empty file"),
    Bad("header-only", native("rank,rider,time\n"), "e/stage-1.csv",
        ":2: a stage result with rows after its header was expected, found only the header"),
    Bad("header-only-edition", native(STAGE_1, "edition.csv", **{"edition.csv": "field,value\n"}),
        "e/edition.csv",
        ":2: an edition.csv with rows after its header was expected, found only the header"),
    Bad("truncated-last-line", native('rank,rider,time\n1,Mark Padun,4:06:49\n2,"Jonas Vinge'),
        "e/stage-1.csv", ":3: a well-formed CSV row was expected (unexpected end of data)"),
    Bad("latin-1", native("rank,rider,time\n1,Mark Padun,4:06:49\n2,Aurélien Paret,+0:10\n"
                          .encode("latin-1")),
        "e/stage-1.csv", ":3: UTF-8 text was expected, found bytes in another encoding "
        "(Latin-1? save the file as UTF-8)"),
    Bad("utf-16", native("rank,rider,time\n1,Mark Padun,4:06:49\n".encode("utf-16")),
        "e/stage-1.csv", ":1: UTF-8 text was expected, found UTF-16 (save the file as UTF-8)"),
    Bad("crlf-error-line", native(b"rank,rider,time\r\n1,Mark Padun,4:06:49\r\n"
                                  b"2,Jonas Vingegaard,+1:36\r\n3,Patrick Konrad,4:6o:49\r\n"),
        "e/stage-1.csv",
        ":4: column 'time': a time like 4:06:49 was expected, found '4:6o:49'"),
    Bad("lone-cr", native(b"rank,rider,time\r1,Mark Padun,4:06:49\r"), "e/stage-1.csv",
        ":1: lines ending in LF or CRLF were expected, found a lone CR (an old Mac line end; "
        "save the file with Windows or Unix line ends)"),
    Bad("duplicate-column", native("rank,rider,time,rider\n1,Mark Padun,4:06:49,Jonas\n"),
        "e/stage-1.csv", ":1: each column once in the header was expected, found 'rider' twice"),
    Bad("ten-mb-field", native("rank,rider,time\n1," + "x" * 10_000_000 + ",4:06:49\n"),
        "e/stage-1.csv",
        ":2: a field of at most 1000000 characters was expected, found a longer one"),
    Bad("nul-byte", native(b"rank,rider,time\n1,Mark\x00Padun,4:06:49\n"), "e/stage-1.csv",
        ":2: column 'rider': text was expected, found a NUL byte (binary data?)"),
    Bad("binary", native(bytes(range(256)) * 4), "e/stage-1.csv",
        ":2: UTF-8 text was expected, found bytes in another encoding "
        "(Latin-1? save the file as UTF-8)"),
    Bad("formula-name", native('rank,rider,time\n1,"=HYPERLINK(""http://x.example"",""Padun"")",'
                               "4:06:49\n"),
        "e/stage-1.csv",
        ":2: column 'rider': a rider name was expected, found a spreadsheet formula "
        "'=HYPERLINK(\"http://x.example\",\"Padun\")' (a value starting with =, @, + or -)"),
    Bad("formula-at", native("rank,rider,time\n1,@SUM(A1:A9),4:06:49\n"), "e/stage-1.csv",
        ":2: column 'rider': a rider name was expected, found a spreadsheet formula "
        "'@SUM(A1:A9)' (a value starting with =, @, + or -)"),
    Bad("name-too-long", native("rank,rider,time\n1," + "Padun " * 50 + ",4:06:49\n"),
        "e/stage-1.csv",
        ":2: column 'rider': a rider name of at most 200 characters was expected, "
        "found 299 characters"),
    Bad("superscript-rank", native("rank,rider,time\n²,Mark Padun,4:06:49\n"), "e/stage-1.csv",
        ":2: column 'rank': a rank (a place, or DNF, DNS, OTL, DSQ, NQ) was expected, found '²'"),
    Bad("rank-too-large", native("rank,rider,time\n99999999999999999999,Mark Padun,4:06:49\n"),
        "e/stage-1.csv", ":2: column 'rank': a rank (a place, or DNF, DNS, OTL, DSQ, NQ) was "
        "expected, found '99999999999999999999'"),
    Bad("time-too-large", native("rank,rider,time\n1,Mark Padun,99999999999999999999:00:00\n"),
        "e/stage-1.csv", ":2: column 'time': a time like 4:06:49 (under 10000 hours) was "
        "expected, found '99999999999999999999:00:00'"),
    Bad("bib-too-large", native("rank,rider,bib,time\n1,Mark Padun,99999999999999999999,4:06:49\n"),
        "e/stage-1.csv",
        ":2: column 'bib': a bib number was expected, found '99999999999999999999'"),
    Bad("faster-than-winner", native("rank,rider,time\n1,Mark Padun,4:06:49\n2,Jonas V,4:06:00\n"),
        "e/stage-1.csv", ":3: column 'time': a time no faster than the first row's was expected, "
        "found '4:06:00'"),
    Bad("same-time-first", native("rank,rider,time\n1,Mark Padun,s.t.\n"), "e/stage-1.csv",
        ":2: column 'time': a time was expected on the first row, found a same-time mark"),
    Bad("stage-label-absurd", native(STAGE_1, "stage-99999999999999999999.csv"),
        "e/stage-99999999999999999999.csv", ": a stage label like 8, 0 or 10a was expected in "
        "the file name, found '99999999999999999999'"),
    Bad("adjustment-stage-not-in-edition",
        native(STAGE_1, **{"adjustments.csv": "stage,rider,kind,seconds\n9,Mark Padun,"
                                               "time_penalty,20\n"}),
        "e/adjustments.csv",
        ":2: column 'stage': a stage listed in stages.csv was expected, found '9'"),
    Bad("stage-date-impossible", {"e/edition.csv": EDITION, "e/stages.csv": "stage,date\n1,"
                                  "2021-06-01\n2,2021-02-30\n"},
        "e/stages.csv", ":3: a date like 2021-05-30 was expected, found '2021-02-30'"),
    Bad("stage-distance-infinite", {"e/edition.csv": EDITION, "e/stages.csv": "stage,distance_km"
                                    "\n1,1e400\n"},
        "e/stages.csv", ":2: a distance in km like 181.8 was expected, found '1e400'"),
    Bad("edition-date", native(STAGE_1, "edition.csv", **{
        "edition.csv": EDITION + "start_date,30/05/2021\n"}),
        "e/edition.csv",
        ":4: column 'start_date': a date like 2021-05-30 was expected, found '30/05/2021'"),
    Bad("edition-number-too-large", native(STAGE_1, "edition.csv", **{
        "edition.csv": EDITION + "starters,99999999999999999999\n"}),
        "e/edition.csv",
        ":4: column 'starters': a whole number was expected, found '99999999999999999999'"),
    Bad("year-beyond-2100", native(STAGE_1, **{
        "edition.csv": "field,value\nrace,Test Race\nyear,2101\n"}),
        "e/edition.csv", ":3: a year between 1868 and 2100 was expected, found 2101"),
    # ---------------------------------------------------------------- pcs_table
    Bad("pcs-time", {"Giro-dItalia-STG-2023.csv": PCS_STG + PCS_ROW + "1,PADUN Mark,Bahrain,,"
                     "4:6o:49\n"},
        "Giro-dItalia-STG-2023.csv",
        ":2: column 'stage_rank_time': a time like 4:06:49 was expected, found '4:6o:49'"),
    Bad("pcs-negative-gap", {"Giro-dItalia-STG-2023.csv": PCS_STG + PCS_ROW + "1,PADUN Mark,B,,"
                             "4:06:49\n" + PCS_ROW + "2,DOE John,C,,-0:10\n"},
        "Giro-dItalia-STG-2023.csv", ":3: column 'stage_rank_time': a gap like +1:36 was "
        "expected, found a negative gap '-0:10'"),
    Bad("pcs-missing-columns", {"Giro-dItalia-STG-2023.csv": "stage_name,stage_date\nStage 1,"
                                "07/05\n"},
        "Giro-dItalia-STG-2023.csv", ":1: the columns of a ProCyclingStats stage or GC table were "
        "expected (stage_name, stage_date, stage_length, stage_rank_name, stage_rank_rider, "
        "stage_rank_team, stage_rank_points, stage_rank_time), found stage_date, stage_name",
        fmt="pcs_table"),
    Bad("pcs-header-only", {"Giro-dItalia-STG-2023.csv": PCS_STG}, "Giro-dItalia-STG-2023.csv",
        ":2: a ProCyclingStats table with rows after its header was expected, found only the "
        "header"),
    Bad("pcs-file-name", {"results.csv": PCS_STG + PCS_ROW + "1,PADUN Mark,B,,4:06:49\n"},
        "results.csv", ": a file name like Giro-dItalia-STG-2023.csv (<Race>-<STG|GC>-<year>) "
        "was expected, found 'results.csv': a PCS table has no race or year column"),
    Bad("pcs-stage-absurd", {"Giro-dItalia-STG-2023.csv": PCS_STG + "Stage 99999999999999 | A - B"
                             ",07/05,(202k),1,PADUN Mark,B,,4:06:49\n"},
        "Giro-dItalia-STG-2023.csv", ":2: column 'stage_name': a stage name like 'Stage 1 (ITT) | "
        "Fossacesia Marina - Ortona' was expected, found 'Stage 99999999999999 | A - B'"),
    Bad("pcs-superscript-rank", {"Giro-dItalia-STG-2023.csv": PCS_STG + PCS_ROW + "³,PADUN Mark,"
                                 "B,,4:06:49\n"},
        "Giro-dItalia-STG-2023.csv", ":2: column 'stage_rank_name': a rank like 1 or a status "
        "like DNF or DNS was expected, found '³'"),
    # ---------------------------------------------------------------- pcs_json
    Bad("json-invalid", {PCS_JSON_NAME: '{\n "stage_type": "RR",\n "results": [\n  {"rank": 1,'
                         '\n'},
        PCS_JSON_NAME, ":5: valid JSON was expected (Expecting property name enclosed in double "
        "quotes at column 1)"),
    Bad("json-empty", {PCS_JSON_NAME: ""}, PCS_JSON_NAME,
        ":1: results data was expected, found an empty file"),
    Bad("json-top-level-list", {PCS_JSON_NAME: '[\n {"results": []}\n]\n'}, PCS_JSON_NAME,
        ":1: a JSON object (the output of a scraper's parse()) was expected, found a list",
        fmt="pcs_json"),
    Bad("json-results-not-a-list", {PCS_JSON_NAME: '{\n "stage_type": "RR",\n "results": {"a": 1}'
                                    "\n}\n"},
        PCS_JSON_NAME, ":1: column 'results': a list of rows under 'results' was expected, found "
        'a JSON object {"a": 1}'),
    Bad("json-row-not-an-object", {PCS_JSON_NAME: stage_json('  ["Pogacar", 1]')}, PCS_JSON_NAME,
        ":4: column 'results': each row of 'results' was expected to be a JSON object, "
        "found ['Pogacar', 1]"),
    Bad("json-unknown-keys", {PCS_JSON_NAME: '{\n "rider_url": "x",\n "teams_": []\n}\n'},
        PCS_JSON_NAME, ":1: the keys of Stage.parse() (results, gc, ...), Race.parse() (stages, "
        "...) or RaceStartlist.parse() (startlist) were expected, found keys: rider_url, teams_",
        fmt="pcs_json"),
    Bad("json-time", {PCS_JSON_NAME: stage_json('  {"rank": 1, "rider_name": "Pogacar Tadej", '
                                                '"time": "4:6o:49"}')},
        PCS_JSON_NAME, ":4: column 'time': a time like 4:06:49 was expected, found '4:6o:49'"),
    Bad("json-rank-too-large", {PCS_JSON_NAME: stage_json('  {"rank": 1e300, "rider_name": '
                                                          '"Pogacar Tadej", "time": "4:06:49"}')},
        PCS_JSON_NAME, ":4: column 'rank': a whole number was expected, found 1e+300"),
    Bad("json-formula", {PCS_JSON_NAME: stage_json('  {"rank": 1, "rider_name": "=HYPERLINK(1)",'
                                                   ' "time": "4:06:49"}')},
        PCS_JSON_NAME, ":4: column 'rider': a rider name was expected, found a spreadsheet "
        "formula '=HYPERLINK(1)' (a value starting with =, @, + or -)"),
    Bad("json-ten-mb-name", {PCS_JSON_NAME: stage_json('  {"rank": 1, "rider_name": "'
                                                       + "x" * 10_000_000 + '"}')},
        PCS_JSON_NAME,
        ":4: column 'rider_name': a value of at most 1000000 characters was expected"),
    Bad("json-nested-too-deep", {PCS_JSON_NAME: '{"results": ' + "[" * 100_000 + "]" * 100_000
                                 + ', "gc": []}'},
        PCS_JSON_NAME, ": JSON nested at most a few levels deep was expected"),
    Bad("json-utf-16", {PCS_JSON_NAME: '{"results": [], "gc": []}'.encode("utf-16")},
        PCS_JSON_NAME, ":1: UTF-8 JSON was expected, found bytes in another encoding",
        fmt="pcs_json"),
    Bad("json-infinite-distance", {PCS_JSON_NAME: '{\n "stage_type": "RR",\n "distance": Infinity'
                                   ',\n "results": []\n}\n'},
        PCS_JSON_NAME, ":1: column 'distance': a number was expected, found inf"),
    # ---------------------------------------------------------------- stage_list
    Bad("stage-list-missing-columns", {"stages.csv": "race,year,stage,stage_id\nTour,2021,1,1\n"},
        "stages.csv", ":1: expected columns stage_type, date, departure, arrival, distance, "
        "vertical_meters in the header, found race, year, stage, stage_id", fmt="stage_list"),
    Bad("stage-list-header-only", {"stages.csv": STAGE_LIST}, "stages.csv",
        ":2: a stage list with rows after its header was expected, found only the header"),
    Bad("stage-list-stage-twice", {"stages.csv": STAGE_LIST + "Tour,2021,1,1,1,Road race,"
                                   "2021-06-26,Brest,Landerneau,,197.8,2000\nTour,2021,2,1,2,"
                                   "Road race,2021-06-27,Perros,Mur,,183.5,2500\n"},
        "stages.csv", ":3: column 'stage_id': one row a stage was expected, found stage 1 of "
        "Tour 2021 again"),
    Bad("stage-list-label-absurd", {"stages.csv": STAGE_LIST + "Tour,2021,1,99999999999999999999"
                                    ",1,Road race,2021-06-26,Brest,Landerneau,,197.8,2000\n"},
        "stages.csv", ":2: column 'stage_id': a stage id like 1, 10a or prologue was expected, "
        "found '99999999999999999999'"),
    # ---------------------------------------------------------------- aso
    Bad("aso-wrong-columns", {"TDF_Riders_History.csv": "Rank,Rider\n1,TADEJ POGACAR\n"},
        "TDF_Riders_History.csv", ":1: a LeTourDataSet header was expected (Rank,Rider,Rider "
        "No.,... or Rank,...,Ranking type,... or Year,TotalTDFDistance,Stages,...), found Rank, "
        "Rider", fmt="aso"),
    Bad("aso-seconds", {"TDF_Riders_History.csv": ASO_RIDERS + ASO_RIDER_ROW.format(seconds="87h")},
        "TDF_Riders_History.csv", ":2: column 'TotalSeconds': a whole number of seconds like "
        "96944 was expected, found '87h'"),
    Bad("aso-seconds-too-large", {"TDF_Riders_History.csv": ASO_RIDERS + ASO_RIDER_ROW.format(
        seconds="9" * 5000)},
        "TDF_Riders_History.csv", ":2: column 'TotalSeconds': a whole number of seconds like "
        "96944 was expected, found '" + "9" * 40 + "'"),
    Bad("aso-header-only", {"TDF_Riders_History.csv": ASO_RIDERS}, "TDF_Riders_History.csv",
        ":2: a LeTourDataSet CSV file with rows after its header was expected, found only the "
        "header"),
    # ---------------------------------------------------------------- race_profile
    Bad("profile-broken-line", {"r.txt": PROFILE.format(
        top="Top 3: 1. Mark Padun (Bahrain – Victorious), 2 Jonas Vingegaard")},
        "r.txt", ":9: expected entries like '1. Name (Team)', found '1. Mark Padun (Bahrain – "
        "Victorious), 2 Jonas Vingegaard'"),
    Bad("profile-cut-short", {"r.txt": PROFILE.format(top="")}, "r.txt",
        ":7: a results line like 'Top 3: 1. Name (Team), 2. ...' was expected after the stage "
        "line (line 7), found the end of the file"),
    Bad("profile-rank-twice", {"r.txt": PROFILE.format(
        top="Top 3: 1. Mark Padun (Bahrain), 2. Mark Padun (Bahrain)")},
        "r.txt", ":9: the same rank for Mark Padun was expected, found 2 here but 1 at line 9"),
    Bad("profile-rank-absurd", {"r.txt": PROFILE.format(
        top="Top 99999999999999999999: 1. Mark Padun (Bahrain)")},
        "r.txt", ":9: a rank up to 9999 was expected, found 99999999999999999999"),
    Bad("profile-latin-1", {"r.txt": PROFILE.format(top="Top 3: 1. Mark Padun (Bahrain)")
                            .encode("latin-1")},
        "r.txt", ":7: UTF-8 text was expected, found bytes in another encoding (Latin-1? save "
        "the file as UTF-8)"),
    Bad("profile-ten-mb-name", {"r.txt": PROFILE.format(top="Top 3: 1. Mark Padun (Bahrain), 2. "
                                                        + "a" * 10_000_000)},
        "r.txt", ":9: column 'rider': a rider name of at most 200 characters was expected, "
        "found 10000000 characters"),
    Bad("profile-year-too-early", {"r.txt": PROFILE.replace("2021-06-06", "1703-06-06").format(
        top="Top 3: 1. Mark Padun (Bahrain)")},
        "r.txt", ":5: a year between 1868 and 2100 was expected, found 1703"),
    # ---------------------------------------------------------------- rushworth
    Bad("tour-history-time", {"stage_results.csv": TOUR_HISTORY + TOUR_ROW.format(
        time="6391x", rider="Garin Maurice")},
        "stage_results.csv", ":2: column 'time_s': a whole number was expected, found '6391x'"),
    Bad("tour-history-latin-1", {"stage_results.csv": (TOUR_HISTORY + TOUR_ROW.format(
        time="63913", rider="Pagie Émile")).encode("latin-1")},
        "stage_results.csv", ":2: UTF-8 text was expected, found bytes in another encoding "
        "(Latin-1? save the file as UTF-8)"),
    Bad("tour-history-formula", {"stage_results.csv": TOUR_HISTORY + TOUR_ROW.format(
        time="63913", rider="@Garin")},
        "stage_results.csv", ":2: column 'rider': a rider name was expected, found a spreadsheet "
        "formula '@Garin' (a value starting with =, @, + or -)"),
    # ---------------------------------------------------------------- any file
    Bad("unknown-content", {"notes.csv": "a,b,c\n1,2,3\n"}, "notes.csv",
        ":1: a known results format was expected ({known}); none recognises this file"),
]  # fmt: skip


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed race loaded, checkpointed into one file to copy for each test."""
    path = tmp_path_factory.mktemp("template") / "palmares.db"
    conn = init_db(path)
    load_paths(conn, [DATA])
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    return path


@pytest.fixture
def seeded_db(template_db: Path, tmp_path: Path) -> Path:
    """A writable database holding the seed race."""
    path = tmp_path / "palmares.db"
    shutil.copyfile(template_db, path)
    return path


def known_formats() -> str:
    return ", ".join(m.FORMAT for m in formats.readers())


def test_the_catalogue_has_at_least_25_kinds_across_every_reader() -> None:
    ids = [b.id for b in BAD]
    assert len(ids) == len(set(ids)) and len(ids) >= 25
    readers = {
        "native": "e/",
        "pcs_table": "Giro-dItalia",
        "pcs_json": "race_",
        "stage_list": "stages.csv",
        "aso": "TDF_",
        "race_profile": "r.txt",
        "rushworth": "stage_results.csv",
    }
    assert set(readers) == {m.FORMAT for m in formats.readers()}  # a new reader gets cases
    for reader, mark in readers.items():
        assert sum(b.load.startswith(mark) for b in BAD) >= 3, reader


@pytest.mark.parametrize("bad", BAD, ids=[b.id for b in BAD])
def test_bad_file_is_one_clear_line_and_changes_nothing(runner, seeded_db, tmp_path, bad) -> None:
    root = tmp_path / "in"
    write_files(root, bad.files)
    before = file_digest(seeded_db)
    args = ["load", str(seeded_db), str(root / bad.load), "-q"]
    args += ["--format", bad.fmt] if bad.fmt else []
    result = runner.invoke(cli, args)
    message = bad.expected.replace("{known}", known_formats())
    expected = f"Error: {root / bad.load}{message}"
    assert result.output.splitlines() == [expected]
    assert result.exit_code == 1
    assert file_digest(seeded_db) == before


def test_unknown_format_option_names_the_known_ones(runner, seeded_db, tmp_path) -> None:
    write_files(tmp_path, native(STAGE_1))
    before = file_digest(seeded_db)
    args = ["load", str(seeded_db), str(tmp_path / "e"), "--format", "csv"]
    result = runner.invoke(cli, args)
    assert result.output.splitlines() == [
        f"Error: <input>: unknown format 'csv'; known formats: {known_formats()}"
    ]
    assert result.exit_code == 1
    assert file_digest(seeded_db) == before


def test_a_bad_file_in_a_folder_stops_there_and_keeps_the_files_before(
    runner, seeded_db, tmp_path
) -> None:
    write_files(tmp_path, native(STAGE_1, **{"stage-2.csv": "rank,rider,time\n1,X Y,4:6o:49\n"}))
    result = runner.invoke(cli, ["load", str(seeded_db), str(tmp_path / "e"), "-q"])
    assert result.output.splitlines() == [
        f"Error: {tmp_path / 'e' / 'stage-2.csv'}:2: column 'time': a time like 4:06:49 was "
        "expected, found '4:6o:49'"
    ]
    conn = sqlite3.connect(seeded_db)
    loaded = [p for (p,) in conn.execute("select path from sources order by source_id")]
    folder = tmp_path.resolve() / "e"
    assert loaded[-3:] == [str(folder / n) for n in ("edition.csv", "stages.csv", "stage-1.csv")]
    assert str(folder / "stage-2.csv") not in loaded


def test_results_for_a_year_in_the_future_are_refused(runner, seeded_db, tmp_path) -> None:
    files = native(STAGE_1, **{"edition.csv": "field,value\nrace,Test Race\nyear,2099\n"})
    write_files(tmp_path, files)
    before = file_digest(seeded_db)
    path = tmp_path / "e" / "stage-1.csv"
    result = runner.invoke(cli, ["load", str(seeded_db), str(path), "-q"])
    assert re.fullmatch(
        rf"Error: {re.escape(str(path))}:2: results up to the year \d{{4}} were expected, "
        r"found 2099 \(a year in the future\)",
        result.output.strip(),
    )
    assert file_digest(seeded_db) == before


# ---------------------------------------------------------------- odd but real: loads, warns


def load_ok(runner, db: Path, path: Path) -> sqlite3.Connection:
    result = runner.invoke(cli, ["load", str(db), str(path), "-q"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    conn = sqlite3.connect(db)
    return conn


def warnings_of(conn: sqlite3.Connection, name: str) -> list[tuple]:
    return conn.execute(
        """select w.line, w."column", w.code from warnings w join sources s using (source_id)
        where s.path like ? order by w.line, w.code""",
        (f"%{name}",),
    ).fetchall()


def stage_rows(conn: sqlite3.Connection, race: str) -> list[tuple]:
    return conn.execute(
        """select s.label, ri.name, r.position, r.time_seconds, r.gap_seconds
        from stage_results r join stages s using (stage_id) join editions e using (edition_id)
        join races ra using (race_id) join riders ri using (rider_id)
        where ra.race_ref = ? order by s.label, r.position_order, r.line""",
        (race,),
    ).fetchall()


PADUN = "rank,rider,time\n1,Mark Padun,4:06:49\n2,Jonas Vingegaard,+1:36\n3,Patrick Konrad,s.t.\n"
PADUN_ROWS = [
    ("1", "Mark Padun", 1, 14809, 0),
    ("1", "Jonas Vingegaard", 2, 14905, 96),
    ("1", "Patrick Konrad", 3, 14905, 96),
]


@pytest.mark.parametrize(
    "encoded",
    [
        b"\xef\xbb\xbf" + PADUN.encode(),
        PADUN.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbf" + PADUN.replace("\n", "\r\n").encode(),
    ],
    ids=["bom", "crlf", "bom-crlf"],
)
def test_bom_and_crlf_load_the_same_rows(runner, seeded_db, tmp_path, encoded) -> None:
    write_files(tmp_path, native(encoded, **{"edition.csv": EDITION.encode("utf-8-sig")}))
    conn = load_ok(runner, seeded_db, tmp_path / "e")
    assert stage_rows(conn, "test-race") == PADUN_ROWS
    assert warnings_of(conn, "stage-1.csv") == []


def test_sql_in_a_name_is_kept_as_a_literal_name(runner, seeded_db, tmp_path) -> None:
    def schema_and_counts(c):
        tables = c.execute("select type, name, sql from sqlite_master order by name").fetchall()
        counts = [c.execute(f'select count(*) from "{t[1]}"').fetchone() for t in tables
                  if t[0] == "table"]  # fmt: skip
        return tables, counts

    before = schema_and_counts(sqlite3.connect(seeded_db))
    name = "Robert'); DROP TABLE riders;--"
    write_files(tmp_path, native(f'rank,rider,time\n1,"{name}",4:06:49\n'))
    conn = load_ok(runner, seeded_db, tmp_path / "e")
    aliases = conn.execute("select alias from rider_aliases where alias like 'Robert%'")
    assert aliases.fetchall() == [(name,)]
    riders = conn.execute("select name, rider_ref from riders where rider_ref like 'robert%'")
    assert riders.fetchall() == [("Robert'); Drop Table Riders;--", "robert-drop-table-riders")]
    tables, counts = schema_and_counts(conn)
    assert tables == before[0]  # every table, index, view and trigger still there, unchanged
    at = [t[1] for t in tables if t[0] == "table"].index("riders")
    assert counts[at][0] == before[1][at][0] + 1


def test_duplicate_and_skipped_ranks_in_native_load_with_warnings(runner, seeded_db, tmp_path):
    text = (
        "rank,rider,time\n1,Mark Padun,4:06:49\n2,Jonas Vingegaard,+1:36\n"
        "2,Patrick Konrad,+1:40\n7,Alexey Lutsenko,+1:57\n"
    )
    write_files(tmp_path, native(text))
    conn = load_ok(runner, seeded_db, tmp_path / "e")
    # a place given twice is odd but published; ranks 3-6 missing is a partial result: valid
    assert warnings_of(conn, "stage-1.csv") == [(4, "rank", "duplicate_rank")]
    assert [r[1:3] for r in stage_rows(conn, "test-race")] == [
        ("Mark Padun", 1), ("Jonas Vingegaard", 2), ("Patrick Konrad", 2), ("Alexey Lutsenko", 7)
    ]  # fmt: skip


def test_pcs_table_odd_rows_load_with_warnings(runner, seeded_db, tmp_path) -> None:
    rows = [
        "1,PADUN Mark,Bahrain Victorious,,4:06:49",
        "2,VINGEGAARD Jonas,Jumbo-Visma,,1:36",
        "3,KONRAD Patrick,BORA,,1:20",  # a gap smaller than the row above
        "3,LUTSENKO Alexey,Astana,,1:57",  # a place given twice
        "5,PADUN Mark,Bahrain Victorious,,2:00",  # the same rider twice on one stage
    ]
    path = tmp_path / "Giro-dItalia-STG-2023.csv"
    path.write_text(PCS_STG + "".join(f"{PCS_ROW}{r}\n" for r in rows))
    conn = load_ok(runner, seeded_db, path)
    assert warnings_of(conn, path.name) == [
        (4, "stage_rank_time", "gap_decreases"),
        (5, "stage_rank_name", "duplicate_rank"),
        (6, "rider", "duplicate_rider"),
    ]
    assert [r[1:4] for r in stage_rows(conn, "giro-d-italia")] == [
        ("Mark Padun", 1, 14809),
        ("Jonas Vingegaard", 2, 14905),
        ("Patrick Konrad", 3, 14889),
        ("Alexey Lutsenko", 3, 14926),
    ]


def test_pcs_json_rank_gap_and_rider_twice_load_with_warnings(runner, seeded_db, tmp_path):
    gc = [
        {"rank": 1, "rider_name": "Vingegaard Jonas", "time": "79:33:20"},
        {"rank": 3, "rider_name": "Thomas Geraint", "time": "79:41:02"},
    ]
    results = [
        {"rank": 1, "rider_name": "Philipsen Jasper", "time": "2:58:32"},
        {"rank": 2, "rider_name": "Philipsen Jasper", "time": "2:58:32"},
    ]
    text = json.dumps({"stage_type": "RR", "results": results, "gc": gc}, indent=1)
    path = tmp_path / PCS_JSON_NAME
    path.write_text(text)
    conn = load_ok(runner, seeded_db, path)
    assert [(code, line) for line, _, code in warnings_of(conn, PCS_JSON_NAME)] == [
        ("duplicate_rider", 9),
        ("rank_gap", 21),
    ]


def test_aso_rank_gap_and_repeated_rank_load_with_warnings(runner, seeded_db, tmp_path) -> None:
    rows = [
        ASO_RIDER_ROW.format(seconds=313913),
        "3,PRIMOZ ROGLIC,2,JUMBO,,,,,2020,3482,21,time,313972,59\n",
        "3,RICHIE PORTE,3,TREK,,,,,2020,3482,21,time,314134,221\n",
    ]
    path = tmp_path / "TDF_Riders_History.csv"
    path.write_text(ASO_RIDERS + "".join(rows))
    conn = load_ok(runner, seeded_db, path)
    assert warnings_of(conn, path.name) == [
        (2, None, "partial_classification"),
        (3, "Rank", "rank_gap"),
        (4, "rank", "duplicate_rank"),
    ]
