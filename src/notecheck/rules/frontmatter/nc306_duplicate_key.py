"""NC306 duplicate-key: The same front matter key twice; YAML keeps only the last value."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.rules.frontmatter.common import _FrontMatterRule

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class DuplicateKey(_FrontMatterRule):
    code = "NC306"
    name = "duplicate-key"
    summary = "The same front matter key twice; YAML keeps only the last value."

    def check_note(self, note: NoteContext) -> None:
        for key, span, first_line in note.front_matter.duplicates:
            note.report(self, span, f"key '{key}' repeats line {first_line}; the earlier value is lost")
