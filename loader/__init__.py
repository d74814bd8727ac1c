"""palmares.loader: results files -> records -> SQLite."""

from .errors import LoadError, ParseError

__all__ = ["LoadError", "ParseError"]
