"""`palmares check DB`: integrity, foreign keys, orphans, reconciliation, warnings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from palmares.cli import cli
from palmares.db import connect, init_db
from palmares.loader.load import load_paths
from palmares.reports.check import Finding, check_db, format_findings


def run_check(runner, db: Path):
    result = runner.invoke(cli, ["check", str(db)])
    return result.exit_code, result.output.splitlines()


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


@pytest.fixture
def seed_copy(seed_db_path: Path, tmp_path: Path) -> Path:
    """A writable copy of the seed database, to damage."""
    conn = sqlite3.connect(seed_db_path)
    path = tmp_path / "palmares.db"
    conn.execute("vacuum into ?", (str(path),))
    conn.close()
    return path


def test_a_clean_seed_database_passes(runner, seed_db_path) -> None:
    code, lines = run_check(runner, seed_db_path)
    assert code == 0
    assert lines[-1] == "0 errors, 1 warning, 6 notes"
    assert [line.split()[:2] for line in lines[:-1]] == [
        ["warning", "reconciliation"],
        ["info", "integrity"],
        ["info", "constraints"],
        ["info", "foreign_keys"],
        ["info", "orphans"],
        ["info", "computed_gc"],
        ["info", "warnings"],
    ]
    assert lines[1].endswith("integrity_check: ok")
    assert lines[2].endswith("57 CHECK constraints: ok")
    assert lines[3].endswith("foreign_key_check: ok")
    assert lines[4].endswith("no orphan rows")
    # the seed's stage results are the top 10 and bonuses for stage 2 only: its
    # computed GC cannot agree. The finish bonuses derived by the race's rules
    # (data/rules/criterium-du-dauphine.csv) bring stage 1 to within the 1 s of
    # an intermediate sprint the results do not give
    assert lines[0].endswith(
        "criterium-du-dauphine 2021: 38 of 40 official GC rows after 4 stages differ from the "
        "computed GC in place or time (the most after stage 2: 10); no computed GC after 4 more"
    )


def test_a_dangling_foreign_key_is_an_error_naming_it(runner, seed_copy) -> None:
    conn = sqlite3.connect(seed_copy)  # foreign keys off, as any other SQLite client
    conn.execute(
        "insert into stages (stage_id, edition_id, label, number, stage_order) "
        "values (900, 999, '9', 9, 90)"
    )
    (rider,) = conn.execute("select max(rider_id) + 100 from riders").fetchone()
    conn.execute(
        "insert into stage_results (stage_id, rider_id, position_text, position_order) "
        "select stage_id, ?, '1', 1 from stages where label = '1'",
        (rider,),
    )
    conn.commit()
    conn.close()
    code, lines = run_check(runner, seed_copy)
    assert code == 1
    assert lines[:2] == [
        "error    foreign_keys    stage_results.rider_id: 1 row refers to a missing riders row",
        "error    foreign_keys    stages.edition_id: 1 row refers to a missing editions row "
        "(edition_id 999 at rowid 900)",
    ]
    # the stage result nobody refreshed the computed GC for is a third error
    assert "computed_gc" in lines[2]
    assert lines[-1].startswith("3 errors, ")


def test_a_damaged_file_is_an_error_not_a_traceback(runner, seed_copy) -> None:
    data = bytearray(seed_copy.read_bytes())
    page = 4096
    data[3 * page : 9 * page] = b"\xa5" * (6 * page)  # pages of tables and indexes overwritten
    seed_copy.write_bytes(bytes(data))
    code, lines = run_check(runner, seed_copy)
    assert code == 1
    assert lines[0].startswith("error    integrity")
    assert lines[-2:-1] == ["info     integrity  other checks skipped: the file itself is damaged"]


def test_a_file_that_is_no_database_is_an_error(runner, tmp_path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the rows you are looking for\n" * 100)
    code, lines = run_check(runner, path)
    assert code == 1
    assert lines[0] == (
        "error    integrity  the check could not read the database: file is not a database"
    )


def test_orphan_rows_are_warnings_and_start_lists_are_notes(runner, seed_copy) -> None:
    conn = connect(seed_copy)
    conn.execute(
        "insert into riders (rider_ref, name, name_key, search_name) "
        "values ('nobody-at-all', 'Nobody At-All', 'all at nobody', 'nobody at all')"
    )
    # a rider on the start list without a result: what a start list loaded alone looks like
    conn.execute(
        "insert into riders (rider_ref, name, name_key, search_name) "
        "values ('non-starter', 'Non Starter', 'non starter', 'non starter')"
    )
    conn.execute(
        "insert into entries (edition_id, rider_id) select e.edition_id, r.rider_id "
        "from editions e, riders r where r.rider_ref = 'non-starter'"
    )
    conn.execute("delete from edition_rules")
    conn.close()
    code, lines = run_check(runner, seed_copy)
    assert code == 0
    orphans = [line for line in lines if " orphans " in line]
    assert orphans == [
        "warning  orphans         riders in no edition (no entries row): 1, e.g. nobody-at-all",
        "warning  orphans         editions without an edition_rules row: 1, "
        "e.g. criterium-du-dauphine 2021",
        "info     orphans         entries with no stage result or standing (start-list riders "
        "without results): 1, e.g. non-starter in criterium-du-dauphine 2021",
    ]


EDITION = "field,value\nrace,Check Race\nyear,{year}\n"
STAGE_1 = "rank,rider,time\n1,Anna Alpha,1:00:00\n2,Bea Beta,+0:10\n3,Cleo Gamma,+0:20\n"
STAGE_2 = "rank,rider,time\n1,Bea Beta,1:00:00\n2,Anna Alpha,+0:05\n3,Cleo Gamma,s.t.\n"
# absolute times: a gc-1.csv with the very bytes of stage-1.csv would be skipped as loaded
GC_1 = "rank,rider,time\n1,Anna Alpha,1:00:00\n2,Bea Beta,1:00:10\n3,Cleo Gamma,1:00:20\n"
# the computed GC after stage 2 is Alpha 2:00:05, Beta +0:05, Gamma +0:20; the official
# one below gives Gamma +0:30 (a penalty the stage results do not show)
GC_2 = "rank,rider,time\n1,Anna Alpha,2:00:05\n2,Bea Beta,+0:05\n3,Cleo Gamma,+0:30\n"


def test_reconciliation_counts_riders_whose_computed_gc_differs(tmp_path) -> None:
    agree = write(
        tmp_path / "2021",
        {"edition.csv": EDITION.format(year=2021), "stages.csv": "stage\n1\n2\n",
         "stage-1.csv": STAGE_1, "stage-2.csv": STAGE_2, "gc-1.csv": GC_1},
    )  # fmt: skip
    # a blank line ends each 2022 file: files with the bytes of a loaded one are skipped
    differ = write(
        tmp_path / "2022",
        {"edition.csv": EDITION.format(year=2022), "stages.csv": "stage\n1\n2\n3\n",
         "stage-1.csv": STAGE_1 + "\n", "stage-2.csv": STAGE_2 + "\n", "gc-1.csv": GC_1 + "\n",
         "gc-2.csv": GC_2, "gc-3.csv": GC_2.replace("2:00:05", "3:00:05")},
    )  # fmt: skip
    conn = init_db(tmp_path / "palmares.db")
    load_paths(conn, [agree, differ])
    found = [f for f in check_db(conn) if f.check == "reconciliation"]
    assert found == [
        Finding(
            "info",
            "reconciliation",
            "check-race 2021: the computed GC matches the official GC after 1 stage (3 rider rows)",
        ),
        Finding(
            "warning",
            "reconciliation",
            "check-race 2022: 1 of 6 official GC rows after 2 stages differ from the computed GC "
            "in place or time (the most after stage 2: 1); no computed GC after 1 more",
        ),
    ]


def test_warnings_are_counted_per_source_and_code(tmp_path) -> None:
    folder = write(
        tmp_path / "e",
        {"edition.csv": EDITION.format(year=2021), "stages.csv": "stage\n1\n",
         "stage-1.csv": "rank,rider,time\n1,Anna Alpha,1:00:00\n2,Bea Beta,+0:10\n"
                        "2,Cleo Gamma,+0:05\n2,Dora Delta,+0:20\n5,Eva Epsilon,+0:15\n"},
    )  # fmt: skip
    conn = init_db(tmp_path / "palmares.db")
    load_paths(conn, [folder])
    path = conn.execute("select path from sources where path like '%stage-1.csv'").fetchone()[0]
    assert [f for f in check_db(conn) if f.check == "warnings"] == [
        Finding("info", "warnings", f"{path}: 3 warnings (duplicate_rank 2, gap_decreases 1)")
    ]


def test_format_findings_puts_errors_first_and_counts_each_level() -> None:
    findings = [
        Finding("info", "integrity", "integrity_check: ok"),
        Finding("warning", "orphans", "riders in no edition (no entries row): 1, e.g. x"),
        Finding(
            "error", "foreign_keys", "stages.edition_id: 1 row refers to a missing editions row"
        ),
    ]
    assert format_findings(findings).splitlines() == [
        "error    foreign_keys  stages.edition_id: 1 row refers to a missing editions row",
        "warning  orphans       riders in no edition (no entries row): 1, e.g. x",
        "info     integrity     integrity_check: ok",
        "1 error, 1 warning, 1 note",
    ]
    assert format_findings([]) == "0 errors, 0 warnings, 0 notes"
    with pytest.raises(ValueError, match="level must be one of error, warning, info"):
        Finding("fatal", "x", "y")


def test_check_opens_the_database_read_only(runner, seed_copy) -> None:
    before = seed_copy.read_bytes()
    assert run_check(runner, seed_copy)[0] == 0
    assert seed_copy.read_bytes() == before
