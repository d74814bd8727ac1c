"""Scale figures: `palmares load` of synthetic corpora 1x, 3x, 10x the real one.

Time should grow with the rows (the same seconds per million rows at every
size) and the loader's peak memory should not grow at all: it streams one file
at a time, whatever the corpus holds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402
from common import fresh, median, palmares, run_child  # noqa: E402
from loading import loaded_rows  # noqa: E402


def corpus(work: Path, scale: float) -> tuple[Path, dict]:
    """The synthetic corpus at a scale, generated once per seed and kept in `work`."""
    folder = work / f"synth-{scale:g}x-seed{synth.SEED}-v{synth.VERSION}"
    stamp = folder / ".summary.json"
    if stamp.exists():
        return folder, json.loads(stamp.read_text())
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    summary = synth.generate(folder, scale).as_dict()
    stamp.write_text(json.dumps(summary))
    return folder, summary


def measure(work: Path, scales: list[float], runs: int) -> dict:
    """Load each corpus into a fresh database `runs` times: time, CPU, peak RSS."""
    out = {}
    for scale in scales:
        folder, summary = corpus(work, scale)
        db = work / f"synth-{scale:g}x.db"
        samples = []
        for _ in range(runs):
            samples.append(run_child(palmares("load", "-q", fresh(db), folder)))
        rows = loaded_rows(db)
        wall = median([s.wall for s in samples])
        cpu = median([s.cpu for s in samples])
        out[f"{scale:g}x"] = {
            "scale": scale,
            "corpus": summary,
            "db": str(db),
            "db_mb": db.stat().st_size / 2**20,
            "rows": rows,
            "runs": runs,
            "wall_s": wall,
            "cpu_s": cpu,
            "rows_per_s": rows / wall,
            "rows_per_cpu_s": rows / cpu,
            "us_per_row": wall / rows * 1e6,
            "cpu_us_per_row": cpu / rows * 1e6,
            "rss_mb": max(s.rss_mb for s in samples),
            "wall_all": [round(s.wall, 2) for s in samples],
        }
    return out
