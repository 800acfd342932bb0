"""NC206 timestamp-link-mismatch: A linked citation whose t= or data-t differs from the
time shown, or that links another video."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.model import Edit, Fix, Span
from notecheck.note.citation import (
    format_time,
    parse_video_url,
)
from notecheck.note.tokens import Citation, citation
from notecheck.rules.timestamps.common import _TimestampRule, data_t_seconds

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext


@register
class TimestampLinkMismatch(_TimestampRule):
    code = "NC206"
    name = "timestamp-link-mismatch"
    summary = "A linked citation whose t= or data-t differs from the time shown, or that links another video."
    fixable = "safe"
    tokens = frozenset({"timestamp"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        cited = citation(token)
        times = cited.times
        if not times or times[0].seconds is None:
            return
        if cited.data_t is not None:
            self._anchor(cited, cited.data_t, times[0].seconds, note)
        url = cited.url
        if not url:
            return
        link = parse_video_url(url)
        if link is None:
            return
        span = cited.span
        video_id = note.summary.front_matter.get("videoId")
        if isinstance(video_id, str) and link.video_id and link.video_id != video_id:
            note.report(self, span, f"citation links video '{link.video_id}', but this note is about '{video_id}'")
            return
        shown = times[0].seconds
        if link.t is None or link.t == shown or link.t_text is None:
            return
        written = note.source.slice(span)
        where = written.rfind("t=" + link.t_text)
        fix = None
        if where >= 0 and span.line == span.end_line:
            column = span.column + where + 2
            replacement = f"{shown}s" if link.t_text.endswith("s") or "m" in link.t_text else str(shown)
            edit = Edit(Span(span.line, column, span.line, column + len(link.t_text)), replacement)
            fix = Fix((edit,), "safe")
        note.report(self, span, f"link jumps to {format_time(link.t)} but the citation shows {format_time(shown)}", fix)

    def _anchor(self, cited: Citation, data_t: tuple[str, int], shown: int, note: NoteContext) -> None:
        """``<a class="yt-timestamp" data-t="...">[...]</a>``: the player jumps to data-t.
        Its fix is unsafe: either the attribute or the time shown may be the wrong one."""
        value, offset = data_t
        seconds = data_t_seconds(value)
        if seconds == shown:
            return
        value_span = cited.file_span(offset, offset + len(value))
        fix = None
        if value_span.line == value_span.end_line:
            fix = Fix((Edit(value_span, format_time(shown)),), "unsafe")
        if seconds is None:
            message = f"data-t '{value}' is not a valid time; the citation shows {format_time(shown)}"
        else:
            message = f"data-t jumps to {format_time(seconds)} but the citation shows {format_time(shown)}"
        note.report(self, cited.span, message, fix)
