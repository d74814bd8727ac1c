"""The stage-list reader, against cyclingdata's stages.csv (11 stage races, 1903-2024)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from palmares.errors import LoadError
from palmares.loader.formats import read_head, stage_list
from palmares.loader.records import Edition, Stage, Warning

DAUPHINE = "Critérium du Dauphiné"
HEADER = (
    "race,year,stage,stage_id,stage_num,stage_type,date,departure,arrival,parcours_type,"
    "distance,vertical_meters"
)


@pytest.fixture(scope="module")
def corpus() -> Path:
    return Path(__file__).parent.parent.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def stages_csv(corpus: Path) -> Path:
    return corpus / "cyclingdata-jenslemb" / "stages.csv"


@pytest.fixture(scope="module")
def records(stages_csv: Path) -> list:
    return list(stage_list.read(stages_csv))


def _stages(records: list) -> list[Stage]:
    return [r for r in records if isinstance(r, Stage)]


def test_detects_the_stage_list_and_nothing_else(corpus: Path) -> None:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".csv", ".json"))
    assert len(files) == 16
    found = {p.name for p in files if stage_list.detect(p, read_head(p))}
    assert found == {"stages.csv"}


def test_counts(records: list) -> None:
    counts = Counter(type(r).__name__ for r in records)
    assert counts == {"Edition": 924, "Stage": 11125, "Warning": 10}
    assert Counter(s.kind for s in _stages(records)) == {
        "road": 9609, "itt": 1053, "prologue": 290, "ttt": 173,
    }  # fmt: skip
    assert {r.race for r in records if isinstance(r, Edition)} == {
        DAUPHINE, "Giro d'Italia", "Itzulia Basque Country", "La Vuelta ciclista a España",
        "Paris-Nice", "Tirreno-Adriatico", "Tour de France", "Tour de Pologne",
        "Tour de Romandie", "Tour de Suisse", "Volta Ciclista a Catalunya",
    }  # fmt: skip


def test_dauphine_2021(records: list) -> None:
    start = records.index(Edition(DAUPHINE, 2021, start_date="2021-05-30",
                                  end_date="2021-06-06", line=7936))  # fmt: skip
    s = [(DAUPHINE, 2021, str(n)) for n in range(1, 9)]
    assert records[start + 1 : start + 10] == [
        Stage(*s[0], date="2021-05-30", departure="Issoire", arrival="Issoire",
              distance_km=181.8, elevation_m=2308, kind="road", line=7936),
        Stage(*s[1], date="2021-05-31", departure="Brioude", arrival="Saugues",
              distance_km=172.8, elevation_m=3224, kind="road", line=7937),
        Stage(*s[2], date="2021-06-01", departure="Langeac", arrival="Saint-Haon-Le-Vieux",
              distance_km=172.2, elevation_m=2096, kind="road", line=7938),
        Stage(*s[3], date="2021-06-02", departure="Firminy", arrival="Roche-La-Molière",
              distance_km=16.4, elevation_m=317, kind="itt", line=7939),
        Stage(*s[4], date="2021-06-03", departure="Saint-Chamond", arrival="Saint-Vallier",
              distance_km=175.4, elevation_m=2209, kind="road", line=7940),
        Stage(*s[5], date="2021-06-04", departure="Loriol-sur-Drome",
              arrival="Le Sappey-en-Chartreuse", distance_km=167.2, elevation_m=2706,
              kind="road", line=7941),
        Stage(*s[6], date="2021-06-05", departure="Saint-Martin-le-Vinoux", arrival="La Plagne",
              distance_km=171.1, elevation_m=4163, kind="road", line=7942),
        Stage(*s[7], date="2021-06-06", departure="La Léchère-Les-Bains", arrival="Les Gets",
              distance_km=147.0, elevation_m=4190, kind="road", line=7943),
        Edition(DAUPHINE, 2022, start_date="2022-06-05", end_date="2022-06-12", line=7944),
    ]  # fmt: skip


def test_each_edition_once_before_its_stages(records: list) -> None:
    current, seen = None, set()
    for r in records:
        if isinstance(r, Edition):
            key = (r.race, r.year)
            assert key not in seen
            seen.add(key)
            current = key
        elif isinstance(r, Stage):
            assert (r.race, r.year) == current
    labels = Counter((s.race, s.year, s.label) for s in _stages(records))
    assert max(labels.values()) == 1


def test_split_stages_and_prologues(records: list) -> None:
    by_line = {s.line: s for s in _stages(records)}
    # stage_num counts rows (5 and 6); stage_id holds the label
    assert by_line[465] == Stage("Tour de France", 1935, "5a", date="1935-07-08",
                                 departure="Belfort", arrival="Geneva", distance_km=262.0,
                                 kind="road", line=465)  # fmt: skip
    assert by_line[466] == Stage("Tour de France", 1935, "5b", date="1935-07-08",
                                 departure="Geneva", arrival="Evian", distance_km=58.0,
                                 kind="itt", line=466)  # fmt: skip
    assert by_line[9648].label == "5b"  # written "5B"
    assert by_line[7131].label == "1a"  # written "1A"
    # the 1988 Tour's "Prelude" has stage_id prologue but stage_type Road race
    assert by_line[1597] == Stage("Tour de France", 1988, "0", date="1988-07-03",
                                  departure="Pornichet", arrival="La Baule", distance_km=1.0,
                                  elevation_m=44, kind="road", line=1597)  # fmt: skip
    prologues = [s for s in _stages(records) if s.kind == "prologue"]
    assert {s.label for s in prologues} == {"0"}
    labels = {s.label for s in _stages(records)}
    assert all(label[-1].isdigit() or label[-1] in "abc" for label in labels)


def test_text_is_clean_and_lines_follow_newlines_in_fields(records: list) -> None:
    by_line = {s.line: s for s in _stages(records)}
    # line 10463 is a stage name with CR LF inside and departure "\r Uster"
    assert by_line[10463] == Stage("Tour de Suisse", 2000, "2", date="2000-06-14",
                                   departure="Uster", arrival="Rheinfelden",
                                   distance_km=by_line[10463].distance_km, kind="road",
                                   line=10463)  # fmt: skip
    # further down, lines still match the file's
    assert by_line[10766].race == "Tirreno-Adriatico" and by_line[10766].year == 1973
    for s in _stages(records):
        for text in (s.departure, s.arrival):
            assert text is None or (text == text.strip() and "  " not in text), s
    assert by_line[2].departure == "Montgeron"  # "Montgeron  - Lyon" in the name
    assert by_line[2].elevation_m is None  # vertical_meters empty


def test_zero_km_is_unknown(records: list) -> None:
    warnings = [r for r in records if isinstance(r, Warning)]
    assert {w.code for w in warnings} == {"zero_km"}
    assert warnings[-1] == Warning(
        "Tirreno-Adriatico 1973: a stage of 0 km read as unknown", 10766, "distance", "zero_km"
    )
    by_line = {s.line: s for s in _stages(records)}
    assert all(by_line[w.line].distance_km is None for w in warnings)
    assert all(s.distance_km is None or s.distance_km > 0 for s in _stages(records))


# ---------------------------------------------------------------- bad input

ROW = '"{race}",2021,"Stage {n} | A - B","{n}",{n},"Road race","2021-06-0{n}","A","B","",150.0,""'


def _row(n: int = 1, race: str = DAUPHINE) -> str:
    return ROW.format(race=race, n=n)


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "stages.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize(
    ("rows", "line", "column", "message"),
    [
        ((_row(1), _row(2).replace('"Road race"', '"Crit"')), 3, "stage_type",
         "a stage type (Road race, ITT, TTT or Prologue) was expected, found 'Crit'"),
        ((_row(1).replace('"1",1', '"1st",1'),), 2, "stage_id",
         "a stage id like 1, 10a or prologue was expected, found '1st'"),
        ((_row(1).replace("2021-06-01", "2021-06-31"),), 2, "date",
         "a date like 2021-06-06 was expected, found '2021-06-31'"),
        ((_row(1).replace("150.0", "150 km"),), 2, "distance",
         "a distance in km like 147.0 was expected"),
        ((_row(1).replace(',""', ',"4190.5"'),), 2, "vertical_meters",
         "a climb in whole metres"),
        ((_row(1).replace(",2021,", ",MMXXI,"),), 2, "year", "a year like 2021 was expected"),
        ((_row(1), _row(2), _row(1)), 4, "stage_id", "found stage 1 of Critérium du Dauphiné"),
        ((_row(1), _row(1, "Paris-Nice"), _row(2)), 4, None,
         "the rows of each edition together were expected"),
        ((_row(1), '"x",2021,"Stage 2 | A - B","2"'), 3, None,
         "12 fields as in the header were expected, found 4"),
    ],
)  # fmt: skip
def test_bad_input(
    tmp_path: Path, rows: tuple, line: int, column: str | None, message: str
) -> None:
    path = _write(tmp_path, *rows)
    with pytest.raises(LoadError) as e:
        list(stage_list.read(path))
    assert (e.value.path, e.value.line, e.value.column) == (str(path), line, column)
    assert message in e.value.reason


def test_error_lines_count_lf_lines_past_a_lone_cr(tmp_path: Path) -> None:
    two_lines = _row(1).replace('"Stage 1 | A - B"', '"Stage 1 |\r\n A\r - B"')
    path = _write(tmp_path, two_lines, _row(2), "broken")
    assert path.read_bytes().count(b"\n") == 5  # header, 2 lines, 1, 1
    with pytest.raises(LoadError) as e:
        list(stage_list.read(path))
    assert (e.value.path, e.value.line) == (str(path), 5)
    stages = _stages(list(stage_list.read(_write(tmp_path, two_lines, _row(2)))))
    assert [(s.label, s.line) for s in stages] == [("1", 2), ("2", 4)]


def test_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "stages.csv"
    path.write_text("race,year,stage,stage_id,date\n", encoding="utf-8")
    with pytest.raises(LoadError) as e:
        list(stage_list.read(path))
    assert (e.value.path, e.value.line) == (str(path), 1)
    assert "expected columns stage_type" in e.value.reason
