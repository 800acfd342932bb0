"""NC302 invalid-front-matter: Front matter that is not valid YAML, never closed, not a mapping, or uses unsafe tags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.model import Span
from notecheck.rules.frontmatter.common import _FrontMatterRule

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class InvalidFrontMatter(_FrontMatterRule):
    code = "NC302"
    name = "invalid-front-matter"
    summary = "Front matter that is not valid YAML, never closed, not a mapping, or uses unsafe tags."

    def check_note(self, note: NoteContext) -> None:
        for problem in note.front_matter.problems:
            note.report(self, Span.point(problem.line, problem.column), problem.message)
