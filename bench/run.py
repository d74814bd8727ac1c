"""palmares benchmarks: `make bench` (or `python bench/run.py [--full]`).

Four sections, each measured against a baseline in the same run, as a ratio,
with medians of several runs (the machines are shared and noisy):

- load: `palmares load` of the Tour history file and of the whole corpus,
  against raw `executemany` of the same parsed rows into one flat table and
  `sqlite-utils insert --csv` of the same CSV;
- scale: synthetic corpora 0.3x, 1x and 3x the real one (--full: 1x, 3x and
  10x; bench/synth.py): seconds per row and peak RSS at each size;
- queries: p50/p95 of every canned query on the corpus database and on the
  largest synthetic one;
- serve: requests/s and latency of canned-query pages at 1, 8 and 32 clients,
  against Datasette's own /-/versions.json.

Prints a table and writes it all as JSON to bench/results/latest.json (and a
dated copy). The default takes a few minutes; --full runs more and longer.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
import loading  # noqa: E402
import querying  # noqa: E402
import scaling  # noqa: E402
import serving  # noqa: E402

SECTIONS = ("load", "scale", "queries", "serve")
RESULTS = common.BENCH / "results"

# the goals of issue 6
GOAL_FLAT = 0.5  # loader rows/s against raw flat executemany
GOAL_SQLITE_UTILS = 5.0  # against sqlite-utils insert --csv
GOAL_RSS_MB = 200  # loader peak RSS on the 10x corpus
GOAL_QUERY_P95_MS = 10
GOAL_SERVE_RATIO = 0.5  # canned-query page req/s against /-/versions.json, 8 clients
GOAL_SERVE_P95_MS = 25  # one client


def options(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line, with the defaults --full changes filled in."""
    p = argparse.ArgumentParser(description="palmares benchmarks")
    p.add_argument("--full", action="store_true", help="more runs, longer loads, whole files")
    p.add_argument("--only", default=",".join(SECTIONS), help="sections, comma separated")
    p.add_argument("--runs", type=int, help="runs per load figure (default 3, --full 5)")
    p.add_argument("--scales", help="synthetic corpus sizes (default 0.3,1,3; --full 1,3,10)")
    p.add_argument("--serve-seconds", type=float, help="seconds per serving figure")
    p.add_argument("--work", type=Path, help="scratch folder (default: a temp folder, kept)")
    p.add_argument("--out", type=Path, default=RESULTS, help="folder for the JSON results")
    p.add_argument("--corpus", type=Path, default=common.CORPUS, help="the real corpus")
    args = p.parse_args(argv)
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.only) - set(SECTIONS)
    if unknown:
        p.error(f"unknown sections {', '.join(sorted(unknown))}; known: {', '.join(SECTIONS)}")
    args.runs = args.runs or (5 if args.full else 3)
    # the 10x corpus takes three minutes to load: in --full, so that the
    # default stays well under ten minutes on a busy two-core machine
    default_scales = "1,3,10" if args.full else "0.3,1,3"
    args.scales = [float(s) for s in (args.scales or default_scales).split(",")]
    args.serve_seconds = args.serve_seconds or (10.0 if args.full else 3.0)
    args.work = args.work or Path(tempfile.gettempdir()) / "palmares-bench"
    args.work.mkdir(parents=True, exist_ok=True)
    return args


# ---------------------------------------------------------------- sections


def bench_load(args: argparse.Namespace) -> dict:
    """The Tour history file and the whole corpus, against flat executemany and sqlite-utils."""
    tour = args.corpus / "tdf-rushworth" / "stage_results.csv"
    # sqlite-utils runs at 5-20k rows/s: the whole file takes a minute a run
    limit = None if args.full else 50_000
    su_runs = 3 if args.full else 2
    out = {"tour": _section(loading.compare, tour, args.work, args.runs, tour, limit, su_runs)}
    out["corpus"] = _section(loading.compare, args.corpus, args.work, args.runs)
    if "error" not in out["corpus"]:
        # the last run left the corpus loaded: kept for the query and serving figures
        corpus_db = args.work / "corpus.db"
        shutil.copyfile(args.work / "load.db", common.fresh(corpus_db))
        out["corpus_db"] = str(corpus_db)
    return out


def bench_scale(args: argparse.Namespace) -> dict:
    """Synthetic corpora at each scale."""
    runs = 3 if args.full else 1
    return scaling.measure(args.work, args.scales, runs)


def bench_queries(args: argparse.Namespace, dbs: dict[str, Path]) -> dict:
    """Every canned query on each database."""
    out = {}
    seconds = 2.0 if args.full else 0.5
    for name, db in dbs.items():
        sample = common.run_child(common.python_child("querying.py", db, "--seconds", seconds))
        out[name] = common.child_json(sample)
    return out


def bench_serve(args: argparse.Namespace, db: Path) -> dict:
    """Canned-query pages of the corpus database under load."""
    from palmares.db import connect

    conn = connect(db, readonly=True)
    typical = querying.typical_params(conn)
    conn.close()
    stage = {k: typical[k] for k in ("race", "year", "stage")}
    final = {k: typical[k] for k in ("race", "year")}  # the GC after the last stage
    served = args.work / "palmares.db"
    # a copy under a plain name: the URL path is the file's stem
    shutil.copyfile(db, common.fresh(served))
    pages = {
        "gc.json": serving.query_path(served, "gc", final, ".json"),
        "gc.html": serving.query_path(served, "gc", final),
        "stage_result.json": serving.query_path(served, "stage_result", stage, ".json"),
        "stage_result.html": serving.query_path(served, "stage_result", stage),
    }
    return serving.measure(served, pages, [1, 8, 32], args.serve_seconds)


# ---------------------------------------------------------------- the table


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def table(results: dict) -> str:
    """The figures as a plain-text table, ratios and goals beside them."""
    lines: list[str] = []

    def row(*cells: object) -> None:
        lines.append("  ".join(str(c) for c in cells))

    for section in SECTIONS:
        if isinstance(results.get(section), dict) and "error" in results[section]:
            first = results[section]["error"].strip().splitlines()
            lines.append(f"{section.upper()}: FAILED: {first[0] if first else ''}")
            lines.extend(f"    {ln}" for ln in first[-3:][1:])
            lines.append("")
    results = {k: v for k, v in results.items() if not (isinstance(v, dict) and "error" in v)}

    if "load" in results:
        lines.append("LOAD (rows/s, median; ratio = palmares / baseline, same run)")
        row(f"{'':30s}", f"{'rows':>8s}", f"{'wall s':>7s}", f"{'rows/s':>9s}",
            f"{'rows/cpu-s':>10s}", f"{'RSS MB':>7s}")  # fmt: skip
        for name, r in results["load"].items():
            if not isinstance(r, dict):
                continue
            if "error" in r:
                row(f"{name}: FAILED: {r['error'].strip().splitlines()[-1]}")
                continue
            for what, f in r.items():
                row(f"{name + ' ' + what:30s}", f"{f['rows']:8d}", f"{f['wall_s']:7.2f}",
                    f"{f['rows_per_s']:9.0f}", f"{f['rows_per_cpu_s']:10.0f}",
                    f"{f['rss_mb']:7.0f}")  # fmt: skip
            pl, flat = r["palmares_load"], r["flat_executemany"]
            g = ratio(pl["rows_per_s"], flat["rows_per_s"])
            gc = ratio(pl["rows_per_cpu_s"], flat["rows_per_cpu_s"])
            row(f"  {name}: palmares load / flat executemany = {g:.2f}x wall, {gc:.2f}x cpu"
                f"  (goal >= {GOAL_FLAT}x: {verdict(g >= GOAL_FLAT)})")  # fmt: skip
            if "sqlite_utils" in r:
                su = r["sqlite_utils"]
                s = ratio(pl["rows_per_s"], su["rows_per_s"])
                ok = verdict(s >= GOAL_SQLITE_UTILS)
                row(f"  {name}: palmares load / sqlite-utils insert = {s:.1f}x"
                    f"  (goal >= {GOAL_SQLITE_UTILS}x: {ok})")  # fmt: skip
        lines.append("")
    if "scale" in results:
        lines.append("SCALE (synthetic corpus, palmares load)")
        row(f"{'':6s}", f"{'rows':>9s}", f"{'wall s':>7s}", f"{'us/row':>7s}",
            f"{'cpu us/row':>10s}", f"{'RSS MB':>7s}", f"{'DB MB':>7s}")  # fmt: skip
        scales = results["scale"]
        for name, f in scales.items():
            row(f"{name:6s}", f"{f['rows']:9d}", f"{f['wall_s']:7.1f}",
                f"{f['us_per_row']:7.1f}", f"{f['cpu_us_per_row']:10.1f}",
                f"{f['rss_mb']:7.0f}", f"{f['db_mb']:7.0f}")  # fmt: skip
        if len(scales) > 1:
            first, last = list(scales.values())[0], list(scales.values())[-1]
            growth = ratio(last["cpu_us_per_row"], first["cpu_us_per_row"])
            row(f"  cpu time per row, largest / smallest = {growth:.2f} (linear: about 1)")
            ok = last["rss_mb"] <= GOAL_RSS_MB
            row(f"  peak RSS at {list(scales)[-1]} = {last['rss_mb']:.0f} MB"
                f"  (goal <= {GOAL_RSS_MB} MB: {verdict(ok)})")  # fmt: skip
        lines.append("")
    if "queries" in results:
        lines.append("QUERIES (ms per call through palmares.queries.run)")
        dbs = list(results["queries"])
        row(f"{'':22s}", *(f"{db + ' p50':>12s}  {db + ' p95':>12s}" for db in dbs))
        names = sorted({n for db in dbs for n in results["queries"][db]["queries"]})
        worst = 0.0
        for n in names:
            cells = []
            for db in dbs:
                q = results["queries"][db]["queries"].get(n, {})
                if "p95_ms" in q:
                    worst = max(worst, q["p95_ms"])
                    flag = "*" if q["p95_ms"] > GOAL_QUERY_P95_MS else " "
                    cells.append(f"{q['p50_ms']:12.2f}  {q['p95_ms']:11.2f}{flag}")
                else:
                    cells.append(f"{q.get('skipped', q.get('error', '-'))[:26]:>26s}")
            row(f"{n:22s}", *cells)
        row(f"  worst p95 = {worst:.1f} ms  (goal <= {GOAL_QUERY_P95_MS} ms for every query: "
            f"{verdict(worst <= GOAL_QUERY_P95_MS)}; * marks the ones over)")  # fmt: skip
        lines.append("")
    if "serve" in results:
        s = results["serve"]
        lines.append("SERVE (Datasette via palmares serve, closed-loop clients on 127.0.0.1)")
        row(f"{'page':20s}", f"{'clients':>7s}", f"{'req/s':>7s}", f"{'p50 ms':>7s}",
            f"{'p95 ms':>7s}", f"{'/ versions':>10s}")  # fmt: skip
        base = {r["clients"]: r["rps"] for r in s["runs"] if r["page"] == "versions.json"}
        for r in s["runs"]:
            rel = ratio(r["rps"], base.get(r["clients"], float("nan")))
            row(f"{r['page']:20s}", f"{r['clients']:7d}", f"{r['rps']:7.0f}",
                f"{r['p50_ms']:7.1f}", f"{r['p95_ms']:7.1f}", f"{rel:10.2f}")  # fmt: skip
        for page, status in s["status"].items():
            if status != 200:
                row(f"  {page}: HTTP {status}, not timed")
        for r in s["runs"]:
            if r["page"] == "versions.json":
                continue
            if r["clients"] == 8:
                rel = ratio(r["rps"], base.get(8, float("nan")))
                ok = verdict(rel >= GOAL_SERVE_RATIO)
                row(f"  {r['page']} at 8 clients: {rel:.2f}x versions.json"
                    f"  (goal >= {GOAL_SERVE_RATIO}x: {ok})")  # fmt: skip
            if r["clients"] == 1:
                ok = verdict(r["p95_ms"] <= GOAL_SERVE_P95_MS)
                row(f"  {r['page']} at 1 client: p95 {r['p95_ms']:.1f} ms"
                    f"  (goal <= {GOAL_SERVE_P95_MS} ms: {ok})")  # fmt: skip
    return "\n".join(lines)


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> dict:
    args = options(argv)
    started = time.perf_counter()
    results: dict = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "machine": common.machine(),
    }
    dbs: dict[str, Path] = {}
    if "load" in args.only:
        _say("load: Tour history and whole corpus")
        results["load"] = _section(bench_load, args)
        if "corpus_db" in results["load"]:
            dbs["corpus"] = Path(results["load"]["corpus_db"])
    if "scale" in args.only:
        _say(f"scale: synthetic corpora {', '.join(f'{s:g}x' for s in args.scales)}")
        results["scale"] = _section(bench_scale, args)
        if "error" not in results["scale"]:
            largest = list(results["scale"].values())[-1]
            dbs[f"synth {largest['scale']:g}x"] = Path(largest["db"])
    if ("queries" in args.only or "serve" in args.only) and "corpus" not in dbs:
        _say("building the corpus database")
        db = _section(_corpus_db, args)
        if isinstance(db, Path):
            dbs["corpus"] = db
    if "queries" in args.only and dbs:
        _say(f"queries: {', '.join(dbs)}")
        results["queries"] = _section(bench_queries, args, dbs)
    if "serve" in args.only and "corpus" in dbs:
        _say("serve: canned-query pages at 1, 8, 32 clients")
        results["serve"] = _section(bench_serve, args, dbs["corpus"])
    results["seconds"] = time.perf_counter() - started
    text = table(results)
    print(text)
    print(f"\n{results['seconds']:.0f} s in all; machine: {results['machine']['nproc']} x "
          f"{results['machine']['cpu']}, Python {results['machine']['python']}, "
          f"SQLite {results['machine']['sqlite']}")  # fmt: skip
    _write(args.out, results)
    return results


def _section(measure, *args):
    """A section's figures; a section that fails is reported, and the others still run."""
    try:
        return measure(*args)
    except Exception as e:  # noqa: BLE001 (any failure: the table says which)
        _say(f"failed: {e}")
        return {"error": f"{type(e).__name__}: {e}"[:3000]}


def _corpus_db(args: argparse.Namespace) -> Path:
    db = common.fresh(args.work / "corpus.db")
    common.run_child(common.palmares("load", "-q", db, args.corpus))
    return db


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _write(folder: Path, results: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    body = json.dumps(results, indent=2, default=str)
    stamp = results["started"].replace(":", "").replace("+0000", "Z")
    (folder / f"{stamp}.json").write_text(body)
    (folder / "latest.json").write_text(body)
    print(f"wrote {folder / 'latest.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
