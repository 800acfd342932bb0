"""NC305 invalid-video-id: videoId is not an 11-character YouTube id ([A-Za-z0-9_-]{11})."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.note.citation import is_video_id
from notecheck.rules.frontmatter.common import _field_span, _FrontMatterRule

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext

_BAD = re.compile(r"[^A-Za-z0-9_-]")


@register
class InvalidVideoId(_FrontMatterRule):
    code = "NC305"
    name = "invalid-video-id"
    summary = "videoId is not an 11-character YouTube id ([A-Za-z0-9_-]{11})."

    def check_note(self, note: NoteContext) -> None:
        value = (note.front_matter.data or {}).get("videoId")
        if isinstance(value, str) and value and not is_video_id(value):
            note.report(self, _field_span(note, "videoId"), _why(value))


def _why(value: str) -> str:
    """What is wrong with the id: the characters outside ``[A-Za-z0-9_-]``, the length."""
    wrong = sorted(set(_BAD.findall(value)), key=value.index)
    problems = []
    if wrong:
        shown = ", ".join(repr(char) for char in wrong[:8]) + (", ..." if len(wrong) > 8 else "")
        problems.append(f"it holds {shown}, outside A-Z a-z 0-9 _ -")
    if len(value) != 11:
        problems.append(f"it has {len(value)} characters, not 11")
    if value.startswith(("http://", "https://", "www.", "youtu")):
        problems.append("give the id alone, not the URL")
    return f"videoId '{value}' is not an 11-character YouTube id: {'; '.join(problems)}"
