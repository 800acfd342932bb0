"""NC104 link-format: Wikilink not written in the configured style."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from notecheck.engine.reads import EVERY_NOTE, NOTE
from notecheck.engine.registry import register
from notecheck.model import Edit, Fix
from notecheck.rules.links.common import _link_advice, _LinkRule, _mostly_spaced, _same_target

if TYPE_CHECKING:
    from notecheck.engine.context import NoteReport, VaultReporter
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault


@register
class LinkFormat(_LinkRule):
    code = "NC104"
    name = "link-format"
    summary = "Wikilink not written in the configured style."
    reads = frozenset({NOTE, EVERY_NOTE})
    severity = "warning"
    fixable = "safe"
    early = False  # reads the note only, but finds tens a note: made as the note is reported

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self._spaced: bool | None = None  # "consistent": the checked notes' style, once counted

    def check_vault(self, notes: list[NoteSummary], vault: Vault, report: VaultReporter) -> None:
        """Count the pipe styles once, over every note the run checks (before any is reported)."""
        if self.settings["pipe-style"] == "consistent" and self._spaced is None:
            self._spaced = _mostly_spaced(notes)

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: NoteReport) -> None:
        """In the vault phase, from the links phase 1 keeps anyway: a note's formatting
        findings are then made only as the note is reported, never held for the whole run
        nor stored in the cache."""
        style = self.settings["pipe-style"]
        if style == "consistent":
            spaced = self._spaced if self._spaced is not None else _mostly_spaced([note])
        else:
            spaced = style == "spaced"
        for ref in note.links:
            span = ref.span
            if span.line != span.end_line:
                continue
            advice = _link_advice(ref.source, spaced)
            if advice is not None:
                canonical, message = advice
                if not _same_target(ref, canonical, note, vault):
                    continue  # '.md' is part of the name it leads to (x.md.md): a safe fix never retargets
                report(self, span, message, Fix((Edit(span, canonical),), "safe"))
