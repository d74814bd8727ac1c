"""The records every reader yields and the writer saves.

A reader turns a file into a stream of these; it never touches the database.
Races are named by `race` (a name or ref; the writer slugs it) and editions by
(`race`, `year`). Riders are named as the source spells them; `name_order`
says how to read that spelling (see `names.parse_name`). Every record carries
`line`, the 1-based line of the source file it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

# Stage kinds and statuses, as stored (see the lookup tables in schema.sql).
STAGE_KINDS = ("road", "itt", "ttt", "prologue")
STATUSES = ("finished", "dnf", "dns", "otl", "dsq", "dnq", "unknown")
CLASSIFICATIONS = ("gc", "points", "mountains", "youth", "teams", "sprint", "combativity")


@dataclass(slots=True)
class Race:
    name: str
    ref: str | None = None
    country: str | None = None
    is_one_day: bool = False
    gender: str = "men"  # men | women
    line: int | None = None


@dataclass(slots=True)
class Edition:
    race: str
    year: int
    number: int | None = None
    start_date: str | None = None  # ISO yyyy-mm-dd
    end_date: str | None = None
    is_cancelled: bool = False
    starters: int | None = None  # as published
    finishers: int | None = None
    distance_km: float | None = None
    # rules the standings depend on; None keeps what is stored (or the default)
    finish_bonus_seconds: str | None = None  # e.g. "10 6 4"
    team_riders_counted: int | None = None
    youth_max_age: int | None = None
    line: int | None = None


@dataclass(slots=True)
class Stage:
    race: str
    year: int
    label: str  # "0" prologue, "1", "10a"
    date: str | None = None
    departure: str | None = None
    arrival: str | None = None
    distance_km: float | None = None
    elevation_m: int | None = None
    kind: str | None = None  # road | itt | ttt | prologue
    is_neutralised: bool | None = None
    line: int | None = None


@dataclass(slots=True)
class Entry:
    """A rider on a start list: bib, team as named that year."""

    race: str
    year: int
    rider: str
    name_order: str = "auto"
    team: str | None = None
    bib: int | None = None
    nationality: str | None = None  # ISO 3166 alpha-3 or alpha-2 as given
    birth_date: str | None = None
    rider_ref: str | None = None  # a source's own stable ref, when it has one
    given_name: str | None = None  # when the source splits the name itself
    family_name: str | None = None
    line: int | None = None


@dataclass(slots=True)
class StageResult:
    race: str
    year: int
    stage: str  # label
    rider: str | None  # None for a team row in a team time trial
    name_order: str = "auto"
    team: str | None = None
    bib: int | None = None
    nationality: str | None = None
    status: str = "finished"
    position: int | None = None  # null when not classified
    position_text: str | None = None  # "1", "DNF", ...; derived when None
    time_seconds: int | None = None  # absolute stage time
    gap_seconds: int | None = None
    bonus_seconds: int | None = None
    penalty_seconds: int | None = None
    points: int | None = None
    rider_ref: str | None = None
    # a known source defect: kept, warned about, never summed into a computed GC
    is_suspect: bool = False
    line: int | None = None


@dataclass(slots=True)
class Standing:
    """A row of a classification as published after a stage (stage None: final)."""

    race: str
    year: int
    stage: str | None
    kind: str  # gc | points | mountains | youth | teams | sprint | combativity
    rider: str | None = None
    team: str | None = None
    name_order: str = "auto"
    bib: int | None = None
    nationality: str | None = None
    status: str = "finished"
    position: int | None = None
    position_text: str | None = None
    time_seconds: int | None = None
    gap_seconds: int | None = None
    points: int | None = None
    bonus_seconds: int | None = None
    penalty_seconds: int | None = None
    rider_ref: str | None = None
    line: int | None = None


@dataclass(slots=True)
class Jersey:
    """Who wore a classification's jersey after a stage, as a stage list publishes it.

    Not a standing: when the leader of the GC also leads the points, the green
    jersey is worn by the next rider of the points classification.
    """

    race: str
    year: int
    stage: str
    kind: str  # gc | points | mountains | youth
    rider: str
    name_order: str = "auto"
    line: int | None = None


@dataclass(slots=True)
class Adjustment:
    """A penalty, relegation or disqualification, with its reason."""

    race: str
    year: int
    stage: str | None
    kind: str  # time_penalty | points_penalty | time_bonus | relegation | disqualification
    rider: str | None = None
    team: str | None = None
    name_order: str = "auto"
    bib: int | None = None
    seconds: int | None = None
    points: int | None = None
    reason: str | None = None
    is_derived: bool = False
    line: int | None = None


@dataclass(slots=True)
class Warning:
    """Suspicious but loadable data, kept in the warnings table."""

    message: str
    line: int | None = None
    column: str | None = None
    code: str = "suspicious"


Record = Race | Edition | Stage | Entry | StageResult | Standing | Jersey | Adjustment | Warning
