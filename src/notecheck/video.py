"""Which notes are video notes: front matter ``videoId``, or a path in ``[frontmatter] video-notes``."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from notecheck.summary import NoteSummary

if TYPE_CHECKING:
    import pathspec


@lru_cache(maxsize=32)
def _spec(globs: tuple[str, ...]) -> pathspec.PathSpec:
    import pathspec  # only with video-notes globs: a warm run never needs it

    return pathspec.GitIgnoreSpec.from_lines(globs)


def is_video_note(summary: NoteSummary, frontmatter_settings: dict[str, Any]) -> bool:
    if "videoId" in summary.front_matter:
        return True
    globs = tuple(frontmatter_settings.get("video-notes", ()))
    return bool(globs) and _spec(globs).match_file(summary.rel)
