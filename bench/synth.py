"""A synthetic corpus in palmares' native format, from a fixed seed.

`python bench/synth.py OUT --scale 10` writes about ten times the real corpus
(scale 1 is about 300,000 stage result rows): many stage races over 30 years,
riders with careers who ride several races a year for teams whose sponsors
change, stage results with groups, gaps and abandons, a start list and the
final GC of every edition. One folder per edition, as `data/` holds:

    OUT/<race_ref>/<year>/edition.csv, stages.csv, riders.csv,
                          stage-1.csv ... stage-21.csv, gc-21.csv

The same seed and scale always give the same bytes, so figures from two runs
are about the same data. Names carry accents and some races write them
`FAMILY Given`, so the loader's name folding and identity are exercised too.
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# times and gaps written as the loader reads them: 4:06:49, +1:36, +1:02:10
from palmares.values import format_gap, format_time

SEED = 20260601
VERSION = 2  # of the generator: a cached corpus of another version is made again
FIRST_YEAR = 1995
YEARS = 30
STAGES = 21
TEAMS = 22  # teams per edition
TEAM_SIZE = 8  # riders per team in an edition
ROWS_PER_EDITION = 3_400  # about: 21 stages of 176 starters less the abandons
ROWS_AT_SCALE_1 = 300_000


def _words(text: str) -> list[str]:
    return text.split()


GIVEN = _words(
    """Alexey Tadej Richie Geraint Wilco Jonas Mark Patrick Ion Óscar Egan Primož
Julian Thibaut Romain Warren Guillaume Esteban Nairo Rigoberto Sepp Mikel Enric
Alejandro Vincenzo Fabio Giulio Damiano Filippo Elia Søren Mads Jakob Magnus
Tobias Kasper Remco Wout Tiesj Dylan Jasper Tim Arnaud Benoît Clément Aurélien
Lenny Valentin Pierre Rémi Louis Ben Simon Adam Hugh Michał Rafał Maciej
Jan Roman Jiří Zdeněk Matej Peter Jure Luka Domen Matevž Sergio Iván Jesús
Ángel Íñigo Marc Pello Omar Joaquín Carlos Ruben Nélson João Rui André Chris
Brandon Lawson Sepp Neilson Juan Miguel Daniel Felipe Einer Harold Dani
Attila Márton Krists Toms Aleksandr Vadim Sergei Pavel Yevgeniy Andrey Maxim
Nils Marius Jonathan Alexander Stefan Marco Gianni Kevin Bauke Mathieu Lars
Thymen Pascal Koen Wilfried Xandro Dries Stan Jenno Quinten Cian Eddie Archie"""
)

_ONSET = _words("b br c ch d dr f g gr h j k kr l m n p pl r s sch st t tr v w z ž š č")
_VOWEL = ["a", "e", "i", "o", "u", "é", "è", "ó", "á", "ü", "ö", "ø", "ei", "au", "ou", "ie"]
_CODA = ["", "", "n", "r", "l", "s", "t", "k", "ck", "nd", "rt", "tz", "ng", "ll", "ç", "ñ"]
_PARTICLE = ["", "", "", "", "", "", "van ", "de ", "van der ", "di ", "Da "]
NATIONS = _words(
    """FRA BEL ITA ESP NED GER GBR SUI DEN NOR SLO COL AUS USA POR POL CZE AUT
KAZ IRL LUX ECU CAN NZL RUS SVK ERI RSA LAT EST"""
)
SPONSORS = _words(
    """Astana Ineos Jumbo Visma Quick-Step Deceuninck Bora Hansgrohe Movistar Lotto
Soudal Cofidis Groupama FDJ Arkéa Samsic Bahrain Victorious Trek Segafredo Uno-X Israel
Premier Tech EF Education Nippo Alpecin Fenix Intermarché Wanty DSM Jayco Alula Caja
Rural Kern Pharma Euskaltel Burgos Eolo Kometa Bardiani Polti Mapei Rabobank Gerolsteiner
Banesto Once Kelme Saeco Festina Telekom Liberty Seguros Fassa Bortolo Lampre Credit Agricole
Crédit Mutuel Française Jeux Phonak Saunier Duval Discovery Channel Cervélo Garmin Sky
Tinkoff Katusha BMC Orica Cannondale Dimension Data Vacansoleil Androni Giocattoli"""
)
RACE_WORDS = _words(
    """Tour Giro Vuelta Ronde Volta Critérium Route Grand Prix Circuit Rund Semaine
Étoile Boucles Trofeo Vuelta"""
)
PLACES = _words(
    """Catalunya Romandie Suisse Pologne Norvège Dauphiné Alpes Provence Bretagne Asturias
Burgos Limousin Ain Luxembourg Danmark Wallonie Slovenija Hongrie Turquie Oman Guangxi
Sicilia Abruzzo Andalucía Murcia Valenciana Algarve Alentejo Belgique Benelux Yorkshire
Britain Austria Bayern Sachsen Hessen Normandie Picardie Vendée Occitanie Savoie Jura"""
)
TOWNS = _words(
    """Lyon Grenoble Annecy Chambéry Gap Briançon Nice Marseille Nîmes Pau Tarbes Bordeaux
Nantes Rennes Brest Caen Lille Reims Metz Nancy Dijon Besançon Mulhouse Colmar Vichy Albi
Rodez Millau Carcassonne Perpignan Foix Lourdes Bayonne Limoges Poitiers Tours Orléans
Troyes Épernay Verdun Sedan Amiens Rouen Évreux Chartres Blois Bourges Nevers Mâcon"""
)


@dataclass
class Rider:
    given: str
    family: str
    nation: str
    born: date
    last_year: int
    team: int = -1  # index into the year's teams
    strength: float = 0.0  # lower is faster


@dataclass
class Plan:
    """How big the corpus at a scale is."""

    scale: float
    races: int
    years: int

    @property
    def editions(self) -> int:
        return self.races * self.years


@dataclass
class Summary:
    """What was written."""

    files: int = 0
    editions: int = 0
    stage_results: int = 0
    standings: int = 0
    entries: int = 0
    riders: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, int]:
        return {
            "files": self.files,
            "editions": self.editions,
            "stage_results": self.stage_results,
            "standings": self.standings,
            "entries": self.entries,
            "riders": len(self.riders),
        }


def plan(scale: float) -> Plan:
    """Races and years for a scale: editions grow with the scale, 30 years at most."""
    editions = max(1, round(ROWS_AT_SCALE_1 * scale / ROWS_PER_EDITION))
    races = max(1, round(editions / YEARS))
    years = max(1, min(YEARS, round(editions / races)))
    return Plan(scale, races, years)


def family_name(rng: random.Random) -> str:
    """A made-up family name: one to three syllables, maybe a particle."""
    parts = []
    for _ in range(rng.choice((2, 2, 3, 3, 1))):
        parts.append(rng.choice(_ONSET) + rng.choice(_VOWEL) + rng.choice(_CODA))
    return rng.choice(_PARTICLE) + "".join(parts).capitalize()


def race_names(rng: random.Random, count: int) -> list[str]:
    """Distinct made-up race names."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = f"{rng.choice(RACE_WORDS)} {rng.choice(('de', 'du', 'of', 'di', 'van'))} " + (
            rng.choice(PLACES)
        )
        if len(names) >= len(PLACES) * 2:
            name += f" {len(names)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


class Peloton:
    """The riders active each year, with their teams."""

    def __init__(self, rng: random.Random, size: int) -> None:
        self.rng = rng
        self.size = size
        self.teams = max(TEAMS, size // 25)
        self.active: list[Rider] = []
        self.sponsors = [self._sponsor() for _ in range(self.teams)]

    def _sponsor(self) -> str:
        a, b = self.rng.sample(SPONSORS, 2)
        return f"{a} {b}" if self.rng.random() < 0.6 else f"{a} – {b}"

    def _new_rider(self, year: int) -> Rider:
        rng = self.rng
        born = date(year - rng.randint(19, 24), rng.randint(1, 12), rng.randint(1, 28))
        return Rider(
            given=rng.choice(GIVEN),
            family=family_name(rng),
            nation=rng.choice(NATIONS),
            born=born,
            last_year=year + rng.randint(3, 14),
            strength=rng.random(),
        )

    def new_year(self, year: int) -> None:
        """Retire riders, sign new ones, rename some teams and reshuffle rosters."""
        rng = self.rng
        self.active = [r for r in self.active if r.last_year >= year]
        while len(self.active) < self.size:
            self.active.append(self._new_rider(year))
        for t in range(self.teams):
            if rng.random() < 0.15:
                self.sponsors[t] = self._sponsor()
        for r in self.active:
            if r.team < 0 or rng.random() < 0.2:
                r.team = rng.randrange(self.teams)

    def start_list(self) -> list[tuple[int, str, list[Rider]]]:
        """22 teams of 8 riders: (bib of the leader, team name, riders)."""
        rosters: dict[int, list[Rider]] = {}
        for r in self.active:
            rosters.setdefault(r.team, []).append(r)
        full = [t for t, rs in rosters.items() if len(rs) >= TEAM_SIZE]
        chosen = self.rng.sample(sorted(full), min(TEAMS, len(full)))
        out = []
        for i, t in enumerate(chosen):
            riders = self.rng.sample(rosters[t], TEAM_SIZE)
            out.append((10 * (i + 1) + 1, self.sponsors[t], riders))
        return out


def display(rider: Rider, family_first: bool) -> str:
    """The rider as a source writes him."""
    if family_first:
        return f"{rider.family.upper()} {rider.given}"
    return f"{rider.given} {rider.family}"


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


class EditionWriter:
    """Writes one edition's folder."""

    def __init__(self, rng: random.Random, summary: Summary) -> None:
        self.rng = rng
        self.summary = summary

    def write(self, folder: Path, race: str, ref: str, year: int, peloton: Peloton,
              family_first: bool, number: int) -> None:  # fmt: skip
        """Edition, stages, start list, stage results and the final GC."""
        rng = self.rng
        folder.mkdir(parents=True, exist_ok=True)
        start = date(year, rng.randint(3, 9), rng.randint(1, 20))
        teams = peloton.start_list()
        field_ = [(bib + i, team, r) for bib, team, riders in teams for i, r in enumerate(riders)]
        kinds = ["road"] * STAGES
        for s in rng.sample(range(1, STAGES - 1), 2):
            kinds[s] = "itt"
        self._edition(folder, race, ref, year, number, start, len(field_))
        self._stages(folder, start, kinds)
        self._riders(folder, field_, family_first)
        totals = self._results(folder, field_, kinds, family_first)
        self._final_gc(folder, field_, totals, family_first)
        self.summary.editions += 1

    def _edition(self, folder, race, ref, year, number, start, starters) -> None:
        rows = [["race", race], ["race_ref", ref], ["year", year], ["number", number],
                ["start_date", start.isoformat()],
                ["end_date", (start + timedelta(days=STAGES + 1)).isoformat()],
                ["country", self.rng.choice(NATIONS)], ["gender", "men"],
                ["starters", starters], ["finish_bonus_seconds", "10 6 4"]]  # fmt: skip
        write_csv(folder / "edition.csv", ["field", "value"], rows)
        self.summary.files += 1

    def _stages(self, folder, start, kinds) -> None:
        rng = self.rng
        rows = []
        town = rng.choice(TOWNS)
        for k in range(1, STAGES + 1):
            arrival = rng.choice(TOWNS)
            km = rng.randint(20, 50) if kinds[k - 1] == "itt" else rng.randint(140, 230)
            day = start + timedelta(days=k + (k > 9) + (k > 15))
            rows.append([k, day.isoformat(), town, arrival, km, rng.randint(300, 4500),
                         kinds[k - 1], ""])  # fmt: skip
            town = arrival
        write_csv(folder / "stages.csv", ["stage", "date", "departure", "arrival",
                                          "distance_km", "elevation_m", "kind", "neutralised"],
                  rows)  # fmt: skip
        self.summary.files += 1

    def _riders(self, folder, field_, family_first) -> None:
        rows = [[bib, display(r, family_first), team, r.nation, r.born.isoformat()]
                for bib, team, r in field_]  # fmt: skip
        write_csv(folder / "riders.csv", ["bib", "rider", "team", "nationality", "birth_date"],
                  rows)  # fmt: skip
        self.summary.files += 1
        self.summary.entries += len(rows)
        for _, _, r in field_:
            self.summary.riders.add(f"{r.given} {r.family}")

    def _results(self, folder, field_, kinds, family_first) -> dict[int, list[int]]:
        """The stage results; returns each finisher's GC key: time less bonuses, the
        sum of stage places, the place on the last stage (the UCI tie-breaks)."""
        rng = self.rng
        racing = list(field_)
        totals = {bib: [0, 0, 0] for bib, _, _ in field_}
        for k in range(1, STAGES + 1):
            itt = kinds[k - 1] == "itt"
            winner = rng.randint(2400, 3600) if itt else rng.randint(14000, 20000)
            out = {bib for bib, _, _ in racing if rng.random() < 0.012}
            finishers = []
            for bib, team, r in racing:
                if bib in out:
                    continue
                if itt:
                    gap = int(r.strength * 240 + rng.random() * 120)
                else:
                    # riders finish in groups: the gap is the group's
                    group = min(int(rng.expovariate(1.2) + r.strength * 1.5), 12)
                    gap = 0 if group == 0 else group * 37 + group * group * 11
                finishers.append((gap, rng.random(), bib, team, r))
            finishers.sort()
            # the first finisher's time is the stage winner's: gaps count from him
            first = finishers[0][0] if finishers else 0
            finishers = [(gap - first, *rest) for gap, *rest in finishers]
            rows = []
            above = None
            for place, (gap, _, bib, team, r) in enumerate(finishers, start=1):
                if place == 1:
                    time_text = format_time(winner)
                elif gap == above:
                    time_text = "s.t."
                else:
                    time_text = format_gap(gap)
                above = gap
                bonus = {1: 10, 2: 6, 3: 4}.get(place) if not itt else None
                points = max(0, 50 - 3 * place) if place <= 15 else None
                totals[bib][0] += winner + gap - (bonus or 0)
                totals[bib][1] += place
                totals[bib][2] = place
                rows.append([place, display(r, family_first), team, r.nation, bib, time_text,
                             bonus or "", "", points or ""])  # fmt: skip
            for bib, team, r in racing:
                if bib in out:
                    rows.append(["DNF", display(r, family_first), team, r.nation, bib, "",
                                 "", "", ""])  # fmt: skip
                    del totals[bib]
            write_csv(folder / f"stage-{k}.csv", ["rank", "rider", "team", "nationality", "bib",
                                                  "time", "bonus", "penalty", "points"],
                      rows)  # fmt: skip
            self.summary.files += 1
            self.summary.stage_results += len(rows)
            racing = [x for x in racing if x[0] not in out]
        return totals

    def _final_gc(self, folder, field_, totals, family_first) -> None:
        by_bib = {bib: (team, r) for bib, team, r in field_}
        order = sorted(totals.items(), key=lambda kv: (kv[1], kv[0]))
        rows = []
        leader = order[0][1][0]
        for place, (bib, (total, _, _)) in enumerate(order, start=1):
            team, r = by_bib[bib]
            text = format_time(total) if place == 1 else format_gap(total - leader)
            rows.append([place, display(r, family_first), bib, team, text])
        write_csv(folder / f"gc-{STAGES}.csv", ["rank", "rider", "bib", "team", "time"], rows)
        self.summary.files += 1
        self.summary.standings += len(rows)


def slug(name: str) -> str:
    """A folder name for a race (the loader slugs the name itself)."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


def generate(out: Path, scale: float = 1.0, seed: int = SEED) -> Summary:
    """Write a corpus of about `scale` times the real one into `out`."""
    p = plan(scale)
    rng = random.Random(seed)
    summary = Summary()
    names = race_names(rng, p.races)
    family_first = [i % 5 == 4 for i in range(p.races)]
    # every rider rides about two or three of the year's races
    peloton = Peloton(rng, max(TEAMS * TEAM_SIZE * 2, TEAMS * TEAM_SIZE * p.races * 2 // 5))
    writer = EditionWriter(rng, summary)
    for y in range(p.years):
        year = FIRST_YEAR + YEARS - p.years + y
        peloton.new_year(year)
        for i, race in enumerate(names):
            ref = slug(race)
            writer.write(out / ref / str(year), race, ref, year, peloton, family_first[i], y + 1)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (created)")
    parser.add_argument("--scale", type=float, default=1.0, help="1 is about the real corpus")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    summary = generate(args.out, args.scale, args.seed)
    print(summary.as_dict())


if __name__ == "__main__":
    main()
