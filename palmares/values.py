"""Parse and format the values results files hold: times, gaps, ranks, statuses."""

from __future__ import annotations

import re

from .errors import ParseError

# ASCII digits only: int() would take '٣' and str.isdigit() takes '²', which int() refuses
_HMS = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})$", re.ASCII)
_ASO = re.compile(r"^(?:(\d+)h)?\s*(?:(\d+)')?\s*(?:(\d+)(?:''|\"))?$", re.ASCII)
_SECONDS = re.compile(r"[0-9]+\Z")
_INT = re.compile(r"[+-]?[0-9]+\Z")
# The longest time results hold is a Tour GC (under 250 h); anything past this is not a time,
# and SQLite integers stop at 2**63.
MAX_SECONDS = 10_000 * 3600 - 1
# Ranks, bibs, points, metres and seconds all fit in nine digits.
MAX_DIGITS = 9
SAME_TIME = {"s.t.", "st", "s.t", ",,", "same time", "m.t.", "mt"}
# a stage label: its number, and a letter for a stage run in parts (10a, 10b)
_STAGE_LABEL = re.compile(r"0*([0-9]+)([a-z]?)", re.ASCII)
_PART_LETTERS = "abcdefghijklmnopqrstuvwxyz"

STATUS_WORDS = {
    "finished": "finished", "df": "finished", "ok": "finished", "": "finished",
    "dnf": "dnf", "ab": "dnf", "abandoned": "dnf", "did not finish": "dnf",
    "dns": "dns", "np": "dns", "did not start": "dns", "non-starter": "dns",
    "otl": "otl", "hd": "otl", "outside time limit": "otl", "ootl": "otl",
    "dsq": "dsq", "dq": "dsq", "disqualified": "dsq",
    "nq": "dnq", "dnq": "dnq", "not classified": "dnq",
}  # fmt: skip


def parse_time(text: str) -> int:
    """'4:06:49' -> 14809, '1:36' -> 96, "82h 56' 36''" -> 298596, '0:00:06' -> 6."""
    t = text.strip().lstrip("+").strip()
    if len(t) > 40:  # no time is this long; int() of thousands of digits raises ValueError
        raise ParseError(f"a time like 4:06:49 was expected, found {_short(text)}")
    seconds = _time_seconds(t, text)
    if seconds > MAX_SECONDS:
        raise ParseError(f"a time like 4:06:49 (under 10000 hours) was expected, found {text!r}")
    return seconds


def _time_seconds(t: str, text: str) -> int:
    m = _HMS.match(t)
    if m:
        h, mi, s = m.groups()
        if int(s) > 59 or (h is not None and int(mi) > 59):
            raise ParseError(f"a time like 4:06:49 was expected, found {_short(text)}")
        return int(h or 0) * 3600 + int(mi) * 60 + int(s)
    if _SECONDS.match(t):
        return int(t)
    m = _ASO.match(t)
    if m and any(m.groups()):
        h, mi, s = (int(x or 0) for x in m.groups())
        return h * 3600 + mi * 60 + s
    raise ParseError(f"a time like 4:06:49 was expected, found {_short(text)}")


def _short(text: str, limit: int = 60) -> str:
    """A value for an error message: long ones cut, so the message stays one line."""
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}... ({len(text)} characters)"


def parse_gap(text: str) -> int | None:
    """'+1:36' -> 96; '-' and '' -> None. Same-time marks are the caller's business."""
    t = text.strip()
    if t in ("", "-"):
        return None
    if t.startswith("-") and len(t) > 1:
        raise ParseError(f"a gap like +1:36 was expected, found a negative gap {_short(text)}")
    return parse_time(t)


def is_same_time(text: str) -> bool:
    """True for the marks that mean 'same time as the rider above'."""
    return text.strip().lower() in SAME_TIME


def parse_status(text: str) -> str:
    """'DNF' -> 'dnf', 'abandoned' -> 'dnf'; unknown words raise ParseError."""
    key = text.strip().lower()
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    raise ParseError(
        f"a status such as finished, DNF, DNS, OTL or DSQ was expected, found {_short(text)}"
    )


def parse_int(text: str, what: str = "a whole number") -> int | None:
    """'12' -> 12, '' -> None."""
    t = text.strip()
    if not t:
        return None
    if not _INT.match(t) or len(t.lstrip("+-")) > MAX_DIGITS:
        raise ParseError(f"{what} was expected, found {_short(text)}")
    return int(t)


def whole_number(text: str) -> int | None:
    """'12' -> 12; None unless one to nine ASCII digits (a place, a bib, seconds)."""
    if len(text) > MAX_DIGITS or not _SECONDS.match(text):
        return None
    return int(text)


def format_time(seconds: int | None) -> str:
    """14809 -> '4:06:49'."""
    if seconds is None:
        return ""
    h, rest = divmod(int(seconds), 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}"


def format_gap(seconds: int | None) -> str:
    """96 -> '+1:36', 3700 -> '+1:01:40', 0 -> '+0:00'."""
    if seconds is None:
        return ""
    h, rest = divmod(int(seconds), 3600)
    if h:
        return f"+{h}:{rest // 60:02d}:{rest % 60:02d}"
    return f"+{rest // 60}:{rest % 60:02d}"


# ---------------------------------------------------------------- stage labels
# stages.label is "0" for a prologue, "1", "10a" for the first part of stage 10.
# Readers take off their format's own words ('Stage 8', 'stage-8', '13.1' for
# 13a) and pass the label itself here.


def parse_stage_label(text: str) -> str:
    """The form stages.label takes: '8' -> '8', '08' -> '8', '10A' -> '10a', 'P' -> '0'.

    'P' and 'Prologue' are the prologue, stage '0'. Anything else raises ParseError.
    """
    t = text.strip().lower()
    if t in ("p", "prologue"):
        return "0"
    m = _STAGE_LABEL.fullmatch(t)
    if not m:
        raise ParseError(f"a stage label like 8, 0 or 10a was expected, found {text!r}")
    return m[1] + m[2]


_STAGE_WORD = re.compile(r"^\s*(?:stage|etape|étape|tappa|etapa)[\s.-]*", re.I)


def asked_stage_label(text: str | None) -> str | None:
    """The stage a person asks for: '8', 'Stage 8', '08', 'stage 10A' -> its label; else None.

    The one rule for `-p stage` everywhere: the queries call it as the SQL function
    palmares_stage_label, and queries/resolve.py when it names the stages there are.
    """
    if text is None or not str(text).strip():
        return None
    try:
        return parse_stage_label(_STAGE_WORD.sub("", str(text)))
    except ParseError:
        return None


def _label_parts(label: str) -> tuple[str, str]:
    """'10a' -> ('10', 'a'): the number as written, and the letters after it."""
    digits = label.rstrip(_PART_LETTERS)
    return digits, label[len(digits) :]


def stage_order(label: str) -> tuple[int, int]:
    """(number, order) of a stage label: '0' -> (0, 0), '10' -> (10, 100), '10b' -> (10, 102).

    `order` is stages.stage_order, the running order: parts of a stage come after
    the stage number and before the next one.
    """
    digits, part = _label_parts(label)
    if not (digits.isascii() and digits.isdigit()) or len(part) > 1:
        raise ParseError(f"a stage label like 8, 0 or 10a was expected, found {label!r}")
    number = int(digits)
    return number, number * 10 + (ord(part) - 96 if part else 0)


def stage_sort_key(label: str) -> tuple[int, str]:
    """Labels in running order, for people: '2' < '10' < '10a'; a text that is no label
    sorts with stage 0."""
    digits, part = _label_parts(label)
    return whole_number(digits) or 0, part
