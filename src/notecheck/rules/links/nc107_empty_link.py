"""NC107 empty-link: Wikilink with nothing to link to: [[]], [[ ]], [[|alias]], [[#]]."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.note.tokens import wikilink_ref
from notecheck.rules.links.common import _LinkRule

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext


@register
class EmptyLink(_LinkRule):
    code = "NC107"
    name = "empty-link"
    summary = "Wikilink with nothing to link to: [[]], [[ ]], [[|alias]], [[#]]."
    tokens = frozenset({"wikilink"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        written = wikilink_ref(token)
        link = written.link
        anchor = (link.anchor or "").strip("^ ")
        if not link.target and not anchor:
            note.report(self, written.span, "empty wikilink")
