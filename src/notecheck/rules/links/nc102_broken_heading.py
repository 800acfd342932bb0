"""NC102 broken-heading: Wikilink '#Heading' not found in the target note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.reads import FILE_NAMES, LINKED_NOTES, NOTE
from notecheck.engine.registry import register
from notecheck.rules.links.common import _LinkRule, _target_note, has_heading_path

if TYPE_CHECKING:
    from notecheck.engine.context import NoteReport
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault


@register
class BrokenHeading(_LinkRule):
    code = "NC102"
    name = "broken-heading"
    summary = "Wikilink '#Heading' not found in the target note."
    reads = frozenset({NOTE, FILE_NAMES, LINKED_NOTES})

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: NoteReport) -> None:
        for ref in note.links:
            wanted = ref.link.headings
            if not wanted:
                continue
            target = _target_note(ref, note, vault)
            if target is None or not target.readable:
                continue
            if not has_heading_path(target, wanted):
                where = f"'{ref.link.target}'" if ref.link.target else "this note"
                report(self, ref.span, f"heading '{'#'.join(wanted)}' not found in {where}")
