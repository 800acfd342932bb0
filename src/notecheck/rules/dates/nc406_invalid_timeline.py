"""NC406 invalid-timeline: A malformed 'timeline' entry in front matter (no date, a date
that does not parse, bad 'match')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.model import Span
from notecheck.rules.dates.common import _DateRule, _entry_problem

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class InvalidTimeline(_DateRule):
    code = "NC406"
    name = "invalid-timeline"
    summary = "A malformed 'timeline' entry in front matter (no date, a date that does not parse, bad 'match')."

    def check_note(self, note: NoteContext) -> None:
        import yaml

        fm = note.front_matter
        info = fm.fields.get("timeline")
        if info is None or fm.data is None:
            return
        value = fm.data.get("timeline")
        if not isinstance(value, list) or not isinstance(info.node, yaml.SequenceNode):
            note.report(self, info.key_span, "'timeline' must be a list of entries with 'date' and 'event'")
            return
        for entry, node in zip(value, info.node.value, strict=False):
            span = fm.mark_to_span(node.start_mark, node.start_mark)
            span = Span(span.line, span.column, span.line, span.column + 1)
            problem = _entry_problem(entry)
            if problem:
                note.report(self, span, f"timeline entry ignored: {problem}")
