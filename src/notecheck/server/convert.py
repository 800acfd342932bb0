"""Findings and fixes in the language server protocol's terms: 0-based lines, columns in
UTF-16 code units (the protocol's default; ours count code points), code actions."""

from __future__ import annotations

import re

from lsprotocol import types

from notecheck import HOMEPAGE
from notecheck.model import Finding, Fix, Span

_NEWLINE = re.compile(r"\r\n|\r|\n")


class Lines:
    """A buffer's lines, to turn our (line, code point column) into LSP positions and back."""

    def __init__(self, text: str) -> None:
        self.lines = _NEWLINE.split(text)

    def position(self, line: int, column: int) -> types.Position:
        """Our 1-based line and code point column as an LSP position."""
        index = min(max(line - 1, 0), len(self.lines) - 1)
        text = self.lines[index]
        prefix = text[: max(column - 1, 0)]
        return types.Position(line=index, character=len(prefix.encode("utf-16-le", "surrogatepass")) // 2)

    def range(self, span: Span) -> types.Range:
        return types.Range(
            start=self.position(span.line, span.column), end=self.position(span.end_line, span.end_column)
        )

    def point(self, position: types.Position) -> tuple[int, int]:
        """An LSP position as our 1-based line and code point column."""
        if position.line >= len(self.lines):
            return len(self.lines), 1
        text = self.lines[position.line]
        units = 0
        for index, char in enumerate(text):
            if units >= position.character:
                return position.line + 1, index + 1
            units += 2 if ord(char) > 0xFFFF else 1
        return position.line + 1, len(text) + 1


def diagnostic(finding: Finding, lines: Lines) -> types.Diagnostic:
    severity = types.DiagnosticSeverity.Error if finding.severity == "error" else types.DiagnosticSeverity.Warning
    return types.Diagnostic(
        range=lines.range(finding.span),
        message=finding.message,
        severity=severity,
        code=finding.code,
        code_description=types.CodeDescription(href=f"{HOMEPAGE}#rules"),
        source="notecheck",
        data={"name": finding.name},
    )


def text_edits(fix: Fix, lines: Lines) -> list[types.TextEdit]:
    return [types.TextEdit(range=lines.range(edit.span), new_text=edit.content) for edit in fix.edits]


def code_action(finding: Finding, uri: str, lines: Lines) -> types.CodeAction | None:
    """A quick fix: safe fixes are preferred; unsafe ones say so in their title."""
    if finding.fix is None:
        return None
    safe = finding.fix.applicability == "safe"
    title = f"{'Fix' if safe else 'Unsafe fix'} {finding.code}: {finding.message}"
    return types.CodeAction(
        title=title if safe else title + " (may change where a link leads)",
        kind=types.CodeActionKind.QuickFix,
        is_preferred=safe,
        diagnostics=[diagnostic(finding, lines)],
        edit=types.WorkspaceEdit(changes={uri: text_edits(finding.fix, lines)}),
    )


def whole_document(uri: str, old: str, new: str, title: str, kind: str) -> types.CodeAction:
    """A code action that replaces the buffer's text (``fix all``: several passes)."""
    lines = Lines(old)
    end = lines.position(len(lines.lines), len(lines.lines[-1]) + 1)
    edit = types.TextEdit(range=types.Range(start=types.Position(line=0, character=0), end=end), new_text=new)
    return types.CodeAction(title=title, kind=kind, edit=types.WorkspaceEdit(changes={uri: [edit]}))
