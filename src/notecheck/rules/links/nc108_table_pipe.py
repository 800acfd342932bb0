"""NC108 table-pipe: Unescaped '|' inside a wikilink in a table row splits the table cell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.model import Edit, Fix, Span
from notecheck.rules.links.common import _CODE_SPAN, _TABLE_LINK, _LinkRule

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext


@register
class TablePipe(_LinkRule):
    code = "NC108"
    name = "table-pipe"
    summary = "Unescaped '|' inside a wikilink in a table row splits the table cell."
    fixable = "safe"
    tokens = frozenset({"tr_open"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        if token.map is None:
            return
        line = note.line_of(token)
        text = note.source.lines[line - 1]
        masked = _CODE_SPAN.sub(lambda m: " " * len(m.group()), text)
        for match in _TABLE_LINK.finditer(masked):
            for index in range(match.start(), match.end()):
                if masked[index] == "|" and masked[index - 1] != "\\":
                    span = Span(line, index + 1, line, index + 2)
                    fix = Fix((Edit(span, "\\|"),), "safe")
                    note.report(self, span, "unescaped '|' in a wikilink splits the table cell: write '\\|'", fix)
