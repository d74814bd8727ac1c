"""The ProCyclingStats table reader, against the Giro d'Italia 2023 tables of the corpus."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from palmares.errors import LoadError
from palmares.loader.formats import pcs_table, read_head
from palmares.loader.records import Edition, Stage, StageResult, Standing, Warning
from palmares.names import parse_name

RACE = "Giro d'Italia"


@pytest.fixture(scope="module")
def corpus() -> Path:
    return Path(__file__).parent.parent.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def stg(corpus: Path) -> list:
    return list(pcs_table.read(corpus / "giro2023-jorgepontas" / "Giro-dItalia-STG-2023.csv"))


@pytest.fixture(scope="module")
def gc(corpus: Path) -> list:
    return list(pcs_table.read(corpus / "giro2023-jorgepontas" / "Giro-dItalia-GC-2023.csv"))


def _of(records: list, kind: type) -> list:
    return [r for r in records if isinstance(r, kind)]


def _times(records: list, kind: type) -> dict[str, dict[str, int]]:
    """stage label -> rider -> absolute time, for the rows with a time."""
    out: dict[str, dict[str, int]] = {}
    for r in _of(records, kind):
        if r.time_seconds is not None:
            out.setdefault(r.stage, {})[r.rider] = r.time_seconds
    return out


# ---------------------------------------------------------------- detection


def test_detects_the_pcs_tables_and_nothing_else(corpus: Path) -> None:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".csv", ".json"))
    assert len(files) == 16
    found = {p.name for p in files if pcs_table.detect(p, read_head(p))}
    assert found == {"Giro-dItalia-STG-2023.csv", "Giro-dItalia-GC-2023.csv"}


def test_detection_goes_by_the_header_not_the_file_name(tmp_path: Path) -> None:
    other = tmp_path / "Giro-dItalia-STG-2023.csv"
    other.write_text("race,year,stage,stage_id,stage_type\n", encoding="utf-8")
    assert not pcs_table.detect(other, read_head(other))
    renamed = tmp_path / "results.csv"
    renamed.write_text(",".join(pcs_table.GC_HEADER) + "\n", encoding="utf-8")
    assert pcs_table.detect(renamed, read_head(renamed))


# ---------------------------------------------------------------- the stage table


def test_stage_table_counts(stg: list) -> None:
    counts = Counter(type(r).__name__ for r in stg)
    assert counts == {"Edition": 1, "Stage": 21, "StageResult": 3039, "Warning": 25}
    assert stg[0] == Edition(RACE, 2023, line=2)
    per_stage = Counter(r.stage for r in _of(stg, StageResult))
    assert per_stage["1"] == 176 and per_stage["21"] == 125 and "13" not in per_stage
    statuses = Counter(r.status for r in _of(stg, StageResult))
    assert statuses == {"finished": 2989, "dns": 35, "dnf": 15}


def test_stage_records(stg: list) -> None:
    stages = {s.label: s for s in _of(stg, Stage)}
    assert list(stages) == [str(n) for n in range(1, 22)]
    assert stages["1"] == Stage(
        RACE, 2023, "1", date="2023-05-06", departure="Fossacesia Marina", arrival="Ortona",
        distance_km=19.6, kind="itt", line=2,
    )  # fmt: skip
    assert stages["7"] == Stage(
        RACE, 2023, "7", date="2023-05-12", departure="Capua",
        arrival="Gran Sasso d'Italia (Campo Imperatore)", distance_km=218.0, kind="road",
        line=1053,
    )  # fmt: skip
    assert stages["13"] == Stage(
        RACE, 2023, "13", date="2023-05-19", departure="Le Châble", arrival="Crans-Montana",
        distance_km=74.6, kind="road", line=2010,
    )  # fmt: skip
    assert [s.label for s in stages.values() if s.kind == "itt"] == ["1", "9", "20"]
    assert stages["10"].date == "2023-05-16"  # after the rest day


def test_stage_winner_row(stg: list) -> None:
    first = _of(stg, StageResult)[0]
    assert first == StageResult(
        race=RACE, year=2023, stage="1", rider="EVENEPOEL Remco", name_order="auto",
        team="Soudal - Quick Step", status="finished", position=1, position_text="1",
        time_seconds=21 * 60 + 18, gap_seconds=0, points=80, line=2,
    )  # fmt: skip


def test_same_time_row_takes_the_gap_of_the_row_above(stg: list) -> None:
    rows = {(r.stage, r.position): r for r in _of(stg, StageResult)}
    # line 7: "6","ROGLIČ Primož","Jumbo-Visma","15",",," under KÜNG at 0:43
    assert rows[("1", 6)] == StageResult(
        race=RACE, year=2023, stage="1", rider="ROGLIČ Primož", name_order="auto",
        team="Jumbo-Visma", status="finished", position=6, position_text="6",
        time_seconds=1278 + 43, gap_seconds=43, points=15, line=7,
    )  # fmt: skip
    # a run of ",," rows all keep the winner's time (stage 5, a bunch sprint)
    assert {rows[("5", n)].time_seconds for n in range(1, 45)} == {4 * 3600 + 30 * 60 + 19}


def test_dnf_row(stg: list) -> None:
    by_line = {r.line: r for r in _of(stg, StageResult)}
    assert by_line[705] == StageResult(
        race=RACE, year=2023, stage="4", rider="LAPEIRA Paul", name_order="auto",
        team="AG2R Citroën Team", status="dnf", position=None, position_text="DNF", line=705,
    )  # fmt: skip


def test_every_time_is_the_winners_plus_the_gap(stg: list, gc: list) -> None:
    for records, kind in ((stg, StageResult), (gc, Standing)):
        rows = _of(records, kind)
        timed = [r for r in rows if r.time_seconds is not None]
        assert all(r.time_seconds == r.gap_seconds + min_time(rows, r.stage) for r in timed)
        assert all(r.status == "finished" for r in timed)
        assert all(r.gap_seconds is None for r in rows if r.time_seconds is None)


def test_hour_long_gap(gc: list) -> None:
    by_line = {r.line: r for r in _of(gc, Standing)}
    # line 2902: 28,ULISSI Diego,1:02:50 behind ROGLIČ's 85:29:02
    assert by_line[2902] == Standing(
        race=RACE, year=2023, stage="21", kind="gc", rider="ULISSI Diego",
        team="UAE Team Emirates", position=28, position_text="28",
        time_seconds=85 * 3600 + 29 * 60 + 2 + 3770, gap_seconds=3770, line=2902,
    )  # fmt: skip


def min_time(rows: list, stage: str) -> int:
    return min(r.time_seconds for r in rows if r.stage == stage and r.time_seconds is not None)


def test_stage_table_warnings(stg: list) -> None:
    warnings = _of(stg, Warning)
    missing = [w for w in warnings if w.code == "missing_results"]
    assert missing == [
        Warning(
            "stage 13: no results in this file (the source has an empty row)",
            2010,
            None,
            "missing_results",
        )
    ]
    decreasing = [w for w in warnings if w.code == "gap_decreases"]
    # the 3 km rule: riders held up by a late crash get the winner's time
    assert len(decreasing) == 24
    assert (
        Warning(
            "stage 5: EVENEPOEL Remco's gap +0:00 is smaller than the previous rider's +4:17",
            862,
            "stage_rank_time",
            "gap_decreases",
        )
        in decreasing
    )
    lines = {r.line: r for r in _of(stg, StageResult)}
    assert {lines[w.line].stage for w in decreasing} == {"5", "21"}
    assert lines[862].time_seconds == 4 * 3600 + 30 * 60 + 19 and lines[862].gap_seconds == 0


def test_rider_names_are_surname_first_upper_case(stg: list, gc: list) -> None:
    riders = {r.rider for r in _of(stg, StageResult) + _of(gc, Standing)}
    assert len(riders) == 176
    assert "GEOGHEGAN HART Tao" in riders and "EVENEPOEL Remco " not in riders
    for rider in riders:
        name = parse_name(rider, "auto")
        upper = [w for w in rider.split(" ") if w.upper() == w]
        assert name.family is not None and name.family.upper() == " ".join(upper), rider
        assert name.given, rider
    assert parse_name("GEOGHEGAN HART Tao", "auto").family == "Geoghegan Hart"


# ---------------------------------------------------------------- the GC table


def test_gc_table_counts_and_warnings(gc: list) -> None:
    counts = Counter(type(r).__name__ for r in gc)
    assert counts == {
        "Edition": 1, "Stage": 21, "Standing": 2861, "StageResult": 136, "Warning": 2,
    }  # fmt: skip
    assert _of(gc, Warning) == [
        Warning(
            "stage 13: these rows are the stage result, not the GC (leader time 2:16:21 is "
            "below the previous GC leader's 49:02:05); read as stage results",
            1970,
            "stage_GC_time",
            "stage_result_in_gc",
        ),
        Warning(
            "stage 16: no GC after the stage in this file (the source has an empty row)",
            2370,
            None,
            "missing_results",
        ),
    ]
    standings = _of(gc, Standing)
    assert {s.stage for s in standings} == {str(n) for n in range(1, 22)} - {"13", "16"}
    assert {s.kind for s in standings} == {"gc"}


def test_gc_rows(gc: list) -> None:
    standings = {(s.stage, s.position): s for s in _of(gc, Standing)}
    assert standings[("1", 1)] == Standing(
        race=RACE, year=2023, stage="1", kind="gc", rider="EVENEPOEL Remco",
        team="Soudal - Quick Step", name_order="auto", position=1, position_text="1",
        time_seconds=1278, gap_seconds=0, line=2,
    )  # fmt: skip
    # line 182: 5,ROGLIČ Primož,",,",Jumbo-Visma under KÜNG at 0:43
    assert standings[("2", 5)] == Standing(
        race=RACE, year=2023, stage="2", kind="gc", rider="ROGLIČ Primož", team="Jumbo-Visma",
        position=5, position_text="5", time_seconds=5 * 3600 + 16 * 60 + 29 + 43,
        gap_seconds=43, line=182,
    )  # fmt: skip
    final = standings[("21", 1)]
    assert (final.rider, final.time_seconds) == ("ROGLIČ Primož", 85 * 3600 + 29 * 60 + 2)


def test_stage_13_result_recovered_from_the_gc_table(gc: list) -> None:
    results = _of(gc, StageResult)
    assert {r.stage for r in results} == {"13"}
    assert results[0] == StageResult(
        race=RACE, year=2023, stage="13", rider="RUBIO Einer Augusto", name_order="auto",
        team="Movistar Team", position=1, position_text="1", time_seconds=2 * 3600 + 16 * 60 + 21,
        gap_seconds=0, line=1970,
    )  # fmt: skip
    assert results[-1].status == "dns" and results[-1].rider == "PEDERSEN Mads"


# ---------------------------------------------------------------- times add up

# A rider's GC time after stage N is the GC time before it plus his stage time,
# minus time bonuses (10/6/4 at the finish, 3/2/1 at a sprint; none in a time
# trial), plus penalties. So d = gc_before + stage_time - gc_after is a bonus.
FINISH, SPRINT = (0, 10, 6, 4), (0, 3, 2, 1)
BONUSES = {f + s for f in FINISH for s in SPRINT}
PENALTIES = {("8", "FRIGO Marco"): -20, ("10", "GAVIRIA Fernando"): -10}


def test_absolute_times_add_up_to_the_published_gc(stg: list, gc: list) -> None:
    stage_times, gc_times = _times(stg, StageResult), _times(gc, Standing)
    kinds = {s.label: s.kind for s in _of(stg, Stage)}
    compared, penalties, nonzero = Counter(), {}, Counter()
    for n in range(1, 22):
        label, before = str(n), str(n - 1)
        if label not in stage_times or label not in gc_times:
            continue
        if n > 1 and before not in gc_times:
            continue
        for rider, after in gc_times[label].items():
            if rider not in stage_times[label] or (n > 1 and rider not in gc_times[before]):
                continue
            d = (gc_times[before][rider] if n > 1 else 0) + stage_times[label][rider] - after
            compared[label] += 1
            if (label, rider) in PENALTIES:
                penalties[(label, rider)] = d
            elif kinds[label] == "itt":
                assert d == 0, (label, rider, d)
            else:
                assert d in BONUSES, (label, rider, d)
                nonzero[label] += d > 0
    assert penalties == PENALTIES
    assert set(compared) == {str(n) for n in (*range(1, 13), 15, 18, 19, 20, 21)}
    assert sum(compared.values()) > 2500
    assert all(nonzero[s] >= 3 for s in ("2", "3", "5", "6", "8", "11", "15", "21"))


def test_recovered_stage_13_adds_up_over_two_stages(stg: list, gc: list) -> None:
    stage_times, gc_times = _times(stg, StageResult), _times(gc, Standing)
    stage_times["13"] = _times(gc, StageResult)["13"]
    two_stages = {a + b for a in BONUSES for b in BONUSES}
    seen = {}
    for rider, after in gc_times["14"].items():
        if rider in gc_times["12"] and rider in stage_times["13"] and rider in stage_times["14"]:
            d = gc_times["12"][rider] + stage_times["13"][rider] + stage_times["14"][rider] - after
            seen[rider] = d
    assert len(seen) == 132
    # found by this check, not in the corpus README: 10 s more for Pronskiy on stage 13 or 14
    odd = {r: d for r, d in seen.items() if d not in two_stages}
    assert odd == {"PRONSKIY Vadim": -10}
    assert seen["RUBIO Einer Augusto"] == 13  # 10 s for the stage win, 3 at a sprint


# ---------------------------------------------------------------- file names


@pytest.mark.parametrize(
    ("name", "race", "year"),
    [
        ("Giro-dItalia-STG-2023.csv", "Giro d'Italia", 2023),
        ("Giro-dItalia-GC-2023.csv", "Giro d'Italia", 2023),
        ("Tour-de-France-GC-2022.csv", "Tour de France", 2022),
        ("La-Vuelta-STG-2021.csv", "Vuelta a España", 2021),
        ("Vuelta-a-Espana-STG-2019.csv", "Vuelta a España", 2019),
        ("Tour-de-Suisse-STG-2023.csv", "Tour de Suisse", 2023),
    ],
)
def test_race_and_year_from_the_file_name(name: str, race: str, year: int) -> None:
    assert pcs_table.race_of(Path(name)) == (race, year)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("Stage 1 (ITT) | Fossacesia Marina - Ortona", ("1", "itt", "Fossacesia Marina", "Ortona")),
        ("Stage 4 (TTT) | Roma - Roma", ("4", "ttt", "Roma", "Roma")),
        ("Prologue | Lausanne - Lausanne", ("0", "prologue", "Lausanne", "Lausanne")),
        ("Stage 10b | Saint-Haon-Le-Vieux  - Pau", ("10b", "road", "Saint-Haon-Le-Vieux", "Pau")),
    ],
)
def test_stage_names(text: str, parsed: tuple) -> None:
    assert pcs_table.parse_stage_name(text) == parsed


# ---------------------------------------------------------------- bad input

STG_HEAD = ",".join(pcs_table.STAGE_HEADER)
ROW1 = "Stage 1 | A - B,06/05,(200k),1,POGAČAR Tadej,UAE,80,4:06:49"


def _write(tmp_path: Path, *rows: str, name: str = "Tour-de-France-STG-2024.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join((STG_HEAD, *rows)) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rows", "line", "column", "message"),
    [
        ((ROW1, "Stage 1 | A - B,06/05,(200k),2,VAN AERT Wout,TVL,50,4:6o:49"), 3,
         "stage_rank_time", "a time like 4:06:49 was expected, found '4:6o:49'"),
        (("Stage 1 | A - B,06/05,(200k),1,POGAČAR Tadej,UAE,80,\",,\"",), 2,
         "stage_rank_time", "absolute time like 4:06:49"),
        ((ROW1, "Stage 1 | A - B,06/05,(200k),X2,VAN AERT Wout,TVL,50,0:10"), 3,
         "stage_rank_name", "a rank like 1 or a status like DNF"),
        ((ROW1, "Stage 1 | A - B,06/05,(200k),2,VAN AERT Wout,TVL,50,-"), 3,
         "stage_rank_time", "a time or a gap was expected for a ranked rider"),
        (("Stage 1 | A - B,32/05,(200k),1,POGAČAR Tadej,UAE,80,4:06:49",), 2,
         "stage_date", "a date like 06/05"),
        (("Stage 1 | A - B,06/05,200 miles,1,POGAČAR Tadej,UAE,80,4:06:49",), 2,
         "stage_length", "a stage length like (19.6k)"),
        (("Etappe eins,06/05,(200k),1,POGAČAR Tadej,UAE,80,4:06:49",), 2,
         "stage_name", "a stage name like"),
        ((ROW1, ROW1.replace("Stage 1 ", "Stage 2 "), ROW1), 4,
         "stage_name", "the rows of each stage together were expected"),
        ((ROW1, "Stage 1 | A - B,06/05,(200k),2,VAN AERT Wout,TVL,many,0:10"), 3,
         "stage_rank_points", "points like 80 was expected, found 'many'"),
        ((ROW1, "Stage 1 | A - B,06/05,(200k),2,VAN AERT Wout,0:10"), 3,
         None, "8 fields as in the header were expected, found 6"),
    ],
)  # fmt: skip
def test_bad_input(
    tmp_path: Path, rows: tuple, line: int, column: str | None, message: str
) -> None:
    path = _write(tmp_path, *rows)
    with pytest.raises(LoadError) as e:
        list(pcs_table.read(path))
    assert (e.value.path, e.value.line, e.value.column) == (str(path), line, column)
    assert message in e.value.reason


def test_bad_file_name(tmp_path: Path) -> None:
    path = _write(tmp_path, ROW1, name="results.csv")
    with pytest.raises(LoadError) as e:
        list(pcs_table.read(path))
    assert e.value.path == str(path)
    assert "a file name like Giro-dItalia-STG-2023.csv" in str(e.value)


def test_duplicate_rank_and_decreasing_gap_warn(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        ROW1,
        "Stage 1 | A - B,06/05,(200k),2,VAN AERT Wout,TVL,50,0:10",
        "Stage 1 | A - B,06/05,(200k),2,DE LIE Arnaud,LTD,30,0:05",
        "Stage 1 | A - B,06/05,(200k),DSQ,VAN DER POEL Mathieu,ADC,,-",
    )
    records = list(pcs_table.read(path))
    assert _of(records, Warning) == [
        Warning("stage 1: rank 2 appears twice (DE LIE Arnaud)", 4, "stage_rank_name",
                "duplicate_rank"),
        Warning("stage 1: DE LIE Arnaud's gap +0:05 is smaller than the previous rider's +0:10",
                4, "stage_rank_time", "gap_decreases"),
    ]  # fmt: skip
    results = _of(records, StageResult)
    assert [(r.rider, r.time_seconds, r.gap_seconds) for r in results] == [
        ("POGAČAR Tadej", 14809, 0),
        ("VAN AERT Wout", 14819, 10),
        ("DE LIE Arnaud", 14814, 5),
        ("VAN DER POEL Mathieu", None, None),
    ]
    assert (results[-1].status, results[-1].position, results[-1].position_text) == (
        "dsq", None, "DSQ",
    )  # fmt: skip
    assert parse_name(results[-1].rider, "auto").family == "Van Der Poel"
    assert records[:2] == [
        Edition("Tour de France", 2024, line=2),
        Stage("Tour de France", 2024, "1", date="2024-05-06", departure="A", arrival="B",
              distance_km=200.0, kind="road", line=2),
    ]  # fmt: skip
