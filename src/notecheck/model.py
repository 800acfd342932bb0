"""The data that flows between the engine, the rules and the reporters."""

from __future__ import annotations

import operator
from dataclasses import dataclass, fields
from typing import Literal, NamedTuple, TypeVar, dataclass_transform

T = TypeVar("T")

Severity = Literal["error", "warning"]
Applicability = Literal["safe", "unsafe"]


def fast_pickle(cls: type[T]) -> type[T]:
    """Pickle a frozen slots dataclass as a call of its constructor.

    dataclasses' own ``__setstate__`` for slots classes calls ``fields()`` for every object
    it loads: reading a warm run's 28,000 findings back from the cache spent half the
    run there. Summaries and findings travel by pickle (cache, worker processes)."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    get = operator.attrgetter(*names)
    if len(names) == 1:
        cls.__reduce__ = lambda self: (cls, (get(self),))  # type: ignore[method-assign]
    else:
        cls.__reduce__ = lambda self: (cls, get(self))  # type: ignore[method-assign]
    return cls


@dataclass_transform()
def record(cls: type[T]) -> type[T]:
    """A small value class: a slots dataclass compared and hashed by value, pickled as a
    call of its constructor. Not frozen, on purpose: a frozen dataclass sets each field
    through ``object.__setattr__`` and is built four times slower (0.82 vs 0.19 µs with
    seven fields), and a run builds and unpickles hundreds of thousands of these.
    Nothing assigns to their fields once built."""
    return fast_pickle(dataclass(slots=True, unsafe_hash=True)(cls))


class Span(NamedTuple):
    """A range of text in the original file: 1-based lines and columns, end exclusive.

    A named tuple, not a dataclass: a run makes hundreds of thousands of them, and a
    tuple is built three times faster, is smaller, and pickles as plain data."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int = 1) -> Span:
        return cls(line, column, line, column)


@record
class Edit:
    """Replace the text of ``span`` with ``content``."""

    span: Span
    content: str

    def to_json(self) -> dict[str, object]:
        return {
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "content": self.content,
        }


@record
class Fix:
    """Edits that together repair one finding."""

    edits: tuple[Edit, ...]
    applicability: Applicability = "safe"

    def to_json(self) -> dict[str, object]:
        return {
            "applicable": self.applicability,
            "edits": [edit.to_json() for edit in self.edits],
        }


@record
class Finding:
    path: str
    span: Span
    code: str
    name: str
    severity: Severity
    message: str
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.line, self.span.column, self.code, self.message)


def clip(text: str, limit: int = 60) -> str:
    """Text from a note as a message shows it: at most ``limit`` characters, ``…`` where cut
    (a 200,000-digit "number" or a megabyte title must not flood the output, W-11)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clipped_repr(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, without building the whole repr of a
    huge list or string first."""
    if isinstance(value, str):
        return repr(clip(value, limit))[: limit + 2]
    if isinstance(value, (list, tuple)) and len(value) > 8:
        value = [*value[:8], ...]
    return clip(repr(value), limit)
