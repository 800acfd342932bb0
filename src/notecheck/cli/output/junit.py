"""``junit``: a JUnit XML report, one test suite per note with findings and one failed
test case per finding, as CI dashboards show test results. A clean run is one passing
test case, so the report is never empty."""

from __future__ import annotations

from typing import TextIO

from notecheck.cli.output.base import Format, Style
from notecheck.cli.output.common import printable, utf8_path
from notecheck.model import Finding


def _text(text: str) -> str:
    """Text an XML 1.0 document can hold: no control characters, markup escaped."""
    return printable(utf8_path(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Junit(Format):
    def __init__(self, stream: TextIO, style: Style) -> None:
        super().__init__(stream, style)
        self._suites: dict[str, list[Finding]] = {}

    def add(self, findings: list[Finding]) -> None:
        for f in findings:
            self._suites.setdefault(f.path, []).append(f)

    def close(self) -> None:
        from xml.sax.saxutils import quoteattr  # 30 ms of imports (urllib, email) a run of another format never needs

        total = sum(len(group) for group in self._suites.values())
        out = ['<?xml version="1.0" encoding="UTF-8"?>']
        out.append(f'<testsuites name="notecheck" tests="{max(total, 1)}" failures="{total}">')
        if not total:
            out.append('  <testsuite name="notecheck" tests="1" failures="0">')
            out.append('    <testcase name="notecheck" classname="notecheck"/>')
            out.append("  </testsuite>")
        for path, group in self._suites.items():
            name = quoteattr(printable(utf8_path(path)))
            out.append(f'  <testsuite name={name} tests="{len(group)}" failures="{len(group)}">')
            for f in group:
                where = f"{f.span.line}:{f.span.column}"
                out.append(f"    <testcase name={quoteattr(f'{f.code} {f.name} at {where}')} classname={name}>")
                message = quoteattr(printable(utf8_path(f.message)))
                out.append(f"      <failure message={message} type={quoteattr(f.code)}>")
                out.append(f"{_text(f.path)}:{where}: {f.code} {_text(f.message)}</failure>")
                out.append("    </testcase>")
            out.append("  </testsuite>")
        out.append("</testsuites>")
        self.stream.write("\n".join(out) + "\n")
