"""Citations as ``timestamp`` tokens: ``[HH:MM:SS]``, ``[HH:MM:SS, HH:MM:SS]``, a linked
``[03:11](https://youtu.be/ID?t=191)``, and the anchor most machine-written notes use,
``<a class="yt-timestamp" data-t="00:03:11">[00:03:11]</a>``, which is one citation.

Each token's ``meta["ref"]`` is its ``Citation`` (``notecheck.note.tokens``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from notecheck.note.citation import parse_citation
from notecheck.note.tokens import Citation

_BRACKET = re.compile(r"\[([^\[\]\n]{1,200})\]")
_LINK_TAIL = re.compile(r"\(\s*<?([^()\s<>]+)>?\s*\)")
# An anchor of class yt-timestamp whose only content is one bracketed citation.
ANCHOR = re.compile(
    r"<a\s(?P<attrs>[^<>]{0,400}?\bclass\s*=\s*[\"'][^\"'<>]*\byt-timestamp\b[^<>]{0,400}?)>"
    r"\s*\[(?P<inner>[^\[\]\n]{1,200})\]\s*</a\s*>",
    re.IGNORECASE,
)
HREF = re.compile(r"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
DATA_T = re.compile(r"\bdata-t\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'=<>`]+))", re.IGNORECASE)


def match_anchor(src: str, pos: int) -> Citation | None:
    """The anchor citation starting at ``pos``, or None."""
    match = ANCHOR.match(src, pos)
    if not match:
        return None
    times = parse_citation(match.group("inner"))
    if times is None:
        return None
    found = Citation(
        start=pos,
        end=match.end(),
        bracket_start=match.start("inner") - 1,
        bracket_end=match.end("inner") + 1,
        times=times,
    )
    href = HREF.search(match.group("attrs"))
    if href:  # a link to the video at a time: NC206 checks its t= as for a linked citation
        found.url = next(value for value in href.groups() if value is not None)
    data_t = DATA_T.search(match.group("attrs"))
    if data_t:
        group = next(name for name in ("dq", "sq", "bare") if data_t.group(name) is not None)
        found.data_t = (data_t.group(group), match.start("attrs") + data_t.start(group))
    return found


def match_bracket(src: str, pos: int, links: bool = True) -> Citation | None:
    """The bracket citation (optionally linked) starting at ``pos``, or None."""
    match = _BRACKET.match(src, pos)
    if not match:
        return None
    times = parse_citation(match.group(1))
    if times is None:
        return None
    end = match.end()
    url = None
    tail = _LINK_TAIL.match(src, end) if links else None
    if tail:
        url = tail.group(1)
        end = tail.end()
    return Citation(start=pos, end=end, bracket_start=pos, bracket_end=match.end(), times=times, url=url)


def _push(state: StateInline, found: Citation) -> None:
    token = state.push("timestamp", "", 0)
    token.content = state.src[found.start : found.end]
    token.meta = {"ref": found}


def _inline_rule(opening: str, match: Callable[[str, int], Citation | None]) -> Callable[[StateInline, bool], bool]:
    """A markdown-it inline rule that makes a ``timestamp`` token of what ``match`` finds."""

    def rule(state: StateInline, silent: bool) -> bool:
        if not state.src.startswith(opening, state.pos):
            return False
        found = match(state.src, state.pos)
        if found is None:
            return False
        if not silent:
            _push(state, found)
        state.pos = found.end
        return True

    return rule


_timestamp = _inline_rule("[", match_bracket)
_anchor = _inline_rule("<a", match_anchor)


_IN_BLOCK = re.compile(r"<a\s|\[")
_RAW_BLOCK = re.compile(r"\s*<(?:pre|script|style|textarea)\b", re.IGNORECASE)
_NOT_READ = re.compile(r"<!--.*?(?:-->|\Z)|<code\b.*?(?:</code\s*>|\Z)", re.IGNORECASE | re.DOTALL)


def block_citations(content: str) -> list[Token]:
    """Citations written inside an HTML block (``<div class="admonition">...</div>``),
    which markdown-it hands over as raw text: anchors and bare brackets, as tokens."""
    found: list[Token] = []
    if _RAW_BLOCK.match(content):
        return found
    if "<!--" in content or "<code" in content.lower():  # comments and code are not citations
        content = _NOT_READ.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), content)
    pos = 0
    while True:
        match = _IN_BLOCK.search(content, pos)
        if match is None:
            return found
        start = match.start()
        cited = match_anchor(content, start) if content[start] == "<" else match_bracket(content, start, links=False)
        if cited is None:
            pos = start + 1
            continue
        token = Token("timestamp", "", 0)
        token.content = content[cited.start : cited.end]
        cited.in_html_block = True
        token.meta = {"ref": cited}
        found.append(token)
        pos = cited.end


def timestamps_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "timestamp", _timestamp)
    md.inline.ruler.before("html_inline", "yt_anchor", _anchor)
