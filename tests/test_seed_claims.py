"""Every claim of the seed report (../shared/seed/) answered by a query on data/.

One test per claim, named after it. The report is the Kazinform article of
2021-06-06 on the last day of the Critérium du Dauphiné, with its "Race
Profile" box; the seed README adds published facts about the same race.
"""

from __future__ import annotations

import pytest

from palmares import queries
from palmares.names import team_key

RACE = {"race": "Critérium du Dauphiné", "year": 2021}


def run(conn, name: str, **params) -> list[dict]:
    return queries.run(conn, name, **params)


def cols(rows: list[dict], *names: str) -> list[tuple]:
    """The given columns of every row, as tuples."""
    return [tuple(r[n] for n in names) for r in rows]


def same_team(a: str, b: str) -> bool:
    """Team names as the report writes them ("Bahrain – Victorious") match the data's."""
    return team_key(a) == team_key(b)


# ---------------------------------------------------------------- the Race Profile box


def test_stage_8_top_3_padun_vingegaard_konrad(seed_conn):
    rows = run(seed_conn, "stage_result", **RACE, stage="8")
    assert rows[:3] == [
        {
            "rank": 1, "position_text": "1", "rider": "Mark Padun", "rider_ref": "mark-padun",
            "nationality": "UKR", "team": "Bahrain – Victorious", "bib": None,
            "status": "finished", "time_seconds": 14809, "gap_seconds": 0, "time": "4:06:49",
            "gap": None, "bonus_seconds": None, "penalty_seconds": None, "points": None,
        },
        {
            "rank": 2, "position_text": "2", "rider": "Jonas Vingegaard",
            "rider_ref": "jonas-vingegaard", "nationality": "DEN", "team": "Team Jumbo-Visma",
            "bib": None, "status": "finished", "time_seconds": 14905, "gap_seconds": 96,
            "time": "4:08:25", "gap": "+1:36", "bonus_seconds": None, "penalty_seconds": None,
            "points": None,
        },
        {
            "rank": 3, "position_text": "3", "rider": "Patrick Konrad",
            "rider_ref": "patrick-konrad", "nationality": "AUT", "team": "BORA – hansgrohe",
            "bib": None, "status": "finished", "time_seconds": 14905, "gap_seconds": 96,
            "time": "4:08:25", "gap": "s.t.", "bonus_seconds": None, "penalty_seconds": None,
            "points": None,
        },
    ]  # fmt: skip
    report = ["Bahrain – Victorious", "Team Jumbo-Visma", "BORA – hansgrohe"]
    assert all(same_team(r["team"], t) for r, t in zip(rows, report, strict=False))


def test_stage_8_la_lechere_to_les_gets_147_km(seed_conn):
    stage_8 = run(seed_conn, "stage_winners", **RACE)[7]
    assert cols([stage_8], "stage", "date", "departure", "arrival", "distance_km", "kind") == [
        ("8", "2021-06-06", "La Léchère-Les-Bains", "Les Gets", 147.0, "road")
    ]


def test_astana_top_3_on_stage_8_is_7_13_34(seed_conn):
    rows = run(seed_conn, "team_riders", **RACE, team="Astana – Premier Tech", stage="8", top=3)
    assert rows == [
        {
            "team_rank": 1, "rank": 7, "rider": "Alexey Lutsenko", "rider_ref": "alexey-lutsenko",
            "team": "Astana – Premier Tech", "status": "finished", "time_seconds": 14939,
            "gap_seconds": 130, "time": "4:08:59", "gap": "+2:10", "on": "stage",
            "source": "official", "stage": "8",
        },
        {
            "team_rank": 2, "rank": 13, "rider": "Ion Izagirre", "rider_ref": "ion-izagirre",
            "team": "Astana – Premier Tech", "status": "finished", "time_seconds": None,
            "gap_seconds": None, "time": None, "gap": None, "on": "stage", "source": "official",
            "stage": "8",
        },
        {
            "team_rank": 3, "rank": 34, "rider": "Óscar Rodríguez", "rider_ref": "oscar-rodriguez",
            "team": "Astana – Premier Tech", "status": "finished", "time_seconds": None,
            "gap_seconds": None, "time": None, "gap": None, "on": "stage", "source": "official",
            "stage": "8",
        },
    ]  # fmt: skip


def test_top_3_on_gc_porte_lutsenko_thomas(seed_conn):
    rows = run(seed_conn, "gc", **RACE)
    assert rows[:3] == [
        {
            "rank": 1, "rider": "Richie Porte", "rider_ref": "richie-porte", "nationality": "AUS",
            "team": "INEOS Grenadiers", "status": "finished", "time_seconds": 106625,
            "gap_seconds": 0, "time": "29:37:05", "gap": None, "source": "official",
            "after_stage": "8",
        },
        {
            "rank": 2, "rider": "Alexey Lutsenko", "rider_ref": "alexey-lutsenko",
            "nationality": "KAZ", "team": "Astana – Premier Tech", "status": "finished",
            "time_seconds": 106642, "gap_seconds": 17, "time": "29:37:22", "gap": "+0:17",
            "source": "official", "after_stage": "8",
        },
        {
            "rank": 3, "rider": "Geraint Thomas", "rider_ref": "geraint-thomas",
            "nationality": "GBR", "team": "INEOS Grenadiers", "status": "finished",
            "time_seconds": 106654, "gap_seconds": 29, "time": "29:37:34", "gap": "+0:29",
            "source": "official", "after_stage": "8",
        },
    ]  # fmt: skip
    report = ["INEOS Grenadiers", "Astana – Premier Tech", "INEOS Grenadiers"]
    assert all(same_team(r["team"], t) for r, t in zip(rows, report, strict=False))


def test_astana_top_3_on_gc_is_2_7_50(seed_conn):
    rows = run(seed_conn, "team_riders", **RACE, team="astana premier tech", on="gc", top=3)
    assert cols(rows, "team_rank", "rank", "rider", "gap", "on", "source", "stage") == [
        (1, 2, "Alexey Lutsenko", "+0:17", "gc", "official", "8"),
        (2, 7, "Ion Izagirre", "+0:38", "gc", "official", "8"),
        (3, 50, "Óscar Rodríguez", None, "gc", "official", "8"),
    ]


# ---------------------------------------------------------------- the article


def test_lutsenko_second_overall_17_seconds_behind_winner_porte(seed_conn):
    winners = run(seed_conn, "race_winners", race="criterium-du-dauphine")
    assert winners == [
        {
            "year": 2021, "winner": "Richie Porte", "rider_ref": "richie-porte",
            "team": "INEOS Grenadiers", "time_seconds": 106625, "time": "29:37:05",
            "points": None, "runner_up": "Alexey Lutsenko", "runner_up_ref": "alexey-lutsenko",
            "margin_seconds": 17, "margin": "0:17", "margin_points": None, "source": "official",
            "is_cancelled": 0,
        }
    ]  # fmt: skip


def test_izagirre_seventh_38_seconds_behind(seed_conn):
    rows = run(seed_conn, "gc", **RACE)
    izagirre = [r for r in rows if r["rider_ref"] == "ion-izagirre"]
    assert izagirre == [
        {
            "rank": 7, "rider": "Ion Izagirre", "rider_ref": "ion-izagirre", "nationality": "ESP",
            "team": "Astana – Premier Tech", "status": "finished", "time_seconds": 106663,
            "gap_seconds": 38, "time": "29:37:43", "gap": "+0:38", "source": "official",
            "after_stage": "8",
        }
    ]  # fmt: skip


def test_lutsenko_stage_4_time_trial_winner_izagirre_second_at_8_seconds(seed_conn):
    rows = run(seed_conn, "stage_result", **RACE, stage="Stage 4")
    assert cols(rows[:2], "rank", "rider", "team", "time", "gap", "gap_seconds") == [
        (1, "Alexey Lutsenko", "Astana – Premier Tech", "0:21:36", None, 0),
        (2, "Ion Izagirre", "Astana – Premier Tech", "0:21:44", "+0:08", 8),
    ]
    stage_4 = run(seed_conn, "stage_winners", **RACE)[3]
    assert cols([stage_4], "stage", "kind", "distance_km", "winner") == [
        ("4", "itt", 16.4, "Alexey Lutsenko")
    ]


def test_first_and_second_on_the_time_trial_for_astana(seed_conn):
    rows = run(seed_conn, "team_riders", **RACE, team="Astana", stage="4")
    assert cols(rows, "team_rank", "rank", "rider") == [
        (1, 1, "Alexey Lutsenko"),
        (2, 2, "Ion Izagirre"),
    ]


def test_on_the_podium_with_porte_and_thomas(seed_conn):
    rows = run(seed_conn, "rider_palmares", rider="Alexey Lutsenko")
    assert cols(rows, "race_ref", "year", "what", "stage", "rank", "source") == [
        ("criterium-du-dauphine", 2021, "stage win", "4", 1, "official"),
        ("criterium-du-dauphine", 2021, "GC", None, 2, "official"),
    ]
    assert cols(rows[:1], "wins", "gc_wins", "gc_podiums") == [(1, 0, 1)]
    podium = run(seed_conn, "gc", **RACE)[:3]
    assert {r["rider"] for r in podium} == {"Richie Porte", "Alexey Lutsenko", "Geraint Thomas"}


def test_padun_second_consecutive_stage_win(seed_conn):
    rows = run(seed_conn, "stage_winners", **RACE)
    assert cols(rows[6:], "stage", "winner", "team", "consecutive_wins", "wins_in_race") == [
        ("7", "Mark Padun", "Bahrain – Victorious", 1, 2),
        ("8", "Mark Padun", "Bahrain – Victorious", 2, 2),
    ]


def test_lutsenko_and_izagirre_kept_their_gc_places_on_the_last_stage(seed_conn):
    before = run(seed_conn, "gc", **RACE, stage="7")
    after = run(seed_conn, "gc", **RACE, stage="8")
    astana = {"alexey-lutsenko", "ion-izagirre"}
    assert cols([r for r in before if r["rider_ref"] in astana], "rank", "rider_ref", "gap") == [
        (2, "alexey-lutsenko", "+0:17"),
        (7, "ion-izagirre", "+0:38"),
    ]
    assert cols([r for r in after if r["rider_ref"] in astana], "rank", "rider_ref", "gap") == [
        (2, "alexey-lutsenko", "+0:17"),
        (7, "ion-izagirre", "+0:38"),
    ]


def test_the_gc_group_finished_together_on_stage_8(seed_conn):
    rows = run(seed_conn, "head_to_head", rider_a="Richie Porte", rider_b="LUTSENKO Alexey")
    stage_8 = [r for r in rows if r["stage"] == "8"]
    assert cols(stage_8, "a_rank", "b_rank", "ahead", "gap_seconds") == [
        (8, 7, "Alexey Lutsenko", 0)
    ]
    # Porte beat Lutsenko only at La Plagne
    assert cols(rows, "stage", "ahead", "a_ahead", "b_ahead") == [
        ("4", "Alexey Lutsenko", 0, 1),
        ("7", "Richie Porte", 1, 1),
        ("8", "Alexey Lutsenko", 1, 2),
    ]


def test_second_and_third_places_for_izagirre_and_alex(seed_conn):
    podiums = []
    for rider in ("Ion Izagirre", "Alex Aranburu"):
        rows = run(seed_conn, "rider_results", rider=rider, race="criterium-du-dauphine")
        podiums += [(r["rider"], r["stage"], r["rank"]) for r in rows if r["rank"] in (2, 3)]
    assert sorted(podiums) == [
        ("Alex Aranburu", "3", 2),
        ("Alex Aranburu", "5", 3),
        ("Ion Izagirre", "4", 2),
    ]


def test_aranburu_four_top_ten_results(seed_conn):
    rows = run(seed_conn, "rider_results", rider="ARANBURU Alex")
    assert cols(rows, "stage", "rank", "gap", "gc_rank") == [
        ("1", 9, "+0:25", 10),
        ("2", 9, "+0:11", 5),
        ("3", 2, "s.t.", 3),
        ("5", 3, "s.t.", None),
    ]
    assert cols(rows[:1], "wins", "podiums", "top_tens", "results") == [(0, 2, 4, 4)]


# ---------------------------------------------------------------- the seed README


def test_stage_8_top_ten_with_times(seed_conn):
    rows = run(seed_conn, "stage_result", **RACE, stage="8")[:10]
    assert cols(rows, "rank", "rider", "gap") == [
        (1, "Mark Padun", None),
        (2, "Jonas Vingegaard", "+1:36"),
        (3, "Patrick Konrad", "s.t."),
        (4, "Ben O'Connor", "+1:57"),
        (5, "David Gaudu", "+2:10"),
        (6, "Geraint Thomas", "s.t."),
        (7, "Alexey Lutsenko", "s.t."),
        (8, "Richie Porte", "s.t."),
        (9, "Jack Haig", "s.t."),
        (10, "Guillaume Martin", "s.t."),
    ]


def test_final_gc_top_ten(seed_conn):
    rows = run(seed_conn, "gc", **RACE)[:10]
    assert cols(rows, "rank", "rider", "gap") == [
        (1, "Richie Porte", None),
        (2, "Alexey Lutsenko", "+0:17"),
        (3, "Geraint Thomas", "+0:29"),
        (4, "Wilco Kelderman", "+0:33"),
        (5, "Jack Haig", "+0:34"),
        (6, "Miguel Ángel López", "+0:38"),
        (7, "Ion Izagirre", "+0:38"),
        (8, "Ben O'Connor", "+0:47"),
        (9, "David Gaudu", "+1:12"),
        (10, "Tao Geoghegan Hart", "+1:57"),
    ]


def test_stage_winners_of_every_stage(seed_conn):
    rows = run(seed_conn, "stage_winners", **RACE)
    assert cols(rows, "stage", "winner") == [
        ("1", "Brent Van Moer"),
        ("2", "Lukas Pöstlberger"),
        ("3", "Sonny Colbrelli"),
        ("4", "Alexey Lutsenko"),
        ("5", "Geraint Thomas"),
        ("6", "Alejandro Valverde"),
        ("7", "Mark Padun"),
        ("8", "Mark Padun"),
    ]


def test_postlberger_took_the_lead_on_stage_2_and_porte_on_stage_7(seed_conn):
    rows = run(seed_conn, "leaders", **RACE)
    assert cols(rows, "stage", "gc", "gc_source") == [
        ("1", "Brent Van Moer", "official"),
        ("2", "Lukas Pöstlberger", "official"),
        ("3", "Lukas Pöstlberger", "official"),
        ("4", "Lukas Pöstlberger", "official"),
        ("5", "Lukas Pöstlberger", "official"),
        ("6", "Alexey Lutsenko", "official"),
        ("7", "Richie Porte", "official"),
        ("8", "Richie Porte", "official"),
    ]


def test_porte_17_seconds_ahead_of_lutsenko_and_29_of_thomas_after_stage_7(seed_conn):
    rows = run(seed_conn, "gc", **RACE, stage="7")[:3]
    assert cols(rows, "rank", "rider", "time", "gap", "after_stage") == [
        (1, "Richie Porte", "25:28:06", None, "7"),
        (2, "Alexey Lutsenko", "25:28:23", "+0:17", "7"),
        (3, "Geraint Thomas", "25:28:35", "+0:29", "7"),
    ]


@pytest.mark.parametrize(
    ("kind", "leader", "team"),
    [
        ("points", "Sonny Colbrelli", "Bahrain – Victorious"),
        ("mountains", "Mark Padun", "Bahrain – Victorious"),
        ("youth", "David Gaudu", "Groupama – FDJ"),
        ("teams", None, "INEOS Grenadiers"),
    ],
)
def test_jersey_holders_points_colbrelli_mountains_padun_youth_gaudu_teams_ineos(
    seed_conn, kind, leader, team
):
    rows = run(seed_conn, "classification", **RACE, kind=kind)
    assert cols(rows, "rank", "rider", "team", "kind", "source", "after_stage") == [
        (1, leader, team, kind, "official", "8")
    ]
    last = run(seed_conn, "leaders", **RACE)[-1]
    assert last[kind] == (leader or team)


def test_ineos_team_time_88_53_28(seed_conn):
    rows = run(seed_conn, "classification", **RACE, kind="teams")
    assert cols(rows, "team", "time_seconds", "time") == [
        ("INEOS Grenadiers", 88 * 3600 + 53 * 60 + 28, "88:53:28")
    ]


def test_147_starters_118_finishers(seed_conn):
    rows = run(seed_conn, "edition", **RACE)
    assert cols(rows, "race", "year", "number", "start_date", "end_date", "stages") == [
        ("Critérium du Dauphiné", 2021, 73, "2021-05-30", "2021-06-06", 8)
    ]
    assert cols(rows, "starters", "finishers") == [(147, 118)]
    # the loaded standings are partial: the last rider in them is not the lanterne rouge
    last = run(seed_conn, "lanterne_rouge", **RACE)
    assert cols(last, "rank", "rider", "finishers_published", "is_last_finisher") == [
        (110, "Marco Haller", 118, 0)
    ]
