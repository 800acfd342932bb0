"""NC208 timestamp-scale: a note's times on the wrong scale (MM:SS written as MM:SS:00...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from notecheck.engine.reads import EVERY_NOTE, NOTE, TRANSCRIPTS, VIDEO_METADATA
from notecheck.engine.registry import Option, Rule, register
from notecheck.model import Edit, Fix, Span
from notecheck.note.citation import format_time
from notecheck.rules.timestamps.common import (
    TIMESTAMP_OPTIONS,
    TRANSCRIPT_GRACE_SECONDS,
    is_clock,
    max_length,
    note_times,
)
from notecheck.rules.timestamps.scale import Scale, Time, misscaled, probable_text
from notecheck.vault.metadata import MetadataIndex
from notecheck.vault.video import is_video_note

if TYPE_CHECKING:
    from notecheck.engine.context import NoteReport
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault


@register
class TimestampScale(Rule):
    code = "NC208"
    name = "timestamp-scale"
    summary = "Citation times on the wrong scale: MM:SS written as MM:SS:00 or MM:SS:SS, or far past any video."
    reads = frozenset({NOTE, VIDEO_METADATA, TRANSCRIPTS, EVERY_NOTE})
    fixable = "unsafe"
    family = "timestamps"
    options: ClassVar[dict[str, Option]] = {
        **TIMESTAMP_OPTIONS,
        "max-length": Option(
            "12:00:00",
            is_clock,
            'a time "HH:MM:SS"',
            "NC208: no video is longer than this (YouTube's upload limit); a time past it is mis-scaled.",
        ),
    }

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: NoteReport) -> None:
        if not note.cited_times or not is_video_note(note, vault.config.table("frontmatter")):
            return
        times, places = note_times(note)
        meta = MetadataIndex.of(vault).for_note(note)
        length = meta.duration
        grace = TRANSCRIPT_GRACE_SECONDS if meta.duration_is_lower_bound else 1
        scale = misscaled(times, max_length(self.settings), length, grace)
        if not scale and note.video_id:
            scale = self._against_other_notes(note, times, vault)
        if scale:
            self._report(note, times, places, scale, report)

    def _against_other_notes(self, note: NoteSummary, times: list[Time], vault: Vault) -> Scale:
        """Another note of the same video cites as M:SS what this one cites as M:SS:00, 60
        times larger: two or more of this note's times ending in :00, half of them at least."""
        three = [index for index, time in enumerate(times) if len(time.fields) == 3 and time.fields[2] == 0]
        if len(three) < 2:
            return Scale()
        scale = Scale()
        for rel in vault.videos.get(note.video_id or "", ()):
            other = vault.summary(rel) if rel != note.rel else None
            if other is None or not other.readable:
                continue
            theirs = {other.cited_times[index] for index in range(0, len(other.cited_times), 4)}
            same = [index for index in three if times[index].probable in theirs and times[index].seconds not in theirs]
            if len(same) >= 2 and 2 * len(same) >= len(three):
                for index in same:
                    scale.reasons[index] = f"{rel} cites the same moments as minutes and seconds"
                return scale
        return scale

    def _report(
        self, note: NoteSummary, times: list[Time], places: list[tuple[int, int, int]], scale: Scale, report
    ) -> None:
        edits = []
        for index in sorted(scale.reasons):
            line, column, written = places[index]
            meant = format_time(times[index].probable)
            edits.append(Edit(Span(line, column, line, column + written), meant))
            data_t = note.anchors.get((line, column))
            if data_t is not None:
                d_line, d_column, d_length = data_t
                edits.append(Edit(Span(d_line, d_column, d_line, d_column + d_length), meant))
        first = min(scale.reasons, key=lambda index: places[index][:2])
        line, column, written = places[first]
        shown = format_time(times[first].seconds)
        count = len(scale.reasons)
        others = f"{count} of {len(times)} citations of this note look mis-scaled"
        message = (
            f"{shown} looks mis-scaled ({scale.reasons[first]}): probably {probable_text(times[first].probable)}; "
            f"{others}"
        )
        fix = Fix(tuple(sorted(edits, key=lambda edit: edit.span)), "unsafe")
        report(self, Span(line, column, line, column + written), message, fix)
