"""`palmares profile`: the "Race Profile" box of a stage, written from the database.

Checked four ways: against the seed report's own box (data/ holds the same race), by
reading every box written for the corpus back with the race_profile reader, through
the CLI, and as a Datasette page.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path

import pytest
from conftest import CORPUS, SEED
from datasette.app import Datasette

from palmares import queries
from palmares.cli import cli
from palmares.db import connect, init_db, register_functions
from palmares.errors import LoadError
from palmares.loader.formats import race_profile
from palmares.loader.load import load_file, load_paths
from palmares.loader.records import StageResult, Standing
from palmares.names import name_key, team_key
from palmares.reports.profile import (
    Box,
    Entry,
    Line,
    ProfileError,
    build_box,
    find_team,
    format_html,
    format_km,
    format_markdown,
    format_stage,
    format_text,
    normalise_label,
    profile_box,
    text_lines,
)
from palmares.web.profile_page import profile_path

DAUPHINE = {"race": "criterium-du-dauphine", "year": 2021}
ASTANA = "Astana – Premier Tech"
STAGE_LIST = CORPUS / "cyclingdata-jenslemb" / "stages.csv"


# --- the seed report's box ---------------------------------------------------------------


def seed_box() -> list[str]:
    """The non-blank lines of the box that ends the seed report."""
    lines = [t.strip() for t in (SEED / "000_2a610b4612a8d070.txt").read_text("utf-8").splitlines()]
    return [t for t in lines[lines.index("Race Profile") :] if t]


def loose(text: str) -> str:
    """Accents and whitespace dropped; case, dashes and everything else kept."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(bare.split())


SEED_LINES = seed_box()


@pytest.mark.parametrize("i", range(7), ids=[t[:24] for t in SEED_LINES])
def test_seed_box_is_reproduced_line_by_line(seed_conn, i):
    text = profile_box(seed_conn, **DAUPHINE, stage="8", teams=[ASTANA])
    written = [t for t in text.splitlines() if t]
    assert len(written) == len(SEED_LINES) == 7
    assert loose(written[i]) == loose(SEED_LINES[i])


def test_seed_box_layout_is_the_report_s(seed_conn):
    """A blank line between lines, as the report prints it; names with their accents."""
    text = profile_box(seed_conn, **DAUPHINE, stage="8", teams=[ASTANA])
    assert text.split("\n\n")[:3] == [
        "Race Profile",
        "Critérium du Dauphiné",
        "Stage 8: La Léchère-Les-Bains > Les Gets (147km)",
    ]
    assert text.split("\n\n")[4] == (
        "Astana – Premier Tech top 3: 7. Alexey Lutsenko, 13. Ion Izagirre, 34. Óscar Rodríguez"
    )


# --- the parts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("km", "text"),
    [(147.0, "147km"), (16.4, "16.4km"), (181.8, "181.8km"), (146.96, "147km"), (None, None)],
)
def test_format_km(km, text):
    assert format_km(km) == text


def head(label="8", kind="road", departure="A", arrival="B", km=147.0) -> dict:
    return {"label": label, "kind": kind, "departure": departure, "arrival": arrival,
            "distance_km": km}  # fmt: skip


@pytest.mark.parametrize(
    ("row", "line"),
    [
        (head(), "Stage 8: A > B (147km)"),
        (head("4", "itt", km=16.4), "Stage 4: A > B (ITT, 16.4km)"),
        (head("3", "ttt", "Cholet", "Cholet", 35.5), "Stage 3: Cholet > Cholet (TTT, 35.5km)"),
        (head("0", "prologue", "Brussels", None, 8.0), "Prologue: Brussels (8km)"),
        (head("10a", None, km=None), "Stage 10a: A > B"),
        (head("2", "itt", None, None, None), "Stage 2: (ITT)"),
    ],
)
def test_format_stage(row, line):
    assert format_stage(row) == line


@pytest.mark.parametrize(
    ("given", "label"),
    [("8", "8"), (8, "8"), ("08", "8"), ("10A", "10a"), ("Stage 8", "8"), ("Prologue", "0")],
)
def test_normalise_label(given, label):
    assert normalise_label(given) == label


NAMES = {
    team_key(name): name
    for name in (
        "Astana – Premier Tech",
        "INEOS Grenadiers",
        "Deceuninck – Quick-Step",
        "Quick-Step Floors",
    )
}
HEAD = {"label": "8", "year": 2021, "race": "Critérium du Dauphiné"}


@pytest.mark.parametrize(
    ("wanted", "key"),
    [
        ("Astana – Premier Tech", team_key("Astana – Premier Tech")),
        ("ASTANA-PREMIER TECH", team_key("Astana – Premier Tech")),
        ("astana premier-tech", team_key("Astana – Premier Tech")),
        ("Astana", team_key("Astana – Premier Tech")),
        ("ineos", team_key("INEOS Grenadiers")),
        ("Team INEOS Grenadiers", team_key("INEOS Grenadiers")),
    ],
)
def test_find_team(wanted, key):
    assert find_team(wanted, NAMES, HEAD) == key


def test_find_team_ambiguous_and_unknown():
    with pytest.raises(ProfileError) as e:
        find_team("Quick-Step", NAMES, HEAD)
    assert str(e.value) == (
        "--team 'Quick-Step' matches several teams on stage 8 of the 2021 Critérium du "
        "Dauphiné: Deceuninck – Quick-Step; Quick-Step Floors"
    )
    with pytest.raises(ProfileError, match="^no team 'Cofidis' on stage 8 of the 2021 Crit"):
        find_team("Cofidis", NAMES, HEAD)


def test_top_and_format_are_checked(seed_conn):
    with pytest.raises(ProfileError, match="a --top of at least 1 was expected, found 0"):
        profile_box(seed_conn, **DAUPHINE, stage="8", top=0)
    with pytest.raises(ProfileError, match="a format among text, markdown, html was expected"):
        profile_box(seed_conn, **DAUPHINE, stage="8", fmt="pdf")


def test_a_team_named_twice_gets_one_line(seed_conn):
    box = build_box(seed_conn, **DAUPHINE, stage="8", teams=["Astana", ASTANA])
    assert [line.label for line in box.lines] == [
        "Top 3", f"{ASTANA} top 3", "Top 3 on GC", f"{ASTANA} top 3 on GC",
    ]  # fmt: skip


def test_a_team_without_a_ranked_rider_on_a_line_has_no_line(seed_conn):
    """Stage 6 is partial (six places known): Team DSM is on GC only, Cofidis on stage 8 only."""
    box = build_box(seed_conn, **DAUPHINE, stage="6", teams=["dsm", "movistar"])
    assert [line.label for line in box.lines] == [
        "Top 3", "Movistar Team top 3", "Top 3 on GC", "Team DSM top 3 on GC",
        "Movistar Team top 3 on GC",
    ]  # fmt: skip
    box = build_box(seed_conn, **DAUPHINE, stage="8", teams=["Cofidis"])
    assert [line.label for line in box.lines] == ["Top 3", "Cofidis top 3", "Top 3 on GC"]


# --- markup ------------------------------------------------------------------------------


def markdown_lines(text: str) -> list[str]:
    """Markdown back to the text lines: markers off, backslash escapes undone."""
    out = []
    for block in text.split("\n\n"):
        block = re.sub(r"(?<!\\)\*\*", "", block.removeprefix("### "))
        out.append(re.sub(r"\\(.)", r"\1", block))
    return out


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.open = False

    def handle_starttag(self, tag, attrs):
        if tag in ("h3", "p"):
            self.blocks.append("")
            self.open = True

    def handle_endtag(self, tag):
        if tag in ("h3", "p"):
            self.open = False

    def handle_data(self, data):
        if self.open:
            self.blocks[-1] += data


def html_lines(text: str) -> list[str]:
    parser = _Blocks()
    parser.feed(text)
    return parser.blocks


def test_markdown_and_html_say_what_the_text_says(seed_conn):
    box = build_box(seed_conn, **DAUPHINE, stage="8", teams=[ASTANA, "ineos"])
    assert markdown_lines(format_markdown(box)) == text_lines(box)
    assert html_lines(format_html(box)) == text_lines(box)
    assert format_html(box).startswith('<section class="race-profile">\n<h3>Race Profile</h3>\n')


def test_markup_escapes_what_names_may_hold():
    box = Box("Tour <b>", "Stage 1: A > B", (Line("Top 1", (Entry(1, "A *B* _C_", "TDF ***"),)),))
    assert "Top 1: 1. A *B* _C_ (TDF ***)" in format_text(box)
    assert format_markdown(box).endswith("**Top 1:** 1. A \\*B\\* \\_C\\_ (TDF \\*\\*\\*)")
    assert "<p><strong>Tour &lt;b&gt;</strong></p>" in format_html(box)
    assert markdown_lines(format_markdown(box)) == html_lines(format_html(box)) == text_lines(box)


# --- boxes the reader must read back as written ------------------------------------------


def read_box(box: Box, tmp_path: Path, year: int = 1904) -> list:
    """The box as text in a report, read with the race_profile reader."""
    path = tmp_path / "box.txt"
    path.write_text(f" date {year}-07-09 Report.\n\n{format_text(box)}\n", "utf-8")
    return list(race_profile.read(path))


def rows_of(records: list) -> list[tuple]:
    """(kind, rank, rider, team) of each result and standing read."""
    out = []
    for r in records:
        if isinstance(r, StageResult):
            out.append(("stage", r.position, r.rider, r.team))
        elif isinstance(r, Standing):
            out.append((r.kind, r.position, r.rider, r.team))
    return out


CORNET = "Henri Cornet (Geboren Jardy)"


@pytest.mark.parametrize(
    ("line", "text", "rows"),
    [
        # a name's brackets: the team's come last, '()' when there is none
        (Line("Top 3", (Entry(1, CORNET, None), Entry(2, CORNET + " Jr", "LE GLOBE"))),
         "Top 3: 1. Henri Cornet (Geboren Jardy) (), 2. Henri Cornet (Geboren Jardy) Jr "
         "(LE GLOBE)",
         [(1, CORNET, None), (2, CORNET + " Jr", "LE GLOBE")]),
        # on a team line brackets are the name's: no '()'
        (Line("LE GLOBE top 3", (Entry(12, CORNET, None),), "team"),
         "LE GLOBE top 3: 12. Henri Cornet (Geboren Jardy)", [(12, CORNET, "LE GLOBE")]),
        # ties, names that start with an apostrophe or a question mark
        (Line("Top 3", (Entry(1, "'T Ven Willy In", "Dr. Mann - Grundig"),
                        Entry(1, "? Pujol", None), Entry(3, "Ernest Paul", "ISOLES"))),
         "Top 3: 1. 'T Ven Willy In (Dr. Mann - Grundig), 1. ? Pujol, 3. Ernest Paul (ISOLES)",
         [(1, "'T Ven Willy In", "Dr. Mann - Grundig"), (1, "? Pujol", None),
          (3, "Ernest Paul", "ISOLES")]),
        # team headings with abbreviations, a final 's
        (Line("J.B. LOUVET-HUTCHINSON top 3", (Entry(1, "Pé Verhaegen", None),), "team"),
         "J.B. LOUVET-HUTCHINSON top 3: 1. Pé Verhaegen",
         [(1, "Pé Verhaegen", "J.B. LOUVET-HUTCHINSON")]),
        (Line("Smith's top 3", (Entry(8, "Frans Brands", None),), "team"),
         "Smith's top 3: 8. Frans Brands", [(8, "Frans Brands", "Smith's")]),
    ],
)  # fmt: skip
def test_written_lines_read_back(tmp_path, line, text, rows):
    box = Box("Tour de France", "Stage 3: Marseille > Toulouse (424km)", (line,))
    assert text_lines(box)[3] == text
    assert [row[1:] for row in rows_of(read_box(box, tmp_path))] == rows


def test_team_places_read_back_as_team_rows(tmp_path):
    box = Box("Tour de France", "Stage 3: Cholet > Cholet (TTT, 35.5km)", (
        Line("Top 3 (teams)", (Entry(1, "BMC RACING TEAM", None), Entry(2, "TEAM SKY", None)),
             "teams"),
        Line("TEAM SKY top 3", (Entry(2, "Chris Froome", None), Entry(2, "Geraint Thomas", None)),
             "team"),
    ))  # fmt: skip
    assert text_lines(box)[3:] == [
        "Top 3 (teams): 1. BMC RACING TEAM, 2. TEAM SKY",
        "TEAM SKY top 3: 2. Chris Froome, 2. Geraint Thomas",
    ]
    assert rows_of(read_box(box, tmp_path, 2018)) == [
        ("stage", 1, None, "BMC RACING TEAM"), ("stage", 2, None, "TEAM SKY"),
        ("stage", 2, "Chris Froome", "TEAM SKY"), ("stage", 2, "Geraint Thomas", "TEAM SKY"),
    ]  # fmt: skip


# --- the round trip over the corpus ------------------------------------------------------
#
# A stage has COMPLETE data when
# - the stage_result query gives it at least one ranked rider (a place, not DNF/DNS/...),
#   and not every ranked row is marked suspect (a source that put the GC in the stage
#   result's place: the box leaves such a result out);
# - for a stage race, the gc query gives at least one ranked rider after the stage
#   (published, or computed from stage times). One-day races need only the result: their
#   box has no GC lines.
# Every such stage of the corpus is written (with the stage winner's team as --team when the
# winner has one), read back with the race_profile reader into an empty database, and must
# give the same ranks, riders (folded name keys), teams (folded team keys), race, year,
# stage label, kind, route and distance. Riders tied at a team line's cut may be either.
#
# That holds for boxes with ties ("1. Philippe Thys, 1. Théophile Beeckman"), riders named with
# brackets ("Henri Cornet (Geboren Jardy)"), names starting with an apostrophe or a question
# mark ("'T Ven Willy In", "? Pujol"), team headings with abbreviations ("J.B. LOUVET-HUTCHINSON
# top 3") or a final 's ("Smith's top 3"), and team time trials placed by teams, whose
# 'Top 3 (teams)' line must read back as the stage's team places.
# And one rider held as two in the corpus database ("Lucien Petit-Breton", "Lucien Mazan dit
# Petit-Breton": one source each) is one rider once read back: both names count as one.


@pytest.fixture(scope="session")
def corpus_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every file of the corpus, the 255k-row Tour history included."""
    path = tmp_path_factory.mktemp("profile-corpus") / "corpus.db"
    conn = init_db(path)
    load_paths(conn, [CORPUS])
    conn.close()
    return path


@pytest.fixture
def corpus_conn(corpus_path: Path) -> sqlite3.Connection:
    c = connect(corpus_path, readonly=True)
    yield c
    c.close()


@pytest.fixture(scope="session")
def blank_db() -> bytes:
    """An empty palmares database as bytes: one per box costs a copy, not the schema."""
    conn = init_db(":memory:")
    data = conn.serialize()
    conn.close()
    return data


def empty_db(blank: bytes) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.deserialize(blank)
    conn.row_factory = sqlite3.Row
    conn.execute("pragma foreign_keys = on")
    register_functions(conn)
    return conn


def complete_stages(conn: sqlite3.Connection):
    """(stage row, ranked stage rows, ranked GC rows) of every stage with complete data."""
    for s in queries.run(conn, "profile_stages"):
        if s["suspect"] == s["ranked"]:
            continue  # not the stage's result (a source's GC in its place): the box leaves it out
        params = {"race": s["race_ref"], "year": s["year"], "stage": s["label"]}
        ranked = [r for r in queries.run(conn, "stage_result", **params) if r["rank"] is not None]
        gc = [] if s["is_one_day"] else queries.run(conn, "gc", **params)
        gc = [r for r in gc if r["rank"] is not None]
        if ranked and (gc or s["is_one_day"]):
            yield s, ranked, gc


def row_key(r: dict) -> tuple:
    return r["rank"], name_key(r["rider"]), team_key(r["team"]) if r["team"] else None


def placed_by_teams(kind: str | None, ranked: list[dict]) -> bool:
    """A team time trial whose riders share their team's place (few places, many riders)."""
    return kind == "ttt" and 2 * len({r["rank"] for r in ranked}) <= len(ranked)


def team_places(ranked: list[dict], top: int = 3) -> set[tuple]:
    """(rank, team key) of each team placed 1 to `top`: its best rider's rank."""
    places: dict[str, int] = {}
    for r in ranked:
        if r["rank"] <= top and r["team"]:
            places.setdefault(team_key(r["team"]), r["rank"])
    return {(rank, key) for key, rank in places.items()}


def expected_rows(
    rows: list[dict], team: str | None, top: int = 3, by_teams: bool = False
) -> list[set[tuple]]:
    """The sets of rows a box may name: the top `top` places (none for a stage placed by
    teams), and the team's best `top` riders (riders tied at the cut may be either: one set
    per way of choosing)."""
    rows = once_a_name(rows)
    best = set() if by_teams else {row_key(r) for r in rows if r["rank"] <= top}
    mine = [r for r in rows if team and r["team"] and team_key(r["team"]) == team_key(team)]
    if len(mine) <= top:
        return [best | {row_key(r) for r in mine}]
    cut = mine[top - 1]["rank"]
    sure = {row_key(r) for r in mine if r["rank"] < cut}
    tied = [row_key(r) for r in mine if r["rank"] == cut]
    return [best | sure | set(c) for c in combinations(tied, top - len(sure))]


def once_a_name(rows: list[dict]) -> list[dict]:
    """The first row of each name key: the corpus database holds some 1930 riders twice (one
    rider a source: "Jules Merviel" first twice, "Learco Guerra" of ITALIE and of Italy), and
    a name read back is one rider."""
    seen: set[str] = set()
    return [r for r in rows if not (name_key(r["rider"]) in seen or seen.add(name_key(r["rider"])))]


def expected_kind(kind: str | None, label: str) -> str | None:
    """The kind the reader gives back: a stage "0" is a prologue unless a time trial."""
    if kind in ("itt", "ttt"):
        return kind
    return "prologue" if label == "0" else None


def one_rider_two_names(box: Box) -> dict[str, str]:
    """Name keys the reader's database will hold as one rider: "Lucien Petit-Breton" and
    "Lucien Mazan dit Petit-Breton" in one box (two riders in the corpus database, one
    source each). Both map to the shorter key, as the writer's identity rule merges them:
    one name holding the other, two words in common at least."""
    keys = {name_key(e.name) for line in box.lines for e in line.entries}
    merged = {}
    for key in keys:
        words = set(key.split())
        fits = [k for k in keys if k != key and len(set(k.split())) >= 2 and set(k.split()) < words]
        if len(fits) == 1:
            merged[key] = fits[0]
    return merged


TEAM_ROWS = """select tr.position, t.name from stage_team_results tr
    join teams t on t.team_id = tr.team_id"""


def read_back(conn: sqlite3.Connection) -> tuple[dict, set, set, set]:
    """The one stage of a database a box was read into: its heading, ranked rows and team
    places (rank, team key)."""
    (s,) = queries.run(conn, "profile_stages")
    params = {"race": s["race_ref"], "year": s["year"], "stage": s["label"]}
    (heading,) = queries.run(conn, "profile_stage", **params)
    stage = {row_key(r) for r in queries.run(conn, "stage_result", **params)}
    gc = {row_key(r) for r in queries.run(conn, "gc", **params) if r["rank"] is not None}
    teams = {(rank, team_key(name)) for rank, name in conn.execute(TEAM_ROWS)}
    return heading, stage, gc, teams


def round_trip_differences(src, stage, ranked, gc, back, merged) -> list[str]:
    """What the database read back from a box says differently from the source."""
    heading, got_stage, got_gc, got_teams = read_back(back)
    (want,) = queries.run(
        src, "profile_stage", race=stage["race_ref"], year=stage["year"], stage=stage["label"]
    )
    team = ranked[0]["team"]
    by_teams = placed_by_teams(want["kind"], ranked)
    want_stage = [_merge(x, merged) for x in expected_rows(ranked, team, by_teams=by_teams)]
    want_gc = [_merge(x, merged) for x in expected_rows(gc, team)]
    # a name the corpus database holds under two teams in one edition (two riders of one
    # name, one a source) reads back as one rider, with one of the teams
    two_teams = names_with_two_teams([*want_stage, *want_gc])
    diffs = []
    pairs = [
        ("race", heading["race_ref"], stage["race_ref"]),
        ("year", heading["year"], stage["year"]),
        ("label", heading["label"], stage["label"]),
        ("kind", heading["kind"], expected_kind(want["kind"], want["label"])),
        ("km", heading["distance_km"], want["distance_km"] and round(want["distance_km"], 1)),
        (
            "stage rows",
            _any_team(_merge(got_stage, merged), two_teams),
            [_any_team(x, two_teams) for x in want_stage],
        ),
        (
            "gc rows",
            _any_team(_merge(got_gc, merged), two_teams),
            [_any_team(x, two_teams) for x in want_gc],
        ),
        ("team places", got_teams, team_places(ranked) if by_teams else set()),
    ]
    if want["departure"] and want["arrival"]:
        pairs.append(("route", (heading["departure"], heading["arrival"]),
                      (want["departure"], want["arrival"])))  # fmt: skip
    for what, got, wanted in pairs:
        if got != wanted and not (isinstance(wanted, list) and got in wanted):
            diffs.append(f"{what}: read back {got!r}, database {wanted!r}")
    return diffs


def _merge(rows: set[tuple], merged: dict[str, str]) -> set[tuple]:
    return {(rank, merged.get(key, key), team) for rank, key, team in rows}


def names_with_two_teams(row_sets: list[set[tuple]]) -> set[str]:
    teams: dict[str, set] = {}
    for rows in row_sets:
        for _rank, key, team in rows:
            teams.setdefault(key, set()).add(team)
    return {key for key, found in teams.items() if len(found) > 1}


def _any_team(rows: set[tuple], keys: set[str]) -> set[tuple]:
    return {(rank, key, "(either)" if key in keys else team) for rank, key, team in rows}


def check_round_trip(src, stage, ranked, gc, blank: bytes, box_file: Path) -> tuple[str, str]:
    """('same' | 'failed', what went wrong) for one stage."""
    team = ranked[0]["team"]
    box = build_box(src, stage["race_ref"], stage["year"], stage["label"],
                    teams=[team] if team else [])  # fmt: skip
    text = format_text(box)
    if not markdown_lines(format_markdown(box)) == text_lines(box) == html_lines(format_html(box)):
        return "failed", f"the Markdown or HTML box says something else than\n{text}"
    box_file.write_text(f" date {stage['year']}-01-01\n\n{text}\n", "utf-8")
    back = empty_db(blank)
    try:
        load_file(back, box_file, "race_profile")
        merged = one_rider_two_names(box)
        diffs = round_trip_differences(src, stage, ranked, gc, back, merged)
    except LoadError as e:
        return "failed", f"{e.reason}\n{text}"
    finally:
        back.close()
    if diffs:
        return "failed", "; ".join(diffs) + f"\n{text}"
    return ("same: one rider, two names" if merged else "same"), ""


@pytest.mark.slow
def test_every_complete_stage_of_the_corpus_reads_back_the_same(
    corpus_conn, blank_db, tmp_path, capsys
):
    counts: Counter[str] = Counter()
    failures = []
    for stage, ranked, gc in complete_stages(corpus_conn):
        outcome, why = check_round_trip(corpus_conn, stage, ranked, gc, blank_db, tmp_path / "b")
        counts[outcome] += 1
        if why:
            failures.append(f"{stage['race_ref']} {stage['year']} stage {stage['label']}: {why}")
    with capsys.disabled():
        print(f"\nround trip over the corpus: {dict(sorted(counts.items()))}")
    assert not failures, f"{len(failures)} failed:\n\n" + "\n\n".join(failures[:30])
    # every reader's stages are in (the Tour history alone has 2,000+)
    assert counts["same"] >= 2000
    assert set(counts) <= {"same", "same: one rider, two names"}


def test_every_stage_of_the_seed_race_reads_back_the_same(seed_conn, blank_db, tmp_path):
    outcomes = [
        check_round_trip(seed_conn, stage, ranked, gc, blank_db, tmp_path / "b")
        for stage, ranked, gc in complete_stages(seed_conn)
    ]
    assert outcomes == [("same", "")] * 8


@pytest.mark.slow
def test_a_team_time_trial_is_placed_by_teams(corpus_conn):
    text = profile_box(corpus_conn, "tour-de-france", 2018, "3", teams=["sky"])
    assert text.split("\n\n")[2:5] == [
        "Stage 3: Cholet > Cholet (TTT, 35.5km)",
        "Top 3 (teams): 1. BMC RACING TEAM, 2. TEAM SKY, 3. QUICK - STEP FLOORS",
        "TEAM SKY top 3: 2. Chris Froome, 2. Egan Bernal, 2. Geraint Thomas",
    ]


@pytest.mark.slow
def test_ties_and_a_name_with_brackets(corpus_conn):
    """1904: two riders first; Henri Cornet has no team (his birth name is an alias)."""
    assert profile_box(corpus_conn, "tour-de-france", 1904, "3").split("\n\n")[3:] == [
        "Top 3: 1. Henri Cornet, 1. Hippolyte Aucouturier, 3. François Beaugendre",
        "Top 3 on GC: 1. Henri Cornet",
    ]
    text = profile_box(corpus_conn, "tour-de-france", 1911, "13")
    assert text.split("\n\n")[3] == (
        "Top 3: 1. Gustave Garrigou (ALCYON), 2. Henri Cornet (LE GLOBE), "
        "3. Albert Dupont (LE GLOBE)"
    )


@pytest.mark.slow
def test_a_name_the_database_holds_twice_is_written_once(corpus_conn):
    """1930: the two sources give the stage winner different bibs; he is one rider,
    listed once, under the team spelling most of his team was entered with."""
    (merviels,) = corpus_conn.execute(
        "select count(*) from riders where name_key = 'jules merviel'"
    ).fetchone()
    assert merviels == 1
    text = profile_box(corpus_conn, "tour-de-france", 1930, "7", teams=["France"])
    assert text.split("\n\n")[3:5] == [
        "Top 3: 1. Jules Merviel (FRANCE), 2. Antonin Magne (FRANCE), "
        "3. Charles Pélissier (FRANCE)",
        "FRANCE top 3: 1. Jules Merviel, 2. Antonin Magne, 3. Charles Pélissier",
    ]


@pytest.mark.slow
def test_a_result_marked_suspect_is_left_out(corpus_conn):
    """The Tour history holds the GC after the 2019 team time trial in its result's place."""
    assert profile_box(corpus_conn, "tour-de-france", 2019, "2").split("\n\n")[2:] == [
        "Stage 2: Brussels > Brussels (TTT, 27.6km)",
        "Top 3 on GC: 1. Mike Teunissen (TEAM JUMBO - VISMA)",
    ]


@pytest.mark.slow
def test_a_one_day_race_has_no_gc_lines(corpus_conn):
    assert profile_box(corpus_conn, "Ronde van Vlaanderen", 2022, "1") == (
        "Race Profile\n\nRonde van Vlaanderen\n\nStage 1: Antwerp > Oudenaarde (272.5km)\n\n"
        "Top 3: 1. Mathieu Van Der Poel (Alpecin - Fenix), 2. Dylan van Baarle (INEOS "
        "Grenadiers), 3. Valentin Madouas (Groupama - FDJ)"
    )


# --- the command -------------------------------------------------------------------------

ARGS = ["-p", "race", "criterium-du-dauphine", "-p", "year", "2021"]

SEED_TEXT = """\
Race Profile

Critérium du Dauphiné

Stage 8: La Léchère-Les-Bains > Les Gets (147km)

Top 3: 1. Mark Padun (Bahrain – Victorious), 2. Jonas Vingegaard (Team Jumbo-Visma), \
3. Patrick Konrad (BORA – hansgrohe)

Astana – Premier Tech top 3: 7. Alexey Lutsenko, 13. Ion Izagirre, 34. Óscar Rodríguez

Top 3 on GC: 1. Richie Porte (INEOS Grenadiers), 2. Alexey Lutsenko (Astana – Premier Tech), \
3. Geraint Thomas (INEOS Grenadiers)

Astana – Premier Tech top 3 on GC: 2. Alexey Lutsenko, 7. Ion Izagirre, 50. Óscar Rodríguez
"""

SEED_MARKDOWN = """\
### Race Profile

**Critérium du Dauphiné**

Stage 8: La Léchère-Les-Bains > Les Gets (147km)

**Top 3:** 1. Mark Padun (Bahrain – Victorious), 2. Jonas Vingegaard (Team Jumbo-Visma), \
3. Patrick Konrad (BORA – hansgrohe)

**Astana – Premier Tech top 3:** 7. Alexey Lutsenko, 13. Ion Izagirre, 34. Óscar Rodríguez

**Top 3 on GC:** 1. Richie Porte (INEOS Grenadiers), 2. Alexey Lutsenko (Astana – Premier \
Tech), 3. Geraint Thomas (INEOS Grenadiers)

**Astana – Premier Tech top 3 on GC:** 2. Alexey Lutsenko, 7. Ion Izagirre, 50. Óscar Rodríguez
"""

SEED_HTML = """\
<section class="race-profile">
<h3>Race Profile</h3>
<p><strong>Critérium du Dauphiné</strong></p>
<p>Stage 8: La Léchère-Les-Bains &gt; Les Gets (147km)</p>
<p><strong>Top 3:</strong> 1. Mark Padun (Bahrain – Victorious), 2. Jonas Vingegaard (Team \
Jumbo-Visma), 3. Patrick Konrad (BORA – hansgrohe)</p>
<p><strong>Astana – Premier Tech top 3:</strong> 7. Alexey Lutsenko, 13. Ion Izagirre, \
34. Óscar Rodríguez</p>
<p><strong>Top 3 on GC:</strong> 1. Richie Porte (INEOS Grenadiers), 2. Alexey Lutsenko \
(Astana – Premier Tech), 3. Geraint Thomas (INEOS Grenadiers)</p>
<p><strong>Astana – Premier Tech top 3 on GC:</strong> 2. Alexey Lutsenko, 7. Ion Izagirre, \
50. Óscar Rodríguez</p>
</section>
"""

STAGE_4_TOP_5 = """\
Race Profile

Critérium du Dauphiné

Stage 4: Firminy > Roche-La-Molière (ITT, 16.4km)

Top 5: 1. Alexey Lutsenko (Astana – Premier Tech), 2. Ion Izagirre (Astana – Premier Tech), \
3. Kasper Asgreen (Deceuninck – Quick-Step), 4. Wilco Kelderman (BORA – hansgrohe), \
5. Ilan Van Wilder (Team DSM)

INEOS Grenadiers top 5: 6. Richie Porte, 10. Geraint Thomas

Astana – Premier Tech top 5: 1. Alexey Lutsenko, 2. Ion Izagirre

Top 5 on GC: 1. Lukas Pöstlberger (BORA – hansgrohe), 2. Alexey Lutsenko (Astana – Premier \
Tech), 3. Kasper Asgreen (Deceuninck – Quick-Step), 4. Ion Izagirre (Astana – Premier Tech), \
5. Wilco Kelderman (BORA – hansgrohe)

INEOS Grenadiers top 5 on GC: 7. Richie Porte, 8. Geraint Thomas

Astana – Premier Tech top 5 on GC: 2. Alexey Lutsenko, 4. Ion Izagirre
"""


@pytest.mark.parametrize(
    ("fmt", "output"), [("text", SEED_TEXT), ("markdown", SEED_MARKDOWN), ("html", SEED_HTML)]
)
def test_cli_formats(runner, seed_db_path, fmt, output):
    args = ["profile", str(seed_db_path), *ARGS, "-p", "stage", "8", "--team", ASTANA]
    result = runner.invoke(cli, [*args, "--format", fmt], catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (0, output, "")


def test_cli_top_5_and_two_teams_matched_loosely(runner, seed_db_path):
    args = ["profile", str(seed_db_path), *ARGS, "-p", "stage", "4", "--top", "5"]
    args += ["--team", "ineos", "--team", "ASTANA PREMIER-TECH"]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert (result.exit_code, result.stdout) == (0, STAGE_4_TOP_5)


@pytest.fixture(scope="module")
def stage_list_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Stages and no results: the corpus stage list alone."""
    path = tmp_path_factory.mktemp("stage-list") / "stages.db"
    conn = init_db(path)
    load_file(conn, STAGE_LIST)
    conn.close()
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "race", "tour-de-nowhere", "-p", "year", "2021", "-p", "stage", "1"],
         "no race 'tour-de-nowhere': known races: criterium-du-dauphine"),
        ([*ARGS[:3], "-p", "year", "2020", "-p", "stage", "1"],
         "no 2020 edition of Critérium du Dauphiné is loaded (1 edition, 2021); nearest: 2021"),
        ([*ARGS, "-p", "stage", "9"],
         "no stage '9' in Critérium du Dauphiné 2021: its stages are 1, 2, 3, 4, 5, 6, 7, 8"),
        ([*ARGS, "-p", "stage", "8", "--team", "Trek"],
         "no team 'Trek' on stage 8 of the 2021 Critérium du Dauphiné or in the GC after it; "
         "teams there: AG2R Citroën Team; Astana – Premier Tech; BORA – hansgrohe; Bahrain – "
         "Victorious; Cofidis; Groupama – FDJ; INEOS Grenadiers; Movistar Team; Team DSM; "
         "Team Jumbo-Visma"),
        ([*ARGS, "-p", "stage", "8", "--top", "0"], "a --top of at least 1 was expected, found 0"),
        ([*ARGS], "profile needs -p stage"),
    ],
)  # fmt: skip
def test_cli_errors(runner, seed_db_path, args, message):
    result = runner.invoke(cli, ["profile", str(seed_db_path), *args], catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")


def test_cli_error_for_a_stage_without_results(runner, stage_list_db):
    args = ["profile", str(stage_list_db), *ARGS, "-p", "stage", "8"]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no ranked rider on stage 8 of the 2021 Critérium du Dauphiné or on GC after it "
        "in this database\n"
    )


# --- the Datasette page ------------------------------------------------------------------


@pytest.fixture
async def ds(seed_db_path):
    ds = Datasette([str(seed_db_path)])
    await ds.invoke_startup()
    return ds


async def test_page_shows_the_box_and_the_text_to_copy(ds, seed_conn):
    response = await ds.client.get(profile_path("criterium-du-dauphine", 2021, "8", (ASTANA,)))
    assert response.status_code == 200
    box = build_box(seed_conn, **DAUPHINE, stage="8", teams=[ASTANA])
    page = response.text
    assert format_html(box) in page
    assert "<title>Race Profile: Critérium du Dauphiné 2021, Stage 8: La Léchère-Les-Bains" in page
    text = format_text(box).replace(">", "&gt;")
    assert f'<textarea class="race-profile-text" readonly\n  rows="14" cols="100">{text}<' in page
    assert "palmares profile DB -p race criterium-du-dauphine -p year 2021 -p stage 8" in page
    assert '<a href="/race/criterium-du-dauphine/2021/stage/8">stage 8</a>' in page


async def test_page_takes_teams_and_top(ds, seed_conn):
    box = build_box(seed_conn, **DAUPHINE, stage="4", teams=["ineos", "astana"], top=5)
    for url in (
        "/-/profile/criterium-du-dauphine/2021/4?team=ineos&team=astana&top=5",
        "/-/profile/criterium-du-dauphine/2021/4?teams=ineos%0D%0Aastana&top=5",
        profile_path("criterium-du-dauphine", 2021, "4", ("ineos", "astana"), 5),
    ):
        response = await ds.client.get(url)
        assert response.status_code == 200, url
        assert format_html(box) in response.text, url


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/-/profile/criterium-du-dauphine/2021/9", 404,
         "no stage &#39;9&#39; in Critérium du Dauphiné 2021: its stages are 1, 2, 3"),
        ("/-/profile/criterium-du-dauphine/2021/8?team=Trek", 404,
         "no team &#39;Trek&#39; on stage 8"),
        ("/-/profile/giro-d-italia/2021/8", 404, "no race &#39;giro-d-italia&#39;"),
        ("/-/profile/criterium-du-dauphine/2021/8?top=x", 400,
         "top: a number from 1 to 50 was expected, found &#39;x&#39;"),
        ("/-/profile/criterium-du-dauphine/2021/8?database=nope", 404, "no database"),
    ],
)  # fmt: skip
async def test_page_errors(ds, url, status, message):
    response = await ds.client.get(url)
    assert response.status_code == status
    assert message in response.text


async def test_page_finds_the_palmares_database_among_others(seed_db_path, tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    ds = Datasette([str(other), str(seed_db_path)])
    await ds.invoke_startup()
    assert (await ds.client.get("/-/profile/criterium-du-dauphine/2021/8")).status_code == 200
    url = f"/-/profile/criterium-du-dauphine/2021/8?database={seed_db_path.stem}"
    assert (await ds.client.get(url)).status_code == 200


def test_profile_path():
    assert (
        profile_path("criterium-du-dauphine", 2021, "8")
        == "/-/profile/criterium-du-dauphine/2021/8"
    )
    assert profile_path("tour-de-france", 2022, "10a", (ASTANA, "INEOS"), 5) == (
        "/-/profile/tour-de-france/2022/10a?team=Astana+%E2%80%93+Premier+Tech&team=INEOS&top=5"
    )
