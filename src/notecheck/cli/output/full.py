"""``full``: each finding with its source line, cut to a window around the flagged text,
a caret line under it, and the fix below when there is one (ruff's ``full``).

The default on a terminal. Video notes hold a paragraph per line, so a line is cut to
about :data:`WINDOW` cells around the flagged text, with ``…`` where it was cut. The line
is read again from the file the finding names (after ``--fix``, the fixed file)."""

from __future__ import annotations

import re
from typing import TextIO

from rich.cells import cell_len

from notecheck.cli.output.base import Format, Style
from notecheck.cli.output.common import BLUE, BOLD, CYAN, GREEN, RED, RESET, YELLOW, printable
from notecheck.model import Finding

WINDOW = 100  # cells of source shown at most, flagged text included
BEFORE = 30  # cells of context kept before the flagged text
MAX_SHOWN = 60  # cells of a long flagged text shown before it is cut
_NEWLINE = re.compile(r"\r\n|\r|\n")


class SourceLines:
    """The lines of the file findings are being printed for (one file at a time: the
    findings of a note arrive together)."""

    def __init__(self) -> None:
        self._path: str | None = None
        self._lines: list[str] = []

    def line(self, path: str, number: int) -> str | None:
        if path != self._path:
            self._path, self._lines = path, _read_lines(path)
        return self._lines[number - 1] if 0 < number <= len(self._lines) else None


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, "rb") as file:
            raw = file.read(64 * 1024 * 1024)
    except OSError:
        return []
    return _NEWLINE.split(raw.decode("utf-8", "replace").removeprefix("\ufeff"))


def window_parts(line: str, start: int, end: int) -> tuple[str, str, str]:
    """The part of ``line`` to show around ``line[start:end]``, as (before, flagged,
    after), with ``…`` where it was cut and control characters escaped."""
    shown_end = end if cell_len(line[start:end]) <= MAX_SHOWN else start + MAX_SHOWN
    head = max(0, start - BEFORE)
    tail = min(len(line), shown_end + max(0, WINDOW - BEFORE - (shown_end - start)))
    prefix = ("…" if head else "") + _clean(line[head:start])
    flagged = _clean(line[start:shown_end]) + ("…" if shown_end < end else "")
    suffix = _clean(line[shown_end:tail]) + ("…" if tail < len(line) else "")
    return prefix, flagged, suffix


def window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """The part of ``line`` to show around ``line[start:end]``: (text, caret column in
    cells, caret width in cells)."""
    prefix, flagged, suffix = window_parts(line, start, end)
    return prefix + flagged + suffix, cell_len(prefix), max(1, cell_len(flagged))


def _clean(text: str) -> str:
    return printable(text.replace("\t", " "))


class Full(Format):
    text_summary = True

    def __init__(self, stream: TextIO, style: Style) -> None:
        super().__init__(stream, style)
        self.sources = SourceLines()
        self._count = 0

    def add(self, findings: list[Finding]) -> None:
        for f in findings:
            if self._count:
                self.stream.write("\n")
            self._count += 1
            self.stream.write("\n".join(self.lines(f)) + "\n")

    def close(self) -> None:
        if self._count:
            self.stream.write("\n")

    def paint(self, text: str, *codes: str) -> str:
        return "".join(codes) + text + RESET if self.style.colour and text else text

    def lines(self, f: Finding) -> list[str]:
        span = f.span
        hue = RED if f.severity == "error" else YELLOW
        marker = " [*]" if f.fix and f.fix.applicability == "safe" else ""
        out = [
            f"{self.paint(printable(f.path), BOLD)}:{span.line}:{span.column}: "
            f"{self.paint(f.severity, hue, BOLD)} {self.paint(f.code, BOLD)}{marker} {printable(f.message)}"
        ]
        source = self.sources.line(f.path, span.line)
        if source is not None:
            start = min(span.column - 1, len(source))
            end = span.end_column - 1 if span.end_line == span.line else len(source)
            text, caret_at, caret_width = window(source, start, max(end, start))
            number = str(span.line)
            gutter = " " * len(number)
            rest = f" (to line {span.end_line})" if span.end_line > span.line else ""
            out += [
                self.paint(f"{gutter} |", BLUE),
                f"{self.paint(number + ' |', BLUE)} {text}",
                f"{self.paint(gutter + ' |', BLUE)} {' ' * caret_at}{self.paint('^' * caret_width + rest, hue, BOLD)}",
            ]
        if f.fix is not None:
            out.append(self.paint(f"{' ' * (len(str(span.line)) + 1)}= ", BLUE) + self._fix_line(f, source))
        return out

    def _fix_line(self, f: Finding, source: str | None) -> str:
        assert f.fix is not None
        how = "--fix" if f.fix.applicability == "safe" else "--unsafe-fixes"
        label = self.paint(f"fix ({how})", GREEN if f.fix.applicability == "safe" else CYAN, BOLD)
        parts = []
        for edit in f.fix.edits[:3]:
            old = ""
            if source is not None and edit.span.line == f.span.line == edit.span.end_line:
                old = source[edit.span.column - 1 : edit.span.end_column - 1]
            new = edit.content
            if old and new:
                parts.append(f"replace {_quote(old)} with {_quote(new)}")
            elif new:
                parts.append(f"insert {_quote(new)} at {edit.span.line}:{edit.span.column}")
            elif old:
                parts.append(f"delete {_quote(old)}")
            else:
                parts.append(f"edit {edit.span.line}:{edit.span.column}-{edit.span.end_line}:{edit.span.end_column}")
        more = len(f.fix.edits) - 3
        return f"{label}: {'; '.join(parts)}" + (f"; and {more} more edits" if more > 0 else "")


def _quote(text: str) -> str:
    shown = text if len(text) <= 80 else text[:77] + "…"
    return "`" + printable(shown) + "`"
