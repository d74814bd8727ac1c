"""Rider identity: is a name as written this known rider, a new rider, or a doubt?

A pure module (no database): the writer gathers the evidence, asks `decide`, and
writes what it answers. The rules come from the corpus study of issue 11 (87 real
pairs of names, `tests/test_identity_rules.py`):

1. Names first decide only who *may* be the same person (`name_link`): the same
   key, one name's words a subset of the other's ("Jonas Vingegaard" / "Jonas
   Vingegaard Hansen"), a known variant of a given name (Chris/Christopher,
   Jan/Jean, Kamiel/Camille), a transliteration variant (Yuri/Yury,
   Abduzhaparov/Abdoujaparov), joined particles (Mc Ewen / McEwen) or a
   "dit"/"geboren" form. A quoted nickname or a bracketed note is not a word of the
   name ("LUIS ''LUCHO'' HERRERA").
2. Evidence then decides (`compare`), first rule that applies:
   D-id      external ids or nationalities differ, birth years more than 1 apart,
             or Senior/Junior (I/II) marks differ                     -> different
   D-roster  both in one list (file, race, year) as two lines: different bibs,
             or two different names without bibs                      -> different
   S-bib     same race, year and bib                                   -> same
   D-bib     same race and year (from 1940), both with bibs, differ,
             and no spelling in common (else two sources disagree on a bib) -> different
   S-team    same year, a shared team word                             -> same
   S-year    same race and year, never in one list                     -> same
   S-key     the same key, nothing against, careers at most 10 years apart -> same
   U         nothing shared                                            -> undecided
3. `decide`: one candidate the same (of several equally strong, the one whose career
   is nearest) -> that rider; none -> a new rider, with a
   warning ("ambiguous") when an undecided candidate's career is within 3 years of
   the sighting or a generation mark (Senior, Junior, II) is on one side only.
   Different is final: no rule merges two riders that the evidence keeps apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from itertools import product

from .names import name_key, name_tokens
from .nations import nation_code

# Bibs of the same rider agree between sources for 99.9% of riders from 1940; before
# that they are often missing or misaligned.
BIBS_RELIABLE_FROM = 1940
# An undecided candidate whose career is this close to the sighting is worth a warning.
# The same name with nothing against is one rider only this close in time: a namesake
# a generation later (Émile Masson 1913-25 / 1938) is not joined by the name alone,
# whatever the order the sources came in.
SAME_KEY_GAP_YEARS = 10
WARN_GAP_YEARS = 3

# Given-name groups seen for one person in the corpus (bib-aligned sources).
_GIVEN_GROUPS = [
    "jan jean johan jo johannes hans", "jef jefke joseph jozef jos josef josep joey jose",
    "henri henry hendrik hendryck rik", "frans franz francois francesco francisco",
    "kamiel camille", "cyriel cyrille", "brik briek", "stan constant", "ward edward edouard",
    "jacques jaak jacky", "alphonse alfons", "tony antoon anthony antoine antonio antonino",
    "fred alfred", "ferdi ferdinand", "gaby gabriel", "joop jaap", "kees cees",
    "hubertus huub", "johnny johny", "charly charles", "mikael mickael michael",
    "thomas tom tomas", "stephen steve stephane", "kenneth ken", "victor vic", "zakkari zak",
    "daniel dan", "benjamin ben", "christopher chris", "alexandre alex alexander",
    "gerard gerhard", "sebastien sebastian", "joaquim joaquin", "jorge jordi",
    "gianpaolo giampaolo", "sergio serge", "yury yuri", "vasili vasil",
    "andriy andrey andrei andrej", "jacobus jaco", "matthew matt", "giuseppe guiseppe pino",
    "marinus rini", "mathieu thijs", "robert bob", "edward eddy", "eduardo edoardo",
    "wladimiro waldemaro", "oleksandr aleksandr", "aliaksandr aleksandr alexandr",
    "vjatceslav viatcheslav", "evgueni yewgeni evgeni yevgeni", "donald don",
]  # fmt: skip
_GIVEN: dict[str, frozenset[str]] = {}
for _group in _GIVEN_GROUPS:
    for _w in _group.split():
        _GIVEN[_w] = _GIVEN.get(_w, frozenset()) | frozenset(_group.split())

_PARTICLES = {
    "van", "der", "den", "de", "da", "del", "della", "di", "le", "la", "du", "ten", "ter",
    "von", "dos", "das", "do", "des", "vande", "vanden", "vander", "mc", "mac", "in", "t",
}  # fmt: skip
_ALIAS_WORDS = {"dit", "geboren", "gen", "alias", "dite", "detto"}
_GENERATION = {"junior": "jr", "jr": "jr", "ii": "jr", "senior": "sr", "sr": "sr"}
_QUOTED = re.compile(r"''[^']*''|'[^']{2,}'|\"[^\"]*\"|\([^)]*\)")
_TEAM_STOP = {
    "team", "pro", "cycling", "procycling", "racing", "the", "de", "di", "professional",
    "club", "ag", "sa", "wt", "p", "b", "pb",
}  # fmt: skip


class Outcome(Enum):
    KNOWN = "known"  # this known rider
    NEW = "new"  # a new rider
    AMBIGUOUS = "ambiguous"  # a new rider, with a warning naming the candidates


class Verdict(Enum):
    SAME = "same"
    DIFFERENT = "different"
    UNDECIDED = "undecided"


@dataclass(frozen=True, slots=True)
class Appearance:
    """One rider in one edition, as one list showed him."""

    race: str
    year: int
    bib: str | None = None
    team: str | None = None
    roster: str | None = None  # the list (file) that showed him: two lines of one list
    name: str | None = None  # the spelling that list used


@dataclass(frozen=True, slots=True)
class Evidence:
    """What is known of one rider (or of one sighting): names and where he rode."""

    names: tuple[str, ...]
    appearances: tuple[Appearance, ...] = ()
    birth_years: frozenset[int] = frozenset()
    nations: frozenset[str] = frozenset()
    external_ids: frozenset[str] = frozenset()  # e.g. a ProCyclingStats slug


@dataclass(frozen=True, slots=True)
class Sighting:
    """A name as written in one file, with what that file says next to it."""

    name: str
    race: str
    year: int
    bib: str | None = None
    team: str | None = None
    nation: str | None = None
    birth_year: int | None = None
    age: int | None = None
    roster: str | None = None
    external_id: str | None = None

    def evidence(self) -> Evidence:
        born = self.birth_year
        if born is None and self.age is not None:
            born = self.year - self.age
        appearance = Appearance(
            self.race, self.year, self.bib or None, self.team, self.roster, self.name
        )
        return Evidence(
            (self.name,),
            (appearance,),
            frozenset({born} if born is not None else ()),
            frozenset({self.nation} if self.nation else ()),
            frozenset({self.external_id} if self.external_id else ()),
        )


@dataclass(frozen=True, slots=True)
class KnownRider:
    """A candidate: a rider already known, with his own evidence."""

    rider: str | int  # the caller's id (a ref or a row id)
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Comparison:
    verdict: Verdict
    rule: str  # D-id, D-roster, S-bib, D-bib, S-team, S-year, S-key, U, U-generation
    why: str


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    rider: str | int | None = None  # for KNOWN
    rule: str = ""
    why: str = ""
    candidates: tuple[str | int, ...] = field(default=())  # for AMBIGUOUS

    @property
    def warn(self) -> bool:
        return self.outcome is Outcome.AMBIGUOUS


# ---- names --------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def skeleton(token: str) -> str:
    """A transliteration-tolerant form of one folded word: 'abdoujaparov' ~ 'abduzhaparov'."""
    s = token
    for a, b in (
        ("ij", "y"), ("oe", "o"), ("ae", "a"), ("ue", "u"), ("ou", "u"), ("ph", "f"),
        ("th", "t"), ("ck", "k"), ("kh", "h"), ("sch", "sh"), ("tch", "ch"), ("zh", "j"),
        ("w", "v"), ("y", "i"), ("j", "i"), ("ks", "x"), ("c", "k"), ("q", "k"),
    ):  # fmt: skip
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)
    s = s.replace("h", "") or s
    return re.sub(r"e?i$", "i", s)


def _one_edit(a: str, b: str) -> bool:
    """Edit distance at most 1 (insert, delete, substitute, swap of neighbours)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        d = [i for i in range(len(a)) if a[i] != b[i]]
        return len(d) == 1 or (
            len(d) == 2 and d[1] == d[0] + 1 and a[d[0]] == b[d[1]] and a[d[1]] == b[d[0]]
        )
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _token_match(x: str, y: str) -> str | None:
    if x == y:
        return "exact"
    if y in _GIVEN.get(x, ()):
        return "given"
    short, long_ = sorted((x, y), key=len)
    if (
        len(short) >= 3
        and short not in _PARTICLES
        and long_.startswith(short)
        and len(long_) - len(short) <= 7
    ):
        return "prefix"
    if min(len(x), len(y)) >= 4:
        sx, sy = skeleton(x), skeleton(y)
        if sx == sy or (min(len(sx), len(sy)) >= 4 and _one_edit(sx, sy)):
            return "spell"
    return None


_RANK = {"exact": 0, "given": 1, "spell": 2, "prefix": 3}


def _align(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[str, str, str]] | None:
    """Each word of a matched to a distinct word of b, best matches first."""
    if len(a) > len(b):
        return None
    options = []
    for x in a:
        opts = sorted(
            ((_RANK[m], j, m) for j, y in enumerate(b) if (m := _token_match(x, y))),
            key=lambda o: o[0],
        )
        if not opts:
            return None
        options.append(opts)
    best: tuple[int, list[tuple[str, str, str]]] | None = None

    def go(i: int, used: frozenset[int], acc: list[tuple[str, str, str]], score: int) -> None:
        nonlocal best
        if best is not None and score >= best[0]:
            return
        if i == len(a):
            best = (score, list(acc))
            return
        for r, j, m in options[i]:
            if j not in used:
                acc.append((a[i], b[j], m))
                go(i + 1, used | {j}, acc, score + r)
                acc.pop()

    go(0, frozenset(), [], 0)
    return best[1] if best else None


def _anchor(x: str, y: str, m: str) -> bool:
    """A word pair that can hold two names together: a surname-like (near) match."""
    if m == "exact":
        return len(x) >= 3 and x not in _PARTICLES
    if m == "spell":
        return (skeleton(x) == skeleton(y) and len(x) >= 5) or min(len(x), len(y)) >= 7
    return False


def _joins(t: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [t[:i] + (t[i] + t[i + 1],) + t[i + 2 :] for i in range(len(t) - 1)]


def _alias_part(t: tuple[str, ...]) -> tuple[str, ...] | None:
    for i, w in enumerate(t):
        if w in _ALIAS_WORDS and 0 < i < len(t) - 1:
            return t[:1] + t[i + 1 :]  # "lucien mazan dit petit breton" -> "lucien petit breton"
    return None


def name_forms(name: str) -> list[tuple[str, ...]]:
    """Word forms of a name: as written; without a nickname, a note or a generation mark."""
    out = [name_tokens(name)]
    bare = tuple(t for t in name_tokens(_QUOTED.sub(" ", name)) if t not in _GENERATION)
    if bare and bare not in out:
        out.append(bare)
    return out


def generation(name: str) -> frozenset[str]:
    """'jr' or 'sr' for "EMILE ''JUNIOR'' MASSON", "CAMILLE LEROY II"; empty otherwise."""
    return frozenset(_GENERATION[t] for t in name_tokens(name) if t in _GENERATION)


def _match_forms(ta: tuple[str, ...], tb: tuple[str, ...]) -> str | None:
    a, b = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(a) >= 2:
        tries = [("plain", a, b)]
        tries += [("join", a, j) for j in _joins(b)] + [("join", j, b) for j in _joins(a)]
        for rule, x, y in tries:
            if len(x) < 2 or len(x) > len(y):
                continue
            al = _align(x, y)
            if not al or not any(_anchor(p, q, m) for p, q, m in al):
                continue
            if rule == "join":
                joined = set(x) - set(a) | set(y) - set(b)
                if any(
                    m not in ("exact", "spell") and (p in joined or q in joined) for p, q, m in al
                ):
                    continue
                return "join"
            kinds = {m for _, _, m in al}
            if kinds == {"exact"}:
                return "subset" if len(x) < len(y) else "same-key"
            return "variant"
    for t, u in ((ta, tb), (tb, ta)):
        p = _alias_part(t)
        if p and sorted(p) == sorted(u):
            return "dit"
    return None


@lru_cache(maxsize=1 << 18)
def name_link(a: str, b: str) -> str | None:
    """How two spellings may name one person, or None: same-key, subset, variant, join, dit."""
    if name_key(a) and name_key(a) == name_key(b):
        return "same-key"
    for fa, fb in product(name_forms(a), name_forms(b)):
        if sorted(fa) == sorted(fb):
            return "same-key"
        link = _match_forms(fa, fb)
        if link:
            return link
    return None


def _canon(token: str) -> str:
    group = _GIVEN.get(token)
    return skeleton(min(group) if group else token)


@lru_cache(maxsize=1 << 16)
def index_words(name: str) -> frozenset[str]:
    """Words under which a spelling is indexed for candidates: folded so that given-name
    variants and transliterations share them ('Chris'/'Christopher', 'Yuri'/'Yury'),
    with joined neighbours ('Mc Ewen' -> 'mcewen'); particles left out."""
    out: set[str] = set()
    for form in name_forms(name):
        words = [t for t in form if t not in _PARTICLES or len(form) == 1]
        out.update(_canon(t) for t in words)
        out.update(_canon(a + b) for a, b in zip(form, form[1:], strict=False))
    return frozenset(out)


# ---- evidence -----------------------------------------------------------------------


def _team_words(team: str) -> frozenset[str]:
    return frozenset(
        w for w in name_tokens(team) if len(w) >= 3 and w not in _TEAM_STOP and not w.isdigit()
    )


def _nations(codes: Iterable[str]) -> frozenset[str]:
    return frozenset(nation_code(c) or c.upper() for c in codes)


def _generations(e: Evidence) -> frozenset[str]:
    return frozenset(g for n in e.names for g in generation(n))


def _keys(e: Evidence) -> frozenset[str]:
    return frozenset(name_key(n) for n in e.names) - {""}


def _years(e: Evidence) -> set[int]:
    return {a.year for a in e.appearances}


def career_gap(a: Evidence, b: Evidence) -> int | None:
    """Years between two careers (0 when they overlap); None without years."""
    ya, yb = _years(a), _years(b)
    if not ya or not yb:
        return None
    return max(0, max(min(ya), min(yb)) - min(max(ya), max(yb)))


def _roster_lines(e: Evidence) -> dict[tuple[str, str, int], set[tuple[str, str]]]:
    """(list, race, year) -> {(bib, key)} of the lines this rider holds in that list."""
    out: dict[tuple[str, str, int], set[tuple[str, str]]] = {}
    for a in e.appearances:
        if a.roster:
            key = name_key(a.name) if a.name else ""
            out.setdefault((a.roster, a.race, a.year), set()).add((a.bib or "", key))
    return out


def compare(a: Evidence, b: Evidence) -> Comparison:
    """Whether two riders' evidence says one person, two, or nothing (rules D-*, S-*, U)."""
    ga, gb = _generations(a), _generations(b)
    if ga and gb and ga != gb:
        return Comparison(
            Verdict.DIFFERENT, "D-id", f"generation marks {sorted(ga)} / {sorted(gb)}"
        )
    if a.external_ids and b.external_ids and not a.external_ids & b.external_ids:
        return Comparison(
            Verdict.DIFFERENT, "D-id", f"ids {sorted(a.external_ids)} / {sorted(b.external_ids)}"
        )
    na, nb = _nations(a.nations), _nations(b.nations)
    if na and nb and not na & nb:
        return Comparison(Verdict.DIFFERENT, "D-id", f"nationality {sorted(na)} / {sorted(nb)}")
    if a.birth_years and b.birth_years:
        gap = min(abs(x - y) for x in a.birth_years for y in b.birth_years)
        if gap > 1:
            return Comparison(
                Verdict.DIFFERENT,
                "D-id",
                f"born ~{min(a.birth_years)} / ~{min(b.birth_years)}",
            )
    ra, rb = _roster_lines(a), _roster_lines(b)
    for r in sorted(set(ra) & set(rb)):
        bibs_a = {bib for bib, _ in ra[r]} - {""}
        bibs_b = {bib for bib, _ in rb[r]} - {""}
        if bibs_a & bibs_b:
            continue  # one line of the list, spelled two ways
        if not bibs_a and not bibs_b and {k for _, k in ra[r]} & {k for _, k in rb[r]}:
            continue  # the same name again in one list without bibs: the same line repeated
        bibs = f" (bibs {','.join(sorted(bibs_a))} / {','.join(sorted(bibs_b))})"
        return Comparison(
            Verdict.DIFFERENT,
            "D-roster",
            f"two lines of {r[0]} {r[1]} {r[2]}" + (bibs if bibs_a or bibs_b else ""),
        )
    by_edition_a: dict[tuple[str, int], set[str]] = {}
    by_edition_b: dict[tuple[str, int], set[str]] = {}
    for e, by in ((a, by_edition_a), (b, by_edition_b)):
        for x in e.appearances:
            by.setdefault((x.race, x.year), set()).update({x.bib} if x.bib else set())
    shared = sorted(set(by_edition_a) & set(by_edition_b))
    for ry in shared:
        if by_edition_a[ry] & by_edition_b[ry]:
            bib = sorted(by_edition_a[ry] & by_edition_b[ry])[0]
            return Comparison(Verdict.SAME, "S-bib", f"{ry[0]} {ry[1]} bib {bib} in both")
    # two sources that write one name with two bibs disagree on a bib (0.1% of riders
    # from 1940); two lines of one list are caught by D-roster above
    one_name = bool(_keys(a) & _keys(b))
    for ry in shared:
        if by_edition_a[ry] and by_edition_b[ry] and ry[1] >= BIBS_RELIABLE_FROM and not one_name:
            return Comparison(
                Verdict.DIFFERENT,
                "D-bib",
                f"{ry[0]} {ry[1]} bibs {','.join(sorted(by_edition_a[ry]))}"
                f" / {','.join(sorted(by_edition_b[ry]))}",
            )
    teams_a: dict[int, set[str]] = {}
    teams_b: dict[int, set[str]] = {}
    for e, teams in ((a, teams_a), (b, teams_b)):
        for x in e.appearances:
            if x.team and not x.team.upper().startswith("TDF "):
                teams.setdefault(x.year, set()).update(_team_words(x.team))
    for y in sorted(set(teams_a) & set(teams_b)):
        common = teams_a[y] & teams_b[y]
        if common:
            return Comparison(Verdict.SAME, "S-team", f"{y}: team word {sorted(common)[0]!r}")
    if ga != gb:
        return Comparison(
            Verdict.UNDECIDED,
            "U-generation",
            f"a generation mark on one side only ({sorted(ga)} / {sorted(gb)})",
        )
    if shared:
        return Comparison(
            Verdict.SAME,
            "S-year",
            f"{len(shared)} shared race-years, e.g. {' '.join(map(str, shared[0]))}",
        )
    years_apart = career_gap(a, b)
    if _keys(a) & _keys(b) and (years_apart is None or years_apart <= SAME_KEY_GAP_YEARS):
        return Comparison(Verdict.SAME, "S-key", "the same name key and nothing against")
    return Comparison(Verdict.UNDECIDED, "U", "nothing shared")


# ---- the decision -------------------------------------------------------------------

_STRENGTH = {"S-bib": 0, "S-team": 1, "S-year": 2, "S-key": 3}


def decide(sighting: Sighting | Evidence, candidates: Sequence[KnownRider]) -> Decision:
    """This known rider, a new rider, or a new rider with a warning (ambiguous)."""
    ev = sighting.evidence() if isinstance(sighting, Sighting) else sighting
    same: list[tuple[int, KnownRider, Comparison]] = []
    doubtful: list[tuple[KnownRider, Comparison]] = []
    for cand in candidates:
        links = {name_link(x, y) for x in ev.names for y in cand.evidence.names} - {None}
        if not links:
            continue
        c = compare(ev, cand.evidence)
        if c.verdict is Verdict.SAME:
            same.append((_STRENGTH[c.rule], cand, c))
        elif c.verdict is Verdict.UNDECIDED:
            gap = career_gap(ev, cand.evidence)
            if c.rule == "U-generation" or gap is None or gap <= WARN_GAP_YEARS:
                doubtful.append((cand, c))
    if same:
        same.sort(key=lambda s: s[0])
        best = [s for s in same if s[0] == same[0][0]]
        if len(best) > 1:
            # equally strong: the one whose career is nearest, when only one is
            gaps = [career_gap(ev, s[1].evidence) for s in best]
            if None not in gaps:
                nearest = min(g for g in gaps if g is not None)
                if gaps.count(nearest) == 1:
                    best = [best[gaps.index(nearest)]]
        if len(best) == 1:
            _, cand, c = best[0]
            return Decision(Outcome.KNOWN, cand.rider, c.rule, c.why)
        return Decision(
            Outcome.AMBIGUOUS,
            None,
            best[0][2].rule,
            f"{len(best)} known riders match equally well",
            tuple(s[1].rider for s in best),
        )
    if doubtful:
        return Decision(
            Outcome.AMBIGUOUS,
            None,
            doubtful[0][1].rule,
            "; ".join(f"{cand.rider}: {c.why}" for cand, c in doubtful),
            tuple(cand.rider for cand, _ in doubtful),
        )
    return Decision(Outcome.NEW, None, "new", "no known rider matches")
