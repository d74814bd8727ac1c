"""schema.sql: STRICT tables, and constraints that bite."""

from __future__ import annotations

import sqlite3

import pytest

from palmares.db import connect, ensure_schema, schema_sql


def setup_race(conn: sqlite3.Connection) -> tuple[int, int, int]:
    conn.execute("insert into races (race_ref, name) values ('test-race', 'Test Race')")
    conn.execute("insert into editions (race_id, year) values (1, 2021)")
    conn.execute(
        "insert into stages (edition_id, label, number, stage_order) values (1, '1', 1, 10)"
    )
    conn.execute(
        "insert into riders (rider_ref, name, name_key, search_name)"
        " values ('mark-padun', 'Mark Padun', 'mark padun', 'mark padun')"
    )
    return 1, 1, 1


def test_every_table_is_strict(conn):
    tables = conn.execute(
        "select name, strict from pragma_table_list where schema = 'main'"
        " and type = 'table' and name not like 'sqlite_%'"
    ).fetchall()
    assert tables and all(strict for _, strict in tables), tables


def test_schema_applies_twice_and_foreign_keys_are_on(db_path):
    conn = connect(db_path)
    ensure_schema(conn)
    conn.executescript(schema_sql())  # every statement is `if not exists`
    assert conn.execute("pragma foreign_keys").fetchone()[0] == 1
    assert conn.execute("select count(*) from statuses").fetchone()[0] == 7


@pytest.mark.parametrize(
    "sql, message",
    [
        # foreign keys
        ("insert into editions (race_id, year) values (99, 2021)", "FOREIGN KEY constraint failed"),
        (
            "insert into stage_results (stage_id, rider_id, status, position_text, position_order)"
            " values (1, 1, 'retired', 'R', 1)",
            "FOREIGN KEY constraint failed",
        ),
        # unique
        ("insert into editions (race_id, year) values (1, 2021)", "UNIQUE constraint failed"),
        (
            "insert into races (race_ref, name) values ('test-race', 'Another')",
            "UNIQUE constraint failed",
        ),
        # checks
        (
            "insert into races (race_ref, name) values ('Not A Slug', 'x')",
            "CHECK constraint failed",
        ),
        ("insert into editions (race_id, year) values (1, 1703)", "CHECK constraint failed"),
        (
            "insert into stage_results (stage_id, rider_id, status, position, position_text,"
            " position_order) values (1, 1, 'dnf', 3, '3', 3)",
            "CHECK constraint failed",
        ),
        (
            "insert into stage_results (stage_id, rider_id, position, position_text,"
            " position_order, gap_seconds) values (1, 1, 2, '2', 2, -5)",
            "CHECK constraint failed",
        ),
        (
            "insert into stages (edition_id, label, number, stage_order, kind)"
            " values (1, '2', 2, 20, 'criterium')",
            "FOREIGN KEY constraint failed",
        ),
        # STRICT: a text where an integer belongs
        ("insert into editions (race_id, year) values (1, 'twenty')", "cannot store TEXT value"),
    ],
)
def test_constraints_bite(conn, sql, message):
    setup_race(conn)
    with pytest.raises(sqlite3.IntegrityError, match=message):
        conn.execute(sql)


def schema_objects(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(
        "select type, name, tbl_name, sql from sqlite_master order by type, name"
    ).fetchall()


def test_an_older_database_upgraded_in_place_equals_a_new_one(tmp_path):
    fresh = connect(tmp_path / "fresh.db")
    ensure_schema(fresh)
    old = connect(tmp_path / "old.db")
    ensure_schema(old)
    # make it look like a database from before some of today's schema existed
    old.executescript(
        """drop view stage_results_view;
        drop index stage_results_rider;
        drop table computed_gc;
        create view stage_results_view as select 1 as outdated;
        update schema_version set sha256 = 'an older schema.sql';"""
    )
    ensure_schema(old)
    assert schema_objects(old) == schema_objects(fresh)


def test_opening_an_up_to_date_database_writes_nothing(db_path):
    before = db_path.read_bytes()
    conn = connect(db_path)
    ensure_schema(conn)
    conn.close()
    assert db_path.read_bytes() == before
