"""palmares.loader: results files -> records -> SQLite."""

from palmares.errors import LoadError, ParseError

__all__ = ["LoadError", "ParseError"]
