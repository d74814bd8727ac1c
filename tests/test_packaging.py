"""The distribution installs under the palmares name and carries its SQL."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_installs_under_palmares_and_ships_every_sql_file(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("palmares-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    top = {n.split("/")[0] for n in names if not n.startswith("palmares-")}
    # never a top-level `loader` or `queries`: other distributions own those names
    assert top == {"palmares"}
    assert "palmares/schema.sql" in names
    assert "palmares/loader/sql/refresh_computed_gc.sql" in names
    # every SQL file of the package, wherever it lives (loader/ and queries/ via symlinks)
    package = ROOT / "palmares"
    shipped = {
        "palmares/" + str((Path(folder) / f).relative_to(package))
        for folder, _, files in os.walk(package, followlinks=True)
        for f in files
        if f.endswith((".sql", ".csv"))
    }
    assert shipped - names == set()
    assert (
        "palmares/loader/sql/save.sql" in shipped and "palmares/queries/sql/resolve.sql" in shipped
    )
    # the schema in the wheel is the file, not a dangling symlink
    text = zipfile.ZipFile(wheel).read("palmares/schema.sql").decode()
    assert text == (ROOT / "schema.sql").read_text()
    entry_points = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith("entry_points.txt")))
        .decode()
    )
    assert "palmares = palmares.cli:cli" in entry_points
    assert "palmares = palmares.web\n" in entry_points


def test_the_source_folders_are_not_importable_by_their_short_names():
    code = "import importlib.util as u; print(u.find_spec('loader'), u.find_spec('queries'))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd="/"
    ).stdout
    assert out.strip() == "None None"
