"""The race_profile reader: news reports ending with a "Race Profile" block."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from palmares.errors import LoadError
from palmares.loader.formats import race_profile, read_head
from palmares.loader.records import Edition, Race, Stage, StageResult, Standing, Warning

SHARED = Path(__file__).parent.parent.parent / "shared"
DAUPHINE = "Critérium du Dauphiné"
ASTANA = "Astana – Premier Tech"
INEOS = "INEOS Grenadiers"


@pytest.fixture
def seed() -> Path:
    return SHARED / "seed" / "000_2a610b4612a8d070.txt"


@pytest.fixture
def corpus() -> Path:
    return SHARED / "corpus"


def write(tmp_path: Path, text: str, name: str = "report.txt", newline: str = "\n") -> Path:
    """A report file; `text` uses \\n, written with `newline` line endings."""
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def records(path: Path, kind: type) -> list:
    return [r for r in race_profile.read(path) if isinstance(r, kind)]


def result(stage: str, rider: str, team: str | None, rank: int, line: int, **kw) -> StageResult:
    return StageResult(
        kw.pop("race", DAUPHINE), kw.pop("year", 2021), stage, rider, name_order="given_first",
        team=team, position=rank, position_text=str(rank), line=line, **kw,
    )  # fmt: skip


def standing(stage: str, kind: str, rider: str, team: str | None, rank: int, line: int, **kw):
    return Standing(
        kw.pop("race", DAUPHINE), kw.pop("year", 2021), stage, kind, rider=rider, team=team,
        name_order="given_first", position=rank, position_text=str(rank), line=line, **kw,
    )  # fmt: skip


# --- the seed report ---------------------------------------------------------------------


def test_seed_race_edition_stage(seed):
    recs = list(race_profile.read(seed))
    assert recs[:3] == [
        Race(DAUPHINE, country="FRA", is_one_day=False, gender="men", line=21),
        Edition(DAUPHINE, 2021, line=21),
        Stage(
            DAUPHINE, 2021, "8", departure="La Léchère-Les-Bains", arrival="Les Gets",
            distance_km=147.0, kind=None, line=23,
        ),
    ]  # fmt: skip
    assert len(recs) == 3 + 6 + 5


def test_seed_stage_results(seed):
    assert records(seed, StageResult) == [
        result("8", "Mark Padun", "Bahrain – Victorious", 1, 25),
        result("8", "Jonas Vingegaard", "Team Jumbo-Visma", 2, 25),
        result("8", "Patrick Konrad", "BORA – hansgrohe", 3, 25),
        result("8", "Alexey Lutsenko", ASTANA, 7, 27),
        result("8", "Ion Izagirre", ASTANA, 13, 27),
        result("8", "Oscar Rodriguez", ASTANA, 34, 27),
    ]


def test_seed_gc_deduplicates_lutsenko(seed):
    # Lutsenko is 2nd on both GC lines: one standing, from the first line that names him
    assert records(seed, Standing) == [
        standing("8", "gc", "Richie Porte", INEOS, 1, 29),
        standing("8", "gc", "Alexey Lutsenko", ASTANA, 2, 29),
        standing("8", "gc", "Geraint Thomas", INEOS, 3, 29),
        standing("8", "gc", "Ion Izagirre", ASTANA, 7, 31),
        standing("8", "gc", "Oscar Rodriguez", ASTANA, 50, 31),
    ]


def test_seed_no_warnings(seed):
    assert records(seed, Warning) == []


# --- other races, in the same style ------------------------------------------------------

# A prologue, written with CRLF line endings; the team is a one-word name.
TOUR_PROLOGUE = """\
 date 2012-06-30 LIEGE. Fabian Cancellara won the opening prologue of the Tour de France.

Race Profile

Tour de France

Prologue: Liège (6.4 km)

Top 3: 1. Fabian Cancellara (RadioShack – Nissan), 2. Bradley Wiggins (Sky Procycling), \
3. Sylvain Chavanel (Omega Pharma – Quick-Step)

Astana top 3: 32. Janez Brajkovič, 47. Maxim Iglinskiy, 60. Alexandre Vinokourov

Top 3 on GC: 1. Fabian Cancellara (RadioShack – Nissan), 2. Bradley Wiggins (Sky Procycling), \
3. Sylvain Chavanel (Omega Pharma – Quick-Step)

Astana top 3 on GC: 32. Janez Brajkovič, 47. Maxim Iglinskiy, 60. Alexandre Vinokourov
"""


def test_tour_prologue_crlf(tmp_path):
    path = write(tmp_path, TOUR_PROLOGUE, newline="\r\n")
    recs = list(race_profile.read(path))
    tour = {"race": "Tour de France", "year": 2012}
    assert recs[:3] == [
        Race("Tour de France", country="FRA", gender="men", line=5),
        Edition("Tour de France", 2012, line=5),
        Stage("Tour de France", 2012, "0", departure="Liège", arrival="Liège",
              distance_km=6.4, kind="prologue", line=7),
    ]  # fmt: skip
    assert recs[3:9] == [
        result("0", "Fabian Cancellara", "RadioShack – Nissan", 1, 9, **tour),
        result("0", "Bradley Wiggins", "Sky Procycling", 2, 9, **tour),
        result("0", "Sylvain Chavanel", "Omega Pharma – Quick-Step", 3, 9, **tour),
        result("0", "Janez Brajkovič", "Astana", 32, 11, **tour),
        result("0", "Maxim Iglinskiy", "Astana", 47, 11, **tour),
        result("0", "Alexandre Vinokourov", "Astana", 60, 11, **tour),
    ]
    assert recs[9:] == [
        standing("0", "gc", "Fabian Cancellara", "RadioShack – Nissan", 1, 13, **tour),
        standing("0", "gc", "Bradley Wiggins", "Sky Procycling", 2, 13, **tour),
        standing("0", "gc", "Sylvain Chavanel", "Omega Pharma – Quick-Step", 3, 13, **tour),
        standing("0", "gc", "Janez Brajkovič", "Astana", 32, 15, **tour),
        standing("0", "gc", "Maxim Iglinskiy", "Astana", 47, 15, **tour),
        standing("0", "gc", "Alexandre Vinokourov", "Astana", 60, 15, **tour),
    ]


# An ITT stage, a top 5, two teams' top 3 lines, a points line; the year on a `Year:` line.
GIRO_ITT = """\
Evenepoel takes the first pink jersey of the Giro d'Italia.

Year: 2023

Race Profile

Giro d'Italia

Stage 1 (ITT): Fossacesia Marina > Ortona (19.6km)

Top 5: 1. Remco Evenepoel (Soudal – Quick-Step), 2. Filippo Ganna (INEOS Grenadiers), \
3. João Almeida (UAE Team Emirates), 4. Tao Geoghegan Hart (INEOS Grenadiers), \
5. Stefan Küng (Groupama – FDJ)

UAE Team Emirates top 3: 3. João Almeida, 7. Jay Vine, 8. Brandon McNulty

INEOS Grenadiers top 3: 2. Filippo Ganna, 4. Tao Geoghegan Hart, 9. Geraint Thomas

Top 3 on GC: 1. Remco Evenepoel (Soudal – Quick-Step), 2. Filippo Ganna (INEOS Grenadiers), \
3. João Almeida (UAE Team Emirates)

Top 3 on points: 1. Remco Evenepoel (Soudal – Quick-Step), 2. Filippo Ganna (INEOS Grenadiers), \
3. João Almeida (UAE Team Emirates)
"""


def test_giro_itt_top5_two_teams(tmp_path):
    path = write(tmp_path, GIRO_ITT)
    giro = {"race": "Giro d'Italia", "year": 2023}
    assert records(path, Race) == [Race("Giro d'Italia", country="ITA", line=7)]
    assert records(path, Stage) == [
        Stage("Giro d'Italia", 2023, "1", departure="Fossacesia Marina", arrival="Ortona",
              distance_km=19.6, kind="itt", line=9),
    ]  # fmt: skip
    soudal, uae = "Soudal – Quick-Step", "UAE Team Emirates"
    assert records(path, StageResult) == [
        result("1", "Remco Evenepoel", soudal, 1, 11, **giro),
        result("1", "Filippo Ganna", INEOS, 2, 11, **giro),
        result("1", "João Almeida", uae, 3, 11, **giro),
        result("1", "Tao Geoghegan Hart", INEOS, 4, 11, **giro),
        result("1", "Stefan Küng", "Groupama – FDJ", 5, 11, **giro),
        result("1", "Jay Vine", uae, 7, 13, **giro),
        result("1", "Brandon McNulty", uae, 8, 13, **giro),
        result("1", "Geraint Thomas", INEOS, 9, 15, **giro),
    ]
    assert records(path, Standing) == [
        standing("1", "gc", "Remco Evenepoel", soudal, 1, 17, **giro),
        standing("1", "gc", "Filippo Ganna", INEOS, 2, 17, **giro),
        standing("1", "gc", "João Almeida", uae, 3, 17, **giro),
        standing("1", "points", "Remco Evenepoel", soudal, 1, 19, **giro),
        standing("1", "points", "Filippo Ganna", INEOS, 2, 19, **giro),
        standing("1", "points", "João Almeida", uae, 3, 19, **giro),
    ]


# A split stage, a comma decimal, no blank lines inside the block, an en dash team name,
# mountains, prose after the block, and the date on a `Date:` line at the very end.
ROMANDIE_SPLIT = """\
The team finished the morning time trial of the Tour de Romandie with two riders in the top 15.

Race Profile
Tour de Romandie
Stage 3a: Échallens > Échallens (ITT, 16,4 km)
Top 3: 1. Rohan Dennis (Team Jumbo-Visma), 2. Aleksandr Vlasov (BORA – hansgrohe), \
3. Michael Woods (Israel – Premier Tech)
Israel – Premier Tech top 3: 3. Michael Woods, 11. Jakob Fuglsang, 25. Simon Clarke
Top 3 on GC: 1. Aleksandr Vlasov (BORA – hansgrohe), 2. Rohan Dennis (Team Jumbo-Visma), \
3. Michael Woods (Israel – Premier Tech)
Israel – Premier Tech top 3 on GC: 3. Michael Woods, 8. Jakob Fuglsang
Top 3 on mountains: 1. Ben O'Connor (AG2R Citroën Team), 2. Simon Clarke (Israel – Premier Tech), \
3. Esteban Chaves (EF Education-EasyPost)

The riders take on the afternoon road stage from Échallens, with the top 10 still in reach.
Woods: "I felt good on the climb; the top 3 is within reach."

Date: 29 April 2022
"""


def test_romandie_split_stage_and_trailing_prose(tmp_path):
    path = write(tmp_path, ROMANDIE_SPLIT)
    romandie = {"race": "Tour de Romandie", "year": 2022}
    ipt = "Israel – Premier Tech"
    recs = list(race_profile.read(path))
    assert recs[:3] == [
        Race("Tour de Romandie", country="CHE", line=4),
        Edition("Tour de Romandie", 2022, line=4),
        Stage("Tour de Romandie", 2022, "3a", departure="Échallens", arrival="Échallens",
              distance_km=16.4, kind="itt", line=5),
    ]  # fmt: skip
    assert [r for r in recs if isinstance(r, StageResult)] == [
        result("3a", "Rohan Dennis", "Team Jumbo-Visma", 1, 6, **romandie),
        result("3a", "Aleksandr Vlasov", "BORA – hansgrohe", 2, 6, **romandie),
        result("3a", "Michael Woods", ipt, 3, 6, **romandie),
        result("3a", "Jakob Fuglsang", ipt, 11, 7, **romandie),
        result("3a", "Simon Clarke", ipt, 25, 7, **romandie),
    ]
    assert [r for r in recs if isinstance(r, Standing)] == [
        standing("3a", "gc", "Aleksandr Vlasov", "BORA – hansgrohe", 1, 8, **romandie),
        standing("3a", "gc", "Rohan Dennis", "Team Jumbo-Visma", 2, 8, **romandie),
        standing("3a", "gc", "Michael Woods", ipt, 3, 8, **romandie),
        standing("3a", "gc", "Jakob Fuglsang", ipt, 8, 9, **romandie),
        standing("3a", "mountains", "Ben O'Connor", "AG2R Citroën Team", 1, 10, **romandie),
        standing("3a", "mountains", "Simon Clarke", ipt, 2, 10, **romandie),
        standing("3a", "mountains", "Esteban Chaves", "EF Education-EasyPost", 3, 10, **romandie),
    ]
    # the team line names two riders for a "top 3": loadable, but worth a warning
    assert [r for r in recs if isinstance(r, Warning)] == [
        Warning("'Israel – Premier Tech top 3 on GC' lists only 2 entries", 9, code="short_list")
    ]


# Two stages in one block, a year in the heading (no date line), a women's race,
# a team name with slashes, a teams classification.
FEMMES_TWO_STAGES = """\
Race Profile

Tour de France Femmes avec Zwift 2023

Stage 7: Albi > Col du Tourmalet Bagnères-de-Bigorre (89.9km)

Top 3: 1. Demi Vollering (SD Worx), 2. Annemiek van Vleuten (Movistar Team), \
3. Katarzyna Niewiadoma (Canyon//SRAM Racing)

FDJ-SUEZ top 3: 5. Évita Muzic, 12. Cecilie Uttrup Ludwig, 27. Grace Brown

Stage 8 (ITT): Pau > Pau (22.6km)

Top 3: 1. Marlen Reusser (SD Worx), 2. Demi Vollering (SD Worx), 3. Grace Brown (FDJ-SUEZ)

Top 3 on GC: 1. Demi Vollering (SD Worx), 2. Lotte Kopecky (SD Worx), \
3. Katarzyna Niewiadoma (Canyon//SRAM Racing)

Top 3 teams: 1. SD Worx, 2. Canyon//SRAM Racing, 3. Movistar Team
"""


def test_femmes_two_stages_heading_year(tmp_path):
    path = write(tmp_path, FEMMES_TWO_STAGES)
    femmes = {"race": "Tour de France Femmes", "year": 2023}
    recs = list(race_profile.read(path))
    assert recs[:3] == [
        Race("Tour de France Femmes", country="FRA", gender="women", line=3),
        Edition("Tour de France Femmes", 2023, line=3),
        Stage("Tour de France Femmes", 2023, "7", departure="Albi",
              arrival="Col du Tourmalet Bagnères-de-Bigorre", distance_km=89.9, line=5),
    ]  # fmt: skip
    assert recs[3:9] == [
        result("7", "Demi Vollering", "SD Worx", 1, 7, **femmes),
        result("7", "Annemiek van Vleuten", "Movistar Team", 2, 7, **femmes),
        result("7", "Katarzyna Niewiadoma", "Canyon//SRAM Racing", 3, 7, **femmes),
        result("7", "Évita Muzic", "FDJ-SUEZ", 5, 9, **femmes),
        result("7", "Cecilie Uttrup Ludwig", "FDJ-SUEZ", 12, 9, **femmes),
        result("7", "Grace Brown", "FDJ-SUEZ", 27, 9, **femmes),
    ]
    assert recs[9] == Stage(
        "Tour de France Femmes", 2023, "8", departure="Pau", arrival="Pau", distance_km=22.6,
        kind="itt", line=11,
    )  # fmt: skip
    assert [r.rider for r in recs[10:13]] == ["Marlen Reusser", "Demi Vollering", "Grace Brown"]
    assert recs[13:16] == [
        standing("8", "gc", "Demi Vollering", "SD Worx", 1, 15, **femmes),
        standing("8", "gc", "Lotte Kopecky", "SD Worx", 2, 15, **femmes),
        standing("8", "gc", "Katarzyna Niewiadoma", "Canyon//SRAM Racing", 3, 15, **femmes),
    ]
    assert recs[16:] == [
        Standing("Tour de France Femmes", 2023, "8", "teams", team="SD Worx", position=1,
                 position_text="1", line=17),
        Standing("Tour de France Femmes", 2023, "8", "teams", team="Canyon//SRAM Racing",
                 position=2, position_text="2", line=17),
        Standing("Tour de France Femmes", 2023, "8", "teams", team="Movistar Team", position=3,
                 position_text="3", line=17),
    ]  # fmt: skip


def minimal(stage_line: str, heading: str = "Criterium du Dauphine") -> str:
    """A short report around one stage line."""
    return (
        f" date 2021-06-06 Report.\n\nRace Profile\n\n{heading}\n\n{stage_line}\n\n"
        "Top 3: 1. Mark Padun (Bahrain – Victorious), 2. Jonas Vingegaard (Team Jumbo-Visma), "
        "3. Patrick Konrad (BORA – hansgrohe)\n"
    )


@pytest.mark.parametrize(
    ("line", "label", "departure", "arrival", "km", "kind"),
    [
        ("Stage 10a: Tarbes > Pau (147 km)", "10a", "Tarbes", "Pau", 147.0, None),
        ("Stage 10B: Pau > Pau (ITT, 16,4 km)", "10b", "Pau", "Pau", 16.4, "itt"),
        ("Stage 4: Firminy > Roche-la-Molière (individual time trial, 16.4km)",
         "4", "Firminy", "Roche-la-Molière", 16.4, "itt"),
        ("Stage 4 – ITT: Firminy > Roche-la-Molière (16.4km)",
         "4", "Firminy", "Roche-la-Molière", 16.4, "itt"),
        ("Stage 3: Vejle (TTT, 13km)", "3", "Vejle", "Vejle", 13.0, "ttt"),
        ("Stage 5: Saint-Chamond - Saint-Vallier (175.4km)",
         "5", "Saint-Chamond", "Saint-Vallier", 175.4, None),
        ("Stage 8: La Léchère-Les-Bains > Les Gets (Portes du Soleil)",
         "8", "La Léchère-Les-Bains", "Les Gets (Portes du Soleil)", None, None),
        ("Prologue: Copenhagen (ITT, 13.2km)", "0", "Copenhagen", "Copenhagen", 13.2, "prologue"),
    ],
)  # fmt: skip
def test_stage_line_forms(tmp_path, line, label, departure, arrival, km, kind):
    path = write(tmp_path, minimal(line))
    assert records(path, Stage) == [
        Stage(DAUPHINE, 2021, label, departure=departure, arrival=arrival, distance_km=km,
              kind=kind, line=7),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("heading", "race"),
    [
        ("Vuelta a Espana", Race("Vuelta a España", country="ESP")),
        ("Volta Ciclista a Catalunya", Race("Volta a Catalunya", country="ESP")),
        ("Paris-Nice", Race("Paris-Nice", country="FRA")),
        ("Tirreno-Adriatico", Race("Tirreno-Adriatico", country="ITA")),
        ("Tour de Suisse", Race("Tour de Suisse", country="CHE")),
        ("Itzulia Basque Country", Race("Itzulia Basque Country", country="ESP")),
        ("Giro d’Italia (2.UWT)", Race("Giro d'Italia", country="ITA")),
        ("Critérium du Dauphiné Libéré", Race(DAUPHINE, country="FRA")),
        ("Women's Tour", Race("Women's Tour", gender="women")),
    ],
)
def test_race_names(tmp_path, heading, race):
    path = write(tmp_path, minimal("Stage 1: A > B (100km)", heading))
    assert records(path, Race) == [replace(race, line=5)]
    assert records(path, Edition) == [Edition(race.name, 2021, line=5)]
    assert {r.race for r in records(path, StageResult)} == {race.name}


def test_unknown_race_has_no_race_record(tmp_path):
    # its gender would be a guess, and the writer takes gender from a Race record
    path = write(tmp_path, minimal("Stage 1: A > B (100km)", "Tour of Britain"))
    assert records(path, Race) == []
    assert records(path, Edition) == [Edition("Tour of Britain", 2021, line=5)]
    assert {r.race for r in records(path, StageResult)} == {"Tour of Britain"}


@pytest.mark.parametrize(
    ("line", "kind", "team"),
    [
        ("Top 3 on GC: 1. Mark Padun (Bahrain – Victorious)", "gc", "Bahrain – Victorious"),
        ("GC top 3: 1. Mark Padun (Bahrain – Victorious)", "gc", "Bahrain – Victorious"),
        ("Top 3 on General Classification: 1. Mark Padun (X)", "gc", "X"),
        ("Top 3 on points: 1. Mark Padun (X)", "points", "X"),
        ("Top 3 in the points classification: 1. Mark Padun (X)", "points", "X"),
        ("Top 3 on mountains: 1. Mark Padun (X)", "mountains", "X"),
        ("Top 3 KOM: 1. Mark Padun (X)", "mountains", "X"),
        ("Top 3 youth: 1. Mark Padun (X)", "youth", "X"),
        ("Top 3 young riders: 1. Mark Padun (X)", "youth", "X"),
        ("Bahrain – Victorious’s top 3 on GC: 1. Mark Padun", "gc", "Bahrain – Victorious"),
    ],
)
def test_classification_lines(tmp_path, line, kind, team):
    path = write(tmp_path, minimal("Stage 8: A > B (147km)") + f"\n{line}\n")
    assert records(path, Standing) == [standing("8", kind, "Mark Padun", team, 1, 11)]
    assert [(w.code, w.line) for w in records(path, Warning)] == [("short_list", 11)]


def test_team_line_alone_gives_team(tmp_path):
    text = minimal("Stage 2: A > B (100km)").replace(
        "3. Patrick Konrad (BORA – hansgrohe)\n",
        "3. Patrick Konrad\n\nBORA – hansgrohe top 3: 3. Patrick Konrad, 20. Emanuel Buchmann\n",
    )
    path = write(tmp_path, text)
    assert records(path, StageResult)[2:] == [
        result("2", "Patrick Konrad", "BORA – hansgrohe", 3, 9),
        result("2", "Emanuel Buchmann", "BORA – hansgrohe", 20, 11),
    ]


def test_second_block_same_stage_merges(tmp_path):
    text = minimal("Stage 8: A > B (147km)") + "\n" + minimal("Stage 8: A > B (147km)")
    path = write(tmp_path, text)
    assert len(records(path, Stage)) == 1
    assert [r.line for r in records(path, StageResult)] == [9, 9, 9]


# --- ties (ex aequo) ---------------------------------------------------------------------


def block(*lines: str, stage: str = "Stage 3: Marseille > Toulouse (424km)") -> str:
    """A report whose block holds `lines` after the stage line; its first one is line 9."""
    return (
        f" date 1904-07-09 Report.\n\nRace Profile\n\nTour de France\n\n{stage}\n\n"
        + "\n\n".join(lines)
        + "\n"
    )


TOUR_1904 = {"race": "Tour de France", "year": 1904}


def test_tie_on_a_top_line_is_read_with_a_warning(tmp_path):
    path = write(tmp_path, block(
        "Top 3: 1. Henri Cornet, 1. Hippolyte Aucouturier, 3. François Beaugendre",
        "Top 3 on GC: 1. Henri Cornet, 1. Hippolyte Aucouturier",
    ))  # fmt: skip
    assert records(path, StageResult) == [
        result("3", "Henri Cornet", None, 1, 9, **TOUR_1904),
        result("3", "Hippolyte Aucouturier", None, 1, 9, **TOUR_1904),
        result("3", "François Beaugendre", None, 3, 9, **TOUR_1904),
    ]
    assert [r.rider for r in records(path, Standing)] == ["Henri Cornet", "Hippolyte Aucouturier"]
    assert records(path, Warning) == [
        Warning("rank 1 of the stage result of stage 3 is shared by Henri Cornet and Hippolyte "
                "Aucouturier (ex aequo)", 9, code="tied_rank"),
        Warning("rank 1 of the GC of stage 3 is shared by Henri Cornet and Hippolyte "
                "Aucouturier (ex aequo)", 11, code="tied_rank"),
        Warning("'Top 3 on GC' lists only 2 entries", 11, code="short_list"),
    ]  # fmt: skip


def test_ties_may_make_a_top_n_line_longer_than_n(tmp_path):
    path = write(tmp_path, block(
        "Top 2: 1. Jean-Baptiste Dortignacq, 1. Hippolyte Aucouturier, 2. Maurice Garin",
        "Top 3 on points: 1. A B (X), 2. C D (Y), 3. E F (Z), 3. G H (Z)",
    ))  # fmt: skip
    assert [(r.rider, r.position) for r in records(path, StageResult)] == [
        ("Jean-Baptiste Dortignacq", 1), ("Hippolyte Aucouturier", 1), ("Maurice Garin", 2),
    ]  # fmt: skip
    assert [(r.rider, r.position) for r in records(path, Standing)] == [
        ("A B", 1), ("C D", 2), ("E F", 3), ("G H", 3),
    ]  # fmt: skip
    assert {w.code for w in records(path, Warning)} == {"tied_rank"}


def test_a_tie_listed_on_the_top_line_may_be_repeated_on_a_team_line(tmp_path):
    path = write(tmp_path, block(
        "Top 3: 1. Emile Georget (PEUGEOT), 1. Louis Trousselier (PEUGEOT), "
        "3. Lucien Petit-Breton (PEUGEOT)",
        "PEUGEOT top 3: 1. Louis Trousselier, 1. Emile Georget, 3. Lucien Petit-Breton",
        "ALCYON top 3: 5. Gustave Garrigou, 5. François Faber",
    ))  # fmt: skip
    assert [(r.rider, r.position, r.line) for r in records(path, StageResult)] == [
        ("Emile Georget", 1, 9), ("Louis Trousselier", 1, 9), ("Lucien Petit-Breton", 3, 9),
        ("Gustave Garrigou", 5, 13), ("François Faber", 5, 13),
    ]  # fmt: skip
    assert [(w.code, w.line) for w in records(path, Warning)] == [
        ("tied_rank", 9), ("tied_rank", 13), ("short_list", 13),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        # a place the Top line names holds what it lists: another rider there is no tie
        (["Top 3: 1. A B (X), 2. C D (Y), 3. E F (Z)", "Q top 3: 2. G H"], 11,
         "one entry per rank was expected (a tie listed on the 'Top 3' line): rank 2 is G H "
         "here but C D at line 9"),
        (["Q top 3: 2. G H", "Top 3: 1. A B (X), 2. C D (Y), 3. E F (Z)"], 11,
         "one entry per rank was expected (a tie listed on the 'Top 3' line): rank 2 is C D "
         "here but G H at line 9"),
        # one rider, two ranks: on one line, on two
        (["Top 3: 1. A B (X), 2. A B (X)"], 9,
         "the same rank for A B was expected, found 2 here but 1 at line 9"),
        (["Top 3: 1. A B (X), 1. C D (Y)", "X top 3: 3. A B"], 11,
         "the same rank for A B was expected, found 3 here but 1 at line 9"),
        (["Top 2: 1. A B (X), 1. C D (Y), 2. E F (Z), 3. G H (Z)"], 9,
         "at most 2 places were expected for 'top 2' (tied entries share one), found 3 in 4 "
         "entries"),
        (["Top 3: 1. A B (X), 1. C D (Y), 4. E F (Z)"], 9,
         "ranks 1 to 3 were expected for 'Top 3', found 4. E F"),
    ],
)  # fmt: skip
def test_ties_that_are_errors(tmp_path, lines, line, message):
    e = load_error(tmp_path, block(*lines))
    assert (e.line, e.reason) == (line, message)


# --- team places of a team time trial ----------------------------------------------------

TTT = """\
 date 2018-07-09 Team Sky second in the team time trial.

Race Profile

Tour de France

Stage 3: Cholet > Cholet (TTT, 35.5km)

Top 3 (teams): 1. BMC Racing Team, 2. Team Sky, 3. Quick-Step Floors

Team Sky top 3: 2. Chris Froome, 2. Egan Bernal, 2. Geraint Thomas

Top 3 on GC: 1. Greg Van Avermaet (BMC Racing Team), 2. Tejay van Garderen (BMC Racing Team), \
3. Philippe Gilbert (Quick-Step Floors)
"""


def test_team_places_of_a_team_time_trial(tmp_path):
    path = write(tmp_path, TTT)
    tour = {"race": "Tour de France", "year": 2018}
    assert records(path, Stage)[0].kind == "ttt"
    team_rows = [StageResult("Tour de France", 2018, "3", None, team=team, position=rank,
                             position_text=str(rank), line=9)
                 for rank, team in [(1, "BMC Racing Team"), (2, "Team Sky"),
                                    (3, "Quick-Step Floors")]]  # fmt: skip
    assert records(path, StageResult) == [
        *team_rows,
        result("3", "Chris Froome", "Team Sky", 2, 11, **tour),
        result("3", "Egan Bernal", "Team Sky", 2, 11, **tour),
        result("3", "Geraint Thomas", "Team Sky", 2, 11, **tour),
    ]
    assert [s.rider for s in records(path, Standing)] == [
        "Greg Van Avermaet", "Tejay van Garderen", "Philippe Gilbert",
    ]  # fmt: skip
    # riders sharing their team's place are no tie
    assert records(path, Warning) == []


def test_team_places_are_not_the_teams_classification(tmp_path):
    path = write(tmp_path, TTT.replace("Top 3 (teams):", "Top 3 teams:"))
    assert [(s.kind, s.team, s.rider) for s in records(path, Standing)][:3] == [
        ("teams", "BMC Racing Team", None), ("teams", "Team Sky", None),
        ("teams", "Quick-Step Floors", None),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Top 3 (teams) on GC: 1. Team Sky",
         "'Top N (teams):' for the team places of a stage was expected, found 'Top N (teams) on "
         "GC'"),
        ("Team Sky top 3 (teams): 1. Team Sky",
         "'Top N (teams):' for the team places of a stage was expected, found 'Team Sky top N "
         "(teams)'"),
        ("Top 3 (teams): 1. Team Sky (GBR) +0:04",
         "expected entries like '1. Team name', found '1. Team Sky (GBR) +0:04'"),
        ("Top 3 (teams): 1. Team Sky, 1. BMC, 2. Quick-Step, 3. Movistar, 4. Sunweb",
         "at most 3 places were expected for 'top 3' (tied entries share one), found 4 in 5 "
         "entries"),
    ],
)  # fmt: skip
def test_bad_team_places(tmp_path, line, message):
    e = load_error(tmp_path, block(line, stage="Stage 3: Cholet > Cholet (TTT, 35.5km)"))
    assert (e.line, e.reason) == (9, message)


# --- team headings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "team",
    [
        "J.B. LOUVET-HUTCHINSON", "G.S. PHILCO", "U.S POSTAL SERVICE", "B.H.",
        "COFIDIS . CREDIT PAR TELEPHONE", "WEINMANN-LA SUISSE-S.M.M. USTER",
        'CASINO "C\'est votre équipe"', "7-Eleven", "B&B HOTELS - VITAL CONCEPT P / B KTM",
    ],
)  # fmt: skip
def test_team_headings_with_abbreviations_and_punctuation(tmp_path, team):
    path = write(tmp_path, block(
        f"Top 3: 1. Pé Verhaegen ({team}), 2. Nicolas Frantz (ALCYON), 3. A B (C)",
        f"{team} top 3: 1. Pé Verhaegen, 12. Julien Vervaecke",
        f"{team} top 3 on GC: 4. Pé Verhaegen",
    ))  # fmt: skip
    assert [(r.rider, r.team, r.position) for r in records(path, StageResult)] == [
        ("Pé Verhaegen", team, 1), ("Nicolas Frantz", "ALCYON", 2), ("A B", "C", 3),
        ("Julien Vervaecke", team, 12),
    ]  # fmt: skip
    assert [(s.rider, s.team, s.position) for s in records(path, Standing)] == [
        ("Pé Verhaegen", team, 4)
    ]


def test_prose_with_abbreviations_still_ends_the_block(tmp_path):
    # no rank after the colon: a sentence, not a team line
    text = (
        minimal("Stage 8: A > B (147km)")
        + "\nDr. J. Smith, the team doctor, was in the top 3: no.\n"
    )
    path = write(tmp_path, text)
    assert len(records(path, StageResult)) == 3


@pytest.mark.parametrize(
    ("top_line", "heading", "team"),
    [
        # the block names the team "Smith's": its heading is that team
        ("Top 3: 1. Guido Reybroeck (Smith's), 2. A B (C), 3. D E (F)", "Smith's", "Smith's"),
        # named nowhere else: as written
        ("Top 3: 1. Guido Reybroeck, 2. A B (C), 3. D E (F)", "Smith's", "Smith's"),
        # the block names "Smith": the 's is a possessive
        ("Top 3: 1. Guido Reybroeck (Smith), 2. A B (C), 3. D E (F)", "Smith's", "Smith"),
        ("Top 3: 1. Guido Reybroeck (Smith), 2. A B (C), 3. D E (F)", "Smith’s", "Smith"),
    ],
)
def test_team_heading_ending_in_s(tmp_path, top_line, heading, team):
    path = write(tmp_path, block(top_line, f"{heading} top 3: 1. Guido Reybroeck, 8. Frans Brands"))
    rows = records(path, StageResult)
    assert [(r.rider, r.team) for r in rows if r.line == 11] == [("Frans Brands", team)]
    assert next(r.team for r in rows if r.rider == "Guido Reybroeck") == team


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "rider", "team"),
    [
        # the team is the last bracketed group; a name's own brackets come before it
        ("Henri Cornet (Geboren Jardy) (LE GLOBE)", "Henri Cornet (Geboren Jardy)", "LE GLOBE"),
        ("Henri Cornet (Geboren Jardy) ()", "Henri Cornet (Geboren Jardy)", None),
        ("Henri Cornet (Geboren Jardy)", "Henri Cornet", "Geboren Jardy"),
        ("Henri Cornet (Geboren Jardy) (LE GLOBE).", "Henri Cornet (Geboren Jardy)", "LE GLOBE"),
        ("Ian Stannard (Team Sky (GBR))", "Ian Stannard", "Team Sky (GBR)"),
        ("'T Ven Willy In (Dr. Mann - Grundig)", "'T Ven Willy In", "Dr. Mann - Grundig"),
        ("'T Ven Willy In", "'T Ven Willy In", None),
        ("? Pujol (ALCYON)", "? Pujol", "ALCYON"),
        ("Ernest, Dit ''Faber Ernest'' Paul (ISOLES)", "Ernest, Dit ''Faber Ernest'' Paul",
         "ISOLES"),
        ("Gilbert Desmet 2 (Wiel's - Groene Leeuw)", "Gilbert Desmet 2", "Wiel's - Groene Leeuw"),
        ("Mark Padun ( )", "Mark Padun", None),
    ],
)  # fmt: skip
def test_names_on_a_top_line(tmp_path, entry, rider, team):
    path = write(tmp_path, block(f"Top 3: 1. {entry}, 2. A B (C)"))
    assert records(path, StageResult)[0] == result("3", rider, team, 1, 9, **TOUR_1904)


@pytest.mark.parametrize(
    ("entry", "rider"),
    [
        ("Henri Cornet (Geboren Jardy)", "Henri Cornet (Geboren Jardy)"),
        ("'T Ven Willy In", "'T Ven Willy In"),
        ("? Pujol", "? Pujol"),
        ("Gilbert Desmet 2", "Gilbert Desmet 2"),
    ],
)
def test_names_on_a_team_line(tmp_path, entry, rider):
    path = write(tmp_path, block("Top 1: 1. A B (C)", f"LE GLOBE top 3: 12. {entry}"))
    assert records(path, StageResult)[1] == result("3", rider, "LE GLOBE", 12, 11, **TOUR_1904)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        # brackets that do not end an entry of a Top line: the team's must come last
        ("Top 3: 1. Henri Cornet (Geboren Jardy) LE GLOBE",
         "expected entries like '1. Name (Team)', found '1. Henri Cornet (Geboren Jardy) LE "
         "GLOBE'"),
        ("Top 3: 1. Henri Cornet (Geboren (LE GLOBE)",
         "expected entries like '1. Name (Team)', found '1. Henri Cornet (Geboren (LE GLOBE)'"),
        ("Top 3: 1. Henri Cornet) (LE GLOBE)",
         "expected entries like '1. Name (Team)', found '1. Henri Cornet) (LE GLOBE)'"),
        ("Top 3: 1. (LE GLOBE)", "expected entries like '1. Name (Team)', found '1. (LE GLOBE)'"),
        # a comma left out between two entries
        ("Top 3: 1. Mark Padun (Bahrain) 2. Jonas Vingegaard (Jumbo)",
         "expected entries like '1. Name (Team)', found '1. Mark Padun (Bahrain) 2. Jonas "
         "Vingegaard (Jumbo)'"),
        ("LE GLOBE top 3: 7. Henri Cornet 12. Octave Lapize",
         "expected entries like '7. Name', found '7. Henri Cornet 12. Octave Lapize'"),
        ("LE GLOBE top 3: 7. Henri Cornet +1:36",
         "expected entries like '7. Name', found '7. Henri Cornet +1:36'"),
        ("LE GLOBE top 3: 7. Henri Cornet (Geboren Jardy",
         "expected entries like '7. Name', found '7. Henri Cornet (Geboren Jardy'"),
    ],
)  # fmt: skip
def test_bad_names(tmp_path, line, message):
    e = load_error(tmp_path, block(line))
    assert (e.line, e.reason) == (9, message)


def test_a_name_too_long(tmp_path):
    e = load_error(tmp_path, block("Top 3: 1. A" + " b" * 150 + " (X)"))
    assert (e.line, e.column) == (9, "rider")
    assert e.reason == "a rider name of at most 200 characters was expected, found 301 characters"


# --- bad input ---------------------------------------------------------------------------


def load_error(tmp_path: Path, text: str, newline: str = "\n") -> LoadError:
    path = write(tmp_path, text, newline=newline)
    with pytest.raises(LoadError) as info:
        list(race_profile.read(path))
    assert info.value.path == str(path)
    return info.value


def test_bad_entries(tmp_path):
    text = minimal("Stage 8: A > B (147km)").replace("1. Mark Padun", "Mark Padun")
    e = load_error(tmp_path, text)
    assert e.line == 9
    assert "expected entries like '1. Name (Team)', found 'Mark Padun (Bahrain – Victorious)'" in (
        e.reason
    )
    assert str(e).startswith(f"{tmp_path / 'report.txt'}:9: ")


def test_bad_entries_crlf_line(tmp_path):
    text = minimal("Stage 8: A > B (147km)").replace("2. Jonas", "2) Jonas")
    e = load_error(tmp_path, text, newline="\r\n")
    assert e.line == 9
    assert "found '1. Mark Padun (Bahrain – Victorious), 2) Jonas Vingegaard" in e.reason


def test_empty_entries(tmp_path):
    text = minimal("Stage 8: A > B (147km)") + "\nTop 3 on GC:\n"
    e = load_error(tmp_path, text)
    assert (e.line, e.reason) == (
        11, "expected entries like '1. Name (Team)', found nothing after the colon"
    )  # fmt: skip


def test_times_in_entries_refused(tmp_path):
    text = minimal("Stage 8: A > B (147km)").replace("(Team Jumbo-Visma)", "(Jumbo-Visma) +1:36")
    e = load_error(tmp_path, text)
    assert (e.line, e.reason) == (
        9, "expected entries like '1. Name (Team)', found '2. Jonas Vingegaard (Jumbo-Visma) +1:36'"
    )  # fmt: skip


def test_heading_without_stage_line(tmp_path):
    text = minimal("").replace("\n\n\n\n", "\n\n")
    e = load_error(tmp_path, text)
    assert e.line == 7
    assert e.reason.startswith("a stage line like 'Stage 8: ")
    assert "was expected after the race name (line 5), found 'Top 3: 1. Mark Padun" in e.reason


def test_stage_line_without_results(tmp_path):
    text = " date 2021-06-06 x\n\nRace Profile\n\nParis-Nice\n\nStage 1: A > B (100km)\n"
    e = load_error(tmp_path, text)
    assert e.line == 7
    assert "a results line like 'Top 3: 1. Name (Team), 2. ...' was expected" in e.reason


def test_profile_heading_at_end(tmp_path):
    e = load_error(tmp_path, " date 2021-06-06 x\n\nRace Profile\n\n")
    assert (e.line, e.reason) == (
        3,
        "a race name heading was expected after 'Race Profile' (line 3), found the end of the file",
    )


def test_stage_line_then_next_block(tmp_path):
    text = " date 2021-06-06 x\n\nRace Profile\nParis-Nice\nStage 1: A > B\nRace Profile\n"
    e = load_error(tmp_path, text)
    assert e.line == 6
    assert "expected after the stage line (line 5), found 'Race Profile'" in e.reason


def test_two_profile_lines(tmp_path):
    e = load_error(tmp_path, " date 2021-06-06 x\n\nRace Profile\n\nRace Profile\n")
    assert (e.line, e.reason) == (
        5, "a race name heading was expected after 'Race Profile' (line 3), found 'Race Profile'"
    )  # fmt: skip


def test_no_date(tmp_path):
    text = minimal("Stage 8: A > B (147km)").replace(" date 2021-06-06 Report.", "Report.")
    e = load_error(tmp_path, text)
    assert e.line == 1
    assert e.reason.startswith("a report date was expected")


def test_bad_date(tmp_path):
    text = minimal("Stage 8: A > B (147km)").replace("2021-06-06", "2021-13-06")
    e = load_error(tmp_path, text)
    assert (e.line, e.reason) == (1, "a date like 2021-06-06 was expected, found '2021-13-06'")


def test_ranks_disagree(tmp_path):
    text = minimal("Stage 8: A > B (147km)") + "\nBORA – hansgrohe top 3: 4. Patrick Konrad\n"
    e = load_error(tmp_path, text)
    assert (e.line, e.reason) == (
        11, "the same rank for Patrick Konrad was expected, found 4 here but 3 at line 9"
    )  # fmt: skip


def test_rank_given_twice(tmp_path):
    text = minimal("Stage 8: A > B (147km)") + "\nINEOS Grenadiers top 3: 2. Richie Porte\n"
    e = load_error(tmp_path, text)
    assert e.line == 11
    assert "rank 2 is Richie Porte here but Jonas Vingegaard at line 9" in e.reason


def test_teams_disagree(tmp_path):
    text = minimal("Stage 8: A > B (147km)") + "\nINEOS Grenadiers top 3: 3. Patrick Konrad\n"
    e = load_error(tmp_path, text)
    assert e.line == 11
    assert "found 'INEOS Grenadiers' here but 'BORA – hansgrohe' at line 9" in e.reason


def test_team_line_brackets_are_the_name_s(tmp_path):
    """A team line has no team brackets: '(Ineos)' is part of the name (see the names tests)."""
    text = minimal("Stage 8: A > B (147km)") + "\nAstana top 3: 7. Alexey Lutsenko (Ineos)\n"
    path = write(tmp_path, text)
    assert records(path, StageResult)[3:] == [
        result("8", "Alexey Lutsenko (Ineos)", "Astana", 7, 11)
    ]


def test_too_many_entries(tmp_path):
    text = minimal("Stage 8: A > B (147km)").replace("Top 3:", "Top 2:")
    e = load_error(tmp_path, text)
    assert (e.line, e.reason) == (9, "at most 2 entries were expected for 'top 2', found 3")


def test_ranks_out_of_order(tmp_path):
    text = minimal("Stage 8: A > B (147km)").replace("2. Jonas", "3. Jonas")
    text = text.replace("3. Patrick", "2. Patrick")
    e = load_error(tmp_path, text)
    assert e.line == 9
    assert "ranks in rising order were expected, found 2. Patrick Konrad after 3" in e.reason


def test_rank_zero(tmp_path):
    text = minimal("Stage 8: A > B (147km)").replace("1. Mark", "0. Mark")
    e = load_error(tmp_path, text)
    assert (e.line, e.reason) == (9, "ranks from 1 were expected, found 0. Mark Padun")


def test_unknown_classification(tmp_path):
    text = minimal("Stage 8: A > B (147km)") + "\nTop 3 on cobbles: 1. Mark Padun (Bahrain)\n"
    e = load_error(tmp_path, text)
    assert e.line == 11
    assert "unknown classification 'on cobbles'" in e.reason


def test_bad_distance(tmp_path):
    e = load_error(tmp_path, minimal("Stage 8: A > B (91 miles)"))
    assert (e.line, e.reason) == (7, "a distance like '(147km)' was expected, found '(91 miles)'")


def test_results_after_the_block_ended(tmp_path):
    text = (
        minimal("Stage 8: A > B (147km)") + "\nPhoto: Getty\n\nTop 3 on GC: 1. Richie Porte (X)\n"
    )
    e = load_error(tmp_path, text)
    assert e.line == 13
    assert "after the block ended at line 11 ('Photo: Getty'" in e.reason


def test_latin1_bytes(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        minimal("Stage 8: A > B (147km)")
        .replace("A >", "Léchère >")
        .encode("latin-1", errors="replace")
    )
    with pytest.raises(LoadError) as info:
        list(race_profile.read(path))
    assert (info.value.path, info.value.line) == (str(path), 7)
    assert info.value.reason.startswith("UTF-8 text was expected")


def test_no_block(tmp_path):
    e = load_error(tmp_path, " date 2021-06-06 Just a story.\n\nNo results here.\n")
    assert (e.line, e.reason) == (None, "a 'Race Profile' block was expected, found none")


# --- detection ---------------------------------------------------------------------------


def detect(path: Path) -> bool:
    return race_profile.detect(path, read_head(path))


def test_detect_seed(seed):
    assert detect(seed)


@pytest.mark.parametrize(
    "text", [TOUR_PROLOGUE, GIRO_ITT, ROMANDIE_SPLIT, FEMMES_TWO_STAGES, minimal("")]
)
def test_detect_fixtures(tmp_path, text):
    assert detect(write(tmp_path, text, name="report.dat", newline="\r\n"))


def test_detect_block_beyond_the_head(tmp_path):
    prose = "A long report paragraph about the race. " * 400
    assert detect(write(tmp_path, f" date 2021-06-06 {prose}\n\n" + TOUR_PROLOGUE))


def test_detect_false_for_prose(tmp_path):
    text = "Race Profile\n\nThe Dauphiné is a week-long race in the Alps.\n\nIt ends on Sunday.\n"
    assert not detect(write(tmp_path, text))
    assert not detect(SHARED / "seed" / "README.md")


def corpus_files() -> list[Path]:
    root = SHARED / "corpus"
    return sorted(p for p in root.rglob("*") if p.suffix in (".csv", ".json"))


def test_corpus_is_there(corpus):
    assert corpus_files() == sorted(p for p in corpus.rglob("*") if p.suffix in (".csv", ".json"))
    assert len(corpus_files()) == 16


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_detect_false_for_corpus(path):
    assert not detect(path)
