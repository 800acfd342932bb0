"""NC307 invalid-date-field: A date field (uploadDate, date, created, ...) that is not a real date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.rules.frontmatter.common import _field_span, _FrontMatterRule, is_real_date

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class InvalidDateField(_FrontMatterRule):
    code = "NC307"
    name = "invalid-date-field"
    summary = "A date field (uploadDate, date, created, ...) that is not a real date."

    def check_note(self, note: NoteContext) -> None:
        data = note.front_matter.data or {}
        for key in self.settings["date-fields"]:
            if key in data and data[key] not in (None, "") and not is_real_date(key, data[key]):
                expected = "YYYYMMDD" if key == "upload_date" else "YYYY-MM-DD"
                note.report(self, _field_span(note, key), f"'{key}' is not a real date ({expected}): {data[key]!r}")
