"""NC202 invalid-timestamp: A citation time that cannot be: 60 or more minutes or seconds, or a malformed time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.model import Span
from notecheck.note.citation import (
    parse_citation,
)
from notecheck.note.tokens import citation
from notecheck.rules.timestamps.common import _time_span, _TimestampRule

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext


@register
class InvalidTimestamp(_TimestampRule):
    code = "NC202"
    name = "invalid-timestamp"
    summary = "A citation time that cannot be: 60 or more minutes or seconds, or a malformed time."
    tokens = frozenset({"timestamp"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        for time in citation(token).times:
            if time.seconds is None:
                note.report(self, _time_span(token, time), f"invalid citation time: {time.problem}")

    def check_note(self, note: NoteContext) -> None:
        """``[00:07]: word`` at the start of a line is a Markdown link reference definition:
        the citation vanishes from the rendered note."""
        for label, reference in note.references.items():
            if parse_citation(label) is None or not reference.get("map"):
                continue
            line = note.front_matter.file_line(reference["map"][0])
            text = note.source.lines[line - 1]
            column = text.find("[") + 1
            end = text.find("]:", column) + 3 if "]:" in text else column + 1
            note.report(
                self,
                Span(line, column, line, end),
                f"citation [{label}] followed by ':' is read as a link reference definition and vanishes",
            )
