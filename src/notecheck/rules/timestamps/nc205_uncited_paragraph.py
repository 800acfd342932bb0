"""NC205 uncited-paragraph: A body paragraph of a video note with no citation (off by default)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.model import Span
from notecheck.rules.timestamps.common import _TimestampRule

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext


@register
class UncitedParagraph(_TimestampRule):
    code = "NC205"
    name = "uncited-paragraph"
    summary = "A body paragraph of a video note with no citation (off by default)."
    severity = "warning"
    default_enabled = False
    tokens = frozenset({"inline"})
    _WORDS = re.compile(r"[A-Za-z]{2,}")

    def check_token(self, token: Token, note: NoteContext) -> None:
        block = note.block
        if block is None or block.type != "paragraph_open" or block.level != 0 or note.in_table:
            return
        if token.map is None:
            return
        if any(child.type == "timestamp" for child in token.children or ()):
            return
        text = token.content
        if re.match(r"^\s*\w+:\s", text) or len(self._WORDS.findall(text)) < 6:
            return  # a label line such as "From: [[channel]]", or too short to be a claim
        line = note.line_of(token)
        first = note.source.lines[line - 1]
        column = len(first) - len(first.lstrip()) + 1
        note.report(self, Span(line, column, line, len(first) + 1), "paragraph cites no time of the video")
