"""The ASO (LeTourDataSet) reader against the real files in ../shared/corpus."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from palmares.errors import LoadError
from palmares.loader.formats import aso, read_head
from palmares.loader.records import (
    Edition,
    Entry,
    Jersey,
    Race,
    Stage,
    StageResult,
    Standing,
    Warning,
)

LETOUR = "letourdataset"
MEN_GC = "TDF_Riders_History.csv"
WOMEN_GC = "TDFF_Riders_History.csv"
STAGES = "TDF_Stages_History.csv"
RANKINGS = "TDFF_All_Rankings_History.csv"

RIDERS_HEADER = (
    "Rank,Rider,Rider No.,Team,Times,Gap,B,P,Year,Distance (km),Number of stages,"
    "ResultType,TotalSeconds,GapSeconds"
)
RANKINGS_HEADER = (
    "Rank,Rider,Team,Times,Gap,B,P,Stages,Ranking type,Points,Checkpoint,Year,"
    "Distance (km),Number of stages,ResultType,TotalSeconds,GapSeconds"
)
STAGES_HEADER = (
    "Year,TotalTDFDistance,Stages,Start,End,Winner of stage,Yellow Jersey,Green jersey,"
    "Polka-dot jersey,White jersey,Leader"
)


@pytest.fixture(scope="module")
def corpus() -> Path:
    """The shared corpus of real results files."""
    path = Path(__file__).parent.parent.parent / "shared" / "corpus"
    assert path.is_dir(), f"the corpus is expected at {path}"
    return path


_CACHE: dict[str, list] = {}


@pytest.fixture(scope="module")
def records(corpus: Path):
    """Records of one letourdataset file, read once per module."""

    def get(name: str) -> list:
        if name not in _CACHE:
            _CACHE[name] = list(aso.read(corpus / LETOUR / name))
        return _CACHE[name]

    return get


def of(recs: list, kind: type) -> list:
    return [r for r in recs if isinstance(r, kind)]


def codes(recs: list) -> Counter:
    return Counter(r.code for r in of(recs, Warning))


def at(recs: list, kind: type, line: int):
    found = [r for r in recs if isinstance(r, kind) and r.line == line]
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- detection


@pytest.mark.parametrize("name", [MEN_GC, WOMEN_GC, STAGES, RANKINGS])
def test_detects_the_four_letour_files(corpus: Path, name: str) -> None:
    path = corpus / LETOUR / name
    assert aso.detect(path, read_head(path))


OTHER_FILES = [
    "giro2023-jorgepontas/Giro-dItalia-STG-2023.csv",
    "giro2023-jorgepontas/Giro-dItalia-GC-2023.csv",
    "tdf-rushworth/stage_results.csv",
    "cyclingdata-jenslemb/stages.csv",
    "procyclingstats/race_tour-de-france_2022_stage-21.json",
    "procyclingstats/race_tour-de-france_2018_stage-3.json",
    "procyclingstats/race_tour-de-france_2022.json",
    "procyclingstats/race_tour-de-france_2022_startlist.json",
    "procyclingstats/race_paris-roubaix_2020.json",
    "README.md",
]


@pytest.mark.parametrize("name", OTHER_FILES)
def test_does_not_detect_other_corpus_files(corpus: Path, name: str) -> None:
    path = corpus / name
    assert not aso.detect(path, read_head(path))


def test_detection_goes_by_header_not_file_name(tmp_path: Path) -> None:
    path = tmp_path / "TDF_Riders_History.csv"
    path.write_text("Rank,Rider,Team\n1,A B,C\n", encoding="utf-8")
    assert not aso.detect(path, read_head(path))
    other = tmp_path / "whatever.csv"
    other.write_text(STAGES_HEADER + "\n", encoding="utf-8")
    assert aso.detect(other, read_head(other))


# ---------------------------------------------------------------- men's final GC


def test_men_gc_counts(records) -> None:
    recs = records(MEN_GC)
    kinds = Counter(type(r).__name__ for r in recs)
    assert kinds["Race"] == 1 and kinds["Edition"] == 113
    # 10,337 rows less the 74 of the three no-results editions
    assert kinds["Entry"] == kinds["Standing"] == 10337 - 74
    standings = of(recs, Standing)
    assert {(s.stage, s.kind) for s in standings} == {(None, "gc")}
    assert of(recs, Race)[0] == Race("Tour de France", gender="men", line=2)


def test_men_gc_first_row(records) -> None:
    recs = records(MEN_GC)
    assert at(recs, Edition, 2) == Edition("Tour de France", 1903, distance_km=2428.0, line=2)
    # the team `TDF 1903 ***` is a placeholder: no team
    assert at(recs, Entry, 2) == Entry(
        "Tour de France", 1903, "MAURICE GARIN", "given_first", None, 1, line=2
    )
    assert at(recs, Standing, 2) == Standing(
        "Tour de France", 1903, None, "gc", "MAURICE GARIN", None, "given_first", 1,
        position=1, position_text="1", time_seconds=340394, gap_seconds=0, line=2,
    )  # fmt: skip


def test_men_gc_bonus_in_seconds_and_penalty(records) -> None:
    recs = records(MEN_GC)
    # 35,LILIAN CALMEJANE,173,DIRECT ENERGIE,...,10',00' 10'',2017,...,316571,5716
    assert at(recs, Standing, 8875) == Standing(
        "Tour de France", 2017, None, "gc", "LILIAN CALMEJANE", "DIRECT ENERGIE", "given_first",
        173, position=35, position_text="35", time_seconds=316571, gap_seconds=5716,
        bonus_seconds=10, penalty_seconds=10, line=8875,
    )  # fmt: skip
    winner = at(recs, Standing, 9153)
    assert (winner.rider, winner.year, winner.bonus_seconds) == ("EGAN BERNAL GOMEZ", 2019, 8)


def test_men_gc_points_years(records) -> None:
    recs = records(MEN_GC)
    # 1907-1912 were decided on points, written as hours: 47h 00' 00''
    assert at(recs, Standing, 76) == Standing(
        "Tour de France", 1907, None, "gc", "LUCIEN MAZAN DIT PETIT-BRETON", None, "given_first",
        12, position=1, position_text="1", points=47, line=76,
    )  # fmt: skip
    points_years = [s for s in of(recs, Standing) if 1907 <= s.year <= 1912]
    assert len(points_years) == 197
    assert all(s.time_seconds is None and s.gap_seconds is None for s in points_years)
    # 596h 31' 23'' is a placeholder, not points
    unknown = [s for s in points_years if s.points is None]
    assert len(unknown) == codes(recs)["points_unknown"] == 13
    assert at(recs, Standing, 189).points is None


def test_men_gc_no_results_years_give_the_edition_only(records) -> None:
    recs = records(MEN_GC)
    years = {1905, 1906, 1908}
    assert years <= {e.year for e in of(recs, Edition)}
    assert not [r for r in recs if isinstance(r, Standing | Entry) and r.year in years]
    warned = [w for w in of(recs, Warning) if w.code == "no_results"]
    assert [w.line for w in warned] == [38, 62, 109]


def test_men_gc_gap_seconds_corrected(records) -> None:
    recs = records(MEN_GC)
    # 20,PIERRE DESVAGES,...,+ 58h 54' 16'',...,552450,0: GapSeconds is 0 for gaps over ~50 h
    row = at(recs, Standing, 21)
    assert (row.time_seconds, row.gap_seconds) == (552450, 552450 - 340394)
    assert at(recs, Warning, 21).code == "gap_mismatch"
    assert codes(recs)["gap_mismatch"] == 29


def test_men_gc_time_before_the_winner(records) -> None:
    recs = records(MEN_GC)
    forest = at(recs, Standing, 4568)
    assert (forest.rider, forest.time_seconds, forest.gap_seconds) == (
        "ROBERT FOREST",
        415661,
        None,
    )
    assert at(recs, Warning, 4568).code == "time_before_leader"


def test_men_gc_repeated_and_skipped_ranks(records) -> None:
    recs = records(MEN_GC)
    warnings = of(recs, Warning)
    repeated = [w for w in warnings if w.code == "duplicate_rank"]
    # (Year, Rank) repeats on 10 rows: 5 pairs
    assert sorted(w.line for w in repeated) == [2046, 2062, 2699, 3400, 4012]
    assert all(w.column == "Rank" for w in repeated)
    skipped = [w for w in warnings if w.code == "rank_gap"]
    assert len(skipped) == 41
    assert any(w.message == "Tour de France 1909 final GC: ranks skipped: 25" for w in skipped)
    # the winner's row was removed in 1999-2005; the gaps still count from him
    missing = [w for w in warnings if w.code == "missing_leader"]
    assert [w.message[15:19] for w in missing] == [str(y) for y in range(1999, 2006)]
    zulle = at(recs, Standing, 6120)
    assert (zulle.position, zulle.gap_seconds) == (2, 457)


def test_men_gc_1966_is_only_the_podium(records) -> None:
    recs = records(MEN_GC)
    rows = [s for s in of(recs, Standing) if s.year == 1966]
    assert [(s.position, s.rider) for s in rows] == [
        (1, "LUCIEN AIMAR"),
        (2, "JAN JANSSEN"),
        (3, "RAYMOND POULIDOR"),
    ]
    warned = [w for w in of(recs, Warning) if w.code == "partial_classification"]
    assert [w.line for w in warned] == [2618]


# ---------------------------------------------------------------- women's final GC


def test_women_gc(records) -> None:
    recs = records(WOMEN_GC)
    assert of(recs, Race) == [Race("Tour de France Femmes", gender="women", line=2)]
    assert Counter(s.year for s in of(recs, Standing)) == {
        2022: 109,
        2023: 123,
        2024: 110,
        2025: 124,
    }
    assert len(of(recs, Entry)) == 466
    assert of(recs, Warning) == []
    # 65,KATHRIN HAMMES,134,EF EDUCATION-TIBCO-SVB,...,03',00' 20'',2022,...,100737,3793
    assert at(recs, Standing, 66) == Standing(
        "Tour de France Femmes", 2022, None, "gc", "KATHRIN HAMMES", "EF EDUCATION-TIBCO-SVB",
        "given_first", 134, position=65, position_text="65", time_seconds=100737,
        gap_seconds=3793, bonus_seconds=3, penalty_seconds=20, line=66,
    )  # fmt: skip
    mixed = at(recs, Standing, 4)
    assert (mixed.rider, mixed.bonus_seconds) == ("KATARZYNA Niewiadoma-Phinney", 6)


# ---------------------------------------------------------------- men's stages


def test_stages_counts(records) -> None:
    recs = records(STAGES)
    kinds = Counter(type(r).__name__ for r in recs)
    assert kinds["Race"] == 1 and kinds["Edition"] == 113
    # 2,434 rows: 2 transfer rows and 5 repeated stages
    assert kinds["Stage"] == 2427
    assert len({(s.year, s.label) for s in of(recs, Stage)}) == 2427
    # 34 stages without a winner (1999-2005 are struck out), 4 shared wins
    assert kinds["StageResult"] == 2427 - 34 + 4
    assert codes(recs) == {"shared_stage_win": 4, "duplicate_stage": 1, "transfer_row": 2}


def test_stages_first_row_and_leader(records) -> None:
    recs = records(STAGES)
    race = "Tour de France"
    assert at(recs, Stage, 2) == Stage(race, 1903, "1", departure="Paris", arrival="Lyon", line=2)
    assert at(recs, StageResult, 2) == StageResult(
        race, 1903, "1", "Maurice Garin", "given_first", None,
        position=1, position_text="1", line=2,
    )  # fmt: skip
    # before the yellow jersey (1919) the `Leader` column holds the GC leader
    assert at(recs, Standing, 2) == Standing(
        race, 1903, "1", "gc", "MAURICE GARIN", name_order="given_first",
        position=1, position_text="1", line=2,
    )  # fmt: skip


def test_stages_split_stages_and_prologue(records) -> None:
    recs = records(STAGES)
    labels_1906 = [s.label for s in of(recs, Stage) if s.year == 1906]
    assert labels_1906[-2:] == ["13a", "13b"]
    assert [s.label for s in of(recs, Stage) if s.year == 1936 and s.label.startswith("19")] == [
        "19a",
        "19b",
        "19c",
    ]
    prologue = at(recs, Stage, 1069)
    assert (prologue.year, prologue.label, prologue.kind) == (1967, "0", "prologue")
    assert at(recs, StageResult, 1069).rider == "José-Maria Errandonea"


def test_stages_jerseys(records) -> None:
    recs = records(STAGES)
    # 2012,3497,1,Liège,Seraing,Peter Sagan  (Liquigas-Cannondale),Fabian Cancellara,
    #   Peter Sagan,Michael Mørkøv,Tejay Van Garderen,
    holders = [(j.kind, j.rider) for j in of(recs, Jersey) if j.line == 2119]
    assert holders == [
        ("gc", "Fabian Cancellara"),
        ("points", "Peter Sagan"),
        ("mountains", "Michael Mørkøv"),
        ("youth", "Tejay Van Garderen"),
    ]
    # only the yellow jersey is a standing: the others are worn, not always led
    # (Cancellara led the points too; Sagan wore green as second)
    leaders = [(s.kind, s.rider, s.position, s.stage) for s in of(recs, Standing) if s.line == 2119]
    assert leaders == [("gc", "Fabian Cancellara", 1, "1")]
    assert at(recs, StageResult, 2119).team == "Liquigas-Cannondale"


def test_stages_team_winner_is_a_team_time_trial(records) -> None:
    recs = records(STAGES)
    # 2026,3333,1,Barcelone,Barcelone,Team Visma | Lease A Bike,...
    assert at(recs, StageResult, 2415) == StageResult(
        "Tour de France", 2026, "1", None, team="Team Visma | Lease A Bike",
        position=1, position_text="1", line=2415,
    )  # fmt: skip
    assert at(recs, Stage, 2415).kind == "ttt"
    assert sum(1 for r in of(recs, StageResult) if r.rider is None) == 51


def test_stages_shared_wins_and_repeats(records) -> None:
    recs = records(STAGES)
    winners = [r.rider for r in of(recs, StageResult) if r.year == 1938 and r.stage == "21"]
    assert winners == ["Antonin Magne", "André Leducq"]
    # 2022 stage 1 is given four times; the first row is the right one
    first = [(j.kind, j.rider) for j in of(recs, Jersey) if j.year == 2022 and j.stage == "1"]
    assert first == [
        ("gc", "Yves Lampaert"),
        ("points", "Wout Van Aert"),
        ("youth", "Tadej Pogacar"),
    ]
    assert at(recs, Warning, 2329).code == "duplicate_stage"
    # a name with a parenthesis, and the placeholder team
    cornet = [r for r in of(recs, StageResult) if r.rider and r.rider.startswith("Henri Cornet")]
    assert [(r.rider, r.team) for r in cornet] == [("Henri Cornet (Geboren Jardy)", None)]


# ---------------------------------------------------------------- women's rankings


def test_rankings_counts(records) -> None:
    recs = records(RANKINGS)
    results = of(recs, StageResult)
    riders = Counter(r.year for r in results if r.rider is not None)
    assert riders == {2022: 1013, 2023: 1110, 2024: 1075}
    assert sum(1 for r in results if r.rider is None) == 530
    assert len(of(recs, Stage)) == 24 and len(of(recs, Edition)) == 3
    # only GC standings: Combative (Stage) and the Climber (Stage) rows holding times
    gc = Counter((s.year, s.stage) for s in of(recs, Standing))
    assert gc == {(2023, "8"): 123, (2024, "2"): 148, (2024, "3"): 147}
    assert {s.kind for s in of(recs, Standing)} == {"gc"}
    assert codes(recs) == {
        "ranking_not_loaded": 9,
        "mislabelled_ranking": 5,
        "duplicate_rank": 1,
        "rank_gap": 1,
    }


def test_rankings_stage_results(records) -> None:
    recs = records(RANKINGS)
    race = "Tour de France Femmes"
    assert at(recs, StageResult, 4) == StageResult(
        race, 2024, "1", "CHARLOTTE KOOL", "given_first", "TEAM DSM-FIRMENICH POSTNL",
        position=1, position_text="1", time_seconds=10060, gap_seconds=0, bonus_seconds=10,
        line=4,
    )  # fmt: skip
    # same time as the winner (gap `-`) and a 20 s penalty
    assert at(recs, StageResult, 6) == StageResult(
        race, 2024, "1", "ELIZABETH DEIGNAN", "given_first", "LIDL - TREK",
        position=100, position_text="100", time_seconds=10060, gap_seconds=0,
        penalty_seconds=20, line=6,
    )  # fmt: skip
    team = next(r for r in of(recs, StageResult) if r.rider is None)
    assert team == StageResult(
        race, 2024, "1", None, team="CERATIZIT - WNT PRO CYCLING TEAM",
        position=1, position_text="1", time_seconds=30180, gap_seconds=0, line=team.line,
    )  # fmt: skip


def test_rankings_mislabelled_gc(records) -> None:
    recs = records(RANKINGS)
    # Climber (Stage) rows with the GC time in `Points`, TotalSeconds 0
    assert at(recs, Standing, 222) == Standing(
        "Tour de France Femmes", 2024, "2", "gc", "CHARLOTTE KOOL", "TEAM DSM-FIRMENICH POSTNL",
        "given_first", position=1, position_text="1", time_seconds=15609, gap_seconds=0,
        line=222,
    )  # fmt: skip
    assert at(recs, Standing, 223).gap_seconds == 20
    # 2023 stage 8 is given as Combative and as Climber: loaded once
    after_8 = [s for s in of(recs, Standing) if s.year == 2023]
    assert len({s.rider for s in after_8}) == len(after_8) == 123


def test_women_gc_is_the_sum_of_stage_times(records) -> None:
    """GC time = sum of stage times - bonuses + penalties, for every rider of 2022-2024."""
    net: dict[tuple[int, str], int] = defaultdict(int)
    for r in of(records(RANKINGS), StageResult):
        if r.rider is not None:
            net[(r.year, r.rider)] += r.time_seconds - (r.bonus_seconds or 0)
            net[(r.year, r.rider)] += r.penalty_seconds or 0
    final = [s for s in of(records(WOMEN_GC), Standing) if s.year in (2022, 2023, 2024)]
    assert Counter(s.year for s in final) == {2022: 109, 2023: 123, 2024: 110}
    wrong = [(s.year, s.rider, s.time_seconds, net.get((s.year, s.rider))) for s in final]
    wrong = [w for w in wrong if w[2] != w[3]]
    assert wrong == []


# ---------------------------------------------------------------- bad input


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_RIDER = "1,MAURICE GARIN,1,TDF 1903 ***,94h 33' 14'',-,,,1903,2428,6,time,340394,0"
GOOD_RANKING = (
    "1,CHARLOTTE KOOL,TEAM DSM,02h 47' 40'',-,10',,1,Individual (Stage),,,2024,946,8,time,10060,0"  # noqa: E501
)
GOOD_STAGE = "1903,2428,1,Paris,Lyon,Maurice Garin  (Tdf 1903 ***),,,,,MAURICE GARIN"


@pytest.mark.parametrize(
    ("name", "text", "line", "column", "expected"),
    [
        (
            "TDF_Riders_History.csv",
            f"{RIDERS_HEADER}\n{GOOD_RIDER}\n{GOOD_RIDER.replace('1,MAURICE', 'x,MAURICE')}\n",
            3,
            "Rank",
            "a rank like 12 was expected, found 'x'",
        ),
        (
            "TDF_Riders_History.csv",
            f"{RIDERS_HEADER}\n{GOOD_RIDER.replace(',340394,', ',34o394,')}\n",
            2,
            "TotalSeconds",
            "a whole number of seconds like 96944 was expected, found '34o394'",
        ),
        (
            "TDF_Riders_History.csv",
            f"{RIDERS_HEADER}\n{GOOD_RIDER.replace(',time,', ',timed,')}\n",
            2,
            "ResultType",
            "a result type time, points or no-results was expected, found 'timed'",
        ),
        (
            "TDFF_Riders_History.csv",
            f"{RIDERS_HEADER}\n{GOOD_RIDER.replace(',-,,,', ',-,1 min,,')}\n",
            2,
            "B",
            "a bonus in seconds like 36' was expected, found '1 min'",
        ),
        (
            "TDFF_All_Rankings_History.csv",
            f"{RANKINGS_HEADER}\n{GOOD_RANKING}\n"
            f"{GOOD_RANKING.replace('Individual (Stage)', 'Sprint (Stage)')}\n",
            3,
            "Ranking type",
            "found 'Sprint (Stage)'",
        ),
        (
            "TDFF_All_Rankings_History.csv",
            f"{RANKINGS_HEADER}\n"
            f"{GOOD_RANKING.replace('Individual (Stage),', 'Climber (Stage),2 PTZ')}\n",
            2,
            "Points",
            "points like 2 PTS were expected, found '2 PTZ'",
        ),
        (
            "TDF_Stages_History.csv",
            f"{STAGES_HEADER}\n{GOOD_STAGE}\n{GOOD_STAGE.replace(',1,Paris', ',2-1,Paris')}\n",
            3,
            "Stages",
            "a stage number like 13 or 13.1 was expected, found '2-1'",
        ),
    ],
)
def test_bad_values_name_file_line_and_column(
    tmp_path: Path, name: str, text: str, line: int, column: str, expected: str
) -> None:
    path = _write(tmp_path, name, text)
    with pytest.raises(LoadError) as err:
        list(aso.read(path))
    assert (err.value.path, err.value.line, err.value.column) == (str(path), line, column)
    assert expected in err.value.reason


def test_bad_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "TDF_Riders_History.csv", "Rank,Rider,Team\n1,A B,C\n")
    with pytest.raises(LoadError) as err:
        list(aso.read(path))
    assert (err.value.path, err.value.line) == (str(path), 1)
    assert "a LeTourDataSet header was expected" in err.value.reason


def test_short_row(tmp_path: Path) -> None:
    path = _write(tmp_path, "TDF_Stages_History.csv", f"{STAGES_HEADER}\n{GOOD_STAGE}\n1903,2428\n")
    with pytest.raises(LoadError) as err:
        list(aso.read(path))
    assert (err.value.path, err.value.line) == (str(path), 3)


def test_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "TDF_Stages_History.csv"
    path.write_bytes(f"{STAGES_HEADER}\n{GOOD_STAGE}\n".replace("Lyon", "Lyonçé").encode("latin-1"))
    with pytest.raises(LoadError) as err:
        list(aso.read(path))
    assert (err.value.path, err.value.line) == (str(path), 2)
    assert "UTF-8" in err.value.reason


def test_race_follows_the_file_name_for_the_shared_header(tmp_path: Path) -> None:
    text = f"{RIDERS_HEADER}\n{GOOD_RIDER}\n"
    women = list(aso.read(_write(tmp_path, "TDFF_2030.csv", text)))
    men = list(aso.read(_write(tmp_path, "gc.csv", text)))
    assert of(women, Race) == [Race("Tour de France Femmes", gender="women", line=2)]
    assert of(men, Race) == [Race("Tour de France", gender="men", line=2)]
