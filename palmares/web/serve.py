"""Run Datasette on a palmares database."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from .config import SETTINGS, metadata


def datasette_args(db: Path, metadata_path: Path, port: int, live: bool) -> list[str]:
    """The `datasette serve` arguments palmares uses."""
    args = ["serve", "-h", "127.0.0.1", "-p", str(port), "--metadata", str(metadata_path)]
    for name, value in SETTINGS.items():
        args += ["--setting", name, str(value)]
    # immutable: Datasette may cache counts and never locks the file; live: read-only
    # (mode=ro) so that rows a running load commits appear on the next request
    args += [str(db)] if live else ["-i", str(db)]
    return args


def serve_db(db: Path, port: int = 8001, live: bool = False) -> None:
    """Serve DB read-only on 127.0.0.1 (immutable unless live) until interrupted."""
    from datasette.cli import cli as datasette_cli

    with tempfile.TemporaryDirectory() as tmp:
        db = _uri_safe(db, Path(tmp))
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(db.stem), indent=2, ensure_ascii=False), "utf-8")
        datasette_cli.main(datasette_args(db, meta, port, live), standalone_mode=True)


def _uri_safe(db: Path, tmp: Path) -> Path:
    """db, or a link to it without '#', '?' or '%' in its name: Datasette 0.65 puts the
    path in an SQLite URI unquoted, where these would open another file."""
    if not any(ch in db.name for ch in "#?%"):
        return db
    link = tmp / (re.sub(r"[#?%]", "-", db.stem) + db.suffix)
    # SQLite follows the link: -wal and -shm stay beside the real file
    link.symlink_to(db.resolve())
    return link
