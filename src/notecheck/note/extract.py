"""Phase-1 extraction shared by every family: headings, block ids, links, citations,
suppression comments and the front matter fields other notes and rules need. What one
family gathers for its own rules (dated facts, cited claims) is the family's
(``engine.reads.Extraction``)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Any

import yaml
from markdown_it.token import Token

from notecheck.model import Span
from notecheck.note.frontmatter import FrontMatter
from notecheck.note.plugins.links import note_link
from notecheck.note.source import Source
from notecheck.note.summary import Heading, NoteSummary, Suppression
from notecheck.note.tokens import citation, placed, wikilink_ref
from notecheck.note.wikilink import parse_wikilink

_BLOCK_ID = re.compile(r"\^([A-Za-z0-9-]+)[ \t]*$", re.MULTILINE)
_FM_LINK = re.compile(r"(!?)\[\[([^\[\]\n]*?)\]\]")
# Any comment opening with "notecheck-" is a directive: one we do not know is reported (NC003).
_SUPPRESSION = re.compile(r"<!--\s*notecheck-([A-Za-z-]*)((?:[\s,]+[A-Za-z]+[0-9]*)*)\s*-->")
SUPPRESSION_KINDS = {
    "disable-next-line": "next-line",
    "disable-line": "line",
    "disable-file": "file",
    "disable": "disable",
    "enable": "enable",
}


def json_safe(value: Any) -> Any:
    """Front matter values as plain data (dates become ISO strings) for the summary and
    cache. Without recursion: a short chain of YAML aliases nests thousands deep."""
    result = _plain(value)
    pending = [(value, result)] if isinstance(value, (dict, list)) else []
    while pending:
        source, target = pending.pop()
        for key, item in source.items() if isinstance(source, dict) else enumerate(source):
            plain = _plain(item)
            if isinstance(target, dict):
                target[str(key)] = plain
            else:
                target.append(plain)
            if isinstance(item, (dict, list)):
                pending.append((item, plain))
    return result


def _plain(value: Any) -> Any:
    """A leaf as plain data, or an empty container that ``json_safe`` fills."""
    if isinstance(value, dict):
        return {}
    if isinstance(value, list):
        return []
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


class Collector:
    """Fills a NoteSummary while the engine walks the tokens."""

    def __init__(self, source: Source, front_matter: FrontMatter, summary: NoteSummary) -> None:
        self.source = source
        self.front_matter = front_matter
        self.summary = summary
        self._stack: list[tuple[int, str]] = []
        self._pending_heading: int | None = None
        self._html_lines: set[int] = set()

    def start(self) -> None:
        fm = self.front_matter
        summary = self.summary
        summary.front_matter_ok = not fm.problems
        if fm.data:
            summary.front_matter = json_safe(fm.data)
            summary.front_matter_lines = {key: info.key_span.line for key, info in fm.fields.items()}
        if fm.root is not None:
            self._front_matter_links(fm.root)

    def _front_matter_links(self, node: yaml.Node) -> None:
        lines = self.source.lines
        pending = [node]
        seen: set[int] = set()
        while pending:
            current = pending.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            if isinstance(current, yaml.MappingNode):
                pending.extend(value for _, value in current.value)
            elif isinstance(current, yaml.SequenceNode):
                pending.extend(current.value)
            elif isinstance(current, yaml.ScalarNode) and "[[" in str(current.value):
                self._links_in_scalar(current, lines)

    def _links_in_scalar(self, node: yaml.ScalarNode, lines: list[str]) -> None:
        """The links written inside one scalar of the front matter: from where it starts to
        where it ends (not a YAML comment after it, nor the next item of a flow list), on
        every line of a block scalar, and never past the closing ``---``."""
        fm = self.front_matter
        (line, column), (end_line, end_column) = fm.position(node.start_mark), fm.position(node.end_mark)
        for number in range(line, min(end_line, fm.end_line - 1) + 1):
            text = lines[number - 1] if number - 1 < len(lines) else ""
            start = column - 1 if number == line else 0
            stop = end_column - 1 if number == end_line else len(text)
            for match in _FM_LINK.finditer(text, start, stop):
                span = Span(number, match.start() + 1, number, match.end() + 1)
                link = parse_wikilink(match.group(2), embed=bool(match.group(1)))
                self.summary.links.append(link, span, match.group())

    def on_token(self, token: Token) -> None:
        kind = token.type
        if kind == "heading_open":
            self._pending_heading = int(token.tag[1:])
        elif kind == "inline":
            if self._pending_heading is not None:
                self._add_heading(self._pending_heading, token)
                self._pending_heading = None
            if "^" in token.content:
                self.summary.block_ids.update(_BLOCK_ID.findall(token.content))
            if token.map and any(child.type == "html_inline" for child in token.children or ()):
                self._suppressions(range(token.map[0], token.map[1]))
        elif kind == "html_block" and token.map:
            self._suppressions(range(token.map[0], token.map[1]))
        elif kind == "link_open" and (ref := placed(token)) is not None:
            wikilink = note_link(str(token.attrGet("href") or ""))
            if wikilink is not None:  # a Markdown link to a note: checked as a wikilink is
                span = ref.span
                self.summary.links.append(wikilink, span, sys.intern(self.source.slice(span)))
        elif kind == "wikilink":
            written = wikilink_ref(token)
            # The same links recur: one string for each way a link is written.
            self.summary.links.append(written.link, written.span, sys.intern(self.source.slice(written.span)))
        elif kind == "timestamp":
            self.summary.citations += 1
            cited = citation(token)
            assert cited.map is not None, "positions are attached by the parser"
            place = cited.map.position
            first = True
            for time in cited.times:
                if time.seconds is not None:
                    line, column = place(cited.inner_start + time.start)
                    self.summary.cited_times.extend((time.seconds, line, column, len(time.text)))
                    if first and cited.data_t is not None:
                        value, offset = cited.data_t
                        self.summary.anchors[line, column] = (*place(offset), len(value))
                first = False

    def _add_heading(self, level: int, token: Token) -> None:
        text = token.content.strip()
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        parents = tuple(heading for _, heading in self._stack)
        line = self.front_matter.file_line(token.map[0] if token.map else 0)
        self.summary.headings.append(Heading(level, text, line, parents))
        self._stack.append((level, text))

    def _suppressions(self, body_lines: range) -> None:
        offset = self.front_matter.body_start
        lines = self.source.lines
        for body_line in body_lines:
            line = body_line + offset + 1
            if line in self._html_lines or line - 1 >= len(lines):
                continue
            self._html_lines.add(line)
            for match in _SUPPRESSION.finditer(lines[line - 1]):
                codes = tuple(code.upper() for code in re.findall(r"[A-Za-z]+[0-9]*", match.group(2)))
                kind = SUPPRESSION_KINDS.get(match.group(1).lower())
                span = Span(line, match.start() + 1, line, match.end() + 1)
                if kind is None:  # reported by NC003, with the directive it names
                    kind, codes = "unknown", (f"notecheck-{match.group(1)}",)
                self.summary.suppressions.append(Suppression(kind, codes, span, line + (kind != "line")))
