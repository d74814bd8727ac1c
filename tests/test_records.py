"""Records that match the record books: the counting rule (schema.sql,
`counted_stage_results`) over the whole corpus.

A suspect row never wins, places or counts in a total; a team time trial is
won by a team, not by each of its riders; a stage has one winner unless it was
a dead heat. The figures are the record books' (sources in the comments), and only those the
corpus holds completely: the stage list (letourdataset) and rushworth together
name every one of these riders' winning stages.
"""

from __future__ import annotations

import sqlite3

import pytest

from palmares import queries

# Cycling Weekly 2010, "All-time record individual stage winners, does not
# include team time trials"; Wikipedia "List of Tour de France stage winners" /
# ASO letour.fr history; 2024 press for Cavendish's 35th.
TOUR_STAGE_WINS = [
    # rider, individual Tour stage wins, through this year
    ("Mark Cavendish", 35, 2024),  # 35th: 2024 stage 5
    ("Eddy Merckx", 34, 1975),  # not 41: 6 copied halves, the 1971 prologue (a TTT)
    ("Bernard Hinault", 28, 1986),  # not 30: 1979 stages 4 and 8 were TTTs
    ("André Leducq", 25, 1938),  # with the 1938 stage 21 dead heat with Magne
    ("André Darrigade", 22, 1964),  # not 24: copied halves 1961-1b, 1962-2b
    ("Nicolas Frantz", 20, 1929),
    ("François Faber", 19, 1914),  # 1909 stage 5 from rushworth (empty in the stage list)
    ("Jean Alavoine", 17, 1923),
    ("Jacques Anquetil", 16, 1964),
    ("Miguel Indurain", 12, 1995),  # not 13: 1995 stage 16 (neutralised) holds the GC
    ("Peter Sagan", 12, 2019),
    ("Chris Froome", 7, 2016),  # not 8: the 2015 stage 9 TTT
    ("Tadej Pogačar", 21, 2025),  # 2020-25; the corpus also holds 2026, unchecked
]

# Real dead heats: both riders share the stage win (the stage list names both).
DEAD_HEATS = {
    (1924, "3"),  # Philippe Thys = Théophile Beeckman
    (1934, "5"),  # Georges Speicher = René Le Grevès
    (1937, "17b"),  # Adolphe Braeckeveldt = Heinz Wengler
    (1938, "21"),  # André Leducq = Antonin Magne
}


def tour_stage_wins(db, rider: str, through: int) -> list[dict]:
    return [
        r
        for r in queries.run(db, "rider_palmares", rider=rider)
        if r["race_ref"] == "tour-de-france" and r["what"] == "stage win" and r["year"] <= through
    ]


@pytest.mark.parametrize(("rider", "wins", "through"), TOUR_STAGE_WINS)
def test_tour_stage_wins_agree_with_the_record_books(full_corpus_db_path, rider, wins, through):
    rows = tour_stage_wins(full_corpus_db_path, rider, through)
    assert len(rows) == wins, sorted((r["year"], r["stage"]) for r in rows)


@pytest.mark.parametrize(("rider", "wins", "through"), TOUR_STAGE_WINS[:3])
def test_rider_results_counts_the_same_wins(full_corpus_db_path, rider, wins, through):
    rows = [
        r
        for r in queries.run(
            full_corpus_db_path, "rider_results", rider=rider, race="tour-de-france"
        )
        if r["year"] <= through
    ]
    assert sum(1 for r in rows if r["counts"] and r["rank"] == 1) == wins


def test_a_team_time_trial_is_won_by_the_team(full_corpus_db_path):
    stages = {
        r["stage"]: r
        for r in queries.run(full_corpus_db_path, "stage_winners", race="tour-de-france", year=2019)
    }
    assert stages["2"]["rider_ref"] is None
    assert stages["2"]["winner"] == stages["2"]["team"]
    # Teunissen won stage 1 only
    assert sum(r["rider_ref"] == stages["1"]["rider_ref"] for r in stages.values()) == 1
    merckx_1971 = [
        r
        for r in queries.run(full_corpus_db_path, "stage_winners", race="tour-de-france", year=1971)
        if r["stage"] == "0"
    ]
    assert [r["winner"] for r in merckx_1971] != ["Eddy Merckx"]


def multi_winner_stages(db) -> dict[tuple[int, str], list[int]]:
    conn = sqlite3.connect(db)
    rows = conn.execute(
        """
        select e.year, s.label, group_concat(r.rider_id), max(r.is_suspect), max(s.kind is 'ttt')
        from counted_stage_results r
        join stages s on s.stage_id = r.stage_id
        join editions e on e.edition_id = s.edition_id
        join races ra on ra.race_id = e.race_id
        where ra.race_ref = 'tour-de-france' and r.position = 1
        group by r.stage_id
        having count(*) > 1
        """
    ).fetchall()
    conn.close()
    return {(y, label): (riders, suspect, ttt) for y, label, riders, suspect, ttt in rows}


def test_no_suspect_row_or_team_time_trial_gives_a_stage_a_second_winner(full_corpus_db_path):
    stages = multi_winner_stages(full_corpus_db_path)
    assert not [k for k, (_, suspect, ttt) in stages.items() if suspect or ttt]
    # the dead heats keep both winners
    assert set(stages) >= DEAD_HEATS


@pytest.mark.xfail(
    strict=True,
    reason="still two winners from causes the counting rule cannot see (loader work): one rider "
    "stored as two spellings (34 stages), a disqualified winner kept at rank 1 next to the "
    "promoted one (11), sources naming different winners (24); gc_findings.md section 1",
)
def test_no_tour_stage_has_two_winners_but_the_dead_heats(full_corpus_db_path):
    assert set(multi_winner_stages(full_corpus_db_path)) <= DEAD_HEATS


def test_gc_after_a_stage_is_the_whole_field_not_the_yellow_jersey_alone(full_corpus_db_path):
    # the stage list's yellow jersey is a one-row GC publication: it must not
    # hide the GC computed from the stage times (standings_publications)
    rows = queries.run(full_corpus_db_path, "gc", race="tour-de-france", year=2017, stage="11")
    assert len(rows) > 170
    assert {r["source"] for r in rows} == {"computed"}
    assert rows[0]["rider"] == "Chris Froome"
    assert [r["rank"] for r in rows[:3]] == [1, 2, 3]


def test_a_complete_final_gc_still_counts(full_corpus_db_path):
    # the published final GC lacks the riders disqualified after the race
    # (Landis): it is complete, and it is the one shown
    rows = queries.run(full_corpus_db_path, "gc", race="tour-de-france", year=2006)
    assert {r["source"] for r in rows} == {"official"}
    assert rows[0]["rider"] != "Floyd Landis"


def test_team_riders_reads_the_same_gc(full_corpus_db_path):
    rows = queries.run(
        full_corpus_db_path,
        "team_riders",
        race="tour-de-france",
        year=2017,
        stage="11",
        team="Team Sky",
        on="gc",
    )
    assert len(rows) > 1
    assert {r["source"] for r in rows} == {"computed"}
