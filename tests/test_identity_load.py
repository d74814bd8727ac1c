"""Rider identity at load time (issue 11): one rider per person, whatever the load order."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import CORPUS, DATA

from palmares.cli import cli
from palmares.db import connect, init_db
from palmares.loader.load import expand_paths, load_paths
from palmares.loader.riders import best_name


def riders_named(conn: sqlite3.Connection, *names: str) -> set[str]:
    """The refs of the riders any of these spellings (aliases) name."""
    marks = ",".join("?" * len(names))
    return {
        r[0]
        for r in conn.execute(
            f"select distinct r.rider_ref from rider_aliases a join riders r using (rider_id)"
            f" where a.alias in ({marks})",
            names,
        )
    }


@pytest.mark.parametrize(
    "spellings",
    [
        ("Jonas Vingegaard", "JONAS VINGEGAARD HANSEN"),
        ("Ion Izagirre", "ION IZAGIRRE INSAUSTI"),
        ("Yates Simon", "SIMON PHILIP YATES"),
        ("Petit-Breton Lucien", "LUCIEN MAZAN DIT PETIT-BRETON"),
    ],
)
def test_one_person_is_one_rider_on_the_corpus(full_conn, spellings):
    present = [
        s for s in spellings if full_conn.execute(
            "select 1 from rider_aliases where alias = ?", (s,)).fetchone()
    ]  # fmt: skip
    assert len(present) == len(spellings), f"spellings not in the corpus: {spellings}"
    assert len(riders_named(full_conn, *spellings)) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Yates Simon", "Adam Yates"),
        ("Andy Schleck", "Schleck Fränk"),
        ("ION IZAGIRRE INSAUSTI", "GORKA IZAGIRRE INSAUSTI"),
    ],
)
def test_brothers_stay_apart(full_conn, one, other):
    a, b = riders_named(full_conn, one), riders_named(full_conn, other)
    assert a and b and not a & b


def test_the_two_1962_desmets_stay_two(full_conn):
    rows = full_conn.execute(
        """select en.bib, r.rider_ref from entries en
        join editions e using (edition_id) join races ra using (race_id)
        join riders r using (rider_id)
        where ra.race_ref = 'tour-de-france' and e.year = 1962
        and r.name_key = 'desmet gilbert' order by en.bib"""
    ).fetchall()
    assert [r[0] for r in rows] == [66, 83]
    assert len({r[1] for r in rows}) == 2


def test_nationalities_are_ioc_codes(full_conn):
    codes = {r[0] for r in full_conn.execute("select distinct nationality from riders")}
    codes.discard(None)
    assert codes
    assert all(len(c) == 3 and c.isupper() for c in codes), sorted(codes)
    assert not {"FR", "GB", "DK", "DE", "NL"} & codes
    assert {"FRA", "GBR", "DEN"} <= codes


def test_display_name_rule():
    # mixed case from a source beats title case from capitals; then the count of
    # sources; then accents; then fewest words; then code-point order
    def form(display: str, mixed: int, source: int) -> tuple:
        return (display, None, None, mixed, 0, source)

    lemond = [form("Greg Lemond", 0, s) for s in range(5)] + [form("Greg LeMond", 1, 9)]
    assert best_name(lemond)[0] == "Greg LeMond"
    pogacar = [form("Tadej Pogačar", 1, 1)] + [form("Tadej Pogacar", 1, s) for s in (2, 3)]
    assert best_name(pogacar)[0] == "Tadej Pogacar"
    assert best_name([form("Tadej Pogačar", 1, 1), form("Tadej Pogacar", 1, 2)])[0] == (
        "Tadej Pogačar"
    )
    assert best_name([form("Lucien Mazan Dit Petit-Breton", 1, 1),
                      form("Lucien Petit-Breton", 1, 2)])[0] == "Lucien Petit-Breton"  # fmt: skip
    # the given and family names a source gave apart win
    split = [("Diego Pablo Sevilla", "Diego", "Pablo Sevilla", 1, 0, s) for s in range(3)]
    split.append(("Diego Pablo Sevilla", "Diego Pablo", "Sevilla", 1, 1, 7))
    assert best_name(split) == ("Diego Pablo Sevilla", "Diego Pablo", "Sevilla")


def _files() -> list[str]:
    corpus = [str(f) for f, _ in expand_paths([CORPUS]) if f.suffix != ".md"]
    # data/ is one edition: its files go in their own order, as one item
    return [str(DATA), *sorted(corpus)]


def _riders(path: Path) -> list[tuple]:
    c = connect(path, readonly=True)
    try:
        return c.execute(
            "select rider_ref, name, nationality from riders order by rider_ref"
        ).fetchall()
    finally:
        c.close()


@pytest.fixture(scope="module")
def reversed_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reversed") / "palmares.db"
    c = init_db(path)
    for item in reversed(_files()):
        load_paths(c, [item])
    c.close()
    return path


def test_load_order_changes_nothing(full_db_path, reversed_db_path):
    forward, backward = _riders(full_db_path), _riders(reversed_db_path)
    assert len(forward) == len(backward)
    assert [tuple(r) for r in forward] == [tuple(r) for r in backward]


def test_candidates_are_listed_with_their_evidence(runner, full_db_path):
    result = runner.invoke(cli, ["riders", str(full_db_path), "--candidates", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) < 100  # short enough for a person to read
    for row in rows:
        assert row["rule"] in ("U", "U-generation")
        assert row["why"] and row["rider_a"] != row["rider_b"]
    table = runner.invoke(cli, ["riders", str(full_db_path), "--candidates"])
    assert "pairs" in table.output


def test_nationalities_are_stored_as_ioc_codes_and_unknown_ones_warned(conn, tmp_path):
    from test_load import write_edition

    folder = write_edition(
        tmp_path / "e",
        **{
            "stages.csv": "stage\n1\n",
            "riders.csv": "bib,rider,nationality\n1,Mark Padun,UA\n2,Jonas Vingegaard,Denmark\n"
            "3,Ion Izagirre,Narnia\n",
        },
    )
    load_paths(conn, [folder])
    nations = dict(conn.execute("select name, nationality from riders").fetchall())
    assert nations == {"Mark Padun": "UKR", "Jonas Vingegaard": "DEN", "Ion Izagirre": None}
    warned = conn.execute("select code, message from warnings").fetchall()
    assert [w[0] for w in warned] == ["unknown_nationality"]
    assert "Narnia" in warned[0][1]


def test_a_shorter_and_a_longer_name_in_two_sources_are_one_rider(conn, tmp_path):
    # "Jonas Vingegaard" / "Jonas Vingegaard Hansen": one bib in one edition, two files,
    # whichever comes first
    for order in ((1, 2), (2, 1)):
        c = init_db(tmp_path / f"{order}.db")
        files = {
            1: ("a", "bib,rider\n1,Jonas Vingegaard\n"),
            2: ("b", "bib,rider\n1,JONAS VINGEGAARD HANSEN\n2,Simon Philip Yates\n"),
        }
        for n in order:
            name, text = files[n]
            folder = write_edition_named(tmp_path / f"{order}-{name}", text)
            load_paths(c, [folder])
        got = [tuple(r) for r in c.execute("select rider_ref, name from riders order by 1")]
        assert got == [
            ("jonas-vingegaard", "Jonas Vingegaard"),
            ("simon-philip-yates", "Simon Philip Yates"),
        ]
        c.close()


def write_edition_named(folder: Path, riders: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "edition.csv").write_text("field,value\nrace,Test Race\nyear,2021\n")
    (folder / "riders.csv").write_text(riders)
    return folder


def test_the_identity_module_reads_no_database():
    source = (Path(__file__).parent.parent / "palmares" / "identity.py").read_text()
    assert "sqlite3" not in source
