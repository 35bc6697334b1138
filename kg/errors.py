"""Domain errors. The CLI turns each into one line on stderr, once."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error a user can cause. ``str(error)`` is the one-line message."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 hint: str | None = None):
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(self.format())

    def format(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class SourceError(KgError):
    """An input file or record cannot be read as an article."""


class StoreError(KgError):
    """The store cannot be opened or written."""


class StoreLockedError(StoreError):
    """Another process holds the store."""


class QueryError(KgError):
    """A query cannot be found, parsed, bound or run."""


class GoldError(KgError):
    """A gold annotation file is malformed."""


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded."""


class RuleDataError(KgError):
    """A rule data file (patterns, name variants) is malformed."""
