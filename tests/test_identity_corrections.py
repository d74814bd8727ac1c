"""Hand corrections to rider identity: data/identity.csv (issue 11, docs/formats.md)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from palmares.db import init_db
from palmares.errors import LoadError
from palmares.loader.load import load_paths

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CORPUS = ROOT.parent / "shared" / "corpus"
TOUR_RIDERS = CORPUS / "letourdataset" / "TDF_Riders_History.csv"


def riders(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    return {tuple(r) for r in conn.execute("select rider_ref, name from riders")}


def refs_named(conn: sqlite3.Connection, *names: str) -> set[str]:
    marks = ", ".join("?" for _ in names)
    return {
        r[0]
        for r in conn.execute(
            "select distinct r.rider_ref from riders r join rider_aliases a using (rider_id)"
            f" where a.alias in ({marks})",
            names,
        )
    }


def build(tmp: Path, order: list[Path]) -> sqlite3.Connection:
    conn = init_db(tmp / "palmares.db")
    load_paths(conn, order)
    return conn


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    """data/ (with its identity.csv, loaded at the end of the folder) and the Tour riders."""
    if not TOUR_RIDERS.exists():
        pytest.skip("the corpus is not here")
    return build(tmp_path_factory.mktemp("corrected"), [DATA, TOUR_RIDERS])


def test_lopez_is_one_rider(corrected: sqlite3.Connection) -> None:
    assert refs_named(corrected, "Miguel Ángel López", "MIGUEL ANGEL LOPEZ MORENO") == {
        "miguel-angel-lopez"
    }
    name = corrected.execute(
        "select name from riders where rider_ref = 'miguel-angel-lopez'"
    ).fetchone()[0]
    assert name == "Miguel Ángel López"


def test_order_changes_nothing(corrected: sqlite3.Connection, tmp_path: Path) -> None:
    """The corrections first, then the results: the same riders as corrections last."""
    fixes = tmp_path / "fixes" / "identity.csv"
    fixes.parent.mkdir()
    shutil.copy(DATA / "identity.csv", fixes)
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("identity.csv"))
    conn = build(tmp_path, [fixes, TOUR_RIDERS, folder])
    assert riders(conn) == riders(corrected)


def test_load_summary_reports_the_corrections(tmp_path: Path) -> None:
    fixes = tmp_path / "identity.csv"
    shutil.copy(DATA / "identity.csv", fixes)
    conn = init_db(tmp_path / "p.db")
    (report,) = load_paths(conn, [fixes])
    assert report.format == "identity"
    assert report.counts["identity_corrections"] >= 2


NATIVE_EDITION = """field,value
race,Test Race
race_ref,test-race
year,2021
gender,men
"""


def native_folder(tmp_path: Path, fixes: str | None) -> Path:
    """One edition: the start list says bib 1 is Jonas Vingegaard, the stage says
    Jonas Vingegaard Hansen: one man by the evidence."""
    folder = tmp_path / "data"
    edition = folder / "test-race" / "2021"
    edition.mkdir(parents=True)
    (edition / "edition.csv").write_text(NATIVE_EDITION, encoding="utf-8")
    (edition / "riders.csv").write_text(
        "bib,rider,team,nationality\n1,Jonas Vingegaard,Jumbo-Visma,DEN\n"
        "2,Wout van Aert,Jumbo-Visma,BEL\n",
        encoding="utf-8",
    )
    (edition / "stage-1.csv").write_text(
        "rank,rider,team,nationality,bib,time,bonus,penalty,points\n"
        "1,Jonas Vingegaard Hansen,Jumbo-Visma,DEN,1,4:00:00,,,\n"
        "2,Wout van Aert,Jumbo-Visma,BEL,2,+0:05,,,\n",
        encoding="utf-8",
    )
    if fixes:
        (folder / "identity.csv").write_text(fixes, encoding="utf-8")
    return folder


APART = (
    "action,rider,other,value,note\n"
    "apart,Jonas Vingegaard,Jonas Vingegaard Hansen,,a test: never one rider\n"
)


def test_without_a_correction_the_evidence_merges(tmp_path: Path) -> None:
    conn = build(tmp_path, [native_folder(tmp_path, None)])
    assert refs_named(conn, "Jonas Vingegaard", "Jonas Vingegaard Hansen") == {"jonas-vingegaard"}


@pytest.mark.parametrize("first", [True, False])
def test_apart_keeps_two_riders_apart(tmp_path: Path, first: bool) -> None:
    folder = native_folder(tmp_path, None)
    fixes = tmp_path / "identity.csv"
    fixes.write_text(APART, encoding="utf-8")
    conn = build(tmp_path, [fixes, folder] if first else [folder, fixes])
    if not first:
        # a merge already made stays made: an apart row keeps riders apart from then on
        return
    assert len(refs_named(conn, "Jonas Vingegaard", "Jonas Vingegaard Hansen")) == 2


def test_name_and_id_corrections(tmp_path: Path) -> None:
    fixes = (
        "action,rider,other,value,note\n"
        "name,Wout van Aert,,Wout Van Aert,a test\n"
        "id,Wout van Aert,,pcs:wout-van-aert,ProCyclingStats slug\n"
        "id,Wout van Aert,,wikidata:Q17183720,Wikidata\n"
    )
    conn = build(tmp_path, [native_folder(tmp_path, fixes)])
    (rid, name, ref) = conn.execute(
        "select rider_id, name, rider_ref from riders where name like 'Wout%'"
    ).fetchone()
    assert (name, ref) == ("Wout Van Aert", "wout-van-aert")
    ids = conn.execute("select scheme, value from rider_ids where rider_id = ?", (rid,))
    assert {tuple(r) for r in ids} == {
        ("pcs", "wout-van-aert"),
        ("wikidata", "Q17183720"),
    }


def test_a_bad_row_names_its_line(tmp_path: Path) -> None:
    fixes = tmp_path / "identity.csv"
    fixes.write_text("action,rider,other,value,note\nmerj,A B,C D,,\n", encoding="utf-8")
    conn = init_db(tmp_path / "p.db")
    with pytest.raises(LoadError, match="merj"):
        load_paths(conn, [fixes])
