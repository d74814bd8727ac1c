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
    "fn", ["palmares_slug", "palmares_fold", "palmares_name_key", "palmares_team_key"]
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
