"""Opening a palmares database: schema, pragmas and the SQL functions queries use."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass
from pathlib import Path
from urllib.parse import quote

from . import rules, sqlfiles
from .names import fold, name_key, race_score, slugify, team_key, team_words
from .values import asked_stage_label, format_gap, format_time

SCHEMA_VERSION = 1
# how long a command waits for another process's write to finish
BUSY_TIMEOUT_MS = 10_000


def schema_sql() -> str:
    """The text of schema.sql, the project's only DDL."""
    return sqlfiles.read("palmares", "schema.sql")


# The longest text palmares' SQL functions take: a name, a race or a stage label
# is far shorter; a longer argument gives null (not an error, and no seconds of
# folding a megabyte-long string inside one SQL function call, where SQLite's
# progress handler cannot stop it).
MAX_FUNCTION_TEXT = 10_000


def _text_fn(fn: Callable[[str], str]) -> Callable[[object], str | None]:
    """fn over a value as text; null for null and for text over MAX_FUNCTION_TEXT."""

    def call(value: object) -> str | None:
        if value is None:
            return None
        text = value if isinstance(value, str) else str(value)
        if len(text) > MAX_FUNCTION_TEXT:
            return None
        return fn(text)

    return call


def _seconds_fn(fn: Callable[[int], str]) -> Callable[[object], str | None]:
    """fn over a number of seconds; null for null and for what is not a plausible number."""

    def call(value: object) -> str | None:
        if value is None or isinstance(value, bytes):
            return None
        try:
            seconds = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError, OverflowError):
            return None
        if abs(seconds) > 10**12:  # 30,000 years: no race lasts longer
            return None
        return fn(seconds)

    return call


def _team_words(text: str) -> str:
    return " ".join(team_words(text))


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions the queries use to match names without accents or case.

    Each takes text up to MAX_FUNCTION_TEXT characters and gives null beyond it.
    """
    det = {"deterministic": True}
    conn.create_function("palmares_slug", 1, _text_fn(slugify), **det)
    conn.create_function("palmares_fold", 1, _text_fn(fold), **det)
    conn.create_function("palmares_name_key", 1, _text_fn(name_key), **det)
    conn.create_function("palmares_team_key", 1, _text_fn(team_key), **det)
    # a team's sponsor words, space-separated: "Astana" finds "Astana – Premier Tech"
    conn.create_function("palmares_team_words", 1, _text_fn(_team_words), **det)
    # how well what a person typed names a race: queries/_race.sql picks the race
    conn.create_function("palmares_race_score", 3, _race_score, **det)
    # '8', 'Stage 8', '08', '10A' -> the stage's label (values.asked_stage_label)
    conn.create_function("palmares_stage_label", 1, _stage_label, **det)
    # times for people: 14809 -> '4:06:49', gaps 96 -> '+1:36'
    conn.create_function("palmares_time", 1, _seconds_fn(format_time), **det)
    conn.create_function("palmares_gap", 1, _seconds_fn(format_gap), **det)
    # a race rule's bonus for a place: ('10 6 4', 2) -> 6, past the list 0, no rule null
    conn.create_function("palmares_bonus", 2, rules.bonus_for_place, **det)


def _race_score(ref: object, name: object, asked: object) -> int:
    texts = [str(v) for v in (ref, name, asked)]
    if asked is None or any(len(t) > MAX_FUNCTION_TEXT for t in texts):
        return 0
    return race_score(*texts)


def _stage_label(asked: object) -> str | None:
    if asked is None or isinstance(asked, bytes):
        return None
    text = str(asked)
    return None if len(text) > MAX_FUNCTION_TEXT else asked_stage_label(text)


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open a database with foreign keys on and the palmares SQL functions."""
    if readonly:
        # a URI: '#', '?' and '%' in the file's name must be %-quoted, or SQLite
        # opens another file (or none)
        uri = f"file:{quote(str(Path(path).absolute()))}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("pragma foreign_keys = on")
    conn.execute(f"pragma busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    register_functions(conn)
    return conn


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Apply schema.sql: safe to repeat, and upgrades an older database in place.

    Every table and index is `if not exists`, so new ones are added; views are
    dropped and made again so that a changed view takes effect. The race rules
    (`palmares/rules/*.csv`) are copied into `race_rules` with it: a changed
    rules file is a changed schema.
    """
    if conn.in_transaction:
        raise RuntimeError("ensure_schema needs a connection outside a transaction")
    script = schema_sql()
    race_rules = rules.all_rules()
    digest = hashlib.sha256("\n".join([script, *rules.rule_files().values()]).encode()).hexdigest()
    if _applied_schema(conn) == digest:
        return
    conn.execute("pragma journal_mode = wal")
    views = [r[0] for r in conn.execute("select name from sqlite_master where type = 'view'")]
    conn.execute("begin")
    try:
        for view in views:
            # names come from sqlite_master, never from input
            conn.execute(f'drop view "{view}"')
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute("delete from race_rules")
        conn.executemany(
            "insert into race_rules values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [astuple(r) for r in race_rules],
        )
        conn.execute("delete from schema_version")
        conn.execute(
            "insert into schema_version (version, sha256) values (?, ?)", (SCHEMA_VERSION, digest)
        )
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise


def _applied_schema(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("select sha256 from schema_version").fetchone()
    except sqlite3.OperationalError:  # a new database, or one from before the sha256
        return None
    return row[0] if row else None


def _statements(script: str) -> list[str]:
    """The statements of schema.sql but its pragmas: `connect` sets those, outside a transaction."""
    return [s for s in sqlfiles.statements(script) if not s.startswith("pragma")]


def init_db(path: str | Path) -> sqlite3.Connection:
    """Create (or open) a database with the schema applied."""
    conn = connect(path)
    ensure_schema(conn)
    return conn


# ---------------------------------------------------------------- CHECK constraints


@dataclass(frozen=True, slots=True)
class Check:
    """One CHECK constraint of the schema: its table, its column (None for a table
    constraint) and its expression as written."""

    table: str
    column: str | None
    expression: str


def check_constraints(conn: sqlite3.Connection) -> list[Check]:
    """Every CHECK constraint of the database's tables, read from sqlite_master."""
    rows = conn.execute(
        "select name, sql from sqlite_master where type = 'table' and sql is not null"
        " and name not like 'sqlite_%' order by name"
    )
    return [c for name, sql in rows.fetchall() for c in _table_checks(name, sql)]


def schema_checks() -> list[Check]:
    """The CHECK constraints of schema.sql, without a database."""
    out = []
    for statement in _statements(schema_sql()):
        text = _strip_comments(statement).strip()
        m = re.match(r"create table (?:if not exists )?(\w+)", text, re.I)
        if m:
            out += _table_checks(m.group(1), statement)
    return out


def describe_check(expression: str, checks: list[Check] | None = None) -> str:
    """'bib is null or bib > 0' -> "bib: a number above 0 (or nothing) was expected"."""
    expression = " ".join(expression.split())
    known = [c for c in (checks if checks is not None else schema_checks())]
    match = next((c for c in known if " ".join(c.expression.split()) == expression), None)
    column = match.column if match else None
    words = _check_words(expression, column)
    where = column or (", ".join(_columns_in(expression)) or "a row")
    if match and match.column is None:
        where = f"{match.table} ({where})"
    return f"{where}: {words} was expected"


def _check_words(expression: str, column: str | None) -> str:
    """A CHECK expression in words, for the common shapes; else the expression quoted."""
    text = expression
    optional = False
    if column and text.lower().startswith(f"{column} is null or "):
        text, optional = text[len(column) + len(" is null or ") :], True
    col = re.escape(column) if column else r"\w+"
    shapes = [
        (rf"^{col} > 0$", "a number above 0"),
        (rf"^{col} >= 0$", "a number of 0 or more"),
        (rf"^{col} in \(0, 1\)$", "0 or 1"),
        (rf"^{col} between (\d+) and (\d+)$", "a number from {0} to {1}"),
        (rf"^date\({col}\) = {col}$", "a date as YYYY-MM-DD"),
        (rf"^length\({col}\) = (\d+)$", "text of {0} characters"),
        (rf"^{col} in \((.*)\)$", "one of {0}"),
    ]
    m = re.match(r"^(\w+) is null or (\w+) = '([^']*)'$", expression)
    if m and m.group(1) != m.group(2):
        return f"a {m.group(1)} only when {m.group(2)} is {m.group(3)!r}"
    for pattern, words in shapes:
        m = re.match(pattern, text, re.I)
        if m:
            said = words.format(*m.groups())
            return f"{said} (or nothing)" if optional else said
    return f"a value where {expression!r} holds"


def _columns_in(expression: str) -> list[str]:
    words = re.findall(r"\b([a-z_]+)\b", re.sub(r"'[^']*'", "", expression))
    keywords = {"is", "null", "not", "or", "and", "in", "glob", "between", "date", "length"}
    return list(dict.fromkeys(w for w in words if w not in keywords))


def _strip_comments(sql: str) -> str:
    """SQL without -- comments (quoted text kept as it is)."""
    out, i, quote = [], 0, ""
    while i < len(sql):
        ch = sql[i]
        if quote:
            out.append(ch)
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = len(sql) if end < 0 else end
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _outside_quotes(sql: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, parenthesis depth before it) for each character outside quotes."""
    depth, quote = 0, ""
    for i in range(start, len(sql)):
        ch = sql[i]
        if quote:
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"":
            quote = ch
            continue
        yield i, ch, depth
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1


def _split_top(sql: str) -> list[str]:
    """The parts of a table definition's body, split at commas outside parentheses and quotes."""
    parts, start = [], 0
    for i, ch, depth in _outside_quotes(sql):
        if ch == "," and depth == 0:
            parts.append(sql[start:i])
            start = i + 1
    parts.append(sql[start:])
    return [p.strip() for p in parts if p.strip()]


def _balanced(sql: str, open_at: int) -> str:
    """The text inside the parentheses opening at open_at."""
    for i, ch, depth in _outside_quotes(sql, open_at):
        if ch == ")" and depth == 1:
            return sql[open_at + 1 : i]
    return sql[open_at + 1 :]


def _table_checks(table: str, sql: str) -> list[Check]:
    sql = _strip_comments(sql)
    body = _balanced(sql, sql.index("("))
    out = []
    for part in _split_top(body):
        first = part.split(None, 1)[0].strip('"`[]').lower()
        column = None if first in ("check", "constraint", "primary", "unique", "foreign") else first
        for m in re.finditer(r"\bcheck\s*\(", part, re.I):
            out.append(Check(table, column, " ".join(_balanced(part, m.end() - 1).split())))
    return out
