"""NC103 broken-block-ref: Wikilink '#^block-id' not found in the target note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.reads import FILE_NAMES, LINKED_NOTES, NOTE
from notecheck.engine.registry import register
from notecheck.rules.links.common import _LinkRule, _target_note, has_block

if TYPE_CHECKING:
    from notecheck.engine.context import NoteReport
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault


@register
class BrokenBlockRef(_LinkRule):
    code = "NC103"
    name = "broken-block-ref"
    summary = "Wikilink '#^block-id' not found in the target note."
    reads = frozenset({NOTE, FILE_NAMES, LINKED_NOTES})

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: NoteReport) -> None:
        for ref in note.links:
            block = ref.link.block_id
            if block is None:
                continue
            target = _target_note(ref, note, vault)
            if target is None or not target.readable:
                continue
            if not has_block(target, block):
                where = f"'{ref.link.target}'" if ref.link.target else "this note"
                report(self, ref.span, f"block '^{block}' not found in {where}")
