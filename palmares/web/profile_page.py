"""Datasette plugin: the "Race Profile" box of a stage as a page, ready to copy.

    /-/profile/<race_ref>/<year>/<stage>?team=<team>&team=<team>&top=<K>&database=<name>

`team` may be repeated; `top` defaults to 3; `database` to the first database with a
`races` table. The box is the one `palmares profile` prints (palmares.reports.profile).
"""

from __future__ import annotations

import sqlite3
from urllib.parse import quote, urlencode

from datasette.utils.asgi import BadRequest, NotFound, Response
from markupsafe import Markup

from palmares.errors import PalmaresError
from palmares.reports.profile import (
    build_box,
    format_html,
    format_markdown,
    format_text,
)

from .limits import execute_fn_limited

# the most teams a box takes, and the longest team name a visitor may type
MAX_TEAMS = 20
MAX_ARG = 200


def profile_path(
    race_ref: str, year: int, stage: str, teams: tuple[str, ...] = (), top: int = 3
) -> str:
    """The page's path, for links: '/-/profile/criterium-du-dauphine/2021/8?team=...'."""
    path = f"/-/profile/{quote(race_ref, safe='')}/{int(year)}/{quote(str(stage), safe='')}"
    args = [("team", t) for t in teams] + ([("top", str(top))] if top != 3 else [])
    return f"{path}?{urlencode(args)}" if args else path


async def profile_page(datasette, request) -> Response:
    """Render the box of one stage, with the same box as text, Markdown and HTML to copy."""
    race, year, stage = (request.url_vars[k] for k in ("race", "year", "stage"))
    teams, top = _teams(request), _top(request)
    db = await _database(datasette, request.args.get("database"))
    try:
        box = await execute_fn_limited(
            datasette,
            db,
            lambda conn: build_box(conn, race, int(year), stage, teams=teams, top=top),
        )
    except PalmaresError as e:  # an unknown race, edition, stage or team
        raise NotFound(str(e)) from None
    except sqlite3.OperationalError as e:  # the time limit, or a value over the caps
        raise BadRequest(f"the box could not be made within the site's limits ({e})") from None
    context = {
        "box": box,
        "box_markup": Markup(format_html(box)),  # escaped by format_html
        "box_html": format_html(box),
        "text": format_text(box),
        "markdown": format_markdown(box),
        "rows": 2 * len(box.lines) + 6,
        "race_ref": race,
        "year": int(year),
        "label": stage,
        "teams": teams,
        "top": top,
        "database_arg": request.args.get("database"),
        "command": _command(race, year, stage, teams, top),
    }
    html = await datasette.render_template("palmares_profile.html", context, request=request)
    return Response.html(html)


def _teams(request) -> list[str]:
    """?team=A&team=B, or ?teams= with one team a line (the page's own form)."""
    teams = request.args.getlist("team")
    teams += (request.args.get("teams") or "").splitlines()
    teams = [t.strip() for t in teams if t.strip()]
    if len(teams) > MAX_TEAMS or any(len(t) > MAX_ARG for t in teams):
        raise BadRequest(f"team: up to {MAX_TEAMS} names of up to {MAX_ARG} characters expected")
    return teams


def _top(request) -> int:
    text = request.args.get("top") or "3"
    # '²' is a digit to str.isdigit but not to int(): ASCII digits only
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 50:
        raise BadRequest(f"top: a number from 1 to 50 was expected, found {text!r}")
    return int(text)


async def _database(datasette, name: str | None):
    """The named database, else the first one with a races table."""
    if name:
        if name not in datasette.databases:
            raise NotFound(f"no database {name!r}")
        db = datasette.get_database(name)
        # Datasette's own _internal database, or any other that holds no races
        if name.startswith("_") or "races" not in await db.table_names():
            raise BadRequest(f"database: a palmares database was expected, {name!r} is not one")
        return db
    for db_name, db in datasette.databases.items():
        if not db_name.startswith("_") and "races" in await db.table_names():
            return db
    raise NotFound("no palmares database is being served")


def _command(race: str, year: str, stage: str, teams: list[str], top: int) -> str:
    words = ["palmares profile DB", f"-p race {race}", f"-p year {year}", f"-p stage {stage}"]
    words += [f'--team "{t}"' for t in teams]
    words += [f"--top {top}"] if top != 3 else []
    return " ".join(words)


ROUTES = [(r"^/-/profile/(?P<race>[^/]+)/(?P<year>[0-9]{4})/(?P<stage>[^/]+)$", profile_page)]
