"""The one markdown-it-py parser notecheck uses, with its plugins and source positions."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from notecheck.note.plugins.links import markdown_links_plugin
from notecheck.note.plugins.timestamps import block_citations, timestamps_plugin
from notecheck.note.plugins.wikilinks import wikilinks_plugin
from notecheck.note.positions import InlineMap
from notecheck.note.tokens import citation, placed


def _attach_positions(state: StateCore) -> None:
    """Give every plugin token (``note.tokens``) its file ``span`` and its paragraph's map."""
    lines: list[str] = state.env.get("lines", [])
    line_offset: int = state.env.get("line_offset", 0)
    cursors: dict[int, int] = {}  # per body line: where the previous table cell ended
    previous: Token | None = None
    for token in state.tokens:
        in_cell = previous is not None and previous.type in ("td_open", "th_open")
        previous = token
        if token.type == "html_block" and token.map is not None and "[" in token.content:
            _html_block_citations(token, lines, line_offset)
            continue
        if token.type != "inline" or token.map is None:
            continue
        first = token.map[0]
        if in_cell:
            row = lines[first] if first < len(lines) else ""
            cursor = cursors.get(first, 0)
            if cursor == 0:
                cursor = len(row) - len(row.lstrip())
        else:
            cursor = 0
        mapper: InlineMap | None = None
        citations: list[Token] = []  # the paragraph's citation tokens, for NC207's claims
        for child in token.children or ():
            ref = placed(child)
            if ref is None:
                continue
            if mapper is None:
                mapper = InlineMap(token.content, first, lines, line_offset, cursor)
                token.meta["map"] = mapper  # the date and claim readers map offsets with it too
            ref.span = mapper.span(ref.start, ref.end)
            ref.map = mapper
            if child.type == "timestamp":
                citations.append(child)
        if citations:
            token.meta["citations"] = citations
        if in_cell:
            if mapper is None:
                mapper = InlineMap(token.content, first, lines, line_offset, cursor)
            cursors[first] = max(mapper.end_column, cursor + 1)


def _html_block_citations(token: Token, lines: list[str], line_offset: int) -> None:
    """Citations inside an HTML block become the block's children, with file spans."""
    children = block_citations(token.content)
    if not children or token.map is None:
        return
    mapper = InlineMap(token.content, token.map[0], lines, line_offset)
    for child in children:
        ref = citation(child)
        ref.span = mapper.span(ref.start, ref.end)
        ref.map = mapper
    token.children = children


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """CommonMark plus tables and strikethrough; no linkify (every citation would set it off)."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    wikilinks_plugin(md)
    markdown_links_plugin(md)
    timestamps_plugin(md)
    md.core.ruler.after("inline", "notecheck_positions", _attach_positions)
    return md


def parse_body(lines: list[str], line_offset: int) -> tuple[list[Token], dict[str, Any]]:
    """Tokens of the body ``lines`` (the lines after the front matter), and markdown-it's
    ``env`` (its ``references`` hold link reference definitions, which leave no token)."""
    env: dict[str, Any] = {"lines": lines, "line_offset": line_offset}
    return markdown_parser().parse("\n".join(lines), env), env
