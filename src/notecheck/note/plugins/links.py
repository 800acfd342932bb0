"""Markdown links (``[text](Note%20name.md#Heading)``) with their offsets, so that links to
notes are checked as wikilinks are (Obsidian writes them when "Use [[Wikilinks]]" is off).

markdown-it's own link rule parses them; this wraps it to note where each link starts and
ends in the inline content (``start``/``end`` in the ``link_open`` token's ``meta``), which
the positions core rule turns into a file span.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline import link as builtin_link

from notecheck.note.tokens import Placed
from notecheck.note.wikilink import WikiLink, link

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,8})$")


def _link(state: StateInline, silent: bool) -> bool:
    start = state.pos
    count = len(state.tokens)
    if not builtin_link(state, silent):
        return False
    if not silent:  # the pending text before the link may have been pushed first
        for token in state.tokens[count : count + 2]:
            if token.type == "link_open":
                token.meta = {"ref": Placed(start=start, end=state.pos)}
                break
    return True


def note_link(href: str) -> WikiLink | None:
    """The wikilink a Markdown link's destination stands for, when it leads to a note of
    the vault (``Note.md``, ``folder/Note``, ``#Heading``); None for URLs with a scheme,
    ``//host`` links and links to other kinds of file."""
    if not href or _SCHEME.match(href) or href.startswith("//"):
        return None
    path, hash_, anchor = unquote(href).partition("#")
    extension = _EXTENSION.search(path.rsplit("/", 1)[-1])
    if extension and extension.group(1).lower() != "md":
        return None
    target = path[:-3] if extension else path
    return link(target.strip(), anchor.strip() if hash_ else None, None, False)


def markdown_links_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.at("link", _link)
