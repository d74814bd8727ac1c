"""palmares' exceptions: plain Python, no CLI in them.

Every error a user can cause is a `PalmaresError`; the command line
(`palmares.cli`) turns one into a single line and exit status 1, the site into
a 400 or 404 page. `LoadError` carries the file, line and column of bad input.
"""

from __future__ import annotations


class PalmaresError(Exception):
    """An error a user can cause and fix: its message is one clear line."""


class ParseError(ValueError):
    """A value that does not parse; readers add the file and line."""


class LoadError(PalmaresError):
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

    @property
    def message(self) -> str:
        """The reason alone, without the place."""
        return self.reason

    def format_message(self) -> str:
        """'file:line: column 'x': reason'."""
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f": column {self.column!r}"
        return f"{where}: {self.reason}"

    def __str__(self) -> str:
        return self.format_message()


class QueryError(PalmaresError, ValueError):
    """An unknown query or a parameter that does not fit."""


class ProfileError(PalmaresError, ValueError):
    """A race, edition, stage or team that is unknown, or a stage without results."""
