"""What a rule sees of the note it checks, and how it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notecheck.model import Finding, Fix, Span
from notecheck.note.frontmatter import FrontMatter
from notecheck.note.source import Source
from notecheck.note.summary import NoteSummary

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.reads import Extraction
    from notecheck.engine.registry import Rule
    from notecheck.vault.resolve import Vault


@dataclass
class NoteContext:
    """One note during phase 1: its text, front matter, summary and walk state."""

    rel: str
    path: Path
    source: Source
    front_matter: FrontMatter
    summary: NoteSummary
    settings: dict[str, dict[str, Any]]  # family → options
    root: Path  # the vault root
    vault: Vault | None = None  # None in worker processes: phase 1 must not need it
    findings: list[Finding] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)  # per-rule scratch space for this note
    references: dict[str, Any] = field(default_factory=dict)  # Markdown link reference definitions
    transcripts: tuple[str, ...] = ()  # its video's transcript files, when an extraction reads them
    extracted: dict[Extraction, Any] = field(default_factory=dict)  # what each family's gatherer found
    # Walk state, kept by the engine while it hands tokens to rules.
    block: Token | None = None  # the block token whose inline content is being walked
    in_table: bool = False

    def line_of(self, token: Token) -> int:
        """The file's 1-based line where a block token starts (its map counts body lines)."""
        return self.front_matter.file_line(token.map[0] if token.map else 0)

    @cached_property
    def body_lines(self) -> list[str]:
        """The lines after the front matter, which block tokens' maps count from."""
        return self.source.lines[self.front_matter.body_start :]

    @cached_property
    def is_video_note(self) -> bool:
        from notecheck.vault.video import is_video_note

        return is_video_note(self.summary, self.settings.get("frontmatter", {}))

    def report(self, rule: Rule | type[Rule], span: Span, message: str, fix: Fix | None = None) -> None:
        self.findings.append(rule.finding(self.rel, span, message, fix))


@dataclass
class NoteReport:
    """Collects the phase-2 findings of one note (``check_in_vault``): bound to the note,
    as ``NoteContext.report`` is in phase 1."""

    rel: str
    findings: list[Finding] = field(default_factory=list)

    def __call__(self, rule: Rule | type[Rule], span: Span, message: str, fix: Fix | None = None) -> None:
        self.findings.append(rule.finding(self.rel, span, message, fix))


@dataclass
class VaultReporter:
    """Collects phase-2 findings for any note of the vault (``check_vault``)."""

    findings: list[Finding] = field(default_factory=list)

    def __call__(self, rel: str, rule: Rule | type[Rule], span: Span, message: str, fix: Fix | None = None) -> None:
        self.findings.append(rule.finding(rel, span, message, fix))
