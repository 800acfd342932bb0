"""NC305 invalid-video-id: videoId is not an 11-character YouTube id ([A-Za-z0-9_-]{11})."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.note.citation import is_video_id
from notecheck.rules.frontmatter.common import _field_span, _FrontMatterRule

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class InvalidVideoId(_FrontMatterRule):
    code = "NC305"
    name = "invalid-video-id"
    summary = "videoId is not an 11-character YouTube id ([A-Za-z0-9_-]{11})."

    def check_note(self, note: NoteContext) -> None:
        value = (note.front_matter.data or {}).get("videoId")
        if isinstance(value, str) and value and not is_video_id(value):
            note.report(
                self,
                _field_span(note, "videoId"),
                f"videoId '{value}' is not an 11-character YouTube id ({len(value)} characters)",
            )
