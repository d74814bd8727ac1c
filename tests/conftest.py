"""Shared fixtures: databases with the schema, the seed race loaded, a CLI runner."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from palmares.db import connect, init_db
from palmares.loader.load import load_paths

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT.parent / "shared" / "seed"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh database file with schema.sql applied."""
    path = tmp_path / "test.db"
    init_db(path).close()
    return path


@pytest.fixture
def conn(db_path: Path) -> sqlite3.Connection:
    """A connection to a fresh database."""
    c = connect(db_path)
    yield c
    c.close()


@pytest.fixture(scope="session")
def seed_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built from data/ (the seed race), shared read-only by tests."""
    path = tmp_path_factory.mktemp("seed") / "palmares.db"
    c = init_db(path)
    load_paths(c, [DATA])
    c.close()
    return path


@pytest.fixture(scope="session")
def full_corpus_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of the whole corpus (rushworth's Tours and their defects included), read-only."""
    path = tmp_path_factory.mktemp("full_corpus") / "palmares.db"
    c = init_db(path)
    load_paths(c, [CORPUS])
    c.close()
    return path


@pytest.fixture
def seed_conn(seed_db_path: Path) -> sqlite3.Connection:
    """A read-only connection to the seed database."""
    c = connect(seed_db_path, readonly=True)
    yield c
    c.close()


@pytest.fixture
def runner() -> CliRunner:
    """A click runner that lets exceptions through."""
    return CliRunner(catch_exceptions=False)


@pytest.fixture
def native_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def file_digest(path: Path) -> str:
    """sha256 of a database file's bytes (after a checkpoint of its WAL)."""
    c = sqlite3.connect(path)
    c.execute("pragma wal_checkpoint(truncate)")
    c.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_digest(conn: sqlite3.Connection, exclude: tuple[str, ...] = ()) -> dict[str, str]:
    """A content hash of every table, rows sorted."""
    out = {}
    for (name,) in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
    ):
        if name in exclude:
            continue
        rows = sorted(repr(tuple(r)) for r in conn.execute(f'select * from "{name}"'))
        out[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return out


@pytest.fixture(scope="session")
def full_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/ and the whole corpus in one database, loaded once per session."""
    path = tmp_path_factory.mktemp("full") / "palmares.db"
    c = init_db(path)
    load_paths(c, [DATA, CORPUS])
    c.close()
    return path


@pytest.fixture
def full_conn(full_db_path: Path) -> sqlite3.Connection:
    """A read-only connection to the data/ + corpus database."""
    c = connect(full_db_path, readonly=True)
    yield c
    c.close()


def pytest_configure(config: pytest.Config) -> None:
    """The tests read the real data beside the checkout: say so in one line when it is not there."""
    missing = [str(p) for p in (CORPUS, SEED) if not p.is_dir()]
    if missing:
        pytest.exit(
            f"the tests need ../shared beside the checkout (the corpus and the seed report); "
            f"not found: {', '.join(missing)}",
            returncode=2,
        )
