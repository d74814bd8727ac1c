"""Names of people, teams and races: folding, ordering, slugs.

Identity rests on `name_key`: accents, case, punctuation and word order folded
away, so "LUTSENKO Alexey", "Alexey Lutsenko" and "Alexey LUTSENKO" share one
key. Keys decide only which existing rider a spelling may be; the writer never
merges two riders that one edition shows apart (different bibs).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from .errors import ParseError

# Letters that NFKD does not decompose into a base letter plus accent.
_SPECIAL = str.maketrans(
    {
        "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ß": "ss",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH",
        "ð": "d", "Ð": "D", "ı": "i",
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2019": "'", "\u2018": "'",
        # a modifier apostrophe (from ŉ) is an apostrophe; the micro sign is the Greek mu
        "\u02bc": "'", "\u00b5": "\u03bc",
    }
)  # fmt: skip
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


# Characters nobody sees: zero-width spaces and joiners, bidi marks, embeddings,
# overrides and isolates, the word joiner, the byte-order mark, the soft hyphen.
# A name keeps none of them: "Vingegaard\u200b" is "Vingegaard".
INVISIBLE = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2060, 0x2065)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\ufeff", "\u00ad", "\u061c", "\u180e"]
)
_DROP_INVISIBLE = {ord(c): None for c in INVISIBLE}

# Cyrillic and Greek letters that look like one Latin letter (Unicode confusables.txt).
# Inside a word that also has Latin letters they are taken for that Latin letter:
# "Pogаčar" with a Cyrillic а is "Pogačar". A word wholly Cyrillic or Greek is
# transliterated instead ("Иван" -> "Ivan").
CONFUSABLES = {
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ү": "Y",
    "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s",
    "і": "i", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ѵ": "v", "ү": "y", "ӏ": "l",
    "ԝ": "w", "ɡ": "g",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "α": "a", "ι": "i", "ν": "v", "ο": "o", "ρ": "p", "υ": "u", "γ": "y", "ϲ": "c",
    "ϳ": "j",
}  # fmt: skip
_WORD = re.compile(r"[^\s\-'’]+")


def strip_invisible(text: str) -> str:
    """The text without zero-width, bidi-control and other invisible characters."""
    return text.translate(_DROP_INVISIBLE)


@lru_cache(maxsize=1 << 16)
def _is_latin(c: str) -> bool:
    return c < "\u0250" or unicodedata.name(c, "").startswith("LATIN")


def _foreign(c: str) -> bool:
    """A letter of another script than Latin (Cyrillic, Greek, Han, Hangul...)."""
    return c.isalpha() and not _is_latin(c)


def _unconfuse_word(m: re.Match[str]) -> str:
    word = m.group(0)
    latin = any(c.isalpha() and _is_latin(c) for c in word)
    if latin and any(c in CONFUSABLES for c in word):
        return "".join(CONFUSABLES.get(c, c) for c in word)
    return word


def unconfuse(text: str) -> str:
    """Cyrillic/Greek look-alikes inside Latin words become Latin: 'Pogаčar' -> 'Pogačar'."""
    return _WORD.sub(_unconfuse_word, text)


_CASE_CHANGE = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _transliterate(text: str) -> str:
    """Runs of letters of other scripts than Latin, in Latin letters (anyascii).

    Latin letters are left alone: the fold of every Latin spelling, and so every
    existing key and ref, stays what it was. A Han or Hangul run comes out one
    capitalised syllable after another ("王美银" -> "WangMeiYin"), split into words.
    """
    if all(c < "\u0250" for c in text):
        return text
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            latin = anyascii("".join(run))
            out.append(" " + _CASE_CHANGE.sub(" ", latin) + " " if latin else "")
            run.clear()

    for c in text:
        if _foreign(c) or (run and unicodedata.category(c).startswith("M")):
            run.append(c)
        else:
            flush()
            out.append(c)
    flush()
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case ASCII with accents removed: 'Pogačar' -> 'pogacar', 'Иван' -> 'ivan'."""
    text = unconfuse(unicodedata.normalize("NFC", strip_invisible(text)))
    # Latin specials first: the transliteration below is for other scripts only
    text = text.translate(_SPECIAL)
    text = _transliterate(text)
    text = unicodedata.normalize("NFKD", text)
    # any Unicode space (a line separator, a no-break space) still separates words
    text = "".join(" " if c.isspace() else c for c in text if not unicodedata.combining(c))
    return text.encode("ascii", "ignore").decode("ascii").lower()


# One race, several names: canonical names by slug of the other spellings.
RACE_ALIASES = {
    "la-vuelta-ciclista-a-espana": "Vuelta a España",
    "vuelta-a-espana": "Vuelta a España",
    "la-vuelta": "Vuelta a España",
    "giro-d-italia": "Giro d'Italia",
    "giro-ditalia": "Giro d'Italia",
    "criterium-du-dauphine-libere": "Critérium du Dauphiné",
    "dauphine-libere": "Critérium du Dauphiné",
    "tour-de-france-femmes-avec-zwift": "Tour de France Femmes",
    "paris-roubaix": "Paris-Roubaix",
    "ronde-van-vlaanderen": "Ronde van Vlaanderen",
    "tour-des-flandres": "Ronde van Vlaanderen",
}


def canonical_race(name: str) -> str:
    """The name a race is stored under: 'La Vuelta ciclista a España' -> 'Vuelta a España'."""
    return RACE_ALIASES.get(slugify(name), name.strip())


# Words a race's short name leaves out: "giro" is the Giro d'Italia.
_RACE_STOPWORDS = {
    "a", "avec", "d", "de", "del", "della", "der", "des", "di", "du", "el", "l", "la", "le",
    "les", "of", "the", "van", "von",
}  # fmt: skip


def race_words(text: str) -> frozenset[str]:
    """The words that tell a race apart: 'Giro d'Italia' -> {'giro', 'italia'}."""
    return frozenset(w for w in slugify(text).split("-") if w and w not in _RACE_STOPWORDS)


def race_score(race_ref: str, race_name: str, asked: str) -> int:
    """How well what a person typed names a race, 0 for not at all.

    3: the race's ref ('tour-de-france', 'Tour de France'); 2: its name or a known
    other name ('La Vuelta'); 1: every word typed is one of the race's words
    ('giro', 'dauphine', 'tour femmes'). A query names a race when exactly one
    race has the best score above 0: 'tour' alone names no race, it names two.
    """
    typed = slugify(asked)
    if not typed:
        return 0
    if typed == race_ref:
        return 3
    if typed == slugify(race_name) or slugify(canonical_race(asked)) == slugify(race_name):
        return 2
    words = race_words(asked)
    return int(bool(words) and words <= race_words(race_name) | race_words(race_ref))


@lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """The `*_ref` form: 'Critérium du Dauphiné' -> 'criterium-du-dauphine'."""
    return _NON_ALNUM.sub("-", fold(text)).strip("-")


@lru_cache(maxsize=1 << 16)
def name_tokens(text: str) -> tuple[str, ...]:
    """Folded words of a name; apostrophes join ("O'Connor" -> "oconnor")."""
    folded = fold(text).replace("'", "")
    return tuple(t for t in _NON_ALNUM.split(folded) if t)


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Order-free identity key: sorted folded words."""
    return " ".join(sorted(name_tokens(text)))


# Words that name no sponsor: "Team Sky", "Sky Procycling" and "SKY PRO CYCLING" are one
# team. A name made only of them keeps them ("Pro Team" stays "proteam").
_TEAM_NOISE = {
    "team", "pro", "cycling", "procycling", "professional", "racing", "cyclisme",
}  # fmt: skip
# The UCI class ProCyclingStats writes after a team name: "Jumbo-Visma (WT)".
_TEAM_CLASS = re.compile(r"\s*\((?:WT|PRT|PT|CT|WTW|CTW|PRO|PCT)\)\s*$", re.IGNORECASE)


def strip_team_class(text: str) -> str:
    """A team name without the UCI class suffix: 'Jumbo-Visma (WT)' -> 'Jumbo-Visma'."""
    return _TEAM_CLASS.sub("", text).strip()


@lru_cache(maxsize=1 << 16)
def team_key(text: str) -> str:
    """Folded team name, one per sponsor name whatever the casing or punctuation.

    Case, accents, punctuation and spaces are dropped, and so are the words that
    name no sponsor (team, pro, cycling...) and the UCI class suffix: "O.N.C.E."
    and "ONCE", "TEAM LOTTO NL - JUMBO" and "Team LottoNL-Jumbo", "Jumbo-Visma (WT)"
    and "TEAM JUMBO VISMA" are one team ("once", "lottonljumbo", "jumbovisma").
    Other words stay: "Movistar Team Women" is not "Movistar Team".
    """
    return "".join(team_words(text))


@lru_cache(maxsize=1 << 16)
def team_words(text: str) -> tuple[str, ...]:
    """The folded words of a team name that name a sponsor: 'Team INEOS Grenadiers' ->
    ('ineos', 'grenadiers'); to match a team by some of its words."""
    tokens = name_tokens(strip_team_class(text))
    kept = tuple(t for t in tokens if t not in _TEAM_NOISE)
    return kept or tokens


# All-capital words that stay capitals in a team's display name: acronyms with a vowel.
# A word with a digit (AG2R) or without a vowel (FDJ, BMC, CSC, DSM, TVM) stays too.
TEAM_ACRONYMS = {
    "ADR", "AG2R", "AIS", "ASO", "EF", "IAM", "ISD", "ONCE", "UAE", "UCI", "US", "USA",
}  # fmt: skip
_VOWELS = set("AEIOUYÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ")
_NOT_ACRONYMS = {"DR", "MC", "MR", "ST"}
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _team_word(word: str) -> str:
    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        if not _is_upper_word(w) or w in TEAM_ACRONYMS:
            return w
        if any(c.isdigit() for c in w) or (w not in _NOT_ACRONYMS and not _VOWELS & set(w)):
            return w
        return w.capitalize()

    return re.sub(r"[^\W_]+", fix, word)


def team_display(text: str) -> str:
    """A team's name to show: the class suffix dropped, capitals in proper case.

    A name with no lower-case letter is a source writing in capitals, and one with
    every word capitalised ("Bmc Racing Team", "Fdj") a source that title-cased
    capitals: each word becomes capitalised ("TEAM SKY" -> "Team Sky") except
    acronyms, which stay upper-case: a word with a digit (AG2R), a word without
    a vowel (FDJ, BMC, DSM; not St, Mr, Dr, Mc) or one of `TEAM_ACRONYMS` (UAE,
    EF, ONCE...). Any other name is kept as written ("BORA - hansgrohe",
    "Team LottoNL-Jumbo").
    """
    text = strip_team_class(clean_text(text))
    words = _LETTER_RUN.findall(text)
    if any(c.islower() for c in text) and not all(w == w.capitalize() for w in words):
        return text
    return " ".join(_team_word(w) for w in text.upper().split(" "))


def team_name_rank(name: str) -> tuple[int, int, int, str]:
    """How good a stored team name is for display, lower first; load order plays no part.

    A spelling a source wrote in mixed case beats one title-cased from capitals
    (it can say "BORA - hansgrohe", "LottoNL"); then the one with most accents;
    then the one of fewest words (the usual name: "Team Sky", not "Sky Pro
    Cycling"); then the first in code-point order.
    """
    from_capitals = team_display(name.upper()) == name
    accents = sum(1 for c in name if ord(c) > 127)
    return (int(from_capitals), -accents, len(name.split()), name)


def clean_text(text: str) -> str:
    """NFC, invisible characters dropped, look-alike letters unmixed, whitespace collapsed."""
    text = unconfuse(unicodedata.normalize("NFC", strip_invisible(text)))
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class PersonName:
    given: str | None
    family: str | None
    display: str  # given name first, as people write it


def _is_upper_word(word: str) -> bool:
    # ß has no upper-case form in most data: "GROßSCHARTNER" is an upper-case word
    letters = [c for c in word if c.isalpha() and c != "ß"]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) > 1


def _titlecase(word: str) -> str:
    """'LUTSENKO' -> 'Lutsenko', "O'CONNOR" -> "O'Connor", 'ROCHE-DUPONT' -> 'Roche-Dupont'."""
    out = re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower())
    return out


def parse_name(raw: str, order: str = "auto") -> PersonName:
    """Split a spelling into given and family names.

    order: "given_first" ("Alexey Lutsenko", "TADEJ POGACAR"), "family_first"
    ("Lutsenko Alexey"), or "auto": upper-case words are the family name
    ("LUTSENKO Alexey", "Alexey LUTSENKO"); otherwise given name first.
    """
    text = clean_text(raw)
    if not text:
        raise ParseError("a rider name was expected, found an empty value")
    check_name(text)
    person = _split_name(text, order)
    # "SMITH =cmd" is displayed "=cmd Smith": the reordered name must not start a formula
    check_name(person.display)
    return person


def _split_name(text: str, order: str) -> PersonName:
    words = text.split(" ")
    if len(words) == 1:
        return PersonName(None, _fix_case(words[0]), _fix_case(words[0]))
    upper = [_is_upper_word(w) for w in words]
    if order == "auto":
        if all(upper) or not any(upper):
            order = "given_first"
        elif upper[0]:
            # "VAN AERT Wout": the leading upper-case words are the family name
            n = upper.index(False)
            return _person(words[n:], words[:n])
        else:
            n = upper.index(True)
            return _person(words[:n], words[n:])
    if order == "family_first":
        # particles stay with the family name: "van der Poel Mathieu"
        n = _family_word_count(words)
        return _person(words[n:], words[:n])
    if order == "given_first":
        return _person(words[:1], words[1:])
    raise ValueError(f"unknown name order {order!r}")


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...)).
FORMULA_START = ("=", "@", "+", "-")
MAX_NAME = 200


def check_name(text: str, what: str = "a rider name") -> None:
    """Refuse what no name is: a formula cell, control characters, a whole paragraph."""
    if text.startswith(FORMULA_START):
        raise ParseError(
            f"{what} was expected, found a spreadsheet formula {text[:40]!r} "
            "(a value starting with =, @, + or -)"
        )
    if len(text) > MAX_NAME:
        raise ParseError(
            f"{what} of at most {MAX_NAME} characters was expected, found {len(text)} characters"
        )
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise ParseError(f"{what} was expected, found control characters in {text[:40]!r}")
    hidden = sorted({f"U+{ord(c):04X}" for c in text if c in INVISIBLE})
    if hidden:
        raise ParseError(
            f"{what} was expected, found invisible characters ({', '.join(hidden)}) in "
            f"{text[:40]!r}: zero-width and bidi-control characters are no part of a name"
        )


_PARTICLES = {"van", "der", "den", "de", "da", "del", "di", "le", "la", "du", "ten", "ter", "von"}


def _family_word_count(words: list[str]) -> int:
    n = 0
    while n < len(words) - 1 and words[n].lower() in _PARTICLES:
        n += 1
    return n + 1


def _fix_case(word: str) -> str:
    return _titlecase(word) if _is_upper_word(word) or word.islower() else word


def _person(given: list[str], family: list[str]) -> PersonName:
    g = " ".join(_fix_case(w) for w in given) or None
    f = " ".join(
        w if w.lower() in _PARTICLES and not _is_upper_word(w) else _fix_case(w) for w in family
    )
    return PersonName(g, f or None, " ".join(x for x in (g, f) if x))


@lru_cache(maxsize=1 << 16)
def spelling_quality(text: str) -> tuple[int, int]:
    """How good a spelling is for display: mixed case first, then most accents."""
    has_lower = any(c.islower() for c in text)
    has_upper_word = any(_is_upper_word(w) for w in text.split())
    accents = sum(1 for c in text if ord(c) > 127)
    return (int(has_lower and not has_upper_word), accents)
