"""NC203 timestamp-past-end: A citation time after the end of the video (length from front
matter, info.json or transcript)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.reads import NOTE, TRANSCRIPTS, VIDEO_METADATA
from notecheck.engine.registry import register
from notecheck.model import Span
from notecheck.note.citation import (
    format_time,
)
from notecheck.rules.timestamps.common import TRANSCRIPT_GRACE_SECONDS, _TimestampRule, max_length, note_times
from notecheck.rules.timestamps.scale import misscaled
from notecheck.vault.metadata import MetadataIndex
from notecheck.vault.video import is_video_note

if TYPE_CHECKING:
    from notecheck.engine.context import NoteReport
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault


@register
class TimestampPastEnd(_TimestampRule):
    code = "NC203"
    name = "timestamp-past-end"
    summary = "A citation time after the end of the video (length from front matter, info.json or transcript)."
    reads = frozenset({NOTE, VIDEO_METADATA, TRANSCRIPTS})

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: NoteReport) -> None:
        if not note.citations or not is_video_note(note, vault.config.table("frontmatter")):
            return
        meta = MetadataIndex.of(vault).for_note(note)
        if meta.duration is None:
            return
        grace = TRANSCRIPT_GRACE_SECONDS if meta.duration_is_lower_bound else 1
        limit = meta.duration + grace
        length = format_time(int(meta.duration))
        times = note.cited_times
        scale = None
        for index in range(0, len(times), 4):
            seconds, line, column, written = times[index : index + 4]
            if seconds > limit:
                if scale is None:  # a note on the wrong scale gets one NC208 finding instead
                    scale = misscaled(note_times(note)[0], max_length(self.settings), meta.duration, grace)
                if index // 4 in scale:
                    continue
                what = f"transcript ends at {length}" if meta.duration_is_lower_bound else f"video is {length} long"
                report(
                    self,
                    Span(line, column, line, column + written),
                    f"{format_time(seconds)} is past the end of the video ({what}, from {meta.duration_source})",
                )
