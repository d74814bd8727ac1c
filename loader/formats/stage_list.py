"""Stage lists: one row a stage of a stage race, as in cyclingdata (jenslemb, from PCS).

Header `race,year,stage,stage_id,stage_num,stage_type,date,departure,arrival,...`.
`stage_id` is the label ("1", "10a", "prologue"); `stage_num` only counts the
rows of an edition (10a is 10, 10b is 11) and is not used. Rows of an edition
come together; the reader yields its Edition (dates from the stages) first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from palmares.errors import LoadError, ParseError
from palmares.names import clean_text
from palmares.values import parse_int, parse_stage_label

from ..records import Edition, Record, Stage, Warning
from ._csv import cell, header_of, iter_rows, open_text

FORMAT = "stage_list"
T = TypeVar("T")

REQUIRED = (
    "race", "year", "stage_id", "stage_type", "date", "departure", "arrival", "distance",
    "vertical_meters",
)  # fmt: skip
STAGE_TYPES = {"road race": "road", "itt": "itt", "ttt": "ttt", "prologue": "prologue"}
_LABEL = re.compile(r"^[0-9]{1,3}[a-z]?$")


def detect(path: Path, head: str) -> bool:
    """A header starting `race,year,stage,stage_id` and holding the stage columns."""
    header = header_of(head)
    return header[:4] == ["race", "year", "stage", "stage_id"] and set(REQUIRED) <= set(header)


def read(path: Path) -> Iterator[Record]:
    """An Edition, then its Stage records, for each edition in the file."""
    path = Path(path)
    rows: list[tuple[int, dict[str, str]]] = []
    current: tuple[str, int] | None = None
    done: set[tuple[str, int]] = set()
    for line, row in _rows(path):
        key = (_race(path, line, row), _year(path, line, row))
        if key != current:
            if current is not None:
                yield from _edition(path, current, rows)
                done.add(current)
            if key in done:
                raise LoadError(
                    f"the rows of each edition together were expected, found {key[0]} {key[1]} "
                    "again",
                    str(path),
                    line,
                )
            current, rows = key, []
        rows.append((line, row))
    if current is not None:
        yield from _edition(path, current, rows)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """iter_rows with its line numbers (and those of its errors) counted in LF lines."""
    to_lf_line = lf_line_numbers(path)
    try:
        for counted, row in iter_rows(path, REQUIRED, what="a stage list"):
            yield to_lf_line(counted), row
    except LoadError as e:
        if e.line is None:
            raise
        raise LoadError(e.reason, e.path, to_lf_line(e.line), e.column) from None


def lf_line_numbers(path: Path) -> Callable[[int], int]:
    """Map iter_rows' line numbers to the file's LF-ended lines.

    iter_rows reads with newline="", which also ends a line at a lone CR inside a
    quoted field ("\\r Uster" in cyclingdata's Tour de Suisse 2000), so its numbers
    drift from what an editor shows; this counts those CRs once and corrects them.
    """
    try:
        with open_text(path) as f:
            lone_cr = [n for n, text in enumerate(f, start=1) if text.endswith("\r")]
    except UnicodeDecodeError:
        lone_cr = []  # iter_rows reports the encoding, with its line
    return lambda counted: counted - bisect_left(lone_cr, counted)


def _race(path: Path, line: int, row: dict[str, str]) -> str:
    race = clean_text(cell(row, "race"))
    if not race:
        raise LoadError("a race name was expected, found an empty value", str(path), line, "race")
    return race


def _year(path: Path, line: int, row: dict[str, str]) -> int:
    year = _value(path, line, "year", parse_int, cell(row, "year"), "a year like 2021")
    if year is None or not 1868 <= year <= 2100:
        raise LoadError(
            f"a year like 2021 was expected, found {cell(row, 'year')!r}", str(path), line, "year"
        )
    return year


def _value(path: Path, line: int, column: str, parse: Callable[..., T], *args: object) -> T:
    """Apply a value parser; a ParseError becomes a LoadError at this line and column."""
    try:
        return parse(*args)
    except ParseError as e:
        raise LoadError(str(e), str(path), line, column) from None


def _edition(
    path: Path, key: tuple[str, int], rows: list[tuple[int, dict[str, str]]]
) -> Iterator[Record]:
    """The Edition of these rows (dates from its stages), then its stages and warnings."""
    race, year = key
    stages: list[_Parsed] = [_stage(path, line, row, race, year) for line, row in rows]
    dates = [s.stage.date for s in stages if s.stage.date]
    yield Edition(
        race, year, start_date=min(dates, default=None), end_date=max(dates, default=None),
        line=rows[0][0],
    )  # fmt: skip
    labels: set[str] = set()
    for parsed in stages:
        stage = parsed.stage
        if stage.label in labels:
            raise LoadError(
                f"one row a stage was expected, found stage {stage.label} of {race} {year} again",
                str(path),
                stage.line,
                "stage_id",
            )
        labels.add(stage.label)
        yield from parsed.warnings
        yield stage


@dataclass(slots=True)
class _Parsed:
    stage: Stage
    warnings: list[Warning]


def _stage(path: Path, line: int, row: dict[str, str], race: str, year: int) -> _Parsed:
    """One row as a Stage (and the warnings it raises)."""
    warnings: list[Warning] = []
    distance = _value(path, line, "distance", parse_distance, cell(row, "distance"))
    if distance == 0:
        warnings.append(
            Warning(f"{race} {year}: a stage of 0 km read as unknown", line, "distance", "zero_km")
        )
        distance = None
    stage = Stage(
        race=race,
        year=year,
        label=_value(path, line, "stage_id", parse_label, cell(row, "stage_id")),
        date=_value(path, line, "date", parse_date, cell(row, "date")),
        departure=clean_text(cell(row, "departure")) or None,
        arrival=clean_text(cell(row, "arrival")) or None,
        distance_km=distance,
        elevation_m=_value(
            path, line, "vertical_meters", parse_metres, cell(row, "vertical_meters")
        ),
        kind=_value(path, line, "stage_type", parse_kind, cell(row, "stage_type")),
        line=line,
    )
    return _Parsed(stage, warnings)


def parse_label(text: str) -> str:
    """'10A' -> '10a', 'prologue' -> '0'."""
    t = text.strip().lower()
    if t != "prologue" and not _LABEL.match(t):
        raise ParseError(f"a stage id like 1, 10a or prologue was expected, found {text!r}")
    return parse_stage_label(t)


def parse_kind(text: str) -> str:
    """'Road race' -> 'road', 'ITT' -> 'itt'."""
    kind = STAGE_TYPES.get(text.strip().lower())
    if kind is None:
        raise ParseError(
            f"a stage type (Road race, ITT, TTT or Prologue) was expected, found {text!r}"
        )
    return kind


def parse_date(text: str) -> str | None:
    """'2021-06-06' -> '2021-06-06'; '' -> None."""
    t = text.strip()
    if not t:
        return None
    try:
        if len(t) != 10:  # fromisoformat also takes 20210606
            raise ValueError
        return date.fromisoformat(t).isoformat()
    except ValueError:
        raise ParseError(f"a date like 2021-06-06 was expected, found {text!r}") from None


def parse_distance(text: str) -> float | None:
    """'147.0' -> 147.0; '' -> None."""
    t = text.strip()
    if not t:
        return None
    try:
        km = float(t)
    except ValueError:
        km = -1.0
    if not 0 <= km < 1000:
        raise ParseError(f"a distance in km like 147.0 was expected, found {text!r}")
    return km


def parse_metres(text: str) -> int | None:
    """'4190.0' -> 4190; '' -> None."""
    t = text.strip()
    if not t:
        return None
    try:
        metres = float(t)
    except ValueError:
        metres = -1.0
    if not 0 <= metres <= 20000 or not metres.is_integer():
        raise ParseError(f"a climb in whole metres like 4190 was expected, found {text!r}")
    return int(metres)
