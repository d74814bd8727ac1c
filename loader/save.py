"""Records -> rows: lookups, upserts, identity and provenance.

A `Writer` saves the records of one file inside the caller's transaction.
Lookups (races, editions, stages, teams, riders, entries) are dict caches, and
result rows go in with `executemany` in batches: the hot path of a 255k-row
file is a few dict look-ups and a tuple per row.

Facts that several sources hold fill each other in (`coalesce`): the first
value loaded for a column stays, a later source only fills what is missing.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from palmares import identity, sqlfiles
from palmares.errors import LoadError, ParseError
from palmares.names import (
    PersonName,
    canonical_race,
    check_name,
    name_key,
    name_tokens,
    parse_name,
    slugify,
    spelling_quality,
    team_display,
    team_key,
    team_name_rank,
)
from palmares.nations import nation_code
from palmares.values import stage_order

from . import riders
from .records import (
    Adjustment,
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

BATCH = 5000
# records that report a race's results, and so cannot come from the future
_Dated = StageResult | Standing | Adjustment | Jersey
# the statements below, by name (loader/sql/save.sql)
_SQL = sqlfiles.load("palmares.loader", "save.sql")
UNCLASSIFIED = 100_000  # position_order of unclassified rows starts here


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The rowid of the row a plain INSERT on this cursor just made.

    sqlite3 sets `lastrowid` once an INSERT has run, so None here means the
    statement was not an INSERT: a bug of the caller, never of the data.
    """
    rowid = cur.lastrowid
    if rowid is None:
        raise RuntimeError("the rowid of an INSERT was expected, found none")
    return rowid


@dataclass
class _EditionEntries:
    by_bib: dict[int, int] = field(default_factory=dict)
    by_rider: dict[int, tuple[int | None, int | None]] = field(default_factory=dict)  # bib, team


class Writer:
    """Saves records of one source file; call `finish()` at the end."""

    def __init__(self, conn: sqlite3.Connection, source_id: int, path: str) -> None:
        self.conn = conn
        self.source_id = source_id
        self.path = path
        self.counts: Counter[str] = Counter()
        self.warnings = 0
        # edition -> the earliest stage_order whose computed GC may have changed
        self.editions_touched: dict[int, int] = {}
        # Lookups are loaded as the file needs them, never whole tables: the cost of
        # a file stays the same however big the database already is.
        self._races: dict[str, int] = {}
        self._editions: dict[tuple[int, int], int] = {}
        self._stages: dict[tuple[int, str], int] = {}
        self._stage_orders: dict[int, int] = {}  # stage id -> stage_order
        # caches by the reader's own spelling, before any folding
        self._race_names: dict[str, int] = {}
        self._edition_names: dict[tuple[str, int], int] = {}
        self._stage_names: dict[tuple[str, int, str], int] = {}
        self._stages_loaded: set[int] = set()
        self._stage_ids: dict[tuple[str, int, str], tuple[int, int]] = {}  # -> (stage, edition)
        self._stages_touched: set[int] = set()
        self._teams: dict[str, int] = {}
        self._team_names: dict[int, str] = {}
        # lookups read plain tuples: cheaper than the connection's sqlite3.Row
        self._q = conn.cursor()
        self._q.row_factory = None
        self._riders = riders.RiderFacts(self._q)
        self._index = riders.WordIndex(self._q)
        self._apart = riders.apart_keys(self._q)  # hand corrections: never these two
        self._evidence: dict[int, identity.Evidence] = {}
        self._lines: set[tuple[int, int, str, str]] = set()  # see _seen_in
        self._touched: set[int] = set()
        self._new_riders = 0
        self._edition_refs: dict[int, tuple[str, int]] = {}
        self._bad_nations: set[str] = set()
        self._entries: dict[int, _EditionEntries] = {}
        self._known_riders: dict[tuple[int, str, int | None], int] = {}  # see rider_id
        self._known_entries: dict[tuple, int] = {}  # see entry
        self._aliases: set[tuple[int, str]] = set()  # (rider, spelling) seen in this file
        self._results: list[tuple] = []
        self._standings: list[tuple] = []
        self._seen: dict[tuple[int, int], int] = {}  # (stage, rider) -> line, this file
        self._standings_seen: dict[tuple, int] = {}
        # unclassified rows so far: by stage for results, by (edition, stage, kind) for standings
        self._unclassified: Counter[int | tuple[int, int | None, str]] = Counter()
        self._last: dict[tuple, tuple[int, int]] = {}  # stage/standing -> (position, time)
        self._positions: dict[tuple, dict[int, int | None]] = {}
        self._warned: set[tuple[int | None, str]] = set()
        # results exist only for races already run: a year past next year is a typo
        self._latest_year = date.today().year + 1

    # ------------------------------------------------------------ dispatch

    def add(self, rec: Record) -> None:
        """Save one record; a row the schema refuses names its line."""
        try:
            self._add(rec)
        except (sqlite3.IntegrityError, OverflowError) as e:
            raise LoadError(
                f"data that fits the schema was expected ({e})", self.path, rec.line
            ) from None

    def _add(self, rec: Record) -> None:
        # `type(rec) is`, not isinstance: a subclass of a record is no record (TypeError
        # below); written out in each test so that the type checker narrows `rec`
        kind = type(rec)
        if type(rec) is StageResult:
            self._check_year(rec)
            self.save_stage_result(rec)
        elif type(rec) is Standing:
            self._check_year(rec)
            self.save_standing(rec)
        elif type(rec) is Entry:
            self.save_entry(rec)
        elif type(rec) is Stage:
            self.save_stage(rec)
        elif type(rec) is Edition:
            self.save_edition(rec)
        elif type(rec) is Race:
            self.save_race(rec)
        elif type(rec) is Adjustment:
            self._check_year(rec)
            self.save_adjustment(rec)
        elif type(rec) is Jersey:
            self._check_year(rec)
            self.save_jersey(rec)
        elif type(rec) is Warning:
            self.save_warning(rec.message, rec.line, rec.column, rec.code)
            return
        else:
            raise TypeError(f"not a record: {rec!r}")
        self.counts[kind.__name__] += 1

    def _check_year(self, rec: _Dated) -> None:
        """A record of a race's results cannot come from the future."""
        if rec.year > self._latest_year:
            raise LoadError(
                f"results up to the year {self._latest_year} were expected, found {rec.year}"
                " (a year in the future)",
                self.path,
                rec.line,
            )

    def finish(self) -> None:
        """Flush buffered rows, then settle the riders this file touched."""
        self._flush(_SQL["result_upsert"], self._results)
        self._flush(_SQL["standing_insert"], self._standings)
        self.settle()

    # ------------------------------------------------------------ races, editions, stages

    def save_race(self, rec: Race) -> int:
        """Upsert a race: an explicit Race record sets gender and one-day."""
        name = canonical_race(rec.name)
        ref = rec.ref or slugify(name)
        self.conn.execute(
            _SQL["race_upsert"],
            (ref, name, rec.country, int(rec.is_one_day), rec.gender, self.source_id, rec.line),
        )
        if ref not in self._races:
            rid = self._race_by_ref(ref)
            if rid is None:
                # the upsert above inserted the row or kept the one there
                raise RuntimeError(f"the race {ref!r} was expected after its upsert")
            self._races[ref] = rid
        return self._races[ref]

    def _race_by_ref(self, ref: str) -> int | None:
        row = self.conn.execute(_SQL["race_by_ref"], (ref,)).fetchone()
        return row[0] if row else None

    def race_id(self, race: str, line: int | None = None) -> int:
        """The id of a race by name or ref, created when new."""
        rid = self._race_names.get(race)
        if rid is None:
            rid = self._race_names[race] = self._race_id(race, line)
        return rid

    def _race_id(self, race: str, line: int | None) -> int:
        race = canonical_race(race)
        ref = slugify(race)
        if not ref:
            raise LoadError("a race name was expected", self.path, line)
        rid = self._races.get(ref) or self._race_by_ref(ref)
        if rid is None:
            cur = self.conn.execute(_SQL["race_insert"], (ref, race, self.source_id, line))
            rid = inserted_id(cur)
        self._races[ref] = rid
        return rid

    def edition_id(self, race: str, year: int, line: int | None = None) -> int:
        """The id of an edition, created (with default rules) when new."""
        eid = self._edition_names.get((race, year))
        if eid is None:
            eid = self._edition_names[(race, year)] = self._edition_id(race, year, line)
        return eid

    def _edition_id(self, race: str, year: int, line: int | None) -> int:
        race_id = self.race_id(race, line)
        eid = self._editions.get((race_id, year))
        if eid is None:
            row = self.conn.execute(_SQL["edition_by_year"], (race_id, year)).fetchone()
            if row:
                eid = self._editions[(race_id, year)] = row[0]
        if eid is None:
            if not 1868 <= year <= 2100:
                raise LoadError(f"a year between 1868 and 2100 was expected, found {year}",
                                self.path, line)  # fmt: skip
            cur = self.conn.execute(_SQL["edition_insert"], (race_id, year, self.source_id, line))
            eid = self._editions[(race_id, year)] = inserted_id(cur)
            self.conn.execute(_SQL["edition_rules_insert"], (eid, self.source_id, line))
        return eid

    def save_edition(self, rec: Edition) -> int:
        """Upsert an edition; given rules override the defaults."""
        eid = self.edition_id(rec.race, rec.year, rec.line)
        self.conn.execute(
            _SQL["edition_update"],
            (rec.number, rec.start_date, rec.end_date, int(rec.is_cancelled), rec.starters,
             rec.finishers, rec.distance_km, eid),
        )  # fmt: skip
        rules = {
            "finish_bonus_seconds": rec.finish_bonus_seconds,
            "team_riders_counted": rec.team_riders_counted,
            "youth_max_age": rec.youth_max_age,
        }
        for column, value in rules.items():
            if value is not None:
                # One statement a column of the dict above, kept here: in save.sql it
                # would need the column name formatted in all the same. Column names
                # come from the dict, never from input.
                self.conn.execute(
                    f"update edition_rules set {column} = ?, source_id = ?, line = ?"
                    " where edition_id = ?",
                    (value, self.source_id, rec.line, eid),
                )
        return eid

    def stage_id(self, race: str, year: int, label: str, line: int | None = None) -> int:
        """The id of a stage, created when new."""
        sid = self._stage_names.get((race, year, label))
        if sid is None:
            sid = self._stage_names[(race, year, label)] = self._stage_id(race, year, label, line)
        return sid

    def _stage_id(self, race: str, year: int, label: str, line: int | None) -> int:
        eid = self.edition_id(race, year, line)
        if eid not in self._stages_loaded:
            for sid, lab, order in self.conn.execute(_SQL["stages_of_edition"], (eid,)):
                self._stages[(eid, lab)] = sid
                self._stage_orders[sid] = order
            self._stages_loaded.add(eid)
        sid = self._stages.get((eid, label))
        if sid is None:
            number, order = stage_order(label)
            cur = self.conn.execute(
                _SQL["stage_insert"],
                (eid, label, number, order, self.source_id, line),
            )
            sid = self._stages[(eid, label)] = inserted_id(cur)
            self._stage_orders[sid] = order
            self.touch(eid, sid)  # a stage without results ends the computed GC
        return sid

    def touch(self, edition_id: int, stage_id: int) -> None:
        """Note that the computed GC of an edition may change from this stage on."""
        order = self._stage_orders[stage_id]
        if order < self.editions_touched.get(edition_id, order + 1):
            self.editions_touched[edition_id] = order

    def save_stage(self, rec: Stage) -> int:
        """Upsert a stage, filling in what is not yet known."""
        sid = self.stage_id(rec.race, rec.year, rec.label, rec.line)
        if rec.is_neutralised:
            # a neutralised stage's times do not count
            self.touch(self.edition_id(rec.race, rec.year, rec.line), sid)
        kind = "prologue" if rec.label == "0" and rec.kind in (None, "itt") else rec.kind
        self.conn.execute(
            _SQL["stage_update"],
            (rec.date, rec.departure, rec.arrival, rec.distance_km, rec.elevation_m, kind,
             int(bool(rec.is_neutralised)), sid),
        )  # fmt: skip
        return sid

    # ------------------------------------------------------------ teams

    def team_id(self, name: str | None, line: int | None = None) -> int | None:
        """The id of a team by folded name (`team_key`), created when new.

        Its display name is the best spelling seen (`team_name_rank`), whatever the order.
        """
        if not name:
            return None
        key = team_key(name)
        if not key:
            return None
        tid = self._teams.get(key)
        if tid is None:
            row = self.conn.execute(_SQL["team_by_key"], (key,)).fetchone()
            if row:
                tid = self._teams[key] = row[0]
                self._team_names[tid] = row[1]
        if tid is not None:
            self._better_team_name(tid, name)
            return tid
        try:
            check_name(name.strip(), "a team name")
        except ParseError as e:
            raise LoadError(str(e), self.path, line, "team") from None
        display = team_display(name)
        ref = base = slugify(display) or "team"
        n = 1
        while self.conn.execute(_SQL["team_ref_taken"], (ref,)).fetchone():
            n += 1
            ref = f"{base}-{n}"
        cur = self.conn.execute(
            _SQL["team_insert"],
            (ref, display, key, self.source_id, line),
        )
        tid = self._teams[key] = inserted_id(cur)
        self._team_names[tid] = display
        return tid

    def _better_team_name(self, tid: int, name: str) -> None:
        """Show the team under this spelling if it ranks before the one it has."""
        old = self._team_names[tid]
        if name.strip() == old:
            return
        display = team_display(name)
        if display and team_name_rank(display) < team_name_rank(old):
            self.conn.execute(_SQL["team_rename"], (display, tid))
            self._team_names[tid] = display

    # ------------------------------------------------------------ riders

    def _entries_of(self, edition_id: int) -> _EditionEntries:
        ee = self._entries.get(edition_id)
        if ee is None:
            ee = self._entries[edition_id] = _EditionEntries()
            # the riders of the edition come along: a file of one stage then needs
            # no query per rider
            edition_riders = self._q.execute(_SQL["edition_riders"], (edition_id,)).fetchall()
            for rid, bib, tid, *facts in edition_riders:
                ee.by_rider[rid] = (bib, tid)
                if bib is not None:
                    ee.by_bib[bib] = rid
                if rid not in self._riders:
                    self._riders[rid] = riders.Rider(*facts)
        return ee

    def rider_id(
        self,
        edition_id: int,
        name: str,
        order: str = "auto",
        bib: int | None = None,
        ref: str | None = None,
        line: int | None = None,
        split: tuple[str | None, str | None] | None = None,
        *,
        team: str | None = None,
        nation: str | None = None,
        birth: str | None = None,
    ) -> int:
        """The rider this spelling names in this edition, created when new.

        A bib already given in the edition decides; otherwise `identity.decide`
        judges the riders the name may be (`riders.WordIndex`). A source's own ref
        is not used: refs come from names (`riders.assign_refs`), whatever the order.
        """
        memo = (edition_id, name, bib)
        rid = self._known_riders.get(memo)
        if rid is None:
            rid = self._known_riders[memo] = self._rider_id(
                edition_id, name, order, bib, line, split, team, nation, birth
            )
            self._touched.add(rid)
            self._evidence.pop(rid, None)
        return rid

    def _rider_id(
        self,
        edition_id: int,
        name: str,
        order: str,
        bib: int | None,
        line: int | None,
        split: tuple[str | None, str | None] | None,
        team: str | None,
        nation: str | None,
        birth: str | None,
    ) -> int:
        key = name_key(name)
        if not key:
            raise LoadError(f"a rider name was expected, found {name!r}", self.path, line)
        try:  # "=Mark Padun" must not quietly match Mark Padun
            check_name(name.strip())
        except ParseError as e:
            raise LoadError(str(e), self.path, line, "rider") from None
        ee = self._entries_of(edition_id)
        race, year = self._edition_info(edition_id)
        roster = str(self.source_id)
        if bib is not None and (rid := ee.by_bib.get(bib)) is not None:
            same = key == self._riders[rid].key or identity.name_link(name, self._riders[rid].name)
            if same and not riders.kept_apart(self._apart, {name}, {self._riders[rid].name}):
                self._alias(rid, name, order, split)
                self._seen_in(rid, edition_id, bib, name)
                return rid
            self.save_warning(
                f"bib {bib} is {self._riders[rid].ref} elsewhere in this edition, "
                f"not {name!r}: kept as two riders",
                line,
                "bib",
                "bib_name_mismatch",
            )
        sighting = identity.Sighting(
            name, race, year, str(bib) if bib else None, team, nation_code(nation),
            int(birth[:4]) if birth else None, roster=roster,
        )  # fmt: skip
        candidates = [
            c
            for c in self._index.candidates(name)
            if not riders.kept_apart(self._apart, {name}, set(self._known(c).evidence.names))
        ]
        decision = identity.decide(sighting, [self._known(c) for c in candidates])
        if decision.outcome is identity.Outcome.KNOWN:
            if decision.rider is None:
                # identity.decide names the rider of every KNOWN decision
                raise TypeError("a KNOWN decision without its rider")
            rid = int(decision.rider)
            self._alias(rid, name, order, split)
        else:
            same_key = [c for c in candidates if c in ee.by_rider and self._riders[c].key == key]
            rid = self._new_rider(name, order, key, line, split)
            if same_key:
                self.save_warning(
                    f"two riders named {name!r} in one edition (bibs "
                    f"{', '.join(str(ee.by_rider[c][0]) for c in same_key)} and {bib}):"
                    " kept apart",
                    line,
                    "rider",
                    "same_name",
                )
            elif decision.outcome is identity.Outcome.AMBIGUOUS:
                self.save_warning(
                    f"{name!r} may be "
                    + ", ".join(self._riders[int(c)].ref for c in decision.candidates)
                    + f" ({decision.rule}: {decision.why}): kept as a new rider",
                    line,
                    "rider",
                    "identity_candidate",
                )
        self._seen_in(rid, edition_id, bib, name)
        return rid

    def _edition_info(self, edition_id: int) -> tuple[str, int]:
        info = self._edition_refs.get(edition_id)
        if info is None:
            row = self._q.execute(_SQL["edition_ref"], (edition_id,)).fetchone()
            info = self._edition_refs[edition_id] = (row[0], row[1])
        return info

    def _seen_in(self, rid: int, edition_id: int, bib: int | None, name: str) -> None:
        """This file's line for a rider: two lines of one list are two people."""
        line = (rid, edition_id, str(bib) if bib else "", name)
        if line not in self._lines:
            self._lines.add(line)
            self.conn.execute(
                riders.SQL["line_insert"], (rid, edition_id, self.source_id, line[2], name)
            )
            self._evidence.pop(rid, None)

    def _known(self, rid: int) -> identity.KnownRider:
        ev = self._evidence.get(rid)
        if ev is None:
            ev = self._evidence[rid] = riders.evidence(self._q, rid)
        return identity.KnownRider(rid, ev)

    def _new_rider(
        self,
        name: str,
        order: str,
        key: str,
        line: int | None,
        split: tuple[str | None, str | None] | None = None,
    ) -> int:
        person = self._person(name, order, split, line)
        # a provisional ref, unique to this file: `settle` gives the file's riders their refs
        self._new_riders += 1
        ref = f"new-{self.source_id}-{self._new_riders}"
        cur = self.conn.execute(
            _SQL["rider_insert"],
            (ref, person.display, person.given, person.family, key,
             " ".join(name_tokens(person.display)), self.source_id, line),
        )  # fmt: skip
        rid = inserted_id(cur)
        self._riders[rid] = riders.Rider(ref, key, person.display, None, None)
        self._alias(rid, name, order, split)
        return rid

    def _person(
        self,
        name: str,
        order: str,
        split: tuple[str | None, str | None] | None,
        line: int | None = None,
    ) -> PersonName:
        try:
            person = parse_name(name, order)
        except ParseError as e:
            raise LoadError(str(e), self.path, line, "rider") from None
        if split and (split[0] or split[1]):
            person = PersonName(split[0], split[1], person.display)
        return person

    def _alias(
        self,
        rid: int,
        name: str,
        order: str = "auto",
        split: tuple[str | None, str | None] | None = None,
    ) -> None:
        """A spelling of a rider, and the display form it gives, from this source."""
        if (rid, name) in self._aliases:
            return
        self._aliases.add((rid, name))
        self.conn.execute(_SQL["alias_insert"], (rid, name, name_key(name), self.source_id))
        person = self._person(name, order, split)
        self.conn.execute(
            _SQL["rider_name_insert"],
            (rid, person.display, person.given, person.family, spelling_quality(name)[0],
             int(bool(split and (split[0] or split[1]))), self.source_id),
        )  # fmt: skip
        self._index.add(rid, name)
        self._evidence.pop(rid, None)

    def _rider_facts(self, rid: int, nationality: str | None, birth: str | None) -> None:
        rider = self._riders[rid]
        code = nation_code(nationality) if nationality else None
        if nationality and code is None and nationality not in self._bad_nations:
            self._bad_nations.add(nationality)
            self.save_warning(
                f"a nationality (IOC code, ISO code or country name) was expected,"
                f" found {nationality!r}: left out",
                None,
                "nationality",
                "unknown_nationality",
            )
        if (code and not rider.nationality) or (birth and not rider.birth_date):
            rider.nationality = rider.nationality or code
            rider.birth_date = rider.birth_date or birth
            self.conn.execute(
                _SQL["rider_facts_update"], (rider.nationality, rider.birth_date, rid)
            )
            self._evidence.pop(rid, None)

    def settle(self) -> None:
        """Make this file's riders independent of load order (`riders.settle_file`)."""
        for edition_id in riders.settle_file(self._q, self._index, self._touched):
            self.editions_touched[edition_id] = -(10**9)

    def entry(
        self, edition_id: int, rid: int, team: str | None, bib: int | None, line: int | None
    ) -> int | None:
        """Ensure the rider's entry in the edition; returns the team id."""
        memo = (edition_id, rid, team, bib)
        tid = self._known_entries.get(memo)
        if tid is not None:
            return tid
        tid = self._entry(edition_id, rid, team, bib, line)
        if tid is not None and self._entries[edition_id].by_rider[rid][1] is not None:
            # an entry's team, once known, stays: the same call changes nothing again
            self._known_entries[memo] = tid
        return tid

    def _entry(
        self, edition_id: int, rid: int, team: str | None, bib: int | None, line: int | None
    ) -> int | None:
        ee = self._entries_of(edition_id)
        known = ee.by_rider.get(rid)
        tid = self.team_id(team, line)
        if known is None:
            if bib is not None and bib in ee.by_bib:
                bib = None  # the bib belongs to someone else (warned in rider_id)
            self.conn.execute(
                _SQL["entry_insert"],
                (edition_id, rid, tid, team.strip() if team else None, bib, self.source_id, line),
            )
            ee.by_rider[rid] = (bib, tid)
            if bib is not None:
                ee.by_bib[bib] = rid
            return tid
        old_bib, old_team = known
        if (old_bib is None and bib is not None and bib not in ee.by_bib) or (
            old_team is None and tid is not None
        ):
            new_bib = old_bib if old_bib is not None or bib in ee.by_bib else bib
            self.conn.execute(
                _SQL["entry_update"],
                (new_bib, tid, team.strip() if team else None, edition_id, rid),
            )
            ee.by_rider[rid] = (new_bib, old_team if old_team is not None else tid)
            if new_bib is not None:
                ee.by_bib[new_bib] = rid
        return old_team if old_team is not None else tid

    def save_entry(self, rec: Entry) -> None:
        """A start-list row."""
        eid = self.edition_id(rec.race, rec.year, rec.line)
        rid = self.rider_id(
            eid,
            rec.rider,
            rec.name_order,
            rec.bib,
            rec.rider_ref,
            rec.line,
            (rec.given_name, rec.family_name),
            team=rec.team,
            nation=rec.nationality,
            birth=rec.birth_date,
        )
        self._rider_facts(rid, rec.nationality, rec.birth_date)
        self.entry(eid, rid, rec.team, rec.bib, rec.line)

    # ------------------------------------------------------------ results

    def save_stage_result(self, rec: StageResult) -> None:
        """Buffer one stage result row (or save a team row)."""
        # the hot path of a big file: every lookup below is a dict hit after the
        # first row of a stage, a rider or an entry
        where = (rec.race, rec.year, rec.stage)
        ids = self._stage_ids.get(where)
        if ids is None:
            sid = self.stage_id(rec.race, rec.year, rec.stage, rec.line)
            ids = self._stage_ids[where] = (sid, self.edition_id(rec.race, rec.year, rec.line))
        sid, eid = ids
        if rec.rider is None:
            self._save_team_result(sid, rec)
            return
        rid = self.rider_id(
            eid, rec.rider, rec.name_order, rec.bib, rec.rider_ref, rec.line,
            team=rec.team, nation=rec.nationality,
        )  # fmt: skip
        if rec.nationality:
            self._rider_facts(rid, rec.nationality, None)
        tid = self.entry(eid, rid, rec.team, rec.bib, rec.line)
        first = self._seen.get((sid, rid))
        if first is not None:
            self.save_warning(
                f"{rec.rider!r} appears twice in stage {rec.stage} (first at line {first}):"
                " the second row is skipped",
                rec.line,
                "rider",
                "duplicate_rider",
            )
            return
        self._seen[(sid, rid)] = rec.line or 0
        if sid not in self._stages_touched:
            self._stages_touched.add(sid)
            self.touch(eid, sid)
        status = rec.status
        if rec.position is not None:
            order = rec.position
            self._check_order((sid,), rec.position, rec.time_seconds, rec.line)
        else:
            self._unclassified[sid] += 1
            order = UNCLASSIFIED + self._unclassified[sid]
        text = rec.position_text or (str(rec.position) if rec.position else status.upper())
        self._results.append(
            (sid, rid, tid, status, rec.position, text, order, rec.time_seconds,
             rec.gap_seconds, rec.bonus_seconds, rec.penalty_seconds, rec.points,
             int(rec.is_suspect), self.source_id, rec.line)
        )  # fmt: skip
        if len(self._results) >= BATCH:
            self._flush(_SQL["result_upsert"], self._results)

    def _check_order(self, key: tuple, position: int, time: int | None, line: int | None) -> None:
        """Warn where a rider placed lower has a better time, or a place repeats."""
        seen = self._positions.setdefault(key, {})
        if position in seen and (time is None or seen[position] != time):
            # riders of one team share a place and a time in a team time trial
            self.save_warning(f"place {position} given twice", line, "rank", "duplicate_rank")
        seen.setdefault(position, time)
        if time is None:
            return
        last = self._last.get(key)
        if last is not None and position > last[0] and time < last[1]:
            self.save_warning(
                f"place {position} has a better time than place {last[0]} above it",
                line,
                "time",
                "gap_decreases",
            )
        self._last[key] = (position, time)

    def _flush(self, sql: str, rows: list[tuple]) -> None:
        """executemany a batch; on a refused row, name its line (the file rolls back)."""
        if not rows:
            return
        try:
            self.conn.executemany(sql, rows)
        except (sqlite3.IntegrityError, OverflowError):
            for row in rows:
                try:
                    self.conn.execute(sql, row)
                except (sqlite3.IntegrityError, OverflowError) as e:
                    raise LoadError(
                        f"data that fits the schema was expected ({e})", self.path, row[-1]
                    ) from None
            raise
        rows.clear()

    def _save_team_result(self, sid: int, rec: StageResult) -> None:
        tid = self.team_id(rec.team, rec.line)
        if tid is None:
            raise LoadError("a rider or a team was expected", self.path, rec.line)
        self.conn.execute(
            _SQL["team_result_insert"],
            (sid, tid, rec.position, rec.time_seconds, rec.gap_seconds, self.source_id, rec.line),
        )

    def save_standing(self, rec: Standing) -> None:
        """One row of a published classification."""
        eid = self.edition_id(rec.race, rec.year, rec.line)
        sid = None if rec.stage is None else self.stage_id(rec.race, rec.year, rec.stage, rec.line)
        rid = tid = None
        if rec.rider:
            rid = self.rider_id(
            eid, rec.rider, rec.name_order, rec.bib, rec.rider_ref, rec.line,
            team=rec.team, nation=rec.nationality,
        )  # fmt: skip
            if rec.nationality:
                self._rider_facts(rid, rec.nationality, None)
            tid = self.entry(eid, rid, rec.team, rec.bib, rec.line)
        else:
            tid = self.team_id(rec.team, rec.line)
            if tid is None:
                raise LoadError("a rider or a team was expected", self.path, rec.line)
        key = (eid, sid, rec.kind, rid, None if rid else tid)
        if key in self._standings_seen:
            self.save_warning(
                f"{rec.rider or rec.team!r} appears twice in the {rec.kind} classification"
                f" (first at line {self._standings_seen[key]}): the second row is skipped",
                rec.line,
                "rider",
                "duplicate_rider",
            )
            return
        self._standings_seen[key] = rec.line or 0
        group = (eid, sid, rec.kind)
        if rec.position is not None:
            order = rec.position
            if rec.kind in ("gc", "youth", "teams"):
                self._check_order(group, rec.position, rec.time_seconds, rec.line)
        else:
            self._unclassified[group] += 1
            order = UNCLASSIFIED + self._unclassified[group]
        text = rec.position_text or (str(rec.position) if rec.position else rec.status.upper())
        self._standings.append(
            (eid, sid, rec.kind, rid, tid, rec.status, rec.position, text, order,
             rec.time_seconds, rec.gap_seconds, rec.points, rec.bonus_seconds,
             rec.penalty_seconds, self.source_id, rec.line)
        )  # fmt: skip
        if len(self._standings) >= BATCH:
            self._flush(_SQL["standing_insert"], self._standings)

    def save_jersey(self, rec: Jersey) -> None:
        """Who wore a classification's jersey after a stage (not a standing)."""
        eid = self.edition_id(rec.race, rec.year, rec.line)
        sid = self.stage_id(rec.race, rec.year, rec.stage, rec.line)
        rid = self.rider_id(eid, rec.rider, rec.name_order, None, None, rec.line)
        self.entry(eid, rid, None, None, rec.line)
        self.conn.execute(
            _SQL["jersey_insert"],
            (sid, rec.kind, rid, self.source_id, rec.line),
        )

    def save_adjustment(self, rec: Adjustment) -> None:
        """A penalty, bonus, relegation or disqualification."""
        eid = self.edition_id(rec.race, rec.year, rec.line)
        sid = None if rec.stage is None else self.stage_id(rec.race, rec.year, rec.stage, rec.line)
        rid = None
        if rec.rider:
            rid = self.rider_id(eid, rec.rider, rec.name_order, rec.bib, None, rec.line)
        tid = self.team_id(rec.team, rec.line)
        if sid is not None and rid is not None and not rec.is_derived:
            self.touch(eid, sid)  # the computed GC counts penalties and bonuses
        self.conn.execute(
            _SQL["adjustment_insert"],
            (eid, sid, rid, tid, rec.kind, rec.seconds, rec.points, rec.reason,
             int(rec.is_derived), self.source_id, rec.line),
        )  # fmt: skip

    def save_warning(
        self, message: str, line: int | None, column: str | None = None, code: str = "suspicious"
    ) -> None:
        """Record suspicious but loadable data (once per line and kind)."""
        if line is not None:
            if (line, code) in self._warned:
                return
            self._warned.add((line, code))
        self.warnings += 1
        self.conn.execute(
            _SQL["warning_insert"],
            (self.source_id, line, column, code, message),
        )
