"""Race rules as data: time bonuses, youth age and team rule per race and year range.

The rules are `data/rules/<race-ref>.csv` in the repository, shipped as the
package data `palmares/rules/` (a symlink, like `palmares/loader`). `db.ensure_schema`
copies them into the `race_rules` table whenever they or the schema change, so
a database built from the corpus alone has them. An empty cell is a rule not
known: never a default.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

from .errors import PalmaresError

COLUMNS = (
    "race", "from_year", "to_year", "finish_bonuses", "intermediate_bonuses",
    "bonus_on_time_trials", "youth_max_age", "team_rule", "evidence",
)  # fmt: skip


@dataclass(frozen=True)
class RaceRule:
    race_ref: str
    from_year: int
    to_year: int
    finish_bonus_seconds: str | None  # "10 6 4"; "0" none; None not known
    intermediate_bonus_seconds: str | None
    bonus_on_time_trials: int | None
    youth_max_age: int | None
    team_riders_counted: int | None
    evidence: str


def rule_files() -> dict[str, str]:
    """File name -> text of every shipped rules file."""
    folder = resources.files("palmares").joinpath("rules")
    if not folder.is_dir():
        return {}
    found = (f for f in folder.iterdir() if f.name.endswith(".csv"))
    return dict(sorted((f.name, f.read_text("utf-8")) for f in found))


def _bonuses(text: str, where: str) -> str | None:
    text = " ".join(text.split())
    if not text:
        return None
    if not all(part.isascii() and part.isdigit() for part in text.split()):
        raise PalmaresError(f"{where}: bonuses are seconds separated by spaces, not {text!r}")
    return text


def _int(text: str, where: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise PalmaresError(f"{where}: {text!r} is not a whole number")
    return int(text)


def parse(name: str, text: str) -> list[RaceRule]:
    """The rules of one file; a file names one race, its name the race's ref."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise PalmaresError(f"{name}: the columns must be {','.join(COLUMNS)}")
    out: list[RaceRule] = []
    for row in reader:
        where = f"{name} line {reader.line_num}"
        if row["race"] + ".csv" != name:
            raise PalmaresError(f"{where}: race {row['race']!r} in the file of another race")
        tt = row["bonus_on_time_trials"].strip()
        if tt not in ("", "yes", "no"):
            raise PalmaresError(f"{where}: bonus_on_time_trials is yes, no or empty")
        start, end = _int(row["from_year"], where), _int(row["to_year"], where)
        if start is None or end is None or end < start:
            raise PalmaresError(f"{where}: from_year and to_year make no range")
        if not row["evidence"].strip():
            raise PalmaresError(f"{where}: every rule says where it comes from (evidence)")
        out.append(
            RaceRule(
                race_ref=row["race"],
                from_year=start,
                to_year=end,
                finish_bonus_seconds=_bonuses(row["finish_bonuses"], where),
                intermediate_bonus_seconds=_bonuses(row["intermediate_bonuses"], where),
                bonus_on_time_trials=None if not tt else int(tt == "yes"),
                youth_max_age=_int(row["youth_max_age"], where),
                team_riders_counted=_int(row["team_rule"], where),
                evidence=row["evidence"].strip(),
            )
        )
    spans = sorted((r.from_year, r.to_year) for r in out)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        if start <= end:
            raise PalmaresError(f"{name}: two rules cover the year {start}")
    return out


def all_rules() -> list[RaceRule]:
    return [rule for name, text in rule_files().items() for rule in parse(name, text)]


def bonus_for_place(bonuses: object, place: object) -> int | None:
    """'10 6 4', 2 -> 6; a place past the list -> 0; an unknown rule (None) -> None."""
    if bonuses is None:
        return None
    if place is None:
        return 0
    parts = str(bonuses).split()
    n = int(str(place))
    return int(parts[n - 1]) if 1 <= n <= len(parts) else 0
