"""Output formats: text (one line per finding), json, sarif and github."""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from typing import TextIO

from notecheck import __version__
from notecheck.engine.registry import all_rules
from notecheck.model import Finding

FORMATS = ("text", "json", "sarif", "github")
_RED, _BOLD, _DIM, _CYAN, _RESET = "\033[31m", "\033[1m", "\033[2m", "\033[36m", "\033[0m"


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (https://no-color.org)."""
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


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


def format_text(findings: list[Finding], colour: bool) -> str:
    lines = []
    for f in findings:
        f = Finding(printable(f.path), f.span, f.code, f.name, f.severity, printable(f.message), f.fix)
        marker = " [*]" if f.fix and f.fix.applicability == "safe" else ""
        if colour:
            lines.append(
                f"{_BOLD}{f.path}{_RESET}{_CYAN}:{_RESET}{f.span.line}{_CYAN}:{_RESET}{f.span.column}{_CYAN}:{_RESET} "
                f"{_RED}{_BOLD}{f.code}{_RESET} {f.message}{marker}"
            )
        else:
            lines.append(f"{f.path}:{f.span.line}:{f.span.column}: {f.code} {f.message}{marker}")
    return "\n".join(lines) + ("\n" if lines else "")


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

    def add(self, findings: list[Finding]) -> None:
        self.total += len(findings)
        for f in findings:
            self.by_code[f.code] += 1
            self.names.setdefault(f.code, f.name)
            if f.fix is not None:
                if f.fix.applicability == "safe":
                    self.safe += 1
                    self.fixable_codes.add(f.code)
                else:
                    self.unsafe += 1


def summary_line(tally: Tally, fixed: int) -> str:
    if not tally.total:
        return f"Fixed {fixed} problem{'s' * (fixed != 1)}. No problems left." if fixed else "All checks passed!"
    noun = "problem" if tally.total == 1 else "problems"
    text = f"Found {tally.total} {noun}"
    extras = []
    if fixed:
        extras.append(f"{fixed} fixed")
    if tally.safe:
        extras.append(f"{tally.safe} fixable with --fix")
    if tally.unsafe:
        extras.append(f"{tally.unsafe} more with --unsafe-fixes")
    return text + (f" ({', '.join(extras)})" if extras else "") + "."


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


def statistics(tally: Tally) -> str:
    rows = [
        f"{count:>6}  {code}  {tally.names[code]:<28} {'[*]' if code in tally.fixable_codes else '   '}"
        for code, count in sorted(tally.by_code.items(), key=lambda item: (-item[1], item[0]))
    ]
    return "\n".join(rows) + ("\n" if rows else "")


class Printer:
    """Prints findings in one output format as the run hands them over, note by note.

    Text, GitHub and JSON are written as they come; SARIF numbers its rules by the codes
    the whole run found, so it is written at the end; ``--statistics`` prints counts only."""

    def __init__(self, output_format: str, statistics: bool = False, stream: TextIO = sys.stdout) -> None:
        self.format = output_format
        self.statistics = statistics and output_format == "text"
        self.stream = stream
        self.colour = use_colour(stream)
        self.tally = Tally()
        self._held: list[Finding] = []  # SARIF only
        self._json_items = 0

    def add(self, findings: list[Finding]) -> None:
        self.tally.add(findings)
        if self.format == "sarif":
            self._held.extend(findings)
        elif self.format == "json":
            for f in findings:
                item = json.dumps(finding_json(f), indent=2, ensure_ascii=False).replace("\n", "\n  ")
                self.stream.write(("[\n  " if not self._json_items else ",\n  ") + item)
                self._json_items += 1
        elif self.format == "github":
            self.stream.write(to_github(findings))
        elif not self.statistics:
            self.stream.write(format_text(findings, self.colour))

    def close(self) -> None:
        """The end of the output: closing a JSON array, the SARIF log."""
        if self.format == "sarif":
            self.stream.write(to_sarif(self._held))
        elif self.format == "json":
            self.stream.write("\n]\n" if self._json_items else "[]\n")
        elif self.statistics:
            self.stream.write(statistics(self.tally))


def utf8_path(path: str) -> str:
    """A path that JSON and SARIF can carry as UTF-8: bytes of the file name that are not
    UTF-8 are shown as ``\\xe9``."""
    if not any(0xDC80 <= ord(char) <= 0xDCFF for char in path):
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def finding_json(f: Finding) -> dict[str, object]:
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


def to_sarif(findings: list[Finding]) -> str:
    rules = all_rules()
    used = sorted({f.code for f in findings})
    index = {code: i for i, code in enumerate(used)}
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "notecheck",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/notecheck/",
                        "rules": [
                            {
                                "id": code,
                                "name": rules[code].name,
                                "shortDescription": {"text": rules[code].summary},
                                "defaultConfiguration": {"level": _level(rules[code].severity)},
                            }
                            for code in used
                        ],
                    }
                },
                "results": [
                    {
                        "ruleId": f.code,
                        "ruleIndex": index[f.code],
                        "level": _level(f.severity),
                        "message": {"text": utf8_path(f.message)},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": utf8_path(f.path).replace(os.sep, "/")},
                                    "region": {
                                        "startLine": f.span.line,
                                        "startColumn": f.span.column,
                                        "endLine": f.span.end_line,
                                        "endColumn": max(f.span.end_column, f.span.column),
                                    },
                                }
                            }
                        ],
                    }
                    for f in findings
                ],
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _level(severity: str) -> str:
    return "error" if severity == "error" else "warning"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        command = "error" if f.severity == "error" else "warning"
        lines.append(
            f"::{command} file={_escape_property(printable(f.path))},line={f.span.line},col={f.span.column},"
            f"title={_escape_property(f.code)}::{_escape_data(printable(f.message))}"
        )
    return "\n".join(lines) + ("\n" if lines else "")


def write(text: str, stream: TextIO = sys.stdout) -> None:
    stream.write(text)
