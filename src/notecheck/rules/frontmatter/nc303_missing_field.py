"""NC303 missing-field: A required front matter field is absent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.rules.frontmatter.common import _FrontMatterRule, _top_span
from notecheck.vault.discovery import glob_spec

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class MissingField(_FrontMatterRule):
    code = "NC303"
    name = "missing-field"
    summary = "A required front matter field is absent."

    def check_note(self, note: NoteContext) -> None:
        fm = note.front_matter
        if fm.problems or (not fm.present and not note.is_video_note):
            return
        data = fm.data or {}
        required: list[str] = []
        if note.is_video_note and fm.present:
            required.extend(self.settings["required"])
        for entry in self.settings["rules"]:
            if glob_spec(tuple(entry.get("paths", []))).match_file(note.rel):
                required.extend(entry.get("required", []))
        for key in dict.fromkeys(required):
            if key not in data:
                note.report(self, _top_span(note), f"required field '{key}' is missing")
