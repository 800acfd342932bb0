"""NC402 weekday-mismatch: A weekday that does not match its date: Sunday, November 3, 1990 (a Saturday)."""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.rules.dates.common import _DateRule

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class WeekdayMismatch(_DateRule):
    code = "NC402"
    name = "weekday-mismatch"
    summary = "A weekday that does not match its date: Sunday, November 3, 1990 (a Saturday)."

    def check_note(self, note: NoteContext) -> None:
        from notecheck.rules.dates.dating import describe

        for fact in note.summary.facts:
            weekday, when = fact.mention.weekday, fact.when
            if weekday and when is not None and when.granularity == "day":
                actual = calendar.day_name[when.start.weekday()]
                if actual != weekday:
                    note.report(self, fact.span, f"{describe(when)} was a {actual}, not a {weekday}")
