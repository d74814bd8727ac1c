"""The pcs_json reader against the procyclingstats scraper files of the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from palmares.errors import LoadError
from palmares.loader.formats import pcs_json, read_head
from palmares.loader.records import (
    Edition,
    Entry,
    Race,
    Stage,
    StageResult,
    Standing,
    Warning,
)
from palmares.names import parse_name

TDF = "Tour de France"


@pytest.fixture(scope="module")
def corpus() -> Path:
    return Path(__file__).parent.parent.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def pcs(corpus: Path) -> Path:
    return corpus / "procyclingstats"


@pytest.fixture(scope="module")
def stage21(pcs: Path) -> list:
    return list(pcs_json.read(pcs / "race_tour-de-france_2022_stage-21.json"))


@pytest.fixture(scope="module")
def ttt(pcs: Path) -> list:
    return list(pcs_json.read(pcs / "race_tour-de-france_2018_stage-3.json"))


def of(records: list, cls: type, **match: object) -> list:
    """The records of one type whose fields equal `match`."""
    return [
        r for r in records if type(r) is cls and all(getattr(r, k) == v for k, v in match.items())
    ]


def one(records: list, cls: type, **match: object) -> object:
    """The single record of one type whose fields equal `match`."""
    found = of(records, cls, **match)
    assert len(found) == 1, found
    return found[0]


# --- stage results -----------------------------------------------------------------------


def test_stage21_head_records(stage21: list) -> None:
    assert stage21[:3] == [
        Race(TDF, is_one_day=False, gender="men", line=1),
        Edition(TDF, 2022, line=1),
        Stage(
            TDF, 2022, "21", date="2022-07-24", departure="Paris La Défense",
            arrival="Paris (Champs-Élysées)", distance_km=115.6, elevation_m=748, kind="road",
            line=1,
        ),
    ]  # fmt: skip


def test_stage21_winner_row(stage21: list) -> None:
    assert one(stage21, StageResult, rider="Philipsen Jasper") == StageResult(
        TDF, 2022, "21", "Philipsen Jasper", name_order="family_first",
        team="Alpecin - Deceuninck", bib=105, nationality="BE", status="finished", position=1,
        position_text="1", time_seconds=2 * 3600 + 58 * 60 + 32, gap_seconds=0,
        bonus_seconds=10, rider_ref="jasper-philipsen", line=4563,
    )  # fmt: skip


def test_stage21_later_rider_has_absolute_time_and_gap(stage21: list) -> None:
    row = one(stage21, StageResult, rider="Vingegaard Jonas")
    # 76th at 2:59:23, 51 seconds behind Philipsen's 2:58:32
    assert (row.position, row.time_seconds, row.gap_seconds) == (76, 10763, 51)


def test_stage21_vingegaard_gc_row(stage21: list) -> None:
    assert one(stage21, Standing, kind="gc", rider="Vingegaard Jonas") == Standing(
        TDF, 2022, "21", "gc", rider="Vingegaard Jonas", team="Jumbo-Visma",
        name_order="family_first", bib=18, nationality="DK", status="finished", position=1,
        position_text="1", time_seconds=79 * 3600 + 33 * 60 + 20, gap_seconds=0,
        bonus_seconds=32, rider_ref="jonas-vingegaard", line=31,
    )  # fmt: skip


def test_stage21_quintana_dsq(stage21: list) -> None:
    gc = one(stage21, Standing, kind="gc", rider="Quintana Nairo")
    assert (gc.status, gc.position, gc.position_text) == ("dsq", None, "DSQ")
    assert gc.time_seconds == 79 * 3600 + 49 * 60 + 53
    stage = one(stage21, StageResult, rider="Quintana Nairo")
    assert (stage.status, stage.position, stage.position_text) == ("dsq", None, "DSQ")
    codes = [(w.line, w.code) for w in of(stage21, Warning) if "Quintana" in w.message]
    assert codes == [(4787, "annulled_rank"), (106, "unranked"), (3210, "unranked"),
                     (2367, "unranked")]  # fmt: skip
    # the riders after him keep their published (renumbered) places
    assert one(stage21, Standing, kind="gc", rider="Bardet Romain").position == 6


def test_stage21_non_starters_have_no_time(stage21: list) -> None:
    dns = of(stage21, StageResult, status="dns")
    assert [r.rider for r in dns] == ["Izagirre Gorka", "Woods Michael", "Boivin Guillaume"]
    assert all(r.time_seconds is None and r.position is None for r in dns)
    assert {r.position_text for r in dns} == {"DNS"}


@pytest.mark.parametrize(
    "name",
    [
        "race_tour-de-france_2022_stage-21.json",
        "race_tour-de-france_2018_stage-19.json",
        "race_tour-de-france_2018_stage-3.json",
        "race_ronde-van-vlaanderen_2022_result.json",
    ],
)
def test_counts_equal_the_file_lists(pcs: Path, name: str) -> None:
    data = json.loads((pcs / name).read_text(encoding="utf-8"))
    records = list(pcs_json.read(pcs / name))
    riders = [r for r in of(records, StageResult) if r.rider is not None]
    assert len(riders) == len(data["results"])
    for key, kind in [("gc", "gc"), ("points", "points"), ("kom", "mountains"),
                      ("youth", "youth"), ("teams", "teams")]:  # fmt: skip
        assert len(of(records, Standing, kind=kind)) == len(data[key]), kind


def test_stage21_gc_times_are_consistent(stage21: list) -> None:
    gc = of(stage21, Standing, kind="gc")
    leader = gc[0].time_seconds
    assert all(r.gap_seconds == r.time_seconds - leader for r in gc)
    ranked = [r.time_seconds for r in gc if r.position is not None]
    assert ranked == sorted(ranked)
    # Quintana's removal renumbered the places after him, Bonnamour's left 65 empty
    positions = [r.position for r in gc if r.position is not None]
    assert positions == [*range(1, 65), *range(66, 135)]
    gaps = [(w.line, w.message) for w in of(stage21, Warning, code="rank_gap")]
    assert gaps[0] == (1021, "Simmons Quinn: rank 66 in gc follows rank 64; the places between "
                             "are missing (a rider removed without renumbering)")  # fmt: skip
    # the published final gaps of the 2022 Tour: Pogačar +2:43, Thomas +7:22
    gaps = {r.rider: r.gap_seconds for r in gc[:3]}
    assert gaps == {"Vingegaard Jonas": 0, "Pogačar Tadej": 163, "Thomas Geraint": 442}


def test_stage21_points_mountains_and_teams(stage21: list) -> None:
    assert one(stage21, Standing, kind="points", position=1).points == 100
    assert one(stage21, Standing, kind="mountains", position=1).rider == "Vingegaard Jonas"
    assert one(stage21, Standing, kind="teams", position=1) == Standing(
        TDF, 2022, "21", "teams", team="INEOS Grenadiers", status="finished", position=1,
        position_text="1", time_seconds=239 * 3600 + 3 * 60 + 3, gap_seconds=0, line=6775,
    )  # fmt: skip
    # ' INEOS Grenadiers' in the source: team names are trimmed
    assert all(r.team == r.team.strip() for r in of(stage21, Standing, kind="teams"))


def test_team_time_trial(ttt: list) -> None:
    stage = one(ttt, Stage)
    assert (stage.label, stage.kind, stage.distance_km) == ("3", "ttt", 35.5)
    teams = [r for r in of(ttt, StageResult) if r.rider is None]
    assert len(teams) == 22
    assert teams[0] == StageResult(
        TDF, 2018, "3", None, team="BMC Racing Team", status="finished", position=1,
        position_text="1", time_seconds=38 * 60 + 46, gap_seconds=0, line=3167,
    )  # fmt: skip
    assert (teams[1].team, teams[1].position, teams[1].gap_seconds) == ("Team Sky", 2, 4)
    riders = [r for r in of(ttt, StageResult) if r.rider is not None]
    assert len(riders) == 174
    # riders share their team's rank ("1" as text in this file) and time
    bmc = [r for r in riders if r.team == "BMC Racing Team"]
    assert len(bmc) == 8
    assert {(r.position, r.time_seconds, r.gap_seconds) for r in bmc} == {(1, 2326, 0)}


def test_team_time_trial_gc_tie_keeps_published_places(ttt: list) -> None:
    first, second = of(ttt, Standing, kind="gc")[:2]
    assert (first.rider, first.position, first.time_seconds, first.gap_seconds) == (
        "Van Avermaet Greg", 1, 32935, 0)  # fmt: skip
    assert (second.rider, second.position, second.time_seconds, second.gap_seconds) == (
        "van Garderen Tejay", 2, 32935, 0)  # fmt: skip


def test_one_day_race(pcs: Path) -> None:
    records = list(pcs_json.read(pcs / "race_ronde-van-vlaanderen_2022_result.json"))
    name = "Ronde van Vlaanderen"
    assert records[:3] == [
        Race(name, is_one_day=True, gender="men", line=1),
        Edition(name, 2022, start_date="2022-04-03", end_date="2022-04-03", distance_km=272.5,
                line=1),
        Stage(name, 2022, "1", date="2022-04-03", departure="Antwerp", arrival="Oudenaarde",
              distance_km=272.5, elevation_m=2289, kind="road", line=1),
    ]  # fmt: skip
    assert records[3] == StageResult(
        name, 2022, "1", "van der Poel Mathieu", name_order="family_first",
        team="Alpecin - Fenix", bib=81, nationality="NL", position=1, position_text="1",
        time_seconds=6 * 3600 + 18 * 60 + 30, gap_seconds=0, bonus_seconds=0,
        rider_ref="mathieu-van-der-poel", line=19,
    )  # fmt: skip
    results = of(records, StageResult)
    assert [len(of(results, StageResult, status=s)) for s in ("finished", "dnf", "dns")] == [
        103, 62, 2]  # fmt: skip
    assert all(r.time_seconds is None for r in results if r.status != "finished")
    assert not of(records, Standing)


def test_team_time_trial_race(pcs: Path) -> None:
    records = list(pcs_json.read(pcs / "race_world-championship-ttt_2017_result.json"))
    assert records[0] == Race("World Championship TTT", is_one_day=True, gender="men", line=1)
    teams = [r for r in of(records, StageResult) if r.rider is None]
    assert [t.position for t in teams] == list(range(1, 18))
    assert (teams[-1].team, teams[-1].gap_seconds) == ("Team Sparebanken Sør", 5 * 60 + 30)
    # 'Sangemini - MG.Kvis  ' in the source
    assert "Sangemini - MG.Kvis" in {t.team for t in teams}
    riders = [r for r in of(records, StageResult) if r.rider is not None]
    assert len(riders) == 102
    assert {(r.bib, r.nationality) for r in riders} == {(None, None)}


# --- editions ----------------------------------------------------------------------------


def test_edition(pcs: Path) -> None:
    records = list(pcs_json.read(pcs / "race_tour-de-france_2022.json"))
    assert records[:2] == [
        Race(TDF, country="FR", is_one_day=False, gender="men", line=1),
        Edition(TDF, 2022, number=109, start_date="2022-07-01", end_date="2022-07-24", line=1),
    ]
    stages = of(records, Stage)
    assert [s.label for s in stages] == [str(n) for n in range(1, 22)]
    assert stages[0] == Stage(
        TDF, 2022, "1", date="2022-07-01", departure="Copenhagen", arrival="Copenhagen",
        kind="itt", line=463,
    )  # fmt: skip
    assert [s.label for s in stages if s.kind == "itt"] == ["1", "20"]
    assert (stages[20].date, stages[20].arrival) == ("2022-07-24", "Paris (Champs-Élysées)")
    winners = of(records, StageResult)
    assert len(winners) == 21
    assert winners[20] == StageResult(
        TDF, 2022, "21", "PHILIPSEN Jasper", name_order="auto", nationality="BE",
        position=1, position_text="1", rider_ref="jasper-philipsen", line=winners[20].line,
    )  # fmt: skip
    assert winners[20].line is not None
    assert sum(w.rider == "POGAČAR Tadej" for w in winners) == 3


def test_cancelled_edition(pcs: Path) -> None:
    records = list(pcs_json.read(pcs / "race_paris-roubaix_2020.json"))
    assert records[:2] == [
        Race("Paris-Roubaix", country="FR", is_one_day=True, gender="men", line=1),
        Edition("Paris-Roubaix", 2020, start_date="2020-10-25", end_date="2020-10-25",
                is_cancelled=True, line=1),
    ]  # fmt: skip
    assert [w.code for w in of(records, Warning)] == ["cancelled"]
    assert not of(records, Stage) and not of(records, StageResult)


def test_numbered_one_day_edition_is_not_cancelled(pcs: Path, tmp_path: Path) -> None:
    data = json.loads((pcs / "race_paris-roubaix_2020.json").read_text(encoding="utf-8"))
    data.update(edition=118, year=2021, startdate="2021-10-03", enddate="2021-10-03")
    path = tmp_path / "race_paris-roubaix_2021.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    records = list(pcs_json.read(path))
    assert one(records, Edition).is_cancelled is False
    assert one(records, Stage) == Stage("Paris-Roubaix", 2021, "1", date="2021-10-03", line=1)


# --- start lists -------------------------------------------------------------------------


def test_start_list(pcs: Path) -> None:
    records = list(pcs_json.read(pcs / "race_tour-de-france_2022_startlist.json"))
    assert records[0] == Edition(TDF, 2022, line=1)
    entries = of(records, Entry)
    assert len(entries) == 176
    assert one(records, Entry, bib=1) == Entry(
        TDF, 2022, "POGAČAR Tadej", name_order="auto", team="UAE Team Emirates", bib=1,
        nationality="SI", rider_ref="tadej-pogacar", line=3,
    )  # fmt: skip
    assert len({e.bib for e in entries}) == 176
    # the UCI class suffix "(WT)"/"(PRT)" is dropped so teams match the results' names
    assert not [e.team for e in entries if "(" in e.team]
    assert one(records, Entry, bib=211).team == "B&B Hotels - KTM"


# --- field types ---------------------------------------------------------------------------


def test_field_types_are_normalised(pcs: Path, tmp_path: Path, stage21: list) -> None:
    data = json.loads((pcs / "race_tour-de-france_2022_stage-21.json").read_text("utf-8"))
    winner = data["results"][0]
    winner.update(rank="1", bonus=10, rider_number="105")
    ion = next(r for r in data["results"] if r["rider_name"] == "Izagirre Ion")
    ion["time"] = "+0:23"  # a gap, as older scraper versions wrote
    data["gc"][0].update(rank="1", bonus=32)
    path = tmp_path / "race_tour-de-france_2022_stage-21.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    records = list(pcs_json.read(path))

    def without_line(r: object) -> tuple:
        return tuple(getattr(r, f) for f in r.__slots__ if f != "line")

    for rider in ("Philipsen Jasper", "Izagirre Ion"):
        assert without_line(one(records, StageResult, rider=rider)) == without_line(
            one(stage21, StageResult, rider=rider)
        )
    assert without_line(one(records, Standing, kind="gc", position=1)) == without_line(
        one(stage21, Standing, kind="gc", position=1)
    )


def test_particle_family_names_split(pcs: Path) -> None:
    records = list(pcs_json.read(pcs / "race_ronde-van-vlaanderen_2022_result.json"))
    records += list(pcs_json.read(pcs / "race_tour-de-france_2022_stage-21.json"))
    records += list(pcs_json.read(pcs / "race_tour-de-france_2018_stage-19.json"))
    split = {
        r.rider: parse_name(r.rider, r.name_order)
        for r in of(records, StageResult)
        if r.rider in ("van der Poel Mathieu", "van Aert Wout", "Van Avermaet Greg")
    }
    assert {k: (p.given, p.family) for k, p in split.items()} == {
        "van der Poel Mathieu": ("Mathieu", "van der Poel"),
        "van Aert Wout": ("Wout", "van Aert"),
        "Van Avermaet Greg": ("Greg", "Van Avermaet"),
    }


# --- detection -------------------------------------------------------------------------------


def test_detects_every_scraper_file(pcs: Path) -> None:
    files = sorted(pcs.glob("*.json"))
    assert len(files) == 8
    assert all(pcs_json.detect(p, read_head(p)) for p in files)


def test_does_not_detect_other_corpus_files(corpus: Path) -> None:
    others = sorted(p for p in corpus.rglob("*.csv"))
    assert len(others) == 8
    assert not [p for p in others if pcs_json.detect(p, read_head(p))]


@pytest.mark.parametrize(
    "text",
    [
        '[{"results": [], "gc": []}]',
        "{ this is not JSON",
        '{"name": "x", "year": 2022}',
        "rank,rider,time\n1,Pogačar Tadej,2:58:32\n",
    ],
)
def test_does_not_detect_bad_input(tmp_path: Path, text: str) -> None:
    path = tmp_path / "input.json"
    path.write_text(text, encoding="utf-8")
    assert not pcs_json.detect(path, read_head(path))


# --- bad input -------------------------------------------------------------------------------


def _load_error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as info:
        list(pcs_json.read(path))
    assert info.value.path == str(path)
    return info.value


def _write_stage(tmp_path: Path, pcs: Path, change) -> Path:
    data = json.loads((pcs / "race_tour-de-france_2022_stage-21.json").read_text("utf-8"))
    change(data)
    path = tmp_path / "race_tour-de-france_2022_stage-21.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "race_tour-de-france_2022_stage-21.json"
    path.write_text('{\n  "results": [\n    {"rank": 1,,}\n  ]\n}\n', encoding="utf-8")
    err = _load_error(path)
    assert err.line == 3
    assert "valid JSON was expected" in str(err)


def test_list_at_top_level(tmp_path: Path) -> None:
    path = tmp_path / "race_tour-de-france_2022_stage-21.json"
    path.write_text('[\n  {"results": []}\n]\n', encoding="utf-8")
    err = _load_error(path)
    assert err.line == 1
    assert "a JSON object" in err.reason and "found a list" in err.reason


def test_results_not_a_list(tmp_path: Path, pcs: Path) -> None:
    path = _write_stage(tmp_path, pcs, lambda d: d.update(results={"rank": 1}))
    err = _load_error(path)
    assert (err.line, err.column) == (1, "results")
    assert "a list of rows under 'results' was expected" in err.reason


def test_time_that_does_not_parse(tmp_path: Path, pcs: Path) -> None:
    path = _write_stage(tmp_path, pcs, lambda d: d["results"][1].update(time="2:5o:32"))
    err = _load_error(path)
    assert err.column == "time"
    assert err.line == _row_line(path, "results", 1)
    assert "a time like 4:06:49 was expected, found '2:5o:32'" in err.reason


def test_rank_that_does_not_parse(tmp_path: Path, pcs: Path) -> None:
    path = _write_stage(tmp_path, pcs, lambda d: d["gc"][2].update(rank="third"))
    err = _load_error(path)
    assert (err.line, err.column) == (_row_line(path, "gc", 2), "rank")


def test_unknown_status(tmp_path: Path, pcs: Path) -> None:
    path = _write_stage(tmp_path, pcs, lambda d: d["results"][0].update(status="ZZZ"))
    err = _load_error(path)
    assert (err.line, err.column) == (_row_line(path, "results", 0), "status")


def test_stage_file_needs_the_naming_convention(tmp_path: Path, pcs: Path) -> None:
    path = tmp_path / "stage.json"
    path.write_bytes((pcs / "race_tour-de-france_2022_stage-21.json").read_bytes())
    err = _load_error(path)
    assert "race_tour-de-france_2022_stage-1.json" in err.reason


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "race_tour-de-france_2022_startlist.json"
    path.write_bytes('{\n  "startlist": [\n    {"rider_name": "Pogačar"}\n  ]\n}'.encode("cp1250"))
    err = _load_error(path)
    assert err.line == 3


def _row_line(path: Path, key: str, index: int) -> int:
    """The line where row `index` of `key` starts in an indent=2 dump (found by scanning)."""
    lines = path.read_text("utf-8").splitlines()
    start = lines.index(f'  "{key}": [')
    rows = [n for n in range(start + 1, len(lines)) if lines[n] == "    {"]
    return rows[index] + 1
