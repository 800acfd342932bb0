"""What the output formats share: safe text, colour, the counts of a run, JSON of a finding."""

from __future__ import annotations

import os
import re
from collections import Counter
from typing import TextIO

from notecheck.model import Finding

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
RED, YELLOW, BLUE, BOLD, DIM, CYAN, GREEN, RESET = (
    "\033[31m",
    "\033[33m",
    "\033[34m",
    "\033[1m",
    "\033[2m",
    "\033[36m",
    "\033[32m",
    "\033[0m",
)


def use_colour(stream: TextIO, mode: str = "auto") -> bool:
    """``--color``: always, never, or (auto) only on a terminal and never with NO_COLOR
    set (https://no-color.org); FORCE_COLOR turns it on off a terminal as well."""
    if mode != "auto":
        return mode == "always"
    if "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def printable(text: str) -> str:
    """Text from notes and file names as one safe line: control characters (escape
    sequences, newlines, C1, line separators) and bytes of a file name that are not UTF-8
    are shown escaped, as ``repr`` shows them, so a note can neither forge an output line
    nor drive the terminal."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: _escape_one(m.group()), text)


def _escape_one(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return repr(char)[1:-1] if code < 0x100 else f"\\u{code:04x}"


def utf8_path(path: str) -> str:
    """A path that JSON and SARIF can carry as UTF-8: bytes of the file name that are not
    UTF-8 are shown as ``\\xe9``."""
    if not any(0xDC80 <= ord(char) <= 0xDCFF for char in path):
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def finding_json(f: Finding) -> dict[str, object]:
    """One finding in the public JSON shape (``json`` and ``json-lines``)."""
    return {
        "path": utf8_path(f.path),
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": utf8_path(f.message),
        "fix": f.fix.to_json() if f.fix else None,
    }


def fix_marker(f: Finding, show_unsafe: bool = False) -> str:
    """`` [*]`` after a finding ``--fix`` can fix (and ``[-]`` for an unsafe fix once
    ``--unsafe-fixes`` is given), as ruff marks them."""
    if f.fix is None:
        return ""
    if f.fix.applicability == "safe":
        return " [*]"
    return " [-]" if show_unsafe else ""


class Tally:
    """What the summary line, ``--statistics`` and the exit status need of the findings:
    their counts. Findings are printed as they come and then let go."""

    def __init__(self) -> None:
        self.total = 0
        self.safe = 0  # fixable with --fix
        self.unsafe = 0  # fixable with --unsafe-fixes only
        self.by_code: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        self.fixable_codes: set[str] = set()
        self.notes: set[str] = set()

    def add(self, findings: list[Finding]) -> None:
        self.total += len(findings)
        for f in findings:
            self.by_code[f.code] += 1
            self.names.setdefault(f.code, f.name)
            self.notes.add(f.path)
            if f.fix is not None:
                if f.fix.applicability == "safe":
                    self.safe += 1
                    self.fixable_codes.add(f.code)
                else:
                    self.unsafe += 1


def plural(count: int, noun: str, many: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (many or noun + 's')}"
