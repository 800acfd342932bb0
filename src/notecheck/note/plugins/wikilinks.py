"""``[[target#anchor|alias]]`` and ``![[embed]]`` as ``wikilink`` tokens.

The token's ``meta`` holds the parsed parts and ``start``/``end``: offsets in the
inline content, which the positions core rule turns into file positions.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from notecheck.note.tokens import WikiLinkRef
from notecheck.note.wikilink import parse_wikilink

MAX_LINK_LENGTH = 2048


def _wikilink(state: StateInline, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    if src.startswith("![[", pos):
        inner_start = pos + 3
    elif src.startswith("[[", pos):
        inner_start = pos + 2
    else:
        return False
    # Bounded search: a wikilink is never longer than this, and an unbounded search
    # would make a long line of '[[' quadratic.
    close = src.find("]]", inner_start, inner_start + MAX_LINK_LENGTH)
    if close < 0:
        return False
    inner = src[inner_start:close]
    if "\n" in inner or "[[" in inner:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.content = src[pos : close + 2]
        link = parse_wikilink(inner, embed=inner_start - pos == 3)
        token.meta = {"ref": WikiLinkRef(start=pos, end=close + 2, link=link)}
    state.pos = close + 2
    return True


def wikilinks_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "wikilink", _wikilink)
