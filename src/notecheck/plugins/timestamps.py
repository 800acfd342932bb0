"""``[HH:MM:SS]`` and ``[HH:MM:SS, HH:MM:SS]`` citations (optionally linked) as ``timestamp`` tokens."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from notecheck.citation import parse_citation

_BRACKET = re.compile(r"\[([^\[\]\n]{1,200})\]")
_LINK_TAIL = re.compile(r"\(\s*<?([^()\s<>]+)>?\s*\)")


def _timestamp(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = _BRACKET.match(state.src, state.pos)
    if not match:
        return False
    times = parse_citation(match.group(1))
    if times is None:
        return False
    end = match.end()
    url = None
    tail = _LINK_TAIL.match(state.src, end)
    if tail:
        url = tail.group(1)
        end = tail.end()
    if not silent:
        token = state.push("timestamp", "", 0)
        token.content = state.src[state.pos : end]
        token.meta = {
            "times": times,
            "inner_start": state.pos + 1,
            "bracket_end": match.end(),
            "url": url,
            "start": state.pos,
            "end": end,
        }
    state.pos = end
    return True


def timestamps_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "timestamp", _timestamp)
