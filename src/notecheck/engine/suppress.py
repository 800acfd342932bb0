"""Suppression comments, as markdownlint users know them.

``<!-- notecheck-disable-next-line NC101 -->``, ``<!-- notecheck-disable-line NC101 -->``
(the line it is on), ``<!-- notecheck-disable NC101 -->`` ... ``<!-- notecheck-enable -->``
and ``<!-- notecheck-disable-file NC205 -->``; no codes means every code. Unknown codes and
unknown directives give NC003, suppressions that hid nothing NC004.
"""

from __future__ import annotations

import difflib

from notecheck.engine.diagnostics import UnknownSuppressionCode, UnusedSuppression
from notecheck.engine.registry import all_rules
from notecheck.model import Finding
from notecheck.note.extract import SUPPRESSION_KINDS
from notecheck.note.summary import NoteSummary, Suppression


def _covers(codes: tuple[str, ...], code: str) -> bool:
    return not codes or any(code.startswith(prefix) for prefix in codes)


def _known(code: str) -> bool:
    return any(rule.startswith(code) for rule in all_rules())


def apply_suppressions(summary: NoteSummary, findings: list[Finding], enabled: set[str]) -> list[Finding]:
    suppressions = summary.suppressions
    if not suppressions:
        return findings
    used: set[int] = set()
    kept: list[Finding] = []
    index = _Index(suppressions)
    for finding in findings:
        hit = index.hiding(finding)
        if hit is None:
            kept.append(finding)
        else:
            used.add(hit)
    for number, suppression in enumerate(suppressions):
        if suppression.kind == "unknown":
            if UnknownSuppressionCode.code in enabled:
                kept.append(_unknown_directive(summary, suppression))
            continue
        unknown = [code for code in suppression.codes if not _known(code)]
        if unknown and UnknownSuppressionCode.code in enabled:
            kept.append(
                UnknownSuppressionCode.finding(
                    summary.rel,
                    suppression.span,
                    f"unknown rule code {', '.join(unknown)} in suppression comment",
                )
            )
            continue
        if suppression.kind == "enable" or number in used or UnusedSuppression.code not in enabled:
            continue
        if suppression.codes and not any(code.startswith(c) for code in enabled for c in suppression.codes):
            continue  # it names only rules that are off: it may matter under another configuration
        what = ", ".join(suppression.codes) or "all rules"
        kept.append(
            UnusedSuppression.finding(
                summary.rel,
                suppression.span,
                f"suppression of {what} suppressed nothing; remove it",
            )
        )
    return kept


def _unknown_directive(summary: NoteSummary, suppression: Suppression) -> Finding:
    written = suppression.codes[0]
    known = [f"notecheck-{kind}" for kind in SUPPRESSION_KINDS]
    close = difflib.get_close_matches(written.lower(), known, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"
    return UnknownSuppressionCode.finding(
        summary.rel,
        suppression.span,
        f"unknown directive '{written}'{hint}",
    )


class _Index:
    """A note's suppressions by what they cover, so each finding looks at the few that can
    hide it (H-10: a scan of every suppression per finding was quadratic)."""

    def __init__(self, suppressions: list[Suppression]) -> None:
        self.suppressions = suppressions
        self.by_line: dict[int, list[int]] = {}  # next-line and line comments, by the line they cover
        self.files: list[int] = []
        self.ranges: list[int] = []  # disable and enable comments, in file order
        for index, suppression in enumerate(suppressions):
            if suppression.kind in ("next-line", "line"):
                self.by_line.setdefault(suppression.target_line, []).append(index)
            elif suppression.kind == "file":
                self.files.append(index)
            elif suppression.kind in ("disable", "enable"):
                self.ranges.append(index)

    def hiding(self, finding: Finding) -> int | None:
        """Index of the suppression that hides ``finding``, or None."""
        code, line = finding.code, finding.span.line
        for index in self.files:
            if _covers(self.suppressions[index].codes, code):
                return index
        for index in self.by_line.get(line, ()):
            if _covers(self.suppressions[index].codes, code):
                return index
        active: dict[int, Suppression] = {}
        for index in self.ranges:
            suppression = self.suppressions[index]
            if suppression.span.line >= line:
                break  # in file order: the rest come after the finding
            if suppression.kind == "disable":
                active[index] = suppression
            else:
                for key in [
                    k for k, s in active.items() if not suppression.codes or set(s.codes) <= set(suppression.codes)
                ]:
                    del active[key]
        for index, suppression in active.items():
            if _covers(suppression.codes, code):
                return index
        return None
