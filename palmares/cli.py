"""The `palmares` command: click commands only; the work is in the library."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from palmares import queries as query_lib
from palmares.db import connect, ensure_schema, init_db
from palmares.errors import PalmaresError
from palmares.loader.load import FileReport, expand_paths, load_file
from palmares.loader.riders import candidate_pairs


class PalmaresGroup(click.Group):
    """The command group: a library error becomes one line and exit status 1, here only."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PalmaresError as e:
            raise click.ClickException(str(e)) from None


# options several commands share, declared once (the sqlite-utils manner)
def existing_db(fn):
    """DB: an existing database file."""
    return click.argument("db", type=click.Path(exists=True, dir_okay=False))(fn)


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
@click.argument("db", type=click.Path(dir_okay=False))
def init(db: str) -> None:
    """Create an empty palmares database (safe to repeat)."""
    init_db(db).close()
    click.echo(f"initialised {db}", err=True)


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", help="Force a reader instead of detecting it from content.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def load(db: str, paths: tuple[str, ...], fmt: str | None, quiet: bool) -> None:
    """Load results files and folders into DB, one transaction per file."""
    conn = init_db(db)
    reports = _load_with_progress(conn, paths, fmt, quiet)
    if not quiet:
        _print_summary(reports)


def _load_with_progress(conn, paths, fmt, quiet) -> list[FileReport]:
    files = expand_paths(paths)
    reports: list[FileReport] = []
    show = not quiet and sys.stderr.isatty()
    with click.progressbar(
        files,
        label="loading",
        file=sys.stderr,
        hidden=not show,
        item_show_func=lambda f: f[0].name if f else "",
    ) as bar:
        for path, explicit in bar:
            report = load_file(conn, path, fmt, explicit)
            if report is not None:
                reports.append(report)
    return reports


def _print_summary(reports: list[FileReport]) -> None:
    for r in reports:
        if r.skipped:
            click.echo(f"{r.path}: already loaded, unchanged", err=True)
            continue
        counts = ", ".join(f"{n} {k}" for k, n in sorted(r.counts.items()))
        extra = f", {r.warnings} warnings" if r.warnings else ""
        again = " (replaced an earlier version)" if r.replaced else ""
        click.echo(f"{r.path} [{r.format}]: {counts or 'no rows'}{extra}{again}", err=True)
    total = sum(r.rows for r in reports)
    warned = sum(r.warnings for r in reports)
    click.echo(f"{len(reports)} files, {total} records, {warned} warnings", err=True)
    if warned:
        click.echo("see the warnings table: palmares query DB warnings", err=True)


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False), default="palmares.db")
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
    reports = _load_with_progress(conn, [data_dir], None, quiet)
    if not quiet:
        _print_summary(reports)


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
