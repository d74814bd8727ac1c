"""Rider identity at load time: candidates, evidence, merges, display names and refs.

`palmares.identity` decides (a pure module); this module gathers what it needs from
the database and writes what it answers. After each file, `settle` makes the riders
the file touched independent of the order files were loaded in:

- riders that identity says are one person are merged: their facts go to the
  survivor (the rider of the earliest edition, then the lowest name key, never the
  lowest id), their spellings stay as aliases;
- a rider's display name is the best of the forms sources gave (`best_name`);
- a rider's ref is the slug of that name; riders sharing a slug are numbered by
  their first edition (`gilbert-desmet`, `gilbert-desmet-2`).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from palmares import identity, sqlfiles
from palmares.identity import Appearance, Evidence, KnownRider
from palmares.names import name_key, name_tokens, slugify

SQL = sqlfiles.load("palmares.loader", "riders.sql")

# Tables whose rows name a rider, re-pointed by a merge (a row the survivor already
# has for the same thing is kept, the merged rider's dropped).
RIDER_TABLES = (
    "rider_aliases",
    "rider_names",
    "rider_lines",
    "stage_results",
    "standings",
    "jerseys",
    "adjustments",
    "computed_gc",
    "rider_ids",
)


@dataclass
class Rider:
    """What the writer keeps of a rider while it saves a file."""

    ref: str
    key: str
    name: str
    nationality: str | None
    birth_date: str | None


class RiderFacts(dict):
    """rider id -> Rider, read from the database the first time an id is asked for."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        super().__init__()
        self.cursor = cursor

    def __missing__(self, rid: int) -> Rider:
        row = self.cursor.execute(SQL["rider_by_id"], (rid,)).fetchone()
        if row is None:
            raise KeyError(rid)
        rider = self[rid] = Rider(*row)
        return rider


class WordIndex:
    """Name word -> riders: the riders a spelling may name beyond its exact key.

    A word is folded to a form that transliterations and given-name variants share
    (`identity.index_words`); a candidate shares two such words with the spelling (one
    for a one-word name). `identity.decide` then judges each candidate.
    """

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._words: dict[str, set[int]] = {}
        self._seen: set[tuple[int, str]] = set()
        for rid, spelling in cursor.execute(SQL["all_spellings"]).fetchall():
            self.add(rid, spelling)

    def add(self, rid: int, spelling: str) -> None:
        if (rid, spelling) in self._seen:
            return
        self._seen.add((rid, spelling))
        for w in identity.index_words(spelling):
            self._words.setdefault(w, set()).add(rid)

    def remove(self, rid: int) -> None:
        for ids in self._words.values():
            ids.discard(rid)

    def candidates(self, spelling: str) -> list[int]:
        words = identity.index_words(spelling)
        counts: Counter[int] = Counter()
        for w in words:
            counts.update(self._words.get(w, ()))
        need = min(2, len(words))
        return sorted(rid for rid, n in counts.items() if n >= need)


def evidence(cur: sqlite3.Cursor, rid: int) -> Evidence:
    """What the database knows of a rider: spellings, appearances, facts."""
    names = tuple(r[0] for r in cur.execute(SQL["rider_spellings"], (rid,)))
    row = cur.execute(SQL["rider_row"], (rid,)).fetchone()
    apps = [
        Appearance(race, year, str(bib) if bib else None, team, str(src), name)
        for race, year, bib, team, src, name in cur.execute(SQL["rider_appearances"], (rid,))
    ]
    nations = frozenset({row[1]}) if row and row[1] else frozenset()
    born = frozenset({int(row[2][:4])}) if row and row[2] else frozenset()
    return Evidence(names or ((row[0],) if row else ()), tuple(apps), born, nations)


def order_key(cur: sqlite3.Cursor, rid: int) -> tuple:
    """How riders are ordered without their ids: first year, race, bib, key, name."""
    row = cur.execute(SQL["rider_order"], (rid,)).fetchone()
    return tuple(row) if row else (9999, "", 1000000, "", "")


def best_name(forms: list[tuple]) -> tuple[str, str | None, str | None]:
    """The display name to show, by a rule that does not depend on load order.

    forms: (display, given, family, mixed, split, source), one a source. The best
    display is, in turn: one written in mixed case by a source (not title-cased
    from capitals, so "Greg LeMond", "van Aert" win over "Greg Lemond", "Van
    Aert"); the one most sources gave (in mixed case, for such a form: capitals
    say nothing of accents); the one with the most accented letters (a
    rarer spelling that only adds marks loses on the count first); the one of
    fewest words (a person's usual name: "Lucien Petit-Breton", not his birth name
    too); the first in code-point order. Its given and family names are those a
    source gave apart, else those most sources give.
    """
    displays: dict[str, tuple[int, set]] = {}
    for display, _, _, mixed, _, source in forms:
        m, sources = displays.get(display, (0, set()))
        if mixed > m:  # a form written in mixed case counts only such sources
            m, sources = mixed, set()
        if mixed == m:
            sources = sources | {source}
        displays[display] = (m, sources)

    def rank(display: str) -> tuple:
        mixed, sources = displays[display]
        accents = sum(1 for c in display if ord(c) > 127)
        return (-mixed, -len(sources), -accents, len(display.split()), display)

    best = min(displays, key=rank)
    splits: Counter[tuple[int, str, str]] = Counter()
    for display, given, family, _, split, _ in forms:
        if display == best:
            splits[(-split, given or "", family or "")] += 1
    (_, given, family), _ = min(splits.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0]))
    return best, given or None, family or None


def rename(cur: sqlite3.Cursor, rid: int) -> None:
    """Set a rider's display name to the best of its forms."""
    forms = cur.execute(SQL["names_of_rider"], (rid,)).fetchall()
    if not forms:
        return
    display, given, family = best_name([tuple(f) for f in forms])
    cur.execute(
        SQL["rider_rename"],
        (display, given, family, " ".join(name_tokens(display)), name_key(display), rid),
    )


def assign_refs(cur: sqlite3.Cursor, riders: Iterable[int]) -> None:
    """Refs from names: one slug a name, namesakes numbered by their first edition."""
    riders = set(riders)
    names = {
        rid: r[0]
        for rid in riders
        if (r := cur.execute("select name from riders where rider_id = ?", (rid,)).fetchone())
    }
    bases: set[str] = set()
    by_base: dict[str, set[int]] = {}
    for rid, name in names.items():
        by_base.setdefault(slugify(name) or "rider", set()).add(rid)
        bases.add(slugify(name) or "rider")
        old = cur.execute("select rider_ref from riders where rider_id = ?", (rid,)).fetchone()[0]
        bases.add(_base_of(old))
        # out of the way while the groups are numbered again
        cur.execute(SQL["rider_set_ref"], (f"tmp-{rid}", rid))
    for base in sorted(bases):
        group = {
            rid
            for rid, name, ref in cur.execute(SQL["refs_of_base"], {"base": base}).fetchall()
            if (slugify(name) or "rider") == base and _base_of(ref) == base
        }
        group |= by_base.get(base, set())
        ordered = sorted(group, key=lambda rid: order_key(cur, rid))
        for rid in ordered:
            cur.execute(SQL["rider_set_ref"], (f"tmp-{rid}", rid))
        for n, rid in enumerate(ordered, 1):
            ref = base if n == 1 else f"{base}-{n}"
            cur.execute(SQL["rider_set_ref"], (ref, rid))


def _base_of(ref: str) -> str:
    head, _, tail = ref.rpartition("-")
    return head if head and tail.isdigit() else ref


def merge(cur: sqlite3.Cursor, survivor: int, loser: int) -> list[int]:
    """Move a rider's facts to another; returns the editions whose computed GC changes."""
    editions = [r[0] for r in cur.execute(SQL["editions_of_rider"], (loser,))]
    cur.execute(SQL["merged_entry"], {"survivor": survivor, "loser": loser})
    for table in ("entries", *RIDER_TABLES):
        # table names come from the constants above, never from input
        cur.execute(
            f"update or ignore {table} set rider_id = ? where rider_id = ?", (survivor, loser)
        )
        cur.execute(f"delete from {table} where rider_id = ?", (loser,))
    cur.execute(
        "update riders set nationality = coalesce(nationality,"
        " (select nationality from riders where rider_id = :l)),"
        " birth_date = coalesce(birth_date, (select birth_date from riders where rider_id = :l))"
        " where rider_id = :s",
        {"s": survivor, "l": loser},
    )
    cur.execute(SQL["rider_delete"], (loser,))
    return editions


def apart_keys(conn: sqlite3.Connection | sqlite3.Cursor) -> set[frozenset[str]]:
    """The `apart` hand corrections (loader/corrections.py) as pairs of name keys."""
    return {
        frozenset((name_key(a), name_key(b)))
        for a, b in conn.execute(
            "select rider, other from identity_corrections where action = 'apart'"
        ).fetchall()
    }


def kept_apart(pairs: set[frozenset[str]], names_a: set[str], names_b: set[str]) -> bool:
    """Whether a correction keeps riders with these spellings apart."""
    if not pairs:
        return False
    keys_a = {name_key(n) for n in names_a}
    keys_b = {name_key(n) for n in names_b}
    return any(frozenset((x, y)) in pairs for x in keys_a for y in keys_b)


def settle(cur: sqlite3.Cursor, index: WordIndex, touched: Iterable[int]) -> tuple[set[int], list]:
    """Merge the touched riders that identity says are one person with their candidates.

    Returns the riders whose names and refs to recompute, and the editions whose
    computed GC changed. Pairs are judged in a fixed order (by `order_key`), so the
    same riders give the same merges whatever the order they were loaded in.
    """
    alive = set(touched)
    pairs: set[tuple[int, int]] = set()
    for rid in alive:
        names = [r[0] for r in cur.execute(SQL["rider_spellings"], (rid,))]
        for name in names:
            for other in index.candidates(name):
                if other != rid:
                    pairs.add((min(rid, other), max(rid, other)))
    if not pairs:
        return alive, []
    keys: dict[int, tuple] = {}

    def key(rid: int) -> tuple:
        if rid not in keys:
            keys[rid] = order_key(cur, rid)
        return keys[rid]

    ordered = sorted(pairs, key=lambda p: sorted((key(p[0]), key(p[1]))))
    apart = apart_keys(cur)
    gone: dict[int, int] = {}
    editions: list[int] = []
    changed = set(alive)
    for a, b in ordered:
        while a in gone:
            a = gone[a]
        while b in gone:
            b = gone[b]
        if a == b:
            continue
        ea, eb = evidence(cur, a), evidence(cur, b)
        if not {identity.name_link(x, y) for x in ea.names for y in eb.names} - {None}:
            continue
        if identity.compare(ea, eb).verdict is not identity.Verdict.SAME:
            continue
        if kept_apart(apart, set(ea.names), set(eb.names)):
            continue
        survivor, loser = sorted((a, b), key=key)
        editions += merge(cur, survivor, loser)
        index.remove(loser)
        for name in eb.names if loser == b else ea.names:
            index.add(survivor, name)
        gone[loser] = survivor
        keys.pop(survivor, None)
        changed.discard(loser)
        changed.add(survivor)
    return changed, editions


def known_riders(cur: sqlite3.Cursor, ids: Iterable[int]) -> list[KnownRider]:
    """Candidates with their evidence, for `identity.decide`."""
    return [KnownRider(rid, evidence(cur, rid)) for rid in ids]


def candidate_pairs(conn: sqlite3.Connection) -> list[dict]:
    """Riders that may be one person and that the evidence did not decide, with why.

    Pairs whose names may name one person (`identity.name_link`) and whose
    evidence is undecided (`identity.compare` rule U or U-generation) with careers
    at most `identity.WARN_GAP_YEARS` apart: what a person should look at, in
    `data/identity.csv` terms.
    """
    cur = conn.cursor()
    cur.row_factory = None
    index = WordIndex(cur)
    pairs: set[tuple[int, int]] = set()
    for rid, spelling in cur.execute(SQL["all_spellings"]).fetchall():
        for other in index.candidates(spelling):
            if other != rid:
                pairs.add((min(rid, other), max(rid, other)))
    out = []
    cache: dict[int, Evidence] = {}

    def ev(rid: int) -> Evidence:
        if rid not in cache:
            cache[rid] = evidence(cur, rid)
        return cache[rid]

    for a, b in sorted(pairs):
        ea, eb = ev(a), ev(b)
        links = {link for x in ea.names for y in eb.names if (link := identity.name_link(x, y))}
        if not links:
            continue
        c = identity.compare(ea, eb)
        if c.verdict is not identity.Verdict.UNDECIDED:
            continue
        gap = identity.career_gap(ea, eb)
        if c.rule != "U-generation" and gap is not None and gap > identity.WARN_GAP_YEARS:
            continue
        row = {}
        for side, rid, e in (("a", a, ea), ("b", b, eb)):
            ref, name = cur.execute(
                "select rider_ref, name from riders where rider_id = ?", (rid,)
            ).fetchone()
            years = sorted({x.year for x in e.appearances})
            row[f"rider_{side}"] = ref
            row[f"name_{side}"] = name
            row[f"years_{side}"] = f"{years[0]}-{years[-1]}" if years else ""
        row["names"] = "/".join(sorted(links))
        row["rule"] = c.rule
        row["why"] = c.why + (f"; careers {gap} years apart" if gap is not None else "")
        out.append(row)
    out.sort(key=lambda r: (r["name_a"], r["name_b"]))
    return out


def settle_file(cur: sqlite3.Cursor, index: WordIndex, touched: Iterable[int]) -> list[int]:
    """After a file: merges, names and refs of the riders it touched, by rules that do
    not depend on load order. Returns the editions whose computed GC a merge changed."""
    changed, editions = settle(cur, index, sorted(touched))
    for rid in sorted(changed):
        rename(cur, rid)
    assign_refs(cur, changed)
    return editions
