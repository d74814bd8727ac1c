"""Safety, round two (issue 14): limits that hold on the site, a check that sees,
one clear line instead of a traceback."""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from test_reliability import Server
from test_web import make_datasette

from palmares.cli import cli
from palmares.db import MAX_FUNCTION_TEXT, connect
from palmares.web import limits

# ---------------------------------------------------------------- limits on the site

HUGE = 20_000_000


@pytest.mark.parametrize(
    "sql",
    [
        "select length(randomblob(1000000000))",
        "select length(zeroblob(1000000000))",
        "select length(group_concat(printf('%.*c', 50000, 'x'))) from "
        "(with recursive r(i) as (select 1 union all select i + 1 from r where i < 1000) "
        "select i from r)",
    ],
)
async def test_huge_strings_and_blobs_are_refused_not_built(seed_db_path, sql) -> None:
    ds = make_datasette(seed_db_path)
    started = time.perf_counter()
    response = await ds.client.get("/palmares.json?sql=" + quote(sql))
    assert response.status_code == 400, response.text[:300]
    assert "too big" in response.json()["error"]
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    "fn",
    [
        "palmares_slug",
        "palmares_fold",
        "palmares_name_key",
        "palmares_team_key",
        "palmares_team_words",
    ],
)
def test_palmares_functions_give_null_for_text_over_the_cap(db_path, fn) -> None:
    conn = connect(db_path)
    long_text = "Pogačar " * (MAX_FUNCTION_TEXT // 8 + 1)
    started = time.perf_counter()
    assert conn.execute(f"select {fn}(?)", (long_text * 100,)).fetchone()[0] is None
    assert time.perf_counter() - started < 0.5
    assert conn.execute(f"select {fn}('Tadej Pogačar')").fetchone()[0]


def test_palmares_functions_take_any_value_without_raising(db_path) -> None:
    conn = connect(db_path)
    for value in ("abc", "9" * 5000, 1e308, b"\x00", -(10**18), None):
        for fn in ("palmares_time", "palmares_gap", "palmares_stage_label", "palmares_slug"):
            conn.execute(f"select {fn}(?)", (value,)).fetchone()
        conn.execute("select palmares_race_score('x', 'y', ?)", (value,)).fetchone()
    assert conn.execute("select palmares_time(14809)").fetchone()[0] == "4:06:49"
    assert conn.execute("select palmares_time('x')").fetchone()[0] is None


async def test_sql_run_outside_db_execute_has_the_time_limit_too(seed_db_path) -> None:
    ds = make_datasette(seed_db_path)
    ds._settings["sql_time_limit_ms"] = 300
    db = ds.get_database("palmares")
    endless = (
        "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r"
    )
    started = time.perf_counter()
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        await limits.execute_fn_limited(ds, db, lambda c: c.execute(endless).fetchone())
    assert time.perf_counter() - started < 2
    # and the connection is usable after it, without the handler
    assert await db.execute_fn(lambda c: c.execute("select 1").fetchone()[0]) == 1


def test_every_execute_fn_of_the_site_is_time_limited() -> None:
    web = Path(limits.__file__).parent
    for path in web.glob("*.py"):
        if path.name != "limits.py":
            assert "execute_fn(" not in path.read_text(), path


@pytest.mark.parametrize(
    "url",
    [
        "/-/profile/criterium-du-dauphine/2021/8?top=%C2%B2",
        "/-/profile/criterium-du-dauphine/2021/8?top=99999999999999999999999",
        "/-/profile/criterium-du-dauphine/2021/8?database=_internal",
        "/-/profile/criterium-du-dauphine/2021/8?team=" + "x" * 60_000,
        "/search?q=" + "a" * 60_000,
        "/search?q=" + "a b " * 15_000,
    ],
)
async def test_bad_query_string_values_are_400(seed_db_path, url) -> None:
    ds = make_datasette(seed_db_path)
    response = await ds.client.get(url)
    assert response.status_code == 400, response.text[:300]


@pytest.mark.slow
def test_the_server_stops_promptly_on_sigterm_mid_request(tmp_path, seed_db_path) -> None:
    db = tmp_path / "palmares.db"
    db.write_bytes(seed_db_path.read_bytes())
    server = Server(db, live=False)
    try:
        # the slowest single call there was: folding 20 million characters
        sql = f"select length(palmares_fold(printf('%.*c', {HUGE}, 'x')))"
        url = "/palmares.json?sql=" + quote(sql)
        thread = threading.Thread(target=lambda: _ignore(server.get, url), daemon=True)
        thread.start()
        time.sleep(0.5)
        started = time.perf_counter()
        server.proc.send_signal(signal.SIGTERM)
        server.proc.wait(10)
        assert time.perf_counter() - started < 3
    finally:
        server.stop()


def _ignore(fn, *args) -> None:
    with contextlib.suppress(OSError):
        fn(*args)


# ---------------------------------------------------------------- check that sees


def _damaged_copy(seed_db_path: Path, tmp_path: Path, *statements: str) -> Path:
    db = tmp_path / "damaged.db"
    db.write_bytes(seed_db_path.read_bytes())
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("pragma ignore_check_constraints = on")
    for sql in statements:
        conn.execute(sql)
    conn.close()
    return db


def _check(db: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(db)])
    return result.exit_code, result.output


def test_check_reports_a_row_that_breaks_a_check_constraint(seed_db_path, tmp_path) -> None:
    db = _damaged_copy(
        seed_db_path,
        tmp_path,
        "update stage_results set time_seconds = -5 where (stage_id, rider_id) = "
        "(select stage_id, rider_id from stage_results where time_seconds is not null limit 1)",
    )
    code, out = _check(db)
    assert code == 1, out
    line = next(x for x in out.splitlines() if x.startswith("error") and "constraints" in x)
    assert "stage_results.time_seconds: 1 row breaks" in line
    assert "a number of 0 or more" in line


def test_check_of_a_sound_database_finds_every_constraint_holding(seed_db_path) -> None:
    code, out = _check(seed_db_path)
    assert "CHECK constraints: ok" in out
    assert "computed_gc: as computed afresh" in out


@pytest.mark.parametrize(
    "damage",
    [
        "delete from computed_gc",
        "update computed_gc set time_seconds = time_seconds + 60 where position = 1",
        "delete from computed_gc where position = 2",
    ],
)
def test_check_reports_a_computed_gc_that_differs_from_the_stage_results(
    seed_db_path, tmp_path, damage
) -> None:
    db = _damaged_copy(seed_db_path, tmp_path, damage)
    code, out = _check(db)
    assert code == 1, out
    assert any(x.startswith("error") and "computed_gc" in x for x in out.splitlines()), out


# ---------------------------------------------------------------- one clear line


def _run(*args: str) -> tuple[int, str]:
    """palmares ARGS; an exception escaping the command fails the test (no traceback)."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _one_error_line(out: str) -> str:
    assert "Traceback" not in out
    errors = [line for line in out.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, out
    return errors[0]


@pytest.mark.parametrize("name", ["a#b.db", "a?b.db", "a%b.db", "a%20b.db"])
def test_database_names_with_uri_characters_open_the_right_file(seed_db_path, tmp_path, name):
    db = tmp_path / name
    db.write_bytes(seed_db_path.read_bytes())
    code, out = _run("check", str(db))
    assert code == 0, out
    assert "0 errors" in out
    code, out = _run("query", str(db), "edition", "-p", "race", "criterium-du-dauphine",
                     "-p", "year", "2021")  # fmt: skip
    assert code == 0 and "2021" in out, out


@pytest.mark.parametrize(
    "args",
    [
        (
            "query",
            "{db}",
            "closest_finishes",
            "-p",
            "race",
            "criterium-du-dauphine",
            "-p",
            "top",
            "99999999999999999999",
        ),  # fmt: skip
        (
            "query",
            "{db}",
            "gc",
            "-p",
            "race",
            "criterium-du-dauphine",
            "-p",
            "year",
            "99999999999999999999",
        ),  # fmt: skip
        (
            "profile",
            "{db}",
            "-p",
            "race",
            "criterium-du-dauphine",
            "-p",
            "year",
            "99999999999999999999",
            "-p",
            "stage",
            "8",
        ),  # fmt: skip
    ],
)
def test_a_20_digit_number_is_one_line(seed_db_path, args) -> None:
    code, out = _run(*(a.format(db=seed_db_path) for a in args))
    assert code == 1
    _one_error_line(out)


def test_a_missing_folder_is_one_line(tmp_path) -> None:
    code, out = _run("load", str(tmp_path / "x.db"), str(tmp_path / "nowhere"))
    assert code == 1
    assert "does not exist" in _one_error_line(out)


PCS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "procyclingstats"


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('"rider_number": 87', '"rider_number": ' + "7" * 5000, "thousands of digits"),
        ('"Van Avermaet Greg"', '"Van Avermaet \\ud800Greg"', "surrogate"),
    ],
)
def test_json_a_reader_cannot_store_is_one_line_naming_the_file(tmp_path, old, new, said):
    text = (PCS / "race_tour-de-france_2018_stage-3.json").read_text("utf-8")
    assert old in text
    path = tmp_path / "race_tour-de-france_2018_stage-3.json"
    path.write_text(text.replace(old, new, 1), "utf-8")
    code, out = _run("load", str(tmp_path / "x.db"), str(path))
    assert code == 1
    line = _one_error_line(out)
    assert str(path) in line and said in line


def test_a_locked_database_is_one_line(tmp_path, monkeypatch) -> None:
    db = tmp_path / "x.db"
    _run("init", str(db))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("begin immediate")
    # the CLI waits 10 s in real life; 0.2 s here
    monkeypatch.setattr("palmares.db.BUSY_TIMEOUT_MS", 200)
    try:
        code, out = _run("load", str(db), str(PCS / "race_tour-de-france_2018_stage-3.json"))
    finally:
        holder.execute("rollback")
    assert code == 1
    assert "busy" in _one_error_line(out)


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (sqlite3.OperationalError("database or disk is full"), "disk is full"),
        (sqlite3.OperationalError("cannot rollback - no transaction is active"), "disk"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
        (sqlite3.OperationalError("unable to open database file"), "cannot be opened"),
        (
            sqlite3.IntegrityError("CHECK constraint failed: bib is null or bib > 0"),
            "bib: a number above 0 (or nothing) was expected",
        ),
    ],
)
def test_sqlite_errors_during_a_load_are_one_line(tmp_path, monkeypatch, error, said) -> None:
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr("palmares.cli.load_file", fail)
    code, out = _run(
        "load", str(tmp_path / "x.db"), str(PCS / "race_tour-de-france_2018_stage-3.json")
    )
    assert code == 1
    line = _one_error_line(out)
    assert said in line and "x.db" in line


def test_raw_check_text_in_a_load_error_becomes_column_and_expectation(tmp_path, monkeypatch):
    from palmares.errors import LoadError

    def fail(*args, **kwargs):
        raise LoadError(
            "data that fits the schema was expected (CHECK constraint failed: bib is null or "
            "bib > 0)",
            "riders.csv",
        )

    monkeypatch.setattr("palmares.cli.load_file", fail)
    code, out = _run(
        "load", str(tmp_path / "x.db"), str(PCS / "race_tour-de-france_2018_stage-3.json")
    )
    line = _one_error_line(out)
    assert "bib is null" not in line
    assert "bib: a number above 0 (or nothing) was expected" in line


def test_a_read_only_database_is_one_line_for_load_and_readable_by_check(
    seed_db_path, tmp_path, monkeypatch
) -> None:
    db = tmp_path / "ro.db"
    db.write_bytes(seed_db_path.read_bytes())
    # root writes to any file: open it read-only the way a read-only medium does
    monkeypatch.setattr("palmares.cli.init_db", lambda path: connect(path, readonly=True))
    code, out = _run("load", str(db), str(PCS / "race_tour-de-france_2018_stage-3.json"))
    assert code == 1
    assert "read-only" in _one_error_line(out)
    code, out = _run("check", str(db))
    assert code == 0, out


# ---------------------------------------------------------------- folder loads


def test_non_results_files_in_a_folder_are_skipped_and_named(native_copy, tmp_path) -> None:
    (native_copy / "README.md").write_text("# Results\n\nThe Dauphiné, 2021.\n")
    (native_copy / "notes.txt").write_text("stage 3 was windy\nand wet\n")
    (native_copy / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1\x00" * 40)
    code, out = _run("load", str(tmp_path / "x.db"), str(native_copy))
    assert code == 0, out
    skipped = next(line for line in out.splitlines() if line.startswith("skipped"))
    for name in ("README.md", "notes.txt", ".DS_Store"):
        assert name in skipped


def test_a_stopped_folder_load_says_what_was_committed(native_copy, tmp_path) -> None:
    bad = native_copy / "criterium-du-dauphine" / "2021" / "stage-5.csv"
    bad.write_text(bad.read_text("utf-8").replace("\n", "\nnot,a,result,row\n", 1), "utf-8")
    code, out = _run("load", str(tmp_path / "x.db"), str(native_copy))
    assert code == 1
    _one_error_line(out)
    committed = next(line for line in out.splitlines() if line.startswith("committed"))
    not_committed = next(line for line in out.splitlines() if line.startswith("not committed"))
    assert "stage-4.csv" in committed and "stage-5.csv" not in committed
    assert not_committed.split(": ", 1)[1].startswith(str(bad))


async def test_serve_gives_datasette_a_name_it_can_put_in_a_uri(seed_db_path, tmp_path) -> None:
    from palmares.web.serve import _uri_safe

    db = tmp_path / "a#b?c%d.db"
    db.write_bytes(seed_db_path.read_bytes())
    (tmp_path / "link").mkdir()
    served = _uri_safe(db, tmp_path / "link")
    assert served.name == "a-b-c-d.db" and served.resolve() == db.resolve()
    ds = make_datasette(served)
    response = await ds.client.get("/a-b-c-d.json?sql=select+count(*)+from+riders&_shape=array")
    assert response.status_code == 200 and response.json()[0]["count(*)"] == 45
