"""NC201 timestamp-format: Valid citation not in canonical form [HH:MM:SS] or [HH:MM:SS, HH:MM:SS]."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.model import Edit, Fix
from notecheck.note.citation import (
    CitedTime,
    canonical_citation,
)
from notecheck.note.tokens import citation
from notecheck.rules.timestamps.common import _CANONICAL, _TimestampRule

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext


@register
class TimestampFormat(_TimestampRule):
    code = "NC201"
    name = "timestamp-format"
    summary = "Valid citation not in canonical form [HH:MM:SS] or [HH:MM:SS, HH:MM:SS]."
    severity = "warning"
    fixable = "safe"
    tokens = frozenset({"timestamp"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        cited = citation(token)
        start, end = cited.bracket_start, cited.bracket_end
        first = start - cited.start  # where the bracket starts in the token's text
        bracket = token.content[first : first + end - start]
        if _CANONICAL.fullmatch(bracket):
            return
        times: list[CitedTime] = cited.times
        if any(time.seconds is None for time in times):
            return
        canonical = canonical_citation(times)
        if bracket == canonical:
            return
        span = cited.file_span(start, end)
        if note.source.slice(span) != bracket:
            return  # the bracket spans lines or escapes: leave it to a person
        note.report(self, span, f"write the citation as {canonical}", Fix((Edit(span, canonical),), "safe"))
