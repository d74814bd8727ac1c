"""The "Race Profile" box of a stage, as news reports print it (`palmares profile`).

    Race Profile

    Critérium du Dauphiné

    Stage 8: La Léchère-Les-Bains > Les Gets (147km)

    Top 3: 1. Mark Padun (Bahrain Victorious), 2. Jonas Vingegaard (Team Jumbo-Visma), ...

    Astana – Premier Tech top 3: 7. Alexey Lutsenko, 13. Ion Izagirre, 34. Óscar Rodríguez

    Top 3 on GC: 1. Richie Porte (INEOS Grenadiers), 2. Alexey Lutsenko (Astana – Premier Tech), ...

    Astana – Premier Tech top 3 on GC: 2. Alexey Lutsenko, 7. Ion Izagirre, 50. Óscar Rodríguez

The facts come from the canned queries (`profile_stage`, `stage_result`, `gc`, `team_riders`);
this module only chooses rows and formats them. The text reads back with the `race_profile`
reader. Choices:
- "Top 3" lists every entry ranked 1 to 3 (two at one rank when the results say so); a team
  line lists the team's best 3 ranked riders, and is left out when the team has none there;
- names as riders.name has them, each team under one spelling per box (entries.team_name,
  the commonest where riders of a team were entered under several); a name (folded) once
  per line, at its best place, as the reader takes one name for one rider;
- a team time trial whose riders share their team's place is placed by teams, on a
  `Top 3 (teams): 1. BMC Racing Team, 2. Team Sky, ...` line (the reader's team rows; a
  rider without a team has no place there);
- on a `Top 3` line the team is the entry's LAST bracketed group, so a name's own brackets
  stay its own: `2. Henri Cornet (Geboren Jardy) (LE GLOBE)`, and `1. Henri Cornet
  (Geboren Jardy) ()` for no team; a team line (`<Team> top 3: 12. Henri Cornet (Geboren
  Jardy)`) has no team brackets, its brackets are the name's;
- ties are written as they are (`1. Philippe Thys, 1. Théophile Beeckman`);
- a one-day race has no GC lines; a stage result whose every row is marked suspect (a
  source that put the GC in its place) has no stage lines.
"""

from __future__ import annotations

import html
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from palmares import queries
from palmares.errors import ParseError, ProfileError
from palmares.names import name_key, spelling_quality, team_key, team_words
from palmares.values import parse_stage_label

FORMATS = ("text", "markdown", "html")


@dataclass(frozen=True)
class Entry:
    rank: int
    name: str  # a rider; a team on the places of a team time trial
    team: str | None  # shown in parentheses; None on a team's own line


@dataclass(frozen=True)
class Line:
    label: str  # "Top 3", "Astana – Premier Tech top 3 on GC", "Top 3 (teams)"
    entries: tuple[Entry, ...]
    # "top": riders, each with its team in brackets; "team": one team's riders;
    # "teams": teams (the places of a team time trial)
    form: str = "top"


@dataclass(frozen=True)
class Box:
    race: str
    stage: str  # "Stage 8: La Léchère-Les-Bains > Les Gets (147km)"
    lines: tuple[Line, ...]


Row = dict[str, Any]


def profile_box(
    conn: sqlite3.Connection,
    race: str,
    year: int,
    stage: str | int,
    *,
    teams: Sequence[str] = (),
    top: int = 3,
    fmt: str = "text",
) -> str:
    """The Race Profile box of a stage as text, Markdown or HTML."""
    if fmt not in FORMATTERS:
        raise ProfileError(f"a format among {', '.join(FORMATS)} was expected, found {fmt!r}")
    return FORMATTERS[fmt](build_box(conn, race, year, stage, teams=teams, top=top))


def build_box(
    conn: sqlite3.Connection,
    race: str,
    year: int,
    stage: str | int,
    *,
    teams: Sequence[str] = (),
    top: int = 3,
) -> Box:
    """The lines of the box: the stage's top, each team's best, the same on GC."""
    if top < 1:
        raise ProfileError(f"a --top of at least 1 was expected, found {top}")
    head = stage_head(conn, race, year, stage)
    params = {"race": head["race_ref"], "year": year, "stage": head["label"]}
    # a result whose every row is suspect is something else (a source's GC): left out
    suspect = 0 < head["suspect_results"] == head["results"]
    results = [] if suspect else queries.run(conn, "stage_result", **params)
    # a one-day race has no GC to speak of, only the computed sum of its one stage
    gc = [] if head["is_one_day"] else queries.run(conn, "gc", **params)
    ranked, ranked_gc = _ranked(results), _ranked(gc)
    if not ranked and not ranked_gc:
        why = " (its result rows are marked suspect: see the warnings query)" if suspect else ""
        raise ProfileError(
            f"no ranked rider on {_where(head)} or on GC after it in this database{why}"
        )
    names = team_names(results + gc)
    keys = list(dict.fromkeys(find_team(t, names, head) for t in teams))  # each team once
    lines = []
    if ranked:
        lines += _top_line(ranked, names, top, "", _is_team_trial(head, ranked))
        lines += _team_lines(conn, params, keys, names, top, "stage")
    if ranked_gc:
        lines += _top_line(ranked_gc, names, top, " on GC", False)
        lines += _team_lines(conn, params, keys, names, top, "gc")
    return Box(head["race"], format_stage(head), tuple(lines))


# --- the facts ------------------------------------------------------------------------


def stage_head(conn: sqlite3.Connection, race: str, year: int, stage: str | int) -> Row:
    """The race and stage row of `profile_stage`; ProfileError saying which part is unknown."""
    label = normalise_label(stage)
    rows = queries.run(conn, "profile_stage", race=race, year=year, stage=label)
    if not rows:
        raise ProfileError(
            f"no race {race!r} in this database (try a race ref like tour-de-france)"
        )
    head = rows[0]
    if head["edition_id"] is None:
        raise ProfileError(f"no {year} edition of the {head['race']} in this database")
    if head["label"] is None:
        stages = head["stage_labels"] or "none"
        raise ProfileError(
            f"no stage {stage!r} in the {year} {head['race']}; its stages are: {stages}"
        )
    return {**head, "year": year}


def normalise_label(stage: str | int) -> str:
    """'08' -> '8', '10A' -> '10a', 'Prologue' -> '0': the form stages.label takes."""
    text = str(stage).strip().lower()
    m = re.fullmatch(r"stage\s*([0-9].*)", text)  # 'Stage 8': the word is for people
    try:
        return parse_stage_label(m[1] if m else text)
    except ParseError:
        return text


def _ranked(rows: list[Row]) -> list[Row]:
    """Classified riders in published order (the queries sort by position_order), each name
    once, at its best place: a name given twice (one rider held twice in the database, two
    riders of one name) would read back as one rider with two places or two teams."""
    seen: set[str] = set()
    out = []
    for r in rows:
        if r["rank"] is None or r["rider"] is None or name_key(r["rider"]) in seen:
            continue
        seen.add(name_key(r["rider"]))
        out.append(r)
    return out


def _where(head: Row) -> str:
    return f"stage {head['label']} of the {head['year']} {head['race']}"


def _is_team_trial(head: Row, ranked: list[Row]) -> bool:
    """A team time trial placed by teams: riders share places, several to a place.

    Teammates share a place, so there are far fewer places than riders; a team time
    trial that ranks its riders one by one (or a single shared place) is not one.
    """
    return head["kind"] == "ttt" and 2 * len({r["rank"] for r in ranked}) <= len(ranked)


# --- teams ----------------------------------------------------------------------------


def team_names(rows: Iterable[Row]) -> dict[str, str]:
    """One spelling per team for the whole box: the commonest, mixed case before capitals."""
    counts: Counter[tuple[str, str]] = Counter(
        (team_key(r["team"]), r["team"]) for r in rows if r["team"]
    )
    best: dict[str, tuple[int, tuple[int, int], str]] = {}
    for (key, name), n in counts.items():
        score = (n, spelling_quality(name), name)
        if key not in best or score[:2] > best[key][:2]:
            best[key] = score
    return {key: score[2] for key, score in best.items()}


def find_team(wanted: str, names: dict[str, str], head: Row) -> str:
    """The key of the team a --team names: the same key, else the one team holding its words."""
    key = team_key(wanted)
    if key in names:
        return key
    words = set(team_words(wanted))
    found = [k for k in names if words and words <= set(team_words(names[k]))]
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(sorted(names[k] for k in found))
        raise ProfileError(f"--team {wanted!r} matches several teams on {_where(head)}: {listed}")
    listed = "; ".join(sorted(names.values())) or "none known"
    raise ProfileError(
        f"no team {wanted!r} on {_where(head)} or in the GC after it; teams there: {listed}"
    )


# --- lines ----------------------------------------------------------------------------


def _top_line(
    ranked: list[Row], names: dict[str, str], top: int, what: str, by_team: bool
) -> list[Line]:
    """'Top 3<what>': every entry ranked 1 to 3 (none when those places are unknown)."""
    if by_team:
        entries = _team_places(ranked, names, top)
        return [Line(f"Top {top} (teams){what}", tuple(entries), "teams")] if entries else []
    entries = [_entry(r, names) for r in ranked if r["rank"] <= top]
    return [Line(f"Top {top}{what}", tuple(entries))] if entries else []


def _team_lines(
    conn: sqlite3.Connection, params: Row, keys: list[str], names: dict[str, str], top: int, on: str
) -> list[Line]:
    """'<Team> top 3' (on='stage') or '<Team> top 3 on GC' lines; a team with no rank has none."""
    what = " on GC" if on == "gc" else ""
    lines = []
    for key in keys:
        rows = queries.run(conn, "team_riders", **params, team=names[key], on=on)
        # team_riders falls back to a word of the name ("France" finds "Ile de France")
        # when the team has no row here; the box wants this team only
        mine = [r for r in _ranked(rows) if r["team"] and team_key(r["team"]) == key][:top]
        entries = tuple(Entry(r["rank"], r["rider"], None) for r in mine)
        if entries:
            lines.append(Line(f"{names[key]} top {top}{what}", entries, "team"))
    return lines


def _entry(row: Row, names: dict[str, str]) -> Entry:
    team = names[team_key(row["team"])] if row["team"] else None
    return Entry(row["rank"], row["rider"], team)


def _team_places(ranked: list[Row], names: dict[str, str], top: int) -> list[Entry]:
    """The places of a team time trial: each team once, at its riders' rank (a rider
    without a team has no team place)."""
    places: dict[str, Entry] = {}
    for r in ranked:
        if r["rank"] > top:
            break
        key = team_key(r["team"]) if r["team"] else None
        if key is not None and key not in places:
            places[key] = Entry(r["rank"], names[key], None)
    return list(places.values())


# --- formatting -----------------------------------------------------------------------


def format_stage(head: Row) -> str:
    """'Stage 8: La Léchère-Les-Bains > Les Gets (147km)', 'Prologue: Brussels (8km)'."""
    kind = head["kind"]
    # stage "0" is the prologue (schema.sql); a "Stage 0" that is a road stage stays one
    prologue = head["label"] == "0" and kind in (None, "prologue")
    name = "Prologue" if prologue else f"Stage {head['label']}"
    route = " > ".join(p for p in (head["departure"], head["arrival"]) if p)
    marks = [m for m in (_KIND_MARKS.get(kind), format_km(head["distance_km"])) if m]
    parts = [f"{name}:", route, f"({', '.join(marks)})" if marks else ""]
    return " ".join(p for p in parts if p)


# the marks the race_profile reader reads back as the stage's kind
_KIND_MARKS = {"itt": "ITT", "ttt": "TTT"}


def format_km(km: float | None) -> str | None:
    """147.0 -> '147km', 16.4 -> '16.4km': whole kilometres without decimals."""
    if km is None:
        return None
    rounded = round(float(km), 1)
    return f"{int(rounded)}km" if rounded == int(rounded) else f"{rounded:.1f}km"


def format_entries(line: Line) -> str:
    """'1. Mark Padun (Bahrain Victorious), 2. ...'.

    On a "top" line the team is the entry's last bracketed group: a rider without a team
    whose name holds brackets gets an empty '()', so that they stay the name's.
    """
    return ", ".join(f"{e.rank}. {e.name}{_team_mark(e, line.form)}" for e in line.entries)


def _team_mark(entry: Entry, form: str) -> str:
    if form != "top":
        return ""
    if entry.team:
        return f" ({entry.team})"
    return " ()" if "(" in entry.name or ")" in entry.name else ""


def text_lines(box: Box) -> list[str]:
    """The box's lines without markup."""
    return [
        "Race Profile",
        box.race,
        box.stage,
        *(f"{line.label}: {format_entries(line)}" for line in box.lines),
    ]


def format_text(box: Box) -> str:
    """Plain text, a blank line between lines, as the seed report prints it."""
    return "\n\n".join(text_lines(box))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<])")


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def format_markdown(box: Box) -> str:
    """Markdown: a heading, the race in bold, each line's label in bold."""
    out = ["### Race Profile", f"**{_md(box.race)}**", _md(box.stage)]
    out += [f"**{_md(line.label)}:** {_md(format_entries(line))}" for line in box.lines]
    return "\n\n".join(out)


def format_html(box: Box) -> str:
    """An HTML fragment: a <section class="race-profile"> of paragraphs."""
    esc = html.escape
    out = [
        '<section class="race-profile">',
        "<h3>Race Profile</h3>",
        f"<p><strong>{esc(box.race)}</strong></p>",
        f"<p>{esc(box.stage)}</p>",
    ]
    out += [
        f"<p><strong>{esc(line.label)}:</strong> {esc(format_entries(line))}</p>"
        for line in box.lines
    ]
    out.append("</section>")
    return "\n".join(out)


FORMATTERS: dict[str, Callable[[Box], str]] = {
    "text": format_text,
    "markdown": format_markdown,
    "html": format_html,
}
