"""Citations as ``timestamp`` tokens: ``[HH:MM:SS]``, ``[HH:MM:SS, HH:MM:SS]``, a linked
``[03:11](https://youtu.be/ID?t=191)``, and the anchor most machine-written notes use,
``<a class="yt-timestamp" data-t="00:03:11">[00:03:11]</a>``, which is one citation.

Offsets in ``meta`` are in the inline content (or, for citations found inside an HTML
block, in the block's content): ``start``/``end`` cover the whole citation (the anchor
included), ``bracket_start``/``bracket_end`` the bracket, ``inner_start`` its text.
An anchor's ``data_t`` is ``(value, offset of the value)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from notecheck.note.citation import parse_citation

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


def _meta(src: str, start: int, bracket_start: int, bracket_end: int, end: int) -> dict:
    return {
        "times": None,
        "inner_start": bracket_start + 1,
        "bracket_start": bracket_start,
        "bracket_end": bracket_end,
        "url": None,
        "data_t": None,
        "start": start,
        "end": end,
    }


def match_anchor(src: str, pos: int) -> dict | None:
    """The meta of an anchor citation starting at ``pos``, or None."""
    match = ANCHOR.match(src, pos)
    if not match:
        return None
    times = parse_citation(match.group("inner"))
    if times is None:
        return None
    inner_start = match.start("inner")
    meta = _meta(src, pos, inner_start - 1, match.end("inner") + 1, match.end())
    meta["times"] = times
    href = HREF.search(match.group("attrs"))
    if href:  # a link to the video at a time: NC206 checks its t= as for a linked citation
        meta["url"] = next(value for value in href.groups() if value is not None)
    data_t = DATA_T.search(match.group("attrs"))
    if data_t:
        group = next(name for name in ("dq", "sq", "bare") if data_t.group(name) is not None)
        meta["data_t"] = (data_t.group(group), match.start("attrs") + data_t.start(group))
    return meta


def match_bracket(src: str, pos: int, links: bool = True) -> dict | None:
    """The meta of a bracket citation (optionally linked) starting at ``pos``, or None."""
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
    meta = _meta(src, pos, pos, match.end(), end)
    meta["times"] = times
    meta["url"] = url
    return meta


def _push(state: StateInline, meta: dict) -> None:
    token = state.push("timestamp", "", 0)
    token.content = state.src[meta["start"] : meta["end"]]
    token.meta = meta


def _inline_rule(opening: str, match: Callable[[str, int], dict | None]) -> Callable[[StateInline, bool], bool]:
    """A markdown-it inline rule that makes a ``timestamp`` token of what ``match`` finds."""

    def rule(state: StateInline, silent: bool) -> bool:
        if not state.src.startswith(opening, state.pos):
            return False
        meta = match(state.src, state.pos)
        if meta is None:
            return False
        if not silent:
            _push(state, meta)
        state.pos = meta["end"]
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
        meta = match_anchor(content, start) if content[start] == "<" else match_bracket(content, start, links=False)
        if meta is None:
            pos = start + 1
            continue
        token = Token("timestamp", "", 0)
        token.content = content[meta["start"] : meta["end"]]
        meta["html_block"] = True
        token.meta = meta
        found.append(token)
        pos = meta["end"]


def timestamps_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "timestamp", _timestamp)
    md.inline.ruler.before("html_inline", "yt_anchor", _anchor)
