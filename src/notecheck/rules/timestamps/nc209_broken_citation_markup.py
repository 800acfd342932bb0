"""NC209 broken-citation-markup: citation markup that renders as raw text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.model import Edit, Fix, Span
from notecheck.note.citation import parse_citation
from notecheck.rules.timestamps.common import _TimestampRule

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext

_OPEN = re.compile(r"<a\s[^<>]*?\bclass\s*=\s*[\"'][^\"'<>]*\byt-timestamp\b[^<>]*>", re.IGNORECASE)
_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_BRACKET_TIME = re.compile(r"\s*\[([^\[\]\n]{1,200})\]")
_BARE_TIME = re.compile(r"\s*(\d{1,2}(?::\d{2}){1,2})\s*$")
_WRAPPER = re.compile(r"\[([^\[\]\n]{1,200})\]\(\s*$")  # "[00:00:04](" just before an anchor
_TAG = re.compile(r"<[^<>]*>")
_NOT_READ = re.compile(r"(`+)(?:(?!\1).)+?\1|<!--.*?(?:-->|$)")


@register
class BrokenCitationMarkup(_TimestampRule):
    code = "NC209"
    name = "broken-citation-markup"
    summary = "Citation markup that renders as raw text: an anchor inside a link, unclosed, or with no time."
    fixable = "safe"
    tokens = frozenset({"fence", "code_block"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        if token.map is not None:
            skipped = note.state.setdefault(self.code, set())
            skipped.update(range(token.map[0], token.map[1]))

    def check_note(self, note: NoteContext) -> None:
        skipped: set[int] = note.state.get(self.code, set())
        start = note.front_matter.body_start
        for body_line, text in enumerate(note.source.lines[start:]):
            if body_line in skipped or "yt-timestamp" not in text:
                continue
            masked = _NOT_READ.sub(lambda m: " " * len(m.group()), text)
            for anchor in _OPEN.finditer(masked):
                self._check_anchor(note, body_line + start + 1, masked, anchor)

    def _check_anchor(self, note: NoteContext, line: int, text: str, anchor: re.Match[str]) -> None:
        close = _CLOSE.search(text, anchor.end())
        following = _OPEN.search(text, anchor.end())
        closed = close is not None and (following is None or close.start() < following.start())
        inside = text[anchor.end() : close.start()] if closed and close else ""
        wrapper = _WRAPPER.search(text, 0, anchor.start())
        if wrapper is not None and parse_citation(wrapper.group(1)) is not None:
            self._wrapped(note, line, text, wrapper, anchor, close if closed else None)
            return
        if not closed:
            bracket = _BRACKET_TIME.match(text, anchor.end())
            fix = None
            if bracket is not None and parse_citation(bracket.group(1)) is not None:
                at = Span(line, bracket.end() + 1, line, bracket.end() + 1)
                fix = Fix((Edit(at, "</a>"),), "safe")
            span = Span(line, anchor.start() + 1, line, anchor.end() + 1)
            note.report(
                self, span, "yt-timestamp anchor is never closed with </a>: the rest of the line is a link", fix
            )
            return
        bracket = _BRACKET_TIME.fullmatch(_TAG.sub("", inside).rstrip())  # <span>[00:01:45]</span> is fine
        if bracket is not None and parse_citation(bracket.group(1)) is not None:
            return  # a well-formed anchor citation
        assert close is not None
        span = Span(line, anchor.start() + 1, line, close.end() + 1)
        bare = _BARE_TIME.match(inside)
        fix = None
        if bare is not None:
            at = Span(line, anchor.end() + bare.start(1) + 1, line, anchor.end() + bare.end(1) + 1)
            fix = Fix((Edit(at, f"[{bare.group(1)}]"),), "safe")
        note.report(self, span, "yt-timestamp anchor shows no bracketed time: write it as [HH:MM:SS] inside", fix)

    def _wrapped(
        self, note: NoteContext, line: int, text: str, wrapper: re.Match[str], anchor: re.Match[str], close
    ) -> None:
        """``[00:00:04](<a class="yt-timestamp" ...>[00:00:04]</a>``: a Markdown link whose
        destination is the anchor. The fix keeps the anchor and drops the wrapper."""
        span = Span(line, wrapper.start() + 1, line, (close.end() if close else anchor.end()) + 1)
        fix = None
        if close is not None:
            edits = [Edit(Span(line, wrapper.start() + 1, line, anchor.start() + 1), "")]
            tail = re.match(r"\s*\)", text[close.end() :])
            if tail is not None:
                edits.append(Edit(Span(line, close.end() + 1, line, close.end() + tail.end() + 1), ""))
            fix = Fix(tuple(edits), "safe")
        note.report(
            self,
            span,
            f"citation [{wrapper.group(1)}] is a Markdown link to a yt-timestamp anchor and shows as raw text; "
            "keep the anchor alone",
            fix,
        )
