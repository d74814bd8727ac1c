"""ProCyclingStats result tables: a stage-results table or a GC-after-each-stage table.

One row a rider, blocks of rows per stage, as scraped from procyclingstats.com
(see ../shared/corpus, giro2023-jorgepontas). The race and the year are not
columns: they come from the file name, `<Race>-<STG|GC>-<year>.csv`.

Times: the first row of a stage holds the absolute time, every other row a gap
behind it (`0:22`, `1:02:10`), `,,` is "same time as the row above" and `-`
no time (DNF/DNS). The reader turns them into absolute times and gaps.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypedDict, TypeVar

from palmares.errors import LoadError, ParseError
from palmares.names import clean_text
from palmares.values import (
    format_gap,
    format_time,
    is_same_time,
    parse_gap,
    parse_int,
    parse_stage_label,
    parse_status,
    parse_time,
    whole_number,
)

from ..records import Edition, Record, Stage, StageResult, Standing, Warning
from ._csv import cell, header_of, iter_rows, read_header

FORMAT = "pcs_table"
T = TypeVar("T")

STAGE_HEADER = (
    "stage_name", "stage_date", "stage_length", "stage_rank_name", "stage_rank_rider",
    "stage_rank_team", "stage_rank_points", "stage_rank_time",
)  # fmt: skip
GC_HEADER = (
    "stage_name", "stage_date", "stage_length", "stage_GC_rank", "stage_GC_rider",
    "stage_GC_time", "stage_GC_team",
)  # fmt: skip

# File-name race parts (folded to lower case) and the race names they stand for;
# any other `<Race>` part is used with its dashes turned into spaces.
RACE_NAMES = {
    "giro-ditalia": "Giro d'Italia",
    "tour-de-france": "Tour de France",
    "la-vuelta": "Vuelta a España",
    "vuelta-a-espana": "Vuelta a España",
}
_FILE_NAME = re.compile(r"^(?P<race>.+?)[-_](?P<table>STG|GC)[-_](?P<year>\d{4})$", re.I)
_STAGE_NAME = re.compile(
    r"^(?:(?P<prologue>Prologue|Prelude)|Stage\s*(?P<number>[0-9]{1,3})\s*(?P<part>[a-z])?)"
    r"\s*(?:\((?P<kind>ITT|TTT)\))?\s*(?:\|(?P<route>.*))?$",
    re.I | re.S,
)
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})$")
_LENGTH = re.compile(r"^\(?\s*(\d+(?:\.\d+)?)\s*km?\s*\)?$", re.I)


@dataclass(frozen=True, slots=True)
class _Columns:
    """The column names of one table kind."""

    header: tuple[str, ...]
    rank: str
    rider: str
    team: str
    time: str
    points: str | None
    missing: str  # what an empty placeholder row stands for, for the warning


_STAGE_TABLE = _Columns(
    STAGE_HEADER, "stage_rank_name", "stage_rank_rider", "stage_rank_team", "stage_rank_time",
    "stage_rank_points", "results",
)  # fmt: skip
_GC_TABLE = _Columns(
    GC_HEADER,
    "stage_GC_rank",
    "stage_GC_rider",
    "stage_GC_team",
    "stage_GC_time",
    None,
    "GC after the stage",
)


def context(path: Path) -> str:
    """The file name carries the race, year and stage: part of what the file says."""
    return Path(path).name


def detect(path: Path, head: str) -> bool:
    """A header holding the stage-results or the GC columns of a PCS table."""
    header = set(header_of(head))
    return set(STAGE_HEADER) <= header or set(GC_HEADER) <= header


def read(path: Path) -> Iterator[Record]:
    """Edition, Stage, and StageResult (STG) or gc Standing (GC) records of one table."""
    path = Path(path)
    race, year = race_of(path)
    header = set(read_header(path))
    if set(STAGE_HEADER) <= header:
        columns = _STAGE_TABLE
    elif set(GC_HEADER) <= header:
        columns = _GC_TABLE
    else:
        raise LoadError(
            "the columns of a ProCyclingStats stage or GC table were expected "
            f"({', '.join(STAGE_HEADER)}), found {', '.join(sorted(header))}",
            str(path),
            1,
        )
    yield from _TableReader(path, race, year, columns).records()


def race_of(path: Path) -> tuple[str, int]:
    """The race name and year a file name `<Race>-<STG|GC>-<year>.csv` stands for."""
    m = _FILE_NAME.match(Path(path).stem)
    if not m:
        raise LoadError(
            "a file name like Giro-dItalia-STG-2023.csv (<Race>-<STG|GC>-<year>) was expected, "
            f"found {Path(path).name!r}: a PCS table has no race or year column",
            str(path),
        )
    part = m.group("race")
    name = RACE_NAMES.get(part.lower()) or clean_text(part.replace("-", " ").replace("_", " "))
    return name, int(m.group("year"))


def parse_stage_name(text: str) -> tuple[str, str, str | None, str | None]:
    """'Stage 1 (ITT) | Fossacesia Marina - Ortona' -> ('1', 'itt', departure, arrival)."""
    m = _STAGE_NAME.match(text.strip())
    if not m:
        raise ParseError(
            f"a stage name like 'Stage 1 (ITT) | Fossacesia Marina - Ortona' was expected, "
            f"found {text!r}"
        )
    if m.group("prologue"):
        label, kind = "0", "prologue"
    else:
        label = parse_stage_label(m.group("number") + (m.group("part") or ""))
        kind = (m.group("kind") or "road").lower()
    departure, arrival = _route(m.group("route") or "")
    return label, kind, departure, arrival


def _route(text: str) -> tuple[str | None, str | None]:
    """'Fossacesia Marina - Ortona' -> both ends; hyphens inside names stay."""
    route = clean_text(text)
    departure, sep, arrival = route.partition(" - ")
    if not sep and route.endswith(" -"):
        departure = route[:-2]
    return clean_text(departure) or None, clean_text(arrival) or None


def parse_date(text: str, year: int) -> str | None:
    """'06/05' with 2023 -> '2023-05-06'; '' -> None."""
    t = text.strip()
    if not t:
        return None
    m = _DATE.match(t)
    try:
        if not m:
            raise ValueError
        return date(year, int(m.group(2)), int(m.group(1))).isoformat()
    except ValueError:
        raise ParseError(f"a date like 06/05 (day/month) was expected, found {text!r}") from None


def parse_length(text: str) -> float | None:
    """'(19.6k)' -> 19.6; '' and a zero length -> None."""
    t = text.strip()
    if not t:
        return None
    m = _LENGTH.match(t)
    if not m:
        raise ParseError(f"a stage length like (19.6k) was expected, found {text!r}")
    return float(m.group(1)) or None


class _RowFields(TypedDict):
    """The fields a table row gives both as a Standing and as a StageResult."""

    race: str
    year: int
    stage: str
    rider: str
    name_order: str
    team: str | None
    status: str
    position: int | None
    position_text: str
    time_seconds: int | None
    gap_seconds: int | None
    line: int


@dataclass(slots=True)
class _Block:
    """The rows of one stage seen so far."""

    name: str
    label: str
    line: int
    leader: int | None = None  # absolute time of the first row
    gap: int = 0  # gap of the last row with a time (read only once leader is set)
    positions: set[int] = field(default_factory=set)
    rows: int = 0
    as_stage: bool = False  # a GC table block that holds a stage result


class _TableReader:
    """Turns the rows of one table into records, stage block by stage block."""

    def __init__(self, path: Path, race: str, year: int, columns: _Columns) -> None:
        self.path, self.race, self.year, self.columns = path, race, year, columns
        self.block: _Block | None = None
        self.seen: set[str] = set()
        self.gc_leader: int | None = None  # leader's time in the last real GC block

    def records(self) -> Iterator[Record]:
        """Every record of the file, in file order."""
        for line, row in iter_rows(self.path, self.columns.header, what="a ProCyclingStats table"):
            if self.block is None:
                yield Edition(self.race, self.year, line=line)
            name = cell(row, "stage_name")
            if self.block is None or name != self.block.name:
                yield from self._end_block()
                yield self._start_block(line, row, name)
            yield from self._row(line, row)
        yield from self._end_block()

    def _error(self, message: str, line: int | None, column: str | None = None) -> LoadError:
        return LoadError(message, str(self.path), line, column)

    def _value(
        self, parse: Callable[..., T], text: str, line: int, column: str, *args: object
    ) -> T:
        """Apply a value parser; a ParseError becomes a LoadError at this line and column."""
        try:
            return parse(text, *args)
        except ParseError as e:
            raise self._error(str(e), line, column) from None

    def _start_block(self, line: int, row: dict[str, str], name: str) -> Stage:
        label, kind, departure, arrival = self._value(parse_stage_name, name, line, "stage_name")
        if name in self.seen:
            raise self._error(
                f"the rows of each stage together were expected, found {name!r} again",
                line,
                "stage_name",
            )
        self.seen.add(name)
        self.block = _Block(name, label, line)
        return Stage(
            race=self.race,
            year=self.year,
            label=label,
            date=self._value(parse_date, cell(row, "stage_date"), line, "stage_date", self.year),
            departure=departure,
            arrival=arrival,
            distance_km=self._value(parse_length, cell(row, "stage_length"), line, "stage_length"),
            kind=kind,
            line=line,
        )

    def _end_block(self) -> Iterator[Warning]:
        block = self.block
        if block is not None and block.rows == 0:
            yield Warning(
                f"stage {block.label}: no {self.columns.missing} in this file "
                "(the source has an empty row)",
                block.line,
                None,
                "missing_results",
            )

    def _row(self, line: int, row: dict[str, str]) -> Iterator[Record]:
        c = self.columns
        rank, rider, time = cell(row, c.rank), clean_text(cell(row, c.rider)), cell(row, c.time)
        if not (rank or rider or time or cell(row, c.team)):
            return  # the source's placeholder row for a stage it has no table for
        block = self.block
        assert block is not None
        block.rows += 1
        if not rider:
            raise self._error("a rider name was expected, found an empty value", line, c.rider)
        position, status = self._rank(rank, line)
        if position is not None:
            if position in block.positions:
                yield Warning(
                    f"stage {block.label}: rank {position} appears twice ({rider})",
                    line,
                    c.rank,
                    "duplicate_rank",
                )
            block.positions.add(position)
        seconds, gap = yield from self._time(time, status, rider, line)
        yield self._record(line, row, rider, rank, position, status, seconds, gap)

    def _rank(self, rank: str, line: int) -> tuple[int | None, str]:
        place = whole_number(rank)
        if place:
            return place, "finished"
        try:
            status = parse_status(rank) if rank else None
        except ParseError:
            status = None
        if status is None or status == "finished":
            raise self._error(
                f"a rank like 1 or a status like DNF or DNS was expected, found {rank!r}",
                line,
                self.columns.rank,
            )
        return None, status

    def _time(
        self, text: str, status: str, rider: str, line: int
    ) -> Generator[Warning, None, tuple[int | None, int | None]]:
        """The absolute time and gap of a row (a generator: warnings, then the pair)."""
        block, column = self.block, self.columns.time
        assert block is not None
        if text in ("", "-"):
            if status == "finished":
                raise self._error(
                    f"a time or a gap was expected for a ranked rider, found {text!r}", line, column
                )
            return None, None
        if block.leader is None:
            if is_same_time(text):
                raise self._error(
                    f"the stage's first time (an absolute time like 4:06:49) was expected, "
                    f"found {text!r}",
                    line,
                    column,
                )
            seconds = self._value(parse_time, text, line, column)
            yield from self._first_time(seconds, line)
            block.leader, block.gap = seconds, 0
            return seconds, 0
        if is_same_time(text):
            gap = block.gap
        else:
            listed = self._value(parse_gap, text, line, column)
            # text is trimmed and not '' or '-' (returned above): the only texts parse_gap
            # maps to None, so a gap is always there
            assert listed is not None
            gap = listed
            if gap < block.gap:
                yield Warning(
                    f"stage {block.label}: {rider}'s gap {format_gap(gap)} is smaller than the "
                    f"previous rider's {format_gap(block.gap)}",
                    line,
                    column,
                    "gap_decreases",
                )
        block.gap = gap
        return block.leader + gap, gap

    def _first_time(self, seconds: int, line: int) -> Iterator[Warning]:
        """In a GC table, a leader time below the previous GC's marks a stage result."""
        if self.columns is not _GC_TABLE:
            return
        block = self.block
        assert block is not None
        if self.gc_leader is not None and seconds < self.gc_leader:
            block.as_stage = True
            yield Warning(
                f"stage {block.label}: these rows are the stage result, not the GC (leader time "
                f"{format_time(seconds)} is below the previous GC leader's "
                f"{format_time(self.gc_leader)}); read as stage results",
                line,
                self.columns.time,
                "stage_result_in_gc",
            )
        else:
            self.gc_leader = seconds

    def _record(
        self,
        line: int,
        row: dict[str, str],
        rider: str,
        rank: str,
        position: int | None,
        status: str,
        seconds: int | None,
        gap: int | None,
    ) -> StageResult | Standing:
        block, c = self.block, self.columns
        assert block is not None
        team = clean_text(cell(row, c.team)) or None
        common = _RowFields(
            race=self.race,
            year=self.year,
            stage=block.label,
            rider=rider,
            name_order="auto",  # "VAN AERT Wout": the upper-case words are the family name
            team=team,
            status=status,
            position=position,
            position_text=rank,
            time_seconds=seconds,
            gap_seconds=gap,
            line=line,
        )
        if c is _GC_TABLE and not block.as_stage:
            return Standing(kind="gc", **common)
        points = None
        if c.points:
            points = self._value(parse_int, cell(row, c.points), line, c.points, "points like 80")
        return StageResult(points=points, **common)
