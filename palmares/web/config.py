"""Datasette configuration generated from queries/*.sql: one source for both.

Datasette 0.65 reads one metadata document holding everything (`metadata()`);
Datasette 1.0 splits it into `datasette.yaml` (settings, canned queries, table
options: `datasette_config()`) and a metadata file for titles and descriptions
(`datasette_metadata()`). Both are built from the same pieces here.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from palmares.queries import Query, list_queries

TITLE = "palmares"
DESCRIPTION = "Cycling race results: stage results, standings and palmarès."

# What `palmares serve` passes as --setting; the tests use the same values.
SETTINGS: dict[str, Any] = {
    # a canned query on a whole Tour history stays well under this
    "sql_time_limit_ms": 2000,
    "default_page_size": 50,
    "max_returned_rows": 5000,
    "facet_time_limit_ms": 500,
    # a result page of a Grand Tour stage is ~180 rows: show a stage whole
    "truncate_cells_html": 60,
}


def canned_queries() -> dict[str, dict[str, Any]]:
    """Every query of the library as a Datasette canned query."""
    return {q.name: canned_query(q) for q in list_queries()}


def canned_query(q: Query) -> dict[str, Any]:
    """One query file as a canned query: title, description, parameter form, SQL."""
    return {
        "title": q.title,
        "description": q.description,
        "description_html": _description_html(q),
        "sql": q.sql,
        "params": [p.name for p in q.params],
        # a fan wants the form and the table; the SQL is one click away
        "hide_sql": True,
    }


def _description_html(q: Query) -> str:
    # the parameters' help from the header, so that the form explains itself
    items = "".join(
        f"<li><code>{escape(p.name)}</code> ({escape(p.type)}"
        f"{'' if p.required else ', optional'}): {escape(p.help)}</li>"
        for p in q.params
    )
    html = f"<p>{escape(q.description)}</p>"
    return html + (f"<ul>{items}</ul>" if items else "")


def table_settings() -> dict[str, dict[str, Any]]:
    """Labels so that foreign keys show names, facets a fan expects, search on riders."""
    return {
        "races": {"label_column": "name", "facets": ["country", "gender", "is_one_day"]},
        "editions": {"label_column": "year", "facets": ["race_id", "year"], "sort_desc": "year"},
        "stages": {"label_column": "label", "facets": ["kind"]},
        "riders": {
            "label_column": "name",
            "facets": ["nationality"],
            # the folded column is what makes "pogacar" find Pogačar
            "fts_table": "riders_fts",
            "fts_pk": "rider_id",
        },
        "teams": {"label_column": "name"},
        "statuses": {"label_column": "description"},
        "stage_kinds": {"label_column": "description"},
        "classification_kinds": {"label_column": "description"},
        "sources": {"label_column": "path", "facets": ["format"]},
        "entries": {"facets": ["edition_id", "team_id"]},
        "stage_results": {"facets": ["status", "team_id"]},
        "standings": {"facets": ["edition_id", "kind", "status"]},
        "computed_gc": {"facets": ["edition_id"]},
        "warnings": {"facets": ["code"]},
        "stage_results_view": {"facets": ["race", "year", "team", "status"]},
        "standings_view": {"facets": ["race", "year", "kind", "team", "status"]},
    }


def metadata(db_name: str = "palmares") -> dict[str, Any]:
    """Datasette 0.65 metadata (canned queries, labels, facets) for a palmares database."""
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "databases": {db_name: {"queries": canned_queries(), "tables": table_settings()}},
    }


def datasette_config(db_name: str = "palmares") -> dict[str, Any]:
    """Datasette 1.0's `datasette.yaml`: settings, canned queries and table options."""
    return {
        "settings": dict(SETTINGS),
        "databases": {db_name: {"queries": canned_queries(), "tables": table_settings()}},
    }


def datasette_metadata(db_name: str = "palmares") -> dict[str, Any]:
    """Datasette 1.0's metadata file: only titles and descriptions are left there."""
    return {"title": TITLE, "description": DESCRIPTION, "databases": {db_name: {}}}


def format_yaml(document: dict[str, Any]) -> str:
    """A configuration document as YAML, SQL kept readable as block text."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def datasette_yaml(db_name: str = "palmares") -> str:
    """The text of a Datasette 1.0 `datasette.yaml` for a palmares database."""
    return format_yaml(datasette_config(db_name))
