"""The data that flows between the engine, the rules and the reporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
Applicability = Literal["safe", "unsafe"]


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A range of text in the original file: 1-based lines and columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int = 1) -> Span:
        return cls(line, column, line, column)


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that together repair one finding."""

    edits: tuple[Edit, ...]
    applicability: Applicability = "safe"

    def to_json(self) -> dict[str, object]:
        return {
            "applicable": self.applicability,
            "edits": [edit.to_json() for edit in self.edits],
        }


@dataclass(frozen=True, slots=True)
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


@dataclass
class NoteStats:
    """Counts gathered while checking, for ``--statistics`` and the corpus script."""

    notes: int = 0
    links: int = 0
    citations: int = 0
    extra: dict[str, int] = field(default_factory=dict)
