"""NC405 timeline-conflict: A sentence that links a note with a timeline, names one of its
events, and dates it otherwise."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.reads import FILE_NAMES, LINKED_NOTES, NOTE
from notecheck.engine.registry import register
from notecheck.rules.dates.collect import FACTS
from notecheck.rules.dates.common import _DateRule, _linked_timeline, named_entries

if TYPE_CHECKING:
    from notecheck.engine.context import NoteReport
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault


@register
class TimelineConflict(_DateRule):
    code = "NC405"
    name = "timeline-conflict"
    summary = "A sentence that links a note with a timeline, names one of its events, and dates it otherwise."
    reads = frozenset({NOTE, FACTS, FILE_NAMES, LINKED_NOTES})

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: NoteReport) -> None:
        from notecheck.rules.dates.dating import agree, describe

        facts_by_sentence: dict[int, list] = {}
        for fact in note.facts:
            if fact.when is not None:
                facts_by_sentence.setdefault(fact.sentence, []).append(fact)
        timelines: dict[str, tuple[str, list]] = {}  # link target: (the note, its timeline), for this note
        for index, facts in facts_by_sentence.items():
            sentence = note.sentences[index]
            for target in dict.fromkeys(link.partition("#")[0] for link in sentence.links):
                known = timelines.get(target)
                if known is None:
                    known = timelines[target] = _linked_timeline(target, note.rel, vault)
                path, entries = known
                for when, event, _phrases in named_entries(entries, sentence.text):
                    if any(agree(when, fact.when) for fact in facts):
                        continue
                    report(
                        self,
                        facts[0].span,
                        f"'{facts[0].mention.text}' dates the {event} otherwise than the timeline of "
                        f"'{path}' ({describe(when)})",
                    )
