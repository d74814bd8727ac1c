"""Errors that carry the file, line and column of bad input."""

from __future__ import annotations

import click


class ParseError(ValueError):
    """A value that does not parse; readers add the file and line."""


class LoadError(click.ClickException):
    """Bad input: one clear line naming the file, the line and what was expected."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.reason = message
        super().__init__(message)

    def format_message(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f": column {self.column!r}"
        return f"{where}: {self.reason}"

    def __str__(self) -> str:
        return self.format_message()
