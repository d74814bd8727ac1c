"""Hand corrections to rider identity: `identity.csv` (docs/formats.md).

A person decides what the evidence cannot: these two riders are one (`merge`),
these two are never one (`apart`), this is his display name (`name`), this is
his id elsewhere (`id`: `pcs:<slug>`, `wikidata:Q...`). The file's rows are kept
(`identity_corrections`) and applied after every file loaded, whichever came
first, so a database holds the same riders whether the corrections were loaded
before or after the results.

A rider is named by any spelling a source gave him (matched by `names.name_key`)
or by his ref. A row whose rider is not in the database yet waits for him; one
whose spelling names two riders is not applied (a ref says which).
"""

from __future__ import annotations

import csv
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from palmares.errors import LoadError
from palmares.names import check_name, clean_text, name_key, name_tokens, parse_name

from . import riders

FORMAT = "identity"
FILE_NAME = "identity.csv"
COLUMNS = ("action", "rider", "other", "value", "note")
ACTIONS = {"merge", "apart", "name", "id"}
_EXTERNAL_ID = re.compile(r"^(pcs:[a-z0-9-]+|wikidata:Q[0-9]+)$")
_REF = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Correction:
    action: str
    rider: str
    other: str
    value: str
    note: str
    line: int


@dataclass
class Applied:
    """What applying the corrections did."""

    merged: int = 0
    named: int = 0
    ids: int = 0
    editions: list[int] = field(default_factory=list)


def is_corrections_file(path: Path) -> bool:
    """A file named identity.csv whose header starts with `action,rider`."""
    if path.name != FILE_NAME:
        return False
    with open(path, encoding="utf-8-sig", newline="") as f:
        head = f.readline().strip().lower().replace(" ", "")
    return head.startswith("action,rider")


def read(path: Path) -> list[Correction]:
    """The rows of an identity.csv, checked; a bad row is a LoadError naming its line."""
    out = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), 2):
            cells = {k: clean_text(row.get(k) or "") for k in COLUMNS}
            c = Correction(cells["action"].lower(), cells["rider"], cells["other"],
                           cells["value"], cells["note"], n)  # fmt: skip
            if not c.action or c.action.startswith("#"):
                continue
            if c.action not in ACTIONS:
                raise LoadError(
                    f"an action ({', '.join(sorted(ACTIONS))}) was expected, found {c.action!r}",
                    str(path), n, "action",
                )  # fmt: skip
            if not c.rider:
                raise LoadError("a rider was expected", str(path), n, "rider")
            check_name(c.rider)
            if c.action in ("merge", "apart") and not c.other:
                raise LoadError(f"{c.action}: the other rider was expected", str(path), n, "other")
            if c.action == "name" and not c.value:
                raise LoadError("name: the display name was expected", str(path), n, "value")
            if c.action == "id" and not _EXTERNAL_ID.match(c.value):
                raise LoadError(
                    f"id: pcs:<slug> or wikidata:Q<number> was expected, found {c.value!r}",
                    str(path), n, "value",
                )  # fmt: skip
            out.append(c)
    return out


def store(conn: sqlite3.Connection, path: Path, source_id: int) -> dict[str, int]:
    """Keep a corrections file's rows; the counts for the load summary."""
    rows = read(path)
    conn.executemany(
        "insert into identity_corrections (action, rider, other, value, note, source_id, line)"
        " values (?, ?, ?, ?, ?, ?, ?)",
        [(c.action, c.rider, c.other, c.value, c.note, source_id, c.line) for c in rows],
    )
    return {"identity_corrections": len(rows)}


def stored(conn: sqlite3.Connection) -> list[Correction]:
    rows = conn.execute(
        "select action, rider, coalesce(other, ''), coalesce(value, ''), coalesce(note, ''),"
        " coalesce(line, 0) from identity_corrections order by source_id, line"
    ).fetchall()
    return [Correction(*r) for r in rows]


def riders_named(cur: sqlite3.Cursor, who: str) -> set[int]:
    """The riders a correction names: by ref, else by any spelling sources gave."""
    if _REF.match(who):
        row = cur.execute("select rider_id from riders where rider_ref = ?", (who,)).fetchone()
        if row:
            return {row[0]}
    key = name_key(who)
    found = {
        r[0] for r in cur.execute("select rider_id from rider_aliases where alias_key = ?", (key,))
    }
    return found | {
        r[0] for r in cur.execute("select rider_id from riders where name_key = ?", (key,))
    }


def apply(conn: sqlite3.Connection) -> Applied:
    """Apply every stored correction to the riders now in the database.

    Run after each file: merges whose two riders both exist are done (the survivor
    by `riders.order_key`, as the settle step picks it), then names and ids set.
    What a merge did, a later file cannot undo; what is done twice changes nothing.
    """
    done = Applied()
    fixes = stored(conn)
    if not fixes:
        return done
    cur = conn.cursor()
    cur.row_factory = None
    changed: set[int] = set()
    cur.execute("delete from rider_ids")  # derived from the corrections, whole each time
    for c in fixes:
        if c.action != "merge":
            continue
        a, b = riders_named(cur, c.rider), riders_named(cur, c.other)
        if len(a) != 1 or len(b) != 1 or a == b:
            continue
        survivor, loser = sorted((a.pop(), b.pop()), key=lambda rid: riders.order_key(cur, rid))
        done.editions += riders.merge(cur, survivor, loser)
        changed.discard(loser)
        changed.add(survivor)
        done.merged += 1
    for rid in sorted(changed):
        riders.rename(cur, rid)
    for c in fixes:
        found = riders_named(cur, c.rider)
        if len(found) != 1:
            continue
        rid = next(iter(found))
        if c.action == "name":
            person = parse_name(c.value, "given_first")
            old = cur.execute("select name from riders where rider_id = ?", (rid,)).fetchone()[0]
            if old != person.display:
                cur.execute(
                    "update riders set name = ?, given_name = ?, family_name = ?,"
                    " search_name = ? where rider_id = ?",
                    (person.display, person.given, person.family,
                     " ".join(name_tokens(person.display)), rid),
                )  # fmt: skip
                changed.add(rid)
            done.named += 1
        elif c.action == "id":
            scheme, _, value = c.value.partition(":")
            cur.execute(
                "insert or ignore into rider_ids (rider_id, scheme, value) values (?, ?, ?)",
                (rid, scheme, value),
            )
            done.ids += 1
    if changed:
        riders.assign_refs(cur, changed)
    return done
