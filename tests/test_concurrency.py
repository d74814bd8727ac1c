"""Concurrent readers: `palmares serve --live` answers while `palmares load` writes.

A real server process (the database in WAL mode, opened read-only) and a real
load of the Tour de France history in another process; a client asks the site
for pages and counts until the load is done. Every answer is a 200, and the
file is seen either not at all or whole: never half a file.
"""

from __future__ import annotations

import json
import subprocess
import time
from urllib.parse import quote

import pytest
from conftest import CORPUS, DATA
from test_reliability import PALMARES, Server

from palmares.db import init_db
from palmares.loader.load import load_paths

TOUR = CORPUS / "tdf-rushworth" / "stage_results.csv"
# one statement, so one snapshot: the file's sources row and its rows come together
SEEN = """select
    (select count(*) from sources where path like '%stage_results.csv') as sources,
    (select count(*) from stage_results r join sources s using (source_id)
        where s.path like '%stage_results.csv') as results,
    (select count(*) from riders) as riders"""
PAGES = [
    "/",
    "/palmares",
    "/palmares/riders?_size=20",
    "/palmares/stage_results_view.json?_size=50&race=Tour+de+France",
    "/palmares/gc?race=criterium-du-dauphine&year=2021&stage=8",
    "/palmares/stage_result.json?race=criterium-du-dauphine&year=2021&stage=8",
    "/race/criterium-du-dauphine/2021",
]


@pytest.mark.slow
def test_the_live_site_answers_during_a_load_and_never_shows_half_a_file(tmp_path) -> None:
    db = tmp_path / "palmares.db"
    conn = init_db(db)
    load_paths(conn, [DATA])
    conn.close()
    server = Server(db, live=True)
    answers: list[tuple[float, str, int]] = []
    seen: list[tuple[bool, dict]] = []

    def ask(path: str) -> bytes:
        status, body = server.get(path)
        answers.append((time.monotonic(), path, status))
        assert status == 200, (path, status, body[:300], server.output())
        return body

    try:
        assert json.loads(ask("/palmares.json?_shape=array&sql=" + quote(SEEN)))[0]["results"] == 0
        load = subprocess.Popen(
            [PALMARES, "load", str(db), str(TOUR), "-q"], stderr=subprocess.PIPE
        )
        started = time.monotonic()
        while True:
            running = load.poll() is None
            for path in PAGES:
                ask(path)
            (row,) = json.loads(ask("/palmares.json?_shape=array&sql=" + quote(SEEN)))
            seen.append((running, row))
            if not running:
                break
            assert time.monotonic() - started < 300, "the load took over 5 minutes"
        assert load.returncode == 0, load.stderr.read()
    finally:
        server.stop()

    final = seen[-1][1]
    assert final["sources"] == 1 and final["results"] > 255_000
    for _, row in seen:
        assert (row["sources"], row["results"]) in ((0, 0), (1, final["results"])), row
    during = [row for running, row in seen if running]
    assert len(during) >= 3, "too few looks while the load ran to prove anything"
    assert during[0]["results"] == 0  # the load was seen from before its commit
    assert all(status == 200 for _, _, status in answers)
