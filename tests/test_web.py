"""The Datasette site, through Datasette's own client: queries, pages, search, chart, export."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, DATA, ROOT
from datasette.app import Datasette
from markupsafe import escape

from palmares import queries as query_lib
from palmares.db import init_db
from palmares.loader.load import load_paths
from palmares.web import chart, config, pages, render
from palmares.web.serve import datasette_args

# the queries; files starting with _ are fragments they include (queries/_race.sql)
SQL_FILES = sorted((ROOT / "queries").glob("*.sql"))
QUERY_FILES = [p for p in SQL_FILES if not p.name.startswith("_")]
EDITION = "/race/criterium-du-dauphine/2021"
# a value for every parameter name the query library uses, from the seed race;
# a new parameter name fails test_every_parameter_has_a_sample_value until added here
SAMPLES = {
    "race": "criterium-du-dauphine",
    "year": "2021",
    "stage": "8",
    "rider": "Alexey Lutsenko",
    "rider_a": "Richie Porte",
    "rider_b": "Alexey Lutsenko",
    "team": "Astana – Premier Tech",
    "kind": "points",
    "on": "gc",
}


def make_datasette(path: Path, **kwargs) -> Datasette:
    """Datasette as `palmares serve` configures it (immutable unless told otherwise)."""
    kwargs.setdefault("immutables", [str(path)])
    files = kwargs.pop("files", [])
    return Datasette(files, metadata=config.metadata(path.stem), settings=config.SETTINGS, **kwargs)


@pytest.fixture
def ds(seed_db_path: Path) -> Datasette:
    """Datasette on the seed race, served as `palmares serve` serves it."""
    assert seed_db_path.stem == "palmares"
    return make_datasette(seed_db_path)


@pytest.fixture(scope="session")
def world_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed race and ProCyclingStats' files from the corpus: Pogačar, Wærenskjold."""
    folder = CORPUS / "procyclingstats"
    assert folder.is_dir(), f"the corpus is expected at {folder} (../shared beside the clone)"
    path = tmp_path_factory.mktemp("world") / "palmares.db"
    conn = init_db(path)
    load_paths(conn, [DATA, folder])
    conn.close()
    return path


@pytest.fixture
def world(world_db_path: Path) -> Datasette:
    return make_datasette(world_db_path)


async def get_json(ds: Datasette, url: str):
    response = await ds.client.get(url)
    assert response.status_code == 200, (url, response.text[:500])
    return response.json()


async def get_html(ds: Datasette, url: str) -> str:
    response = await ds.client.get(url)
    assert response.status_code == 200, (url, response.text[-2000:])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


class Links(HTMLParser):
    """The href of every <a> of a page, and the src/href of its scripts and stylesheets."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.assets.append(attrs["href"])


def links_of(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def text_of(html: str) -> str:
    """The visible text of a page, tags out, spaces collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


# ---------------------------------------------------------------- configuration


def header_params(sql: str) -> set[str]:
    """The :params the SQL body uses, comments out."""
    body = re.sub(r"--[^\n]*", "", sql)
    body = re.sub(r"'[^']*'", "''", body)
    return set(re.findall(r"(?<![:\w]):([a-z_][a-z0-9_]*)", body))


def test_configuration_is_generated_from_every_query_file():
    on_disk = {p.stem: p.read_text("utf-8") for p in QUERY_FILES}
    every_file = {p.stem: p.read_text("utf-8") for p in SQL_FILES}
    canned = config.canned_queries()
    assert sorted(canned) == sorted(on_disk), "queries/*.sql and Datasette's canned queries drift"
    for name, sql in on_disk.items():
        parsed = query_lib.parse_query(name, sql)
        # the file's SQL, with any `-- include: <query>` line replaced by that query
        assert canned[name]["sql"] == query_lib.expand_includes(sql, every_file)
        assert canned[name]["title"] == parsed.title
        assert canned[name]["description"] == parsed.description
        assert canned[name]["params"] == [p.name for p in parsed.params]
        assert canned[name]["hide_sql"] is True


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_header_declares_the_parameters_its_sql_uses(path):
    # Datasette builds its form from the SQL, the CLI from the header: they must agree
    parsed = query_lib.get_query(path.stem)  # with its fragments included
    assert parsed.sql != path.read_text("utf-8") or "-- include:" not in parsed.sql
    assert {p.name for p in parsed.params} == header_params(parsed.sql)


def test_every_parameter_has_a_sample_value():
    names = {p.name for q in query_lib.list_queries() for p in q.params if p.required}
    assert names <= set(SAMPLES), f"add a seed value to SAMPLES for {names - set(SAMPLES)}"


async def test_datasette_serves_the_generated_configuration(ds):
    served = await get_json(ds, "/-/metadata.json")
    assert served["databases"]["palmares"]["queries"] == config.canned_queries()
    settings = await get_json(ds, "/-/settings.json")
    assert settings["sql_time_limit_ms"] == config.SETTINGS["sql_time_limit_ms"]


def test_datasette_yaml_for_datasette_1_0():
    text = config.datasette_yaml("palmares")
    document = yaml.safe_load(text)
    assert document == config.datasette_config("palmares")
    assert document["settings"]["sql_time_limit_ms"] == 2000
    database = document["databases"]["palmares"]
    assert sorted(database["queries"]) == sorted(p.stem for p in QUERY_FILES)
    assert database["queries"]["gc"]["sql"] == query_lib.get_query("gc").sql
    assert database["tables"]["riders"]["fts_table"] == "riders_fts"
    assert database["tables"]["races"]["label_column"] == "name"
    # 1.0 keeps only descriptive metadata apart from the configuration
    assert config.datasette_metadata("palmares") == {
        "title": "palmares",
        "description": config.DESCRIPTION,
        "databases": {"palmares": {}},
    }


def test_serve_arguments(tmp_path):
    db, meta = tmp_path / "results.db", tmp_path / "metadata.json"
    immutable = datasette_args(db, meta, 8123, live=False)
    assert immutable[:5] == ["serve", "-h", "127.0.0.1", "-p", "8123"]
    assert immutable[-2:] == ["-i", str(db)]
    assert immutable[7:10] == ["--setting", "sql_time_limit_ms", "2000"]
    live = datasette_args(db, meta, 8123, live=True)
    assert "-i" not in live and live[-1] == str(db)


# ---------------------------------------------------------------- canned queries


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
async def test_every_canned_query_url_gives_the_rows_of_the_python_api(ds, seed_db_path, path):
    query = query_lib.get_query(path.stem)
    params = {p.name: SAMPLES[p.name] for p in query.params if p.name in SAMPLES}
    args = "".join(f"&{k}={v}" for k, v in params.items())
    rows = await get_json(ds, f"/palmares/{query.name}.json?_shape=array{args}")
    assert rows == query_lib.run(seed_db_path, query.name, **params)
    page = await get_html(ds, f"/palmares/{query.name}?{args[1:]}")
    assert str(escape(query.title)) in page


async def test_gc_query_gives_the_final_gc_of_the_seed_race(ds):
    rows = await get_json(ds, "/palmares/gc.json?_shape=array&race=criterium-du-dauphine&year=2021")
    top3 = [(r["rank"], r["rider"], r["team"], r["time"], r["gap"]) for r in rows[:3]]
    assert top3 == [
        (1, "Richie Porte", "INEOS Grenadiers", "29:37:05", None),
        (2, "Alexey Lutsenko", "Astana – Premier Tech", "29:37:22", "+0:17"),
        (3, "Geraint Thomas", "INEOS Grenadiers", "29:37:34", "+0:29"),
    ]


async def test_canned_query_page_has_the_parameter_form_and_readable_cells(ds):
    html = await get_html(ds, "/palmares/gc?race=criterium-du-dauphine&year=2021&stage=7")
    for name in ("race", "year", "stage"):
        assert f'name="{name}"' in html
    text = text_of(html)
    assert "after this stage (number or label)" in text  # the header's help
    # gap_seconds 17 rendered as a gap, the rider linked to the rider's page
    assert '<span class="duration" title="17 seconds">+0:17</span>' in html
    assert '<a href="/rider/alexey-lutsenko">Alexey Lutsenko</a>' in html
    assert "Finished" in text  # status as words


# ---------------------------------------------------------------- tables: labels, facets, cells


async def test_foreign_keys_show_names(ds):
    html = await get_html(ds, "/palmares/stage_results?stage_id=8&position=1")
    assert ">Mark Padun</a>" in html  # rider_id labelled by riders.name
    assert ">Bahrain – Victorious</a>" in html  # team_id by teams.name
    assert ">Finished</a>" in html  # status by statuses.description
    assert '<span class="duration" title="14809 seconds">4:06:49</span>' in html


async def test_views_show_times_gaps_and_statuses_for_people(ds):
    html = await get_html(ds, "/palmares/stage_results_view?stage=8&rider_ref=jonas-vingegaard")
    assert '<span class="duration" title="96 seconds">+1:36</span>' in html
    assert "Finished" in text_of(html)


async def test_facets_a_fan_expects(ds):
    data = await get_json(ds, "/palmares/stage_results_view.json")
    assert {"race", "year", "team", "status"} <= set(data["facet_results"])
    race = data["facet_results"]["race"]["results"]
    assert [(f["value"], f["count"]) for f in race] == [("Critérium du Dauphiné", 82)]
    riders = await get_json(ds, "/palmares/riders.json")
    assert "nationality" in riders["facet_results"]
    editions = await get_json(ds, "/palmares/editions.json")
    assert editions["facet_results"]["race_id"]["results"][0]["label"] == "Critérium du Dauphiné"


# ---------------------------------------------------------------- export


async def test_tables_and_queries_export_as_csv(ds):
    response = await ds.client.get("/palmares/gc.csv?race=criterium-du-dauphine&year=2021")
    assert response.status_code == 200
    assert (
        response.headers["content-type"].startswith("text/plain")
        or "csv" in (response.headers["content-type"])
    )
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows[1]["rider"] == "Alexey Lutsenko" and rows[1]["gap_seconds"] == "17"
    table = await ds.client.get("/palmares/riders.csv?_size=max")
    riders = list(csv.DictReader(io.StringIO(table.text)))
    assert len(riders) == 45 and {"rider_ref", "name", "nationality"} <= set(riders[0])
    download = await ds.client.get("/palmares/riders.csv?_dl=1")
    assert "attachment" in download.headers["content-disposition"]


async def test_tables_and_queries_export_as_json(ds):
    riders = await get_json(ds, "/palmares/riders.json?_shape=array&nationality=DEN")
    assert sorted(r["name"] for r in riders) == [
        "Jonas Vingegaard",
        "Kasper Asgreen",
        "Mads Würtz Schmidt",
        "Michael Valgren",
    ]
    rows = await get_json(
        ds, "/palmares/stage_result.json?_shape=array&race=criterium-du-dauphine&year=2021&stage=8"
    )
    assert (rows[0]["rider"], rows[0]["time"], rows[1]["gap"]) == ("Mark Padun", "4:06:49", "+1:36")


# ---------------------------------------------------------------- read-only


async def test_database_is_opened_immutable(ds):
    assert ds.get_database("palmares").is_mutable is False


@pytest.mark.parametrize(
    "sql",
    [
        "delete from riders",
        "update riders set name = 'x'",
        "insert into races (race_ref, name) values ('x', 'x')",
        "drop table riders",
        "select 1; delete from riders",
        "pragma journal_mode = delete",
    ],
)
async def test_write_sql_is_refused(ds, seed_db_path, sql):
    response = await ds.client.get("/palmares.json", params={"sql": sql, "_shape": "array"})
    assert response.status_code >= 400
    count = await get_json(ds, "/palmares.json?_shape=array&sql=select+count(*)+as+n+from+riders")
    assert count == [{"n": 45}]


async def test_posts_are_refused(ds):
    for url in ("/palmares/gc", "/palmares/riders", "/palmares/riders/-/insert", "/palmares"):
        response = await ds.client.post(url, data={"name": "x"})
        assert response.status_code >= 400, url
    count = await get_json(ds, "/palmares.json?_shape=array&sql=select+count(*)+as+n+from+riders")
    assert count == [{"n": 45}]


async def test_live_mode_reads_through_a_read_only_connection(seed_db_path):
    live = make_datasette(seed_db_path, immutables=[], files=[str(seed_db_path)])
    db = live.get_database("palmares")
    assert db.is_mutable
    response = await live.client.get("/palmares.json", params={"sql": "delete from riders"})
    assert response.status_code >= 400
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        await db.execute("delete from riders")


# ---------------------------------------------------------------- pages


async def test_home_lists_the_races(ds):
    html = await get_html(ds, "/")
    assert '<a href="/race/criterium-du-dauphine">Critérium du Dauphiné</a>' in html
    assert f'<a href="{EDITION}">2021</a>' in html
    assert 'action="/search"' in html
    for q in query_lib.list_queries():
        assert str(escape(q.title)) in html


async def test_race_page_lists_editions_and_winners(ds):
    html = await get_html(ds, "/race/criterium-du-dauphine")
    text = text_of(html)
    assert "Editions and winners" in text
    winners = "Richie Porte INEOS Grenadiers Alexey Lutsenko +0:17"
    assert f"2021 (73) 8 2021-05-30 – 2021-06-06 {winners}" in text
    assert '<a href="/rider/richie-porte">Richie Porte</a>' in html


async def test_race_page_takes_a_name_and_redirects_to_the_ref(ds):
    response = await ds.client.get(
        "/race/Crit%C3%A9rium%20du%20Dauphin%C3%A9", follow_redirects=True
    )
    assert response.status_code == 200
    assert response.url.path == "/race/criterium-du-dauphine"


async def test_edition_page_has_the_podium_the_leaders_and_the_stages(ds):
    html = await get_html(ds, EDITION)
    text = text_of(html)
    assert re.search(
        r"1 Richie Porte INEOS Grenadiers 29:37:05 2 Alexey Lutsenko Astana – Premier Tech \+0:17"
        r" 3 Geraint Thomas INEOS Grenadiers \+0:29",
        text,
    )
    assert "Points classification Sonny Colbrelli" in text
    assert "Mountains classification Mark Padun" in text
    assert "Team classification INEOS Grenadiers" in text
    assert "Stage 8 2021-06-06 La Léchère-Les-Bains → Les Gets 147.0 Road stage Mark Padun" in text
    assert "Firminy → Roche-La-Molière 16.4 Individual time trial Alexey Lutsenko" in text
    assert f'href="{EDITION}/stage/8"' in html
    assert '<a href="/team/astana-premier-tech">Astana – Premier Tech</a>' in html
    assert "/palmares/gc?race=criterium-du-dauphine&amp;year=2021" in html


async def test_stage_page_has_the_result_and_the_gc_after_it(ds):
    html = await get_html(ds, f"{EDITION}/stage/8")
    text = text_of(html)
    assert "Critérium du Dauphiné 2021: Stage 8" in text
    assert "1 Mark Padun UKR Bahrain – Victorious 4:06:49" in text
    assert "2 Jonas Vingegaard DEN Team Jumbo-Visma 4:08:25 +1:36" in text
    assert "3 Patrick Konrad AUT BORA – hansgrohe 4:08:25 s.t." in text
    assert "GC after stage 8" in text
    assert "2 Alexey Lutsenko KAZ Astana – Premier Tech 29:37:22 +0:17" in text
    assert f'<a rel="prev" href="{EDITION}/stage/7">' in html
    assert f'href="{EDITION}/stage/9"' not in html


async def test_rider_page_has_palmares_races_and_results(ds):
    html = await get_html(ds, "/rider/alexey-lutsenko")
    text = text_of(html)
    assert "Alexey Lutsenko" in text and "KAZ" in text
    assert f'href="{EDITION}/stage/4"' in html  # his stage win, linked
    assert re.search(r"2021 Critérium du Dauphiné Astana – Premier Tech 2 \+0:17", text)
    assert '<a href="/team/astana-premier-tech">' in html


async def test_team_page_lists_riders_by_edition(ds):
    html = await get_html(ds, "/team/astana-premier-tech")
    text = text_of(html)
    assert "Astana – Premier Tech" in text
    assert f'<a href="{EDITION}">Critérium du Dauphiné 2021</a>' in html
    for rider in ("alexey-lutsenko", "ion-izagirre", "alex-aranburu", "oscar-rodriguez"):
        assert f'href="/rider/{rider}"' in html
    assert "stage 4" in text  # Lutsenko's time trial


@pytest.mark.parametrize(
    "url",
    [
        "/race/no-such-race",
        "/race/criterium-du-dauphine/1999",
        f"{EDITION}/stage/99",
        "/rider/nobody",
        "/team/nobody",
        f"{EDITION}/gc-chart.svg".replace("2021", "1999"),
    ],
)
async def test_unknown_things_are_404(ds, url):
    response = await ds.client.get(url)
    assert response.status_code == 404


async def test_every_page_links_to_pages_that_work(ds):
    # crawl the site from the home page: every race, edition, stage, rider and team page
    seen, todo, kinds = set(), ["/"], set()
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        html = await get_html(ds, url)
        for href in links_of(html).links:
            href = href.replace("&amp;", "&")
            if href.endswith(".svg"):
                assert (await ds.client.get(href)).status_code == 200, href
            elif re.match(r"^/(race|rider|team|search)\b", href):
                todo.append(href)
                kinds.add(href.split("/")[1])
            elif href.startswith("/palmares/"):
                assert (await ds.client.get(href)).status_code == 200, href
    assert kinds == {"race", "rider", "team", "search"}
    assert len([u for u in seen if u.startswith("/rider/")]) == 45
    assert len([u for u in seen if u.startswith("/team/")]) == 20
    assert len([u for u in seen if "/stage/" in u]) == 8


async def test_pages_need_no_network(ds):
    for url in ("/", EDITION, f"{EDITION}/gc-chart", "/rider/richie-porte", "/palmares/riders"):
        html = await get_html(ds, url)
        assets = links_of(html).assets
        assert assets and all(a.startswith("/") for a in assets), assets
    css = await ds.client.get("/-/static-plugins/palmares/palmares.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "http" not in css.text


# ---------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("q", "name"),
    [
        ("pogacar", "Tadej Pogačar"),
        ("POGAČAR", "Tadej Pogačar"),
        ("tadej poga", "Tadej Pogačar"),
        ("soren", "Søren Wærenskjold"),
        ("waerenskjold", "Søren Wærenskjold"),
        ("lopez", "Miguel Ángel López"),
        ("o'connor", "Ben O'Connor"),
    ],
)
async def test_site_search_forgives_accents_and_case(world, q, name):
    html = await get_html(world, f"/search?q={q}")
    results = text_of(html.split("<h2>Riders</h2>", 1)[1].split("</ul>", 1)[0])
    assert name in results


async def test_site_search_finds_races_and_teams(world):
    text = text_of(await get_html(world, "/search?q=dauphine"))
    assert "Races Critérium du Dauphiné" in text
    text = text_of(await get_html(world, "/search?q=astana"))
    assert "Teams Astana" in text
    text = text_of(await get_html(world, "/search?q=zzzz"))
    assert "Nothing matches" in text


@pytest.mark.parametrize(
    ("q", "name"), [("pogacar", "Tadej Pogačar"), ("soren", "Søren Wærenskjold")]
)
async def test_datasette_search_box_on_riders_uses_the_folded_names(world, q, name):
    rows = await get_json(world, f"/palmares/riders.json?_shape=array&_search={q}")
    assert name in [r["name"] for r in rows]
    html = await get_html(world, "/palmares/riders")
    assert 'name="_search"' in html


# ---------------------------------------------------------------- the chart


async def test_gc_chart_svg_draws_a_line_per_rider(ds):
    response = await ds.client.get(f"{EDITION}/gc-chart.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    svg = ET.fromstring(response.text.strip())
    ns = {"svg": "http://www.w3.org/2000/svg"}
    lines = svg.findall(".//svg:path[@class='rider-line']", ns)
    assert [line.find("svg:title", ns).text for line in lines] == [
        "Richie Porte",
        "Alexey Lutsenko",
        "Geraint Thomas",
        "Wilco Kelderman",
        "Jack Haig",
        "Miguel Ángel López",
        "Ion Izagirre",
        "Ben O'Connor",
    ]
    assert all(line.get("d").startswith("M") for line in lines)
    points = [c.find("svg:title", ns).text for c in svg.iter("{http://www.w3.org/2000/svg}circle")]
    assert "Alexey Lutsenko after stage 8: +0:17" in points
    assert "Richie Porte after stage 7: leader" in points
    assert "<script" not in response.text and "http://" not in response.text.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


async def test_edition_and_chart_pages_embed_the_chart(ds):
    for url in (EDITION, f"{EDITION}/gc-chart"):
        html = await get_html(ds, url)
        assert html.count('class="rider-line"') == 8
    text = text_of(await get_html(ds, f"{EDITION}/gc-chart"))
    assert "The gaps" in text


async def test_no_chart_without_two_stages_of_gc(world):
    # the corpus has the final GC of the 2022 Tour, not the GC after each stage
    html = await get_html(world, "/race/tour-de-france/2022")
    assert "rider-line" not in html
    assert "Not enough GC standings loaded to draw the race." in text_of(html)
    response = await world.client.get("/race/tour-de-france/2022/gc-chart.svg")
    assert response.status_code == 404


async def test_an_empty_database_serves_its_pages(db_path):
    empty = make_datasette(db_path)
    text = text_of(await get_html(empty, "/"))
    assert "No races loaded yet" in text
    assert "Nothing matches" in text_of(await get_html(empty, "/search?q=pogacar"))
    for q in query_lib.list_queries():
        params = "".join(f"&{p.name}={SAMPLES.get(p.name, '')}" for p in q.params)
        response = await empty.client.get(f"/{db_path.stem}/{q.name}.json?_shape=array{params}")
        assert response.status_code == 200, (q.name, response.text[:300])


def test_tick_steps_are_round():
    assert chart.tick_step(17) == 5
    assert chart.tick_step(117) == 20
    assert chart.tick_step(535) == 120
    assert chart.tick_step(6066) == 1200


def test_chart_geometry_breaks_lines_where_gaps_are_unknown():
    stages = ["1", "2", "3"]
    gc_after = {
        "1": [{"rank": 1, "rider": "A", "rider_ref": "a", "gap_seconds": 0},
              {"rank": 2, "rider": "B", "rider_ref": "b", "gap_seconds": 0}],
        "2": [{"rank": 1, "rider": "B", "rider_ref": "b", "gap_seconds": 0}],
        "3": [{"rank": 1, "rider": "B", "rider_ref": "b", "gap_seconds": 0},
              {"rank": 2, "rider": "A", "rider_ref": "a", "gap_seconds": 60}],
    }  # fmt: skip
    series = chart.gap_series(stages, gc_after)
    assert [s["rider"] for s in series] == ["B", "A"]
    assert series[1]["gaps"] == {"1": 0, "2": None, "3": 60}
    drawing = chart.build_chart(stages, series, width=300, height=200)
    b, a = drawing.lines
    assert b.d.count("M") == 1 and b.d.count("L") == 2
    assert a.d.count("M") == 2 and a.d.count("L") == 0  # stage 2 unknown: two pieces
    assert [p.gap for p in a.points] == ["leader", "+1:00"]
    assert [p.gap for p in b.points] == ["s.t.", "leader", "leader"]
    assert drawing.y_ticks[0][1] == "leader" and drawing.y_ticks[-1][1] == "+1:00"


# ---------------------------------------------------------------- rendering


@pytest.mark.parametrize(
    ("column", "value", "rank", "text"),
    [
        ("time_seconds", 14809, None, "4:06:49"),
        ("gap_seconds", 96, 2, "+1:36"),
        ("gap_seconds", 6066, 110, "+1:41:06"),
        ("gap_seconds", 0, 3, "s.t."),
        ("gap_seconds", 0, 1, ""),
        ("bonus_seconds", 10, 1, "10 s"),
    ],
)
def test_format_seconds(column, value, rank, text):
    assert render.format_seconds(column, value, rank) == text


def test_every_page_lookup_parses():
    names = pages.page_query_names()
    assert "edition_stages" in names
    for name in names:
        query = pages.page_query(name)
        assert {p.name for p in query.params} == header_params(query.sql), name


def test_the_wheel_ships_the_site(tmp_path):
    # templates, stylesheet and page SQL are package data: a plain install must serve the pages
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("palmares-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    web = ROOT / "web"
    for folder, pattern in (("templates", "*.html"), ("static", "*"), ("sql", "*.sql")):
        for path in (web / folder).glob(pattern):
            assert f"palmares/web/{folder}/{path.name}" in names


async def test_the_stage_page_links_to_its_race_profile_box(seed_db_path):
    from datasette.app import Datasette

    from palmares.web.config import metadata

    ds = Datasette([str(seed_db_path)], immutables=[], metadata=metadata(seed_db_path.stem))
    page = await ds.client.get("/race/criterium-du-dauphine/2021/stage/8")
    assert page.status_code == 200
    assert 'href="/-/profile/criterium-du-dauphine/2021/8"' in page.text
    box = await ds.client.get("/-/profile/criterium-du-dauphine/2021/8?team=Astana")
    assert box.status_code == 200
    assert "Astana – Premier Tech top 3: 7. Alexey Lutsenko, 13. Ion Izagirre" in box.text


async def test_a_rider_page_says_its_totals_once_at_the_top(ds):
    html = await get_html(ds, "/rider/mark-padun")
    lead = re.search(r'<p class="lead">(.*?)</p>', html, re.S)
    assert lead is not None
    assert " ".join(lead[1].split()) == (
        "UKR · 2 stage wins · 1 mountains title · 1 race in this database"
    )
    palmares = html.split('<section class="palmares">', 1)[1].split("</section>", 1)[0]
    assert "Points wins" not in palmares and ">Wins<" not in palmares
