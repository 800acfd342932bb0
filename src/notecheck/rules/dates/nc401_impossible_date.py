"""NC401 impossible-date: A date that does not exist: February 30, 1994; 31 April 2001; 2008-13-02."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.rules.dates.common import _DateRule

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class ImpossibleDate(_DateRule):
    code = "NC401"
    name = "impossible-date"
    summary = "A date that does not exist: February 30, 1994; 31 April 2001; 2008-13-02."

    def check_note(self, note: NoteContext) -> None:
        for fact in note.summary.facts:
            if fact.mention.problem:
                note.report(self, fact.span, f"'{fact.mention.text}' is not a date: {fact.mention.problem}")
