"""Reader for news reports that end with a "Race Profile" block of results.

Team sites publish a stage report with a box like this at the end:

    Race Profile
    Criterium du Dauphine
    Stage 8: La Léchère-Les-Bains > Les Gets (147km)
    Top 3: 1. Mark Padun (Bahrain – Victorious), 2. Jonas Vingegaard (Team Jumbo-Visma), ...
    Astana – Premier Tech top 3: 7. Alexey Lutsenko, 13. Ion Izagirre, 34. Oscar Rodriguez
    Top 3 on GC: 1. Richie Porte (INEOS Grenadiers), 2. Alexey Lutsenko (Astana – Premier Tech), ...
    Astana – Premier Tech top 3 on GC: 2. Alexey Lutsenko, 7. Ion Izagirre, 50. Oscar Rodriguez

Ranks only, no times. The year is the report's (a first line ` date 2021-06-06 ...`, or a
`Date:`/`Year:` line), unless the race heading names one ("Tour de France 2022"). The whole
file is scanned before anything is yielded: the block is a few lines, and a rider named on two
lines (`Top 3` and `<Team> top 3`) is one result.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from ..errors import LoadError
from ..names import clean_text, fold, name_key, slugify, team_key
from ..records import Edition, Race, Record, Stage, StageResult, Standing
from ..records import Warning as RecordWarning

FORMAT = "race_profile"

# Reports are short; detection reads this much when the block is not in the first 8 KiB.
DETECT_LIMIT = 1 << 20

# slug of the heading -> (canonical name, country, gender)
KNOWN_RACES = {
    "criterium-du-dauphine": ("Critérium du Dauphiné", "FRA", "men"),
    "criterium-du-dauphine-libere": ("Critérium du Dauphiné", "FRA", "men"),
    "tour-de-france": ("Tour de France", "FRA", "men"),
    "tour-de-france-femmes": ("Tour de France Femmes", "FRA", "women"),
    "tour-de-france-femmes-avec-zwift": ("Tour de France Femmes", "FRA", "women"),
    "giro-d-italia": ("Giro d'Italia", "ITA", "men"),
    "giro-ditalia": ("Giro d'Italia", "ITA", "men"),
    "vuelta-a-espana": ("Vuelta a España", "ESP", "men"),
    "la-vuelta": ("Vuelta a España", "ESP", "men"),
    "la-vuelta-a-espana": ("Vuelta a España", "ESP", "men"),
    "la-vuelta-ciclista-a-espana": ("Vuelta a España", "ESP", "men"),
    "tour-de-suisse": ("Tour de Suisse", "CHE", "men"),
    "paris-nice": ("Paris-Nice", "FRA", "men"),
    "tirreno-adriatico": ("Tirreno-Adriatico", "ITA", "men"),
    "volta-a-catalunya": ("Volta a Catalunya", "ESP", "men"),
    "volta-ciclista-a-catalunya": ("Volta a Catalunya", "ESP", "men"),
    "tour-de-romandie": ("Tour de Romandie", "CHE", "men"),
    "itzulia-basque-country": ("Itzulia Basque Country", "ESP", "men"),
    "itzulia": ("Itzulia Basque Country", "ESP", "men"),
    "tour-of-the-basque-country": ("Itzulia Basque Country", "ESP", "men"),
    "vuelta-al-pais-vasco": ("Itzulia Basque Country", "ESP", "men"),
    "tour-de-pologne": ("Tour de Pologne", "POL", "men"),
}
_WOMEN_WORDS = {"femmes", "women", "womens", "woman", "ladies", "donne", "femenina", "feminin"}

# words after "Top N" (stop words dropped) -> classification; "stage" is the stage result
CLASSIFICATIONS = {
    "": "stage", "stage": "stage",
    "gc": "gc", "general": "gc", "overall": "gc",
    "points": "points", "green": "points",
    "mountains": "mountains", "mountain": "mountains", "kom": "mountains",
    "king of mountains": "mountains", "climbers": "mountains",
    "youth": "youth", "young riders": "youth", "young rider": "youth",
    "best young rider": "youth", "best young riders": "youth", "white": "youth",
    "teams": "teams", "team": "teams",
    "sprints": "sprint", "sprint": "sprint", "intermediate sprints": "sprint",
}  # fmt: skip
_STOP_WORDS = {"on", "in", "the", "classification", "standings", "ranking", "jersey"}

_KIND = r"itt|ttt|tt|chrono|individual time[- ]trial|team time[- ]trial|time[- ]trial"
_PROFILE = re.compile(r"^race profile\s*:?$", re.I)
_STAGE = re.compile(
    rf"^(?:stage\s+(?P<label>\d{{1,2}}[a-z]?)|(?P<prologue>prologue))\s*"
    rf"(?:\(\s*(?:{_KIND})\s*\)|[-–—]?\s*(?:{_KIND}))?\s*:\s*(?P<route>.*)$",
    re.I,
)
_TOP = re.compile(
    r"^(?:(?P<prefix>[^:]*?)\s+)?top\s+(?P<n>\d+)(?P<qual>[^:\d]*):\s*(?P<entries>.*)$", re.I
)
_SENTENCE = re.compile(r"[.!?;](?:\s|$)|[«»\"“”]")
_DATE_LINE = re.compile(
    r"^date\s*:?\s*(?P<iso>\d{4}-\d{2}-\d{2})\b|^(?:date|year)\s*:\s*(?P<text>.*)$", re.I
)
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
_HEADING_YEAR = re.compile(
    r"^(?:(?P<y1>(?:18|19|20)\d{2})\s+)?(?P<name>.+?)(?:\s+(?P<y2>(?:18|19|20)\d{2}))?$"
)
_TRAILING_PAREN = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*\.?$")
_DISTANCE = re.compile(r"(\d+(?:[.,]\d+)?)\s*kms?\b", re.I)
_KIND_WORDS = re.compile(rf"\b(?:{_KIND})\b", re.I)
_TTT = re.compile(r"\bttt\b|team time[- ]trial", re.I)
_ROUTE_SEP = re.compile(r"\s*(?:>|→)\s*")
_DASH_SEP = re.compile(r"\s+[-–—]\s+")
_ENTRY_SPLIT = re.compile(r"\s*[,;]\s*(?=\d+\s*\.)")
_RIDER_ENTRY = re.compile(
    r"(?P<pos>\d+)\s*\.\s*(?P<name>[^\W\d_][^()\d]*?)\s*(?:\(\s*(?P<team>[^()]*?\S)\s*\)\s*\.?)?"
)
_TEAM_ENTRY = re.compile(r"(?P<pos>\d+)\s*\.\s*(?P<name>[^\s()][^()]*?)\s*")

STAGE_EXAMPLE = "'Stage 8: La Léchère-Les-Bains > Les Gets (147km)' or 'Prologue: Brussels (8km)'"
TOP_EXAMPLE = "'Top 3: 1. Name (Team), 2. ...'"


@dataclass(slots=True)
class _TopLine:
    kind: str  # "stage" or a classification
    size: int  # the N of "Top N"
    team: str | None  # the `<Team>` of "<Team> top N"
    entries: list[tuple[int, str, str | None]]  # (rank, name, team)
    line: int


@dataclass(slots=True)
class _Section:
    label: str
    departure: str | None
    arrival: str | None
    distance_km: float | None
    kind: str | None
    line: int
    tops: list[_TopLine] = field(default_factory=list)


@dataclass(slots=True)
class _Block:
    race: str
    year: int | None  # when the heading names one
    line: int
    sections: list[_Section] = field(default_factory=list)


@dataclass(slots=True)
class _Row:
    rank: int
    name: str
    team: str | None
    line: int


# --- detection -----------------------------------------------------------------------


def detect(path: Path, head: str) -> bool:
    """True for text with a `Race Profile` line followed by a stage or `Top N:` line."""
    if "\x00" in head:
        return False
    if _has_block(head):
        return True
    if "race profile" in head.lower() or _looks_like_report(path, head):
        return _has_block(_read_start(path, DETECT_LIMIT))
    return False


def _looks_like_report(path: Path, head: str) -> bool:
    """A text file the block may sit beyond the head of: dated like the seed, or .txt/.md."""
    first = head.lstrip("\ufeff").lstrip()
    return bool(re.match(r"date\s+\d{4}-\d{2}-\d{2}", first)) or path.suffix.lower() in (
        ".txt",
        ".md",
        ".text",
    )


def _read_start(path: Path, size: int) -> str:
    with open(path, "rb") as f:
        return f.read(size).decode("utf-8", errors="replace")


def _has_block(text: str) -> bool:
    lines = [clean_text(t) for t in text.splitlines()]
    for i, line in enumerate(lines):
        if not _PROFILE.match(line):
            continue
        following = [t for t in lines[i + 1 : i + 12] if t][:4]
        if any(_STAGE.match(t) or _top_match(t) for t in following):
            return True
    return False


# --- reading -------------------------------------------------------------------------


def read(path: Path) -> Iterator[Record]:
    """Race, Edition, Stage, StageResult and Standing records of a report's Race Profile."""
    scanner = _Scanner(str(path))
    for n, text in _physical_lines(path):
        scanner.feed(n, text)
    blocks = scanner.finish()
    yield from _emit(blocks, scanner.year, str(path))


def _physical_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(1-based line, whitespace-collapsed text); LF, CRLF and lone CR all end a line."""
    n = 0
    with open(path, "rb") as f:
        for raw in f:
            if n == 0:
                _check_start(raw, path)
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            raw = raw.removesuffix(b"\n").removesuffix(b"\r")
            for part in raw.split(b"\r"):
                n += 1
                yield n, clean_text(_decode(part, path, n))


def _check_start(raw: bytes, path: Path) -> None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(
            "UTF-8 text was expected, found UTF-16 (save the file as UTF-8)", str(path), 1
        )


def _decode(raw: bytes, path: Path, n: int) -> str:
    if b"\x00" in raw:
        raise LoadError("a text report was expected, found binary data", str(path), n)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LoadError(
            "UTF-8 text was expected, found bytes in another encoding "
            "(Latin-1? save the file as UTF-8)",
            str(path),
            n,
        ) from None


class _Scanner:
    """One pass over the lines: the report's year and its Race Profile blocks."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.year: int | None = None
        self.blocks: list[_Block] = []
        self.state = "prose"  # prose | heading | stage | results | after
        self.profile_line = 0
        self.ended: tuple[int, str] | None = None

    def error(self, message: str, line: int | None) -> LoadError:
        return LoadError(message, self.path, line)

    def feed(self, n: int, text: str) -> None:
        date = _DATE_LINE.match(text)
        if date and self.year is None:
            self.year = _date_year(date, self.path, n)
        if not text or date:
            return
        if _PROFILE.match(text):
            self._check_closed(n, repr(text))
            self.state, self.profile_line = "heading", n
            return
        getattr(self, f"_in_{self.state}")(n, text)

    def _in_prose(self, n: int, text: str) -> None:
        pass

    def _in_heading(self, n: int, text: str) -> None:
        if _STAGE.match(text) or _top_match(text) or len(text) > 80 or _SENTENCE.search(text):
            self._expected(n, repr(text))
        m = _HEADING_YEAR.match(text)
        year = m["y1"] or m["y2"]
        self.blocks.append(_Block(m["name"], int(year) if year else None, n))
        self.state = "stage"

    def _in_stage(self, n: int, text: str) -> None:
        m = _STAGE.match(text)
        if not m:
            self._expected(n, repr(text))
        self.blocks[-1].sections.append(_parse_stage(m, self.path, n))
        self.state = "results"

    def _in_results(self, n: int, text: str) -> None:
        section = self.blocks[-1].sections[-1]
        stage, top = _STAGE.match(text), _top_match(text)
        if not section.tops and not top:
            self._expected(n, repr(text))
        if stage:
            self.blocks[-1].sections.append(_parse_stage(stage, self.path, n))
        elif top:
            section.tops.append(_parse_top(top, self.path, n))
        else:
            self.state, self.ended = "after", (n, text)

    def _in_after(self, n: int, text: str) -> None:
        if _top_match(text):
            end, what = self.ended
            raise self.error(
                f"results lines were expected inside the Race Profile block, found {text!r} "
                f"after the block ended at line {end} ({what!r}, neither a stage nor a "
                "'Top N:' line)",
                n,
            )

    def _expected(self, n: int | None, found: str) -> NoReturn:
        """Raise: what the open block needs next (a heading, a stage line, results)."""
        if self.state == "heading":
            what, after, line = "a race name heading", "'Race Profile'", self.profile_line
        elif self.state == "stage":
            what, after = f"a stage line like {STAGE_EXAMPLE}", "the race name"
            line = self.blocks[-1].line
        else:
            what, after = f"a results line like {TOP_EXAMPLE}", "the stage line"
            line = self.blocks[-1].sections[-1].line
        raise self.error(
            f"{what} was expected after {after} (line {line}), found {found}", n or line
        )

    def _check_closed(self, n: int | None, found: str) -> None:
        """At a new block or the end of the file, the open block must be complete."""
        incomplete = self.state in ("heading", "stage") or (
            self.state == "results" and not self.blocks[-1].sections[-1].tops
        )
        if incomplete:
            self._expected(n, found)

    def finish(self) -> list[_Block]:
        """The blocks found; a block cut short by the end of the file is an error."""
        self._check_closed(None, "the end of the file")
        if not self.blocks:
            raise self.error("a 'Race Profile' block was expected, found none", None)
        return self.blocks


def _date_year(m: re.Match[str], path: str, n: int) -> int:
    """The year of a date line: ' date 2021-06-06 ...', 'Date: 6 June 2021', 'Year: 2021'."""
    if m["iso"]:
        try:
            return datetime.date.fromisoformat(m["iso"]).year
        except ValueError:
            raise LoadError(
                f"a date like 2021-06-06 was expected, found {m['iso']!r}", path, n
            ) from None
    year = _YEAR.search(m["text"])
    if not year:
        raise LoadError(
            f"a date with a year (2021-06-06, 6 June 2021, 2021) was expected, found {m['text']!r}",
            path,
            n,
        )
    return int(year.group(1))


# --- stage lines -----------------------------------------------------------------------


def _parse_stage(m: re.Match[str], path: str, n: int) -> _Section:
    """'Stage 8: La Léchère-Les-Bains > Les Gets (147km)' -> a section for stage '8'."""
    text = m.group(0)
    route, distance = _split_distance(m["route"], path, n)
    departure, arrival = _split_route(_KIND_WORDS.sub(" ", route), path, n)
    if m["prologue"]:
        return _Section("0", departure, arrival, distance, "prologue", n)
    kind = "ttt" if _TTT.search(text) else "itt" if _KIND_WORDS.search(text) else None
    return _Section(m["label"].lower(), departure, arrival, distance, kind, n)


def _split_distance(route: str, path: str, n: int) -> tuple[str, float | None]:
    """Route text and the distance of a trailing '(147km)', '(ITT, 16,4 km)'."""
    paren = _TRAILING_PAREN.search(route)
    if not paren:
        return route, None
    inner = paren["inner"]
    distance = _DISTANCE.search(inner)
    if distance:
        return route[: paren.start()], float(distance.group(1).replace(",", "."))
    if any(c.isdigit() for c in inner):
        raise LoadError(f"a distance like '(147km)' was expected, found '({inner})'", path, n)
    if _KIND_WORDS.search(inner):
        return route[: paren.start()], None
    return route, None  # '(Portes du Soleil)' is part of the place name


def _split_route(route: str, path: str, n: int) -> tuple[str | None, str | None]:
    """'A > B' -> (A, B); a single place is both start and finish (a circuit, a prologue)."""
    route = route.strip(" ,;:-–—")
    if not route:
        return None, None
    parts = _ROUTE_SEP.split(route) if _ROUTE_SEP.search(route) else _DASH_SEP.split(route)
    parts = [clean_text(p.strip(" ,;:-–—")) for p in parts]
    if len(parts) == 1:
        return parts[0], parts[0]
    if len(parts) != 2 or not all(parts):
        raise LoadError(
            f"a route like 'Departure > Arrival' was expected, found {route!r}", path, n
        )
    return parts[0], parts[1]


# --- results lines ---------------------------------------------------------------------


def _top_match(text: str) -> re.Match[str] | None:
    """A 'Top 3:' / '<Team> top 3 on GC:' line (a team-like prefix, a short qualifier)."""
    m = _TOP.match(text)
    if not m:
        return None
    prefix, qual = m["prefix"], m["qual"]
    if prefix is not None and (len(prefix.split()) > 8 or _SENTENCE.search(prefix)):
        return None
    if len(qual.split()) > 5 or _SENTENCE.search(qual):
        return None
    return m


def _class_words(text: str) -> str:
    return " ".join(w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in _STOP_WORDS)


def _parse_top(m: re.Match[str], path: str, n: int) -> _TopLine:
    """A results line: its classification, team, and entries, checked for rank order."""
    kind, team = _top_kind(m["prefix"], m["qual"], path, n)
    size = int(m["n"])
    entries = [_parse_entry(chunk, kind, team, path, n) for chunk in _entry_chunks(m["entries"])]
    _check_ranks(entries, size, team, path, n)
    return _TopLine(kind, size, team, entries, n)


def _top_kind(prefix: str | None, qual: str, path: str, n: int) -> tuple[str, str | None]:
    """('Astana – Premier Tech', ' on GC') -> ('gc', 'Astana – Premier Tech')."""
    words = _class_words(qual)
    if prefix and not words and _class_words(prefix) in CLASSIFICATIONS:
        return CLASSIFICATIONS[_class_words(prefix)], None  # 'GC top 3:'
    kind = CLASSIFICATIONS.get(words)
    if kind is None:
        raise LoadError(
            f"a results line like 'Top 3:', 'Top 3 on GC:' or '<Team> top 3 on points:' was "
            f"expected, found an unknown classification {qual.strip()!r} (known: GC, points, "
            "mountains, youth, teams, sprints)",
            path,
            n,
        )
    team = re.sub(r"['’]s$", "", prefix) if prefix else None
    if team and kind == "teams":
        raise LoadError(
            f"a team's riders or 'Top N teams:' was expected, found {team!r} top teams", path, n
        )
    return kind, team


def _entry_chunks(text: str) -> list[str]:
    chunks = _ENTRY_SPLIT.split(text.strip())
    return [c for c in chunks if c] or [""]


def _parse_entry(
    chunk: str, kind: str, team: str | None, path: str, n: int
) -> tuple[int, str, str | None]:
    """'1. Mark Padun (Bahrain – Victorious)' -> (1, 'Mark Padun', 'Bahrain – Victorious')."""
    if kind == "teams":
        m = _TEAM_ENTRY.fullmatch(chunk)
        example = "1. Team name"
    else:
        m = _RIDER_ENTRY.fullmatch(chunk)
        example = "7. Name" if team else "1. Name (Team)"
    if not m:
        found = repr(chunk) if chunk else "nothing after the colon"
        raise LoadError(f"expected entries like {example!r}, found {found}", path, n)
    if kind == "teams":
        return int(m["pos"]), m["name"], m["name"]
    if team and m["team"] and team_key(m["team"]) != team_key(team):
        raise LoadError(
            f"riders of {team!r} were expected on this line, found {m['name']} ({m['team']})",
            path,
            n,
        )
    return int(m["pos"]), m["name"], team or m["team"]


def _check_ranks(
    entries: list[tuple[int, str, str | None]], size: int, team: str | None, path: str, n: int
) -> None:
    """Ranks rise along the line; a plain 'Top N' holds at most N entries ranked 1 to N."""
    if size < 1:
        raise LoadError(f"'Top N' with N of at least 1 was expected, found 'Top {size}'", path, n)
    if len(entries) > size:
        raise LoadError(
            f"at most {size} entries were expected for 'top {size}', found {len(entries)}", path, n
        )
    last = 0
    for rank, name, _team in entries:
        if rank <= last:
            raise LoadError(
                f"ranks in rising order were expected, found {rank}. {name} after {last}", path, n
            )
        if rank > size and not team:
            raise LoadError(
                f"ranks 1 to {size} were expected for 'Top {size}', found {rank}. {name}", path, n
            )
        last = rank


# --- records -------------------------------------------------------------------------


def _race_record(heading: str, line: int) -> Race:
    """The canonical race for a heading ('Criterium du Dauphine' -> 'Critérium du Dauphiné').

    For a race not in KNOWN_RACES the gender is a guess from the heading's words.
    """
    bare = re.sub(r"\s*\([^()]*\)$", "", heading)  # 'Giro d'Italia (2.UWT)'
    known = KNOWN_RACES.get(slugify(heading)) or KNOWN_RACES.get(slugify(bare))
    if known:
        name, country, gender = known
        return Race(name, country=country, gender=gender, line=line)
    women = bool(_WOMEN_WORDS & set(slugify(heading).split("-")))
    return Race(heading, gender="women" if women else "men", line=line)


def _knows_race(race: Race) -> bool:
    """Worth a Race record: a known race, or a heading that says it is a women's race.

    The writer takes gender from a Race record, so an unknown race's guessed 'men' is not
    sent: it would overwrite what another source stored.
    """
    return race.country is not None or race.gender == "women"


class _Emitter:
    """Turns the blocks into records, merging riders named on more than one line."""

    def __init__(self, path: str, year: int | None) -> None:
        self.path = path
        self.year = year
        self.plan: list[Record | tuple] = []  # records, and group keys where a group's rows go
        self.races: dict[str, Race] = {}
        self.editions: set[tuple[str, int]] = set()
        self.stages: dict[tuple[str, int, str], _Section] = {}
        self.groups: dict[tuple, dict[str, _Row]] = {}

    def add_block(self, block: _Block) -> None:
        race = _race_record(block.race, block.line)
        year = block.year or self.year
        if year is None:
            raise LoadError(
                "a report date was expected (a first line like ' date 2021-06-06 ...', or a "
                "'Date:' or 'Year:' line), found none",
                self.path,
                1,
            )
        if race.name not in self.races:
            self.races[race.name] = race
            if _knows_race(race):
                self.plan.append(race)
        if (race.name, year) not in self.editions:
            self.editions.add((race.name, year))
            self.plan.append(Edition(race.name, year, line=block.line))
        for section in block.sections:
            self.add_section(race.name, year, section)

    def add_section(self, race: str, year: int, s: _Section) -> None:
        key = (race, year, s.label)
        seen = self.stages.get(key)
        if seen is None:
            self.stages[key] = s
            self.plan.append(_stage_record(race, year, s))
        elif _stage_record(race, year, seen, 0) != _stage_record(race, year, s, 0):
            raise LoadError(
                f"stage {s.label} as described at line {seen.line} was expected, found a "
                "different route, distance or kind",
                self.path,
                s.line,
            )
        for top in s.tops:
            self.add_top(key, top)

    def add_top(self, stage_key: tuple[str, int, str], top: _TopLine) -> None:
        group_key = (*stage_key, top.kind)
        if group_key not in self.groups:
            self.groups[group_key] = {}
            self.plan.append(group_key)
        rows = self.groups[group_key]
        for rank, name, team in top.entries:
            self.add_row(rows, top.kind, _Row(rank, name, team, top.line))
        if len(top.entries) < top.size:
            what = f"{top.team} top {top.size}" if top.team else f"Top {top.size}"
            self.plan.append(
                RecordWarning(
                    f"'{what}' lists only {len(top.entries)} entries", top.line, code="short_list"
                )
            )

    def add_row(self, rows: dict[str, _Row], kind: str, row: _Row) -> None:
        key = team_key(row.name) if kind == "teams" else name_key(row.name)
        old = rows.get(key)
        if old is None:
            holder = next((r for r in rows.values() if r.rank == row.rank), None)
            if holder:
                raise LoadError(
                    f"one entry per rank was expected: rank {row.rank} is {row.name} here "
                    f"but {holder.name} at line {holder.line}",
                    self.path,
                    row.line,
                )
            rows[key] = row
            return
        if old.rank != row.rank:
            raise LoadError(
                f"the same rank for {row.name} was expected, found {row.rank} here "
                f"but {old.rank} at line {old.line}",
                self.path,
                row.line,
            )
        if row.team and old.team and team_key(row.team) != team_key(old.team):
            raise LoadError(
                f"the same team for {row.name} was expected, found {row.team!r} here "
                f"but {old.team!r} at line {old.line}",
                self.path,
                row.line,
            )
        old.team = old.team or row.team

    def records(self) -> Iterator[Record]:
        for item in self.plan:
            if isinstance(item, tuple):
                yield from _group_records(item, self.groups[item])
            else:
                yield item


def _stage_record(race: str, year: int, s: _Section, line: int | None = None) -> Stage:
    return Stage(
        race,
        year,
        s.label,
        departure=s.departure,
        arrival=s.arrival,
        distance_km=s.distance_km,
        kind=s.kind,
        line=s.line if line is None else line,
    )


def _group_records(key: tuple, rows: dict[str, _Row]) -> Iterator[Record]:
    """StageResult rows for a stage's ranks, Standing rows for a classification's."""
    race, year, label, kind = key
    for r in rows.values():
        if kind == "stage":
            yield StageResult(
                race,
                year,
                label,
                r.name,
                name_order="given_first",
                team=r.team,
                position=r.rank,
                position_text=str(r.rank),
                line=r.line,
            )
        elif kind == "teams":
            yield Standing(
                race,
                year,
                label,
                kind,
                team=r.team,
                position=r.rank,
                position_text=str(r.rank),
                line=r.line,
            )
        else:
            yield Standing(
                race,
                year,
                label,
                kind,
                rider=r.name,
                team=r.team,
                name_order="given_first",
                position=r.rank,
                position_text=str(r.rank),
                line=r.line,
            )


def _emit(blocks: list[_Block], year: int | None, path: str) -> Iterator[Record]:
    emitter = _Emitter(path, year)
    for block in blocks:
        emitter.add_block(block)
    yield from emitter.records()
