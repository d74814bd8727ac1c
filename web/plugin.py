"""palmares' Datasette plugin: the SQL functions the canned queries use."""

from __future__ import annotations

from datasette import hookimpl

from palmares.loader.db import register_functions


@hookimpl
def prepare_connection(conn) -> None:
    """Register palmares_slug() and friends on every Datasette connection."""
    register_functions(conn)
