"""``grouped``: the findings under their note, with a count per note (ruff's and rumdl's
``grouped``)."""

from __future__ import annotations

from typing import TextIO

from notecheck.cli.output.base import Format, Style
from notecheck.cli.output.common import BOLD, DIM, RED, RESET, YELLOW, fix_marker, plural, printable
from notecheck.model import Finding


class Grouped(Format):
    text_summary = True

    def __init__(self, stream: TextIO, style: Style) -> None:
        super().__init__(stream, style)
        self._groups = 0

    def add(self, findings: list[Finding]) -> None:
        by_path: dict[str, list[Finding]] = {}
        for f in findings:  # one note's findings, or (several vaults) a sorted run's
            by_path.setdefault(f.path, []).append(f)
        colour = self.style.colour
        for path, group in by_path.items():
            if self._groups:
                self.stream.write("\n")
            self._groups += 1
            head = f"{printable(path)} ({plural(len(group), 'finding')}):"
            self.stream.write((f"{BOLD}{head}{RESET}" if colour else head) + "\n")
            width = max(len(f"{f.span.line}:{f.span.column}") for f in group)
            for f in group:
                where = f"{f.span.line}:{f.span.column}".ljust(width)
                severity = f.severity.ljust(7)
                if colour:
                    hue = RED if f.severity == "error" else YELLOW
                    where, severity = f"{DIM}{where}{RESET}", f"{hue}{severity}{RESET}"
                marker = fix_marker(f, self.style.show_unsafe)
                self.stream.write(f"  {where}  {severity} {f.code} {printable(f.message)}{marker}\n")

    def close(self) -> None:
        if self._groups:
            self.stream.write("\n")
