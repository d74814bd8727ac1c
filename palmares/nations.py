"""Nations: one code system, the IOC/UCI three-letter codes ('FRA', 'DEN', 'GER').

Sources write ISO-2 ('FR', 'DK'), ISO-3 ('DNK', 'DEU'), IOC codes or country names
in several languages; `nation_code` maps each to the IOC code through the shipped
table `nations.csv` (ioc, iso2, iso3, name, aliases, status, successor). Where a
three-letter value is an IOC code of one country and the ISO-3 code of another
('BRN': IOC Bahrain, ISO-3 Brunei), the IOC reading wins: it is the code system
the project stores. Historical codes (URS, TCH, YUG, GDR, FRG, SCG) are kept: a
rider of 1980 rode for the Soviet Union, not for Russia.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .names import slugify


@dataclass(frozen=True, slots=True)
class Nation:
    ioc: str
    iso2: str | None
    iso3: str | None
    name: str
    aliases: tuple[str, ...]
    historical: bool
    successor: str | None


@cache
def nations() -> dict[str, Nation]:
    """Every nation of the table by IOC code."""
    text = resources.files("palmares").joinpath("nations.csv").read_text(encoding="utf-8")
    out: dict[str, Nation] = {}
    for row in csv.DictReader(text.splitlines()):
        out[row["ioc"]] = Nation(
            row["ioc"],
            row["iso2"] or None,
            row["iso3"] or None,
            row["name"],
            tuple(a for a in row["aliases"].split("|") if a),
            row["status"] == "historical",
            row["successor"] or None,
        )
    return out


@cache
def _lookup() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    ioc: dict[str, str] = {}
    iso2: dict[str, str] = {}
    iso3: dict[str, str] = {}
    named: dict[str, str] = {}
    for n in nations().values():
        ioc[n.ioc] = n.ioc
        if n.iso2:
            iso2.setdefault(n.iso2, n.ioc)
        if n.iso3:
            iso3.setdefault(n.iso3, n.ioc)
        for name in (n.name, *n.aliases):
            named.setdefault(slugify(name), n.ioc)
    return ioc, iso2, iso3, named


def nation_code(text: str | None) -> str | None:
    """The IOC code of a code or a country name: 'FR' -> 'FRA', 'Denmark' -> 'DEN'; else None."""
    if not text:
        return None
    ioc, iso2, iso3, named = _lookup()
    value = text.strip()
    upper = value.upper()
    if len(upper) == 2 and upper in iso2:
        return iso2[upper]
    if len(upper) == 3 and (upper in ioc or upper in iso3):
        return ioc.get(upper) or iso3[upper]
    return named.get(slugify(value))
