"""The benchmark harness itself (bench/): what it generates, picks and prints.

No timing is asserted here: `make bench` measures, these tests check that
what it measures is what it says (the synthetic corpus is what it claims and
loads cleanly, every canned query gets parameters, the goals are judged right).
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT

from palmares import queries
from palmares.db import connect, init_db
from palmares.loader.load import load_paths

sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402
import loading  # noqa: E402
import querying  # noqa: E402
import run  # noqa: E402
import serving  # noqa: E402
import synth  # noqa: E402

SMALL = 0.02  # one race, two editions: about 7,000 stage results


def folder_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(f.relative_to(folder)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> tuple[Path, synth.Summary]:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    return out, synth.generate(out, SMALL)


def test_synthetic_corpus_is_the_same_for_the_same_seed(small_corpus, tmp_path):
    folder, _ = small_corpus
    synth.generate(tmp_path / "again", SMALL)
    assert folder_digest(tmp_path / "again") == folder_digest(folder)
    synth.generate(tmp_path / "other", SMALL, seed=synth.SEED + 1)
    assert folder_digest(tmp_path / "other") != folder_digest(folder)


def test_synthetic_corpus_holds_what_its_summary_says(small_corpus):
    folder, summary = small_corpus
    stage_rows = sum(
        sum(1 for _ in csv.DictReader(f.open(encoding="utf-8")))
        for f in folder.rglob("stage-*.csv")
    )
    assert stage_rows == summary.stage_results
    assert len(list(folder.rglob("edition.csv"))) == summary.editions
    assert sum(1 for p in folder.rglob("*.csv")) == summary.files


def test_plan_grows_with_the_scale():
    sizes = [synth.plan(s).editions for s in (0.3, 1, 3, 10)]
    assert sizes == sorted(sizes)
    assert synth.plan(10).editions == pytest.approx(10 * synth.plan(1).editions, rel=0.05)
    assert synth.plan(10).years == synth.YEARS


def test_synthetic_corpus_loads_cleanly_and_whole(small_corpus, tmp_path):
    folder, summary = small_corpus
    conn = init_db(tmp_path / "synth.db")
    reports = load_paths(conn, [folder])
    assert sum(r.warnings for r in reports) == 0
    count = conn.execute("select count(*) from stage_results").fetchone()[0]
    assert count == summary.stage_results
    assert conn.execute("select count(*) from entries").fetchone()[0] == summary.entries
    # the final GC in the files is the GC the stage times give
    mismatched = conn.execute(
        """select count(*)
        from standings st
        join stages s on s.edition_id = st.edition_id and s.label = '21'
        left join computed_gc c on c.stage_id = s.stage_id and c.rider_id = st.rider_id
        where st.kind = 'gc'
          and (c.position is not st.position or c.time_seconds is not st.time_seconds)"""
    ).fetchone()[0]
    assert mismatched == 0
    # riders come back as one rider each across editions and races (no two
    # riders share a name at this size)
    assert conn.execute("select count(*) from riders").fetchone()[0] == len(summary.riders)


def test_flat_rows_are_every_record_of_the_source(small_corpus):
    folder, summary = small_corpus
    rows = loading.parsed_rows(folder)
    assert {len(r) for r in rows} == {loading.WIDTH}
    kinds = [r[0] for r in rows]
    assert kinds.count("StageResult") == summary.stage_results
    assert kinds.count("Entry") == summary.entries


def test_csv_head_keeps_whole_rows(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text('a,b\n1,"x\ny"\n2,z\n3,w\n', encoding="utf-8")
    assert loading.csv_head(source, 2, tmp_path / "out.csv") == 2
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == 'a,b\n1,"x\ny"\n2,z\n'


def test_every_canned_query_gets_typical_parameters(seed_db_path):
    conn = connect(seed_db_path, readonly=True)
    typical = querying.typical_params(conn)
    assert typical["race"] == "criterium-du-dauphine"
    assert typical["year"] == "2021"
    for q in queries.list_queries():
        params = querying.bind_typical(q, typical)
        assert params is not None, q.name
        queries.run(conn, q.name, **params)  # raises when a parameter does not fit


def test_query_figures_for_every_query(seed_db_path):
    out = querying.measure(seed_db_path, seconds=0.0)
    assert set(out["queries"]) == {q.name for q in queries.list_queries()}
    for name, figures in out["queries"].items():
        assert figures["runs"] >= querying.MIN_RUNS, name
        assert figures["p50_ms"] <= figures["p95_ms"] <= figures["max_ms"], name


def test_percentiles():
    values = list(range(1, 101))
    assert common.percentile(values, 50) == pytest.approx(50.5)
    assert common.percentile(values, 95) == pytest.approx(95.05)
    assert common.median([3, 1, 2]) == 2
    assert common.median([4, 1, 2, 3]) == 2.5


def test_child_figures_are_its_own(tmp_path):
    sample = common.run_child(
        [sys.executable, "-c", "b = bytearray(80 * 2**20); print('{\"ok\": 1}')"]
    )
    assert common.child_json(sample) == {"ok": 1}
    assert sample.rss_mb >= 80
    assert sample.cpu >= 0 and sample.wall > 0
    with pytest.raises(RuntimeError, match="failed"):
        common.run_child([sys.executable, "-c", "raise SystemExit(3)"])


class _Hello(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        body = b"hello" if self.path == "/ok" else b"missing"
        self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_load_client_counts_answers_and_errors():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        ok = asyncio.run(serving.load(port, "/ok", clients=2, seconds=0.3))
        bad = asyncio.run(serving.load(port, "/nope", clients=1, seconds=0.2))
    finally:
        server.shutdown()
    assert ok["requests"] > 0 and ok["errors"] == 0
    assert ok["p50_ms"] <= ok["p95_ms"]
    assert bad["requests"] == 0 and bad["errors"] > 0


def test_table_judges_the_goals():
    results = {
        "load": {
            "tour": {
                "palmares_load": _figures(1000, 10.0),
                "palmares_inproc": _figures(1000, 9.0),
                "flat_executemany": _figures(1000, 1.0),
                "sqlite_utils": _figures(100, 10.0),
            }
        },
        "scale": {
            "1x": {
                **_figures(1000, 1.0),
                "us_per_row": 1000.0,
                "cpu_us_per_row": 900.0,
                "db_mb": 1.0,
                "scale": 1.0,
            },
            "10x": {
                **_figures(10000, 10.0),
                "us_per_row": 1000.0,
                "cpu_us_per_row": 900.0,
                "db_mb": 10.0,
                "scale": 10.0,
                "rss_mb": 250.0,
            },
        },
        "queries": {"corpus": {"queries": {"gc": {"p50_ms": 1.0, "p95_ms": 12.0}}}},
        "serve": {
            "status": {"versions.json": 200, "gc.json": 200, "gc.html": 500},
            "runs": [
                {"page": "versions.json", "clients": 8, "rps": 200.0, "p50_ms": 1, "p95_ms": 2},
                {"page": "gc.json", "clients": 8, "rps": 150.0, "p50_ms": 1, "p95_ms": 2},
                {"page": "gc.json", "clients": 1, "rps": 90.0, "p50_ms": 1, "p95_ms": 30},
            ],
        },
    }
    text = run.table(results)
    assert "palmares load / flat executemany = 0.10x wall" in text
    assert "(goal >= 0.5x: NOT met)" in text
    assert "palmares load / sqlite-utils insert = 10.0x  (goal >= 5.0x: met)" in text
    assert "peak RSS at 10x = 250 MB  (goal <= 200 MB: NOT met)" in text
    assert "worst p95 = 12.0 ms" in text
    assert "gc.json at 8 clients: 0.75x versions.json  (goal >= 0.5x: met)" in text
    assert "gc.json at 1 client: p95 30.0 ms  (goal <= 25 ms: NOT met)" in text
    assert "gc.html: HTTP 500, not timed" in text


def _figures(rows: int, wall: float) -> dict:
    return {"rows": rows, "wall_s": wall, "cpu_s": wall, "rows_per_s": rows / wall,
            "rows_per_cpu_s": rows / wall, "rss_mb": 50.0}  # fmt: skip
