"""NC301 missing-front-matter: A video note without a front matter block."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.model import Span
from notecheck.rules.frontmatter.common import _FrontMatterRule

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class MissingFrontMatter(_FrontMatterRule):
    code = "NC301"
    name = "missing-front-matter"
    summary = "A video note without a front matter block."

    def check_note(self, note: NoteContext) -> None:
        if not note.front_matter.present and note.is_video_note:
            note.report(self, Span.point(1), "video note has no front matter block (--- ... --- at the top)")
