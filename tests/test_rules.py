"""Race rules as data (data/rules/*.csv) and the bonuses of the computed GC."""

from __future__ import annotations

import pytest

from palmares import queries, rules
from palmares.db import connect
from palmares.errors import PalmaresError

TOUR_2017 = {"race": "tour-de-france", "year": 2017}


def test_every_rules_file_parses_and_says_where_each_rule_comes_from():
    found = rules.all_rules()
    assert {r.race_ref for r in found} >= {
        "tour-de-france", "giro-d-italia", "tour-de-france-femmes"
    }  # fmt: skip
    assert all(
        r.evidence.startswith(("rulebook", "inferred from the data: ", "published: "))
        for r in found
    )


def test_a_rules_file_with_overlapping_years_is_an_error():
    text = (
        ",".join(rules.COLUMNS) + "\nx,2000,2005,10,,no,,,rulebook\nx,2005,2006,10,,no,,,rulebook\n"
    )
    with pytest.raises(PalmaresError, match="two rules cover the year 2005"):
        rules.parse("x.csv", text)


def test_bonus_for_place():
    assert rules.bonus_for_place("10 6 4", 2) == 6
    assert rules.bonus_for_place("10 6 4", 4) == 0
    assert rules.bonus_for_place(None, 1) is None


@pytest.mark.slow
def test_edition_rules_come_from_the_rules_files_not_the_schema_default(full_corpus_db_path):
    conn = connect(full_corpus_db_path, readonly=True)
    rule = {
        (r["race_ref"], r["year"]): r["finish_bonus_seconds"]
        for r in conn.execute("select * from edition_bonus_rules")
    }
    assert rule["tour-de-france", 2017] == "10 6 4"
    assert rule["tour-de-france", 2010] == "0"  # bonuses abolished 2008-2014
    assert rule["tour-de-france", 2002] == "20 12 8"
    assert rule["tour-de-france", 1965] is None  # not known: no silent '10 6 4'
    assert rule["paris-nice", 2020] is None


@pytest.mark.slow
def test_gc_after_tour_2017_stage_11_has_the_derived_finish_bonuses(full_corpus_db_path):
    rows = queries.run(full_corpus_db_path, "gc_computed", **TOUR_2017, stage="11")
    assert len(rows) > 170
    assert [(r["rider"], r["gap"]) for r in rows[:4]] == [
        ("Chris Froome", None),
        ("Fabio Aru", "+0:18"),  # as published: the stage list's GC gives Aru +0:18
        ("Romain Bardet", "+0:51"),
        ("Rigoberto Urán", "+0:55"),
    ]
    assert rows[0]["finish_bonuses"] == "derived from the stage places"
    # the 2017 rule has no intermediate-sprint bonuses: the GC is not approximate
    assert {r["source"] for r in rows} == {"computed"}


@pytest.mark.slow
def test_a_computed_gc_without_the_sprint_bonuses_says_it_is_approximate(full_corpus_db_path):
    rows = queries.run(full_corpus_db_path, "gc_computed", race="giro-d-italia", year=2023)
    assert rows[0]["source"] == "computed (no sprint bonuses)"
    rows = queries.run(full_corpus_db_path, "gc_computed", race="tour-de-france-femmes", year=2023)
    assert (rows[0]["source"], rows[0]["finish_bonuses"]) == ("computed", "as published")


@pytest.mark.slow
def test_no_finish_bonus_is_derived_on_a_time_trial(full_corpus_db_path):
    conn = connect(full_corpus_db_path, readonly=True)
    kinds = dict(
        conn.execute(
            """select s.label, b.finish_bonuses from stage_bonus_rules b
            join stages s using (stage_id) join editions e on e.edition_id = b.edition_id
            join races ra using (race_id)
            where ra.race_ref = 'tour-de-france' and e.year = 2017
              and s.label in ('1', '2', '20')"""
        )
    )
    assert kinds == {
        "1": "none by the rules", "2": "derived from the places", "20": "none by the rules"
    }  # fmt: skip


@pytest.mark.slow
def test_reconcile_uses_the_race_rules(full_corpus_db_path):
    rows = queries.run(full_corpus_db_path, "reconcile", race="giro-d-italia", year=2023)
    # no finish bonus on the time trials (stages 1, 9, 20)
    assert not [r for r in rows if r["stage"] in ("1", "9", "20") and r["finish_bonus_seconds"]]
    assert {r["kind"] for r in rows} >= {"finish bonus", "sprint bonus", "penalty"}


# ---------------------------------------------------------------- jerseys in palmarès

# Tour de France classification wins through 2025 in the record books
# (Wikipedia's lists and letour.fr's history pages), and
# the two the corpus gets wrong: its stage list swaps the 1975 points and
# mountains columns (Van Impe under green, Van Linden under polka-dot) and
# names Merckx for the 1970 points (Godefroot won it). palmares keeps the
# source as it is (the stage_list reader would be the place to correct it):
# the test holds the corpus figure with its reason, so a fix shows here.
RECORD_BOOK = [
    ("Peter Sagan", "points_wins", 7),
    ("Erik Zabel", "points_wins", 6),
    ("Sean Kelly", "points_wins", 4),
    ("Richard Virenque", "mountains_wins", 7),
    ("Federico Bahamontes", "mountains_wins", 6),
    ("Tadej Pogačar", "mountains_wins", 3),
    ("Tadej Pogačar", "youth_wins", 4),
    ("Jan Ullrich", "youth_wins", 3),
    ("Andy Schleck", "youth_wins", 3),
    ("Jacques Anquetil", "gc_wins", 5),
    ("Eddy Merckx", "gc_wins", 5),
    ("Bernard Hinault", "gc_wins", 5),
    ("Miguel Indurain", "gc_wins", 5),
    ("Chris Froome", "gc_wins", 4),
    ("Tadej Pogačar", "gc_wins", 4),
    ("Eddy Merckx", "mountains_wins", 2),
]
CORPUS_DEFECTS = [
    ("Lucien Van Impe", "mountains_wins", 5, 6, "1975 columns swapped in the stage list"),
    ("Eddy Merckx", "points_wins", 4, 3, "1970 points winner given as Merckx, not Godefroot"),
]
WHAT = {"points_wins": "points", "mountains_wins": "mountains", "youth_wins": "youth"}


def tour_titles(db, rider: str, what: str) -> int:
    rows = queries.run(db, "rider_palmares", rider=rider)
    if what == "gc_wins":
        keep = [r for r in rows if r["what"] == "GC" and r["rank"] == 1]
    else:
        keep = [r for r in rows if r["what"] == WHAT[what]]
    return sum(1 for r in keep if r["race_ref"] == "tour-de-france" and r["year"] <= 2025)


@pytest.mark.slow
@pytest.mark.parametrize(("rider", "what", "count"), RECORD_BOOK)
def test_tour_jersey_counts_match_the_record_book(full_corpus_db_path, rider, what, count):
    assert tour_titles(full_corpus_db_path, rider, what) == count


@pytest.mark.slow
@pytest.mark.parametrize(("rider", "what", "corpus", "record", "why"), CORPUS_DEFECTS)
def test_jersey_counts_the_corpus_gets_wrong(full_corpus_db_path, rider, what, corpus, record, why):
    assert tour_titles(full_corpus_db_path, rider, what) == corpus != record, why


@pytest.mark.slow
def test_pogacar_palmares_has_his_jerseys_and_leaders_show_them(full_corpus_db_path):
    rows = queries.run(full_corpus_db_path, "rider_palmares", rider="Tadej Pogačar")
    titles = {(r["year"], r["what"]) for r in rows if r["race_ref"] == "tour-de-france"}
    assert {(2020, "mountains"), (2020, "youth"), (2021, "mountains"), (2023, "youth")} <= titles
    assert rows[0]["youth_wins"] == 4
    leaders = queries.run(full_corpus_db_path, "leaders", race="tour-de-france", year=2020)
    last = leaders[-1]
    assert (last["mountains"], last["youth"]) == ("Tadej Pogačar", "Tadej Pogačar")
    assert last["mountains_source"] == "jersey"


@pytest.mark.slow
def test_tour_2017_final_computed_gc_has_the_published_gaps(full_corpus_db_path):
    # the official final GC (letourdataset) against the GC computed from
    # rushworth's stage times and the bonuses derived by the 2017 rule
    conn = connect(full_corpus_db_path, readonly=True)
    official = [
        tuple(r)
        for r in conn.execute(
            """select ri.name, st.time_seconds - min(st.time_seconds) over ()
            from standings st join editions e using (edition_id) join races ra using (race_id)
            join riders ri on ri.rider_id = st.rider_id
            where ra.race_ref = 'tour-de-france' and e.year = 2017 and st.kind = 'gc'
              and st.stage_id is null
            order by st.position limit 10"""
        )
    ]
    rows = queries.run(full_corpus_db_path, "gc_computed", **TOUR_2017)
    assert [(r["rider"], r["gap_seconds"]) for r in rows[:10]] == official
    assert official[1] == ("Rigoberto Urán", 54)
