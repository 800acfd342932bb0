"""``sarif``: SARIF 2.1.0 for code-scanning uploads. Rules carry their page as help;
results carry their fixes. Written at the end: rules are numbered by the codes the whole
run found."""

from __future__ import annotations

import json
import os
from typing import TextIO

from notecheck import HOMEPAGE, __version__
from notecheck.cli.output.base import Format, Style
from notecheck.cli.output.common import utf8_path
from notecheck.model import Finding, Span


def _level(severity: str) -> str:
    return "error" if severity == "error" else "warning"


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": max(span.end_column, span.column) if span.end_line == span.line else span.end_column,
    }


def _uri(path: str) -> str:
    """A relative URI reference: ``/`` separators, and the characters a URI cannot hold
    (spaces, ``#``, ``%``, ``?``, non-ASCII) percent-encoded."""
    from urllib.parse import quote

    return quote(utf8_path(path).replace(os.sep, "/"), safe="/")


def _rule(code: str) -> dict[str, object]:
    from notecheck.engine.pages import all_pages, user_text
    from notecheck.engine.registry import all_rules

    rule = all_rules()[code]
    entry: dict[str, object] = {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "helpUri": f"{HOMEPAGE}#rules",
        "defaultConfiguration": {"level": _level(rule.severity)},
    }
    page = all_pages().get(code)
    if page is not None:
        text = user_text(page)
        entry["fullDescription"] = {"text": rule.summary}
        entry["help"] = {"text": text, "markdown": text}
    return entry


def _fixes(f: Finding) -> list[dict[str, object]]:
    if f.fix is None:
        return []
    return [
        {
            "description": {"text": f"{f.fix.applicability} fix for {f.code}"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": _uri(f.path)},
                    "replacements": [
                        {"deletedRegion": _region(edit.span), "insertedContent": {"text": edit.content}}
                        for edit in f.fix.edits
                    ],
                }
            ],
        }
    ]


def to_sarif(findings: list[Finding]) -> str:
    used = sorted({f.code for f in findings})
    index = {code: i for i, code in enumerate(used)}
    results = []
    for f in findings:
        result: dict[str, object] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _level(f.severity),
            "message": {"text": utf8_path(f.message)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": _region(f.span)}}],
        }
        if f.fix is not None:
            result["fixes"] = _fixes(f)
        results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "notecheck",
                        "version": __version__,
                        "informationUri": HOMEPAGE,
                        "rules": [_rule(code) for code in used],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


class Sarif(Format):
    def __init__(self, stream: TextIO, style: Style) -> None:
        super().__init__(stream, style)
        self._held: list[Finding] = []

    def add(self, findings: list[Finding]) -> None:
        self._held.extend(findings)

    def close(self) -> None:
        self.stream.write(to_sarif(self._held))
