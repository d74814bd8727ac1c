"""Tour de France stage results 1903-2019 from alastairrushworth/tdf (`stage_results.csv`).

One row a rider a stage, stages in race order (see ../shared/corpus, tdf-rushworth):
`edition,year,stage,rank,time_s,time_hms,elapsed_s,elapsed_hms,rider,bib_number,age,team,points`.
`time_s` is the winner's time on the first row of a stage and the gap behind it
on the others; `elapsed_s` is the rider's absolute time (winner time + gap).
`stage-0` is a prologue, `stage-2a`/`stage-2b` the halves of a split stage.
`rank` is a position or DNF, DNS, OTL, DSQ, NQ (not classified) or DF (ran
but not ranked: 2019 stage 19, stopped on the Iseran). Names are `Surname Given`.

The source has defects, found here in the data itself (no list of years), kept,
reported as Warning records and marked `is_suspect` so that no computed GC sums
them (see `_Year` and `_Reader._gc_reason`):
- stages that hold the GC after the stage instead of its result (every team
  time trial the file has, and the neutralised 1995 stage 16): the leader's
  time is at least the sum of the previous stage winners' times, and the table
  is cut short or its time differences keep the riders' earlier cumulative
  differences team by team;
- the second half of a split stage repeating the first half row for row;
- absolute times in the gap field (2006 stage 20, riders tied with the
  winner): corrected when the order of the rows shows which reading is right;
- a rider listed twice in a stage, a bib given to two riders in an edition
  (the bib is then left out), ranks that are codes (1003-1006).
Rows are read with a plain split (csv only for quoted lines) and buffered one
stage at a time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from palmares.errors import LoadError, ParseError
from palmares.values import format_gap, format_time, parse_stage_label, parse_status

from ..records import Edition, Race, Record, Stage, StageResult, Warning
from ._csv import _check_utf8, header_of, open_text

FORMAT = "rushworth"
RACE = "Tour de France"
NAME_ORDER = "family_first"
REQUIRED = (
    "edition", "year", "stage", "rank", "time_s", "elapsed_s", "rider", "bib_number",
    "team", "points",
)  # fmt: skip

# The published words of `rank` that are not positions.
_STATUS = {"DNF": "dnf", "DNS": "dns", "OTL": "otl", "DSQ": "dsq", "DF": "finished", "NQ": "dnq"}
# Ranks from here on are codes, not positions (2003 stage 2 has a `1006`).
FIRST_RANK_CODE = 1000

# The GC-table test. A GC leader's time is the sum of his stage times less his
# bonuses, so at least the sum of the stage winners' times less those bonuses.
BONUS_SLACK = 900
# A stage with at most this share of the most riders timed in a stage before
# is a cut-down table (the top 10-30 of the GC), not a stage result.
TRUNCATED_SHARE = 0.4
# In a GC after a team time trial, teammates who finished together keep their
# cumulative differences: (time - cumulative time) is equal within a team.
# Share of riders in such same-team groups, and the fewest riders to judge by.
TEAM_PURE_SHARE = 0.25
MIN_COMMON = 20


def detect(path: Path, head: str) -> bool:
    """True for a CSV file with the rushworth stage-results header."""
    header = header_of(head)
    return all(column in header for column in REQUIRED)


def read(path: Path) -> Iterator[Record]:
    """Race, editions, stages and stage results of the rushworth file, with warnings."""
    path = Path(path)
    f = open_text(path)
    try:
        first = f.readline()
        if not first.strip():
            found = "an empty line" if first else "an empty file"
            raise LoadError(f"a CSV header row was expected, found {found}", str(path), 1)
        reader = _Reader(path, _columns(path, _quoted(path, first, 1)))
        for records in reader.stages(f):
            yield from records
    except UnicodeDecodeError:
        f.close()
        _check_utf8(path)
        raise
    finally:
        f.close()


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    names = [h.strip() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise LoadError(
            f"expected columns {', '.join(missing)} in the header, found {', '.join(names)}",
            str(path),
            1,
        )
    index = {name: i for i, name in enumerate(names)}
    index["#width"] = len(names)
    return index


def _quoted(path: Path, raw: str, line: int) -> list[str]:
    """The fields of a line (or of lines joined by a quoted newline) with quotes."""
    try:
        return next(csv.reader(io.StringIO(raw), strict=True), [])
    except csv.Error as e:
        raise LoadError(f"a well-formed CSV row was expected ({e})", str(path), line) from None


def _quoted_row(path: Path, f: io.TextIOBase, raw: str, line: int) -> tuple[list[str], int]:
    """Fields of a row with quotes, and how many more lines it took."""
    more = 0
    while raw.count('"') % 2:  # a quoted field runs on to the next line
        rest = next(f, "")
        if not rest:
            break
        raw += rest
        more += 1
    return _quoted(path, raw, line), more


def _label(text: str) -> str | None:
    """'stage-12a' -> '12a', 'stage-0' -> '0'; None when it is not like that."""
    if not text.startswith("stage-"):
        return None
    label = text[6:]
    part = label[-1:] if label[-1:].isalpha() and label[-1:].isascii() else ""
    number = label[: len(label) - len(part)]
    if not (number.isascii() and number.isdigit()):
        return None
    return parse_stage_label(label)


@dataclass(slots=True)
class _Year:
    """What the reader knows of an edition while it reads its stages in order."""

    year: int
    text: str  # the year as written, to tell its rows from the next edition's
    edition: str
    clean: int = 0  # stages counted below (not GC tables, not copies)
    winners_sum: int = 0  # sum of the stage winners' times
    most_timed: int = 0  # the most riders with a time in one clean stage
    # rider -> sum of his stage times; two riders of one name (rare) blur one entry,
    # which only blurs a share in the GC-table test
    cumulative: dict = field(default_factory=dict)
    bib_owner: dict = field(default_factory=dict)  # bib -> rider first seen with it
    shared_bibs: set = field(default_factory=set)  # bibs the file gives two riders


class _Reader:
    """Groups the rows by stage and turns each stage into records."""

    def __init__(self, path: Path, index: dict[str, int]) -> None:
        self.path = path
        self.ix = index
        self.year: _Year | None = None
        self.seen: set[tuple[str, str]] = set()
        self.previous: list[list] = []
        self.warnings: list[Warning] = []

    def stages(self, f: io.TextIOBase) -> Iterator[list[Record]]:
        """The records of each stage; `f` is past the header line.

        Each row is split on commas (csv only for lines with quotes) and gets
        its line number appended as a last field.
        """
        iy, ist, width = self.ix["year"], self.ix["stage"], self.ix["#width"]
        buf: list[list] = []
        year = stage = None
        line = 1
        for raw in f:
            line += 1
            if '"' in raw:
                fields, more = _quoted_row(self.path, f, raw, line)
                start, line = line, line + more
            else:
                fields = raw.rstrip("\r\n").split(",")
                start = line
            if len(fields) != width:
                if not raw.strip():
                    continue
                raise self._error(
                    f"{width} fields as in the header were expected, found {len(fields)}", start
                )
            if fields[iy] != year or fields[ist] != stage:
                if buf:
                    yield self._stage(buf)
                buf = []
                year, stage = fields[iy], fields[ist]
            row: list[Any] = fields  # the same list: its str fields, then its int line number
            row.append(start)
            buf.append(row)
        if buf:
            yield self._stage(buf)

    # -- one stage -------------------------------------------------------

    def _current(self) -> _Year:
        """The edition being read: _stage starts a new one (_new_year) before anything
        else looks at it, so it is never None past that point."""
        if self.year is None:
            raise AssertionError("no edition yet: _stage calls _new_year first")
        return self.year

    def _stage(self, buf: list[list]) -> list[Record]:
        first = buf[0]
        line = first[-1]
        label = self._check_stage(first, line)
        records: list[Record] = []
        if self.year is None or first[self.ix["year"]] != self.year.text:
            records.extend(self._new_year(line, first))
        elif first[self.ix["edition"]] != self.year.edition:
            raise self._error(
                f"edition {self.year.edition} as in the rows before was expected for "
                f"{self.year.year}, found {first[self.ix['edition']]!r}",
                line,
                "edition",
            )
        year = self._current()
        self.warnings = []
        results = self._parse(buf, label)
        copy = self._is_copy(buf)
        winner, decreases = self._times(results)
        self._duplicates(results)
        kind = "prologue" if label == "0" else None
        if copy is not None:
            self.warnings.clear()  # a copy would repeat the warnings of the stage it copies
            self._suspect(results, line, "duplicate_stage", self._copy_message(label, copy))
        elif winner:
            timed = [r for r in results if r.time_seconds is not None]
            reason = self._gc_reason(timed, winner)
            if reason is None:
                self._add_clean(timed, winner)
            else:
                kind = "ttt" if not decreases else None
                self._suspect(results, line, "gc_not_stage", self._gc_message(label, reason))
        records.append(Stage(RACE, year.year, label, kind=kind, line=line))
        records.extend(self.warnings)
        records.extend(results)
        return records

    def _check_stage(self, first: list, line: int) -> str:
        """The stage label, once the stage is known to be new."""
        year_text, stage_text = first[self.ix["year"]], first[self.ix["stage"]]
        label = _label(stage_text.strip())
        if label is None:
            raise self._error(
                "a stage like stage-1, stage-0 (prologue) or stage-2a was expected, "
                f"found {stage_text!r}",
                line,
                "stage",
            )
        if (year_text, label) in self.seen:
            raise self._error(
                f"the rows of {stage_text} of {year_text} were expected together, "
                "found more of them after other stages",
                line,
                "stage",
            )
        self.seen.add((year_text, label))
        return label

    def _new_year(self, line: int, first: list) -> list[Record]:
        year = self._int(first[self.ix["year"]], line, "year", "a year such as 1903")
        edition = self._int(first[self.ix["edition"]], line, "edition", "an edition number")
        records: list[Record] = []
        if self.year is None:
            records.append(Race(RACE, gender="men", is_one_day=False, line=line))
        self.year = _Year(year, first[self.ix["year"]], first[self.ix["edition"]])
        records.append(Edition(RACE, year, number=edition, line=line))
        return records

    def _parse(self, buf: list[list], label: str) -> list[StageResult]:
        """One StageResult a row: time_seconds = elapsed_s, gap_seconds = time_s for now."""
        ix = self.ix
        fields = itemgetter(
            ix["rank"], ix["time_s"], ix["elapsed_s"], ix["rider"], ix["bib_number"],
            ix["team"], ix["points"], -1,
        )  # fmt: skip
        year = self._current().year
        out: list[StageResult] = []
        # locals, not globals, in the loop that runs once a row
        append, result, status_of, num = out.append, StageResult, _STATUS.get, int
        race, order = RACE, NAME_ORDER
        position: int | None
        for f in buf:
            rank, t, e, name, bib, team, points, line = fields(f)
            try:
                if rank.isdigit():
                    position = num(rank)
                    status = "finished"
                    if position >= FIRST_RANK_CODE or not position:
                        position, status = self._rank_code(rank, line)
                else:
                    position = None
                    status = status_of(rank) or self._status(rank, line)
                t = num(t) if t else None
                e = num(e) if e else None
                bib = num(bib) if bib else None
                points = num(points) if points else None
            except ValueError:
                raise self._bad_number(f) from None
            if (t is not None and t < 0) or (e is not None and e < 0):
                raise self._error(f"times of at least 0 were expected, found {t} and {e}", line)
            if not name or name[0] == " " or name[-1] == " " or "  " in name:
                name = self._name(name, line)
            append(
                result(
                    race, year, label, name, order, team or None, bib, None, status,
                    position, rank, e, t, None, None, points, None, False, line,
                )
            )  # fmt: skip
        return out

    def _times(self, results: list[StageResult]) -> tuple[int | None, int]:
        """Absolute times and gaps; returns the winner's time and how many times decrease.

        The first timed row is the winner's. On the others `time_s` is a gap,
        except where it holds an absolute time (elapsed_s then about doubled):
        a time field of at least the winner's time that equals the winner's
        time or the time of the rider above (and keeps the ranked rows in
        order), or that continues a run of such rows. On an unranked row (OTL,
        DSQ, NQ) such a time is no time at all: the row keeps none.
        """
        winner = prev = ranked = None
        prev_absolute = False
        decreases = 0
        for r in results:
            e, t = r.time_seconds, r.gap_seconds
            if e is None or t is None:
                if e is not t:
                    raise self._error("time_s and elapsed_s were expected both or neither", r.line)
                continue
            if winner is None:
                winner = e
                r.gap_seconds = 0
                if t != e:
                    self._time_mismatch(r, t, None)
            elif e != winner + t:
                r.gap_seconds = e - winner
                self._time_mismatch(r, t, winner)
            elif t >= winner > 0 and (t in (winner, prev) or prev_absolute):
                if r.position is None:
                    self._no_usable_time(r, t, winner)
                    continue
                if prev_absolute or ranked is None or t >= ranked:
                    e = self._absolute_in_gap(r, t, winner)
                    prev_absolute = True
            else:
                prev_absolute = False
            if r.position is not None:
                if ranked is not None and e < ranked:
                    decreases += 1
                    self._warn(
                        f"time {format_time(e)} is less than the rider above's "
                        f"{format_time(ranked)}",
                        r.line,
                        "elapsed_s",
                        "gap_decreases",
                    )
                ranked = e
            prev = e
        if winner == 0:
            self._no_absolute_times(results)
            return None, decreases
        return winner, decreases

    def _absolute_in_gap(self, r: StageResult, t: int, winner: int) -> int:
        """t: the row's time_s (r.gap_seconds), an absolute time; returns it."""
        r.time_seconds, r.gap_seconds = t, t - winner
        self._warn(
            f"the gap field holds the rider's absolute time {format_time(t)} (gap "
            f"{format_gap(t - winner)}), not a gap; elapsed_s {format_time(winner + t)}, "
            "the winner's time plus that, ignored",
            r.line,
            "time_s",
            "absolute_in_gap",
        )
        return t

    def _no_usable_time(self, r: StageResult, t: int, winner: int) -> None:
        """An unranked row (OTL, DSQ, NQ) whose time field t repeats the winner's time."""
        r.time_seconds = r.gap_seconds = None
        r.is_suspect = True
        self._warn(
            f"the gap field of this {r.position_text} row holds an absolute time "
            f"({format_time(t)}, the winner's being {format_time(winner)}), and elapsed_s "
            f"{format_time(winner + t)} doubles it: no usable time; kept without one, suspect",
            r.line,
            "time_s",
            "absolute_in_gap",
        )

    def _time_mismatch(self, r: StageResult, t: int, winner: int | None) -> None:
        """elapsed_s is not time_s (winner's row) or the winner's time plus time_s."""
        r.is_suspect = True
        expected = "time_s" if winner is None else f"the winner's time {format_time(winner)} plus"
        self._warn(
            f"elapsed_s {format_time(r.time_seconds)} was expected to be {expected} time_s "
            f"{format_time(t)}; elapsed_s kept, row suspect",
            r.line,
            "elapsed_s",
            "time_mismatch",
        )

    def _no_absolute_times(self, results: list[StageResult]) -> None:
        for r in results:
            r.time_seconds = None
        self._warn(
            "the winner's time is 0: this stage has only gaps, no absolute times",
            results[0].line,
            "elapsed_s",
            "no_stage_time",
        )

    def _duplicates(self, results: list[StageResult]) -> None:
        """Bibs given to two riders are dropped; a rider listed twice is suspect the 2nd time."""
        year = self._current()
        with_bib = [r for r in results if r.bib is not None]
        bibs = {r.bib: r.rider for r in reversed(with_bib)}  # the first rider with the bib
        shared = len(bibs) < len(with_bib)  # a bib twice in this stage
        owner = year.bib_owner
        for bib, name in bibs.items() - owner.items():  # new bibs, or a bib with a new name
            if bib in owner:
                shared = True
            else:
                owner[bib] = name
        if shared:
            self._shared_bibs(results)
        if year.shared_bibs:
            for r in results:
                if r.bib in year.shared_bibs:
                    r.bib = None
        names = [r.rider for r in results]
        if len(set(names)) == len(names):
            return
        seen = set()
        for r in results:
            key = (r.bib, r.rider)
            if key in seen:
                r.is_suspect = True
                self._warn(
                    f"{r.rider} (bib {r.bib}) is listed again in this stage; this row is suspect",
                    r.line,
                    "rider",
                    "duplicate_rider",
                )
            seen.add(key)

    def _shared_bibs(self, results: list[StageResult]) -> None:
        """Find the bibs that this stage or the stages before give to another rider."""
        year = self._current()
        owner, shared = year.bib_owner, year.shared_bibs
        for r in results:
            if r.bib is None or r.bib in shared:
                continue
            first = owner.setdefault(r.bib, r.rider)
            if first != r.rider:
                shared.add(r.bib)
                self._warn(
                    f"bib {r.bib} is given to {first} and to {r.rider} in {year.year}; "
                    "the bib is left out for both so that they are not taken for one rider",
                    r.line,
                    "bib_number",
                    "duplicate_bib",
                )

    # -- stage-level defects ----------------------------------------------

    def _is_copy(self, buf: list[list]) -> str | None:
        """The stage this one repeats row for row (all columns but `stage`), or None."""
        previous, self.previous = self.previous, buf
        if len(previous) != len(buf):
            return None
        ist = self.ix["stage"]
        for a, b in zip(previous, buf, strict=True):  # the last field is the line number
            if a[:ist] != b[:ist] or a[ist + 1 : -1] != b[ist + 1 : -1]:
                return None
        return previous[0][ist]

    def _gc_reason(self, timed: list[StageResult], winner: int) -> str | None:
        """Why this stage's rows are a GC table rather than a stage result, or None."""
        year = self._current()
        if not year.clean or winner < year.winners_sum - BONUS_SLACK:
            return None
        why = (
            f"the leader's time {format_time(winner)} is at least the sum of the previous "
            f"stage winners' times ({format_time(year.winners_sum)})"
        )
        if len(timed) <= TRUNCATED_SHARE * year.most_timed:
            return (
                f"{why} and only {len(timed)} riders have a time against up to "
                f"{year.most_timed} in the stages before"
            )
        share = self._team_pure_share(timed)
        if share is not None and share >= TEAM_PURE_SHARE:
            return (
                f"{why} and for {share:.0%} of the riders the time less their cumulative "
                "time is shared with teammates only (a team time trial)"
            )
        return None

    def _team_pure_share(self, timed: list[StageResult]) -> float | None:
        """Share of riders whose (time - cumulative time) only teammates share."""
        cumulative = self._current().cumulative
        groups: dict[int, list[str | None]] = {}
        common = []
        for r in timed:
            before = cumulative.get(r.rider)
            if before is not None:
                rest = r.time_seconds - before
                groups.setdefault(rest, []).append(r.team)
                common.append(rest)
        if len(common) < MIN_COMMON:
            return None
        pure = {rest for rest, teams in groups.items() if len(teams) > 1 and _one_team(teams)}
        return sum(1 for rest in common if rest in pure) / len(common)

    def _add_clean(self, timed: list[StageResult], winner: int) -> None:
        year = self._current()
        current = {r.rider: r.time_seconds for r in timed}
        if year.clean:
            before = year.cumulative
            current = {k: before[k] + v for k, v in current.items() if k in before}
        year.cumulative = current
        year.clean += 1
        year.winners_sum += winner
        year.most_timed = max(year.most_timed, len(timed))

    def _gc_message(self, label: str, reason: str) -> str:
        return (
            f"stage {label} of {self._current().year} holds the general classification after the "
            f"stage, not the stage result: {reason}; rows kept, marked suspect"
        )

    def _copy_message(self, label: str, copy: str) -> str:
        return (
            f"stage {label} of {self._current().year} repeats {copy} row for row (the source "
            "copied one half of a split stage into the other); rows kept, marked suspect"
        )

    def _suspect(self, results: list[StageResult], line: int, code: str, message: str) -> None:
        for r in results:
            r.is_suspect = True
        self.warnings.insert(0, Warning(message, line, "stage", code))

    # -- values and errors ------------------------------------------------

    def _rank_code(self, rank: str, line: int) -> tuple[None, str]:
        if int(rank) == 0:
            raise self._error("a rank of at least 1 was expected, found '0'", line, "rank")
        self._warn(
            f"rank {rank} is a code, not a position; status unknown", line, "rank", "rank_code"
        )
        return None, "unknown"

    def _status(self, rank: str, line: int) -> str:
        try:
            if not rank.strip():
                raise ParseError("a rank or a status such as DNF was expected, found ''")
            return parse_status(rank)
        except ParseError as e:
            raise self._error(str(e), line, "rank") from None

    def _name(self, name: str, line: int) -> str:
        cleaned = " ".join(name.split())
        if not cleaned:
            raise self._error("a rider name was expected, found an empty value", line, "rider")
        return cleaned

    def _int(self, text: str, line: int, column: str, what: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise self._error(f"{what} was expected, found {text!r}", line, column) from None

    def _bad_number(self, f: list) -> LoadError:
        for column in ("rank", "time_s", "elapsed_s", "bib_number", "points"):
            value = f[self.ix[column]]
            if value and not value.isdigit():
                what = "a rank or a status" if column == "rank" else "a whole number"
                return self._error(f"{what} was expected, found {value!r}", f[-1], column)
        return self._error("whole numbers were expected", f[-1])

    # line: int | None as on the records (every row this reader builds has one)
    def _error(self, message: str, line: int | None, column: str | None = None) -> LoadError:
        return LoadError(message, str(self.path), line, column)

    def _warn(self, message: str, line: int | None, column: str, code: str = "suspicious") -> None:
        self.warnings.append(Warning(message, line, column, code))


def _one_team(teams: list[str | None]) -> bool:
    first = teams[0]
    return first is not None and all(team == first for team in teams)
