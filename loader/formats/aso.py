"""The organiser's (ASO) result exports from LeTourDataSet (letour.fr, letourfemmes.fr).

Three shapes, told apart by their header:

- riders history (`TDF_Riders_History.csv`, `TDFF_Riders_History.csv`): the final
  GC of every edition -> Edition, Entry and final gc Standing rows;
- stages history (`TDF_Stages_History.csv`): one row a stage -> Stage, the winner
  (a StageResult at place 1) and the jersey holders after the stage (Standing
  rows at place 1);
- all rankings (`TDFF_All_Rankings_History.csv`): every ranking after every stage
  -> StageResult rows (riders and teams) and the GC standings hidden under wrong
  labels; the per-checkpoint points and per-stage youth rankings are no standings
  and are reported, not loaded.

Names are upper case, given name first ("TADEJ POGACAR"); the stages file writes
them in title case, still given name first. Times come from `TotalSeconds`
(the `Times` strings are wrong in some years); bonuses `B` are seconds written
`36'`, penalties `P` are `00' 20''`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Protocol

from palmares.errors import LoadError, ParseError
from palmares.names import name_key
from palmares.values import parse_stage_label, parse_time, whole_number

from ..records import (
    Edition,
    Entry,
    Jersey,
    Race,
    Record,
    Stage,
    StageResult,
    Standing,
    Warning,
)
from . import read_head
from ._csv import cell, header_of, iter_rows, open_text

FORMAT = "aso"

MEN = "Tour de France"
WOMEN = "Tour de France Femmes"
GIVEN_FIRST = "given_first"

RIDERS_COLUMNS = (
    "Rank", "Rider", "Rider No.", "Team", "B", "P", "Year", "Distance (km)",
    "ResultType", "TotalSeconds", "GapSeconds",
)  # fmt: skip
RANKINGS_COLUMNS = (
    "Rank", "Rider", "Team", "B", "P", "Stages", "Ranking type", "Points", "Year",
    "Distance (km)", "TotalSeconds", "GapSeconds",
)  # fmt: skip
STAGES_COLUMNS = (
    "Year", "TotalTDFDistance", "Stages", "Start", "End", "Winner of stage",
    "Yellow Jersey", "Green jersey", "Polka-dot jersey", "White jersey",
)  # fmt: skip

# Jersey columns of the stages file -> classification kinds.
JERSEYS = (
    ("Yellow Jersey", "gc"),
    ("Green jersey", "points"),
    ("Polka-dot jersey", "mountains"),
    ("White jersey", "youth"),
)

# at most nine digits a number: int() of thousands of digits raises, SQLite stops at 2**63
_BONUS = re.compile(r"^(\d{1,9})'?$", re.ASCII)
_PENALTY = re.compile(r"^(?:(\d{1,4})h\s*)?(\d{1,6})'\s*(\d{1,6})''$", re.ASCII)
_ASO_TIME = re.compile(r"^\d{1,6}h\s*\d{1,6}'\s*\d{1,6}''$", re.ASCII)
_POINTS_AS_HOURS = re.compile(r"^(\d{1,6})h\s*0+'\s*0+''$", re.ASCII)
_PTS = re.compile(r"^(\d{1,9})\s*PTS$", re.IGNORECASE | re.ASCII)
_STAGE_LABEL = re.compile(r"^(\d{1,3})(?:\.([1-9]))?$", re.ASCII)
_WINNER = re.compile(r"^(?P<name>.+?)\s{2,}\((?P<team>.*)\)$")
_PLACEHOLDER_TEAM = re.compile(r"^tdf \d{4} \*+$", re.IGNORECASE)

# A final GC with fewer rows than this is only a podium or a fragment.
MIN_CLASSIFICATION = 10


class _FieldError(ParseError):
    """A value that does not parse, with the column it came from."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


# ---------------------------------------------------------------- detection


def _shape_of(header: list[str]) -> str | None:
    """'riders', 'rankings', 'stages' or None, from a header row."""
    have = set(header)
    if "Ranking type" in have and have.issuperset(RANKINGS_COLUMNS):
        return "rankings"
    if "Rider No." in have and have.issuperset(RIDERS_COLUMNS):
        return "riders"
    if have.issuperset(STAGES_COLUMNS):
        return "stages"
    return None


def detect(path: Path, head: str) -> bool:
    """True for the LeTourDataSet riders, stages and rankings CSV files."""
    return _shape_of(header_of(head)) is not None


def _race_for(path: Path, shape: str) -> str:
    """The race a file is about: the header is the same for men and women, the name is not."""
    stem = Path(path).name.upper()
    if stem.startswith("TDFF"):
        return WOMEN
    if stem.startswith("TDF"):
        return MEN
    # only the women's Tour was published with every ranking after every stage
    return WOMEN if shape == "rankings" else MEN


def _gender(race: str) -> str:
    return "women" if race == WOMEN else "men"


# ---------------------------------------------------------------- values


def _int(row: dict[str, str], column: str, what: str, *, minimum: int = 0) -> int:
    text = cell(row, column)
    number = whole_number(text)
    if number is None or number < minimum:
        raise _FieldError(column, f"{what} was expected, found {text[:40]!r}")
    return number


def _year(row: dict[str, str]) -> int:
    year = _int(row, "Year", "a year like 2022")
    if not 1868 <= year <= 2100:
        raise _FieldError("Year", f"a year like 2022 was expected, found {year}")
    return year


def _rank(row: dict[str, str]) -> int:
    return _int(row, "Rank", "a rank like 12", minimum=1)


def _seconds(row: dict[str, str], column: str) -> int:
    return _int(row, column, "a whole number of seconds like 96944")


def _distance(row: dict[str, str], column: str) -> float | None:
    text = cell(row, column)
    if not text:
        return None
    try:
        km = float(text)
    except ValueError:
        raise _FieldError(
            column, f"a distance in km like 3328 was expected, found {text!r}"
        ) from None
    return km if km > 0 else None


def _bonus(row: dict[str, str]) -> int | None:
    """`B` is seconds although written like minutes: "36'" -> 36."""
    text = cell(row, "B")
    if not text:
        return None
    m = _BONUS.match(text)
    if not m:
        raise _FieldError("B", f"a bonus in seconds like 36' was expected, found {text!r}")
    return int(m.group(1))


def _penalty(row: dict[str, str]) -> int | None:
    """`P` is minutes and seconds: "00' 20''" -> 20."""
    text = cell(row, "P")
    if not text:
        return None
    m = _PENALTY.match(text)
    if not m:
        raise _FieldError("P", f"a penalty like 00' 20'' was expected, found {text!r}")
    h, mi, s = (int(x or 0) for x in m.groups())
    return h * 3600 + mi * 60 + s


def _name(row: dict[str, str], column: str, what: str = "a rider name") -> str:
    text = " ".join(cell(row, column).split())
    if not text:
        raise _FieldError(column, f"{what} was expected, found an empty value")
    return text


def _team(text: str) -> str | None:
    """The team as named, or None for the early years' placeholders (`TDF 1903 ***`)."""
    text = " ".join(text.split())
    if not text or _PLACEHOLDER_TEAM.match(text):
        return None
    return text


def _stage_label(row: dict[str, str]) -> str:
    """'13' -> '13', '13.1' -> '13a', '13.2' -> '13b'; '0' is the prologue."""
    text = cell(row, "Stages")
    m = _STAGE_LABEL.match(text)
    if not m:
        raise _FieldError("Stages", f"a stage number like 13 or 13.1 was expected, found {text!r}")
    number, part = m.groups()
    return parse_stage_label(number + (chr(ord("a") + int(part) - 1) if part else ""))


# ---------------------------------------------------------------- rank checks


class _Ranks:
    """Collects (rank, value, line) per ranking to report repeated and skipped ranks."""

    def __init__(self) -> None:
        self.groups: dict[tuple, list[tuple[int, int | None, int]]] = defaultdict(list)

    def add(self, key: tuple, rank: int, value: int | None, line: int) -> None:
        """Note one row of the ranking `key`; value: its time or points."""
        self.groups[key].append((rank, value, line))

    def warnings(self, describe) -> Iterator[Warning]:
        """Warnings for every ranking: repeated and skipped ranks (the writer checks times)."""
        for key, rows in self.groups.items():
            rows.sort()
            what = describe(key)
            yield from _repeats(what, rows)
            yield from _gaps(what, rows)


def _repeats(what: str, rows: list[tuple[int, int | None, int]]) -> Iterator[Warning]:
    for prev, cur in zip(rows, rows[1:], strict=False):
        if cur[0] == prev[0]:
            same = "the same" if cur[1] == prev[1] else "a different"
            yield Warning(
                f"{what}: rank {cur[0]} is given twice "
                f"(lines {prev[2]} and {cur[2]}, {same} value)",
                cur[2],
                "Rank",
                "duplicate_rank",
            )


def _gaps(what: str, rows: list[tuple[int, int | None, int]]) -> Iterator[Warning]:
    ranks = {r[0] for r in rows}
    if 1 not in ranks:
        yield Warning(
            f"{what}: no rank 1; the first rank given is {rows[0][0]}",
            rows[0][2],
            "Rank",
            "missing_leader",
        )
    first = min(ranks)
    missing = [r for r in range(first, max(ranks)) if r not in ranks]
    if missing:
        after = next(r for r in rows if r[0] > missing[0])
        shown = ", ".join(map(str, missing[:10])) + (" ..." if len(missing) > 10 else "")
        yield Warning(f"{what}: ranks skipped: {shown}", after[2], "Rank", "rank_gap")


# ---------------------------------------------------------------- riders history


class _RidersHistory:
    """Final GC rows -> Edition, Entry, Standing(stage=None, kind='gc')."""

    def __init__(self, race: str) -> None:
        self.race = race
        self.editions: dict[int, str] = {}  # year -> ResultType
        self.leader: dict[int, int] = {}  # year -> the winner's time
        self.counts: dict[int, tuple[int, int]] = {}  # year -> (ranked rows, first line)
        self.ranks = _Ranks()

    def row(self, line: int, row: dict[str, str]) -> Iterator[Record]:
        """Records of one row."""
        year = _year(row)
        result_type = cell(row, "ResultType")
        if result_type not in ("time", "points", "no-results"):
            raise _FieldError(
                "ResultType",
                f"a result type time, points or no-results was expected, found {result_type!r}",
            )
        if not self.editions:
            yield Race(self.race, gender=_gender(self.race), line=line)
        if year not in self.editions:
            yield from self._edition(line, row, year, result_type)
        if result_type == "no-results":
            return
        rank, rider = _rank(row), _name(row, "Rider")
        bib = _int(row, "Rider No.", "a bib number like 21") if cell(row, "Rider No.") else None
        standing = Standing(
            self.race, year, None, "gc", rider, _team(cell(row, "Team")), GIVEN_FIRST, bib or None,
            position=rank, position_text=str(rank), line=line,
        )  # fmt: skip
        yield self._entry(standing, rider)
        if result_type == "time":
            yield from self._timed(row, standing, rank, line)
        else:
            yield from self._points(row, standing, rank, line)
        count, first = self.counts.get(year, (0, line))
        self.counts[year] = (count + 1, first)

    def _edition(
        self, line: int, row: dict[str, str], year: int, result_type: str
    ) -> Iterator[Record]:
        self.editions[year] = result_type
        yield Edition(self.race, year, distance_km=_distance(row, "Distance (km)"), line=line)
        if result_type == "no-results":
            yield Warning(
                f"{year}: the organiser publishes no times or points for this edition "
                "(ResultType no-results); only the edition is loaded",
                line,
                "ResultType",
                "no_results",
            )

    def _entry(self, standing: Standing, rider: str) -> Entry:
        return Entry(
            self.race, standing.year, rider, GIVEN_FIRST, standing.team, standing.bib,
            line=standing.line,
        )  # fmt: skip

    def _timed(
        self, row: dict[str, str], standing: Standing, rank: int, line: int
    ) -> Iterator[Record]:
        """A timed GC row; the gap is recomputed (GapSeconds is 0 for gaps over ~50 hours).

        rank and line are the standing's position and line, passed as the ints they are.
        """
        year = standing.year
        total, listed_gap = _seconds(row, "TotalSeconds"), _seconds(row, "GapSeconds")
        leader = self.leader.setdefault(year, total - listed_gap)
        gap = total - leader
        if gap < 0:
            yield Warning(
                f"{year} rank {rank}: {standing.rider}'s time {total} s is less than the "
                f"winner's {leader} s; the gap is left unknown",
                line,
                "TotalSeconds",
                "time_before_leader",
            )
        elif gap != listed_gap:
            yield Warning(
                f"{year} rank {rank}: GapSeconds is {listed_gap} but TotalSeconds is {gap} s "
                "behind the winner; the computed gap is used",
                line,
                "GapSeconds",
                "gap_mismatch",
            )
        standing.time_seconds, standing.gap_seconds = total, gap if gap >= 0 else None
        standing.bonus_seconds, standing.penalty_seconds = _bonus(row), _penalty(row)
        self.ranks.add((year,), rank, total, line)
        yield standing

    def _points(
        self, row: dict[str, str], standing: Standing, rank: int, line: int
    ) -> Iterator[Record]:
        """1907-1912 were decided on points, which the export writes as hours: 47h 00' 00''."""
        text = cell(row, "Times")
        m = _POINTS_AS_HOURS.match(text)
        if m:
            standing.points = int(m.group(1))
        elif _ASO_TIME.match(text):
            # 596h 31' 23'' (2^31 milliseconds) stands for riders without points
            yield Warning(
                f"{standing.year} rank {rank}: {text!r} is not a number of points "
                "(a placeholder); the points are left unknown",
                line,
                "Times",
                "points_unknown",
            )
        else:
            raise _FieldError(
                "Times", f"points written as hours like 47h 00' 00'' were expected, found {text!r}"
            )
        self.ranks.add((standing.year,), rank, standing.points, line)
        yield standing

    def finish(self) -> Iterator[Record]:
        """Warnings that need the whole file: ranks, short classifications."""
        yield from self.ranks.warnings(lambda key: f"{self.race} {key[0]} final GC")
        for year, (count, first) in self.counts.items():
            if count < MIN_CLASSIFICATION:
                yield Warning(
                    f"{self.race} {year} final GC has only {count} riders "
                    "(a partial classification)",
                    first,
                    None,
                    "partial_classification",
                )


# ---------------------------------------------------------------- stages history


class _StagesHistory:
    """One row a stage -> Stage, the winner, the jersey holders after the stage."""

    def __init__(self, race: str) -> None:
        self.race = race
        self.editions: set[int] = set()
        # (year, label) -> (line, departure, arrival, winners, jerseys) of its first row
        self.stages: dict[tuple[int, str], tuple[int, str, str, set[str], tuple]] = {}

    def row(self, line: int, row: dict[str, str]) -> Iterator[Record]:
        """Records of one row."""
        year = _year(row)
        if not self.editions:
            yield Race(self.race, gender=_gender(self.race), line=line)
        if year not in self.editions:
            self.editions.add(year)
            yield Edition(
                self.race, year, distance_km=_distance(row, "TotalTDFDistance"), line=line
            )
        label = _stage_label(row)
        departure, arrival = cell(row, "Start"), cell(row, "End")
        if departure.lower() == arrival.lower() == "transfert":
            yield Warning(
                f"{year} stage {label}: a transfer row, not a stage; skipped",
                line,
                "Start",
                "transfer_row",
            )
            return
        winner = cell(row, "Winner of stage")
        jerseys = yield from self._jerseys(line, row, year, label)
        key = (year, label)
        if key in self.stages:
            yield from self._repeat(line, key, departure, arrival, winner, jerseys)
            return
        self.stages[key] = (line, departure, arrival, {winner}, jerseys)
        yield from self._new_stage(line, key, departure, arrival, winner, jerseys)

    def _new_stage(
        self,
        line: int,
        key: tuple[int, str],
        departure: str,
        arrival: str,
        winner: str,
        jerseys: tuple,
    ) -> Iterator[Record]:
        """The stage, its winner and the jersey holders after it."""
        year, label = key
        team_won = bool(winner) and not _WINNER.match(winner)
        kind = "prologue" if label == "0" else ("ttt" if team_won else None)
        yield Stage(
            self.race, year, label, departure=departure or None, arrival=arrival or None,
            kind=kind, line=line,
        )  # fmt: skip
        if winner:
            yield self._winner(line, year, label, winner)
        for kind_, rider in jerseys:
            yield Jersey(self.race, year, label, kind_, rider, GIVEN_FIRST, line)
            if kind_ == "gc":
                # the yellow jersey is always the GC leader; the other jerseys are
                # worn by the next rider when the leader holds a higher one
                yield Standing(
                    self.race, year, label, kind_, rider, name_order=GIVEN_FIRST,
                    position=1, position_text="1", line=line,
                )  # fmt: skip

    def _jerseys(
        self, line: int, row: dict[str, str], year: int, label: str
    ) -> Generator[Warning, None, tuple]:
        """(kind, rider) of the filled jersey columns; `Leader` stands for yellow before 1919."""
        holders = [(kind, " ".join(cell(row, col).split())) for col, kind in JERSEYS]
        leader = " ".join(cell(row, "Leader").split())
        if leader and not holders[0][1]:
            holders[0] = ("gc", leader)
        elif leader and name_key(leader) != name_key(holders[0][1]):
            yield Warning(
                f"{year} stage {label}: Leader {leader!r} is not the yellow jersey "
                f"{holders[0][1]!r}; the yellow jersey is kept",
                line,
                "Leader",
                "leader_mismatch",
            )
        return tuple((kind, rider) for kind, rider in holders if rider)

    def _winner(self, line: int, year: int, label: str, winner: str) -> StageResult:
        m = _WINNER.match(winner)
        if m is None:
            # no "(team)": a team won (a team time trial)
            return StageResult(
                self.race, year, label, None, team=winner, position=1, position_text="1", line=line
            )
        return StageResult(
            self.race, year, label, " ".join(m["name"].split()), GIVEN_FIRST, _team(m["team"]),
            position=1, position_text="1", line=line,
        )  # fmt: skip

    def _repeat(
        self,
        line: int,
        key: tuple[int, str],
        departure: str,
        arrival: str,
        winner: str,
        jerseys: tuple,
    ) -> Iterator[Record]:
        first, dep0, arr0, winners, jerseys0 = self.stages[key]
        year, label = key
        if winner and winner not in winners:
            winners.add(winner)
            yield Warning(
                f"{year} stage {label} is listed again (line {first}) with another winner: "
                "both loaded as winners (a shared win)",
                line,
                "Winner of stage",
                "shared_stage_win",
            )
            yield self._winner(line, year, label, winner)
        if (departure, arrival) != (dep0, arr0) or _keys(jerseys) != _keys(jerseys0):
            yield Warning(
                f"{year} stage {label} is listed again (line {first}) with other route or jersey "
                "holders; the first row is kept",
                line,
                "Stages",
                "duplicate_stage",
            )

    def finish(self) -> Iterator[Record]:
        """Nothing waits for the end of this file."""
        return iter(())


def _keys(jerseys: tuple) -> tuple:
    return tuple((kind, name_key(rider)) for kind, rider in jerseys)


# ---------------------------------------------------------------- all rankings

INDIVIDUAL = "Individual (Stage)"
TEAM = "Team (Stage)"
COMBATIVE = "Combative (Stage)"
POINTS = "Points (Stage)"
CLIMBER = "Climber (Stage)"
YOUTH = "Youth (Stage)"

_NOT_LOADED = {
    POINTS: "points won at each sprint and at the finish of the stage, without the "
    "checkpoint's name: neither a standing nor one result a rider",
    CLIMBER: "points won on each climb of the stage, without the climb's name: neither "
    "a standing nor one result a rider",
    YOUTH: "the stage times of the young riders, the same as their Individual (Stage) "
    "rows: a stage ranking, not the cumulative youth standing",
}


class _AllRankings:
    """Every ranking after every stage -> StageResult rows and GC standings."""

    def __init__(self, race: str) -> None:
        self.race = race
        self.editions: set[int] = set()
        self.stages: set[tuple[int, str]] = set()
        self.ranks = _Ranks()
        self.noted: set[tuple] = set()
        # GC rows by (year, stage, rider) -> (rank, time): two labels repeat the same GC
        self.gc: dict[tuple[int, str, str], tuple[int, int]] = {}
        # GC rows whose time sits in `Points`: gaps need the leader, so they wait for the end
        self.held: dict[tuple[int, str], list[Standing]] = defaultdict(list)

    def row(self, line: int, row: dict[str, str]) -> Iterator[Record]:
        """Records of one row."""
        year, label = _year(row), _stage_label(row)
        yield from self._context(line, row, year, label)
        ranking = cell(row, "Ranking type")
        if ranking == INDIVIDUAL:
            yield self._individual(line, row, year, label)
        elif ranking == TEAM:
            yield self._team(line, row, year, label)
        elif ranking == COMBATIVE:
            yield from self._mislabelled(line, year, label, ranking)
            yield from self._gc(
                line, row, year, label, _seconds(row, "TotalSeconds"), _seconds(row, "GapSeconds")
            )
        elif ranking in (POINTS, CLIMBER, YOUTH):
            yield from self._other(line, row, year, label, ranking)
        else:
            known = ", ".join((INDIVIDUAL, TEAM, POINTS, CLIMBER, YOUTH, COMBATIVE))
            raise _FieldError(
                "Ranking type", f"a ranking type ({known}) was expected, found {ranking!r}"
            )

    def _context(self, line: int, row: dict[str, str], year: int, label: str) -> Iterator[Record]:
        if not self.editions:
            yield Race(self.race, gender=_gender(self.race), line=line)
        if year not in self.editions:
            self.editions.add(year)
            yield Edition(self.race, year, distance_km=_distance(row, "Distance (km)"), line=line)
        if (year, label) not in self.stages:
            self.stages.add((year, label))
            yield Stage(self.race, year, label, line=line)

    def _individual(self, line: int, row: dict[str, str], year: int, label: str) -> StageResult:
        rank, time = _rank(row), _seconds(row, "TotalSeconds")
        self.ranks.add((year, label, INDIVIDUAL), rank, time, line)
        return StageResult(
            self.race, year, label, _name(row, "Rider"), GIVEN_FIRST, _team(cell(row, "Team")),
            position=rank, position_text=str(rank), time_seconds=time,
            gap_seconds=_seconds(row, "GapSeconds"), bonus_seconds=_bonus(row),
            penalty_seconds=_penalty(row), line=line,
        )  # fmt: skip

    def _team(self, line: int, row: dict[str, str], year: int, label: str) -> StageResult:
        """The team ranking of the stage: each team's stage time (its best three riders)."""
        rank, time = _rank(row), _seconds(row, "TotalSeconds")
        self.ranks.add((year, label, TEAM), rank, time, line)
        return StageResult(
            self.race, year, label, None, team=_name(row, "Team", "a team name"),
            position=rank, position_text=str(rank), time_seconds=time,
            gap_seconds=_seconds(row, "GapSeconds"), line=line,
        )  # fmt: skip

    def _gc(
        self, line: int, row: dict[str, str], year: int, label: str, time: int, gap: int | None
    ) -> Iterator[Record]:
        rank, rider = _rank(row), _name(row, "Rider")
        standing = Standing(
            self.race, year, label, "gc", rider, _team(cell(row, "Team")), GIVEN_FIRST,
            position=rank, position_text=str(rank), time_seconds=time, gap_seconds=gap, line=line,
        )  # fmt: skip
        if gap is None:
            self.held[(year, label)].append(standing)
            return
        yield from self._once(standing)

    def _once(self, standing: Standing) -> Iterator[Record]:
        """Yield a GC row unless the same stage's GC was already given under another label."""
        stage, rider, rank, time, line = _gc_values(standing)
        key = (standing.year, stage, rider)
        value = (rank, time)
        if key not in self.gc:
            self.gc[key] = value
            self.ranks.add((standing.year, stage, "gc"), rank, time, line)
            yield standing
        elif self.gc[key] != value:
            yield Warning(
                f"{standing.year} GC after stage {standing.stage}: {standing.rider} is given "
                f"rank {value[0]} and {value[1]} s here but rank {self.gc[key][0]} and "
                f"{self.gc[key][1]} s in another copy of this GC; the first is kept",
                standing.line,
                None,
                "conflicting_gc",
            )

    def _other(
        self, line: int, row: dict[str, str], year: int, label: str, ranking: str
    ) -> Iterator[Record]:
        points = cell(row, "Points")
        if ranking != YOUTH and _ASO_TIME.match(points):
            # a GC (cumulative times) filed under the wrong label, its time in `Points`
            yield from self._mislabelled(line, year, label, ranking)
            yield from self._gc(line, row, year, label, parse_time(points), None)
            return
        if ranking != YOUTH and not _PTS.match(points):
            raise _FieldError("Points", f"points like 2 PTS were expected, found {points!r}")
        if (year, ranking) not in self.noted:
            self.noted.add((year, ranking))
            yield Warning(
                f"{year} {ranking} rows are {_NOT_LOADED[ranking]}; not loaded",
                line,
                "Ranking type",
                "ranking_not_loaded",
            )

    def _mislabelled(self, line: int, year: int, label: str, ranking: str) -> Iterator[Warning]:
        if (year, label, ranking) not in self.noted:
            self.noted.add((year, label, ranking))
            yield Warning(
                f"{year} stage {label}: the {ranking} rows hold the GC after the stage "
                "(cumulative times); loaded as GC standings",
                line,
                "Ranking type",
                "mislabelled_ranking",
            )

    def finish(self) -> Iterator[Record]:
        """The held GC rows (now that their leader is known), then the rank warnings."""
        for rows in self.held.values():
            leader = min(rows, key=lambda s: (s.position, s.time_seconds))
            leader_time = _gc_values(leader)[3]
            for standing in rows:
                gap = _gc_values(standing)[3] - leader_time
                standing.gap_seconds = gap if gap >= 0 else None
                yield from self._once(standing)
        yield from self.ranks.warnings(lambda key: f"{self.race} {key[0]} stage {key[1]} {key[2]}")


def _gc_values(standing: Standing) -> tuple[str, str, int, int, int]:
    """(stage, rider, rank, time, line) of a GC row built by _AllRankings._gc.

    _gc always sets them (a stage label, a rider name, the rank, the time and
    the line); the check only tells mypy so and fails loudly if that changes.
    """
    stage, rider, rank = standing.stage, standing.rider, standing.position
    time, line = standing.time_seconds, standing.line
    if stage is None or rider is None or rank is None or time is None or line is None:
        raise AssertionError(f"an all-rankings GC row lacks a value: {standing!r}")
    return stage, rider, rank, time, line


# ---------------------------------------------------------------- read


class _Reader(Protocol):
    """What read() needs of the three shapes' readers."""

    def row(self, line: int, row: dict[str, str]) -> Iterator[Record]: ...

    def finish(self) -> Iterator[Record]: ...


_SHAPES: dict[str, tuple[Callable[[str], _Reader], tuple[str, ...]]] = {
    "riders": (_RidersHistory, RIDERS_COLUMNS),
    "rankings": (_AllRankings, RANKINGS_COLUMNS),
    "stages": (_StagesHistory, STAGES_COLUMNS),
}


def _shape_or_fail(path: Path) -> str:
    """The file's shape from its header, or a LoadError naming what was found."""
    header = header_of(read_head(path))
    shape = _shape_of(header)
    if shape is None:
        open_text(path).close()  # a UTF-16 file gets its own clear message
        raise LoadError(
            "a LeTourDataSet header was expected (Rank,Rider,Rider No.,... or "
            "Rank,...,Ranking type,... or Year,TotalTDFDistance,Stages,...), found "
            f"{', '.join(header)[:200] or 'an empty file'}",
            str(path),
            1,
        )
    return shape


def read(path: Path) -> Iterator[Record]:
    """Records of one LeTourDataSet CSV file (riders history, stages history or all rankings)."""
    path = Path(path)
    shape = _shape_or_fail(path)
    make, columns = _SHAPES[shape]
    reader = make(_race_for(path, shape))
    for line, row in iter_rows(path, columns, what="a LeTourDataSet CSV file"):
        try:
            yield from reader.row(line, row)
        except ParseError as e:
            raise LoadError(str(e), str(path), line, getattr(e, "column", None)) from None
    yield from reader.finish()
