"""Datasette configuration generated from queries/*.sql: one source for both."""

from __future__ import annotations

from typing import Any

from palmares.queries import list_queries


def canned_queries() -> dict[str, dict[str, Any]]:
    """Every query of the library as a Datasette canned query."""
    return {
        q.name: {
            "title": q.title,
            "description": q.description,
            "sql": q.sql,
            "params": [p.name for p in q.params],
        }
        for q in list_queries()
    }


def metadata(db_name: str = "palmares") -> dict[str, Any]:
    """Datasette 0.65 metadata (canned queries, labels, facets) for a palmares database."""
    return {
        "title": "palmares",
        "description": "Cycling race results: stage results, standings and palmarès.",
        "databases": {
            db_name: {
                "queries": canned_queries(),
                "tables": table_settings(),
            }
        },
    }


def table_settings() -> dict[str, dict[str, Any]]:
    """Labels so that foreign keys show names, and facets a fan expects."""
    return {
        "races": {"label_column": "name", "facets": ["gender", "is_one_day"]},
        "editions": {"facets": ["year"]},
        "stages": {"label_column": "label", "facets": ["kind"]},
        "riders": {"label_column": "name", "facets": ["nationality"]},
        "teams": {"label_column": "name"},
        "entries": {"facets": ["team_name"]},
        "stage_results": {"facets": ["status"]},
        "standings": {"facets": ["kind", "status"]},
        "stage_results_view": {"facets": ["race", "year", "team", "status"]},
        "standings_view": {"facets": ["race", "year", "kind"]},
    }
