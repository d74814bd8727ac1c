"""Values and result rows rendered for people: times, gaps, statuses, links.

Shared by the `render_cell` hook (Datasette's own table and query pages) and
by palmares' pages, so that a time reads `4:06:49` and a rider's name links to
the rider's page everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from palmares.values import format_gap, format_time

# columns never shown on a page: keys for links and sorting, not for reading
_HIDDEN_SUFFIXES = ("_ref", "_id")
_HIDDEN = {"position_order", "position_text", "is_suspect"}
_LABELS = {
    "rank": "#",
    "position_text": "#",
    "after_stage": "After stage",
    "kind_name": "Kind",
    "distance_km": "km",
    "elevation_m": "Climbing (m)",
    "gc_rank": "GC after",
}


def format_seconds(column: str, value: int, rank: Any = None) -> str:
    """A `*_seconds` value as people write it: 4:06:49, +1:36, 10 s."""
    if column.startswith("gap"):
        # the leader has no gap; anyone level with him has the same time
        if value == 0:
            return "" if rank == 1 else "s.t."
        return format_gap(value)
    if column.startswith(("bonus", "penalty")):
        return f"{value} s"
    return format_time(value)


@dataclass
class Links:
    """What a page knows to turn names into links: the edition, and team names to refs."""

    race_ref: str | None = None
    year: int | None = None
    teams: Mapping[str, str] = field(default_factory=dict)
    statuses: Mapping[str, str] = field(default_factory=dict)


def race_url(race_ref: str) -> str:
    return f"/race/{quote(race_ref)}"


def edition_url(race_ref: str, year: Any) -> str:
    return f"/race/{quote(race_ref)}/{year}"


def stage_url(race_ref: str, year: Any, label: Any) -> str:
    return f"/race/{quote(race_ref)}/{year}/stage/{quote(str(label))}"


def rider_url(rider_ref: str) -> str:
    return f"/rider/{quote(rider_ref)}"


def team_url(team_ref: str) -> str:
    return f"/team/{quote(team_ref)}"


def cell_href(column: str, row: Mapping[str, Any], links: Links) -> str | None:
    """Where a cell links to, from the refs in its row or on the page."""
    race_ref = row.get("race_ref") or links.race_ref
    year = row.get("year") or links.year
    value = row.get(column)
    if value in (None, ""):
        return None
    if column in ("rider", "name", "winner", "leader") and row.get(_ref_for(column)):
        return rider_url(row[_ref_for(column)])
    if column in ("team", "team_name"):
        ref = row.get("team_ref") or links.teams.get(value)
        return team_url(ref) if ref else None
    if column == "race" and row.get("race_ref"):
        return race_url(row["race_ref"])
    if column == "year" and race_ref:
        return edition_url(race_ref, value)
    if column in ("stage", "after_stage", "label") and race_ref and year:
        return stage_url(race_ref, year, value)
    return None


def _ref_for(column: str) -> str:
    return {"winner": "winner_ref", "leader": "leader_ref"}.get(column, "rider_ref")


def cell_text(column: str, row: Mapping[str, Any], links: Links) -> str:
    """The text of a cell on a page."""
    value = row.get(column)
    if value is None:
        return ""
    if column.endswith("_seconds") and isinstance(value, int):
        return format_seconds(column, value, row.get("rank"))
    if column == "status":
        return links.statuses.get(value, value)
    return str(value)


def visible_columns(rows: Sequence[Mapping[str, Any]], hide: Iterable[str] = ()) -> list[str]:
    """The columns of query rows worth showing to a person; `hide`: what the page already says."""
    if not rows:
        return []
    columns = list(rows[0].keys())
    shown = []
    for c in columns:
        if c in _HIDDEN or c in hide or c.endswith(_HIDDEN_SUFFIXES):
            continue
        # a number in seconds beside its text form: the text is for people
        if c.endswith("_seconds") and c.removesuffix("_seconds") in columns:
            continue
        if c == "status" and all(r.get(c) in (None, "finished") for r in rows):
            continue
        if all(r.get(c) in (None, "") for r in rows):
            continue
        shown.append(c)
    return shown


def rows_table(
    rows: Iterable[Mapping[str, Any]], links: Links | None = None, hide: Iterable[str] = ()
) -> dict[str, Any]:
    """Rows as a table for a template: headers, and cells with text and link."""
    table = [dict(r) for r in rows]
    links = links or Links()
    if table and "rank" in table[0] and "position_text" in table[0]:
        for r in table:
            if r["rank"] is None:
                r["rank"] = r["position_text"]
    columns = visible_columns(table, hide)
    return {
        "headers": [header(c) for c in columns],
        "columns": columns,
        "rows": [
            [
                {"text": cell_text(c, r, links), "href": cell_href(c, r, links), "column": c}
                for c in columns
            ]
            for r in table
        ],
    }


def header(column: str) -> str:
    """A column name as a table heading."""
    if column in _LABELS:
        return _LABELS[column]
    return column.removesuffix("_seconds").replace("_", " ").capitalize()
