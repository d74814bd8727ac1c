"""Loading: transactions, idempotence, bad input, identity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import file_digest, table_digest

from palmares.cli import cli
from palmares.db import connect
from palmares.errors import LoadError
from palmares.loader.load import load_paths


def write_edition(folder: Path, **files: str) -> Path:
    """A native edition folder with the given files (name -> CSV text)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "edition.csv").write_text("field,value\nrace,Test Race\nyear,2021\n")
    for name, text in files.items():
        (folder / name.replace("_", "-") if name.startswith("stage") else folder / name).write_text(
            text
        )
    return folder


STAGE = """rank,rider,team,time
1,LUTSENKO Alexey,Astana – Premier Tech,4:06:49
2,Alexey Lutsenko,Astana-Premier Tech,+0:10
"""


def rows(conn: sqlite3.Connection, sql: str, *args) -> list[tuple]:
    return [tuple(r) for r in conn.execute(sql, args)]


def test_identity_folds_spellings_and_team_names(conn, tmp_path):
    folder = write_edition(
        tmp_path / "e",
        **{
            "stages.csv": "stage\n1\n2\n",
            "stage-1.csv": "rank,rider,team,time\n"
            "1,LUTSENKO Alexey,Astana – Premier Tech,4:06:49\n",
            "stage-2.csv": "rank,rider,team,time\n1,Alexey LUTSENKO,Astana-Premier Tech,3:00:00\n"
            "2,Alexey Lutsenko,Astana - Premier Tech,+0:05\n",
        },
    )
    load_paths(conn, [folder])
    assert rows(conn, "select rider_ref, name, given_name, family_name from riders") == [
        ("alexey-lutsenko", "Alexey Lutsenko", "Alexey", "Lutsenko")
    ]
    assert sorted(r[0] for r in conn.execute("select alias from rider_aliases")) == [
        "Alexey LUTSENKO",
        "Alexey Lutsenko",
        "LUTSENKO Alexey",
    ]
    assert rows(conn, "select team_ref, name from teams") == [
        ("astana-premier-tech", "Astana – Premier Tech")
    ]
    # the same rider twice in one stage is kept once and recorded as a warning
    assert rows(conn, "select code, line from warnings") == [("duplicate_rider", 3)]


def test_two_riders_with_one_name_stay_two(conn, tmp_path):
    folder = write_edition(
        tmp_path / "e",
        **{
            "stages.csv": "stage\n1\n",
            "riders.csv": "bib,rider\n66,Gilbert Desmet\n83,Gilbert Desmet\n",
            "stage-1.csv": "rank,rider,bib,time\n1,DESMET Gilbert,83,5:00:00\n"
            "2,DESMET Gilbert,66,+0:10\n",
        },
    )
    load_paths(conn, [folder])
    assert rows(
        conn,
        """select en.bib, ri.rider_ref, r.position from entries en
        join riders ri using (rider_id) join stage_results r using (rider_id) order by en.bib""",
    ) == [(66, "gilbert-desmet", 2), (83, "gilbert-desmet-2", 1)]
    assert rows(conn, "select code from warnings") == [("same_name",)]


def test_loading_twice_changes_nothing(conn, tmp_path):
    folder = write_edition(
        tmp_path / "e",
        **{
            "stages.csv": "stage\n1\n",
            "stage-1.csv": STAGE.replace("2,Alexey Lutsenko", "2,Ion Izagirre"),
        },
    )
    first = load_paths(conn, [folder])
    before = table_digest(conn)
    second = load_paths(conn, [folder])
    assert table_digest(conn) == before
    assert [r.skipped for r in first] == [False, False, False]
    assert [r.skipped for r in second] == [True, True, True]


def test_changed_file_replaces_its_earlier_version(conn, tmp_path):
    folder = write_edition(tmp_path / "e", **{"stages.csv": "stage\n1\n"})
    stage = folder / "stage-1.csv"
    stage.write_text("rank,rider,time\n1,Mark Padun,4:06:49\n2,Jonas Vingegaard,+1:36\n")
    load_paths(conn, [folder])
    stage.write_text("rank,rider,time\n1,Mark Padun,4:06:49\n2,Jonas Vingegaard,+1:35\n")
    (report,) = [r for r in load_paths(conn, [folder]) if not r.skipped]
    assert report.replaced
    assert rows(conn, "select gap_seconds from stage_results order by position") == [(0,), (95,)]
    assert rows(conn, "select count(*) from sources") == [(3,)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "rank,rider,time\n1,Mark Padun,4:6o:49\n",
            "stage-1.csv:2: column 'time': a time like 4:06:49 was expected, found '4:6o:49'",
        ),
        (
            "rank,rider,time\n1,Mark Padun,4:06:49\nfirst,Jonas Vingegaard,+1:36\n",
            "stage-1.csv:3: column 'rank': a rank (a place, or DNF, DNS, OTL, DSQ, NQ)"
            " was expected, found 'first'",
        ),
        (
            "rank,rider,time\n1,Mark Padun,4:06:49\n2,Jonas Vingegaard\n",
            "stage-1.csv:3: 3 fields as in the header were expected, found 2",
        ),
        (
            "position,name\n1,Mark Padun\n",
            "stage-1.csv:1: expected columns rank, rider in the header, found position, name",
        ),
        (
            "rank,rider,time\n1,Mark Padun,4:06:49\n2,Jonas Vingegaard,-1:36\n",
            "stage-1.csv:3: column 'time': a gap like +1:36 was expected,"
            " found a negative gap '-1:36'",
        ),
    ],
)
def test_bad_file_is_one_clear_line_and_changes_nothing(runner, db_path, tmp_path, text, expected):
    good = write_edition(tmp_path / "good", **{"stages.csv": "stage\n1\n"})
    assert runner.invoke(cli, ["load", str(db_path), str(good), "-q"]).exit_code == 0
    before = file_digest(db_path)
    bad = write_edition(tmp_path / "bad", **{"stages.csv": "stage\n1\n", "stage-1.csv": text})
    result = runner.invoke(cli, ["load", str(db_path), str(bad / "stage-1.csv"), "-q"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {bad / expected}"]
    assert file_digest(db_path) == before


def test_error_midway_rolls_back_the_whole_file(db_path, tmp_path):
    lines = "".join(f"{i},Rider {chr(65 + i)} Name,+0:{i:02d}\n" for i in range(2, 40))
    text = "rank,rider,time\n1,Mark Padun,4:06:49\n" + lines + "41,Late Rider,4:xx\n"
    folder = write_edition(tmp_path / "e", **{"stages.csv": "stage\n1\n", "stage-1.csv": text})
    conn = connect(db_path)
    load_paths(conn, [folder / "edition.csv", folder / "stages.csv"])
    before = table_digest(conn)
    with pytest.raises(LoadError) as e:
        load_paths(conn, [folder / "stage-1.csv"])
    assert e.value.line == 41
    assert table_digest(conn) == before


def test_unknown_format_and_stage_not_in_edition(runner, db_path, tmp_path):
    odd = tmp_path / "notes.txt"
    odd.write_text("just some words\n")
    result = runner.invoke(cli, ["load", str(db_path), str(odd)])
    assert result.exit_code == 1
    assert "a known results format was expected" in result.output
    folder = write_edition(tmp_path / "e", **{"stages.csv": "stage\n1\n", "stage-9.csv": STAGE})
    result = runner.invoke(cli, ["load", str(db_path), str(folder / "stage-9.csv")])
    assert result.exit_code == 1
    assert "a stage listed in stages.csv (1) was expected, found stage '9'" in result.output


def test_gap_smaller_than_the_line_above_is_a_warning(conn, tmp_path):
    text = (
        "rank,rider,time\n1,Mark Padun,4:06:49\n2,Jonas Vingegaard,+1:36\n3,Patrick Konrad,+1:20\n"
    )
    folder = write_edition(tmp_path / "e", **{"stages.csv": "stage\n1\n", "stage-1.csv": text})
    load_paths(conn, [folder])
    assert rows(conn, 'select line, "column", code, message from warnings') == [
        (4, "time", "gap_decreases", "place 3 has a better time than place 2 above it")
    ]
    assert rows(conn, "select count(*) from stage_results") == [(3,)]
