"""The report of one run: findings handed to the chosen format as they come, counted for
the summary, ``--statistics`` and the exit status; and the closing lines."""

from __future__ import annotations

import sys
from typing import TextIO

from notecheck.cli.output import FORMATS, Style
from notecheck.cli.output.common import Tally, plural
from notecheck.cli.output.statistics import statistics_json, statistics_text
from notecheck.model import Finding


class Printer:
    """Prints findings in one output format as the run hands them over, note by note;
    with ``--statistics``, counts only (a table, or JSON with ``--output-format json``)."""

    def __init__(
        self, output_format: str, statistics: bool = False, stream: TextIO = sys.stdout, style: Style | None = None
    ) -> None:
        self.statistics = statistics
        self.stream = stream
        self.style = style or Style()
        self.format = FORMATS[output_format](stream, self.style)
        self.output_format = output_format
        self.tally = Tally()

    @property
    def text_summary(self) -> bool:
        """Whether the summary line follows: for the text formats, and for the table of
        ``--statistics``."""
        if self.statistics:
            return self.output_format != "json"
        return self.format.text_summary

    def add(self, findings: list[Finding]) -> None:
        self.tally.add(findings)
        if not self.statistics:
            self.format.add(findings)

    def close(self) -> None:
        if not self.statistics:
            self.format.close()
        elif self.output_format == "json":
            self.stream.write(statistics_json(self.tally))
        else:
            self.stream.write(statistics_text(self.tally))


def summary_line(tally: Tally, fixed: int, fixing: bool = False, show_unsafe: bool = False) -> str:
    """``Found 3 problems (2 fixable with --fix).``; after ``--fix``, ``Fixed 54 problems;
    29 remain (2 fixable with --unsafe-fixes).``"""
    extras = []
    safe, unsafe = tally.safe, tally.unsafe
    if show_unsafe and not fixing:
        safe, unsafe = safe + unsafe, 0
    if safe:
        extras.append(f"{safe} fixable with --fix" + (" --unsafe-fixes" if show_unsafe and not fixing else ""))
    if unsafe:
        extras.append(f"{unsafe} more with --unsafe-fixes" if safe else f"{unsafe} fixable with --unsafe-fixes")
    detail = f" ({', '.join(extras)})" if extras else ""
    if fixing and fixed:
        if not tally.total:
            return f"Fixed {plural(fixed, 'problem')}; none remain."
        remain = "remains" if tally.total == 1 else "remain"
        return f"Fixed {plural(fixed, 'problem')}; {tally.total} {remain}{detail}."
    if not tally.total:
        return "All checks passed!"
    return f"Found {plural(tally.total, 'problem')}{detail}."


def unchecked_lines(unchecked: dict[str, int]) -> list[str]:
    """What rules could not check, once per run rather than once per note."""
    lines = []
    for key, lacks, code, add in (
        ("length", "no known length", "NC203", "`duration`"),
        ("upload", "no upload date", "NC404", "`uploadDate`"),
    ):
        count = unchecked.get(key, 0)
        if count:
            notes, verb, them = ("video notes", "have", "them") if count != 1 else ("video note", "has", "it")
            lines.append(f"{count} {notes} {verb} {lacks}: {code} did not check {them}; add {add} or an info.json")
    return lines


def fixes_lines(fixed_by: dict[str, dict[str, int]], names: dict[str, str]) -> list[str]:
    """``--show-fixes``: what was fixed, per note and rule."""
    if not fixed_by:
        return []
    total = sum(sum(codes.values()) for codes in fixed_by.values())
    lines = [f"Fixed {plural(total, 'problem')} in {plural(len(fixed_by), 'note')}:"]
    for path, codes in fixed_by.items():
        lines.append(f"  {path}:")
        for code, count in sorted(codes.items()):
            lines.append(f"    {count} × {code} {names.get(code, '')}".rstrip())
    return lines
