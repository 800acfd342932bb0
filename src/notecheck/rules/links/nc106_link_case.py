"""NC106 link-case: Wikilink target resolves only when letter case is ignored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.reads import FILE_NAMES, NOTE
from notecheck.engine.registry import register
from notecheck.rules.links.common import _LinkRule, _retarget

if TYPE_CHECKING:
    from notecheck.engine.context import NoteReport
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault


@register
class LinkCase(_LinkRule):
    code = "NC106"
    name = "link-case"
    summary = "Wikilink target resolves only when letter case is ignored."
    severity = "warning"
    fixable = "safe"
    reads = frozenset({NOTE, FILE_NAMES})

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: NoteReport) -> None:
        for ref in note.links:
            target = ref.link.target
            if not target or target.startswith(("./", "../")):
                continue
            resolution = vault.resolve(target, note.rel)
            if resolution.path is None or resolution.exact_case or len(resolution.candidates) > 1:
                continue
            segments = target.replace("\\", "/").strip("/").split("/")
            actual = "/".join(resolution.path.split("/")[-len(segments) :])
            if not target.lower().endswith(".md") and actual.lower().endswith(".md"):
                actual = actual[:-3]
            fix = _retarget(ref, actual, "safe")
            report(self, ref.span, f"'{target}' differs in case from the file name: write '{actual}'", fix)
