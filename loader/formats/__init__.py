"""One pure reader per source format: path -> records, no database.

Each reader module defines:

    FORMAT: str                                  # the name `--format` takes
    def detect(path: Path, head: str) -> bool    # head: the first 8 KiB as text
    def read(path: Path) -> Iterator[Record]     # records of palmares.loader.records

A reader raises `LoadError(message, path, line, column)` for bad input and
yields `Warning` records for suspicious but loadable data. `detect` looks at
content first (a header row, JSON keys); the file name is only a tie-breaker.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from palmares.errors import LoadError

# Detection order: the most specific formats first.
READER_MODULES = [
    "native",
    "aso",
    "pcs_table",
    "pcs_json",
    "rushworth",
    "stage_list",
    "race_profile",
]


def readers() -> list[ModuleType]:
    """The reader modules that exist, in detection order."""
    found = []
    for name in READER_MODULES:
        try:
            found.append(importlib.import_module(f"{__name__}.{name}"))
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
    return found


def reader_for(name: str) -> ModuleType:
    """The reader module named by `--format`."""
    for module in readers():
        if name == module.FORMAT:
            return module
    known = ", ".join(m.FORMAT for m in readers())
    raise LoadError(f"unknown format {name!r}; known formats: {known}")


def read_head(path: Path, size: int = 8192) -> str:
    """The start of a file as text, for detection (undecodable bytes replaced)."""
    with open(path, "rb") as f:
        raw = f.read(size)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return raw.decode("utf-8", errors="replace")


def detect(path: Path) -> ModuleType | None:
    """The reader whose detect() accepts this file, or None."""
    head = read_head(path)
    for module in readers():
        if module.detect(path, head):
            return module
    return None
