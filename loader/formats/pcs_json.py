"""ProCyclingStats scraper JSON: a stage result, an edition, or a start list.

What the `procyclingstats` package's `Stage(...).parse()`, `Race(...).parse()` and
`RaceStartlist(...).parse()` return, saved as JSON (see ../shared/corpus,
procyclingstats). The shape is told by the keys: `results`/`gc`/`stage_type`,
`stages`/`stages_winners`, or `startlist`.

Stage and start-list files do not name their race, year or stage: those come
from the file name, written with the scraper's URL convention
(`race_<race-slug>_<year>_stage-<n>.json`, `race_<slug>_<year>_result.json` for a
one-day race, `race_<slug>_<year>_startlist.json`). That is the one piece of
metadata taken from a name; detection is by content. Slugs become race names
through RACE_NAMES ('tour-de-france' -> 'Tour de France'), else title-cased words.

Times are absolute in every file seen (rank 1 and all rows after it); a time
written `+1:36` is read as a gap behind the winner. Non-finishers carry the
previous rider's time in the source, so their time is dropped.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypedDict, TypeVar

from palmares.errors import LoadError, ParseError
from palmares.names import clean_text
from palmares.values import (
    MAX_SECONDS,
    format_time,
    parse_stage_label,
    parse_status,
    parse_time,
    whole_number,
)

from ..records import Edition, Entry, Race, Record, Stage, StageResult, Standing, Warning
from ._csv import MAX_FIELD

FORMAT = "pcs_json"
T = TypeVar("T")

# Top-level keys of the three parse() outputs; detection wants two of them.
_STAGE_KEYS = {
    "results", "gc", "kom", "youth", "teams", "points", "stage_type", "is_one_day_race",
    "climbs", "won_how", "avg_speed_winner", "avg_temperature", "vertical_meters",
    "profile_icon", "profile_score", "race_category", "pcs_points_scale", "uci_points_scale",
    "start_time", "race_startlist_quality_score", "departure", "arrival",
}  # fmt: skip
_EDITION_KEYS = {
    "stages", "stages_winners", "prev_editions_select", "startdate", "enddate", "edition",
    "uci_tour", "is_one_day_race", "category",
}  # fmt: skip
_TOP_KEYS = _STAGE_KEYS | _EDITION_KEYS | {"startlist"}
# Keys of the scraper's rider rows: a second sign when only one top-level key shows.
_ROW_KEYS = {"rider_url", "rider_number", "team_url", "stage_url"}
_KEY = re.compile(r'"([A-Za-z_]+)"\s*:')

# PCS race slugs and the names other sources use for the race; any other slug
# becomes its words title-cased ("amstel-gold-race" -> "Amstel Gold Race").
RACE_NAMES = {
    "tour-de-france": "Tour de France",
    "tour-de-france-femmes": "Tour de France Femmes",
    "giro-d-italia": "Giro d'Italia",
    "vuelta-a-espana": "Vuelta a España",
    "dauphine": "Critérium du Dauphiné",
    "paris-nice": "Paris-Nice",
    "paris-roubaix": "Paris-Roubaix",
    "milano-sanremo": "Milano-Sanremo",
    "liege-bastogne-liege": "Liège-Bastogne-Liège",
    "ronde-van-vlaanderen": "Ronde van Vlaanderen",
    "world-championship-ttt": "World Championship TTT",
}
_FILE = re.compile(
    r"^race_(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)_(?P<year>\d{4})(?:_(?P<page>[a-z0-9-]+))?\.json$",
    re.I,
)
_PAGE = re.compile(
    r"^(?:stage-(?P<stage>[0-9]{1,3}[a-z]?)|(?P<prologue>prologue)|(?P<result>result))$"
)
_STAGE_NAME = re.compile(
    r"^(?:(?P<prologue>Prologue|Prelude)|Stage\s*(?P<number>[0-9]{1,3}\s*[a-z]?))"
    r"\s*(?:\((?P<kind>ITT|TTT)\))?\s*(?:\|(?P<route>.*))?$",
    re.I | re.S,
)
_STAGE_URL = re.compile(r"/(?:stage-([0-9]{1,3}[a-z]?)|(prologue))/?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")
# UCI team classes the start list appends to team names: "Jumbo-Visma (WT)".
_TEAM_CLASS = re.compile(r"\s*\((?:WT|PRT|PT|PCT|CT|WTW|CTW|NAT|NT|CLUB)\)$", re.I)
STAGE_TYPES = {"rr": "road", "itt": "itt", "ttt": "ttt", "prologue": "prologue"}
CLASSIFICATIONS = (
    ("gc", "gc"), ("points", "points"), ("kom", "mountains"), ("youth", "youth"),
    ("teams", "teams"),
)  # fmt: skip
_TIMED = {"gc", "youth", "teams"}


def context(path: Path) -> str:
    """The file name carries the race, year and stage: part of what the file says."""
    return Path(path).name


def detect(path: Path, head: str) -> bool:
    """A JSON object holding the keys of a scraper's parse() output."""
    text = head.lstrip("\ufeff \t\r\n")
    if not text.startswith("{"):
        return False
    keys = set(_KEY.findall(text))
    hits = keys & _TOP_KEYS
    if not hits:
        return False
    signs = len(hits) + bool(keys & _ROW_KEYS) + bool(_FILE.match(Path(path).name))
    return signs >= 2


def read(path: Path) -> Iterator[Record]:
    """Records of one scraper JSON file: a stage result, an edition or a start list."""
    path = Path(path)
    data = _load(path)
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a JSON {type(data).__name__}"
        raise LoadError(
            f"a JSON object (the output of a scraper's parse()) was expected, found {found}",
            str(path),
            _line(data) or 1,
        )
    keys = set(data)
    if "startlist" in keys:
        yield from _read_startlist(path, data)
    elif keys & {"results", "stage_type"}:
        yield from _read_stage(path, data)
    elif keys & {"stages", "stages_winners"}:
        yield from _read_edition(path, data)
    else:
        shown = ", ".join(sorted(keys)[:8]) or "none"
        raise LoadError(
            "the keys of Stage.parse() (results, gc, ...), Race.parse() (stages, ...) or "
            f"RaceStartlist.parse() (startlist) were expected, found keys: {shown}",
            str(path),
            _line(data),
        )


# --- JSON with line numbers ------------------------------------------------------------


class _Obj(dict):
    """A JSON object that knows the line it starts on."""

    line: int | None = None


class _Arr(list):
    """A JSON array that knows the line it starts on."""

    line: int | None = None


# json's pure-Python scanner and parsers exist in the stdlib modules but are not in
# typeshed's stubs (they are undocumented), hence the attr-defined ignores below.
_py_make_scanner: Callable[[json.JSONDecoder], Any] = json.scanner.py_make_scanner  # type: ignore[attr-defined]
_json_object: Callable[..., tuple[Any, int]] = json.decoder.JSONObject  # type: ignore[attr-defined]
_json_array: Callable[..., tuple[list, int]] = json.decoder.JSONArray  # type: ignore[attr-defined]


class _LineDecoder(json.JSONDecoder):
    """json's pure-Python scanner, with objects and arrays tagged by their first line."""

    memo: dict[str, str]  # set by JSONDecoder.__init__, missing from typeshed

    def __init__(self, text: str) -> None:
        super().__init__()
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self.parse_object = self._object
        self.parse_array = self._array
        self.scan_once = _py_make_scanner(self)

    def _line_at(self, index: int) -> int:
        return bisect.bisect_left(self._newlines, index) + 1

    def _object(self, s_and_end: tuple[str, int], strict: bool, scan_once: Any, *_: Any) -> Any:
        obj, end = _json_object(s_and_end, strict, scan_once, None, _Obj, self.memo)
        obj.line = self._line_at(s_and_end[1] - 1)
        return obj, end

    def _array(self, s_and_end: tuple[str, int], scan_once: Any) -> Any:
        values, end = _json_array(s_and_end, scan_once)
        arr = _Arr(values)
        arr.line = self._line_at(s_and_end[1] - 1)
        return arr, end


def _load(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise LoadError(f"a readable file was expected ({e.strerror})", str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise LoadError(
            "UTF-8 JSON was expected, found bytes in another encoding", str(path), line
        ) from None
    try:
        return _LineDecoder(text).decode(text)
    except json.JSONDecodeError as e:
        raise LoadError(
            f"valid JSON was expected ({e.msg} at column {e.colno})", str(path), e.lineno
        ) from None
    except RecursionError:
        raise LoadError("JSON nested at most a few levels deep was expected", str(path)) from None


def _line(value: Any) -> int | None:
    return getattr(value, "line", None)


def _kind_of(value: Any) -> str:
    """A JSON value for an error message: 'a JSON object {"a": 1...', 'text "x"'."""
    kinds = {dict: "a JSON object", list: "a list", str: "text", bool: "true or false"}
    kind = next((k for t, k in kinds.items() if isinstance(value, t)), "a number")
    shown = json.dumps(value, ensure_ascii=False)
    return f"{kind} {shown[:40]}{'...' if len(shown) > 40 else ''}"


# --- values -----------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    """A trimmed string, None for null or empty."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ParseError(f"a text value was expected, found {value!r:.40}")
    if len(value) > MAX_FIELD:
        raise ParseError(f"a value of at most {MAX_FIELD} characters was expected")
    return clean_text(value) or None


def _int(value: Any) -> int | None:
    """1, '1', ' 1 ' -> 1; null and '' -> None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = int(value) if isinstance(value, float) and value.is_integer() else value
    if isinstance(number, int) and not isinstance(number, bool) and abs(number) < 10**9:
        return number
    if isinstance(value, str) and (number := whole_number(value.strip())) is not None:
        return number
    raise ParseError(f"a whole number was expected, found {value!r:.40}")


def _float(value: Any) -> float | None:
    """272.5, '272.5' -> 272.5; null and '' -> None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ParseError(f"a number was expected, found {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        number = math.nan
    if not math.isfinite(number):
        raise ParseError(f"a number was expected, found {value!r:.40}")
    return number


def _bool(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ParseError(f"true or false was expected, found {value!r}")


def _seconds(value: Any) -> int | None:
    """'2:58:32' -> 10712, '0:00:06' or 6 -> 6; null and '' -> None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_SECONDS:
        return value
    if isinstance(value, str):
        return parse_time(value)
    raise ParseError(f"a time like 4:06:49 was expected, found {value!r:.40}")


def _iso_date(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ParseError(f"a date like 2022-07-01 was expected, found {value!r}") from None


def _rider_ref(value: Any) -> str | None:
    """'rider/tadej-pogacar' -> 'tadej-pogacar'."""
    text = _text(value)
    if text is None:
        return None
    return text.rstrip("/").rsplit("/", 1)[-1] or None


def _gender(category: Any) -> str:
    """'ME - Men Elite' -> 'men', 'WE - Women Elite' -> 'women'."""
    text = (_text(category) or "").lower()
    return "women" if "women" in text or text.startswith("we") else "men"


def race_name(slug: str) -> str:
    """The race's name for a PCS slug: 'tour-de-france' -> 'Tour de France'."""
    return RACE_NAMES.get(slug) or " ".join(w.capitalize() for w in slug.split("-"))


# --- context ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Ctx:
    """The file being read and the race, year and stage its rows belong to."""

    path: Path
    race: str = ""
    year: int = 0
    stage: str = ""

    def error(self, message: str, line: int | None, column: str | None = None) -> LoadError:
        return LoadError(message, str(self.path), line, column)

    def get(self, obj: dict, key: str, conv: Callable[[Any], T]) -> T:
        """obj[key] converted; a value that does not convert is a LoadError at obj's line."""
        try:
            return conv(obj.get(key))
        except ParseError as e:
            raise self.error(str(e), _line(obj), key) from None

    def rows(self, data: dict, key: str, required: bool = False) -> list[dict]:
        """data[key] as a list of JSON objects."""
        rows = data.get(key)
        if rows is None and not required:
            return []
        if not isinstance(rows, list):
            found = "nothing" if rows is None else _kind_of(rows)
            raise self.error(
                f"a list of rows under {key!r} was expected, found {found}", _line(data), key
            )
        for row in rows:
            if not isinstance(row, dict):
                raise self.error(
                    f"each row of {key!r} was expected to be a JSON object, found {row!r:.40}",
                    _line(row) or _line(rows),
                    key,
                )
        return rows


def _file_parts(ctx: _Ctx, shape: str) -> tuple[str, int, str | None]:
    """(slug, year, page) from race_<slug>_<year>[_<page>].json."""
    m = _FILE.match(ctx.path.name)
    if not m:
        raise ctx.error(
            f"a file name like race_tour-de-france_2022_{shape}.json was expected (the race and "
            f"year are not in a {shape} file's content), found {ctx.path.name!r}",
            None,
        )
    return m["slug"].lower(), int(m["year"]), (m["page"] or "").lower() or None


def _rider(ctx: _Ctx, row: dict, order: str = "family_first") -> dict[str, Any]:
    """The rider fields shared by results, standings and start lists."""
    name = ctx.get(row, "rider_name", _text)
    if name is None:
        raise ctx.error("a rider_name was expected, found none", _line(row), "rider_name")
    return {
        "rider": name,
        "name_order": order,
        "team": ctx.get(row, "team_name", _text),
        "bib": ctx.get(row, "rider_number", _int),
        "nationality": ctx.get(row, "nationality", _text),
        "rider_ref": ctx.get(row, "rider_url", _rider_ref),
    }


# --- stage results (Stage.parse()) ------------------------------------------------------


def _stage_label(ctx: _Ctx, page: str | None) -> str:
    m = _PAGE.match(page or "")
    if not m:
        raise ctx.error(
            "a file name ending _stage-<n>.json, _prologue.json or _result.json was expected "
            f"(the stage is not in the content), found {ctx.path.name!r}",
            None,
        )
    if m["result"]:
        return "1"
    return "0" if m["prologue"] else parse_stage_label(m["stage"])


def _read_stage(path: Path, data: dict) -> Iterator[Record]:
    ctx = _Ctx(path)
    slug, ctx.year, page = _file_parts(ctx, "stage-1")
    ctx.race, ctx.stage = race_name(slug), _stage_label(ctx, page)
    one_day = ctx.get(data, "is_one_day_race", _bool)
    top = _line(data)
    yield Race(
        ctx.race, is_one_day=bool(one_day), gender=_gender(data.get("race_category")), line=top
    )
    day = ctx.get(data, "date", _iso_date)
    distance = ctx.get(data, "distance", _float)
    if one_day:
        yield Edition(
            ctx.race, ctx.year, start_date=day, end_date=day, distance_km=distance, line=top
        )
    else:
        yield Edition(ctx.race, ctx.year, line=top)
    yield from _stage(ctx, data, day, distance)


def _stage(ctx: _Ctx, data: dict, day: str | None, distance: float | None) -> Iterator[Record]:
    kind = ctx.get(data, "stage_type", _text)
    stage_kind = STAGE_TYPES.get((kind or "").lower())
    if kind and not stage_kind:
        yield Warning(
            f"unknown stage_type {kind!r}: stage kind left empty",
            _line(data),
            "stage_type",
            "stage_type",
        )
    if ctx.stage == "0" and stage_kind in (None, "itt"):
        stage_kind = "prologue"
    yield Stage(
        ctx.race,
        ctx.year,
        ctx.stage,
        date=day,
        departure=ctx.get(data, "departure", _text),
        arrival=ctx.get(data, "arrival", _text),
        distance_km=distance,
        elevation_m=ctx.get(data, "vertical_meters", _int),
        kind=stage_kind,
        line=_line(data),
    )
    yield from _results(ctx, ctx.rows(data, "results", required=True), stage_kind == "ttt")
    for key, classification in CLASSIFICATIONS:
        yield from _standings(ctx, ctx.rows(data, key), classification)


def _leader_time(ctx: _Ctx, rows: list[dict]) -> int | None:
    """The absolute time of the row ranked 1 (else of the first row with a time)."""
    first = None
    for row in rows:
        value = row.get("time")
        if isinstance(value, str) and value.strip().startswith("+"):
            continue
        seconds = ctx.get(row, "time", _seconds)
        if seconds is not None and ctx.get(row, "rank", _int) == 1:
            return seconds
        first = seconds if first is None else first
    return first


def _absolute(ctx: _Ctx, row: dict, leader: int | None) -> int | None:
    """The row's absolute time; a '+1:36' gap is added to the leader's time."""
    seconds = ctx.get(row, "time", _seconds)
    value = row.get("time")
    if seconds is not None and isinstance(value, str) and value.strip().startswith("+"):
        if leader is None:
            raise ctx.error(
                "an absolute time for rank 1 was expected before gaps", _line(row), "time"
            )
        return leader + seconds
    return seconds


def _status(ctx: _Ctx, row: dict) -> tuple[str, int | None, str | None, Warning | None]:
    """(status, position, position_text, warning) of a result row.

    The scraper puts the rank cell's text in `status` when it is not a plain
    number; a number there ('\\xa015\\xa0') is a rank struck out after the race.
    """
    rank = ctx.get(row, "rank", _int)
    raw = ctx.get(row, "status", _text) or ""
    if whole_number(raw) is not None:
        warning = Warning(
            f"{row.get('rider_name')}: rank {raw} struck out on ProCyclingStats (result "
            "annulled); loaded as dsq without a position",
            _line(row),
            "status",
            "annulled_rank",
        )
        return "dsq", None, "DSQ", warning
    try:
        status = parse_status(raw)
    except ParseError as e:
        raise ctx.error(str(e), _line(row), "status") from None
    if status != "finished":
        return status, None, raw.upper(), None
    return status, rank, None if rank is None else str(rank), None


class _Outcome(TypedDict):
    """A result row's outcome, shared by the rider's row and a TTT team's row."""

    status: str
    position: int | None
    position_text: str | None
    time_seconds: int | None
    gap_seconds: int | None


def _results(ctx: _Ctx, rows: list[dict], is_ttt: bool) -> Iterator[Record]:
    leader = _leader_time(ctx, rows)
    previous: int | None = None
    teams_done: set[tuple[int | None, str | None]] = set()
    for row in rows:
        status, position, text, warning = _status(ctx, row)
        if warning:
            yield warning
        # non-finishers carry the previous rider's time in the source
        seconds = _absolute(ctx, row, leader) if status in ("finished", "dsq", "otl") else None
        gap = None if seconds is None or leader is None else seconds - leader
        suspect = gap is not None and gap < 0
        if suspect:
            yield Warning(
                f"{row.get('rider_name')}: time {format_time(seconds)} before the winner's "
                f"{format_time(leader)}",
                _line(row),
                "time",
                "time_before_winner",
            )
            gap = None
        elif status == "finished" and seconds is not None:
            if previous is not None and seconds < previous:
                yield _order_warning(row, seconds, previous)
            previous = seconds
        fields = _rider(ctx, row)
        common: _Outcome = {
            "status": status, "position": position, "position_text": text,
            "time_seconds": seconds, "gap_seconds": gap,
        }  # fmt: skip
        if is_ttt and position is not None and (position, fields["team"]) not in teams_done:
            teams_done.add((position, fields["team"]))
            yield StageResult(
                ctx.race, ctx.year, ctx.stage, None, team=fields["team"], line=_line(row), **common
            )
        yield StageResult(
            ctx.race,
            ctx.year,
            ctx.stage,
            **fields,
            **common,
            bonus_seconds=ctx.get(row, "bonus", _seconds),
            is_suspect=suspect,
            line=_line(row),
        )


def _order_warning(row: dict, seconds: int, previous: int) -> Warning:
    return Warning(
        f"{row.get('rider_name') or row.get('team_name')}: time {format_time(seconds)} is less "
        f"than the previous row's {format_time(previous)}",
        _line(row),
        "time",
        "time_order",
    )


@dataclass(slots=True)
class _Previous:
    """The rank and time of the last ranked row of a classification."""

    rank: int = 0
    seconds: int | None = None


def _standings(ctx: _Ctx, rows: list[dict], kind: str) -> Iterator[Record]:
    timed = kind in _TIMED
    leader = _leader_time(ctx, rows) if timed else None
    previous = _Previous()
    for row in rows:
        rank = ctx.get(row, "rank", _int)
        seconds = _absolute(ctx, row, leader) if timed else None
        yield from _standing_checks(row, kind, rank, seconds, previous)
        if kind == "teams":
            who: dict[str, Any] = {"team": ctx.get(row, "team_name", _text)}
        else:
            who = _rider(ctx, row)
        yield Standing(
            ctx.race,
            ctx.year,
            ctx.stage,
            kind,
            **who,
            status="finished" if rank is not None else "dsq",
            position=rank,
            position_text=str(rank) if rank is not None else "DSQ",
            time_seconds=seconds,
            gap_seconds=None if seconds is None or leader is None else seconds - leader,
            points=None if timed else ctx.get(row, "points", _int),
            bonus_seconds=ctx.get(row, "bonus", _seconds),
            line=_line(row),
        )


def _standing_checks(
    row: dict, kind: str, rank: int | None, seconds: int | None, previous: _Previous
) -> Iterator[Warning]:
    """Warnings for a row without a rank, a skipped rank, or a time out of order."""
    who = row.get("rider_name") or row.get("team_name")
    if rank is None:
        yield Warning(
            f"{who}: no rank in {kind} (removed from the classification); loaded as dsq "
            "without a position",
            _line(row),
            "rank",
            "unranked",
        )
        return
    if rank > previous.rank + 1:
        yield Warning(
            f"{who}: rank {rank} in {kind} follows rank {previous.rank}; the places between "
            "are missing (a rider removed without renumbering)",
            _line(row),
            "rank",
            "rank_gap",
        )
    if seconds is not None and previous.seconds is not None and seconds < previous.seconds:
        yield _order_warning(row, seconds, previous.seconds)
    previous.rank = rank
    previous.seconds = seconds if seconds is not None else previous.seconds


# --- editions (Race.parse()) ------------------------------------------------------------


def _edition_slug(ctx: _Ctx, data: dict, year: int) -> str | None:
    """The race slug: from the file name, else from the edition's own URL in the content."""
    m = _FILE.match(ctx.path.name)
    if m:
        return m["slug"].lower()
    for item in data.get("prev_editions_select") or []:
        value = item.get("value") if isinstance(item, dict) else None
        parts = value.split("/") if isinstance(value, str) else []
        if len(parts) > 2 and parts[0] == "race" and parts[2] == str(year):
            return parts[1]
    return None


def _read_edition(path: Path, data: dict) -> Iterator[Record]:
    ctx = _Ctx(path)
    top = _line(data)
    year = ctx.get(data, "year", _int)
    if year is None:
        raise ctx.error("a year was expected in the edition", top, "year")
    slug = _edition_slug(ctx, data, year)
    name = race_name(slug) if slug else ctx.get(data, "name", _text)
    if name is None:
        raise ctx.error("a race name was expected in the edition", top, "name")
    ctx.race, ctx.year = name, year
    one_day = bool(ctx.get(data, "is_one_day_race", _bool))
    yield Race(
        name,
        country=ctx.get(data, "nationality", _text),
        is_one_day=one_day,
        gender=_gender(data.get("category")),
        line=top,
    )
    stages = ctx.rows(data, "stages")
    winners = ctx.rows(data, "stages_winners")
    number = ctx.get(data, "edition", _int)
    # PCS gives a cancelled edition no number, no stages and no winners
    cancelled = number is None and not stages and not winners
    start = ctx.get(data, "startdate", _iso_date)
    yield Edition(
        name,
        year,
        number=number,
        start_date=start,
        end_date=ctx.get(data, "enddate", _iso_date),
        is_cancelled=cancelled,
        line=top,
    )
    if cancelled:
        yield Warning(
            f"{name} {year}: no edition number, stages or winners; taken as cancelled",
            top,
            "edition",
            "cancelled",
        )
    elif one_day and not stages:
        yield Stage(name, year, "1", date=start, line=top)
    for row in stages:
        yield _edition_stage(ctx, row, (start or str(year))[:4])
    for row in winners:
        yield _winner(ctx, row, one_day)


def _parse_stage_name(
    text: str | None, url: str | None
) -> tuple[str, str | None, str | None] | None:
    """'Stage 1 (ITT) | Copenhagen - Copenhagen' -> ('1', 'itt', 'Copenhagen - Copenhagen')."""
    m = _STAGE_NAME.match(text or "")
    if m:
        label = "0" if m["prologue"] else parse_stage_label(m["number"].replace(" ", ""))
        kind = "prologue" if m["prologue"] else (m["kind"] or "road").lower()
        return label, kind, clean_text(m["route"] or "") or None
    u = _STAGE_URL.search(url or "")
    if u:
        return ("0", "prologue", None) if u[2] else (parse_stage_label(u[1]), None, None)
    return None


def _stage_date(ctx: _Ctx, row: dict, year: str) -> str | None:
    """'07-01' (month-day) -> '2022-07-01'; a full ISO date is kept."""
    text = ctx.get(row, "date", _text)
    m = _MONTH_DAY.match(text or "")
    candidate = f"{year}-{int(m[1]):02d}-{int(m[2]):02d}" if m else text
    try:
        return _iso_date(candidate)
    except ParseError:
        raise ctx.error(
            f"a date like 07-01 was expected, found {text!r}", _line(row), "date"
        ) from None


def _edition_stage(ctx: _Ctx, row: dict, year: str) -> Stage:
    name = ctx.get(row, "stage_name", _text)
    parsed = _parse_stage_name(name, ctx.get(row, "stage_url", _text))
    if parsed is None:
        raise ctx.error(
            "a stage name like 'Stage 1 (ITT) | Copenhagen - Copenhagen' was expected, "
            f"found {name!r}",
            _line(row),
            "stage_name",
        )
    label, kind, route = parsed
    places = route.split(" - ") if route else []
    departure, arrival = places if len(places) == 2 else (None, None)
    return Stage(
        ctx.race,
        ctx.year,
        label,
        date=_stage_date(ctx, row, year),
        departure=departure,
        arrival=arrival,
        kind=kind,
        line=_line(row),
    )


def _winner(ctx: _Ctx, row: dict, one_day: bool) -> StageResult:
    name = ctx.get(row, "stage_name", _text)
    parsed = _parse_stage_name(name, None)
    if parsed is None and not one_day:
        raise ctx.error(
            f"a stage name like 'Stage 1' was expected, found {name!r}", _line(row), "stage_name"
        )
    fields = _rider(ctx, row, order="auto")  # upper-case family names: "VAN AERT Wout"
    return StageResult(
        ctx.race,
        ctx.year,
        parsed[0] if parsed else "1",
        **fields,
        position=1,
        position_text="1",
        line=_line(row),
    )


# --- start lists (RaceStartlist.parse()) ------------------------------------------------


def _read_startlist(path: Path, data: dict) -> Iterator[Record]:
    ctx = _Ctx(path)
    slug, year, page = _file_parts(ctx, "startlist")
    if page not in (None, "startlist"):
        raise ctx.error(
            f"a file name ending _startlist.json was expected, found {path.name!r}", None
        )
    ctx.race, ctx.year = race_name(slug), year
    yield Edition(ctx.race, year, line=_line(data))
    for row in ctx.rows(data, "startlist", required=True):
        fields = _rider(ctx, row, order="auto")  # "POGAČAR Tadej": upper case marks the family
        team = fields.pop("team")
        yield Entry(
            ctx.race,
            year,
            team=_TEAM_CLASS.sub("", team) if team else None,
            **fields,
            line=_line(row),
        )
