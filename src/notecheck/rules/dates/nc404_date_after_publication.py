"""NC404 date-after-publication: A cited fact in a video note dated after the video was published."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from notecheck.engine.reads import NOTE, VIDEO_METADATA
from notecheck.engine.registry import register
from notecheck.rules.dates.collect import FACTS
from notecheck.rules.dates.common import PUBLICATION_SLACK, TARGET_WORDS, _DateRule
from notecheck.vault.metadata import MetadataIndex
from notecheck.vault.video import is_video_note

if TYPE_CHECKING:
    from notecheck.engine.context import NoteReport
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault


@register
class DateAfterPublication(_DateRule):
    code = "NC404"
    name = "date-after-publication"
    summary = "A cited fact in a video note dated after the video was published."
    reads = frozenset({NOTE, FACTS, VIDEO_METADATA})

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: NoteReport) -> None:
        from notecheck.rules.dates.dating import describe

        if not note.facts or not is_video_note(note, vault.config.table("frontmatter")):
            return
        meta = MetadataIndex.of(vault).for_note(note)
        if meta.upload_date is None:
            return
        limit = meta.upload_date + min(PUBLICATION_SLACK, dt.date.max - meta.upload_date)
        for fact in note.facts:
            sentence = note.sentences[fact.sentence]
            if fact.when is None or fact.mention.relative or not sentence.cited or sentence.future:
                continue
            if fact.mention.before in TARGET_WORDS:
                continue
            if fact.when.start > limit:
                date = describe(fact.when)
                shown = fact.mention.text if date == fact.mention.text else f"{fact.mention.text}' ({date})"
                shown = shown if shown.endswith(")") else shown + "'"
                report(
                    self,
                    fact.span,
                    f"'{shown} is after the video was published on {meta.upload_date.isoformat()} "
                    f"(from {meta.upload_source})",
                )
