"""The shape every output format has: findings arrive note by note, then the end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from notecheck.model import Finding


@dataclass
class Style:
    """How the text formats look: colour, and whether unsafe fixes are marked."""

    colour: bool = False
    show_unsafe: bool = False


class Format:
    """Findings are handed over note by note, in the order of the report; a format
    writes them as they come where it can (text, JSON lines) and at ``close`` where the
    whole run is needed first (a SARIF rule index, JUnit's counts)."""

    text_summary = False  # whether the summary line and the unchecked lines follow

    def __init__(self, stream: TextIO, style: Style) -> None:
        self.stream = stream
        self.style = style

    def add(self, findings: list[Finding]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """The end of the output (a closing bracket, a held report)."""
