"""NC403 relative-date-conflict: A relative date ('two months later') and an explicit date
in one sentence that disagree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.rules.dates.common import _DateRule

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class RelativeDateConflict(_DateRule):
    code = "NC403"
    name = "relative-date-conflict"
    summary = "A relative date ('two months later') and an explicit date in one sentence that disagree."

    def check_note(self, note: NoteContext) -> None:
        for fact in note.summary.facts:
            if fact.conflict:
                note.report(self, fact.span, fact.conflict)
