"""palmares' Datasette plugin: SQL functions, readable cells, and the site's pages."""

from __future__ import annotations

import sqlite3
import weakref

from datasette import hookimpl
from markupsafe import Markup, escape

from palmares.db import register_functions

from . import limits, pages, profile_page, render

# the plugin (entry point "palmares", the palmares.web package): Datasette
# serves its static/ folder at /-/static-plugins/palmares/
PLUGIN = "palmares"
# status -> words, per Datasette instance and database (statuses never change)
_statuses: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@hookimpl
def prepare_connection(conn) -> None:
    """palmares_slug() and friends, and the caps, on every Datasette connection."""
    register_functions(conn)
    limits.cap_connection(conn)


@hookimpl
def register_routes(datasette):
    """The home page, search, and a page per race, edition, stage, rider and team."""
    return pages.ROUTES + profile_page.ROUTES


@hookimpl
def extra_css_urls(datasette):
    """palmares' stylesheet on every page, Datasette's own included."""
    return [datasette.urls.static_plugins(PLUGIN, "palmares.css")]


@hookimpl
def menu_links(datasette):
    """The site's pages in Datasette's menu."""
    return [
        {"href": datasette.urls.path("/"), "label": "Races"},
        {"href": datasette.urls.path("/search"), "label": "Search riders, races, teams"},
    ]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Times as 4:06:49, gaps as +1:36, statuses as words, riders linked to their page."""
    if value is None or isinstance(value, dict | bytes):
        # a dict is a foreign key Datasette has already labelled and linked
        return None
    keys = row.keys() if hasattr(row, "keys") else ()
    if column.endswith("_seconds") and isinstance(value, int):
        rank = _rank(row, keys)
        text = render.format_seconds(column, value, rank)
        return Markup(f'<span class="duration" title="{value} seconds">{escape(text)}</span>')
    if column == "status" and table not in ("statuses",):
        return _status_words(datasette, database, value)
    fields = {k: row[k] for k in keys if k in ("rider_ref", "team_ref", "race_ref", "year")}
    if fields and column in ("rider", "name", "team", "race", "year"):
        href = render.cell_href(column, {**fields, column: value}, render.Links())
        if href:
            return Markup(f'<a href="{escape(datasette.urls.path(href))}">{escape(value)}</a>')
    return None


def _rank(row, keys) -> int | None:
    for k in ("rank", "position"):
        if k in keys and isinstance(row[k], int):
            return row[k]
    return None


def _status_words(datasette, database: str, status: str):
    async def words():
        known = _statuses.setdefault(datasette, {})
        if database not in known:
            db = datasette.get_database(database)
            try:
                rows = await pages.lookup(db, "statuses")
            except sqlite3.DatabaseError:
                # not a palmares database: leave its cells alone
                rows = []
            known[database] = {r["status"]: r["description"] for r in rows}
        return known[database].get(status)

    return words()


READ_METHODS = {"GET", "HEAD", "OPTIONS"}


@hookimpl
def asgi_wrapper(datasette):
    """Refuse every write method with 405: the site is read-only by design."""

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 405,
                        "headers": [
                            (b"content-type", b"text/plain; charset=utf-8"),
                            (b"allow", b"GET, HEAD, OPTIONS"),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": b"palmares is read-only\n"})
                return
            await app(scope, receive, send)

        return read_only

    return wrap
