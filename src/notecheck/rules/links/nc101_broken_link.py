"""NC101 broken-link: Wikilink target (note or attachment) not found in the vault."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.reads import FILE_NAMES, NOTE
from notecheck.engine.registry import register
from notecheck.rules.links.common import _is_attachment, _LinkRule, _retarget, suggest
from notecheck.vault.resolve import note_name

if TYPE_CHECKING:
    from notecheck.engine.context import NoteReport
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault


@register
class BrokenLink(_LinkRule):
    code = "NC101"
    name = "broken-link"
    summary = "Wikilink target (note or attachment) not found in the vault."
    fixable = "unsafe"
    reads = frozenset({NOTE, FILE_NAMES})

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: NoteReport) -> None:
        for ref in note.links:
            target = ref.link.target
            if not target:
                continue
            resolution = vault.resolve(target, note.rel)
            if resolution.path:
                continue
            if resolution.outside:
                report(self, ref.span, f"link target '{target}' is outside the vault")
                continue
            suggestions = [name for name in suggest(vault, target) if name != note_name(note.rel)]  # never itself
            attachment = _is_attachment(target)
            certain = attachment or ref.link.embed
            if not (certain or suggestions or self.settings["unresolved"] == "all"):
                continue
            kind = "attachment" if attachment else "note"
            message = f"{kind} '{target}' not found"
            fix = None
            if suggestions:
                message += "; did you mean " + " or ".join(f"'{name}'" for name in suggestions[:3]) + "?"
                if len(suggestions) == 1:
                    fix = _retarget(ref, suggestions[0], "unsafe")
            report(self, ref.span, message, fix)
