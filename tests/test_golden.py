"""Golden standings: the whole corpus loaded, the queries checked against what
the source files publish, read here independently of the readers."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import CORPUS

from palmares import queries
from palmares.db import connect
from palmares.names import name_key, team_key

GIRO = {"race": "giro-d-italia", "year": 2023}
TDFF = "tour-de-france-femmes"


# full_db_path (conftest): data/ and every file of ../shared/corpus, loaded once


def clock(text: str) -> int:
    """'1:02:10', '0:22' or '21:18' as seconds."""
    seconds = 0
    for part in text.strip().split(":"):
        seconds = seconds * 60 + int(part)
    return seconds


def hms(text: str) -> int:
    """ASO and ProCyclingStats times: '79:33:20', '0:00:32'."""
    return clock(text)


# ---------------------------------------------------------------- Tour de France Femmes


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_tdff_computed_final_gc_equals_the_published_one(full_db_path, year):
    computed = queries.run(full_db_path, "gc_computed", race=TDFF, year=year)
    published = queries.run(full_db_path, "gc", race=TDFF, year=year)
    assert {r["source"] for r in published} == {"official"}
    assert [(r["rank"], r["rider_ref"], r["time_seconds"]) for r in computed] == [
        (r["rank"], r["rider_ref"], r["time_seconds"]) for r in published
    ]


def test_tdff_all_342_riders_match_in_time_and_order(full_db_path):
    rows = queries.run(full_db_path, "history_check", race=TDFF)
    matched = {r["year"]: r for r in rows if r["verdict"] == "match"}
    assert sorted(matched) == [2022, 2023, 2024]
    assert sum(r["same_place_and_time"] for r in matched.values()) == 342
    assert [(r["published_winner"], r["computed_winner"]) for r in matched.values()] == [
        ("Annemiek Van Vleuten", "Annemiek Van Vleuten"),
        ("Demi Vollering", "Demi Vollering"),
        ("Katarzyna Niewiadoma-Phinney", "Katarzyna Niewiadoma-Phinney"),
    ]


def tdff_team_stage_times() -> dict[tuple[int, int], dict[str, int]]:
    """The 'Team (Stage)' rows of the rankings file: (year, stage) -> team -> seconds."""
    out: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    with open(CORPUS / "letourdataset" / "TDFF_All_Rankings_History.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Ranking type"] == "Team (Stage)":
                key = (int(row["Year"]), int(row["Stages"]))
                out[key][team_key(row["Team"])] = int(row["TotalSeconds"])
    return out


def test_tdff_team_classification_stage_times_equal_the_published_ones(full_db_path):
    published = tdff_team_stage_times()
    assert len(published) == 24
    for (year, stage), teams in sorted(published.items()):
        rows = queries.run(
            full_db_path, "team_classification", race=TDFF, year=year, stage=str(stage)
        )
        computed = {team_key(r["team"]): r["stage_time_seconds"] for r in rows}
        # the same teams (a team short of three riders drops out) with the same times
        assert computed == teams, (year, stage)
        if stage > 1:
            before = queries.run(
                full_db_path, "team_classification", race=TDFF, year=year, stage=str(stage - 1)
            )
            totals = {team_key(r["team"]): r["time_seconds"] for r in before}
            after = {team_key(r["team"]): r["time_seconds"] for r in rows}
            assert after == {t: totals[t] + teams[t] for t in teams}, (year, stage)


# ---------------------------------------------------------------- Giro d'Italia 2023


def giro_published_gc() -> dict[str, list[tuple[int, str, int]]]:
    """The GC file read directly: stage -> [(rank, name key, time)]."""
    out: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
    with open(CORPUS / "giro2023-jorgepontas" / "Giro-dItalia-GC-2023.csv", encoding="utf-8") as f:
        previous = 0
        for row in csv.DictReader(f):
            # an empty row (stage 16), or a DNS in stage 13's block (a stage result)
            if not row["stage_GC_rank"].strip().isdigit():
                continue
            stage = re.match(r"Stage (\d+)", row["stage_name"])[1]
            rank = int(row["stage_GC_rank"])
            text = row["stage_GC_time"].strip()
            if rank == 1:
                leader = clock(text)
                time = leader
            elif text in ("", ",,"):
                time = previous  # the same time as the row above
            else:
                time = leader + clock(text)
            previous = time
            out[stage].append((rank, name_key(row["stage_GC_rider"]), time))
    return out


def test_giro_2023_published_gc_after_every_stage_loads(full_db_path):
    published = giro_published_gc()
    # stage 13's rows in the GC file are the stage result; stage 16 is an empty row
    expected = [s for s in published if s != "13"]
    assert len(expected) == 19
    # a rider is shown by his best name; the file's spelling is one of his aliases
    c = sqlite3.connect(full_db_path)
    spellings: dict[str, set[str]] = defaultdict(set)
    for ref, key in c.execute(
        "select r.rider_ref, a.alias_key from rider_aliases a join riders r using (rider_id)"
    ):
        spellings[ref].add(key)
    c.close()
    for stage in expected:
        rows = queries.run(full_db_path, "gc", **GIRO, stage=stage)
        assert {r["source"] for r in rows} == {"official"}, stage
        got = [
            (r["rank"], want[1] if want[1] in spellings[r["rider_ref"]] else name_key(r["rider"]),
             r["time_seconds"])
            for r, want in zip(rows, published[stage], strict=False)
        ]  # fmt: skip
        assert len(rows) == len(published[stage]), stage
        assert got == published[stage], stage
    assert queries.run(full_db_path, "gc", **GIRO, stage="16")[0]["source"] == "computed"
    final = queries.run(full_db_path, "gc", **GIRO)[:3]
    assert [(r["rank"], r["rider"], r["time"], r["gap"]) for r in final] == [
        (1, "Primož Roglič", "85:29:02", None),
        (2, "Geraint Thomas", "85:29:16", "+0:14"),
        (3, "João Almeida", "85:30:17", "+1:15"),
    ]


def test_giro_2023_reconcile_tells_the_two_penalties_from_the_bonuses(full_db_path):
    rows = queries.run(full_db_path, "reconcile", **GIRO)
    penalties = [r for r in rows if r["class"] == "penalty-like"]
    assert [
        (r["stage"], r["rider"], r["difference_seconds"], r["difference"]) for r in penalties
    ] == [
        ("8", "Marco Frigo", 20, "+0:20"),
        ("10", "Fernando Gaviria", 10, "+0:10"),
    ]
    others = [r for r in rows if r["class"] != "penalty-like"]
    assert others and {r["class"] for r in others} == {"bonus-like"}
    # no bonus in the time trials
    assert not [r for r in rows if r["stage"] in ("1", "9", "20")]
    finish = {
        (r["stage_rank"], -r["difference_seconds"]) for r in others if r["kind"] == "finish bonus"
    }
    assert finish <= {(1, 10), (2, 6), (3, 4)} and len(finish) == 3
    # every stage whose GC before and after is published, and only those
    assert {r["stage"] for r in rows} <= {str(s) for s in range(2, 22)} - {"13", "14", "16", "17"}


# ---------------------------------------------------------------- Tour 2022, ProCyclingStats


KINDS = {"gc": "gc", "points": "points", "kom": "mountains", "youth": "youth", "teams": "teams"}


def stored_standings(db: Path, kind: str) -> list[tuple]:
    conn = connect(db, readonly=True)
    try:
        return [
            tuple(r)
            for r in conn.execute(
                """select st.position, ri.name, t.name, st.time_seconds, st.points, st.status
                from standings st
                join editions e on e.edition_id = st.edition_id
                join races ra on ra.race_id = e.race_id
                join stages s on s.stage_id = st.stage_id
                left join riders ri on ri.rider_id = st.rider_id
                left join teams t on t.team_id = st.team_id
                where ra.race_ref = 'tour-de-france' and e.year = 2022 and s.label = '21'
                  and st.kind = ?
                order by st.position_order""",
                (kind,),
            )
        ]
    finally:
        conn.close()


@pytest.mark.parametrize("pcs_kind", list(KINDS))
def test_tour_2022_stage_21_stored_standings_equal_the_file(full_db_path, pcs_kind):
    data = json.loads(
        (CORPUS / "procyclingstats" / "race_tour-de-france_2022_stage-21.json").read_text("utf-8")
    )
    stored = stored_standings(full_db_path, KINDS[pcs_kind])
    # classified riders by rank, then the unclassified (Quintana), as stored
    expected = sorted(data[pcs_kind], key=lambda r: (r["rank"] is None, r["rank"] or 0))
    assert len(stored) == len(expected)
    for row, (position, rider, team, time, points, status) in zip(expected, stored, strict=True):
        if pcs_kind == "teams":
            assert (position, team_key(team), time) == (
                row["rank"], team_key(row["team_name"]), hms(row["time"])
            )  # fmt: skip
            continue
        assert name_key(rider) == name_key(row["rider_name"]) or _alias_of(
            full_db_path, rider, row["rider_name"]
        ), (rider, row["rider_name"])
        assert position == row["rank"]
        if row["rank"] is None:
            assert status == "dsq"  # Quintana, disqualified after the race
        elif pcs_kind in ("gc", "youth"):
            assert time == hms(row["time"]), row
        else:
            assert points == row["points"], row


def _alias_of(db: Path, stored_name: str, spelling: str) -> bool:
    """The stored rider was also seen under this spelling (ASO's 'Jonas Vingegaard Hansen')."""
    conn = connect(db, readonly=True)
    try:
        return bool(
            conn.execute(
                """select 1 from riders ri join rider_aliases a on a.rider_id = ri.rider_id
                where ri.name = ? and a.alias_key = ?""",
                (stored_name, name_key(spelling)),
            ).fetchone()
        )
    finally:
        conn.close()


# ---------------------------------------------------------------- the men's Tour, 1903-2026


def test_mens_tour_history_checked_year_by_year(full_db_path):
    rows = queries.run(full_db_path, "history_check", race="tour-de-france")
    with open(CORPUS / "letourdataset" / "TDF_Riders_History.csv", encoding="utf-8") as f:
        years = sorted({int(r["Year"]) for r in csv.DictReader(f)})
    assert [r["year"] for r in rows] == years
    for r in rows:
        complete = (
            r["published_riders"] > 0
            and r["same_place_and_time"] == r["published_riders"] == r["computed_riders"]
        )
        assert (r["verdict"] == "match") is complete, r
    compared = [r for r in rows if r["verdict"] in ("match", "defective")]
    assert len(compared) >= 20
    # the computed GC is the race on the road: it names the winners whose titles
    # were withdrawn (Garin 1904, Armstrong 1999, Landis 2006, Contador 2010)
    winners = {r["year"]: (r["published_winner"], r["computed_winner"]) for r in rows}
    assert winners[1904] == ("Henri Cornet", "Maurice Garin")
    assert winners[1999] == (None, "Lance Armstrong")
    assert winners[2006] == ("Óscar Pereiro", "Floyd Landis")
    assert winners[2010] == ("Andy Schleck", "Alberto Contador")
    # where no title was withdrawn, most years agree on the winner
    same = [y for y, (p, c) in winners.items() if p and c and p == c]
    assert len(same) >= 15
