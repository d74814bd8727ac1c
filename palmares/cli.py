"""The `palmares` command: click commands only; the work is in the library."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import sys
from pathlib import Path

import click

from palmares import queries as query_lib
from palmares.db import connect, describe_check, ensure_schema, init_db
from palmares.errors import LoadError, PalmaresError
from palmares.loader.load import FileReport, expand_paths, load_file
from palmares.loader.riders import candidate_pairs


class PalmaresGroup(click.Group):
    """The command group: a library error becomes one line and exit status 1, here only."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PalmaresError as e:
            raise click.ClickException(_with_rules_explained(str(e))) from None
        except (sqlite3.Error, OverflowError) as e:
            raise click.ClickException(one_line(e, _db_of(ctx))) from None


def _db_of(ctx: click.Context) -> str | None:
    """The DB argument of the running command (ctx.meta is shared with its context)."""
    return ctx.meta.get("palmares.db")


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    ctx.meta["palmares.db"] = value
    return value


# sqlite3 errors, by a phrase of their message, and what to say instead
_SQLITE_WORDS = [
    (
        ("database is locked", "database is busy", "database table is locked"),
        "{db}: the database is busy: another process (a load?) has held it for over 10 s; "
        "try again when it has finished",
    ),
    (
        ("database or disk is full", "cannot rollback", "disk i/o error"),
        "{db}: the disk is full or failing: the file being loaded was not committed "
        "(the ones before it were); free some space and load again",
    ),
    (
        ("readonly database", "read-only", "attempt to write"),
        "{db}: the database file or its folder is read-only: it can be read "
        "(query, check, serve once its schema is current) but not loaded into",
    ),
    (
        ("unable to open database file",),
        "{db}: the database file cannot be opened: its folder is missing, or not readable",
    ),
    (
        ("file is not a database", "not a database"),
        "{db}: an SQLite database was expected: this file is something else",
    ),
    (
        ("malformed", "corrupt"),
        "{db}: the database file is damaged ({error}); `palmares check` says where",
    ),
    (
        ("too big", "too large"),
        "{db}: a value too large for the database was given ({error})",
    ),
]


def one_line(error: BaseException, db: str | None = None) -> str:
    """The one line a user reads for an error of SQLite (or of a number too large for it)."""
    where = db or "the database"
    if isinstance(error, OverflowError):
        return f"a number of at most 19 digits was expected ({error})"
    text = str(error)
    low = text.lower()
    if isinstance(error, sqlite3.IntegrityError):
        return f"{where}: {_with_rules_explained(text)}"
    for phrases, words in _SQLITE_WORDS:
        if any(p in low for p in phrases):
            return words.format(db=where, error=text)
    return f"{where}: SQLite refused: {text}"


def _with_rules_explained(text: str) -> str:
    """'CHECK constraint failed: bib is null or bib > 0' -> the column and what it expects."""
    m = re.search(r"CHECK constraint failed: (.+?)(\)?)$", text)
    if not m:
        return text
    return text[: m.start()] + describe_check(m.group(1)) + m.group(2)


# options several commands share, declared once (the sqlite-utils manner)
def existing_db(fn):
    """DB: an existing database file."""
    return click.argument(
        "db", type=click.Path(exists=True, dir_okay=False), callback=_remember_db
    )(fn)


def params_option(help_text: str):
    """-p NAME VALUE, repeatable: a query's parameters."""
    return click.option(
        "-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE", help=help_text
    )


def output_options(fn):
    """--json, --csv or --table (the default): how rows are printed."""
    for flag, value, text in reversed(
        [
            ("--json", "json", "An array of objects."),
            ("--csv", "csv", "CSV with a header row."),
            ("--table", "table", "An aligned table (the default)."),
        ]
    ):
        fn = click.option(flag, "output", flag_value=value, default=value == "table",
                          help=text)(fn)  # fmt: skip
    return fn


@click.group(cls=PalmaresGroup)
@click.version_option(package_name="palmares")
def cli() -> None:
    """palmares: cycling race results in one SQLite database."""


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False), callback=_remember_db)
def init(db: str) -> None:
    """Create an empty palmares database (safe to repeat)."""
    init_db(db).close()
    click.echo(f"initialised {db}", err=True)


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False), callback=_remember_db)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", help="Force a reader instead of detecting it from content.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def load(db: str, paths: tuple[str, ...], fmt: str | None, quiet: bool) -> None:
    """Load results files and folders into DB, one transaction per file."""
    conn = init_db(db)
    reports, skipped = _load_with_progress(conn, paths, fmt, quiet)
    if not quiet:
        _print_summary(reports, skipped)


def _load_with_progress(conn, paths, fmt, quiet) -> tuple[list[FileReport], list[Path]]:
    """The reports of the files loaded, and the files skipped as not results."""
    files = expand_paths(paths)
    reports: list[FileReport] = []
    skipped: list[Path] = [f for f in _hidden_files(paths)]
    show = not quiet and sys.stderr.isatty()
    with click.progressbar(
        files,
        label="loading",
        file=sys.stderr,
        hidden=not show,
        item_show_func=lambda f: f[0].name if f else "",
    ) as bar:
        for i, (path, explicit) in enumerate(bar):
            try:
                report = _load_one(conn, path, fmt, explicit)
            except (PalmaresError, sqlite3.Error, OverflowError) as e:
                # the first file failing commits nothing: its error says it all
                if i > 0 and not quiet:
                    _say_what_was_committed(reports, [f for f, _ in files[i:]])
                raise e from None
            if report is None:
                skipped.append(path)
            else:
                reports.append(report)
    return reports, skipped


def _load_one(conn, path: Path, fmt, explicit: bool) -> FileReport | None:
    """load_file, with an error no reader turned into a LoadError named after the file."""
    try:
        return load_file(conn, path, fmt, explicit)
    except (ValueError, UnicodeError, OSError) as e:
        if isinstance(e, PalmaresError):
            raise
        # a reader's unforeseen refusal (a 5,000-digit number, a lone surrogate):
        # its transaction was rolled back, so the file is simply not loaded
        reason = " ".join(str(e).split())[:300]
        if "integer string conversion" in reason:
            reason = "a number of thousands of digits"
        elif isinstance(e, UnicodeEncodeError) and "surrogate" in reason:
            reason = f"a lone surrogate {e.object[e.start : e.end]!r}, which is not a character"
        raise LoadError(
            f"data the readers can store was expected, found {reason}", str(path)
        ) from e


def _hidden_files(paths) -> list[Path]:
    """Files a folder load passes over because their name starts with a dot (.DS_Store)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob(".*") if f.is_file())
    return out


def _say_what_was_committed(reports: list[FileReport], rest: list[Path]) -> None:
    """After a stopped folder load: the files that are in the database, and those that are not."""
    done = [r.path for r in reports if not r.skipped]
    kept = [r.path for r in reports if r.skipped]
    if done:
        click.echo(f"committed ({len(done)}): " + ", ".join(done), err=True)
    if kept:
        click.echo(f"already loaded, unchanged ({len(kept)}): " + ", ".join(kept), err=True)
    click.echo(
        f"not committed ({len(rest)}, the first stopped the load): "
        + ", ".join(str(p) for p in rest),
        err=True,
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _print_summary(reports: list[FileReport], skipped: list[Path]) -> None:
    for r in reports:
        if r.skipped:
            click.echo(f"{r.path}: already loaded, unchanged", err=True)
            continue
        counts = ", ".join(f"{n} {k}" for k, n in sorted(r.counts.items()))
        extra = f", {r.warnings} warnings" if r.warnings else ""
        again = " (replaced an earlier version)" if r.replaced else ""
        click.echo(f"{r.path} [{r.format}]: {counts or 'no rows'}{extra}{again}", err=True)
    if skipped:
        click.echo(
            f"skipped {_plural(len(skipped), 'file')} that no reader knows (not results): "
            + ", ".join(str(p) for p in skipped),
            err=True,
        )
    total = sum(r.rows for r in reports)
    warned = sum(r.warnings for r in reports)
    click.echo(f"{len(reports)} files, {total} records, {warned} warnings", err=True)
    if warned:
        click.echo("see the warnings table: palmares query DB warnings", err=True)


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False), default="palmares.db", callback=_remember_db)
@click.option(
    "--data",
    "data_dir",
    default="data",
    show_default=True,
    type=click.Path(exists=True, file_okay=False),
    help="The project's data folder.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def build(db: str, data_dir: str, quiet: bool) -> None:
    """Build DB (default palmares.db) from the project's data/ folder."""
    conn = init_db(db)
    reports, skipped = _load_with_progress(conn, [data_dir], None, quiet)
    if not quiet:
        _print_summary(reports, skipped)


@cli.command()
@existing_db
@click.argument("folder", type=click.Path(file_okay=False))
def export(db: str, folder: str) -> None:
    """Write every edition of DB to FOLDER in the native format."""
    from palmares.reports.export import export_db

    written = export_db(connect(db, readonly=True), Path(folder))
    click.echo(f"wrote {written} files to {folder}", err=True)


@cli.command("queries")
def list_queries() -> None:
    """List the canned queries and their parameters."""
    for q in query_lib.list_queries():
        click.echo(f"{q.name}: {q.title}")
        if q.description:
            click.echo(f"    {q.description}")
        for p in q.params:
            default = "required" if p.required else f"default {p.default}"
            click.echo(f"    -p {p.name} ({p.type}, {default}): {p.help}")


@cli.command()
@existing_db
@click.argument("name")
@params_option("A query parameter, e.g. -p race tour-de-france")
@output_options
def query(db: str, name: str, params: tuple[tuple[str, str], ...], output: str) -> None:
    """Run the canned query NAME against DB."""
    rows = query_lib.run(db, name, **dict(params))
    if not rows:
        # an empty answer says why: what the edition asked about holds
        click.echo(query_lib.why_empty(db, name, **dict(params)), err=True)
    if output == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif output == "csv":
        _write_csv(rows)
    else:
        click.echo(format_table(rows))


def _write_csv(rows: list[dict]) -> None:
    if not rows:
        return
    w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)


def format_table(rows: list[dict]) -> str:
    """Rows as an aligned plain-text table."""
    if not rows:
        return "(no rows)"
    cols = list(rows[0])
    cells = [["" if r[c] is None else str(r[c]) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines)


@cli.command()
@existing_db
@click.option("--port", default=8001, show_default=True, help="Port on 127.0.0.1.")
@click.option("--live", is_flag=True,
              help="Open read-only instead of immutable, to serve while loads run.")  # fmt: skip
def serve(db: str, port: int, live: bool) -> None:
    """Serve DB with Datasette on 127.0.0.1, read-only, with the canned queries."""
    from palmares.web.serve import serve_db

    conn = connect(db)
    ensure_schema(conn)
    conn.close()
    serve_db(Path(db), port=port, live=live)


@cli.command("datasette-config")
@click.option("--v1", is_flag=True, help="Datasette 1.0's datasette.yaml instead of 0.65 metadata.")
@click.option("--name", default="palmares", show_default=True, help="The database's name.")
def datasette_config(v1: bool, name: str) -> None:
    """Print the Datasette configuration generated from queries/*.sql."""
    from palmares.web.config import datasette_yaml, metadata

    click.echo(datasette_yaml(name) if v1 else json.dumps(metadata(name), indent=2))


@cli.command()
@existing_db
def check(db: str) -> None:
    """Check DB: integrity, foreign keys, orphans, reconciliation, warnings."""
    from palmares.reports.check import check_db, format_findings

    findings = check_db(connect(db, readonly=True))
    click.echo(format_findings(findings))
    if any(f.level == "error" for f in findings):
        sys.exit(1)


@cli.command()
@existing_db
@click.option(
    "--candidates",
    is_flag=True,
    required=True,
    help="Pairs of riders that may be one person, with the evidence (decide in data/identity.csv).",
)
@output_options
def riders(db: str, candidates: bool, output: str) -> None:
    """Riders: --candidates lists the likely duplicates the loader could not decide."""
    conn = connect(db, readonly=True)
    try:
        rows = candidate_pairs(conn)
    finally:
        conn.close()
    if output == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif output == "csv":
        if rows:
            _write_csv(rows)
    elif rows:
        click.echo(format_table(rows))
    if output == "table":
        click.echo(
            f"{len(rows)} pairs: names that may be one person, careers at most"
            " 3 years apart, nothing in the sources to decide (rule U: no shared race,"
            " year, bib or team; U-generation: Senior/Junior on one side only)"
        )


@cli.command()
@existing_db
@params_option("race, year and stage, e.g. -p race criterium-du-dauphine")
@click.option("--team", "teams", multiple=True, help="A team whose best riders get a line.")
@click.option("--top", default=3, show_default=True, help="How many riders each line lists.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html"]), default="text",
              show_default=True, help="Plain text, or for pasting into a CMS.")  # fmt: skip
def profile(db: str, params, teams: tuple[str, ...], top: int, fmt: str) -> None:
    """Write the "Race Profile" box of a stage, as news reports print it."""
    from palmares.reports.profile import profile_box

    given = dict(params)
    missing = [p for p in ("race", "year", "stage") if p not in given]
    if missing:
        raise click.ClickException(f"profile needs -p {' -p '.join(missing)}")
    if not given["year"].strip().isdigit():
        raise click.ClickException(f"a year like 2021 was expected, found {given['year']!r}")
    try:
        text = profile_box(connect(db, readonly=True), given["race"], int(given["year"]),
                           given["stage"], teams=list(teams), top=top, fmt=fmt)  # fmt: skip
    except ValueError as e:  # a stage label that does not parse
        raise click.ClickException(str(e)) from None
    click.echo(text)
