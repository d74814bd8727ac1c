"""CSV reading shared by the readers: line numbers, header checks, encodings."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from palmares.errors import LoadError

# A single field larger than this is not results data.
MAX_FIELD = 1_000_000


def open_text(path: Path) -> io.TextIOWrapper:
    """Open a UTF-8 file (a BOM is allowed); other encodings are a clear error."""
    with open(path, "rb") as f:
        start = f.read(4)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(
            "UTF-8 text was expected, found UTF-16 (save the file as UTF-8)", str(path), 1
        )
    # newline="\n": only LF ends a line, so a lone CR inside a quoted field does
    # not shift the line numbers errors report (CRLF files still read right)
    return open(path, encoding="utf-8-sig", newline="\n", errors="strict")


def _check_utf8(path: Path) -> None:
    with open(path, "rb") as f:
        for n, raw in enumerate(f, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                raise LoadError(
                    "UTF-8 text was expected, found bytes in another encoding "
                    "(Latin-1? save the file as UTF-8)",
                    str(path),
                    n,
                ) from None


def iter_rows(
    path: Path, required: Iterable[str] = (), *, what: str = "a CSV file"
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line, row) for each data row; `line` is where the row starts.

    Checks the header holds `required` columns, every row has as many fields
    as the header, and no field is absurdly long.
    """
    path = Path(path)
    csv.field_size_limit(MAX_FIELD + 1)
    f = open_text(path)
    try:
        reader = csv.reader(f, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise LoadError(
                f"{what} with a header row was expected, found an empty file", str(path), 1
            ) from None
        except csv.Error as e:
            raise _row_error(e, path, 1) from None
        header = [h.strip() for h in header]
        _check_header(header, path)
        missing = [c for c in required if c not in header]
        if missing:
            raise LoadError(
                f"expected columns {', '.join(missing)} in the header, found {', '.join(header)}",
                str(path),
                1,
            )
        line = reader.line_num + 1
        width = len(header)
        rows = 0
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                raise _row_error(e, path, line) from None
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                line = reader.line_num + 1
                continue
            if len(fields) != width:
                raise LoadError(
                    f"{width} fields as in the header were expected, found {len(fields)}",
                    str(path),
                    line,
                )
            for name, value in zip(header, fields, strict=True):
                if len(value) > MAX_FIELD:
                    raise LoadError(
                        f"a field of at most {MAX_FIELD} characters was expected",
                        str(path),
                        line,
                        name,
                    )
                if "\x00" in value:
                    raise LoadError(
                        "text was expected, found a NUL byte (binary data?)", str(path), line, name
                    )
            yield line, dict(zip(header, fields, strict=True))
            rows += 1
            line = reader.line_num + 1
        if not rows:
            raise LoadError(
                f"{what} with rows after its header was expected, found only the header",
                str(path),
                line,
            )
    except UnicodeDecodeError:
        f.close()
        _check_utf8(path)
        raise
    finally:
        f.close()


def _row_error(e: csv.Error, path: Path, line: int) -> LoadError:
    """A csv module error as one clear line."""
    if "new-line character" in str(e):
        return LoadError(
            "lines ending in LF or CRLF were expected, found a lone CR (an old Mac line end; "
            "save the file with Windows or Unix line ends)",
            str(path),
            line,
        )
    if "field larger than field limit" in str(e):
        return LoadError(
            f"a field of at most {MAX_FIELD} characters was expected, found a longer one",
            str(path),
            line,
        )
    return LoadError(f"a well-formed CSV row was expected ({e})", str(path), line)


def _check_header(header: list[str], path: Path) -> None:
    """Each column once: a second 'rider' column would silently hide the first."""
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise LoadError(
                f"each column once in the header was expected, found {name!r} twice", str(path), 1
            )
        seen.add(name)


def read_header(path: Path) -> list[str]:
    """The header row of a CSV file ([] when it has none)."""
    with open_text(path) as f:
        first = f.readline()
    return [h.strip() for h in next(csv.reader([first]), [])]


def header_of(head: str) -> list[str]:
    """The header row parsed from the start of a file's text."""
    first = head.splitlines()[0] if head else ""
    return [h.strip().lstrip("\ufeff") for h in next(csv.reader([first]), [])]


def cell(row: dict[str, str], column: str) -> str:
    """A trimmed field; formula cells are refused (spreadsheet injection)."""
    value = (row.get(column) or "").strip()
    return value
