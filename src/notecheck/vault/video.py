"""Which notes are video notes: front matter ``videoId``, or a path in ``[frontmatter] video-notes``."""

from __future__ import annotations

from typing import Any

from notecheck.note.summary import NoteSummary
from notecheck.vault.discovery import glob_spec


def is_video_note(summary: NoteSummary, frontmatter_settings: dict[str, Any]) -> bool:
    if "videoId" in summary.front_matter:
        return True
    globs = tuple(frontmatter_settings.get("video-notes", ()))
    return bool(globs) and glob_spec(globs).match_file(summary.rel)
