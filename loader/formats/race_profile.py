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

Entries (what `palmares profile` writes reads back the same):
- `Top N:` entries are `1. Name (Team)`: the team is the entry's LAST bracketed group, a
  name's own brackets come before it (`2. Henri Cornet (Geboren Jardy) (LE GLOBE)`), and an
  empty `()` says no team (`1. Henri Cornet (Geboren Jardy) ()`). Without brackets, no team.
- `<Team> top N:` entries are `7. Name`: no team brackets, a bracket is the name's. Inside a
  block any `<something> top N: 7. ...` line is a team line (`J.B. LOUVET-HUTCHINSON top 3`);
  a final `'s` is a possessive only when the block names the team without it elsewhere
  (`Astana's top 3` with `(Astana)` on another line; `Smith's top 3` is the team Smith's).
- `Top N (teams):` lists teams, the places of a team time trial: StageResult rows with
  rider None. `Top N teams:` is the teams classification (Standing rows).
- Ties (ex aequo) are equal ranks: `1. Philippe Thys, 1. Théophile Beeckman`. A `Top N` line
  names at most N places, and every entry of the places it names: another line putting a
  different rider at one of them is an error, as is a rider given two ranks. A tie gives a
  `tied_rank` warning, except riders sharing their team's place in a team time trial.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, TypedDict

from palmares.errors import LoadError, ParseError
from palmares.names import check_name, clean_text, fold, name_key, slugify, team_key
from palmares.values import parse_stage_label

from ..records import Edition, Race, Record, Stage, StageResult, Standing
from ..records import Warning as RecordWarning

FORMAT = "race_profile"

# Reports are short; detection reads this much when the block is not in the first 8 KiB.
DETECT_LIMIT = 1 << 20
# No race has this many finishers; larger numbers are not ranks (and overflow SQLite).
MAX_RANK = 9999

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
    rf"^(?:stage\s+(?P<label>[0-9]{{1,2}}[a-z]?)|(?P<prologue>prologue))\s*"
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
# the lookbehind starts a match only where a number starts: a long digit run stays linear
_DISTANCE = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*kms?\b", re.I)
_KIND_WORDS = re.compile(rf"\b(?:{_KIND})\b", re.I)
_TTT = re.compile(r"\bttt\b|team time[- ]trial", re.I)
_ROUTE_SEP = re.compile(r"\s*(?:>|→)\s*")
_DASH_SEP = re.compile(r"\s+[-–—]\s+")
_ENTRY_SPLIT = re.compile(r"\s*[,;]\s*(?=\d+\s*\.)")
_FIRST_RANK = re.compile(r"\d+\s*\.")
_RANK = re.compile(r"(?P<pos>\d+)\s*\.\s*")
_TEAMS_MARK = re.compile(r"\s*\(\s*teams?\s*\)", re.I)
_POSSESSIVE = re.compile(r"['’]s$")
# in a name: the next entry of a broken line (', 2) Name', ') 2. Name'), a time ('+1:36')
_NOT_A_NAME = re.compile(r"[,;]\s*\d|(?<!\S)\d+\s*\.(?!\d)|:|\+\s*\d")
# a team heading inside a block ('WEINMANN-LA SUISSE-S.M.M. USTER top 3:') has at most this
MAX_TEAM_WORDS = 16

STAGE_EXAMPLE = "'Stage 8: La Léchère-Les-Bains > Les Gets (147km)' or 'Prologue: Brussels (8km)'"
TOP_EXAMPLE = "'Top 3: 1. Name (Team), 2. ...'"
# an entry of a 'Top N' line, of a '<Team> top N' line, of a line of teams
EXAMPLES = {"top": "1. Name (Team)", "team": "7. Name", "teams": "1. Team name"}


@dataclass(slots=True)
class _TopLine:
    kind: str  # "stage" or a classification
    of_teams: bool  # the entries are teams: 'Top 3 teams:', 'Top 3 (teams):'
    size: int  # the N of "Top N"
    team: str | None  # the `<Team>` of "<Team> top N"
    label: str  # what comes before the colon: "Top 3 on GC"
    possessive: bool  # `team` ends in 's: "Smith's" or "Astana's" (resolved per block)
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


def _quote(text: str, limit: int = 80) -> str:
    """A found value for an error message, cut so that a 10 MB line gives a short message."""
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}... ({len(text)} characters)"


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
            self._check_closed(n, _quote(text))
            self.state, self.profile_line = "heading", n
            return
        getattr(self, f"_in_{self.state}")(n, text)

    def _in_prose(self, n: int, text: str) -> None:
        pass

    def _in_heading(self, n: int, text: str) -> None:
        if _STAGE.match(text) or _top_match(text) or len(text) > 80 or _SENTENCE.search(text):
            self._expected(n, _quote(text))
        m = _HEADING_YEAR.match(text)
        # text is one non-empty line (empty ones return in feed()), which the lazy
        # `name` group of _HEADING_YEAR always matches
        assert m is not None
        year = m["y1"] or m["y2"]
        self.blocks.append(_Block(m["name"], int(year) if year else None, n))
        self.state = "stage"

    def _in_stage(self, n: int, text: str) -> None:
        m = _STAGE.match(text)
        if not m:
            self._expected(n, _quote(text))
        self.blocks[-1].sections.append(_parse_stage(m, self.path, n))
        self.state = "results"

    def _in_results(self, n: int, text: str) -> None:
        section = self.blocks[-1].sections[-1]
        stage, top = _STAGE.match(text), _top_match(text, inside=True)
        if not section.tops and not top:
            self._expected(n, _quote(text))
        if stage:
            self.blocks[-1].sections.append(_parse_stage(stage, self.path, n))
        elif top:
            section.tops.append(_parse_top(top, self.path, n))
        else:
            self.state, self.ended = "after", (n, text)

    def _in_after(self, n: int, text: str) -> None:
        if _top_match(text):
            # the state becomes "after" only in _in_results, which sets `ended` with it
            assert self.ended is not None
            end, what = self.ended
            raise self.error(
                f"results lines were expected inside the Race Profile block, found {_quote(text)} "
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
            "a date with a year (2021-06-06, 6 June 2021, 2021) was expected, "
            f"found {_quote(m['text'])}",
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
    return _Section(parse_stage_label(m["label"]), departure, arrival, distance, kind, n)


def _split_distance(route: str, path: str, n: int) -> tuple[str, float | None]:
    """Route text and the distance of a trailing '(147km)', '(ITT, 16,4 km)'."""
    paren = _TRAILING_PAREN.search(route)
    if not paren:
        return route, None
    inner = paren["inner"]
    distance = _DISTANCE.search(inner)
    if distance:
        km = float(distance.group(1).replace(",", "."))
        if not 0 < km < 1000:
            raise LoadError(
                f"a distance like '(147km)' (under 1000 km) was expected, found "
                f"{_quote(f'({inner})')}",
                path,
                n,
            )
        return route[: paren.start()], km
    if any(c.isdigit() for c in inner):
        raise LoadError(
            f"a distance like '(147km)' was expected, found {_quote(f'({inner})')}", path, n
        )
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
            f"a route like 'Departure > Arrival' was expected, found {_quote(route)}", path, n
        )
    return parts[0], parts[1]


# --- results lines ---------------------------------------------------------------------


def _top_match(text: str, inside: bool = False) -> re.Match[str] | None:
    """A 'Top 3:' / '<Team> top 3 on GC:' line (a team-like prefix, a short qualifier).

    Inside a block (`inside`), a prefix with abbreviations or other punctuation
    ('J.B. LOUVET-HUTCHINSON top 3: 7. Name') is a team too, when a rank follows the colon.
    """
    m = _TOP.match(text)
    if not m:
        return None
    prefix, qual = m["prefix"], m["qual"]
    if len(qual.split()) > 5 or _SENTENCE.search(qual):
        return None
    if prefix is None or (len(prefix.split()) <= 8 and not _SENTENCE.search(prefix)):
        return m
    if inside and len(prefix.split()) <= MAX_TEAM_WORDS and _FIRST_RANK.match(m["entries"]):
        return m
    return None


def _class_words(text: str) -> str:
    return " ".join(w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in _STOP_WORDS)


def _parse_top(m: re.Match[str], path: str, n: int) -> _TopLine:
    """A results line: its classification, team, and entries, checked for rank order."""
    kind, of_teams, team = _top_kind(m["prefix"], m["qual"], path, n)
    size = _rank_number(m["n"], path, n)
    form = "teams" if of_teams else "team" if team else "top"
    entries = [_parse_entry(chunk, form, path, n) for chunk in _entry_chunks(m["entries"])]
    _check_ranks(entries, size, team, path, n)
    possessive = bool(team and _POSSESSIVE.search(team))
    label = m.group(0)[: m.start("entries")].rstrip().removesuffix(":").rstrip()
    return _TopLine(kind, of_teams, size, team, label, possessive, entries, n)


def _top_kind(prefix: str | None, qual: str, path: str, n: int) -> tuple[str, bool, str | None]:
    """('Astana – Premier Tech', ' on GC') -> ('gc', False, 'Astana – Premier Tech').

    The middle value says the entries are teams: a team classification, or the places
    of a team time trial ('Top 3 (teams):').
    """
    mark = _TEAMS_MARK.match(qual)
    words = _class_words(qual[mark.end() :] if mark else qual)
    if prefix and not mark and not words and _class_words(prefix) in CLASSIFICATIONS:
        return CLASSIFICATIONS[_class_words(prefix)], False, None  # 'GC top 3:'
    kind = CLASSIFICATIONS.get(words)
    if kind is None:
        raise LoadError(
            f"a results line like 'Top 3:', 'Top 3 on GC:' or '<Team> top 3 on points:' was "
            f"expected, found an unknown classification {qual.strip()!r} (known: GC, points, "
            "mountains, youth, teams, sprints)",
            path,
            n,
        )
    if mark and (kind != "stage" or prefix):
        found = f"{prefix} top N{qual}" if prefix else f"Top N{qual}"
        raise LoadError(
            f"'Top N (teams):' for the team places of a stage was expected, found {found!r}",
            path,
            n,
        )
    if prefix and kind == "teams":
        team = _POSSESSIVE.sub("", prefix)
        raise LoadError(
            f"a team's riders or 'Top N teams:' was expected, found {team!r} top teams", path, n
        )
    return kind, bool(mark) or kind == "teams", prefix


def _entry_chunks(text: str) -> list[str]:
    chunks = _ENTRY_SPLIT.split(text.strip())
    return [c for c in chunks if c] or [""]


def _parse_entry(chunk: str, form: str, path: str, n: int) -> tuple[int, str, str | None]:
    """One entry of a line of the `form` 'top', 'team' (a team's riders) or 'teams'.

    '1. Mark Padun (Bahrain – Victorious)' -> (1, 'Mark Padun', 'Bahrain – Victorious').
    On a 'Top N' line the team is the last bracketed group ('()': no team), and a name's
    own brackets come before it; elsewhere brackets belong to the name.
    """
    m = _RANK.match(chunk)
    body = chunk[m.end() :].strip() if m else ""
    name: str | None = body
    team: str | None = None
    if form == "top":
        name, team = _split_team(body.removesuffix(".") if body.endswith(").") else body)
    if m and name is not None:
        column, what = ("team", "a team name") if form == "teams" else ("rider", "a rider name")
        _check_name(name, what, column, path, n)  # a 10 MB "name" stops here
        if team:
            _check_name(team, "a team name", "team", path, n)
    if not m or name is None or not _is_name(name) or (team and not _is_name(team)):
        found = _quote(chunk) if chunk else "nothing after the colon"
        raise LoadError(f"expected entries like {EXAMPLES[form]!r}, found {found}", path, n)
    rank = _rank_number(m["pos"], path, n)
    return (rank, name, name) if form == "teams" else (rank, name, team or None)


def _split_team(body: str) -> tuple[str | None, str | None]:
    """'Henri Cornet (Geboren Jardy) (LE GLOBE)' -> name and team ('' for '()', None for none).

    The name is None where brackets do not end the entry: '(Team) +1:36' is no entry.
    """
    if not body.endswith(")"):
        return (None, None) if "(" in body or ")" in body else (body, None)
    start = body.rfind("(")
    if ")" not in body[start + 1 : -1]:  # the team has no brackets of its own
        return body[:start].rstrip(), body[start + 1 : -1].strip()
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(body[i], 0)
        if depth == 0:
            return body[:i].rstrip(), body[i + 1 : -1].strip()
    return None, None


def _is_name(text: str) -> bool:
    """A name or team: a letter at least, brackets that pair, nothing of a time or a rank."""
    if not any(c.isalpha() for c in text) or _NOT_A_NAME.search(text):
        return False
    if "(" not in text and ")" not in text:
        return True
    depth = 0
    for c in text:
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


def _check_name(text: str, what: str, column: str, path: str, n: int) -> None:
    try:
        check_name(text, what)
    except ParseError as e:
        raise LoadError(str(e), path, n, column) from None


def _rank_number(digits: str, path: str, n: int) -> int:
    """A rank or the N of 'Top N'; int() of thousands of digits would raise ValueError."""
    if len(digits) > len(str(MAX_RANK)):
        shown = digits if len(digits) <= 20 else f"{digits[:20]}... ({len(digits)} digits)"
        raise LoadError(f"a rank up to {MAX_RANK} was expected, found {shown}", path, n)
    return int(digits)


def _check_ranks(
    entries: list[tuple[int, str, str | None]], size: int, team: str | None, path: str, n: int
) -> None:
    """Ranks rise along the line (a tie repeats one); 'Top N' names at most N places, and a
    plain 'Top N' only places 1 to N."""
    if size < 1:
        raise LoadError(f"'Top N' with N of at least 1 was expected, found 'Top {size}'", path, n)
    places = len({rank for rank, _name, _team in entries})
    if places == len(entries) > size:
        raise LoadError(
            f"at most {size} entries were expected for 'top {size}', found {places}", path, n
        )
    if places > size:
        raise LoadError(
            f"at most {size} places were expected for 'top {size}' (tied entries share one), "
            f"found {places} in {len(entries)} entries",
            path,
            n,
        )
    last = 0
    for rank, name, _team in entries:
        if rank < 1:
            raise LoadError(f"ranks from 1 were expected, found {rank}. {name}", path, n)
        if rank < last:
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


@dataclass(slots=True)
class _Group:
    """The rows of one stage's result or classification, and the 'Top N' lines that list
    every entry of the ranks they name (a tie included)."""

    kind: str
    of_teams: bool
    shared_places: bool  # a team time trial's riders: sharing a place is no tie
    rows: dict[str, _Row] = field(default_factory=dict)
    complete: list[tuple[_TopLine, dict[int, list[str]]]] = field(default_factory=list)


class _Emitter:
    """Turns the blocks into records, merging riders named on more than one line."""

    def __init__(self, path: str, year: int | None) -> None:
        self.path = path
        self.year = year
        self.plan: list[Record | tuple] = []  # records, and group keys where a group's rows go
        self.races: dict[str, Race] = {}
        self.editions: set[tuple[str, int]] = set()
        self.stages: dict[tuple[str, int, str], _Section] = {}
        self.groups: dict[tuple, _Group] = {}

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
        _resolve_team_headings(block)
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
            self.add_top(key, top, s.kind == "ttt")

    def add_top(self, stage_key: tuple[str, int, str], top: _TopLine, ttt: bool) -> None:
        group_key = (*stage_key, top.kind, top.of_teams)
        group = self.groups.get(group_key)
        if group is None:
            shared = ttt and top.kind == "stage" and not top.of_teams
            group = self.groups[group_key] = _Group(top.kind, top.of_teams, shared)
            self.plan.append(group_key)
        listed: dict[int, list[str]] = {}
        for rank, name, team in top.entries:
            key = self.add_row(group, _Row(rank, name, team, top.line))
            listed.setdefault(rank, []).append(key)
        if top.team is None:
            group.complete.append((top, listed))
        if len(top.entries) < top.size:
            self.plan.append(
                RecordWarning(
                    f"'{top.label}' lists only {len(top.entries)} entries",
                    top.line,
                    code="short_list",
                )
            )

    def add_row(self, group: _Group, row: _Row) -> str:
        """Add a row, or merge it into the row of the same rider (team); its key."""
        key = team_key(row.name) if group.of_teams else name_key(row.name)
        old = group.rows.get(key)
        if old is None:
            group.rows[key] = row
            return key
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
        return key

    def check_ties(self) -> None:
        """A 'Top N' line lists every entry of the ranks it names: a rider another line puts
        at one of them (and the 'Top N' line leaves out) is an error, not a tie."""
        for group in self.groups.values():
            holders: dict[int, list[str]] = {}
            for key, row in group.rows.items():
                holders.setdefault(row.rank, []).append(key)
            for top, listed in group.complete:
                for rank, keys in listed.items():
                    on_line = set(keys)
                    missing = next((k for k in holders[rank] if k not in on_line), None)
                    if missing is not None:
                        self._tie_error(top, group.rows[keys[0]], group.rows[missing])

    def _tie_error(self, top: _TopLine, listed: _Row, other: _Row) -> NoReturn:
        """Raise for `other`, at the rank `top` gives `listed` alone; at the later line."""
        here, there, there_line = other, listed, top.line
        if top.line > other.line:
            here, there, there_line = listed, other, other.line
        raise LoadError(
            f"one entry per rank was expected (a tie listed on the 'Top {top.size}' line): "
            f"rank {other.rank} is {here.name} here but {there.name} at line {there_line}",
            self.path,
            max(top.line, other.line),
        )

    def records(self) -> Iterator[Record]:
        for item in self.plan:
            if isinstance(item, tuple):
                group = self.groups[item]
                yield from _group_records(item, group)
                if not group.shared_places:
                    yield from _tie_warnings(item, group)
            else:
                yield item


def _resolve_team_headings(block: _Block) -> None:
    """Give each '<Team> top N' line's entries its team; "Smith's" is the team's name unless
    the block names the team as "Smith" (then "'s" is a possessive: "Astana's top 3")."""
    tops = [top for section in block.sections for top in section.tops]
    named = {team_key(t.team) for t in tops if t.team and not t.possessive}
    for t in tops:
        named.update(team_key(team) for _rank, _name, team in t.entries if team)
    for t in tops:
        if not t.team:
            continue
        bare = _POSSESSIVE.sub("", t.team)
        if t.possessive and team_key(t.team) not in named and team_key(bare) in named:
            t.team = bare
        t.entries = [(rank, name, t.team) for rank, name, _team in t.entries]


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


class _Place(TypedDict):
    """A row's place, the same in a StageResult and a Standing."""

    position: int
    position_text: str
    line: int


def _group_records(key: tuple, group: _Group) -> Iterator[Record]:
    """StageResult rows for a stage's ranks (a team's: rider None), Standing rows for a
    classification's."""
    race, year, label, kind, _of_teams = key
    for r in group.rows.values():
        place = _Place(position=r.rank, position_text=str(r.rank), line=r.line)
        if kind == "stage" and group.of_teams:
            yield StageResult(race, year, label, None, team=r.team, **place)
        elif kind == "stage":
            yield StageResult(
                race, year, label, r.name, name_order="given_first", team=r.team, **place
            )
        elif group.of_teams:
            yield Standing(race, year, label, kind, team=r.team, **place)
        else:
            yield Standing(
                race, year, label, kind, rider=r.name, team=r.team, name_order="given_first",
                **place,
            )  # fmt: skip


_GROUP_NAMES = {"stage": "the stage result", "gc": "the GC", "teams": "the teams classification"}


def _tie_warnings(key: tuple, group: _Group) -> Iterator[RecordWarning]:
    """One warning per rank held by more than one entry (ex aequo)."""
    _race, _year, label, kind, _of_teams = key
    holders: dict[int, list[_Row]] = {}
    for r in group.rows.values():
        holders.setdefault(r.rank, []).append(r)
    what = _GROUP_NAMES.get(kind, f"the {kind} classification")
    if kind == "stage" and group.of_teams:
        what = "the team places"
    for rank, rows in holders.items():
        if len(rows) > 1:
            shown = [r.name for r in rows[:5]] if len(rows) <= 5 else [r.name for r in rows[:4]]
            rest = f"{len(rows) - 4} others" if len(rows) > 5 else shown.pop()
            names = ", ".join(shown) + f" and {rest}"
            yield RecordWarning(
                f"rank {rank} of {what} of stage {label} is shared by {names} (ex aequo)",
                max(r.line for r in rows),
                code="tied_rank",
            )


def _emit(blocks: list[_Block], year: int | None, path: str) -> Iterator[Record]:
    emitter = _Emitter(path, year)
    for block in blocks:
        emitter.add_block(block)
    emitter.check_ties()
    yield from emitter.records()
