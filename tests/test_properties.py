"""Property tests: parsers and readers take any input and either parse it or raise
the project's own error (ParseError, LoadError), never another exception; format
then parse gives back the same value."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from palmares.db import init_db
from palmares.errors import LoadError, ParseError
from palmares.loader.formats import native, pcs_json, race_profile
from palmares.loader.load import load_file
from palmares.names import canonical_race, name_key, parse_name, slugify, team_key
from palmares.values import (
    MAX_SECONDS,
    format_gap,
    format_time,
    is_same_time,
    parse_gap,
    parse_int,
    parse_status,
    parse_time,
)

# Text that looks like what results files hold, and anything at all.
TIME_LIKE = st.from_regex(
    r"\A[+\- ]?[0-9٣²]{0,25}(?:[:h'.][0-9]{0,3}){0,3}(?:''|\"|s\.t\.)?\s?\Z", fullmatch=True
)
ANY_TEXT = st.one_of(st.text(), TIME_LIKE, st.text(alphabet="0123456789:+-h' ."))
SECONDS = st.integers(min_value=0, max_value=MAX_SECONDS)
FILES = Path()  # a folder for the examples' files, set by the fixture below


@pytest.fixture(scope="module", autouse=True)
def files(tmp_path_factory: pytest.TempPathFactory):
    """Where the examples write their files (pytest cleans it up), and their database."""
    global FILES
    FILES = tmp_path_factory.mktemp("properties")
    yield FILES
    while _DB:
        _DB.pop().close()


def parses_or_parse_error(parse, text, *args):
    """The value, or None when ParseError says why; any other exception fails the test."""
    try:
        return parse(text, *args)
    except ParseError as e:
        assert str(e) and "\n" not in str(e)
        return None


# ---------------------------------------------------------------- values


@given(ANY_TEXT)
@example("4:6o:49")
@example("²")
@example("9" * 5000)
@example("99999999999999999999:00:00")
@example("1_000")
def test_parse_time_parses_or_raises_parse_error(text: str) -> None:
    seconds = parses_or_parse_error(parse_time, text)
    assert seconds is None or 0 <= seconds <= MAX_SECONDS


@given(ANY_TEXT)
@example("-1:36")
@example("-")
def test_parse_gap_parses_or_raises_parse_error(text: str) -> None:
    gap = parses_or_parse_error(parse_gap, text)
    assert gap is None or 0 <= gap <= MAX_SECONDS


@given(ANY_TEXT)
@example("９")
@example("1_000")
@example("-" + "9" * 5000)
def test_parse_int_parses_or_raises_parse_error(text: str) -> None:
    number = parses_or_parse_error(parse_int, text)
    assert number is None or abs(number) < 10**9  # SQLite takes it


@given(st.text())
def test_parse_status_and_same_time_never_raise_another_error(text: str) -> None:
    parses_or_parse_error(parse_status, text)
    assert is_same_time(text) in (True, False)


@given(SECONDS)
@example(0)
@example(59)
@example(3599)
@example(3600)
@example(MAX_SECONDS)
def test_format_time_then_parse_time_is_the_same_seconds(seconds: int) -> None:
    assert parse_time(format_time(seconds)) == seconds


@given(SECONDS)
@example(0)
@example(96)
@example(3700)
def test_format_gap_then_parse_gap_is_the_same_seconds(seconds: int) -> None:
    assert parse_gap(format_gap(seconds)) == seconds


# ---------------------------------------------------------------- names

NAME_LIKE = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(categories=["Lu", "Ll", "Zs", "Pd", "Po", "Mn"])),
    st.from_regex(r"\A[A-ZÀ-Þ]{2,12}(?: [A-Za-zà-ÿ'-]{1,12}){1,3}\Z", fullmatch=True),
)


@given(NAME_LIKE, st.sampled_from(["auto", "given_first", "family_first"]))
@example('=HYPERLINK("http://x","y")', "auto")
@example("Robert'); DROP TABLE riders;--", "auto")
@example("VAN DER POEL Mathieu", "auto")
@example("GROßSCHARTNER Felix", "auto")
@example("0ŉ", "auto")  # ŉ decomposes to a modifier apostrophe: one key either way
@example("µ", "auto")  # the micro sign is a Greek mu once capitalised: one key either way
def test_parse_name_parses_or_raises_parse_error(text: str, order: str) -> None:
    person = parses_or_parse_error(parse_name, text, order)
    if person is None:
        return
    assert person.display == " ".join(x for x in (person.given, person.family) if x)
    assert person.display and person.display[0] not in "=@+-"
    # the stored spelling keeps the words of what was read: the identity key agrees
    assert name_key(person.display) == name_key(text)


@given(st.text())
def test_name_folding_never_raises(text: str) -> None:
    for fold in (name_key, slugify, team_key, canonical_race):
        assert isinstance(fold(text), str)
    assert slugify(text) == slugify(slugify(text))


# ---------------------------------------------------------------- readers

PROFILE_LINES = st.one_of(
    st.sampled_from(
        [
            "Race Profile",
            "Criterium du Dauphine",
            "Tour de France 2022",
            "Stage 8: La Léchère-Les-Bains > Les Gets (147km)",
            "Stage 4 (ITT): Firminy > Roche-La-Molière (16,4 km)",
            "Prologue: Brussels (8km)",
            "Stage 10a: A - B",
            "Top 3: 1. Mark Padun (Bahrain – Victorious), 2. Jonas Vingegaard (Team Jumbo-Visma)",
            "Astana – Premier Tech top 3: 7. Alexey Lutsenko, 13. Ion Izagirre",
            "Top 3 on GC: 1. Richie Porte (INEOS Grenadiers), 2. Alexey Lutsenko (Astana)",
            "Top 3 teams: 1. INEOS Grenadiers, 2. Astana",
            " date 2021-06-06 report",
            "Date: 6 June 2021",
            "Year: 2021",
            "",
        ]
    ),
    st.from_regex(r"\A(?:Stage \d{1,3}[a-z]?|Prologue)[^\n\r]{0,40}\Z", fullmatch=True),
    st.from_regex(
        r"\A[A-Za-z ]{0,12}[Tt]op \d{1,4}[^\n\r:]{0,10}: [^\n\r]{0,60}\Z", fullmatch=True
    ),
    st.text(max_size=80).map(lambda t: t.replace("\n", " ").replace("\r", " ")),
)


def read_all(reader, name: str, data: bytes) -> list:
    """Every record of a file holding `data`; a LoadError is an answer too."""
    path = FILES / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    try:
        return list(reader.read(path))
    except LoadError as e:
        assert str(e).startswith(str(path)) and "\n" not in str(e)
        return []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PROFILE_LINES, max_size=12), st.sampled_from(["\n", "\r\n", "\r"]))
def test_race_profile_reader_reads_or_raises_load_error(lines: list[str], newline: str) -> None:
    text = " date 2021-06-06 report" + newline + newline.join(lines) + newline
    read_all(race_profile, "report.txt", text.encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_race_profile_reader_takes_any_bytes(data: bytes) -> None:
    read_all(race_profile, "report.txt", b"Race Profile\nTour\nStage 1: A > B\n" + data)


def test_race_profile_long_lines_stay_fast(tmp_path: Path) -> None:
    """Regular expressions that backtrack on a long line would hang a load (108 s once)."""
    lines = [
        "Stage 8: A > B (" + "1" * 100_000 + "k)",
        "Top 3: 1. A" + " b" * 100_000 + " 1",
        "Top 3: 1. Mark Padun (" + "x " * 100_000,
        "Stage 8: " + "A - " * 50_000 + "(x",
    ]
    for line in lines:
        path = tmp_path / "r.txt"
        path.write_text(f" date 2021-06-06 x\nRace Profile\nTour\nStage 8: A > B\n{line}\n")
        started = time.perf_counter()
        with pytest.raises(LoadError):
            list(race_profile.read(path))
        assert time.perf_counter() - started < 5, line[:30]


RANK = st.one_of(
    st.integers(1, 300).map(str),
    st.sampled_from(["DNF", "DNS", "otl", "NQ", "0", "²", "99999999999999999999", ""]),
    st.text(max_size=5),
)
RIDER = st.one_of(
    st.sampled_from(["Mark Padun", "PADUN Mark", "Jonas Vingegaard", "Robert'); DROP TABLE x;--"]),
    st.sampled_from(["=HYPERLINK(1)", "AA =", "-", " ", "Ma\x00rk"]),
    st.text(max_size=15),
)
TIME = st.one_of(
    st.sampled_from(["4:06:49", "+1:36", "s.t.", ",,", "", "-1:36"]),
    st.integers(0, 10**7).map(format_time),
    st.integers(0, 10**7).map(format_gap),
    TIME_LIKE,
)
NUMBER = st.one_of(st.just(""), st.integers(-5, 10**20).map(str), st.text(max_size=4))
ROW_CELLS = st.tuples(RANK, RIDER, TIME, NUMBER, NUMBER)
STAGE_HEADER = "rank,rider,time,bib,points\n"


def csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def stage_csv(rows: list[tuple[str, ...]]) -> bytes:
    body = "".join(",".join(csv_cell(c) for c in row) + "\n" for row in rows)
    return (STAGE_HEADER + body).encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.lists(ROW_CELLS, max_size=6))
@example([("²", "Mark Padun", "4:06:49", "", "")])
@example(
    [("1", "Mark Padun", "4:06:49", "", ""), ("99999999999999999999", "Jonas", "+1:36", "", "")]
)
def test_native_stage_reader_reads_or_raises_load_error(rows) -> None:
    (FILES / "native").mkdir(exist_ok=True)
    (FILES / "native" / "edition.csv").write_text("field,value\nrace,Test Race\nyear,2021\n")
    read_all(native, "native/stage-1.csv", stage_csv(rows))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
ROW = st.fixed_dictionaries(
    {
        "rank": st.integers(1, 200) | st.integers() | JSON,
        "rider_name": RIDER | JSON,
        "time": TIME | st.integers() | JSON,
    },
    optional={
        "status": st.sampled_from(["DF", "DNF", "15", "", "²"]) | JSON,
        "bonus": st.integers(-5, 20) | st.integers() | JSON,
        "team_name": st.sampled_from(["UAE", " Jumbo-Visma (WT)"]) | JSON,
        "rider_number": NUMBER | st.integers() | JSON,
    },
)
JSON_STAGE = st.fixed_dictionaries(
    {
        "stage_type": st.sampled_from(["RR", "TTT", "ITT", "x"]),
        "results": st.lists(ROW, max_size=4),
    },
    optional={
        "gc": st.lists(ROW, max_size=3),
        "kom": st.lists(ROW, max_size=3),
        "teams": st.lists(ROW, max_size=3),
        "distance": st.floats() | JSON,
        "date": st.sampled_from(["2022-07-24", "2022-02-30", ""]) | JSON,
        "vertical_meters": st.integers() | JSON,
    },
)


@settings(max_examples=200, deadline=None)
@given(JSON_STAGE)
def test_pcs_json_reader_reads_or_raises_load_error(data) -> None:
    text = json.dumps(data, allow_nan=True)
    read_all(pcs_json, "race_tour-de-france_2022_stage-1.json", text.encode("utf-8"))


_DB: list = []


def load_any(name: str, data: bytes) -> None:
    """Load a file into one database shared by the examples: rows, or a LoadError."""
    if not _DB:
        _DB.append(init_db(FILES / "load.db"))
    conn = _DB[0]
    path = FILES / "load" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / "edition.csv").write_text("field,value\nrace,Test Race\nyear,2021\n")
    path.write_bytes(data)
    try:
        load_file(conn, path)
    except LoadError as e:
        assert "\n" not in str(e)
    assert not conn.in_transaction


@settings(max_examples=200, deadline=None)
@given(st.lists(ROW_CELLS, min_size=1, max_size=6))
@example([("1", "Mark Padun", "4:06:49", "99999999999999999999", "")])
@example([("1", "Mark Padun", "99999999999999999999", "", "")])
def test_loading_any_native_stage_file_gives_rows_or_a_load_error(rows) -> None:
    """Through the writer too: what a reader lets through, SQLite takes (or LoadError)."""
    load_any("stage-1.csv", stage_csv(rows))


@settings(max_examples=200, deadline=None)
@given(JSON_STAGE)
@example(
    {"stage_type": "RR", "results": [{"rank": 10**30, "rider_name": "A B", "time": "4:06:49"}]}
)
@example({"stage_type": "RR", "results": [{"rank": 1, "rider_name": "A B", "time": 10**30}]})
@example({"stage_type": "RR", "results": [], "distance": float("inf")})
def test_loading_any_scraper_stage_gives_rows_or_a_load_error(data) -> None:
    load_any("race_tour-de-france_2022_stage-1.json", json.dumps(data).encode("utf-8"))
