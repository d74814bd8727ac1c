"""palmares' own format: one folder per edition of spreadsheet-friendly CSVs.

See docs/formats.md. Every file of the folder names its edition through the
folder's `edition.csv`, so a stage file can be loaded on its own.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from palmares.errors import LoadError, ParseError
from palmares.values import (
    is_same_time,
    parse_gap,
    parse_int,
    parse_stage_label,
    parse_status,
    parse_time,
    stage_sort_key,
    whole_number,
)

from ..records import (
    CLASSIFICATIONS,
    STAGE_KINDS,
    Adjustment,
    Edition,
    Entry,
    Race,
    Record,
    Stage,
    StageResult,
    Standing,
)
from ._csv import header_of, iter_rows

FORMAT = "native"

_STAGE_FILE = re.compile(r"^stage-([0-9]+[a-z]?)\.csv$")
_STANDING_FILE = re.compile(r"^(" + "|".join(CLASSIFICATIONS) + r")-([0-9]+[a-z]?|final)\.csv$")
_LABEL = re.compile(r"^[0-9]{1,3}[a-z]?$")
_YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False,
        "0": False, "": False}  # fmt: skip

# The fields and columns of each native file (docs/formats.md), in the order
# `palmares export` writes them (palmares/reports/export.py). The reader needs
# only a few of each (see iter_rows' calls below) and takes the others when there.
EDITION_HEADER = ("field", "value")
EDITION_FIELDS = (
    "race", "race_ref", "year", "number", "start_date", "end_date", "country", "gender",
    "is_one_day", "is_cancelled", "starters", "finishers", "distance_km",
    "finish_bonus_seconds", "team_riders_counted", "youth_max_age", "note",
)  # fmt: skip
STAGE_COLUMNS = ("stage", "date", "departure", "arrival", "distance_km", "elevation_m", "kind",
                 "neutralised")  # fmt: skip
RIDER_COLUMNS = ("bib", "rider", "team", "nationality", "birth_date", "given_name",
                 "family_name", "rider_ref")  # fmt: skip
RESULT_COLUMNS = ("rank", "rider", "team", "nationality", "bib", "time", "bonus", "penalty",
                  "points", "suspect")  # fmt: skip
STANDING_COLUMNS = ("rank", "rider", "bib", "team", "time", "points", "bonus", "penalty")
TEAM_STANDING_COLUMNS = ("rank", "team", "time")
ADJUSTMENT_COLUMNS = ("stage", "rider", "kind", "seconds", "points", "reason")
ADJUSTMENT_KINDS = ("time_penalty", "time_bonus", "points_penalty", "relegation",
                    "disqualification")  # fmt: skip


def detect(path: Path, head: str) -> bool:
    """An edition.csv, or a known native file name beside one."""
    header = header_of(head)
    if path.name == "edition.csv" or tuple(header[:2]) == EDITION_HEADER:
        return tuple(header[:2]) == EDITION_HEADER
    if not (path.parent / "edition.csv").exists():
        return False
    if path.name == "stages.csv":
        return header[:1] == ["stage"]
    if path.name == "riders.csv":
        return "rider" in header and "rank" not in header
    if path.name == "adjustments.csv":
        return "kind" in header and "rider" in header
    # a results file beside an edition.csv is native whatever its header says:
    # a wrong header then gets a clear error instead of "unknown format"
    return bool(_STAGE_FILE.match(path.name) or _STANDING_FILE.match(path.name))


def context(path: Path) -> str:
    """A native file means its edition too: the same bytes in two folders are two files."""
    edition = Path(path).parent / "edition.csv"
    if Path(path).name == "edition.csv" or not edition.exists():
        return Path(path).name
    return f"{Path(path).name} {hashlib.sha256(edition.read_bytes()).hexdigest()}"


def read(path: Path) -> Iterator[Record]:
    """Records of one native file."""
    path = Path(path)
    if path.name == "edition.csv" or tuple(header_of(_head(path))[:2]) == EDITION_HEADER:
        yield from read_edition(path)
        return
    edition = read_edition_fields(path.parent / "edition.csv")
    race, year = edition["race"], int(edition["year"])
    if path.name == "stages.csv":
        yield from read_stages(path, race, year)
    elif path.name == "riders.csv":
        yield from read_riders(path, race, year)
    elif path.name == "adjustments.csv":
        yield from read_adjustments(path, race, year, _known_stages(path))
    elif m := _STAGE_FILE.match(path.name):
        yield from read_stage_result(path, race, year, _check_stage(path, m.group(1)))
    elif m := _STANDING_FILE.match(path.name):
        stage = None if m.group(2) == "final" else _check_stage(path, m.group(2))
        yield from read_standings(path, race, year, stage, m.group(1))
    else:
        raise LoadError(
            "a native file name was expected: edition.csv, stages.csv, riders.csv, "
            "adjustments.csv, stage-<N>.csv or <classification>-<N>.csv",
            str(path),
        )


def _head(path: Path) -> str:
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        return f.read(4096)


def _fail(path: Path, line: int, column: str | None, e: Exception) -> LoadError:
    return LoadError(str(e), str(path), line, column)


# ---------------------------------------------------------------- edition


def read_edition_fields(path: Path) -> dict[str, str]:
    """The field -> value pairs of an edition.csv, checked."""
    if not path.exists():
        raise LoadError("an edition.csv beside this file was expected", str(path))
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for line, row in iter_rows(path, EDITION_HEADER, what="an edition.csv"):
        name = row["field"].strip()
        if name not in EDITION_FIELDS:
            raise LoadError(
                f"an edition field ({', '.join(sorted(EDITION_FIELDS))}) was expected, "
                f"found {name!r}",
                str(path),
                line,
                "field",
            )
        if name in fields and name != "note":
            raise LoadError(f"field {name!r} given twice", str(path), line, "field")
        fields[name] = row["value"].strip()
        lines[name] = line
    for name in ("race", "year"):
        if not fields.get(name):
            raise LoadError(f"a {name!r} row was expected", str(path), 1)
    year = whole_number(fields["year"])
    if year is None:
        raise LoadError(
            f"a year like 2021 was expected, found {fields['year']!r}", str(path), lines["year"]
        )
    if not 1868 <= year <= 2100:  # the schema's range, said at the line that holds the year
        raise LoadError(
            f"a year between 1868 and 2100 was expected, found {year}", str(path), lines["year"]
        )
    fields["_line"] = str(lines["race"])
    fields.update({f"_line_{name}": str(n) for name, n in lines.items()})
    return fields


def read_edition(path: Path) -> Iterator[Record]:
    """Race and Edition records of an edition.csv."""
    f = read_edition_fields(path)
    line = int(f["_line"])

    def flag(name: str) -> bool:
        value = f.get(name, "").lower()
        if value not in _YES:
            raise LoadError(f"yes or no was expected, found {value!r}", str(path), None, name)
        return _YES[value]

    def number(name: str, kind=int):
        try:
            if kind is float:
                return _positive(f.get(name, ""), "a number like 1205.3")
            return parse_int(f.get(name, ""), "a whole number")
        except ParseError as e:
            raise LoadError(str(e), str(path), line_of(name), name) from None

    def day(name: str) -> str | None:
        try:
            return _iso_date(f.get(name, ""))
        except ParseError as e:
            raise LoadError(str(e), str(path), line_of(name), name) from None

    def line_of(name: str) -> int | None:
        return int(f[f"_line_{name}"]) if f"_line_{name}" in f else None

    gender = f.get("gender") or "men"
    if gender not in ("men", "women"):
        raise LoadError(f"men or women was expected, found {gender!r}", str(path), None, "gender")
    yield Race(
        name=f["race"],
        ref=f.get("race_ref") or None,
        country=f.get("country") or None,
        is_one_day=flag("is_one_day"),
        gender=gender,
        line=line,
    )
    yield Edition(
        race=f["race"],
        year=int(f["year"]),
        number=number("number"),
        start_date=day("start_date"),
        end_date=day("end_date"),
        is_cancelled=flag("is_cancelled"),
        starters=number("starters"),
        finishers=number("finishers"),
        distance_km=number("distance_km", float),
        finish_bonus_seconds=f.get("finish_bonus_seconds") or None,
        team_riders_counted=number("team_riders_counted"),
        youth_max_age=number("youth_max_age"),
        line=line,
    )


# ---------------------------------------------------------------- stages and riders


def _known_stages(path: Path) -> set[str] | None:
    stages = path.parent / "stages.csv"
    if not stages.exists():
        return None
    labels = (row["stage"].strip().lower() for _, row in iter_rows(stages, ["stage"]))
    # '08' in stages.csv is stage 8, as read_stages saves it
    return {parse_stage_label(t) if _LABEL.match(t) else t for t in labels}


def _check_stage(path: Path, label: str) -> str:
    if not _LABEL.match(label):
        raise LoadError(
            f"a stage label like 8, 0 or 10a was expected in the file name, found {label!r}",
            str(path),
        )
    label = parse_stage_label(label)
    known = _known_stages(path)
    if known is not None and label not in known:
        raise LoadError(
            f"a stage listed in stages.csv ({', '.join(sorted(known, key=stage_sort_key))}) "
            f"was expected, found stage {label!r}",
            str(path),
        )
    return label


def _positive(text: str, what: str) -> float | None:
    """'181.8' -> 181.8; '' -> None; not a finite number above 0 -> ParseError."""
    t = text.strip()
    if not t:
        return None
    try:
        value = float(t)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise ParseError(f"{what} was expected, found {t[:40]!r}")
    return value


def _iso_date(text: str) -> str | None:
    """'2021-05-30' -> '2021-05-30'; '' -> None; '2021-13-45' -> ParseError."""
    t = text.strip()
    if not t:
        return None
    try:
        if len(t) != 10:  # fromisoformat also takes 20210530
            raise ValueError
        return date.fromisoformat(t).isoformat()
    except ValueError:
        raise ParseError(f"a date like 2021-05-30 was expected, found {t[:40]!r}") from None


def read_stages(path: Path, race: str, year: int) -> Iterator[Record]:
    """Stage records of a stages.csv."""
    for line, row in iter_rows(path, ["stage"], what="a stages.csv"):
        try:
            label = row["stage"].strip().lower()
            if not _LABEL.match(label):
                raise ParseError(f"a stage label like 8, 0 or 10a was expected, found {label!r}")
            kind = (row.get("kind") or "").strip().lower() or None
            if kind is not None and kind not in STAGE_KINDS:
                raise ParseError(
                    f"a stage kind ({', '.join(STAGE_KINDS)}) was expected, found {kind!r}"
                )
            neutral = (row.get("neutralised") or "").strip().lower()
            if neutral not in _YES:
                raise ParseError(f"yes or no was expected, found {neutral!r}")
            yield Stage(
                race=race,
                year=year,
                label=parse_stage_label(label),
                date=_iso_date(row.get("date") or ""),
                departure=(row.get("departure") or "").strip() or None,
                arrival=(row.get("arrival") or "").strip() or None,
                distance_km=_positive(row.get("distance_km") or "", "a distance in km like 181.8"),
                elevation_m=parse_int(row.get("elevation_m") or "", "a height in metres"),
                kind=kind,
                is_neutralised=_YES[neutral],
                line=line,
            )
        except ParseError as e:
            raise _fail(path, line, None, e) from None


def read_riders(path: Path, race: str, year: int) -> Iterator[Record]:
    """Entry records of a riders.csv (the start list)."""
    for line, row in iter_rows(path, ["rider"], what="a riders.csv"):
        try:
            yield Entry(
                race=race,
                year=year,
                rider=_name(row.get("rider", "")),
                team=(row.get("team") or "").strip() or None,
                bib=parse_int(row.get("bib") or "", "a bib number"),
                nationality=(row.get("nationality") or "").strip() or None,
                birth_date=_iso_date(row.get("birth_date") or ""),
                rider_ref=(row.get("rider_ref") or "").strip() or None,
                given_name=(row.get("given_name") or "").strip() or None,
                family_name=(row.get("family_name") or "").strip() or None,
                line=line,
            )
        except ParseError as e:
            raise _fail(path, line, None, e) from None


def _name(text: str) -> str:
    text = text.strip()
    if not text:
        raise ParseError("a rider name was expected, found an empty cell")
    return text


# ---------------------------------------------------------------- results


def _rank(text: str) -> tuple[str, int | None, str]:
    """(status, position, position_text) of a rank cell: '7' or 'DNF'."""
    t = text.strip()
    place = whole_number(t)
    if place:
        return "finished", place, t
    if not t:
        raise ParseError(
            "a rank (a place, or DNF, DNS, OTL, DSQ, NQ) was expected, found an empty cell"
        )
    try:
        return parse_status(t), None, t.upper()
    except ParseError:
        raise ParseError(
            f"a rank (a place, or DNF, DNS, OTL, DSQ, NQ) was expected, found {text!r}"
        ) from None


class _Clock:
    """Turns a column of times, gaps and same-time marks into absolute times."""

    def __init__(self) -> None:
        self.leader: int | None = None  # the first row's absolute time
        self.previous: tuple[int | None, int | None] | None = None  # (time, gap) above
        self.last_gap: int | None = None

    def read(self, text: str) -> tuple[int | None, int | None]:
        """(absolute time, gap) of one cell."""
        t = text.strip()
        if not t:
            self.previous = (None, None)
            return None, None
        if is_same_time(t):
            if self.previous is None:
                raise ParseError("a time was expected on the first row, found a same-time mark")
            return self.previous
        if t.startswith("+") or t.startswith("-"):
            gap = parse_gap(t)
            time = None if self.leader is None or gap is None else self.leader + gap
        else:
            time = parse_time(t)
            if self.leader is None:
                self.leader = time
            gap = time - self.leader
            if gap < 0:
                raise ParseError(f"a time no faster than the first row's was expected, found {t!r}")
        self.previous = (time, gap)
        return time, gap


def _seconds(text: str, what: str) -> int | None:
    t = text.strip()
    if not t:
        return None
    return parse_time(t)


def read_stage_result(path: Path, race: str, year: int, stage: str) -> Iterator[Record]:
    """StageResult records of a stage-<label>.csv."""
    clock = _Clock()
    for line, row in iter_rows(path, ["rank", "rider"], what="a stage result"):
        column = "rank"
        try:
            status, position, text = _rank(row["rank"])
            column = "time"
            time, gap = clock.read(row.get("time") or "")
            if status != "finished" and time is not None and not (row.get("time") or "").strip():
                time = gap = None
            column = "rider"
            rider = (row.get("rider") or "").strip() or None
            team = (row.get("team") or "").strip() or None
            if rider is None and team is None:
                raise ParseError("a rider (or, for a team row, a team) was expected")
            column = "bonus"
            bonus = _seconds(row.get("bonus") or "", "a bonus")
            column = "penalty"
            penalty = _seconds(row.get("penalty") or "", "a penalty")
            column = "points"
            points = parse_int(row.get("points") or "", "points")
            column = "bib"
            bib = parse_int(row.get("bib") or "", "a bib number")
            column = "suspect"
            suspect = (row.get("suspect") or "").strip().lower()
            if suspect not in _YES:
                raise ParseError(f"yes or no was expected, found {suspect!r}")
        except ParseError as e:
            raise _fail(path, line, column, e) from None
        yield StageResult(
            race=race,
            year=year,
            stage=stage,
            rider=rider,
            team=team,
            bib=bib,
            nationality=(row.get("nationality") or "").strip() or None,
            status=status,
            position=position,
            position_text=text,
            time_seconds=time,
            gap_seconds=gap,
            bonus_seconds=bonus,
            penalty_seconds=penalty,
            points=points,
            is_suspect=_YES[suspect],
            line=line,
        )


def read_standings(
    path: Path, race: str, year: int, stage: str | None, kind: str
) -> Iterator[Record]:
    """Standing records of a <classification>-<label>.csv."""
    clock = _Clock()
    needed = ["rank", "team"] if kind == "teams" else ["rank", "rider"]
    for line, row in iter_rows(path, needed, what=f"a {kind} classification"):
        column = "rank"
        try:
            status, position, text = _rank(row["rank"])
            column = "time"
            time, gap = clock.read(row.get("time") or "")
            column = "points"
            points = parse_int(row.get("points") or "", "points")
            column = "bonus"
            bonus = _seconds(row.get("bonus") or "", "a bonus")
            column = "penalty"
            penalty = _seconds(row.get("penalty") or "", "a penalty")
            column = "bib"
            bib = parse_int(row.get("bib") or "", "a bib number")
        except ParseError as e:
            raise _fail(path, line, column, e) from None
        rider = None if kind == "teams" else (row.get("rider") or "").strip()
        if rider == "":
            raise LoadError(
                "a rider name was expected, found an empty cell", str(path), line, "rider"
            )
        yield Standing(
            race=race,
            year=year,
            stage=stage,
            kind=kind,
            rider=rider,
            team=(row.get("team") or "").strip() or None,
            status=status,
            position=position,
            position_text=text,
            time_seconds=time,
            gap_seconds=gap,
            points=points,
            bonus_seconds=bonus,
            penalty_seconds=penalty,
            bib=bib,
            line=line,
        )


def read_adjustments(path: Path, race: str, year: int, known: set[str] | None) -> Iterator[Record]:
    """Adjustment records of an adjustments.csv."""
    for line, row in iter_rows(path, ["kind", "rider"], what="an adjustments.csv"):
        kind = row["kind"].strip()
        if kind not in ADJUSTMENT_KINDS:
            raise LoadError(
                f"an adjustment kind ({', '.join(ADJUSTMENT_KINDS)}) was expected, found {kind!r}",
                str(path),
                line,
                "kind",
            )
        stage = (row.get("stage") or "").strip().lower() or None
        if stage is not None and not _LABEL.match(stage):
            raise LoadError(f"a stage label like 8, 0 or 10a was expected, found {stage[:40]!r}",
                            str(path), line, "stage")  # fmt: skip
        stage = stage and parse_stage_label(stage)
        if stage is not None and known is not None and stage not in known:
            raise LoadError(f"a stage listed in stages.csv was expected, found {stage!r}",
                            str(path), line, "stage")  # fmt: skip
        try:
            seconds = _seconds(row.get("seconds") or "", "seconds")
            points = parse_int(row.get("points") or "", "points")
        except ParseError as e:
            raise _fail(path, line, "seconds", e) from None
        yield Adjustment(
            race=race,
            year=year,
            stage=stage,
            kind=kind,
            rider=_name(row["rider"]),
            seconds=seconds,
            points=points,
            reason=(row.get("reason") or "").strip() or None,
            line=line,
        )
