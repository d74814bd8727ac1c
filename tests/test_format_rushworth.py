"""The rushworth reader against tdf-rushworth/stage_results.csv (Tour de France 1903-2019)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from palmares.errors import LoadError
from palmares.loader.formats import read_head, rushworth
from palmares.loader.records import Edition, Race, Stage, StageResult, Warning

TDF = "Tour de France"
HEADER = (
    "edition,year,stage,rank,time_s,time_hms,elapsed_s,elapsed_hms,rider,bib_number,age,team,points"
)
# The stages whose rows the tests look at, (year, label).
KEPT = {
    (1903, "1"), (1903, "4"), (1907, "2"), (1962, "1"), (1964, "1"), (1980, "1a"),
    (1980, "1b"), (1997, "14"), (2000, "7"), (2004, "0"), (2006, "20"), (2019, "1"),
    (2019, "2"), (2019, "19"),
}  # fmt: skip
# The stages that hold the GC after them, not their result: every team time
# trial the file has, and 1995 stage 16 (neutralised after Casartelli's death).
GC_TABLES = {
    (1954, "4a"), (1957, "3a"), (1968, "3a"), (1970, "3a"), (1973, "2a"), (1976, "5a"),
    (1978, "4"), (1979, "4"), (1979, "8"), (1980, "7a"), (1981, "4"), (1982, "5"),
    (1982, "9a"), (1983, "2"), (1984, "3"), (1985, "3"), (1986, "2"), (1987, "2"),
    (1988, "2"), (1989, "2"), (1990, "2"), (1991, "2"), (1992, "4"), (1993, "4"),
    (1994, "3"), (1995, "3"), (1995, "16"), (2000, "4"), (2001, "5"), (2002, "4"),
    (2003, "4"), (2004, "4"), (2005, "4"), (2009, "4"), (2011, "2"), (2013, "4"),
    (2015, "9"), (2018, "3"), (2019, "2"),
}  # fmt: skip


@pytest.fixture(scope="module")
def corpus() -> Path:
    """The shared corpus of real results files."""
    path = Path(__file__).parent.parent.parent / "shared" / "corpus"
    assert path.is_dir(), f"the corpus is expected at {path}"
    return path


@pytest.fixture(scope="module")
def results_csv(corpus: Path) -> Path:
    return corpus / "tdf-rushworth" / "stage_results.csv"


@dataclass
class Loaded:
    """What one pass over the whole file gives, kept small."""

    counts: Counter = field(default_factory=Counter)
    first: list = field(default_factory=list)  # the first records, in order
    stages: dict = field(default_factory=dict)  # (year, label) -> Stage
    warnings: list = field(default_factory=list)
    rows: dict = field(default_factory=dict)  # (year, label) -> [StageResult] for KEPT
    by_line: dict = field(default_factory=dict)  # line -> StageResult for KEPT
    suspect: Counter = field(default_factory=Counter)  # (year, label) -> suspect rows
    sizes: Counter = field(default_factory=Counter)  # (year, label) -> rows
    out_of_order: list = field(default_factory=list)  # records before their stage/edition


@pytest.fixture(scope="module")
def loaded(results_csv: Path) -> Loaded:
    got = Loaded()
    editions: set[int] = set()
    for record in rushworth.read(results_csv):
        got.counts[type(record).__name__] += 1
        if len(got.first) < 5:
            got.first.append(record)
        if isinstance(record, Edition):
            editions.add(record.year)
        elif isinstance(record, Stage):
            if record.year not in editions:
                got.out_of_order.append(record)
            got.stages[record.year, record.label] = record
        elif isinstance(record, Warning):
            got.warnings.append(record)
        elif isinstance(record, StageResult):
            key = (record.year, record.stage)
            if key not in got.stages:
                got.out_of_order.append(record)
            got.sizes[key] += 1
            got.suspect[key] += record.is_suspect
            if key in KEPT:
                got.rows.setdefault(key, []).append(record)
                got.by_line[record.line] = record
    return got


def result(**values) -> StageResult:
    """A StageResult of the Tour as this reader yields it."""
    return StageResult(race=TDF, name_order="family_first", **values)


def warnings_at(loaded: Loaded, line: int) -> list[Warning]:
    return [w for w in loaded.warnings if w.line == line]


# -- detection -------------------------------------------------------------


def test_detects_the_rushworth_file_and_nothing_else(corpus: Path) -> None:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".csv", ".json"))
    assert len(files) == 16
    found = {p.name for p in files if rushworth.detect(p, read_head(p))}
    assert found == {"stage_results.csv"}


# -- the whole file ----------------------------------------------------------


def test_counts(loaded: Loaded) -> None:
    assert loaded.counts == {
        "Race": 1, "Edition": 106, "Stage": 2244, "StageResult": 255752, "Warning": 677,
    }  # fmt: skip
    assert Counter(w.code for w in loaded.warnings) == {
        "gap_decreases": 344, "absolute_in_gap": 150, "duplicate_stage": 100,
        "gc_not_stage": 39, "duplicate_rider": 26, "duplicate_bib": 13, "rank_code": 4,
        "no_stage_time": 1,
    }  # fmt: skip
    kinds = Counter(s.kind for s in loaded.stages.values())
    assert kinds == {None: 2165, "prologue": 41, "ttt": 38}


def test_race_edition_and_stage_come_before_their_rows(loaded: Loaded) -> None:
    race, edition, stage = loaded.first[:3]
    assert race == Race(TDF, gender="men", is_one_day=False, line=2)
    assert edition == Edition(TDF, 1903, number=1, line=2)
    assert stage == Stage(TDF, 1903, "1", line=2)
    assert loaded.out_of_order == []
    assert loaded.counts["Race"] == 1


# -- chosen rows -------------------------------------------------------------


def test_1903_stage_1_winner_and_second(loaded: Loaded) -> None:
    assert loaded.by_line[2] == result(
        year=1903, stage="1", rider="Garin Maurice", status="finished", position=1,
        position_text="1", time_seconds=63913, gap_seconds=0, points=100, line=2,
    )  # fmt: skip
    assert loaded.by_line[3] == result(
        year=1903, stage="1", rider="Pagie Émile", status="finished", position=2,
        position_text="2", time_seconds=63968, gap_seconds=55, points=70, line=3,
    )  # fmt: skip


def test_prologue_row_with_a_quoted_team(loaded: Loaded) -> None:
    assert loaded.stages[2004, "0"] == Stage(TDF, 2004, "0", kind="prologue", line=196973)
    assert loaded.by_line[197004] == result(
        year=2004, stage="0", rider="O'Grady Stuart", team="Cofidis, le Crédit par Téléphone",
        bib=91, status="finished", position=32, position_text="32", time_seconds=433,
        gap_seconds=23, line=197004,
    )  # fmt: skip


def test_split_stage_and_its_copied_second_half(loaded: Loaded) -> None:
    assert loaded.by_line[114781] == result(
        year=1980, stage="1a", rider="Raas Jan", team="TI Raleigh - Creda", bib=17,
        status="finished", position=1, position_text="1", time_seconds=11979, gap_seconds=0,
        points=100, line=114781,
    )  # fmt: skip
    assert loaded.suspect[1980, "1a"] == 0
    # 1b (a team time trial) repeats 1a row for row in the source
    assert loaded.suspect[1980, "1b"] == loaded.sizes[1980, "1b"] == 130
    (warning,) = warnings_at(loaded, 114911)
    assert warning.code == "duplicate_stage"
    assert "stage 1b of 1980 repeats stage-1a" in warning.message
    assert loaded.stages[1980, "1b"].kind is None


def test_dnf_row(loaded: Loaded) -> None:
    assert loaded.by_line[131] == result(
        year=1903, stage="4", rider="Dartigue Edouard", status="dnf", position=None,
        position_text="DNF", line=131,
    )  # fmt: skip


def test_df_row_of_the_stopped_2019_stage_19(loaded: Loaded) -> None:
    assert loaded.by_line[255288] == result(
        year=2019, stage="19", rider="Bernal Egan", team="Team INEOS", bib=2,
        status="finished", position=None, position_text="DF", time_seconds=9631,
        gap_seconds=0, line=255288,
    )  # fmt: skip
    assert all(r.position is None for r in loaded.rows[2019, "19"])


def test_two_riders_named_desmet_gilbert_keep_their_bibs(loaded: Loaded) -> None:
    desmets = [r for r in loaded.rows[1962, "1"] if r.rider == "Desmet Gilbert"]
    assert desmets == [
        result(
            year=1962, stage="1", rider="Desmet Gilbert", team="Carpano", bib=66,
            status="finished", position=6, position_text="6", time_seconds=23793,
            gap_seconds=0, points=26, line=66840,
        ),
        result(
            year=1962, stage="1", rider="Desmet Gilbert", team="Wiel's - Groene Leeuw", bib=83,
            status="finished", position=51, position_text="51", time_seconds=24284,
            gap_seconds=491, line=66885,
        ),
    ]  # fmt: skip
    assert not any(
        w.code == "duplicate_rider" and w.line in (66840, 66885) for w in loaded.warnings
    )


# -- defects -------------------------------------------------------------------


def test_gc_tables_are_found_and_only_they(loaded: Loaded) -> None:
    stage_at = {s.line: key for key, s in loaded.stages.items()}
    warned = [stage_at[w.line] for w in loaded.warnings if w.code == "gc_not_stage"]
    gc = set(warned)
    assert len(warned) == len(gc) and gc == GC_TABLES
    assert all(loaded.suspect[k] == loaded.sizes[k] for k in gc)
    ttt = {k for k, s in loaded.stages.items() if s.kind == "ttt"}
    assert ttt == GC_TABLES - {(1995, "16")}
    # team time trials known from elsewhere: Brussels 2019, Cholet 2018, Plumelec 2015,
    # Nice 2013, Les Essarts 2011, Montpellier 2009, Tours 2005
    assert {(2019, "2"), (2018, "3"), (2015, "9"), (2013, "4"), (2011, "2")} <= gc
    assert {(2009, "4"), (2005, "4")} <= gc
    # ordinary stages early in a Tour, where the times are about the previous sums
    for key in [(2019, "1"), (2019, "3"), (2014, "2"), (2016, "2"), (1984, "2"), (2017, "2")]:
        assert loaded.suspect[key] == 0, key
        assert loaded.stages[key].kind is None
    # 1995 stage 16 is a GC table with garbled times, so not called a team time trial
    assert loaded.stages[1995, "16"].kind is None


def test_2019_brussels_team_time_trial_holds_the_gc(loaded: Loaded) -> None:
    assert loaded.stages[2019, "2"] == Stage(TDF, 2019, "2", kind="ttt", line=252398)
    assert all(r.is_suspect for r in loaded.rows[2019, "2"])
    assert loaded.by_line[252398] == result(
        year=2019, stage="2", rider="Teunissen Mike", team="Team Jumbo-Visma", bib=87,
        status="finished", position=1, position_text="1", time_seconds=17494, gap_seconds=0,
        is_suspect=True, line=252398,
    )  # fmt: skip
    (warning,) = [w for w in warnings_at(loaded, 252398) if w.code == "gc_not_stage"]
    assert warning.column == "stage"
    assert "4:51:34" in warning.message and "4:22:47" in warning.message
    assert "teammates" in warning.message


def test_cut_down_gc_table_of_1986(loaded: Loaded) -> None:
    assert loaded.sizes[1986, "2"] == 15
    (warning,) = warnings_at(loaded, 133687)
    assert "only 15 riders have a time against up to 210 in the stages before" in warning.message


def test_2006_stage_20_absolute_times_in_the_gap_field(loaded: Loaded) -> None:
    rows = loaded.rows[2006, "20"]
    fixed = [w for w in loaded.warnings if w.code == "absolute_in_gap" and 207456 < w.line < 207600]
    assert len(fixed) == 138
    assert loaded.by_line[207457] == result(
        year=2006, stage="20", rider="McEwen Robbie", team="Davitamon - Lotto", bib=65,
        status="finished", position=2, position_text="2", time_seconds=14212, gap_seconds=0,
        points=70, line=207457,
    )  # fmt: skip
    assert "elapsed_s 7:53:44" in fixed[0].message
    # the last rows are out of order in the source, and still absolute times
    assert loaded.by_line[207590].time_seconds == 14239
    assert [w.code for w in warnings_at(loaded, 207590)] == ["absolute_in_gap", "gap_decreases"]
    assert {r.time_seconds for r in rows if r.position} <= set(range(14212, 14343))
    assert not any(r.is_suspect for r in rows)


def test_tied_winner_with_his_time_in_the_gap_field(loaded: Loaded) -> None:
    assert loaded.by_line[1285] == result(
        year=1907, stage="2", rider="Trousselier Louis", status="finished", position=1,
        position_text="1", time_seconds=49155, gap_seconds=0, points=100, line=1285,
    )  # fmt: skip


def test_unranked_row_with_the_winners_time_has_no_usable_time(loaded: Loaded) -> None:
    assert loaded.by_line[175069] == result(
        year=1997, stage="14", rider="Rue Gerard", team="GAN", bib=96, status="dnq",
        position=None, position_text="NQ", is_suspect=True, line=175069,
    )  # fmt: skip
    assert {w.code for w in warnings_at(loaded, 175069)} == {"absolute_in_gap", "duplicate_rider"}


def test_gap_decreases(loaded: Loaded) -> None:
    (warning,) = warnings_at(loaded, 124040)
    assert warning == Warning(
        "time 3:48:15 is less than the rider above's 4:02:59", 124040, "elapsed_s", "gap_decreases"
    )


def test_rider_listed_twice(loaded: Loaded) -> None:
    first, again = (r for r in loaded.rows[2000, "7"] if r.rider == "Armstrong Lance")
    assert (first.position, first.is_suspect) == (19, False)
    assert (again.position, again.is_suspect) == (20, True)
    (warning,) = warnings_at(loaded, 183910)
    assert warning.code == "duplicate_rider"


def test_bib_given_to_two_riders_is_left_out(loaded: Loaded) -> None:
    pair = [r for r in loaded.rows[1964, "1"] if r.rider in ("Altig Rudi", "de Roo Jo")]
    assert [(r.rider, r.bib) for r in pair] == [("Altig Rudi", None), ("de Roo Jo", None)]
    (warning,) = warnings_at(loaded, 72219)
    assert warning.code == "duplicate_bib"
    assert "bib 2 is given to Altig Rudi and to de Roo Jo in 1964" in warning.message


def test_rank_code_and_zero_winner_time(loaded: Loaded) -> None:
    assert [w.code for w in warnings_at(loaded, 193906)] == ["rank_code"]
    assert [w.code for w in warnings_at(loaded, 90684)] == ["no_stage_time"]


# -- bad input -----------------------------------------------------------------


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "stage_results.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


ROW1 = "1,1903,stage-1,1,63913,17:45:13,63913,17:45:13,Garin Maurice,,32,,100"
ROW2 = "1,1903,stage-1,2,55,0:00:55,63968,17:46:08,Pagie Émile,,32,,70"
ROW3 = "1,1903,stage-2,1,52133,14:28:53,52133,14:28:53,Aucouturier Hippolyte,,26,,100"


def load_error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as info:
        list(rushworth.read(path))
    assert info.value.path == str(path)
    return info.value


@pytest.mark.parametrize(
    ("rows", "line", "column", "message"),
    [
        (
            [ROW1, ROW2.replace(",55,", ",5o,")],
            3,
            "time_s",
            "a whole number was expected, found '5o'",
        ),
        ([ROW1, ROW2.replace(",2,", ",XX,")], 3, "rank", "a status such as finished"),
        ([ROW1, ROW2.replace("stage-1", "etape-1")], 3, "stage", "a stage like stage-1"),
        ([ROW1, ROW2 + ",extra"], 3, None, "13 fields as in the header were expected, found 14"),
        ([ROW1, ROW3, ROW2], 4, "stage", "were expected together"),
        ([ROW1, ROW2.replace(",63968,", ",,")], 3, None, "time_s and elapsed_s"),
        ([ROW1, ROW2.replace("Pagie Émile", "")], 3, "rider", "a rider name was expected"),
        ([ROW1.replace("1,1903", "1,19o3", 1)], 2, "year", "a year such as 1903"),
    ],
)
def test_bad_rows(
    tmp_path: Path, rows: list[str], line: int, column: str | None, message: str
) -> None:
    error = load_error(write(tmp_path, *rows))
    assert (error.line, error.column) == (line, column)
    assert message in error.reason


def test_missing_columns(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, ROW1, header=HEADER.replace("elapsed_s", "elapsed")))
    assert error.line == 1
    assert error.reason.startswith("expected columns elapsed_s in the header, found edition,")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "stage_results.csv"
    path.write_text("", encoding="utf-8")
    error = load_error(path)
    assert (error.line, error.reason) == (1, "a CSV header row was expected, found an empty file")


def test_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "stage_results.csv"
    path.write_bytes(("\n".join([HEADER, ROW1, ROW2]) + "\n").encode("latin-1"))
    error = load_error(path)
    assert error.line == 3
    assert "UTF-8 text was expected" in error.reason


def test_quoted_newline_keeps_the_line_numbers(tmp_path: Path) -> None:
    """A quoted field may hold a line break; the rows after it keep their real lines."""
    quoted = ROW1.replace("Garin Maurice,,32,,", 'Garin Maurice,,32,"La Française\nDiamant",')
    records = list(rushworth.read(write(tmp_path, quoted, ROW2, ROW3)))
    garin, pagie, aucouturier = (r for r in records if isinstance(r, StageResult))
    assert (garin.team, garin.line) == ("La Française\nDiamant", 2)
    assert (pagie.line, aucouturier.line) == (4, 5)
    assert [r.line for r in records if isinstance(r, Stage)] == [2, 5]


def test_elapsed_not_matching_winner_plus_gap_is_kept_and_suspect(tmp_path: Path) -> None:
    records = list(rushworth.read(write(tmp_path, ROW1, ROW2.replace(",63968,", ",63970,"))))
    pagie = records[-1]
    assert (pagie.time_seconds, pagie.gap_seconds, pagie.is_suspect) == (63970, 57, True)
    (warning,) = [r for r in records if isinstance(r, Warning)]
    assert warning == Warning(
        "elapsed_s 17:46:10 was expected to be the winner's time 17:45:13 plus time_s 0:00:55; "
        "elapsed_s kept, row suspect",
        3,
        "elapsed_s",
        "time_mismatch",
    )
