"""The vault phase of a note as soon as the notes it links to are parsed, while a pool of
processes still parses the rest (``--jobs`` 2 or more). Done after phase 1, it runs in one
process while the others wait: 2-3 s of a two-job run over 10,000 notes.

Only rules whose declared inputs (``Rule.reads``) are all known by then run here: the
vault's files, the note, the notes its links lead to, its video's files. They find little,
so that holding their findings until the note is reported costs next to nothing. The
others run when the note is reported."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from notecheck.engine.phases import in_vault
from notecheck.engine.reads import runs_early
from notecheck.engine.ruleset import RuleSet
from notecheck.model import Finding
from notecheck.note.summary import NoteSummary
from notecheck.vault.resolve import Vault


class EarlyVaultPhase:
    """The early part of the vault phase of the notes handed to ``add``."""

    def __init__(self, vault: Vault, ruleset: RuleSet) -> None:
        self.vault = vault
        self.ruleset = ruleset
        self.early = [rule for rule in ruleset.rules if runs_early(rule.reads)]
        self.late = [rule for rule in ruleset.rules if not runs_early(rule.reads)]
        self._found: dict[str, list[Finding]] = {}  # by note: what the early rules found
        self._waiting: dict[str, list[NoteSummary]] = defaultdict(list)  # by note: who waits for it
        self._missing: dict[str, int] = {}  # by note: how many of its linked notes are not parsed yet

    def add(self, summary: NoteSummary) -> None:
        """A note was parsed: check it, and each note that waited for nothing else."""
        self.vault.remember(summary)
        for waiting in self._waiting.pop(summary.rel, ()):
            self._missing[waiting.rel] -= 1
            if not self._missing[waiting.rel]:
                del self._missing[waiting.rel]
                self._check(waiting)
        if not self.early:
            return
        missing = {rel for rel in self._linked(summary) if not self.vault.parsed(rel)}
        if not missing:
            self._check(summary)
            return
        self._missing[summary.rel] = len(missing)
        for rel in missing:
            self._waiting[rel].append(summary)

    def _linked(self, summary: NoteSummary) -> Iterator[str]:
        """The notes whose summaries the early rules may read for this one: those its links
        lead to (a dated sentence's links, which NC405 follows, are among them)."""
        for target in {link.target for link in summary.links.links}:
            path = self.vault.linked_note(target, summary.rel) if target else None
            if path is not None:
                yield path

    def _check(self, summary: NoteSummary) -> None:
        self._found[summary.rel] = in_vault(summary, self.vault, self.ruleset, self.early)

    def findings(self, summary: NoteSummary) -> list[Finding]:
        """The vault-phase findings of a note: of the early rules, found already when the
        note and its linked notes were parsed in time, and of the others, found now."""
        found = self._found.pop(summary.rel, None)
        if found is None:
            return in_vault(summary, self.vault, self.ruleset)
        return found + in_vault(summary, self.vault, self.ruleset, self.late)
