"""Teams: one team per sponsor name whatever the casing or punctuation (issue 11)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from palmares.names import team_display, team_key, team_name_rank

SAME = [
    ("O.N.C.E.", "ONCE"),
    ("Jumbo-Visma (WT)", "Jumbo-Visma"),
    ("Jumbo-Visma (WT)", "TEAM JUMBO VISMA"),
    ("TEAM SKY", "Team Sky"),
    ("SKY PRO CYCLING", "Sky Procycling"),
    ("Team LottoNL-Jumbo", "TEAM LOTTO NL - JUMBO"),
    ("U.S POSTAL SERVICE", "US Postal Service"),
    ("Bahrain Merida Pro Cycling Team", "BAHRAIN - MERIDA"),
    ("Cofidis, le Crédit en Ligne", "COFIDIS LE CREDIT EN LIGNE"),
    ("Lotto-Superclub", "Lotto - Super Club"),
    ("Groupama - FDJ (PRT)", "GROUPAMA-FDJ"),
]
DIFFERENT = [
    ("Movistar Team Women", "Movistar Team"),
    ("Renault-Gitane", "Renault - Gitane - Campagnolo"),
    ("France", "France Ouest"),
    ("Belgique A", "Belgique B"),
    ("Mapei", "Mapei - GB"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_one_key_whatever_the_spelling(a: str, b: str) -> None:
    assert team_key(a) == team_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_teams_keep_their_keys(a: str, b: str) -> None:
    assert team_key(a) != team_key(b)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("TEAM SKY", "Team Sky"),
        ("FDJ", "FDJ"),
        ("AG2R LA MONDIALE", "AG2R La Mondiale"),
        ("UAE TEAM EMIRATES", "UAE Team Emirates"),
        ("EF EDUCATION FIRST", "EF Education First"),
        ("BMC RACING TEAM", "BMC Racing Team"),
        ("ONCE", "ONCE"),
        ("O.N.C.E.", "O.N.C.E."),
        ("COFIDIS, SOLUTIONS CRÉDITS", "Cofidis, Solutions Crédits"),
        ("Jumbo-Visma (WT)", "Jumbo-Visma"),
        ("BORA - hansgrohe", "BORA - hansgrohe"),
        ("Bmc Racing Team", "BMC Racing Team"),
        ("Team Lotto Nl - Jumbo", "Team Lotto NL - Jumbo"),
        ("Team LottoNL-Jumbo", "Team LottoNL-Jumbo"),
        ("St Raphael", "St Raphael"),
    ],
)
def test_display_in_proper_case(written: str, shown: str) -> None:
    assert team_display(written) == shown


def test_mixed_case_beats_title_cased_capitals() -> None:
    names = [team_display("BORA - HANSGROHE"), team_display("BORA - hansgrohe")]
    assert min(names, key=team_name_rank) == "BORA - hansgrohe"
    assert min(reversed(names), key=team_name_rank) == "BORA - hansgrohe"


TOUR_2017 = """
select en.team_name, en.team_id, t.name
from entries en
join editions e on e.edition_id = en.edition_id
join races ra on ra.race_id = e.race_id
join teams t on t.team_id = en.team_id
where ra.race_ref = 'tour-de-france' and e.year = ?
"""


def test_tour_2017_teams_are_one_team_each(full_corpus_db_path: Path) -> None:
    conn = sqlite3.connect(f"file:{full_corpus_db_path}?mode=ro", uri=True)
    rows = conn.execute(TOUR_2017, (2017,)).fetchall()
    conn.close()
    assert rows
    by_key: dict[str, set[int]] = {}
    for written, tid, _ in rows:
        by_key.setdefault(team_key(written), set()).add(tid)
    assert all(len(ids) == 1 for ids in by_key.values()), by_key
    shown = {name for _, _, name in rows}
    assert len(shown) == 22, sorted(shown)  # 22 teams started the 2017 Tour
    # all capitals only for acronyms ("FDJ"); mixed case as a source wrote it ("BORA - hansgrohe")
    assert all(name != name.upper() or team_display(name) == name for name in shown), shown
    words = {w for name in shown for w in name.replace("-", " ").split()}
    assert {"FDJ", "BMC", "AG2R", "UAE"} <= words, shown


def test_jumbo_visma_with_its_class_is_one_team(full_corpus_db_path: Path) -> None:
    conn = sqlite3.connect(f"file:{full_corpus_db_path}?mode=ro", uri=True)
    ids = conn.execute(
        "select team_id, name from teams where name_key = ?", (team_key("Jumbo-Visma (WT)"),)
    ).fetchall()
    conn.close()
    assert len(ids) == 1 and ids[0][1] != "Jumbo-Visma (WT)"
