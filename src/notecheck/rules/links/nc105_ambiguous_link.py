"""NC105 ambiguous-link: Wikilink name matches several notes, so where it leads depends on Obsidian's choice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.reads import FILE_NAMES, NOTE
from notecheck.engine.registry import register
from notecheck.rules.links.common import _LinkRule

if TYPE_CHECKING:
    from notecheck.engine.context import NoteReport
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Resolution, Vault


@register
class AmbiguousLink(_LinkRule):
    code = "NC105"
    name = "ambiguous-link"
    summary = "Wikilink name matches several notes, so where it leads depends on Obsidian's choice."
    severity = "warning"
    reads = frozenset({NOTE, FILE_NAMES})

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: NoteReport) -> None:
        for ref in note.links:
            target = ref.link.target
            if not target or "/" in target:
                continue
            resolution: Resolution = vault.resolve(target, note.rel)
            if len(resolution.candidates) > 1:
                paths = ", ".join(resolution.candidates[:4])
                report(self, ref.span, f"'{target}' matches {len(resolution.candidates)} files: {paths}")
