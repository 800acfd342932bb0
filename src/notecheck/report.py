"""Output formats: text (one line per finding), json, sarif and github."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from typing import TextIO

from notecheck import __version__
from notecheck.model import Finding
from notecheck.registry import all_rules

FORMATS = ("text", "json", "sarif", "github")
_RED, _BOLD, _DIM, _CYAN, _RESET = "\033[31m", "\033[1m", "\033[2m", "\033[36m", "\033[0m"


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (https://no-color.org)."""
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def format_text(findings: list[Finding], colour: bool) -> str:
    lines = []
    for f in findings:
        marker = " [*]" if f.fix and f.fix.applicability == "safe" else ""
        if colour:
            lines.append(
                f"{_BOLD}{f.path}{_RESET}{_CYAN}:{_RESET}{f.span.line}{_CYAN}:{_RESET}{f.span.column}{_CYAN}:{_RESET} "
                f"{_RED}{_BOLD}{f.code}{_RESET} {f.message}{marker}"
            )
        else:
            lines.append(f"{f.path}:{f.span.line}:{f.span.column}: {f.code} {f.message}{marker}")
    return "\n".join(lines) + ("\n" if lines else "")


def summary_line(findings: list[Finding], fixed: int) -> str:
    fixable = sum(1 for f in findings if f.fix and f.fix.applicability == "safe")
    unsafe = sum(1 for f in findings if f.fix and f.fix.applicability == "unsafe")
    if not findings:
        return f"Fixed {fixed} problem{'s' * (fixed != 1)}. No problems left." if fixed else "All checks passed!"
    noun = "problem" if len(findings) == 1 else "problems"
    text = f"Found {len(findings)} {noun}"
    extras = []
    if fixed:
        extras.append(f"{fixed} fixed")
    if fixable:
        extras.append(f"{fixable} fixable with --fix")
    if unsafe:
        extras.append(f"{unsafe} more with --unsafe-fixes")
    return text + (f" ({', '.join(extras)})" if extras else "") + "."


def statistics(findings: list[Finding]) -> str:
    counts = Counter(f.code for f in findings)
    fixable = {f.code for f in findings if f.fix and f.fix.applicability == "safe"}
    names = {f.code: f.name for f in findings}
    rows = [
        f"{count:>6}  {code}  {names[code]:<28} {'[*]' if code in fixable else '   '}"
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return "\n".join(rows) + ("\n" if rows else "")


def to_json(findings: list[Finding]) -> str:
    return json.dumps([finding_json(f) for f in findings], indent=2, ensure_ascii=False) + "\n"


def finding_json(f: Finding) -> dict[str, object]:
    return {
        "path": f.path,
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
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
                        "message": {"text": f.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": f.path.replace(os.sep, "/")},
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
            f"::{command} file={_escape_property(f.path)},line={f.span.line},col={f.span.column},"
            f"title={_escape_property(f.code)}::{_escape_data(f.message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")


def write(text: str, stream: TextIO = sys.stdout) -> None:
    stream.write(text)
