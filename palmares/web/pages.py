"""palmares' own pages: home, search, a race, an edition, a stage, a rider, a team.

Each view reads the database through Datasette (`db.execute`, so the SQL time
limit and read-only connections apply) with SQL from .sql files only: the
standings questions from the query library (`palmares.queries`, the same files
as the canned queries and the CLI), the page lookups (an edition's stages, a
rider's races...) from `palmares/web/sql/`.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode

from datasette.utils import tilde_decode
from datasette.utils.asgi import BadRequest, NotFound, Response
from jinja2 import Template

from palmares import sqlfiles
from palmares.names import name_tokens
from palmares.queries import Query, bind, get_query, list_queries, parse_query, with_fragments

from . import render
from .chart import build_chart, gap_series
from .profile_page import profile_path

# the longest search a visitor may type (the longest name is under 100 characters)
MAX_SEARCH = 200
# columns a rider's page says once, at the top
_RIDER = (
    "rider", "nationality", "wins", "gc_wins", "gc_podiums", "podiums", "top_tens", "results",
    "points_wins", "mountains_wins", "youth_wins", "counted_results",
)  # fmt: skip


# ---------------------------------------------------------------- SQL


@cache
def page_query(name: str) -> Query:
    """A page lookup from palmares/web/sql/<name>.sql (same header format as the query library)."""
    return parse_query(name, with_fragments(sqlfiles.read("palmares.web", f"sql/{name}.sql")))


def page_query_names() -> list[str]:
    """Every page lookup of palmares/web/sql."""
    return list(sqlfiles.folder("palmares.web", "sql"))


async def fetch(db, query: Query, **params: Any) -> list[dict[str, Any]]:
    """Run a query through Datasette with its parameters cast and defaulted; rows as dicts."""
    results = await db.execute(query.sql, bind(query, params))
    return [dict(zip(results.columns, row, strict=True)) for row in results.rows]


async def lookup(db, name: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of a page lookup."""
    return await fetch(db, page_query(name), **params)


async def canned(db, name: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of a canned query of the library (queries/<name>.sql), given the parameters it takes."""
    query = get_query(name)
    known = {p.name for p in query.params}
    return await fetch(db, query, **{k: v for k, v in params.items() if k in known})


def _takes(query: Query, param: str) -> bool:
    return any(p.name == param for p in query.params)


def queries_for(*given: str) -> list[Query]:
    """The canned queries a page can offer: every parameter they need is known to it."""
    return [
        q
        for q in list_queries()
        if q.params
        and {p.name for p in q.params if p.required} <= set(given)
        and {p.name for p in q.params} & set(given)
    ]


# ---------------------------------------------------------------- rendering


def template(datasette, name: str) -> Template:
    """One of palmares' templates: Datasette loads them from the plugin's templates/ folder."""
    return datasette.jinja_env.get_template(name)


async def page(datasette, request, name: str, **context: Any) -> Response:
    """A page rendered with Datasette's layout, menus and CSS."""
    db = datasette.get_database()
    context.setdefault("database", db.name)
    context["database_url"] = datasette.urls.database(db.name)
    html = await datasette.render_template(template(datasette, name), context, request=request)
    return Response.html(html)


async def links_for(db, race_ref: str | None = None, year: int | None = None) -> render.Links:
    """What a page needs to link names: team refs of the edition, words for statuses."""
    statuses = {r["status"]: r["description"] for r in await lookup(db, "statuses")}
    teams = {}
    if race_ref and year:
        rows = await lookup(db, "edition_teams", race=race_ref, year=year)
        teams = {r["team"]: r["team_ref"] for r in rows}
    return render.Links(race_ref, year, teams, statuses)


def arg(request, name: str) -> str:
    """A part of the URL; Datasette redirects %-escapes to its ~ escapes ("Crit~C3~A9rium")."""
    return tilde_decode(request.url_vars[name])


def first_or_404(rows: list[dict[str, Any]], what: str) -> dict[str, Any]:
    if not rows:
        raise NotFound(f"{what} is not in this database")
    return rows[0]


def query_url(datasette, db_name: str, name: str, **values: Any) -> str:
    """The page of a canned query with its form filled in."""
    return f"{datasette.urls.query(db_name, name)}?{urlencode(values)}"


def query_links(datasette, db_name: str, queries: list[Query], **values: Any) -> list[dict]:
    """Links to canned query pages with this page's parameters filled in."""
    return [
        {
            "title": q.title,
            "name": q.name,
            "description": q.description,
            "href": query_url(
                datasette,
                db_name,
                q.name,
                **{p.name: values[p.name] for p in q.params if p.name in values},
            ),
        }
        for q in queries
    ]


# ---------------------------------------------------------------- views


async def home(datasette, request) -> Response:
    """The races of the database, a search box and the canned queries."""
    db = datasette.get_database()
    races = await lookup(db, "races")
    queries = query_links(datasette, db.name, list_queries())
    return await page(datasette, request, "palmares_home.html", races=races, queries=queries)


async def search(datasette, request) -> Response:
    """Riders, races and teams matching words, accents and case ignored."""
    db = datasette.get_database()
    q = request.args.get("q", "").strip()
    if len(q) > MAX_SEARCH:
        # SQLite refuses LIKE patterns over 50,000 bytes; no name is this long
        raise BadRequest(f"q: up to {MAX_SEARCH} characters were expected, found {len(q)}")
    words = name_tokens(q) if q else ()
    riders = races = teams = []
    if words:
        # every word a prefix: "pog" finds Pogačar while the name is being typed
        match = " ".join(f'"{w}"*' for w in words)
        riders = await lookup(db, "search_riders", match=match)
        races = await lookup(db, "search_races", words=" ".join(words))
        teams = await lookup(db, "search_teams", words=" ".join(words))
    return await page(
        datasette, request, "palmares_search.html", q=q, riders=riders, races=races, teams=teams
    )


async def race(datasette, request) -> Response:
    """A race: its editions, latest first, with the winner and runner-up of each."""
    db = datasette.get_database()
    ref = arg(request, "race")
    info = first_or_404(await lookup(db, "race", race=ref), f"Race {ref!r}")
    if info["race_ref"] != ref:
        return Response.redirect(render.race_url(info["race_ref"]))
    editions = await lookup(db, "race_editions", race=ref)
    winners = {w["year"]: w for w in await canned(db, "race_winners", race=ref)}
    for e in editions:
        e["winner"] = winners.get(e["year"])
    queries = query_links(datasette, db.name, queries_for("race"), race=ref)
    return await page(
        datasette, request, "palmares_race.html", race=info, editions=editions, queries=queries
    )


async def edition(datasette, request) -> Response:
    """An edition: GC podium, classification leaders, the stages, the GC chart."""
    db = datasette.get_database()
    ref, year = arg(request, "race"), int(request.url_vars["year"])
    info = first_or_404(await canned(db, "edition", race=ref, year=year), f"{ref} {year}")
    if info["race_ref"] != ref:
        return Response.redirect(render.edition_url(info["race_ref"], year))
    years = sorted(e["year"] for e in await lookup(db, "race_editions", race=ref))
    links = await links_for(db, ref, year)
    stages = await lookup(db, "edition_stages", race=ref, year=year)
    winners = {w["stage"]: w for w in await canned(db, "stage_winners", race=ref, year=year)}
    for s in stages:
        s["winner"] = winners.get(s["label"])
    gc = await canned(db, "gc", race=ref, year=year)
    context = {
        "edition": info,
        "previous_year": max((y for y in years if y < year), default=None),
        "next_year": min((y for y in years if y > year), default=None),
        "stages": stages,
        "podium": [r for r in gc if r.get("rank") and r["rank"] <= 3],
        "gc": render.rows_table(gc[:10], links, hide=("after_stage",)),
        "gc_url": query_url(datasette, db.name, "gc", race=ref, year=year),
        "leaders": await final_leaders(db, ref, year),
        "chart": await gc_chart(db, ref, year, stages),
        "links": links,
        "queries": query_links(
            datasette, db.name, queries_for("race", "year"), race=ref, year=year
        ),
    }
    return await page(datasette, request, "palmares_edition.html", **context)


async def final_leaders(db, race_ref: str, year: int) -> list[dict]:
    """Who led each classification after the last stage (the `leaders` query)."""
    rows = await canned(db, "leaders", race=race_ref, year=year)
    if not rows:
        return []
    last = rows[-1]
    kinds = await lookup(db, "classification_kinds")
    return [
        {
            "classification": k["description"],
            "name": last[k["kind"]],
            "ref": last.get(f"{k['kind']}_ref"),
            "is_team": bool(k["is_team"]),
        }
        for k in kinds
        if last.get(k["kind"])
    ]


async def gc_after_each_stage(db, race_ref: str, year: int, labels: list[str]) -> dict:
    """The `gc` query after every stage of an edition, by stage label."""
    return {
        label: await canned(db, "gc", race=race_ref, year=year, stage=label) for label in labels
    }


async def gc_chart(db, race_ref: str, year: int, stages: list[dict]):
    """The GC gap chart of an edition, or None when there is nothing to draw."""
    labels = [s["label"] for s in stages]
    if len(labels) < 2:
        return None
    series = gap_series(labels, await gc_after_each_stage(db, race_ref, year, labels))
    # a line needs two points: an edition with only its final GC loaded has no story to draw
    known = {label for s in series for label, gap in s["gaps"].items() if gap is not None}
    if len(known) < 2:
        return None
    return build_chart(labels, series)


async def chart(datasette, request) -> Response:
    """The GC gap chart of an edition on its own, with the gaps as a table."""
    db = datasette.get_database()
    ref, year = arg(request, "race"), int(request.url_vars["year"])
    info = first_or_404(await canned(db, "edition", race=ref, year=year), f"{ref} {year}")
    stages = await lookup(db, "edition_stages", race=ref, year=year)
    drawing = await gc_chart(db, info["race_ref"], year, stages)
    if request.url_vars.get("format") == "svg":
        if drawing is None:
            raise NotFound("No GC to draw for this edition")
        svg = await template(datasette, "_palmares_gc_chart.html").render_async(
            chart=drawing, standalone=True
        )
        return Response(svg, content_type="image/svg+xml; charset=utf-8")
    return await page(datasette, request, "palmares_chart.html", edition=info, chart=drawing)


async def stage(datasette, request) -> Response:
    """A stage: its result and the GC after it."""
    db = datasette.get_database()
    ref, year, label = arg(request, "race"), int(request.url_vars["year"]), arg(request, "stage")
    info = first_or_404(
        await lookup(db, "stage", race=ref, year=year, stage=label), f"{ref} {year} stage {label}"
    )
    links = await links_for(db, info["race_ref"], year)
    result = await canned(db, "stage_result", race=ref, year=year, stage=info["label"])
    gc = await canned(db, "gc", race=ref, year=year, stage=info["label"])
    given = {"race": info["race_ref"], "year": year, "stage": info["label"]}
    context = {
        "stage": info,
        "result": render.rows_table(result, links, hide=("after_stage",)),
        "gc": render.rows_table(gc, links, hide=("after_stage",)),
        "result_url": query_url(datasette, db.name, "stage_result", **given),
        "profile_url": profile_path(info["race_ref"], year, info["label"]),
        "queries": query_links(datasette, db.name, queries_for(*given), **given),
    }
    return await page(datasette, request, "palmares_stage.html", **context)


async def rider(datasette, request) -> Response:
    """A rider: palmarès, the races ridden with the final GC place, every stage result."""
    db = datasette.get_database()
    ref = arg(request, "rider")
    info = first_or_404(await lookup(db, "rider", rider=ref), f"Rider {ref!r}")
    links = await links_for(db)
    editions = await lookup(db, "rider_editions", rider=ref)
    for e in editions:
        gc = await canned(db, "gc", race=e["race_ref"], year=e["year"])
        mine = next((r for r in gc if r.get("rider_ref") == ref), None)
        e["gc_rank"] = mine.get("rank") if mine else None
        e["gc_gap"] = render.cell_text("gap_seconds", mine, links) if mine else ""
    results = await canned(db, "rider_results", rider=ref)
    palmares = await canned(db, "rider_palmares", rider=ref)
    context = {
        "rider": info,
        "editions": editions,
        # the totals are the same on every row of the palmarès: said once, at the top
        "totals": palmares[0] if palmares else None,
        "palmares": render.rows_table(palmares, links, _RIDER),
        # the query counts over the rows it gives: the same on every row
        "counts": results[0] if results else None,
        "results": render.rows_table(reversed(results), links, _RIDER),
        "queries": query_links(datasette, db.name, queries_for("rider"), rider=ref),
    }
    return await page(datasette, request, "palmares_rider.html", **context)


async def team(datasette, request) -> Response:
    """A team: its riders in every edition it rode, and its stage wins."""
    db = datasette.get_database()
    ref = arg(request, "team")
    info = first_or_404(await lookup(db, "team", team=ref), f"Team {ref!r}")
    entries = await lookup(db, "team_entries", team=ref)
    editions: dict[tuple[str, int], dict] = {}
    for e in entries:
        key = (e["race_ref"], e["year"])
        editions.setdefault(key, {**e, "riders": []})["riders"].append(e)
    # the queries about a team in an edition: team_riders and the like
    team_queries = [q for q in queries_for("race", "year", "team") if _takes(q, "team")]
    wins = []
    for e in editions.values():
        given = {"race": e["race_ref"], "year": e["year"], "team": e["team_name"]}
        e["queries"] = query_links(datasette, db.name, team_queries, **given)
        riders = {r["rider_ref"] for r in e["riders"]}
        wins += [
            {**w, "race": e["race"], "race_ref": e["race_ref"], "year": e["year"]}
            for w in await canned(db, "stage_winners", race=e["race_ref"], year=e["year"])
            if w.get("rider_ref") in riders
        ]
    return await page(
        datasette,
        request,
        "palmares_team.html",
        team=info,
        editions=list(editions.values()),
        wins=wins,
    )


ROUTES = [
    (r"^/$", home),
    (r"^/search$", search),
    (r"^/race/(?P<race>[^/]+)$", race),
    (r"^/race/(?P<race>[^/]+)/(?P<year>[0-9]{4})$", edition),
    (r"^/race/(?P<race>[^/]+)/(?P<year>[0-9]{4})/gc-chart(?:\.(?P<format>svg))?$", chart),
    (r"^/race/(?P<race>[^/]+)/(?P<year>[0-9]{4})/stage/(?P<stage>[^/]+)$", stage),
    (r"^/rider/(?P<rider>[^/]+)$", rider),
    (r"^/team/(?P<team>[^/]+)$", team),
]
