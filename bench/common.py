"""What every benchmark shares: timing a child process, percentiles, fresh files."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV_BIN = Path(sys.executable).parent
CORPUS = ROOT.parent / "shared" / "corpus"
TOUR = CORPUS / "tdf-rushworth" / "stage_results.csv"


@dataclass
class Sample:
    """One run of a child process: wall and CPU seconds, peak RSS."""

    wall: float
    cpu: float
    rss_mb: float
    stdout: str = ""

    def as_dict(self) -> dict:
        d = asdict(self)
        d.pop("stdout")
        return d


def run_child(args: Sequence[str], *, cwd: Path | None = None, timeout: float = 3600) -> Sample:
    """Run a command to its end: its own wall time, CPU time and peak RSS (from wait4)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(map(str, args)), cwd=cwd, stdout=out, stderr=err)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            # wait4 rather than Popen.wait: it gives this child's own rusage
            _, status, ru = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(
                f"{' '.join(map(str, args))} failed ({proc.returncode}):\n{err.read()[-3000:]}"
            )
        return Sample(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, out.read())


def python_child(script: str, *args: object) -> list[str]:
    """The command line running a bench script with this interpreter."""
    return [sys.executable, str(BENCH / script), *map(str, args)]


def palmares(*args: object) -> list[str]:
    """The command line of the palmares CLI installed beside this interpreter."""
    return [str(VENV_BIN / "palmares"), *map(str, args)]


def fresh(path: Path) -> Path:
    """Remove a database and its WAL files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def median(values: Sequence[float]) -> float:
    """The median (NaN for no values)."""
    v = sorted(x for x in values if not math.isnan(x))
    if not v:
        return float("nan")
    mid = len(v) // 2
    return v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear between the closest ranks."""
    v = sorted(values)
    if not v:
        return float("nan")
    pos = (len(v) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def child_json(sample: Sample) -> dict:
    """The JSON object a bench child printed as its last line of stdout."""
    lines = [ln for ln in sample.stdout.splitlines() if ln.strip()]
    return json.loads(lines[-1])


def machine() -> dict:
    """What the figures were measured on."""
    import platform
    import sqlite3

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = (float("nan"),) * 3
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "loadavg_at_start": [round(x, 2) for x in load],
    }
